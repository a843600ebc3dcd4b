import { describe, it, expect } from 'vitest';
import type { Endpoints, EndpointSlice, KObject, Pod } from '../../api/types';
import { createHarness } from '../testing';
import { EndpointsController } from './endpoints-controller';
import { EndpointSliceController } from '../endpointslice/endpointslice-controller';
import { GarbageCollector } from '../garbagecollector/garbage-collector';

function pod(name: string, labels: Record<string, string>, ports: { name: string; containerPort: number }[] = [{ name: 'http', containerPort: 8080 }]): KObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name: 'app', image: 'nginx', ports }] } };
}

function setup() {
  const h = createHarness({ kubelet: { readyDelayMs: 1000, terminateDelayMs: 5000 } });
  h.addNode('node-1');
  h.addNode('node-2');
  h.start(new EndpointsController(h.ctx), new EndpointSliceController(h.ctx), new GarbageCollector(h.ctx));
  h.create('services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default', labels: { tier: 'front' } },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }, { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }] },
  } as KObject);
  return h;
}

const ref = (p: Pod) => ({ kind: 'Pod', namespace: 'default', name: p.metadata?.name, uid: p.metadata?.uid });

describe('Endpoints and EndpointSlice controllers', () => {
  it('list ready and not-ready pods with resolved ports, and a placeholder slice first', () => {
    const h = setup();
    h.advance(0);
    const slices0 = h.list<EndpointSlice>('endpointslices', 'default', 'discovery.k8s.io');
    expect(slices0).toHaveLength(1);
    expect(slices0[0].metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slices0[0].endpoints).toEqual([]);
    expect(slices0[0].ports).toBeUndefined();
    expect(h.get<Endpoints>('endpoints', 'default', 'web')?.subsets).toBeUndefined();

    h.create('pods', pod('a', { app: 'web' }));
    h.create('pods', pod('b', { app: 'web' }));
    h.create('pods', pod('other', { app: 'db' }));
    h.advance(2000);
    // Make b unready, as a failing readiness probe would.
    h.api.mutate(h.rt('pods'), 'default', 'b', (o) => {
      for (const c of (o as Pod).status?.conditions ?? []) if (c.type === 'Ready') c.status = 'False';
    }, { subresource: 'status' });
    h.advance(0);
    const a = h.get<Pod>('pods', 'default', 'a') as Pod;
    const b = h.get<Pod>('pods', 'default', 'b') as Pod;
    const ep = h.get<Endpoints>('endpoints', 'default', 'web') as Endpoints;
    expect(ep.metadata?.labels).toEqual({ tier: 'front' });
    expect(ep.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe('2026-11-22T09:00:01Z');
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: a.status?.podIP, nodeName: a.spec?.nodeName, targetRef: ref(a) }],
        notReadyAddresses: [{ ip: b.status?.podIP, nodeName: b.spec?.nodeName, targetRef: ref(b) }],
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
        ],
      },
    ]);
    const slices = h.list<EndpointSlice>('endpointslices', 'default', 'discovery.k8s.io');
    expect(slices).toHaveLength(1);
    const s = slices[0];
    expect(s.metadata?.labels).toEqual({
      tier: 'front',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(s.metadata?.ownerReferences?.[0]).toMatchObject({ apiVersion: 'v1', kind: 'Service', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([
      { name: 'http', port: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, protocol: 'TCP' },
    ]);
    expect(s.endpoints).toEqual([
      { addresses: [a.status?.podIP], conditions: { ready: true, serving: true, terminating: false }, targetRef: ref(a), nodeName: a.spec?.nodeName },
      { addresses: [b.status?.podIP], conditions: { ready: false, serving: false, terminating: false }, targetRef: ref(b), nodeName: b.spec?.nodeName },
    ]);
  });

  it('drops terminating pods from Endpoints but keeps them in slices as terminating', () => {
    const h = setup();
    h.create('pods', pod('a', { app: 'web' }));
    h.advance(2000);
    h.api.delete(h.rt('pods'), 'default', 'a');
    h.advance(0);
    expect(h.get<Endpoints>('endpoints', 'default', 'web')?.subsets).toBeUndefined();
    const s = h.list<EndpointSlice>('endpointslices', 'default', 'discovery.k8s.io')[0];
    expect(s.endpoints.map((e) => e.conditions)).toEqual([{ ready: false, serving: true, terminating: true }]);
    h.advance(5000);
    const after = h.list<EndpointSlice>('endpointslices', 'default', 'discovery.k8s.io');
    expect(after.map((x) => x.endpoints)).toEqual([[]]);
  });

  it('splits by port set when a pod lacks a named port, and cleans up with the service', () => {
    const h = setup();
    h.create('pods', pod('a', { app: 'web' }));
    h.create('pods', pod('c', { app: 'web' }, [{ name: 'web', containerPort: 3000 }]));
    h.advance(2000);
    const ep = h.get<Endpoints>('endpoints', 'default', 'web') as Endpoints;
    expect(ep.subsets?.map((s) => [s.addresses?.map((x) => x.targetRef?.name), s.ports?.map((p) => p.port)])).toEqual([
      [['a'], [8080, 9090]],
      [['c'], [9090]],
    ].sort((x, y) => (h.get<Pod>('pods', 'default', x[0][0] as string)?.status?.podIP ?? '').localeCompare(h.get<Pod>('pods', 'default', y[0][0] as string)?.status?.podIP ?? '')));
    expect(h.list('endpointslices', 'default', 'discovery.k8s.io')).toHaveLength(2);
    h.api.delete(h.rt('services'), 'default', 'web');
    h.advance(0);
    expect(h.get('endpoints', 'default', 'web')).toBeUndefined();
    expect(h.list('endpointslices', 'default', 'discovery.k8s.io')).toHaveLength(0);
  });
});
