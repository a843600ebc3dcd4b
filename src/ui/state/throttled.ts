// A store selection that re-renders its component at most once per `ms` of wall time: for
// panels people read (pickers, lists) that need not follow every animation frame while a
// thousand pods change. The newest value is always what a render reads; only notifications
// are spaced (the last change of a burst is never lost: a trailing timer delivers it).
// The first change after a quiet period is delivered on a 0 ms timer (right after the frame).
// Leaves out: React transitions (a throttled render is still synchronous when it comes).
import { useCallback, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';

/** Calls `notify` at most once per `ms` after `select` changes (by identity); returns the unsubscribe. */
export function subscribeThrottled<S, T>(
  store: Pick<StoreApi<S>, 'subscribe'>,
  select: (s: S) => T,
  ms: number,
  notify: () => void,
  timers: { now(): number; set(fn: () => void, ms: number): unknown; clear(h: unknown): void } = defaultTimers,
): () => void {
  let timer: unknown;
  let last = -Infinity;
  const run = () => {
    timer = undefined;
    last = timers.now();
    notify();
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (timer !== undefined || select(s) === select(prev)) return;
    timer = timers.set(run, Math.max(0, last + ms - timers.now()));
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) timers.clear(timer);
  };
}

const defaultTimers = {
  now: () => performance.now(),
  set: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clear: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** `select` must be stable (a module-level function); the value re-renders at most every `ms`. */
export function useThrottledSelection<S, T>(store: StoreApi<S>, select: (s: S) => T, ms: number): T {
  const subscribe = useCallback((notify: () => void) => subscribeThrottled(store, select, ms, notify), [store, select, ms]);
  const get = useCallback(() => select(store.getState()), [store, select]);
  return useSyncExternalStore(subscribe, get);
}
