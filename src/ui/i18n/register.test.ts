import { describe, it, expect } from 'vitest';
import i18next from 'i18next';
import { stringsRegistrar } from './register';

describe('stringsRegistrar', () => {
  it('adds both bundles once i18next is initialised, and only once', async () => {
    const en = { registerProbe: { hello: 'Hello {{who}}' } };
    const es = { registerProbe: { hello: 'Hola {{who}}' } };
    const register = stringsRegistrar(en, es);
    if (!i18next.isInitialized) {
      register(); // before initialisation: waits for it
      await i18next.init({ lng: 'en', fallbackLng: 'en', resources: {} });
    }
    register();
    register();
    expect(i18next.getFixedT('en')('registerProbe.hello', { who: 'pod' })).toBe('Hello pod');
    expect(i18next.getFixedT('es')('registerProbe.hello', { who: 'pod' })).toBe('Hola pod');
    // A later registrar of the same keys does not overwrite (deep merge, no overwrite).
    stringsRegistrar({ registerProbe: { hello: 'X' } }, { registerProbe: { hello: 'Y' } })();
    expect(i18next.getFixedT('en')('registerProbe.hello', { who: 'pod' })).toBe('Hello pod');
  });
});
