// Watch streams, subresources (status, scale, binding, log), Service address allocation and
// discovery documents of the REST façade, against v1.32 behaviour. No controllers run.
import { describe, it, expect } from 'vitest';
import type { KObject } from '../api/types';
import { errBadRequest } from '../api/status';
import type { WatchEvent } from './apiserver';
import { newHarness } from './test-harness';
import type { Harness } from './test-harness';

const NS = '/api/v1/namespaces/default';
const APPS = '/apis/apps/v1/namespaces/default';

const cm = (name: string, labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels } });
const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
const merge = { 'content-type': 'application/merge-patch+json' };

function watch(h: Harness, path: string): string[] {
  const res = h.req('GET', path);
  const seen: string[] = [];
  if (!res.watch) throw new Error(`no watch: ${JSON.stringify(res.body)}`);
  res.watch.onEvent((ev: WatchEvent) => {
    const o = ev.object;
    seen.push(ev.type === 'ERROR' ? `ERROR ${JSON.stringify(o)}` : `${ev.type} ${o.metadata?.name} ${o.metadata?.resourceVersion} ${JSON.stringify(o.metadata?.labels ?? {})}`);
  });
  return seen;
}

describe('watch', () => {
  it('sends the current objects as ADDED without a resourceVersion, then changes', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, cm('b'));
    h.req('POST', `${NS}/configmaps`, cm('a'));
    const seen = watch(h, `${NS}/configmaps?watch=true`);
    h.req('PATCH', `${NS}/configmaps/a`, { metadata: { labels: { x: '1' } } }, merge);
    h.req('DELETE', `${NS}/configmaps/b`);
    h.clock.advance(0);
    expect(seen).toEqual(['ADDED a 7 {}', 'ADDED b 6 {}', 'MODIFIED a 8 {"x":"1"}', 'DELETED b 9 {}']);
  });

  it('replays from an old resourceVersion inside the window, also on the legacy /watch/ path', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, cm('a'));
    const rv = h.store.rev;
    h.req('POST', `${NS}/configmaps`, cm('b'));
    h.req('DELETE', `${NS}/configmaps/a`);
    const seen = watch(h, `/api/v1/watch/namespaces/default/configmaps?resourceVersion=${rv}`);
    h.clock.advance(0);
    expect(seen).toEqual(['ADDED b 7 {}', 'DELETED a 8 {}']);
  });

  it('ends with a 410 Expired ERROR event after compaction', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, cm('a'));
    h.req('POST', `${NS}/configmaps`, cm('b'));
    h.store.compact(h.store.rev);
    const seen = watch(h, `${NS}/configmaps?watch=1&resourceVersion=3`);
    h.clock.advance(0);
    expect(seen).toEqual([
      `ERROR ${JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 3 (7)', reason: 'Expired', code: 410 })}`,
    ]);
  });

  it('reports objects entering and leaving a label selector as ADDED and DELETED', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, cm('a'));
    const seen = watch(h, `${NS}/configmaps?watch=true&labelSelector=app%3Dweb&resourceVersion=${h.store.rev}`);
    h.req('PATCH', `${NS}/configmaps/a`, { metadata: { labels: { app: 'web' } } }, merge);
    h.req('PATCH', `${NS}/configmaps/a`, { metadata: { labels: { app: 'web', v: '2' } } }, merge);
    h.req('PATCH', `${NS}/configmaps/a`, { metadata: { labels: { app: 'db' } } }, merge);
    h.req('PATCH', `${NS}/configmaps/a`, { metadata: { labels: { app: 'x' } } }, merge);
    h.clock.advance(0);
    // Leaving: the previous content at the new revision (cacheWatcher.convertToWatchEvent).
    expect(seen).toEqual(['ADDED a 7 {"app":"web"}', 'MODIFIED a 8 {"app":"web","v":"2"}', 'DELETED a 9 {"app":"web","v":"2"}']);
  });

  it('watches one object through a field selector on its name', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, cm('a'));
    h.req('POST', `${NS}/configmaps`, cm('b'));
    const seen = watch(h, `${NS}/configmaps?watch=true&fieldSelector=metadata.name%3Db`);
    h.clock.advance(0);
    expect(seen).toEqual(['ADDED b 7 {}']);
  });

  it('rejects an unsupported field selector', () => {
    const h = newHarness();
    expect(h.req('GET', `${NS}/configmaps?fieldSelector=spec.foo%3Dx`).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'field label not supported: spec.foo',
      reason: 'BadRequest',
      code: 400,
    });
  });
});

