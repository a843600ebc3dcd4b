import { describe, it, expect } from 'vitest';
import type { KObject, Pod, ReplicaSet } from '../../api/types';
import { createHarness, podTemplate } from '../testing';
import { REPLICASET, REPLICATIONCONTROLLER, ReplicaSetController, slowStartBatch } from './replica-set-controller';
import { sortPodsForDeletion } from '../util/pods';
import { errForbidden } from '../../api/status';

function rs(name: string, replicas: number, extra: Partial<NonNullable<ReplicaSet['spec']>> = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }) as NonNullable<ReplicaSet['spec']>['template'], ...extra },
  };
}

function setup() {
  const h = createHarness();
  h.addNode('node-1');
  h.addNode('node-2');
  h.start(new ReplicaSetController(h.ctx, REPLICASET));
  return h;
}

describe('slowStartBatch', () => {
  // Models TestSlowStartBatch in pkg/controller/replicaset/replica_set_test.go
  const cases: { name: string; count: number; failAt?: number; successes: number; calls: number }[] = [
    { name: 'all succeed', count: 10, successes: 10, calls: 10 },
    { name: 'fails in the first batch', count: 10, failAt: 0, successes: 0, calls: 1 },
    { name: 'fails in the third batch (1+2 ok, 4 run)', count: 10, failAt: 4, successes: 6, calls: 7 },
    { name: 'zero', count: 0, successes: 0, calls: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      let calls = 0;
      const res = slowStartBatch(c.count, 1, () => {
        const i = calls++;
        if (c.failAt !== undefined && i === c.failAt) throw new Error('boom');
      });
      expect({ successes: res.successes, calls, failed: res.error !== undefined }).toEqual({ successes: c.successes, calls: c.calls, failed: c.failAt !== undefined });
    });
  }
});

