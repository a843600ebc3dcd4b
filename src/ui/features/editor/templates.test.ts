import { describe, it, expect, beforeAll } from 'vitest';
import { load } from 'js-yaml';
import { createCluster } from '../../../engine';
import type { Cluster } from '../../../engine';
import { TEMPLATES } from './templates';
import type { TemplateKind } from './templates';

const PATHS: Record<TemplateKind, string> = {
  Pod: '/api/v1/namespaces/default/pods',
  Deployment: '/apis/apps/v1/namespaces/default/deployments',
  Service: '/api/v1/namespaces/default/services',
  ReplicaSet: '/apis/apps/v1/namespaces/default/replicasets',
  ReplicationController: '/api/v1/namespaces/default/replicationcontrollers',
  Namespace: '/api/v1/namespaces',
};

let cluster: Cluster;
beforeAll(() => {
  cluster = createCluster({ seed: 3 });
});

interface Obj {
  kind?: string;
  metadata?: { name?: string };
  status?: unknown;
}

function dryRunCreate(kind: TemplateKind, body: unknown) {
  return cluster.request({ method: 'POST', path: `${PATHS[kind]}?dryRun=All&fieldValidation=Strict`, body });
}

describe('starter templates', () => {
  it('cover the six kinds of the course, one each, with distinct file names', () => {
    expect(TEMPLATES.map((t) => t.kind)).toEqual(['Pod', 'Deployment', 'Service', 'ReplicaSet', 'ReplicationController', 'Namespace']);
    expect(new Set(TEMPLATES.map((t) => t.fileName)).size).toBe(TEMPLATES.length);
  });

  for (const t of TEMPLATES) {
    it(`${t.kind} passes the API server's validation (dryRun=All, strict fields) and stores nothing`, () => {
      const body = load(t.text) as Obj;
      expect(body.kind).toBe(t.kind);
      const res = dryRunCreate(t.kind, body);
      expect({ status: res.status, warnings: res.warnings ?? [] }).toEqual({ status: 201, warnings: [] });
      const created = res.body as Obj;
      expect(created.kind).toBe(t.kind);
      expect(created.metadata?.name).toBe(body.metadata?.name);
      const get = cluster.request({ method: 'GET', path: `${PATHS[t.kind]}/${body.metadata?.name}` });
      expect(get.status).toBe(404);
    });
  }

  it('the same check rejects a broken template (the test can fail)', () => {
    const t = TEMPLATES.find((x) => x.kind === 'Deployment');
    const body = load((t?.text ?? '').replace('replicas: 3', 'replicas: -1'));
    const res = dryRunCreate('Deployment', body);
    expect(res.status).toBe(422);
    expect((res.body as { details?: { causes?: unknown[] } }).details?.causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
    ]);
  });
});
