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