describe('ReplicaSet controller', () => {
  it('creates pods with controller references, generated names and events, then reports status', () => {
    const h = setup();
    h.create('replicasets', rs('web', 3), 'apps');
    h.advance(0);
    const pods = h.list<Pod>('pods', 'default');
    expect(pods).toHaveLength(3);
    const owner = h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps');
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.labels).toEqual({ app: 'web' });
      expect(p.metadata?.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: owner?.metadata?.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect([...h.events()].sort()).toEqual(pods.map((p) => `Normal SuccessfulCreate replicaset-controller: Created pod: ${p.metadata?.name}`).sort());
    h.advance(2000);
    expect(h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps')?.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
  });

  it('does not repeat a burst of creates while its cache catches up (expectations)', () => {
    const h = setup();
    h.create('replicasets', rs('web', 5), 'apps');
    h.advance(5000);
    expect(h.list('pods', 'default')).toHaveLength(5);
    expect(h.events().filter((e) => e.includes('SuccessfulCreate'))).toHaveLength(5);
  });

  it('scales down deleting unscheduled, then pending, then not-ready pods first', () => {
    const h = setup();
    h.create('replicasets', rs('web', 2), 'apps');
    h.advance(2000); // two Running+Ready pods
    h.kubelet.schedule = false;
    h.api.mutate(h.rt('replicasets', 'apps'), 'default', 'web', (o) => void ((o as ReplicaSet).spec!.replicas = 3));
    h.advance(2000); // a third one stays Pending and unscheduled
    const pending = h.list<Pod>('pods', 'default').find((p) => !p.spec?.nodeName);
    expect(pending).toBeDefined();
    h.api.mutate(h.rt('replicasets', 'apps'), 'default', 'web', (o) => void ((o as ReplicaSet).spec!.replicas = 2));
    h.advance(0);
    expect(h.events().filter((e) => e.includes('SuccessfulDelete'))).toEqual([
      `Normal SuccessfulDelete replicaset-controller: Deleted pod: ${pending?.metadata?.name}`,
    ]);
  });

  it('adopts matching orphans and releases pods whose labels stop matching', () => {
    const h = setup();
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx' }] } });
    h.create('replicasets', rs('web', 2), 'apps');
    h.advance(2000);
    const orphan = h.get<Pod>('pods', 'default', 'orphan');
    expect(orphan?.metadata?.ownerReferences?.[0]?.name).toBe('web');
    expect(h.list('pods', 'default')).toHaveLength(2);
    h.api.mutate(h.rt('pods'), 'default', 'orphan', (o) => void (o.metadata!.labels = { app: 'other' }));
    h.advance(2000);
    expect(h.get<Pod>('pods', 'default', 'orphan')?.metadata?.ownerReferences).toBeUndefined();
    expect(h.list<Pod>('pods', 'default').filter((p) => p.metadata?.labels?.app === 'web')).toHaveLength(2);
  });

  it('records FailedCreate with the API error and a ReplicaFailure condition', () => {
    const h = setup();
    // A quota-like refusal of every pod create.
    const msg = 'pods "web-x" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0';
    const create = h.api.create.bind(h.api);
    const createOwned = h.api.createOwned.bind(h.api);
    const refuse = (rt: { plural: string }) => {
      if (rt.plural === 'pods') throw errForbidden({ group: '', resource: 'pods' }, 'web-x', 'exceeded quota: compute, requested: pods=1, used: pods=0, limited: pods=0');
    };
    h.api.create = (rt, ns, body, opts) => (refuse(rt), create(rt, ns, body, opts));
    h.api.createOwned = (rt, ns, body, opts) => (refuse(rt), createOwned(rt, ns, body, opts));
    h.create('replicasets', rs('web', 2), 'apps');
    h.advance(0);
    // The status write re-triggers a sync, so the failure repeats (as upstream's "x2").
    expect([...new Set(h.events())]).toEqual([`Warning FailedCreate replicaset-controller: Error creating: ${msg}`]);
    expect(h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps')?.status?.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: '2026-11-22T09:00:00Z', reason: 'FailedCreate', message: msg },
    ]);
    // Retries back off; once creates work again the condition goes away.
    h.api.create = create;
    h.api.createOwned = createOwned;
    h.advance(1000);
    expect(h.list('pods', 'default')).toHaveLength(2);
    expect(h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps')?.status?.conditions).toBeUndefined();
  });

  it('counts available replicas only after minReadySeconds', () => {
    const h = setup();
    h.create('replicasets', rs('web', 2, { minReadySeconds: 10 }), 'apps');
    h.advance(1500);
    expect(h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps')?.status?.availableReplicas).toBeUndefined();
    expect(h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps')?.status?.readyReplicas).toBe(2);
    h.advance(11_000);
    expect(h.get<ReplicaSet>('replicasets', 'default', 'web', 'apps')?.status?.availableReplicas).toBe(2);
  });

  it('runs ReplicationControllers with their own component name', () => {
    const h = createHarness();
    h.addNode('node-1');
    h.start(new ReplicaSetController(h.ctx, REPLICATIONCONTROLLER));
    h.create('replicationcontrollers', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', namespace: 'default' },
      spec: { replicas: 2, selector: { app: 'rc' }, template: podTemplate({ app: 'rc' }) },
    } as KObject);
    h.advance(2000);
    const pods = h.list<Pod>('pods', 'default');
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata?.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc' });
    expect(h.events()[0]).toMatch(/^Normal SuccessfulCreate replication-controller: Created pod: rc-[a-z0-9]{5}$/);
  });
});

describe('pod deletion ranking', () => {
  // Models TestSortingActivePodsWithRanks in pkg/controller/controller_utils_test.go (subset)
  const now = Date.UTC(2026, 0, 1, 12);
  const t = (s: number) => new Date(now - s * 1000).toISOString().replace('.000Z', 'Z');
  const pod = (name: string, p: Partial<{ node: string; phase: string; ready: boolean; readySince: number; created: number; restarts: number; cost: string }>): Pod => ({
    metadata: { name, uid: name, creationTimestamp: t(p.created ?? 1000), annotations: p.cost ? { 'controller.kubernetes.io/pod-deletion-cost': p.cost } : undefined },
    spec: { nodeName: p.node, containers: [] },
    status: {
      phase: p.phase ?? 'Running',
      conditions: p.ready ? [{ type: 'Ready', status: 'True', lastTransitionTime: t(p.readySince ?? 500) }] : [],
      containerStatuses: [{ name: 'c', image: 'x', imageID: '', ready: Boolean(p.ready), restartCount: p.restarts ?? 0 }],
    },
  });
  it('orders pods as ActivePodsWithRanks', () => {
    const pods = [
      pod('ready-old', { node: 'n', ready: true, readySince: 5000, created: 6000 }),
      pod('ready-new', { node: 'n', ready: true, readySince: 10, created: 6000 }),
      pod('running-unready', { node: 'n' }),
      pod('unknown', { node: 'n', phase: 'Unknown' }),
      pod('pending', { node: 'n', phase: 'Pending' }),
      pod('unscheduled', { phase: 'Pending' }),
      pod('costly-unready', { node: 'n', cost: '100' }),
      pod('restarty-unready', { node: 'n', restarts: 5 }),
    ];
    const sorted = sortPodsForDeletion(pods, new Map(), now).map((p) => p.metadata?.name);
    expect(sorted).toEqual(['unscheduled', 'pending', 'unknown', 'restarty-unready', 'running-unready', 'costly-unready', 'ready-new', 'ready-old']);
  });
});
