// Strings of the theme toggle in English and Spanish, merged into i18next.
import { stringsRegistrar } from '../../i18n/register';

export const themeEn = { theme: { toggle: 'Theme', light: 'Light theme', dark: 'Dark theme' } };
export const themeEs: typeof themeEn = { theme: { toggle: 'Tema', light: 'Tema claro', dark: 'Tema oscuro' } };

export const registerThemeStrings = stringsRegistrar(themeEn, themeEs);
