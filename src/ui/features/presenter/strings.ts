// UI strings of the presenter view (instructor mode) in English and Spanish, registered into
// i18next next to the app's resources. Leaves out: plural forms.
import i18next from 'i18next';

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

let registered = false;

/** Adds the presenter view's strings to i18next (once, when it is initialised). */
export function registerPresenterStrings(): void {
  if (registered) return;
  const add = () => {
    if (registered) return;
    registered = true;
    i18next.addResourceBundle('en', 'translation', presenterEn, true, false);
    i18next.addResourceBundle('es', 'translation', presenterEs, true, false);
  };
  if (i18next.isInitialized) add();
  else i18next.on('initialized', add);
}
