import { describe, it, expect } from 'vitest';
import type { Deployment, KObject, Pod, ReplicaSet } from '../../api/types';
import { createHarness, podTemplate } from '../testing';
import { ReplicaSetController } from '../replicaset/replica-set-controller';
import { DeploymentController } from '../deployment/deployment-controller';
import { GarbageCollector } from './garbage-collector';

function setup() {
  const h = createHarness({ kubelet: { terminateDelayMs: 3000 } });
  h.addNode('node-1');
  h.start(new ReplicaSetController(h.ctx), new DeploymentController(h.ctx), new GarbageCollector(h.ctx));
  h.create('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) as NonNullable<Deployment['spec']>['template'] },
  } as KObject, 'apps');
  h.advance(3000);
  return h;
}

const counts = (h: ReturnType<typeof setup>) => ({
  deployments: h.list('deployments', 'default', 'apps').length,
  replicasets: h.list('replicasets', 'default', 'apps').length,
  pods: h.list('pods', 'default').length,
});

// Models the propagation cases of test/integration/garbagecollector/garbage_collector_test.go
describe('garbage collector', () => {
  it('background: the owner goes at once, then its ReplicaSet, then the pods', () => {
    const h = setup();
    h.api.delete(h.rt('deployments', 'apps'), 'default', 'web', { propagationPolicy: 'Background' });
    expect(counts(h)).toEqual({ deployments: 0, replicasets: 1, pods: 2 });
    h.advance(0);
    expect(counts(h)).toEqual({ deployments: 0, replicasets: 0, pods: 2 });
    expect(h.list<Pod>('pods', 'default').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    h.advance(3000);
    expect(counts(h)).toEqual({ deployments: 0, replicasets: 0, pods: 0 });
  });

  it('foreground: the owner waits with its finalizer until blocking dependents are gone', () => {
    const h = setup();
    h.api.delete(h.rt('deployments', 'apps'), 'default', 'web', { propagationPolicy: 'Foreground' });
    h.advance(0);
    const d = h.get<Deployment>('deployments', 'default', 'web', 'apps');
    expect(d?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(d?.metadata?.deletionTimestamp).toBeDefined();
    // The ReplicaSet is itself deleted in the foreground and waits for its pods.
    const rs = h.list<ReplicaSet>('replicasets', 'default', 'apps')[0];
    expect(rs.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(counts(h)).toEqual({ deployments: 1, replicasets: 1, pods: 2 });
    h.advance(2999);
    expect(counts(h)).toEqual({ deployments: 1, replicasets: 1, pods: 2 });
    h.advance(1);
    expect(counts(h)).toEqual({ deployments: 0, replicasets: 0, pods: 0 });
  });

  it('orphan: dependents lose the owner reference and stay', () => {
    const h = setup();
    const rsName = h.list<ReplicaSet>('replicasets', 'default', 'apps')[0].metadata?.name;
    h.api.delete(h.rt('deployments', 'apps'), 'default', 'web', { propagationPolicy: 'Orphan' });
    h.advance(0);
    expect(counts(h)).toEqual({ deployments: 0, replicasets: 1, pods: 2 });
    const rs = h.get<ReplicaSet>('replicasets', 'default', rsName ?? '', 'apps');
    expect(rs?.metadata?.ownerReferences).toBeUndefined();
    // The pods still belong to the ReplicaSet.
    expect(h.list<Pod>('pods', 'default').map((p) => p.metadata?.ownerReferences?.[0]?.name)).toEqual([rsName, rsName]);
  });

  it('drops a dangling reference but keeps an object that still has a live owner', () => {
    const h = setup();
    const cm = (name: string) => h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } } as KObject);
    const a = cm('a');
    const b = cm('b');
    h.create('configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'child',
        namespace: 'default',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'a', uid: a.metadata?.uid ?? '' },
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'b', uid: b.metadata?.uid ?? '' },
        ],
      },
    } as KObject);
    h.advance(0);
    h.api.delete(h.rt('configmaps'), 'default', 'a');
    h.advance(0);
    expect(h.get('configmaps', 'default', 'child')?.metadata?.ownerReferences?.map((r) => r.name)).toEqual(['b']);
    h.api.delete(h.rt('configmaps'), 'default', 'b');
    h.advance(0);
    expect(h.get('configmaps', 'default', 'child')).toBeUndefined();
  });
});
