// UI strings of the presenter view (instructor mode) in English and Spanish, registered into
// i18next next to the app's resources. Leaves out: plural forms.
import { stringsRegistrar } from '../../i18n/register';

export const presenterEn = {
  presenter: {
    toggle: 'Presenter view',
    title: 'Large fonts, graph and terminal side by side (Esc leaves)',
  },
};

export type PresenterResources = typeof presenterEn;

export const presenterEs: PresenterResources = {
  presenter: {
    toggle: 'Vista de presentación',
    title: 'Letra grande, gráfico y terminal lado a lado (Esc para salir)',
  },
};

/** Adds the presenter view's strings to i18next (once, when it is initialised). */
export const registerPresenterStrings = stringsRegistrar(presenterEn, presenterEs);