describe('subresources', () => {
  it('scale: GET, PUT and PATCH an autoscaling/v1 Scale', () => {
    const h = newHarness();
    const d = h.req('POST', `${APPS}/deployments`, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { tier: 'fe', app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    }).body as KObject;
    const scale = (replicas: number | undefined, rv: string) => ({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', namespace: 'default', uid: d.metadata?.uid, resourceVersion: rv, creationTimestamp: '2026-11-22T09:00:00Z' },
      spec: replicas === undefined ? {} : { replicas },
      status: { replicas: 0, selector: 'app=web,tier=fe' },
    });
    expect(h.req('GET', `${APPS}/deployments/web/scale`).body).toEqual(scale(2, d.metadata?.resourceVersion ?? ''));
    expect(h.req('PUT', `${APPS}/deployments/web/scale`, { spec: { replicas: 5 } }).body).toEqual(scale(5, String(h.store.rev)));
    expect(h.req('PATCH', `${APPS}/deployments/web/scale`, { spec: { replicas: 0 } }, merge).body).toEqual(scale(undefined, String(h.store.rev)));
    expect(h.req('PUT', `${APPS}/deployments/web/scale`, { metadata: { resourceVersion: '2' }, spec: { replicas: 1 } }).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 409,
    });
    expect(h.req('PUT', `${APPS}/deployments/web/scale`, { spec: { replicas: -1 } }).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: { name: 'web', group: 'autoscaling', kind: 'Scale', causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }] },
      code: 422,
    });
  });

  it('binding: 201 Success, then 409 when already bound', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('p'));
    const b = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'node1' } };
    const res = h.req('POST', `${NS}/pods/p/binding`, b);
    expect([res.status, res.body]).toEqual([201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }]);
    const p = h.req('GET', `${NS}/pods/p`).body as { spec: { nodeName: string }; status: { conditions: unknown[] } };
    expect([p.spec.nodeName, p.status.conditions]).toEqual(['node1', [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-22T09:00:00Z' }]]);
    expect(h.req('POST', `${NS}/pods/p/binding`, { ...b, target: { name: 'node2' } }).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "node1"',
      reason: 'Conflict',
      details: { name: 'p', kind: 'pods/binding' },
      code: 409,
    });
  });

  it('status: status updates ignore spec; pods/log passes hook errors through', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('p'));
    const st = h.req('PATCH', `${NS}/pods/p/status`, { spec: { nodeName: 'x' }, status: { phase: 'Running' } }, merge).body as KObject;
    expect([(st.spec as { nodeName?: string }).nodeName, (st.status as { phase: string }).phase]).toEqual([undefined, 'Running']);
    h.api.hooks.podLogs = () => errBadRequest('container "c" in pod "p" is waiting to start: ContainerCreating');
    expect(h.req('GET', `${NS}/pods/p/log`).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'container "c" in pod "p" is waiting to start: ContainerCreating',
      reason: 'BadRequest',
      code: 400,
    });
    h.api.hooks.podLogs = () => ({ text: 'hello\n' });
    expect(h.req('GET', `${NS}/pods/p/log`)).toEqual({ status: 200, body: 'hello\n', headers: { 'content-type': 'text/plain' }, stream: undefined });
  });
});

