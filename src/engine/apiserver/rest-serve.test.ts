// What serving the real kubectl added to the REST façade: unknown fields dropped on write,
// strict validation of patches, server-side apply (simplified) and the OpenAPI routes.
import { describe, expect, it } from 'vitest';
import { newHarness } from './test-harness';

const CM = '/api/v1/namespaces/default/configmaps';
const json = { 'content-type': 'application/json' };

describe('unknown fields', () => {
  it('are dropped on create with a warning (fieldValidation=Warn)', () => {
    const h = newHarness();
    const res = h.req('POST', CM, JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', bogus: 1 }, data: { k: 'v' }, extra: true }), json);
    expect(res.status).toBe(201);
    expect(res.headers?.warning).toBe('299 - "unknown field \\"metadata.bogus\\"", 299 - "unknown field \\"extra\\""');
    const stored = h.req('GET', `${CM}/a`).body as Record<string, unknown>;
    expect(stored.extra).toBeUndefined();
    expect((stored.metadata as Record<string, unknown>).bogus).toBeUndefined();
    expect(stored.data).toEqual({ k: 'v' });
  });

  it('a strategic merge patch with Strict is Invalid, showing the patch as Go prints a map', () => {
    const h = newHarness();
    h.req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    const res = h.req('PATCH', `${CM}/a?fieldValidation=Strict`, JSON.stringify({ data: { k: 'v' }, spec: { x: 1 } }), { 'content-type': 'application/strategic-merge-patch+json' });
    expect(res.status).toBe(422);
    expect((res.body as { message: string }).message).toBe(' "" is invalid: patch: Invalid value: "map[data:map[k:v] spec:map[x:1]]": strict decoding error: unknown field "spec"');
  });

  it('a merge patch with Warn warns and stores without the unknown field', () => {
    const h = newHarness();
    h.req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
    const res = h.req('PATCH', `${CM}/a`, JSON.stringify({ data: { k: 'v' }, spec: { x: 1 } }), { 'content-type': 'application/merge-patch+json' });
    expect(res.status).toBe(200);
    expect(res.warnings).toEqual(['unknown field "spec"']);
    expect((res.body as Record<string, unknown>).spec).toBeUndefined();
    expect((res.body as Record<string, unknown>).data).toEqual({ k: 'v' });
  });
});

describe('server-side apply (simplified)', () => {
  const apply = { 'content-type': 'application/apply-patch+yaml' };
  it('creates, then merges, and needs a field manager', () => {
    const h = newHarness();
    const body = (data: Record<string, string>) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data });
    expect(h.req('PATCH', `${CM}/a`, body({ k: 'v' }), apply).status).toBe(400);
    expect((h.req('PATCH', `${CM}/a`, body({ k: 'v' }), apply).body as { message: string }).message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    const created = h.req('PATCH', `${CM}/a?fieldManager=kubectl`, body({ k: 'v' }), apply);
    expect(created.status).toBe(201);
    const merged = h.req('PATCH', `${CM}/a?fieldManager=kubectl`, body({ k2: 'v2' }), apply);
    expect(merged.status).toBe(200);
    expect((merged.body as Record<string, unknown>).data).toEqual({ k: 'v', k2: 'v2' });
  });
});

