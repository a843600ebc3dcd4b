// A feature's strings join the app's i18next resources: `stringsRegistrar(en, es)` gives the
// function a feature calls before it renders, which adds both bundles once, now or when i18next
// has been initialised (features are loaded lazily, before or after it).
import i18next from 'i18next';

export function stringsRegistrar<T extends object>(en: T, es: T): () => void {
  let registered = false;
  const add = () => {
    if (registered) return;
    registered = true;
    i18next.addResourceBundle('en', 'translation', en, true, false);
    i18next.addResourceBundle('es', 'translation', es, true, false);
  };
  return () => {
    if (registered) return;
    if (i18next.isInitialized) add();
    else i18next.on('initialized', add);
  };
}
