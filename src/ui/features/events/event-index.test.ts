import { describe, it, expect } from 'vitest';
import type { KObject } from '../../../engine';
import { EventIndex, sortedRows } from './event-index';

const ev = (uid: string, last: string, reason: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1', kind: 'Event',
  metadata: { uid, name: `p.${uid}`, namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  involvedObject: { kind: 'Pod', name: `web-${uid}` }, reason, message: ` ${reason} msg `, type: reason === 'BackOff' ? 'Warning' : 'Normal',
  lastTimestamp: last, ...extra,
});

/** A tiny deterministic generator (tests only). */
function lcg(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('EventIndex', () => {
  it('keeps rows sorted by last seen with first-seen order for ties, newest last', () => {
    const idx = new EventIndex();
    const m = new Map<string, KObject>([
      ['a', ev('a', '2026-01-01T00:00:05Z', 'Scheduled')],
      ['b', ev('b', '2026-01-01T00:00:01Z', 'Pulling')],
      ['c', ev('c', '2026-01-01T00:00:05Z', 'Started')],
    ]);
    expect(idx.update(m)).toBe(true);
    expect(idx.last(10)).toEqual([
      { uid: 'b', namespace: 'default', last: '2026-01-01T00:00:01Z', type: 'Normal', reason: 'Pulling', object: 'pod/web-b', message: 'Pulling msg' },
      { uid: 'a', namespace: 'default', last: '2026-01-01T00:00:05Z', type: 'Normal', reason: 'Scheduled', object: 'pod/web-a', message: 'Scheduled msg' },
      { uid: 'c', namespace: 'default', last: '2026-01-01T00:00:05Z', type: 'Normal', reason: 'Started', object: 'pod/web-c', message: 'Started msg' },
    ]);
    expect(idx.update(m)).toBe(false);
    // b seen again later moves to the end; a deleted; d added with the series time.
    const n = new Map(m);
    n.set('b', ev('b', '2026-01-01T00:00:09Z', 'BackOff'));
    n.delete('a');
    n.set('d', ev('d', '2026-01-01T00:00:02Z', 'Killing', { series: { lastObservedTime: '2026-01-01T00:00:07Z' } }));
    expect(idx.update(n)).toBe(true);
    expect(idx.last(10).map((r) => [r.uid, r.reason, r.last])).toEqual([
      ['c', 'Started', '2026-01-01T00:00:05Z'],
      ['d', 'Killing', '2026-01-01T00:00:07Z'],
      ['b', 'BackOff', '2026-01-01T00:00:09Z'],
    ]);
    expect(idx.last(2).map((r) => r.uid)).toEqual(['d', 'b']);
    expect(idx.size).toBe(3);
  });

  it('matches a full stable sort after many random updates', () => {
    const rnd = lcg(7);
    const idx = new EventIndex();
    let m = new Map<string, KObject>();
    let next = 0;
    for (let round = 0; round < 200; round++) {
      m = new Map(m);
      const ops = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < ops; k++) {
        const r = rnd();
        const keys = [...m.keys()];
        const sec = String(Math.floor(rnd() * 50)).padStart(2, '0');
        const t = rnd() < 0.05 ? '' : `2026-01-01T00:00:${sec}Z`;
        if (r < 0.5 || keys.length === 0) {
          const uid = `e${next++}`;
          m.set(uid, ev(uid, t, 'Created'));
        } else if (r < 0.8) {
          const uid = keys[Math.floor(rnd() * keys.length)];
          m.set(uid, ev(uid, t, 'Pulled'));
        } else {
          m.delete(keys[Math.floor(rnd() * keys.length)]);
        }
      }
      idx.update(m);
      expect(idx.last(25)).toEqual(sortedRows(m.values(), 25));
    }
    expect(idx.size).toBe(m.size);
  });
});
