// Light and dark themes: the page follows the system's `prefers-color-scheme` until the user
// picks one with the toggle; the choice is kept in localStorage and applied as
// <html data-theme="..."> (theme.css holds the colours). Pure helpers plus a tiny store.
// Leaves out: a "follow the system again" choice (clearing the stored value does that).
import { createStore } from 'zustand/vanilla';

export type Theme = 'light' | 'dark';
export const THEME_KEY = 'timonel.theme';

export function isTheme(x: unknown): x is Theme {
  return x === 'light' || x === 'dark';
}

/** The stored choice wins; otherwise the system preference. */
export function resolveTheme(stored: string | null | undefined, systemDark: boolean): Theme {
  return isTheme(stored) ? stored : systemDark ? 'dark' : 'light';
}

export function otherTheme(t: Theme): Theme {
  return t === 'dark' ? 'light' : 'dark';
}

interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface ThemeEnv {
  storage?: StorageLike;
  /** The `(prefers-color-scheme: dark)` query, when there is a window. */
  media?: { matches: boolean; addEventListener(type: 'change', cb: (e: { matches: boolean }) => void): void };
  root?: { setAttribute(name: string, value: string): void };
}

export interface ThemeState {
  theme: Theme;
  /** True once the user chose (then the system preference no longer applies). */
  chosen: boolean;
  toggle(): void;
  set(theme: Theme): void;
}

function safeGet(storage: StorageLike | undefined): string | null {
  try {
    return storage?.getItem(THEME_KEY) ?? null;
  } catch {
    return null; // storage blocked (privacy mode): follow the system
  }
}

export function createThemeStore(env: ThemeEnv) {
  const stored = safeGet(env.storage);
  const store = createStore<ThemeState>()((setState, get) => ({
    theme: resolveTheme(stored, env.media?.matches ?? false),
    chosen: isTheme(stored),
    toggle: () => get().set(otherTheme(get().theme)),
    set: (theme) => {
      try {
        env.storage?.setItem(THEME_KEY, theme);
      } catch {
        // not remembered, still applied
      }
      setState({ theme, chosen: true });
    },
  }));
  const apply = (t: Theme) => env.root?.setAttribute('data-theme', t);
  apply(store.getState().theme);
  store.subscribe((s) => apply(s.theme));
  env.media?.addEventListener('change', (e) => {
    if (!store.getState().chosen) store.setState({ theme: e.matches ? 'dark' : 'light' });
  });
  return store;
}

export type ThemeStore = ReturnType<typeof createThemeStore>;
