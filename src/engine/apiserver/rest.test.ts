// REST façade against v1.32 behaviour: CRUD on every kind, whole Status bodies for errors,
// delete answers, strict decoding, subresources and Service allocation. No controllers run.
import { describe, it, expect } from 'vitest';
import type { KObject } from '../api/types';
import { newHarness } from './test-harness';
import type { Harness } from './test-harness';

const NS = '/api/v1/namespaces/default';
const APPS = '/apis/apps/v1/namespaces/default';

const pod = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
});

const deployment = (name: string, replicas = 1): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  },
});

const svc = (name: string, spec: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { ports: [{ port: 80 }], ...spec },
});

function body<T = KObject>(h: Harness, method: string, path: string, b?: unknown, headers?: Record<string, string>): T {
  return h.req(method, path, b, headers).body as T;
}

const failure = (code: number, reason: string, message: string, details?: Record<string, unknown>) => {
  const s: Record<string, unknown> = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason };
  if (details) s.details = details;
  s.code = code;
  return s;
};

describe('create', () => {
  it('answers 201 with defaults and server-owned metadata', () => {
    const h = newHarness();
    const res = h.req('POST', `${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } });
    expect(res.status).toBe(201);
    const cm = res.body as KObject;
    expect(cm).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'cm',
        namespace: 'default',
        uid: cm.metadata?.uid,
        resourceVersion: String(h.store.rev),
        creationTimestamp: '2026-11-22T09:00:00Z',
      },
      data: { a: 'b' },
    });
    expect(cm.metadata?.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{8,12}$/);
    const d = body(h, 'POST', `${APPS}/deployments`, deployment('web'));
    expect(d.metadata?.generation).toBe(1);
    expect((d.spec as Record<string, unknown>).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  });

  it('generates names from generateName', () => {
    const h = newHarness();
    const p = body(h, 'POST', `${NS}/pods`, { ...pod(''), metadata: { generateName: 'web-' } });
    expect(p.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata?.generateName).toBe('web-');
  });

  it('dryRun=All stores nothing and allocates nothing', () => {
    const h = newHarness();
    const rev = h.store.rev;
    const res = h.req('POST', `${NS}/services?dryRun=All`, svc('s', { clusterIP: '10.96.0.10', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(res.status).toBe(201);
    expect((res.body as KObject).metadata?.resourceVersion).toBeUndefined();
    expect(h.store.rev).toBe(rev);
    expect(h.clusterIPs.has('10.96.0.10')).toBe(false);
    expect(h.req('GET', `${NS}/services/s`).status).toBe(404);
    expect(h.req('POST', `${NS}/services`, svc('s', { clusterIP: '10.96.0.10', type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] })).status).toBe(201);
  });

  const errors: [string, string, unknown, Record<string, unknown>][] = [
    ['already exists', `${NS}/pods`, pod('x'), failure(409, 'AlreadyExists', 'pods "x" already exists', { name: 'x', kind: 'pods' })],
    [
      'namespace not found',
      '/api/v1/namespaces/nope/pods',
      pod('y'),
      failure(404, 'NotFound', 'namespaces "nope" not found', { name: 'nope', kind: 'namespaces' }),
    ],
    [
      'wrong kind',
      `${NS}/pods`,
      { ...pod('y'), kind: 'Service' },
      failure(400, 'BadRequest', 'Service in version "v1" cannot be handled as a Pod: converting (v1.Service) to (core.Pod): unknown conversion'),
    ],
    [
      'unregistered kind',
      `${NS}/pods`,
      { ...pod('y'), kind: 'pod' },
      failure(400, 'BadRequest', 'pod in version "v1" cannot be handled as a Pod: no kind "pod" is registered for version "v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ],
    [
      'kind of another group',
      `${APPS}/deployments`,
      { ...deployment('y'), kind: 'deployment' },
      failure(400, 'BadRequest', 'deployment in version "v1" cannot be handled as a Deployment: no kind "deployment" is registered for version "apps/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ],
    [
      'strict decoding',
      `${NS}/pods?fieldValidation=Strict`,
      pod('y', { foo: 1 }),
      failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"'),
    ],
    [
      'wrong JSON type',
      `${NS}/pods`,
      pod('y', { containers: 'nginx' }),
      failure(400, 'BadRequest', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container'),
    ],
    [
      'invalid',
      `${NS}/pods`,
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'y' }, spec: { containers: [] } },
      failure(422, 'Invalid', 'Pod "y" is invalid: spec.containers: Required value', {
        name: 'y',
        kind: 'Pod',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.containers' }],
      }),
    ],
    [
      'no name',
      `${NS}/configmaps`,
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} },
      failure(422, 'Invalid', 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required', {
        name: '',
        kind: 'ConfigMap',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }],
      }),
    ],
  ];
  it.each(errors)('%s', (_n, path, b, want) => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('x'));
    const res = h.req('POST', path, b);
    expect(res.body).toEqual(want);
    expect(res.status).toBe(want.code);
  });

  it('warns about unknown fields by default and ignores them with Ignore', () => {
    const h = newHarness();
    const res = h.req('POST', `${NS}/pods`, pod('w', { foo: 1, bar: 2 }));
    expect(res.status).toBe(201);
    expect(res.headers).toEqual({ warning: '299 - "unknown field \\"spec.foo\\"", 299 - "unknown field \\"spec.bar\\""' });
    expect(res.warnings).toEqual(['unknown field "spec.foo"', 'unknown field "spec.bar"']);
    expect(h.req('POST', `${NS}/pods?fieldValidation=Ignore`, pod('i', { foo: 1 })).headers).toBeUndefined();
  });

  it('refuses new content in a terminating namespace', () => {
    const h = newHarness();
    h.req('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' } });
    h.req('DELETE', '/api/v1/namespaces/dev');
    const res = h.req('POST', '/api/v1/namespaces/dev/pods', pod('x'));
    expect(res.body).toEqual(
      failure(403, 'Forbidden', 'pods "x" is forbidden: unable to create new content in namespace dev because it is being terminated', {
        name: 'x',
        kind: 'pods',
        causes: [{ reason: 'NamespaceTerminating', message: 'namespace dev is being terminated', field: 'metadata.namespace' }],
      }),
    );
  });
});

describe('get and list', () => {
  it('lists in namespace/name order with the List kind and stripped items', () => {
    const h = newHarness();
    h.req('POST', '/api/v1/namespaces/kube-system/configmaps', { metadata: { name: 'b' } });
    h.req('POST', `${NS}/configmaps`, { metadata: { name: 'b' } });
    h.req('POST', `${NS}/configmaps`, { metadata: { name: 'a' } });
    const list = body<{ kind: string; apiVersion: string; metadata: unknown; items: KObject[] }>(h, 'GET', '/api/v1/configmaps');
    expect(list.kind).toBe('ConfigMapList');
    expect(list.apiVersion).toBe('v1');
    expect(list.metadata).toEqual({ resourceVersion: String(h.store.rev) });
    expect(list.items.map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`)).toEqual(['default/a', 'default/b', 'kube-system/b']);
    expect(list.items.every((o) => o.apiVersion === undefined && o.kind === undefined)).toBe(true);
    expect(body<{ items: KObject[] }>(h, 'GET', `${NS}/configmaps`).items.length).toBe(2);
  });

  it('404s with the resource and name', () => {
    const h = newHarness();
    expect(h.req('GET', `${NS}/pods/x`).body).toEqual(failure(404, 'NotFound', 'pods "x" not found', { name: 'x', kind: 'pods' }));
    expect(h.req('GET', `${APPS}/deployments/x`).body).toEqual(
      failure(404, 'NotFound', 'deployments.apps "x" not found', { name: 'x', group: 'apps', kind: 'deployments' }),
    );
  });

  it('pages with limit and continue', () => {
    const h = newHarness();
    for (const n of ['a', 'b', 'c', 'd', 'e']) h.req('POST', `${NS}/configmaps`, { metadata: { name: n } });
    const rv = String(h.store.rev);
    const p1 = body<{ metadata: { continue: string; remainingItemCount: number; resourceVersion: string }; items: KObject[] }>(h, 'GET', `${NS}/configmaps?limit=2`);
    expect(p1.items.map((o) => o.metadata?.name)).toEqual(['a', 'b']);
    expect(p1.metadata).toEqual({ resourceVersion: rv, continue: p1.metadata.continue, remainingItemCount: 3 });
    // base64 of {"v":"meta.k8s.io/v1","rv":10,"start":"default/b\u0000"}, etcd3's token shape.
    expect([rv, p1.metadata.continue]).toEqual(['10', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MTAsInN0YXJ0IjoiZGVmYXVsdC9iXHUwMDAwIn0=']);
    // An object removed between pages does not shift the next page.
    h.req('DELETE', `${NS}/configmaps/a`);
    const p2 = body<{ metadata: Record<string, unknown>; items: KObject[] }>(h, 'GET', `${NS}/configmaps?limit=2&continue=${encodeURIComponent(p1.metadata.continue)}`);
    expect(p2.items.map((o) => o.metadata?.name)).toEqual(['c', 'd']);
    const p3 = body<{ metadata: Record<string, unknown>; items: KObject[] }>(h, 'GET', `${NS}/configmaps?limit=2&continue=${encodeURIComponent(p2.metadata.continue as string)}`);
    expect(p3.items.map((o) => o.metadata?.name)).toEqual(['e']);
    expect(p3.metadata).toEqual({ resourceVersion: rv });
  });

  it('lists 10,000 pods without copying them', () => {
    const h = newHarness();
    const rt = h.api.mustResource('pods');
    for (let i = 0; i < 10_000; i++) h.api.create(rt, 'default', pod(`p${String(i).padStart(5, '0')}`));
    const list = body<{ items: KObject[] }>(h, 'GET', `${NS}/pods`);
    expect(list.items.length).toBe(10_000);
    const stored = h.api.get(rt, 'default', 'p00042');
    // Items share the stored (frozen) spec and metadata: no per-item deep clone.
    expect([list.items[42].spec === stored.spec, list.items[42].metadata === stored.metadata]).toEqual([true, true]);
    // A second list reuses the same item views.
    expect(body<{ items: KObject[] }>(h, 'GET', `${NS}/pods`).items[42]).toBe(list.items[42]);
  });
});

describe('update and patch', () => {
  it('409s on a stale resourceVersion with the exact message', () => {
    const h = newHarness();
    const p = body(h, 'POST', `${NS}/pods`, pod('x'));
    h.req('PATCH', `${NS}/pods/x`, { metadata: { labels: { a: 'b' } } }, { 'content-type': 'application/merge-patch+json' });
    const res = h.req('PUT', `${NS}/pods/x`, p);
    expect(res.body).toEqual(
      failure(409, 'Conflict', 'Operation cannot be fulfilled on pods "x": the object has been modified; please apply your changes to the latest version and try again', {
        name: 'x',
        kind: 'pods',
      }),
    );
  });

  it('updates unconditionally without a resourceVersion', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, { metadata: { name: 'cm' }, data: { a: '1' } });
    const res = h.req('PUT', `${NS}/configmaps/cm`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '2' } });
    expect(res.status).toBe(200);
    expect((res.body as KObject).data).toEqual({ a: '2' });
    expect(h.req('PUT', `${NS}/configmaps/nope`, { metadata: { name: 'nope' } }).body).toEqual(
      failure(404, 'NotFound', 'configmaps "nope" not found', { name: 'nope', kind: 'configmaps' }),
    );
    expect(h.req('PUT', `${NS}/configmaps/cm`, { metadata: { name: 'other' } }).body).toEqual(
      failure(400, 'BadRequest', 'the name of the object (other) does not match the name on the URL (cm)'),
    );
  });

  it('bumps generation on spec changes only and keeps status on main-resource updates', () => {
    const h = newHarness();
    body(h, 'POST', `${APPS}/deployments`, deployment('web'));
    const st = h.req('PUT', `${APPS}/deployments/web/status`, { ...deployment('web'), spec: { replicas: 9 }, status: { replicas: 3 } });
    expect(st.status).toBe(200);
    const s1 = st.body as KObject;
    expect([(s1.spec as { replicas: number }).replicas, s1.status, s1.metadata?.generation]).toEqual([1, { replicas: 3 }, 1]);
    const up = body(h, 'PATCH', `${APPS}/deployments/web`, { spec: { replicas: 2 }, status: { replicas: 7 } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect([(up.spec as { replicas: number }).replicas, up.status, up.metadata?.generation]).toEqual([2, { replicas: 3 }, 2]);
    const lab = body(h, 'PATCH', `${APPS}/deployments/web`, [{ op: 'add', path: '/metadata/labels', value: { a: 'b' } }], { 'content-type': 'application/json-patch+json' });
    expect([lab.metadata?.labels, lab.metadata?.generation]).toEqual([{ a: 'b' }, 2]);
  });

  it('answers 415 for an unknown patch type', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('x'));
    expect(h.req('PATCH', `${NS}/pods/x`, {}, { 'content-type': 'application/json' }).body).toEqual(
      failure(
        415,
        'UnsupportedMediaType',
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      ),
    );
  });
});

