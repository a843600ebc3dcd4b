import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { OpenApi } from './openapi';

const api = createCluster({ seed: 1, bootstrap: false, nodes: [] }).api;
const docs = new OpenApi(api.types);

type Doc = {
  paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind'?: unknown; 'x-kubernetes-action'?: string; parameters?: { name: string; in: string }[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
};

describe('/openapi/v3', () => {
  it('lists each served group version with a hashed URL', () => {
    const index = JSON.parse(docs.v3IndexJson()) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths)).toContain('api/v1');
    expect(Object.keys(index.paths)).toContain('apis/apps/v1');
    expect(index.paths['apis/apps/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{16}$/);
    expect(docs.v3Json('apis/nope/v1')).toBeUndefined();
  });

  it('has the PATCH operation kubectl inspects for fieldValidation support', () => {
    const doc = JSON.parse(docs.v3Json('apis/apps/v1') ?? '{}') as Doc;
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', kind: 'Deployment', version: 'v1' });
    expect(patch['x-kubernetes-action']).toBe('patch');
    expect(patch.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(['dryRun', 'fieldManager', 'fieldValidation', 'force']);
    expect(doc.paths['/api/v1/nodes/{name}']).toBeUndefined();
  });

  it('wraps refs with siblings in allOf and carries patch strategies', () => {
    const doc = JSON.parse(docs.v3Json('api/v1') ?? '{}') as Doc;
    const spec = doc.components.schemas['io.k8s.api.core.v1.Pod'].properties?.spec;
    expect(spec?.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }]);
    const containers = doc.components.schemas['io.k8s.api.core.v1.PodSpec'].properties?.containers;
    expect(containers?.['x-kubernetes-patch-merge-key']).toBe('name');
    expect(containers?.['x-kubernetes-patch-strategy']).toBe('merge');
    expect(doc.paths['/api/v1/nodes/{name}'].get['x-kubernetes-group-version-kind']).toEqual({ group: '', kind: 'Node', version: 'v1' });
  });
});

describe('/openapi/v2', () => {
  it('is one swagger 2.0 document with paths and definitions', () => {
    const doc = JSON.parse(docs.v2Json()) as { swagger: string; paths: Record<string, unknown>; definitions: Record<string, unknown> };
    expect(doc.swagger).toBe('2.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/namespaces/{namespace}/pods/{name}');
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']).toBeDefined();
  });

  it('is served by the REST handler, and 406 when only protobuf is acceptable', () => {
    const rest = createCluster({ seed: 1, bootstrap: false, nodes: [] }).rest;
    const ok = rest.handle({ method: 'GET', path: '/openapi/v2', headers: { accept: 'application/json' } });
    expect(ok.status).toBe(200);
    expect(ok.headers?.['content-type']).toBe('application/json');
    const proto = rest.handle({ method: 'GET', path: '/openapi/v2', headers: { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } });
    expect(proto.status).toBe(406);
    expect(rest.handle({ method: 'GET', path: '/openapi/v3/apis/nope/v1' }).status).toBe(404);
  });
});
