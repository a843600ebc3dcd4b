import { describe, it, expect, afterEach } from 'vitest';
import { createInProcessHost } from '../../../worker/in-process-host';
import type { InProcessHost } from '../../../worker/in-process-host';
import { isClientMessage } from '../../../worker/protocol';
import { TEMPLATES } from './templates';

let host: InProcessHost | undefined;
afterEach(() => {
  host?.client.close();
  host = undefined;
});

function connect(): InProcessHost {
  host = createInProcessHost({ session: { seed: 11 }, playing: false });
  host.client.connect();
  return host;
}

const deployment = TEMPLATES.find((t) => t.kind === 'Deployment')?.text ?? '';

describe('editor requests (worker side)', () => {
  it('guards the new request params', () => {
    const req = (method: string, params: unknown) => ({ v: 1, type: 'request', id: 1, method, params });
    expect(isClientMessage(req('fs.read', { path: '/home/k8s/a.yaml' }))).toBe(true);
    expect(isClientMessage(req('fs.read', { path: '' }))).toBe(false);
    expect(isClientMessage(req('fs.write', { path: 'a', content: 1 }))).toBe(false);
    expect(isClientMessage(req('fs.list', {}))).toBe(true);
    expect(isClientMessage(req('kubectl.apply', { text: 'x', dryRun: 'yes' }))).toBe(false);
    expect(isClientMessage(req('kubectl.apply', { text: 'x', dryRun: true }))).toBe(true);
    expect(isClientMessage(req('editor.schema', {}))).toBe(true);
    expect(isClientMessage(req('editor.nope', {}))).toBe(false);
  });

  it('reads, writes and lists files of the shell, which the shell then sees', async () => {
    const { client, core } = connect();
    expect(await client.request('fs.write', { path: 'web.yaml', content: deployment })).toEqual({ path: '/home/k8s/web.yaml' });
    expect(await client.request('fs.read', { path: '/home/k8s/web.yaml' })).toEqual({ path: '/home/k8s/web.yaml', content: deployment });
    const list = await client.request('fs.list', {});
    expect(list.path).toBe('/home/k8s');
    expect(list.entries.find((e) => e.name === 'web.yaml')).toEqual({ name: 'web.yaml', path: '/home/k8s/web.yaml', type: 'file', size: deployment.length });
    expect(core.session.shell.fs.readFile('/home/k8s/web.yaml')).toBe(deployment);
    await expect(client.request('fs.read', { path: '/nope/x.yaml' })).rejects.toThrow(/^\/nope\/x\.yaml: No such file or directory$/);
    await expect(client.request('fs.read', { path: '/home' })).rejects.toThrow(/^\/home: Is a directory$/);
  });

  it('applies like kubectl apply -f -: created, unchanged, dry run, and Status causes for invalid objects', async () => {
    const { client, core } = connect();
    expect(await client.request('kubectl.apply', { text: deployment, dryRun: true })).toEqual({ status: 0, output: 'deployment.apps/web created (server dry run)\n', failures: [] });
    expect(core.session.cluster.request({ method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web' }).status).toBe(404);
    expect(await client.request('kubectl.apply', { text: deployment })).toEqual({ status: 0, output: 'deployment.apps/web created\n', failures: [] });
    expect(await client.request('kubectl.apply', { text: deployment })).toEqual({ status: 0, output: 'deployment.apps/web unchanged\n', failures: [] });
    const bad = await client.request('kubectl.apply', { text: deployment.replace('replicas: 3', 'replicas: -1') });
    expect(bad).toEqual({
      status: 1,
      output: 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n',
      failures: [
        {
          code: 422,
          reason: 'Invalid',
          message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
          kind: 'Deployment',
          name: 'web',
          causes: [{ field: 'spec.replicas', reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0' }],
        },
      ],
    });
    // The user's shell history is untouched: the apply ran in a private shell.
    expect(core.session.shell.history).toEqual([]);
  });

  it('serves one schema with an if/then branch per served kind', async () => {
    const { client } = connect();
    const { schema, kinds } = await client.request('editor.schema', {});
    const names = kinds.map((k) => `${k.apiVersion}/${k.kind}`);
    for (const k of ['v1/Pod', 'v1/Service', 'v1/Namespace', 'v1/ReplicationController', 'apps/v1/Deployment', 'apps/v1/ReplicaSet']) expect(names).toContain(k);
    expect(names).not.toContain('v1/PodList');
    expect(names).not.toContain('autoscaling/v1/Scale');
    const branches = schema.allOf as { if: { properties: { apiVersion: { const: string }; kind: { const: string } } }; then: { $ref: string } }[];
    expect(branches).toHaveLength(kinds.length);
    const dep = branches.find((b) => b.if.properties.kind.const === 'Deployment');
    expect(dep).toEqual({
      if: { properties: { apiVersion: { const: 'apps/v1' }, kind: { const: 'Deployment' } }, required: ['apiVersion', 'kind'] },
      then: { $ref: '#/definitions/io.k8s.api.apps.v1.Deployment' },
    });
    const defs = schema.definitions as Record<string, { properties?: Record<string, { description?: string }>; additionalProperties?: boolean }>;
    for (const b of branches) expect(defs[b.then.$ref.slice('#/definitions/'.length)]).toBeDefined();
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].properties?.replicas?.description).toMatch(/^Number of desired pods\./);
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].additionalProperties).toBe(false);
  });
});
