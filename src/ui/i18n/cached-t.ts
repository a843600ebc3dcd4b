// A memo in front of i18next's `t` for panels that re-render while the cluster changes (the
// failure-injection panel, the resource tables): i18next resolves every call afresh (key
// parsing, namespace checks, interpolation), about as much as the rest of those panels' renders
// together in a profile of a 1,000-pod scale-up, with react-i18next's useTranslation checking on
// every render that the namespace has loaded. useCachedT follows the language only (the bundles
// are part of the app, see i18n.ts): one fixed `t`, and one cache, per language.
// Not cached: a result equal to its key (a missing string, which a bundle registered later may
// still provide). The cache starts over beyond MAX_ENTRIES (row labels carry object names).
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { getI18n } from 'react-i18next';

/** Entries kept at most per language before the cache starts over. */
export const MAX_ENTRIES = 2048;

type Options = Record<string, string | number>;
export type CachedT = (key: string, options?: Options) => string;
type Translate = (key: string, options?: Options) => string;

const caches = new WeakMap<object, CachedT>();

/** The memoised form of `t`: the same function for the same `t`. */
export function cachedT(t: Translate): CachedT {
  const known = caches.get(t);
  if (known) return known;
  const memo = new Map<string, string>();
  const fn: CachedT = (key, options) => {
    let id = key;
    if (options) {
      for (const k in options) id += `\u0000${k}\u0000${options[k]}`;
    }
    const hit = memo.get(id);
    if (hit !== undefined) return hit;
    const text = t(key, options);
    if (text === key) return text;
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(id, text);
    return text;
  };
  caches.set(t, fn);
  return fn;
}

/** The current language's `t`, memoised (see cachedT); re-renders when the language changes. */
export function useCachedT(): CachedT {
  const i18n = getI18n();
  const subscribe = useCallback((notify: () => void) => {
    i18n.on('languageChanged', notify);
    return () => i18n.off('languageChanged', notify);
  }, [i18n]);
  const lng = useSyncExternalStore(subscribe, () => i18n.language);
  return useMemo(() => cachedT(i18n.getFixedT(lng) as unknown as Translate), [i18n, lng]);
}
