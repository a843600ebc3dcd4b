// UI strings of the playground tools (persistence bar, failure injection, inspector, resource
// tables) in English and Spanish, registered into i18next next to the app's resources.
// Kubernetes kinds and kubectl verbs stay in English (course glossary); kubectl output is never
// translated. Leaves out: plural forms (no counted strings here).
import { stringsRegistrar } from '../../i18n/register';

export const toolsEn = {
  persistence: {
    region: 'Playground',
    menu: 'Playground',
    saved: 'Saved',
    notSaved: 'Not saved yet',
    reset: 'Reset',
    resetConfirm: 'Delete this playground (objects, files, history) and start a fresh cluster?',
    export: 'Export',
    import: 'Import',
    importFailed: 'Import failed: {{message}}',
    tooLarge: 'the file is larger than {{max}} MB',
  },
  faults: {
    region: 'Failure injection',
    pod: 'Pod',
    container: 'Container',
    node: 'Node',
    deployment: 'Deployment',
    none: '(none)',
    deletePod: 'Delete pod',
    killContainer: 'Kill container',
    stopNode: 'Stop node',
    startNode: 'Start node',
    cordon: 'Cordon',
    uncordon: 'Uncordon',
    drain: 'Drain',
    breakImage: 'Break image',
    done: 'Done: {{action}}',
    failed: 'Failed: {{action}}',
    output: 'Result',
  },
  inspector: {
    region: 'Inspector',
    close: 'Close',
    refresh: 'Refresh',
    yaml: 'YAML',
    describe: 'Describe',
    events: 'Events',
    logs: 'Logs',
    loading: 'Loading…',
    noEvents: 'No events for this object.',
  },
  tables: {
    region: 'Resources',
    kinds: 'Resource kind',
    empty: 'No resources found.',
    open: 'Inspect {{name}}',
  },
};

export type ToolsResources = typeof toolsEn;

export const toolsEs: ToolsResources = {
  persistence: {
    region: 'Entorno',
    menu: 'Entorno',
    saved: 'Guardado',
    notSaved: 'Aún sin guardar',
    reset: 'Reiniciar',
    resetConfirm: '¿Borrar este entorno (objetos, archivos, historial) y empezar con un clúster nuevo?',
    export: 'Exportar',
    import: 'Importar',
    importFailed: 'No se pudo importar: {{message}}',
    tooLarge: 'el archivo ocupa más de {{max}} MB',
  },
  faults: {
    region: 'Inyección de fallos',
    pod: 'Pod',
    container: 'Contenedor',
    node: 'Nodo',
    deployment: 'Deployment',
    none: '(ninguno)',
    deletePod: 'Borrar pod',
    killContainer: 'Matar contenedor',
    stopNode: 'Apagar nodo',
    startNode: 'Encender nodo',
    cordon: 'Acordonar (cordon)',
    uncordon: 'Desacordonar (uncordon)',
    drain: 'Vaciar (drain)',
    breakImage: 'Romper imagen',
    done: 'Hecho: {{action}}',
    failed: 'Ha fallado: {{action}}',
    output: 'Resultado',
  },
  inspector: {
    region: 'Inspector',
    close: 'Cerrar',
    refresh: 'Actualizar',
    yaml: 'YAML',
    describe: 'Describe',
    events: 'Eventos',
    logs: 'Logs',
    loading: 'Cargando…',
    noEvents: 'No hay eventos de este objeto.',
  },
  tables: {
    region: 'Recursos',
    kinds: 'Tipo de recurso',
    empty: 'No se encontraron recursos.',
    open: 'Inspeccionar {{name}}',
  },
};

/** Adds the tools' strings to i18next (once, when it is initialised). */
export const registerToolStrings = stringsRegistrar(toolsEn, toolsEs);
