import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { metricsServerObjects } from './metrics-server-manifest';
import { containerUsage, noise } from './usage-model';
import type { Pod } from '../api/types';

const PLURAL: Record<string, string> = { ServiceAccount: 'serviceaccounts', Service: 'services', Deployment: 'deployments' };

function install(c: ReturnType<typeof createCluster>) {
  for (const o of metricsServerObjects()) {
    const base = o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion}`;
    const res = c.request({ method: 'POST', path: `${base}/namespaces/kube-system/${PLURAL[o.kind ?? '']}`, body: o });
    expect(res.status).toBe(201);
  }
}

const groups = (c: ReturnType<typeof createCluster>) =>
  ((c.request({ method: 'GET', path: '/apis' }).body as { groups: Array<{ name: string }> }).groups).map((g) => g.name);

describe('metrics.k8s.io', () => {
  it('is absent on a kubeadm cluster and registered with the metrics-server Deployment', () => {
    const c = createCluster({ seed: 1 });
    expect(groups(c)).not.toContain('metrics.k8s.io');
    expect(c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes' }).status).toBe(404);
    install(c);
    expect(groups(c).at(-1)).toBe('metrics.k8s.io');
    // Registered, but no available replica yet: the aggregator's 503.
    expect(c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes' })).toEqual({
      status: 503,
      body: 'service unavailable\n',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1' }).body).toEqual({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'metrics.k8s.io/v1beta1',
      resources: [
        { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
        { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
      ],
    });
  });

  it('serves NodeMetrics and PodMetrics from 60 s scrapes once the server is available', () => {
    const c = createCluster({ seed: 1 });
    install(c);
    c.advance(3 * 60 * 1000);
    const nodes = c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/nodes' }).body as { kind: string; items: Array<{ metadata: { name: string }; window: string; usage: { cpu: string; memory: string } }> };
    expect(nodes.kind).toBe('NodeMetricsList');
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(['node1', 'node2', 'node3']);
    expect(nodes.items[0]!.window).toBe('20s');
    expect(nodes.items[0]!.usage.cpu).toMatch(/^\d+n$/);
    expect(nodes.items[0]!.usage.memory).toMatch(/^\d+Ki$/);
    const pod = c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/etcd-node1' }).body as { kind: string; timestamp: string; containers: Array<{ name: string }> };
    expect(pod.kind).toBe('PodMetrics');
    expect(pod.containers.map((x) => x.name)).toEqual(['etcd']);
    // The same scrape answers until the next tick; then the sample moves.
    const again = c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/etcd-node1' }).body as { timestamp: string };
    expect(again.timestamp).toBe(pod.timestamp);
    c.advance(60 * 1000);
    const later = c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods/etcd-node1' }).body as { timestamp: string };
    expect(Date.parse(later.timestamp) - Date.parse(pod.timestamp)).toBe(60_000);
    const missing = c.request({ method: 'GET', path: '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope' });
    expect(missing.status).toBe(404);
    expect((missing.body as { message: string }).message).toBe('podmetrics.metrics.k8s.io "default/nope" not found');
    expect(c.request({ method: 'DELETE', path: '/apis/metrics.k8s.io/v1beta1/nodes/node1' }).status).toBe(405);
  });

  it('scales dockercoins rng usage with the number of workers', () => {
    const pod = (image: string, ns = 'default') => ({ metadata: { uid: 'u1', namespace: ns, name: 'p' }, spec: { containers: [{ name: 'c', image }] } }) as Pod;
    const load = (w: number) => ({ workers: new Map([['default', w]]), rng: new Map([['default', 1]]), hasher: new Map([['default', 1]]) });
    const one = containerUsage(1, pod('dockercoins/rng:v0.1'), 'c', 'dockercoins/rng:v0.1', 5, load(1));
    const ten = containerUsage(1, pod('dockercoins/rng:v0.1'), 'c', 'dockercoins/rng:v0.1', 5, load(10));
    expect(ten.cpuNano / one.cpuNano).toBeCloseTo((2 + 380) / (2 + 38), 5);
    expect(noise(1, 'a')).not.toBe(noise(2, 'a'));
    expect(Math.abs(noise(1, 'a'))).toBeLessThan(1);
  });
});
