import { describe, it, expect } from 'vitest';
import { clone, cloneSharing, deepFreeze, SubtreeInterner } from './meta';

const table = new SubtreeInterner();
const share = <T,>(v: T, prev: unknown): T => cloneSharing(v, prev, table);

describe('cloneSharing', () => {
  const prev = deepFreeze({
    spec: { containers: [{ name: 'c', image: 'nginx' }], tolerations: [{ key: 'a' }] },
    status: { phase: 'Pending', conditions: [{ type: 'A', status: 'True' }, { type: 'B', status: 'False' }] },
  });

  it('reuses the previous version where nothing changed and copies the rest', () => {
    const next = clone(prev);
    next.status.phase = 'Running';
    next.status.conditions[1].status = 'True';
    const out = share(next, prev);
    expect(out).toEqual(next);
    expect(out).not.toBe(prev);
    expect(out.spec).toBe(prev.spec);
    expect(out.status).not.toBe(prev.status);
    expect(out.status.conditions[0]).toBe(prev.status.conditions[0]);
    expect(out.status.conditions[1]).not.toBe(prev.status.conditions[1]);
    expect(out.status.conditions[1]).not.toBe(next.status.conditions[1]);
    expect(JSON.stringify(out)).toBe(JSON.stringify(next));
  });

  it('returns the previous tree itself when the copy would be equal', () => {
    expect(share(clone(prev), prev)).toBe(prev);
  });

  it('takes frozen subtrees as they are', () => {
    const shared = deepFreeze({ a: [1, 2] });
    const out = share({ x: shared, y: { z: 1 } }, undefined);
    expect(out.x).toBe(shared);
    expect(out.y).toEqual({ z: 1 });
  });

  it('keeps the key order of the input: same keys in another order are not equal', () => {
    const old = deepFreeze({ m: { a: 1, b: 2 } });
    const out = share({ m: { b: 2, a: 1 } }, old);
    expect(out.m).not.toBe(old.m);
    expect(Object.keys(out.m)).toEqual(['b', 'a']);
  });

  it('drops undefined properties as clone does, and then finds the equal previous tree', () => {
    const old = deepFreeze({ m: { a: 1 } });
    const out = share({ m: { a: 1, b: undefined } }, old);
    expect(out.m).toBe(old.m);
    const fresh = share({ m: { a: 1, b: undefined } }, undefined);
    expect(Object.keys(fresh.m)).toEqual(['a']);
  });

  it('tells 0 from -0, arrays from objects and different lengths apart', () => {
    const old = deepFreeze({ n: { v: 0 }, arr: [1, 2], o: { 0: 1, 1: 2 } });
    const out = share({ n: { v: -0 }, arr: { 0: 1, 1: 2 }, o: [1, 2] }, old);
    expect(Object.is(out.n.v, -0)).toBe(true);
    expect(Array.isArray(out.arr)).toBe(false);
    expect(Array.isArray(out.o)).toBe(true);
    const longer = share({ arr: [1, 2, 3] }, { arr: old.arr });
    expect(longer.arr).toEqual([1, 2, 3]);
    expect(longer.arr).not.toBe(old.arr);
  });

  it('never returns the unfrozen input or its parts', () => {
    const input = { a: { b: [{ c: 1 }] } };
    const out = share(input, undefined);
    expect(out).toEqual(input);
    expect(out.a).not.toBe(input.a);
    expect(out.a.b[0]).not.toBe(input.a.b[0]);
  });

  it('interns small subtrees: equal copies under different objects become one frozen instance', () => {
    const a = deepFreeze(share({ spec: { tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 300 }], securityContext: {} } }, undefined));
    const b = deepFreeze(share({ spec: { tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 300 }], securityContext: {} } }, undefined));
    expect(b.spec.tolerations).toBe(a.spec.tolerations);
    expect(b.spec.securityContext).toBe(a.spec.securityContext);
    expect(b.spec).toBe(a.spec);
    expect(Object.isFrozen(a.spec.tolerations[0])).toBe(true);
  });

  it('interns only equal trees: key order, -0, arrays versus objects and values are told apart', () => {
    const base = share({ m: { a: 1, b: 2 }, z: { v: 0 }, arr: [1, 2], l: { x: 'nginx:1.27' } }, undefined);
    const other = share({ m: { b: 2, a: 1 }, z: { v: -0 }, arr: { 0: 1, 1: 2 }, l: { x: 'nginx:1.26' } }, undefined);
    expect(Object.keys(other.m)).toEqual(['b', 'a']);
    expect(Object.is(other.z.v, -0)).toBe(true);
    expect(Array.isArray(other.arr)).toBe(false);
    expect(other.l.x).toBe('nginx:1.26');
    expect(JSON.stringify(base)).toBe('{"m":{"a":1,"b":2},"z":{"v":0},"arr":[1,2],"l":{"x":"nginx:1.27"}}');
    const again = share({ m: { a: 1, b: 2 }, z: { v: 0 }, arr: [1, 2], l: { x: 'nginx:1.27' } }, undefined);
    expect(again.m).toBe(base.m);
    expect(again.z).toBe(base.z);
    expect(again.arr).toBe(base.arr);
    expect(again.l).toBe(base.l);
  });

  it('does not intern objects holding an unfrozen part or a __proto__ key, and keeps long strings apart', () => {
    const long1 = `containerd://${'a'.repeat(60)}1`;
    const long2 = `containerd://${'a'.repeat(60)}2`;
    const x = share({ s: { id: long1 } }, undefined);
    const y = share({ s: { id: long2 } }, undefined);
    expect(y.s.id).toBe(long2);
    expect(x.s.id).toBe(long1);
    const proto = JSON.parse('{"o":{"__proto__":{"a":1}}}') as { o: object };
    const p1 = share(proto, undefined);
    const p2 = share(proto, undefined);
    expect(p1.o).not.toBe(p2.o);
  });

  it('interns per table: stores (clusters) do not share subtrees through a common table', () => {
    const input = () => ({ spec: { tolerations: [{ key: 'k', operator: 'Exists', tolerationSeconds: 301 }] } });
    const other = new SubtreeInterner();
    const a = cloneSharing(input(), undefined, table);
    expect(cloneSharing(input(), undefined, table).spec).toBe(a.spec);
    const b = cloneSharing(input(), undefined, other);
    expect(b.spec).not.toBe(a.spec);
    expect(b.spec.tolerations).not.toBe(a.spec.tolerations);
    expect(cloneSharing(input(), undefined, other).spec).toBe(b.spec);
  });
});
