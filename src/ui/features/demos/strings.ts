// UI strings of the demo player (instructor mode) in English and Spanish, registered into
// i18next next to the app's resources. Demo notes themselves come from src/labs/demos.
// Leaves out: plural forms.
import i18next from 'i18next';

export const demosEn = {
  demos: {
    open: 'Demos',
    region: 'Demo player',
  },
};

export type DemosResources = typeof demosEn;

export const demosEs: DemosResources = {
  demos: {
    open: 'Demos',
    region: 'Reproductor de demos',
  },
};

let registered = false;

/** Adds the demo player's strings to i18next (once, when it is initialised). */
export function registerDemoStrings(): void {
  if (registered) return;
  const add = () => {
    if (registered) return;
    registered = true;
    i18next.addResourceBundle('en', 'translation', demosEn, true, false);
    i18next.addResourceBundle('es', 'translation', demosEs, true, false);
  };
  if (i18next.isInitialized) add();
  else i18next.on('initialized', add);
}
