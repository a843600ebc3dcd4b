import { describe, it, expect } from 'vitest';
import { THEME_KEY, createThemeStore, resolveTheme } from './theme';

function env(stored: string | null, systemDark: boolean) {
  const data = new Map<string, string>(stored === null ? [] : [[THEME_KEY, stored]]);
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const attrs = new Map<string, string>();
  return {
    data, attrs,
    fireSystem: (matches: boolean) => listeners.forEach((l) => l({ matches })),
    env: {
      storage: { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) },
      media: { matches: systemDark, addEventListener: (_: 'change', cb: (e: { matches: boolean }) => void) => void listeners.push(cb) },
      root: { setAttribute: (k: string, v: string) => void attrs.set(k, v) },
    },
  };
}

describe('theme', () => {
  it.each([
    [null, false, 'light'], [null, true, 'dark'], ['light', true, 'light'], ['dark', false, 'dark'], ['purple', true, 'dark'],
  ] as const)('stored %s, system dark %s → %s', (stored, dark, expected) => {
    expect(resolveTheme(stored, dark)).toBe(expected);
  });

  it('follows the system until the user toggles, then remembers the choice', () => {
    const e = env(null, false);
    const store = createThemeStore(e.env);
    expect(e.attrs.get('data-theme')).toBe('light');
    e.fireSystem(true);
    expect(store.getState().theme).toBe('dark');
    expect(e.attrs.get('data-theme')).toBe('dark');
    store.getState().toggle();
    expect(e.attrs.get('data-theme')).toBe('light');
    expect(e.data.get(THEME_KEY)).toBe('light');
    e.fireSystem(true);
    expect(store.getState().theme).toBe('light');
    const again = createThemeStore(env('light', true).env);
    expect(again.getState()).toMatchObject({ theme: 'light', chosen: true });
  });
});
