import { describe, it, expect } from 'vitest';
import i18next from 'i18next';
import { MAX_ENTRIES, cachedT } from './cached-t';

/** A `t` over a fixed table that records its calls. */
function fakeT(table: Record<string, string>) {
  const calls: string[] = [];
  const t = (key: string, options?: Record<string, string | number>) => {
    calls.push(key);
    const text = table[key];
    if (text === undefined) return key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(options?.[k] ?? ''));
  };
  return { t, calls };
}

describe('cachedT', () => {
  it('returns what t returns and calls t once per key and options', () => {
    const { t, calls } = fakeT({ 'a.b': 'Apply', 'tables.open': 'Open {{name}}', pair: '{{x}}-{{y}}' });
    const c = cachedT(t);
    expect([c('a.b'), c('a.b'), c('tables.open', { name: 'web-1' }), c('tables.open', { name: 'web-2' }), c('tables.open', { name: 'web-1' })])
      .toEqual(['Apply', 'Apply', 'Open web-1', 'Open web-2', 'Open web-1']);
    expect(calls).toEqual(['a.b', 'tables.open', 'tables.open']);
    // Option names are part of the identity: {x: 'a-b'} and {x: 'a', y: 'b'} differ.
    expect([c('pair', { x: 'a-b' }), c('pair', { x: 'a', y: 'b' })]).toEqual(['a-b-', 'a-b']);
    expect(calls).toHaveLength(5);
  });

  it('is one function per t, so one cache per language', () => {
    const en = fakeT({ k: 'Pause' }).t;
    const es = fakeT({ k: 'Pausa' }).t;
    expect(cachedT(en)).toBe(cachedT(en));
    expect([cachedT(en)('k'), cachedT(es)('k')]).toEqual(['Pause', 'Pausa']);
  });

  it('does not cache a missing string (the key comes back)', () => {
    const table: Record<string, string> = {};
    const { t, calls } = fakeT(table);
    const c = cachedT(t);
    expect(c('late.key')).toBe('late.key');
    table['late.key'] = 'Registered later';
    expect(c('late.key')).toBe('Registered later');
    expect(calls).toEqual(['late.key', 'late.key']);
  });

  it('starts over beyond MAX_ENTRIES', () => {
    const { t, calls } = fakeT({ row: 'Open {{name}}' });
    const c = cachedT(t);
    for (let i = 0; i <= MAX_ENTRIES; i++) c('row', { name: `pod-${i}` });
    expect(calls).toHaveLength(MAX_ENTRIES + 1);
    c('row', { name: `pod-${MAX_ENTRIES}` }); // the entry added after the cache started over
    c('row', { name: 'pod-0' }); // dropped when it started over
    expect(calls).toHaveLength(MAX_ENTRIES + 2);
  });

  it('gives i18next’s own results, interpolation included', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'es',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      resources: { en: { translation: { open: 'Open {{name}}' } }, es: { translation: { open: 'Abrir {{name}}' } } },
    });
    const es = cachedT(i18n.getFixedT('es') as never);
    const en = cachedT(i18n.getFixedT('en') as never);
    expect([es('open', { name: 'web-1' }), en('open', { name: 'web-1' }), es('open', { name: 'web-1' })]).toEqual(['Abrir web-1', 'Open web-1', 'Abrir web-1']);
  });
});
