import { describe, it, expect } from 'vitest';
import type { Deployment, ReplicaSet } from '../../api/types';
import { equalIgnoreHash, getProportion, maxUnavailable, maxSurge, newRSNewReplicas, resolveFenceposts, scaledValue, setCondition, newCondition, HASH_LABEL, MAX_REPLICAS } from './util';

function deploy(replicas: number, surge: number | string, unavail: number | string, type = 'RollingUpdate'): Deployment {
  return {
    metadata: { name: 'd' },
    spec: {
      replicas,
      selector: {},
      template: {},
      strategy: type === 'RollingUpdate' ? { type, rollingUpdate: { maxSurge: surge, maxUnavailable: unavail } } : { type },
    },
  };
}

function rs(replicas: number, maxReplicas?: number): ReplicaSet {
  return { metadata: { name: `rs-${replicas}`, annotations: maxReplicas !== undefined ? { [MAX_REPLICAS]: String(maxReplicas) } : {} }, spec: { replicas, selector: {} } };
}

describe('intstr scaling and fenceposts', () => {
  it('rounds percentages up for surge and down for unavailable', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue(4, 10, false)).toBe(4);
    expect(() => scaledValue('abc', 10, true)).toThrow();
  });
  // Models TestResolveFenceposts in pkg/controller/deployment/util/deployment_util_test.go
  const cases: [number | string, number | string, number, [number, number]][] = [
    ['0%', '0%', 0, [0, 1]],
    ['39%', '39%', 10, [4, 3]],
    ['25%', '25%', 1, [1, 0]],
    ['25%', '25%', 4, [1, 1]],
    [0, 0, 5, [0, 1]],
    ['50%', 0, 3, [2, 0]],
    [1, '100%', 3, [1, 3]],
  ];
  for (const [s, u, d, want] of cases) {
    it(`maxSurge=${s} maxUnavailable=${u} replicas=${d} → ${want}`, () => {
      expect(resolveFenceposts(s, u, d)).toEqual(want);
    });
  }
  it('caps maxUnavailable at replicas and is zero for Recreate', () => {
    expect(maxUnavailable(deploy(2, 0, 5))).toBe(2);
    expect(maxUnavailable(deploy(2, 0, 5, 'Recreate'))).toBe(0);
    expect(maxSurge(deploy(2, 1, 0, 'Recreate'))).toBe(0);
  });
});

describe('NewRSNewReplicas', () => {
  // Models TestNewRSNewReplicas in deployment_util_test.go
  const cases: { name: string; d: Deployment; old: number; newRS: number; want: number }[] = [
    { name: 'can not scale up - to newRSReplicas', d: deploy(1, 1, 0), old: 0, newRS: 1, want: 1 },
    { name: 'scale up - to depReplicas', d: deploy(6, 10, 0), old: 0, newRS: 5, want: 6 },
    { name: 'surge limits the scale up', d: deploy(10, '25%', '25%'), old: 10, newRS: 0, want: 3 },
    { name: 'already at max total', d: deploy(10, 3, 0), old: 10, newRS: 3, want: 3 },
    { name: 'recreate - to depReplicas', d: deploy(3, 1, 0, 'Recreate'), old: 0, newRS: 1, want: 3 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const n = rs(c.newRS);
      expect(newRSNewReplicas(c.d, [rs(c.old), n], n)).toBe(c.want);
    });
  }
});

describe('GetProportion', () => {
  it('splits an added amount by each ReplicaSet share of max-replicas', () => {
    const d = deploy(20, 0, 1);
    // Was 10 (max 10); now 20: a ReplicaSet with 6 of 10 gets 6 more, capped by what is left.
    expect(getProportion(rs(6, 10), d, 10, 0)).toBe(6);
    expect(getProportion(rs(4, 10), d, 10, 6)).toBe(4);
    expect(getProportion(rs(4, 10), d, 10, 8)).toBe(2);
    // Scaling down: negative shares, bounded by what remains to remove.
    const down = deploy(5, 0, 1);
    expect(getProportion(rs(6, 10), down, -5, 0)).toBe(-3);
    expect(getProportion(rs(0, 10), down, -5, 0)).toBe(0);
  });
});

describe('SetDeploymentCondition', () => {
  it('keeps the transition time when only the reason changes and is a no-op for the same reason', () => {
    const s: NonNullable<Deployment['status']> = {};
    setCondition(s, newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'a', 0));
    setCondition(s, newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'b', 60_000));
    expect(s.conditions).toEqual([
      { type: 'Progressing', status: 'True', lastUpdateTime: '1970-01-01T00:01:00Z', lastTransitionTime: '1970-01-01T00:00:00Z', reason: 'ReplicaSetUpdated', message: 'b' },
    ]);
    setCondition(s, newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'c', 120_000));
    expect(s.conditions?.[0].message).toBe('b');
  });
});

describe('equalIgnoreHash', () => {
  // Models TestEqualIgnoreHash in pkg/controller/deployment/util/deployment_util_test.go, plus
  // the edge cases of an empty label map left behind and of other metadata.
  const tmpl = (labels: Record<string, string> | undefined, image = 'nginx', extra: Record<string, unknown> = {}) => ({
    metadata: { ...(labels ? { labels } : {}), ...extra },
    spec: { containers: [{ name: 'c', image }] },
  });
  const cases: { name: string; a: unknown; b: unknown; want: boolean }[] = [
    { name: 'same labels, same spec', a: tmpl({ a: 'b' }), b: tmpl({ a: 'b' }), want: true },
    { name: 'hash label on one side only', a: tmpl({ a: 'b', [HASH_LABEL]: '123' }), b: tmpl({ a: 'b' }), want: true },
    { name: 'different hash labels', a: tmpl({ a: 'b', [HASH_LABEL]: '123' }), b: tmpl({ a: 'b', [HASH_LABEL]: '456' }), want: true },
    { name: 'only the hash label vs no labels', a: tmpl({ [HASH_LABEL]: '1' }), b: tmpl(undefined), want: true },
    { name: 'only the hash label vs empty labels', a: tmpl({ [HASH_LABEL]: '1' }), b: tmpl({}), want: true },
    { name: 'different other label', a: tmpl({ a: 'b', [HASH_LABEL]: '1' }), b: tmpl({ a: 'c' }), want: false },
    { name: 'extra label', a: tmpl({ a: 'b', x: 'y' }), b: tmpl({ a: 'b' }), want: false },
    { name: 'different image', a: tmpl({ a: 'b' }), b: tmpl({ a: 'b' }, 'redis'), want: false },
    { name: 'annotations differ', a: tmpl({ a: 'b' }, 'nginx', { annotations: { x: '1' } }), b: tmpl({ a: 'b' }), want: false },
    { name: 'no metadata vs empty metadata', a: { spec: {} }, b: { metadata: {}, spec: {} }, want: false },
    { name: 'undefined vs empty template', a: undefined, b: {}, want: true },
    { name: 'undefined-valued keys count as absent', a: { metadata: { labels: { a: 'b' }, name: undefined }, spec: {} }, b: { metadata: { labels: { a: 'b' } }, spec: {}, x: undefined }, want: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect([equalIgnoreHash(c.a, c.b), equalIgnoreHash(c.b, c.a)]).toEqual([c.want, c.want]);
    });
  }
});
