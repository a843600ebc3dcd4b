import { describe, it, expect } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { subscribeThrottled } from './throttled';

function fakeTimers() {
  let now = 0;
  const queue: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  return {
    now: () => now,
    set: (fn: () => void, ms: number) => {
      const id = ++ids;
      queue.push({ at: now + ms, fn, id });
      return id;
    },
    clear: (h: unknown) => {
      const i = queue.findIndex((q) => q.id === h);
      if (i >= 0) queue.splice(i, 1);
    },
    advance(ms: number) {
      now += ms;
      for (;;) {
        queue.sort((a, b) => a.at - b.at);
        const next = queue[0];
        if (!next || next.at > now) return;
        queue.shift();
        next.fn();
      }
    },
  };
}

describe('subscribeThrottled', () => {
  it('notifies once per interval for a burst of changes, ignores other fields, and stops when unsubscribed', () => {
    const store = createStore<{ pods: number[]; clock: number }>()(() => ({ pods: [], clock: 0 }));
    const t = fakeTimers();
    const seen: number[][] = [];
    const off = subscribeThrottled(store, (s) => s.pods, 250, () => seen.push(store.getState().pods), t);
    store.setState({ clock: 1 }); // not the selected field
    t.advance(1000);
    expect(seen).toEqual([]);
    // First change of a quiet period: delivered at once (the last notification is long past).
    store.setState({ pods: [1] });
    t.advance(0);
    expect(seen).toEqual([[1]]);
    // A burst within the interval: one trailing notification with the newest value.
    t.advance(10);
    store.setState({ pods: [1, 2] });
    t.advance(100);
    store.setState({ pods: [1, 2, 3] });
    t.advance(139);
    expect(seen).toEqual([[1]]);
    t.advance(1);
    expect(seen).toEqual([[1], [1, 2, 3]]);
    store.setState({ pods: [4] });
    off();
    t.advance(1000);
    expect(seen).toEqual([[1], [1, 2, 3]]);
  });
});
