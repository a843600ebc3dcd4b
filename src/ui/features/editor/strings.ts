// The YAML editor's UI strings in English and Spanish, added to i18next's `translation`
// namespace under `editor` when the editor slot first renders (kinds and file names stay in
// English, as in the course glossary; kubectl's messages are never translated).
import type { i18n as I18n } from 'i18next';

export const editorEn = {
  label: 'YAML editor',
  open: 'Open editor',
  loading: 'Loading the editor…',
  failed: 'The editor could not be loaded: {{message}}',
  templates: 'Templates',
  newFromTemplate: 'New from template…',
  openFile: 'Open file',
  openFilePlaceholder: 'Open a file…',
  noFiles: 'No files in {{dir}}',
  save: 'Save',
  apply: 'Apply',
  dryRun: 'Dry run',
  close: 'Close {{file}}',
  tabs: 'Open files',
  unsaved: 'unsaved changes',
  empty: 'Pick a template or open a file of the shell.',
  text: 'Manifest {{file}}',
  result: 'Result',
  line: 'line {{line}}',
  saved: 'Saved {{path}}',
  running: 'Running kubectl apply…',
};

export type EditorStrings = typeof editorEn;

export const editorEs: EditorStrings = {
  label: 'Editor YAML',
  open: 'Abrir editor',
  loading: 'Cargando el editor…',
  failed: 'No se ha podido cargar el editor: {{message}}',
  templates: 'Plantillas',
  newFromTemplate: 'Nuevo desde plantilla…',
  openFile: 'Abrir archivo',
  openFilePlaceholder: 'Abrir un archivo…',
  noFiles: 'No hay archivos en {{dir}}',
  save: 'Guardar',
  apply: 'Aplicar',
  dryRun: 'Prueba',
  close: 'Cerrar {{file}}',
  tabs: 'Archivos abiertos',
  unsaved: 'cambios sin guardar',
  empty: 'Elige una plantilla o abre un archivo de la shell.',
  text: 'Manifiesto {{file}}',
  result: 'Resultado',
  line: 'línea {{line}}',
  saved: 'Guardado {{path}}',
  running: 'Ejecutando kubectl apply…',
};

/** Adds the editor strings once (idempotent); call before the first `t('editor.…')`. */
export function ensureEditorStrings(i18n: I18n): void {
  if (i18n.hasResourceBundle('en', 'translation') && i18n.exists('editor.label', { lng: 'en' })) return;
  i18n.addResourceBundle('en', 'translation', { editor: editorEn }, true, false);
  i18n.addResourceBundle('es', 'translation', { editor: editorEs }, true, false);
}
