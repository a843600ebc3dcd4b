import { describe, it, expect } from 'vitest';
import type { KObject, Namespace } from '../../api/types';
import { createHarness, podTemplate } from '../testing';
import { ReplicaSetController } from '../replicaset/replica-set-controller';
import { GarbageCollector } from '../garbagecollector/garbage-collector';
import { ServiceAccountController } from '../serviceaccount/service-account-controller';
import { NamespaceController } from './namespace-controller';

describe('namespace controller', () => {
  it('deletes the content, waits for graceful pods, reports conditions, then finalizes', () => {
    const h = createHarness({ kubelet: { terminateDelayMs: 30_000 } });
    h.addNode('node-1');
    h.start(new ReplicaSetController(h.ctx), new GarbageCollector(h.ctx), new ServiceAccountController(h.ctx), new NamespaceController(h.ctx));
    h.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } as KObject);
    h.advance(0);
    expect(h.get('serviceaccounts', 'shop', 'default')).toBeDefined();
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' } } as KObject);
    h.create('replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: podTemplate({ app: 'web' }) },
    } as KObject, 'apps');
    h.advance(3000);
    expect(h.list('pods', 'shop')).toHaveLength(2);

    h.api.delete(h.rt('namespaces'), undefined, 'shop');
    h.advance(0);
    expect(h.list('configmaps', 'shop')).toHaveLength(0);
    expect(h.list('replicasets', 'shop', 'apps')).toHaveLength(0);
    expect(h.list('serviceaccounts', 'shop')).toHaveLength(0);
    expect(h.list('pods', 'shop')).toHaveLength(2);
    const ns = h.get<Namespace>('namespaces', undefined, 'shop');
    expect(ns?.status?.phase).toBe('Terminating');
    expect(ns?.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
    // No new content while terminating, and the default ServiceAccount is not re-created.
    h.advance(29_000);
    expect(h.get('namespaces', undefined, 'shop')).toBeDefined();
    h.advance(1000);
    expect(h.list('pods', 'shop')).toHaveLength(0);
    h.advance(0);
    expect(h.get('namespaces', undefined, 'shop')).toBeUndefined();
  });
});
