// The official JavaScript client (@kubernetes/client-node 1.x) against `npm run serve`: it loads
// the written kubeconfig, lists, watches, creates and deletes ConfigMaps, and gets exactly the
// objects, Status and watch events the engine holds. Skips when the package is not installed.
// Leaves out: informers, exec/attach/port-forward (not served yet), typed clients other than core/v1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../engine';
import { startServe } from './serve';
import type { Served } from './serve';

/** The part of @kubernetes/client-node this test uses (typed here so the import may be missing). */
interface ConfigMapBody {
  metadata: { name: string };
  data: Record<string, string>;
}
interface CoreV1 {
  listNamespacedConfigMap(p: { namespace: string }): Promise<unknown>;
  createNamespacedConfigMap(p: { namespace: string; body: ConfigMapBody }): Promise<unknown>;
  deleteNamespacedConfigMap(p: { name: string; namespace: string }): Promise<unknown>;
}
interface ClientNode {
  KubeConfig: new () => { loadFromFile(path: string): void; makeApiClient(api: unknown): CoreV1 };
  CoreV1Api: unknown;
  Watch: new (kc: unknown) => {
    watch(path: string, query: Record<string, string>, cb: (type: string, obj: unknown) => void, done: (err: unknown) => void): Promise<AbortController>;
  };
}

// A variable specifier keeps TypeScript and the bundler from requiring the package to exist.
const SPEC = '@kubernetes/client-node';
const k8s = (await import(/* @vite-ignore */ SPEC).catch(() => undefined)) as ClientNode | undefined;

const TITLE = k8s
  ? '@kubernetes/client-node against npm run serve'
  : '@kubernetes/client-node against npm run serve (skipped: package not installed; add it as a devDependency)';

describe.skipIf(!k8s)(TITLE, () => {
  let served: Served;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timonel-client-node-'));
    // speed 0: virtual time stands still; only work due now (watch delivery after a write) runs.
    served = await startServe({ port: 0, seed: 1, speed: 0, host: '127.0.0.1', verbose: false, kubeconfig: join(dir, 'kubeconfig') });
  });
  afterAll(async () => {
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The engine's own copy of an object, as served. */
  const stored = (path: string) => served.cluster.request({ method: 'GET', path }).body as KObject;
  /** What the typed client makes of a stored ConfigMap (timestamps become Dates). */
  const typed = (o: KObject, withTypeMeta: boolean) => {
    const m = o.metadata ?? {};
    const metadata = {
      creationTimestamp: new Date(m.creationTimestamp ?? ''),
      name: m.name,
      namespace: m.namespace,
      resourceVersion: m.resourceVersion,
      uid: m.uid,
    };
    return withTypeMeta ? { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: o.data } : { metadata, data: o.data };
  };

  it('lists, watches, creates and deletes ConfigMaps', async () => {
    const c = k8s as ClientNode;
    const kc = new c.KubeConfig();
    kc.loadFromFile(served.kubeconfig);
    const core = kc.makeApiClient(c.CoreV1Api);
    const base = '/api/v1/namespaces/default/configmaps';

    const list = await core.listNamespacedConfigMap({ namespace: 'default' });
    const rootCa = stored(`${base}/kube-root-ca.crt`);
    const rv0 = (stored(base).metadata as { resourceVersion: string }).resourceVersion;
    expect(list).toEqual({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: rv0 }, items: [typed(rootCa, false)] });

    const events: [string, unknown][] = [];
    let ended: unknown = 'open';
    const watch = await new c.Watch(kc).watch(base, { resourceVersion: rv0 }, (type, obj) => events.push([type, obj]), (err) => (ended = err));

    const created = await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'greeting' }, data: { hello: 'world' } } });
    const greeting = stored(`${base}/greeting`);
    expect(created).toEqual(typed(greeting, true));

    const listed = await core.listNamespacedConfigMap({ namespace: 'default' });
    expect(listed).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMapList',
      metadata: { resourceVersion: greeting.metadata?.resourceVersion },
      items: [typed(greeting, false), typed(rootCa, false)],
    });

    const deleted = await core.deleteNamespacedConfigMap({ name: 'greeting', namespace: 'default' });
    expect(deleted).toEqual({
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Success',
      details: { name: 'greeting', kind: 'configmaps', uid: greeting.metadata?.uid },
    });

    for (let i = 0; i < 200 && events.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    const rvDeleted = (stored(base).metadata as { resourceVersion: string }).resourceVersion;
    // Watch events are handed over as decoded JSON, timestamps as the server wrote them.
    const wire = (rv: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { ...greeting.metadata, resourceVersion: rv },
      data: { hello: 'world' },
    });
    expect(events).toEqual([
      ['ADDED', wire(greeting.metadata?.resourceVersion ?? '')],
      ['DELETED', wire(rvDeleted)],
    ]);
    expect(Number(rvDeleted)).toBe(Number(greeting.metadata?.resourceVersion) + 1);
    expect(ended).toBe('open');
    watch.abort();
  });
});
