// UI strings of scenario sharing (the Share link button and opening a shared link) in English and
// Spanish, registered into i18next next to the app's resources. "Playground" is "entorno", as in
// the persistence bar. Leaves out: plural forms (lengths are shown as numbers).
import { stringsRegistrar } from '../../i18n/register';

export const shareEn = {
  share: {
    button: 'Share link',
    creating: 'Creating the link…',
    field: 'Link to this scenario',
    copied: 'Link copied to the clipboard ({{length}} characters).',
    copyFailed: 'Could not copy to the clipboard: copy the link from the field ({{length}} characters).',
    tooLong: 'The link would be {{length}} characters, longer than browsers accept ({{max}}). Use Export to share the scenario as a file.',
    failed: 'Could not create the link: {{message}}',
    openConfirm: 'Open the shared scenario? It replaces your current playground.',
    opening: 'Opening the shared scenario…',
    openCorrupt: 'The shared link is damaged or incomplete. Nothing was changed.',
    openTooLarge: 'The shared scenario is larger than {{max}} MB. Nothing was changed.',
    openInvalid: 'The shared scenario could not be opened ({{message}}). Nothing was changed.',
    dismiss: 'Dismiss',
  },
};

export type ShareResources = typeof shareEn;

export const shareEs: ShareResources = {
  share: {
    button: 'Compartir enlace',
    creating: 'Creando el enlace…',
    field: 'Enlace a este escenario',
    copied: 'Enlace copiado al portapapeles ({{length}} caracteres).',
    copyFailed: 'No se pudo copiar al portapapeles: copia el enlace del campo ({{length}} caracteres).',
    tooLong: 'El enlace tendría {{length}} caracteres, más de lo que aceptan los navegadores ({{max}}). Usa Exportar para compartir el escenario como archivo.',
    failed: 'No se pudo crear el enlace: {{message}}',
    openConfirm: '¿Abrir el escenario compartido? Reemplaza tu entorno actual.',
    opening: 'Abriendo el escenario compartido…',
    openCorrupt: 'El enlace compartido está dañado o incompleto. No se cambió nada.',
    openTooLarge: 'El escenario compartido ocupa más de {{max}} MB. No se cambió nada.',
    openInvalid: 'No se pudo abrir el escenario compartido ({{message}}). No se cambió nada.',
    dismiss: 'Cerrar',
  },
};

/** Adds the share strings to i18next (once, when it is initialised). */
export const registerShareStrings = stringsRegistrar(shareEn, shareEs);
