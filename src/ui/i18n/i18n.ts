// i18next setup: English and Spanish bundled (they are small), language from the URL or the
// browser, switchable at run time; the <html lang> attribute follows the language.
// Leaves out: lazy-loaded language packs and plural rules beyond i18next's defaults.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { detectLanguage, en, es } from './resources';
import type { Language } from './resources';

export function initI18n(): typeof i18next {
  const lng = detectLanguage(window.location.search, navigator.languages ?? [navigator.language]);
  void i18next.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, es: { translation: es } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
}

export function setLanguage(l: Language): void {
  void i18next.changeLanguage(l);
  const url = new URL(window.location.href);
  url.searchParams.set('lang', l);
  window.history.replaceState(null, '', url);
}
