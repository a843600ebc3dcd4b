// UI strings of the demo player (instructor mode) in English and Spanish, registered into
// i18next next to the app's resources. Demo notes themselves come from src/labs/demos.
// Leaves out: plural forms.
import { stringsRegistrar } from '../../i18n/register';

export const demosEn = {
  demos: {
    open: 'Demos',
    region: 'Demo player',
    list: 'Ready-made demos',
    openDemo: 'Open the demo {{title}}',
    back: 'All demos',
    steps: 'Steps of the demo',
    stepOf: 'Step {{n}} of {{total}}',
    goTo: 'Go to step {{n}}',
    previous: 'Previous',
    run: 'Run this step',
    running: 'Running…',
    auto: 'Auto',
    autoWait: 'Next step in {{seconds}} s of virtual time',
    autoPaused: 'the clock is paused: press Play to go on',
    restart: 'Restart',
    fresh: 'Start on a fresh cluster',
    freshConfirm: 'This deletes the current cluster and reloads the page onto a fresh one, at step 1 of “{{title}}”. Continue?',
    finished: 'End of the demo. Restart it, or pick another one.',
    helpTitle: 'How the player works',
    help: 'Run plays the step in the terminal. Auto plays the following steps, waiting each one’s pause in virtual time (pausing the clock holds it); typing in the terminal or an unexpected exit status stops it. Previous only moves back: it does not undo what the cluster did.',
    controls: 'Player controls',
    command: 'Command',
    manifest: 'Manifest {{file}}',
    stopNode: 'First stops the kubelet of {{node}} (as the Failure injection panel does).',
    startNode: 'First starts the kubelet of {{node}} again.',
    expectsFailure: 'This command is expected to fail (exit status {{status}}).',
    exitOk: 'Done (exit status {{status}}).',
    exitUnexpected: 'Exit status {{status}}, {{expected}} was expected.',
    noTerminal: 'There is no terminal on the page to type into.',
    terminalBusy: 'The terminal is busy: wait for the running command to end (or press Ctrl-C), or clear the line you are typing, then run the step again.',
    writeFailed: 'The manifest could not be written: {{detail}}',
    faultFailed: 'The failure could not be injected: {{detail}}',
    played: 'played',
  },
};

export type DemosResources = typeof demosEn;

export const demosEs: DemosResources = {
  demos: {
    open: 'Demos',
    region: 'Reproductor de demos',
    list: 'Demos preparadas',
    openDemo: 'Abrir la demo {{title}}',
    back: 'Todas las demos',
    steps: 'Pasos de la demo',
    stepOf: 'Paso {{n}} de {{total}}',
    goTo: 'Ir al paso {{n}}',
    previous: 'Anterior',
    run: 'Ejecutar este paso',
    running: 'Ejecutando…',
    auto: 'Automático',
    autoWait: 'Siguiente paso en {{seconds}} s de tiempo virtual',
    autoPaused: 'el reloj está en pausa: pulsa Reproducir para seguir',
    restart: 'Volver al principio',
    fresh: 'Empezar en un clúster nuevo',
    freshConfirm: 'Esto borra el clúster actual y recarga la página con uno nuevo, en el paso 1 de «{{title}}». ¿Continuar?',
    finished: 'Fin de la demo. Vuelve al principio o elige otra.',
    helpTitle: 'Cómo funciona el reproductor',
    help: 'Ejecutar reproduce el paso en la terminal. Automático reproduce los siguientes pasos, esperando la pausa de cada uno en tiempo virtual (si pausas el reloj, espera); escribir en la terminal o un código de salida inesperado lo detiene. Anterior solo retrocede: no deshace lo que hizo el clúster.',
    controls: 'Controles del reproductor',
    command: 'Comando',
    manifest: 'Manifiesto {{file}}',
    stopNode: 'Antes para el kubelet de {{node}} (como hace el panel Inyección de fallos).',
    startNode: 'Antes vuelve a arrancar el kubelet de {{node}}.',
    expectsFailure: 'Se espera que este comando falle (código de salida {{status}}).',
    exitOk: 'Hecho (código de salida {{status}}).',
    exitUnexpected: 'Código de salida {{status}}; se esperaba {{expected}}.',
    noTerminal: 'No hay ninguna terminal en la página donde escribir.',
    terminalBusy: 'La terminal está ocupada: espera a que termine el comando en curso (o pulsa Ctrl-C), o borra la línea que estás escribiendo, y vuelve a ejecutar el paso.',
    writeFailed: 'No se pudo escribir el manifiesto: {{detail}}',
    faultFailed: 'No se pudo inyectar el fallo: {{detail}}',
    played: 'reproducido',
  },
};

/** Adds the demo player's strings to i18next (once, when it is initialised). */
export const registerDemoStrings = stringsRegistrar(demosEn, demosEs);
