import { describe, it, expect } from 'vitest';
import type { KObject } from '../../engine';
import type { ObjectEvent } from '../../worker/protocol';
import { LayeredMap, applyEvents, emptyMirror } from './mirror';
import type { Mirror, ObjectMap } from './mirror';

const ev = (type: ObjectEvent['type'], resource: ObjectEvent['resource'], uid: string, rv: number): ObjectEvent => ({
  type, resource, object: { apiVersion: 'v1', kind: 'Event', metadata: { uid, name: uid, namespace: 'default', resourceVersion: String(rv) } },
});

/** The mirror's contract, as a Map patched in place (the mirror before it shared bases). */
function applyToReference(ref: Map<string, KObject>, events: readonly ObjectEvent[]): void {
  for (const e of events) {
    const uid = e.object.metadata?.uid as string;
    if (e.type === 'DELETED') ref.delete(uid);
    else {
      const cur = ref.get(uid);
      if (!cur || Number(e.object.metadata?.resourceVersion) >= Number(cur.metadata?.resourceVersion)) ref.set(uid, e.object);
    }
  }
}

/** Everything a reader can observe of a map, in iteration order. */
function observe(m: ObjectMap, probe: readonly string[]) {
  const viaForEach: [string, KObject][] = [];
  m.forEach((v, k) => viaForEach.push([k, v]));
  return {
    size: m.size,
    entries: [...m],
    viaForEach,
    keys: [...m.keys()],
    values: [...m.values()],
    gets: probe.map((k) => [k, m.get(k), m.has(k)]),
  };
}

/** A seeded generator (the test's own, so runs are repeatable). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('mirror', () => {
  it('reads like a map patched in place, for every version kept, through a random history of adds, updates, stale updates and deletes', () => {
    const rnd = lcg(7);
    let mirror: Mirror = emptyMirror();
    const ref = new Map<string, KObject>();
    const kept: { mirror: Mirror; expected: ReturnType<typeof observe> }[] = [];
    let next = 0;
    let rv = 1;
    const probe = Array.from({ length: 700 }, (_, i) => `u${i}`);
    for (let step = 0; step < 120; step++) {
      // Batch sizes from 1 to 300: some stay as changes over a base, some force a new base.
      const n = 1 + rnd(step % 10 === 0 ? 300 : 40);
      const batch: ObjectEvent[] = [];
      const live = [...ref.keys()];
      for (let i = 0; i < n; i++) {
        const r = rnd(10);
        if (r < 4 || live.length === 0) batch.push(ev('ADDED', 'events', `u${next++}`, rv++));
        else if (r < 7) batch.push(ev('MODIFIED', 'events', live[rnd(live.length)], rv++));
        else if (r < 8) batch.push(ev('MODIFIED', 'events', live[rnd(live.length)], 0)); // stale: ignored
        else batch.push(ev('DELETED', 'events', live[rnd(live.length)], rv++));
      }
      mirror = applyEvents(mirror, batch);
      applyToReference(ref, batch);
      const expected = observe(ref, probe);
      expect(observe(mirror.events, probe)).toEqual(expected);
      kept.push({ mirror, expected });
    }
    // Earlier versions still read as they did (nothing was patched under them).
    for (const k of kept) expect(observe(k.mirror.events, probe)).toEqual(k.expected);
    expect(kept.some((k) => k.mirror.events instanceof LayeredMap)).toBe(true);
    expect(kept.some((k) => !(k.mirror.events instanceof LayeredMap))).toBe(true);
  });

  it('adds a batch to a large map without copying it, and leaves untouched resources as they were', () => {
    const big = Array.from({ length: 6000 }, (_, i) => ev('ADDED', 'events', `e${i}`, i + 1));
    const m1 = applyEvents(emptyMirror(), big);
    const m2 = applyEvents(m1, Array.from({ length: 256 }, (_, i) => ev('ADDED', 'events', `f${i}`, 10_000 + i)));
    expect(m2.events).toBeInstanceOf(LayeredMap);
    expect((m2.events as LayeredMap).base).toBe(m1.events);
    expect(m2.events.size).toBe(6256);
    expect(m1.events.size).toBe(6000);
    expect(m2.events.get('f255')?.metadata?.resourceVersion).toBe('10255');
    expect(m1.events.has('f0')).toBe(false);
    expect(m2.pods).toBe(m1.pods);
    expect(m2.nodes).toBe(m1.nodes);
  });

  it('a batch without events is the same mirror', () => {
    const m = emptyMirror();
    expect(applyEvents(m, [])).toBe(m);
  });
});