describe('watch as Table (kubectl get -w)', () => {
  const TABLE = { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json' };
  it('sends one-row Tables, with the column definitions on the first event only', () => {
    const h = newHarness();
    h.req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
    h.clock.advance(0);
    const rv = (h.req('GET', CM).body as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    const res = h.req('GET', `${CM}?watch=true&resourceVersion=${rv}`, undefined, TABLE);
    const seen: unknown[] = [];
    res.watch?.onEvent((ev) => seen.push(JSON.parse(JSON.stringify(ev))));
    h.clock.advance(5000);
    h.req('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    h.req('PATCH', `${CM}/a`, JSON.stringify({ data: { k: 'v', k2: 'v2' } }), { 'content-type': 'application/merge-patch+json' });
    h.req('DELETE', `${CM}/b`);
    h.clock.advance(0);
    const a = h.req('GET', `${CM}/a`).body as { metadata: Record<string, unknown> };
    const meta = (name: string, rv2: string, uid: unknown, creationTimestamp: unknown) => ({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name, namespace: 'default', uid, resourceVersion: rv2, creationTimestamp },
    });
    const created = seen[0] as { object: { rows: { object: { metadata: { uid: string; creationTimestamp: string } } }[] } };
    const b = created.object.rows[0].object.metadata;
    const n = Number(rv);
    expect(seen).toEqual([
      {
        type: 'ADDED',
        object: {
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { resourceVersion: String(n + 1) },
          columnDefinitions: [
            { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names', priority: 0 },
            { name: 'Data', type: 'string', format: '', description: 'Data contains the configuration data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.', priority: 0 },
            { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata', priority: 0 },
          ],
          rows: [{ cells: ['b', 0, '0s'], object: meta('b', String(n + 1), b.uid, b.creationTimestamp) }],
        },
      },
      {
        type: 'MODIFIED',
        object: {
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { resourceVersion: String(n + 2) },
          columnDefinitions: null,
          rows: [{ cells: ['a', 2, '5s'], object: meta('a', String(n + 2), a.metadata.uid, a.metadata.creationTimestamp) }],
        },
      },
      {
        type: 'DELETED',
        object: {
          kind: 'Table',
          apiVersion: 'meta.k8s.io/v1',
          metadata: { resourceVersion: String(n + 3) },
          columnDefinitions: null,
          rows: [{ cells: ['b', 0, '0s'], object: meta('b', String(n + 3), b.uid, b.creationTimestamp) }],
        },
      },
    ]);
  });
});

describe('aggregated discovery (apidiscovery.k8s.io/v2)', () => {
  const AGG = { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' };
  type Doc = { kind: string; apiVersion: string; metadata: object; items: { metadata: { name?: string }; versions: { version: string; resources: { resource: string }[]; freshness: string }[] }[] };

  it('answers /api and /apis with every group in one document when asked, the legacy lists otherwise', () => {
    const h = newHarness();
    const apis = h.req('GET', '/apis', undefined, AGG);
    expect(apis.headers).toEqual({ 'content-type': 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList', vary: 'Accept' });
    const doc = apis.body as Doc;
    expect([doc.kind, doc.apiVersion, doc.metadata]).toEqual(['APIGroupDiscoveryList', 'apidiscovery.k8s.io/v2', {}]);
    // Same groups, in the same order, as the legacy APIGroupList.
    const legacy = h.req('GET', '/apis').body as { groups: { name: string }[] };
    expect(doc.items.map((i) => i.metadata.name)).toEqual(legacy.groups.map((g) => g.name));
    const apps = doc.items.find((i) => i.metadata.name === 'apps');
    expect(apps?.versions.map((v) => [v.version, v.freshness])).toEqual([['v1', 'Current']]);
    expect(apps?.versions[0].resources.find((r) => r.resource === 'deployments')).toEqual({
      resource: 'deployments',
      responseKind: { group: '', version: '', kind: 'Deployment' },
      scope: 'Namespaced',
      singularResource: 'deployment',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['deploy'],
      categories: ['all'],
      subresources: [
        { subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Deployment' }, verbs: ['get', 'patch', 'update'] },
      ],
    });

    const core = h.req('GET', '/api', undefined, AGG).body as Doc;
    expect(core.items.map((i) => [i.metadata, i.versions.map((v) => v.version)])).toEqual([[{ creationTimestamp: null }, ['v1']]]);
    expect(core.items[0].versions[0].resources.find((r) => r.resource === 'namespaces')).toEqual({
      resource: 'namespaces',
      responseKind: { group: '', version: '', kind: 'Namespace' },
      scope: 'Cluster',
      singularResource: 'namespace',
      verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['ns'],
      subresources: [
        { subresource: 'finalize', responseKind: { group: '', version: '', kind: 'Namespace' }, verbs: ['update'] },
        { subresource: 'status', responseKind: { group: '', version: '', kind: 'Namespace' }, verbs: ['get', 'patch', 'update'] },
      ],
    });
    // Every legacy resource and subresource is there, once.
    const v1 = h.req('GET', '/api/v1').body as { resources: { name: string }[] };
    const names = core.items[0].versions[0].resources.flatMap((r) => [r.resource, ...((r as { subresources?: { subresource: string }[] }).subresources ?? []).map((s) => `${r.resource}/${s.subresource}`)]);
    expect(names.sort()).toEqual(v1.resources.map((r) => r.name).sort());

    expect((h.req('GET', '/api').body as { kind: string }).kind).toBe('APIVersions');
    expect((h.req('GET', '/apis', undefined, { accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json' }).body as { kind: string }).kind).toBe('APIGroupList');
  });
});