describe('Service allocation', () => {
  const svc = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }], ...spec } });
  const invalid = (name: string, field: string, message: string) => ({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Service "${name}" is invalid: ${field}: ${message}`,
    reason: 'Invalid',
    details: { name, kind: 'Service', causes: [{ reason: 'FieldValueInvalid', message, field }] },
    code: 422,
  });

  it('allocates ClusterIPs at random in the upper band and NodePorts in range', () => {
    const h = newHarness();
    for (let i = 0; i < 20; i++) {
      const s = h.req('POST', `${NS}/services`, svc(`s${i}`, { type: 'NodePort' })).body as { spec: { clusterIP: string; clusterIPs: string[]; ports: { nodePort: number }[] } };
      const [a, b, c, d] = s.spec.clusterIP.split('.').map(Number);
      // Offset inside 10.96.0.0/12; the low 256 addresses are left for explicit requests.
      const offset = ((b - 96) * 256 + c) * 256 + d;
      expect([a, offset > 256, offset < 2 ** 20 - 1]).toEqual([10, true, true]);
      expect(s.spec.clusterIPs).toEqual([s.spec.clusterIP]);
      expect(s.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000 + 86);
      expect(s.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
    }
  });

  it('refuses taken or out-of-range addresses and ports, leaking nothing', () => {
    const h = newHarness();
    h.req('POST', `${NS}/services`, svc('a', { clusterIP: '10.96.0.10', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    const cases: [Record<string, unknown>, unknown][] = [
      [svc('b', { clusterIP: '10.96.0.10' }), invalid('b', 'spec.clusterIPs', 'Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated')],
      [
        svc('b', { clusterIP: '10.112.0.1' }),
        invalid('b', 'spec.clusterIPs', 'Invalid value: []string{"10.112.0.1"}: failed to allocate IP 10.112.0.1: the provided IP (10.112.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12'),
      ],
      [svc('b', { clusterIP: '10.96.0.11', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), invalid('b', 'spec.ports[0].nodePort', 'Invalid value: 30080: provided port is already allocated')],
      [
        svc('b', { clusterIP: '10.96.0.11', type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
        invalid('b', 'spec.ports[0].nodePort', 'Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'),
      ],
    ];
    for (const [b, want] of cases) expect(h.req('POST', `${NS}/services`, b).body).toEqual(want);
    // The failed creates gave back 10.96.0.11; deleting a releases its address and port.
    expect(h.clusterIPs.has('10.96.0.11')).toBe(false);
    h.req('DELETE', `${NS}/services/a`);
    expect([h.clusterIPs.has('10.96.0.10'), h.nodePorts.allocate(30080)]).toEqual([false, undefined]);
    expect(h.req('POST', `${NS}/services`, svc('b', { clusterIP: '10.96.0.10' })).status).toBe(201);
  });
});

describe('discovery', () => {
  it('serves /api, /apis, /apis/apps and /version like v1.32', () => {
    const h = newHarness();
    expect(h.req('GET', '/api').body).toEqual({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.11:6443' }] });
    const gv = (g: string) => ({ name: g, versions: [{ groupVersion: `${g}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${g}/v1`, version: 'v1' } });
    const autoscaling = {
      name: 'autoscaling',
      versions: [{ groupVersion: 'autoscaling/v2', version: 'v2' }, { groupVersion: 'autoscaling/v1', version: 'v1' }],
      preferredVersion: { groupVersion: 'autoscaling/v2', version: 'v2' },
    };
    expect(h.req('GET', '/apis').body).toEqual({ kind: 'APIGroupList', apiVersion: 'v1', groups: [
      gv('apiregistration.k8s.io'), gv('apps'), gv('authentication.k8s.io'), gv('authorization.k8s.io'), autoscaling, gv('batch'),
      gv('certificates.k8s.io'), gv('networking.k8s.io'), gv('policy'), gv('rbac.authorization.k8s.io'), gv('storage.k8s.io'),
      gv('admissionregistration.k8s.io'), gv('apiextensions.k8s.io'), gv('scheduling.k8s.io'), gv('coordination.k8s.io'), gv('node.k8s.io'),
      gv('discovery.k8s.io'), gv('flowcontrol.apiserver.k8s.io'),
    ] });
    expect(h.req('GET', '/apis/apps').body).toEqual({ kind: 'APIGroup', apiVersion: 'v1', ...gv('apps') });
    expect((h.req('GET', '/version').body as { gitVersion: string }).gitVersion).toBe('v1.32.0');
  });

  it('serves /api/v1 resources as the real server does', () => {
    const h = newHarness();
    const list = h.req('GET', '/api/v1').body as { kind: string; groupVersion: string; apiVersion?: string; resources: Record<string, unknown>[] };
    expect([list.kind, list.groupVersion, list.apiVersion]).toEqual(['APIResourceList', 'v1', undefined]);
    const byName = new Map(list.resources.map((r) => [r.name, r]));
    const all = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
    expect(byName.get('pods')).toEqual({ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: all, shortNames: ['po'], categories: ['all'], storageVersionHash: 'xPOwRZ+Yhw8=' });
    expect(byName.get('namespaces')).toEqual({ name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], storageVersionHash: 'Q3oi5N2YM8M=' });
    expect(byName.get('pods/eviction')).toEqual({ name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
    expect(byName.get('replicationcontrollers/scale')).toEqual({ name: 'replicationcontrollers/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    expect(byName.get('services/proxy')).toEqual({ name: 'services/proxy', singularName: '', namespaced: true, kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] });
    expect(list.resources.map((r) => r.name)).toEqual([...list.resources.map((r) => r.name as string)].sort());
    const apps = h.req('GET', '/apis/apps/v1').body as { apiVersion: string; groupVersion: string; resources: Record<string, unknown>[] };
    expect([apps.apiVersion, apps.groupVersion]).toEqual(['v1', 'apps/v1']);
    expect(apps.resources.find((r) => r.name === 'deployments')).toEqual({
      name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: all, shortNames: ['deploy'], categories: ['all'], storageVersionHash: '8aSe+NMegvE=',
    });
  });
});
