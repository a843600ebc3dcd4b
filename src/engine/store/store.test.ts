import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VirtualClock } from '../core/clock';
import type { StoreEvent } from './store';
import { CompactedError, Store } from './store';

const obj = (name: string, v: number) => ({ metadata: { name, namespace: 'ns' }, spec: { v } });

describe('Store', () => {
  it('gives every write its own revision and freezes what it stores', () => {
    const clock = new VirtualClock(0);
    const s = new Store(clock);
    const a = s.put('pods', 'ns/a', obj('a', 1));
    const b = s.put('pods', 'ns/b', obj('b', 1));
    expect(Number(b.metadata?.resourceVersion)).toBe(Number(a.metadata?.resourceVersion) + 1);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.spec)).toBe(true);
    expect(s.list('pods').map((o) => o.metadata?.name)).toEqual(['a', 'b']);
  });

  it('lists in namespace/name key order across namespaces, by prefix, and after removals', () => {
    const s = new Store(new VirtualClock(0));
    const keys = ['a-b/x', 'a/z', 'a/y', 'a1/m', 'b/a', 'a-b/w', 'a/a.b', 'a/a-b'];
    for (const k of keys) {
      const [ns, name] = k.split('/');
      s.put('pods', k, { metadata: { name, namespace: ns } });
    }
    const listed = () => s.list('pods').map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`);
    expect(listed()).toEqual([...keys].sort());
    expect(listed()).toEqual(['a-b/w', 'a-b/x', 'a/a-b', 'a/a.b', 'a/y', 'a/z', 'a1/m', 'b/a']);
    expect(s.list('pods', 'a/').map((o) => o.metadata?.name)).toEqual(['a-b', 'a.b', 'y', 'z']);
    expect(s.list('pods', 'a').map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)).toEqual(['a-b/w', 'a-b/x', 'a/a-b', 'a/a.b', 'a/y', 'a/z', 'a1/m']);
    expect(s.get('pods', 'a1/m')?.metadata?.name).toBe('m');
    expect(s.get('pods', 'a/m')).toBeUndefined();
    s.remove('pods', 'a1/m');
    s.remove('pods', 'a/y');
    s.put('pods', 'c/q', { metadata: { name: 'q', namespace: 'c' } });
    expect(listed()).toEqual(['a-b/w', 'a-b/x', 'a/a-b', 'a/a.b', 'a/z', 'b/a', 'c/q']);
    expect(s.count('pods')).toBe(7);
    expect(s.size()).toBe(7);
    s.put('nodes', 'n2', { metadata: { name: 'n2' } });
    s.put('nodes', 'n1', { metadata: { name: 'n1' } });
    expect(s.list('nodes').map((o) => o.metadata?.name)).toEqual(['n1', 'n2']);
    expect(s.get('nodes', 'n1')?.metadata?.name).toBe('n1');
  });

  it('delivers watch events on the clock, never inside the writer', () => {
    const clock = new VirtualClock(0);
    const s = new Store(clock);
    const seen: string[] = [];
    s.watch('pods', s.rev, (e) => seen.push(`${e.type} ${e.key}`));
    s.put('pods', 'ns/a', obj('a', 1));
    expect(seen).toEqual([]);
    clock.advance(0);
    expect(seen).toEqual(['ADDED ns/a']);
  });

  it('answers a watch from a compacted revision with 410-style CompactedError', () => {
    const clock = new VirtualClock(0);
    const s = new Store(clock);
    s.put('pods', 'ns/a', obj('a', 1));
    const r = s.rev;
    s.put('pods', 'ns/a', obj('a', 2));
    s.compact(s.rev);
    expect(() => s.watch('pods', r, () => {})).toThrow(new CompactedError(r, s.rev));
    expect(() => s.watch('pods', r, () => {})).toThrow(`too old resource version: ${r} (${s.rev})`);
  });

  // Model test: the store against a Map plus an event log. A watch from any revision still in
  // the window sees exactly the log's events after it, in order; older revisions are refused.
  it('matches a Map+log model for any sequence of writes, watches and compactions', () => {
    type Op = { t: 'put'; k: number; v: number } | { t: 'del'; k: number } | { t: 'compact'; back: number } | { t: 'watch'; back: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ t: fc.constant('put' as const), k: fc.integer({ min: 0, max: 4 }), v: fc.integer({ min: 0, max: 9 }) }),
      fc.record({ t: fc.constant('del' as const), k: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ t: fc.constant('compact' as const), back: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ t: fc.constant('watch' as const), back: fc.integer({ min: 0, max: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const clock = new VirtualClock(0);
        const s = new Store(clock);
        const model = new Map<string, number>();
        const log: { rev: number; type: string; key: string; v?: number }[] = [];
        const watches: { from: number; got: StoreEvent[] }[] = [];
        for (const o of ops) {
          if (o.t === 'put') {
            const key = `ns/k${o.k}`;
            const type = model.has(key) ? 'MODIFIED' : 'ADDED';
            s.put('pods', key, obj(`k${o.k}`, o.v));
            model.set(key, o.v);
            log.push({ rev: s.rev, type, key, v: o.v });
          } else if (o.t === 'del') {
            const key = `ns/k${o.k}`;
            const had = model.has(key);
            const r = s.remove('pods', key);
            expect(Boolean(r)).toBe(had);
            if (had) {
              model.delete(key);
              log.push({ rev: s.rev, type: 'DELETED', key });
            }
          } else if (o.t === 'compact') {
            clock.advance(0);
            s.compact(Math.max(1, s.rev - o.back));
          } else {
            const from = Math.max(0, s.rev - o.back);
            if (from < s.compactedRev) {
              expect(() => s.watch('pods', from, () => {})).toThrow(CompactedError);
            } else {
              const w = { from, got: [] as StoreEvent[] };
              s.watch('pods', from, (e) => w.got.push(e));
              watches.push(w);
            }
          }
          expect(s.count('pods')).toBe(model.size);
        }
        clock.advance(0);
        for (const [k, v] of model) expect((s.get('pods', k)?.spec as { v: number }).v).toBe(v);
        for (const w of watches) {
          const want = log.filter((e) => e.rev > w.from).map((e) => `${e.rev} ${e.type} ${e.key}`);
          expect(w.got.map((e) => `${e.rev} ${e.type} ${e.key}`)).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Store: sharing between versions', () => {
  it('shares unchanged subtrees with the previous version and still writes a new root and metadata', () => {
    const store = new Store(new VirtualClock(0));
    const v1 = store.put('pods', 'default/p', { metadata: { name: 'p', labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } });
    const draft = JSON.parse(JSON.stringify(v1)) as typeof v1;
    (draft.status as { phase: string }).phase = 'Running';
    const v2 = store.put('pods', 'default/p', draft);
    expect(v2.spec).toBe(v1.spec);
    expect(v2.metadata?.labels).toBe(v1.metadata?.labels);
    expect(v2.metadata).not.toBe(v1.metadata);
    expect(v2.status).not.toBe(v1.status);
    expect(v1.metadata?.resourceVersion).toBe('2');
    expect(v2.metadata?.resourceVersion).toBe('3');
    expect(Object.isFrozen(v2) && Object.isFrozen(v2.metadata) && Object.isFrozen(v2.status)).toBe(true);
    expect(JSON.stringify(v2)).toBe('{"metadata":{"name":"p","labels":{"app":"x"},"resourceVersion":"3"},"spec":{"containers":[{"name":"c"}]},"status":{"phase":"Running"}}');
  });

  it('gives the DELETED event the last state at the deletion revision, keys in place', () => {
    const store = new Store(new VirtualClock(0));
    const v1 = store.put('pods', 'default/p', { kind: 'Pod', metadata: { name: 'p', resourceVersion: 'x', uid: 'u' }, spec: { a: 1 } });
    const gone = store.remove('pods', 'default/p');
    expect(JSON.stringify(gone)).toBe('{"kind":"Pod","metadata":{"name":"p","resourceVersion":"3","uid":"u"},"spec":{"a":1}}');
    expect(gone?.spec).toBe(v1.spec);
    expect(Object.isFrozen(gone?.metadata)).toBe(true);
  });
});

describe('Store: owned writes', () => {
  it('keeps the root and metadata of an owned input, copies its unfrozen children and freezes all', () => {
    const store = new Store(new VirtualClock(0));
    const shared = Object.freeze({ component: 'kubelet' });
    const child = { a: [1] };
    const input = { kind: 'Event', metadata: { name: 'e', namespace: 'ns' }, source: shared, x: child };
    const out = store.put('events', 'ns/e', input, true);
    expect(out).toBe(input);
    expect(out.metadata).toBe(input.metadata);
    expect(out.source).toBe(shared);
    expect(out.x).not.toBe(child);
    expect(JSON.stringify(out)).toBe('{"kind":"Event","metadata":{"name":"e","namespace":"ns","resourceVersion":"2"},"source":{"component":"kubelet"},"x":{"a":[1]}}');
    expect(Object.isFrozen(out) && Object.isFrozen(out.metadata) && Object.isFrozen(out.x)).toBe(true);
  });

  it('copies an owned input that does not qualify (undefined properties), as an ordinary write', () => {
    const store = new Store(new VirtualClock(0));
    const input = { kind: 'Event', metadata: { name: 'e' }, eventTime: undefined };
    const out = store.put('events', 'e', input, true);
    expect(out).not.toBe(input);
    expect(JSON.stringify(out)).toBe('{"kind":"Event","metadata":{"name":"e","resourceVersion":"2"}}');
    expect(Object.isFrozen(input)).toBe(false);
  });
});
