// Strings of the theme toggle in English and Spanish, merged into i18next.
import i18next from 'i18next';

export const themeEn = { theme: { toggle: 'Theme', light: 'Light theme', dark: 'Dark theme' } };
export const themeEs: typeof themeEn = { theme: { toggle: 'Tema', light: 'Tema claro', dark: 'Tema oscuro' } };

let registered = false;
export function registerThemeStrings(): void {
  if (registered) return;
  const add = () => {
    if (registered) return;
    registered = true;
    i18next.addResourceBundle('en', 'translation', themeEn, true, false);
    i18next.addResourceBundle('es', 'translation', themeEs, true, false);
  };
  if (i18next.isInitialized) add();
  else i18next.on('initialized', add);
}