describe('delete', () => {
  const success = (name: string, kind: string, uid: unknown, group?: string) => ({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: group ? { name, group, kind, uid } : { name, kind, uid },
  });

  it('answers a Status for most kinds and the object for pods, services, namespaces and service accounts', () => {
    const h = newHarness();
    const d = body(h, 'POST', `${APPS}/deployments`, deployment('web'));
    expect(h.req('DELETE', `${APPS}/deployments/web`).body).toEqual(success('web', 'deployments', d.metadata?.uid, 'apps'));
    const cm = body(h, 'POST', `${NS}/configmaps`, { metadata: { name: 'cm' } });
    expect(h.req('DELETE', `${NS}/configmaps/cm`).body).toEqual(success('cm', 'configmaps', cm.metadata?.uid));
    body(h, 'POST', `${NS}/services`, svc('s'));
    const gone = body(h, 'DELETE', `${NS}/services/s`);
    expect([gone.kind, gone.metadata?.name]).toEqual(['Service', 's']);
    body(h, 'POST', `${NS}/serviceaccounts`, { metadata: { name: 'sa' } });
    expect(body(h, 'DELETE', `${NS}/serviceaccounts/sa`).kind).toBe('ServiceAccount');
    expect(h.req('DELETE', `${NS}/configmaps/cm`).body).toEqual(failure(404, 'NotFound', 'configmaps "cm" not found', { name: 'cm', kind: 'configmaps' }));
  });

  it('deletes an unscheduled pod at once and a scheduled one gracefully', () => {
    const h = newHarness();
    h.req('POST', `${NS}/pods`, pod('a'));
    const a = h.req('DELETE', `${NS}/pods/a`);
    expect([a.status, (a.body as KObject).metadata?.deletionGracePeriodSeconds]).toEqual([200, 0]);
    expect(h.req('GET', `${NS}/pods/a`).status).toBe(404);
    h.req('POST', `${NS}/pods`, pod('b', { nodeName: 'node1' }));
    h.clock.advance(1000);
    const b = body(h, 'DELETE', `${NS}/pods/b`);
    expect([b.metadata?.deletionTimestamp, b.metadata?.deletionGracePeriodSeconds]).toEqual(['2026-11-22T09:00:31Z', 30]);
    // A longer grace period cannot extend it; a shorter one moves the deadline.
    expect(body(h, 'DELETE', `${NS}/pods/b`, { gracePeriodSeconds: 60 }).metadata?.deletionTimestamp).toBe('2026-11-22T09:00:31Z');
    const c = body(h, 'DELETE', `${NS}/pods/b?gracePeriodSeconds=10`);
    expect([c.metadata?.deletionTimestamp, c.metadata?.deletionGracePeriodSeconds]).toEqual(['2026-11-22T09:00:11Z', 10]);
    // Status updates during the grace period keep it.
    h.api.mutate(h.api.mustResource('pods'), 'default', 'b', (o) => void (o.status = { phase: 'Running' }), { subresource: 'status' });
    expect(h.req('GET', `${NS}/pods/b`).status).toBe(200);
    h.req('DELETE', `${NS}/pods/b?gracePeriodSeconds=0`);
    expect(h.req('GET', `${NS}/pods/b`).status).toBe(404);
  });

  it('keeps objects with finalizers until the last one goes', () => {
    const h = newHarness();
    const cm = body(h, 'POST', `${NS}/configmaps`, { metadata: { name: 'cm', finalizers: ['example.com/x'] } });
    h.clock.advance(5000);
    const res = h.req('DELETE', `${NS}/configmaps/cm`);
    expect(res.body).toEqual({
      ...cm,
      metadata: { ...cm.metadata, resourceVersion: String(h.store.rev), deletionTimestamp: '2026-11-22T09:00:05Z', deletionGracePeriodSeconds: 0 },
    });
    h.req('PATCH', `${NS}/configmaps/cm`, { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(h.req('GET', `${NS}/configmaps/cm`).status).toBe(404);
  });

  it('adds GC finalizers for Foreground and Orphan and bumps generation', () => {
    const h = newHarness();
    h.req('POST', `${APPS}/deployments`, deployment('f'));
    const f = body(h, 'DELETE', `${APPS}/deployments/f`, { propagationPolicy: 'Foreground' });
    expect([f.metadata?.finalizers, f.metadata?.generation, f.metadata?.deletionGracePeriodSeconds]).toEqual([['foregroundDeletion'], 2, 0]);
    h.req('POST', `${APPS}/deployments`, deployment('o'));
    const o = body(h, 'DELETE', `${APPS}/deployments/o?propagationPolicy=Orphan`);
    expect(o.metadata?.finalizers).toEqual(['orphan']);
  });

  it('checks preconditions', () => {
    const h = newHarness();
    const cm = body(h, 'POST', `${NS}/configmaps`, { metadata: { name: 'cm' } });
    expect(h.req('DELETE', `${NS}/configmaps/cm`, { preconditions: { uid: 'other' } }).body).toEqual(
      failure(409, 'Conflict', `Operation cannot be fulfilled on configmaps "cm": Precondition failed: UID in precondition: other, UID in object meta: ${cm.metadata?.uid}`, {
        name: 'cm',
        kind: 'configmaps',
      }),
    );
  });

  it('deletes collections with selectors', () => {
    const h = newHarness();
    h.req('POST', `${NS}/configmaps`, { metadata: { name: 'a', labels: { x: '1' } } });
    h.req('POST', `${NS}/configmaps`, { metadata: { name: 'b' } });
    const res = body<{ kind: string; items: KObject[] }>(h, 'DELETE', `${NS}/configmaps?labelSelector=x%3D1`);
    expect([res.kind, res.items.map((o) => o.metadata?.name)]).toEqual(['ConfigMapList', ['a']]);
    expect(body<{ items: KObject[] }>(h, 'GET', `${NS}/configmaps`).items.map((o) => o.metadata?.name)).toEqual(['b']);
  });

  it('terminates namespaces until finalized', () => {
    const h = newHarness();
    h.req('POST', '/api/v1/namespaces', { metadata: { name: 'dev' } });
    const ns = body(h, 'DELETE', '/api/v1/namespaces/dev');
    expect([ns.status, ns.spec, ns.metadata?.deletionTimestamp, ns.metadata?.deletionGracePeriodSeconds]).toEqual([
      { phase: 'Terminating' },
      { finalizers: ['kubernetes'] },
      '2026-11-22T09:00:00Z',
      undefined,
    ]);
    expect(body(h, 'DELETE', '/api/v1/namespaces/dev').metadata?.resourceVersion).toBe(ns.metadata?.resourceVersion);
    const fin = h.req('PUT', '/api/v1/namespaces/dev/finalize', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, spec: { finalizers: [] } });
    expect(fin.status).toBe(200);
    expect(h.req('GET', '/api/v1/namespaces/dev').status).toBe(404);
  });
});

describe('routing errors', () => {
  const cases: [string, string, string, Record<string, unknown>][] = [
    ['unknown resource', 'GET', '/api/v1/foos', failure(404, 'NotFound', 'the server could not find the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] })],
    ['unknown group', 'GET', '/apis/foo/v1/bars', failure(404, 'NotFound', 'the server could not find the requested resource', {})],
    ['unknown subresource', 'GET', `${NS}/pods/x/foo`, failure(404, 'NotFound', 'the server could not find the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] })],
    ['POST on an item', 'POST', `${NS}/pods/x`, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '405: Method Not Allowed' }] })],
    ['deletecollection of namespaces', 'DELETE', '/api/v1/namespaces', failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '405: Method Not Allowed' }] })],
  ];
  it.each(cases)('%s', (_n, method, path, want) => {
    const h = newHarness();
    const res = h.req(method, path, pod('x'));
    expect(res.body).toEqual(want);
    expect(JSON.stringify(Object.keys(res.body as object))).toBe(JSON.stringify(Object.keys(want)));
  });
});
