// Loading the engine and the headless session for the benchmarks, plus the fixtures they share:
// node lists of any size, bare pods, a watch that counts bindings, and driving the virtual clock
// until a condition holds. Modules are imported lazily so that a benchmark whose piece of the
// engine or shell is not finished reports "blocked" instead of stopping the whole run.
import type { Cluster, ClusterOptions, KObject, WatchEvent } from '../../src/engine/index';
import type { Session, SessionOptions } from '../../src/worker/session';
import type { RunResult } from '../../src/node/driver';
import type { Writer } from '../../src/shell/index';
import type * as EngineModuleNs from '../../src/engine/index';
import type * as SessionModuleNs from '../../src/worker/session';
import type * as DriverModuleNs from '../../src/node/driver';

type EngineModule = typeof EngineModuleNs;
type SessionModule = typeof SessionModuleNs;
type DriverModule = typeof DriverModuleNs;

export async function loadEngine(): Promise<EngineModule> {
  return import('../../src/engine/index');
}

export async function createCluster(opts: ClusterOptions): Promise<Cluster> {
  return (await loadEngine()).createCluster(opts);
}

export interface Shell {
  session: Session;
  run(command: string, out?: Writer): Promise<RunResult>;
}

export async function createShellSession(opts: SessionOptions): Promise<Shell> {
  const [s, d]: [SessionModule, DriverModule] = await Promise.all([import('../../src/worker/session'), import('../../src/node/driver')]);
  const session = s.createSession(opts);
  return { session, run: (command, out = { write: () => {} }) => d.runCommand(session, command, out) };
}

/** `count` worker nodes named node-0001…, each with its own /24 pod CIDR. */
export function makeNodes(count: number, pods = 110): NonNullable<ClusterOptions['nodes']> {
  const nodes: NonNullable<ClusterOptions['nodes']> = [];
  for (let i = 0; i < count; i++) {
    nodes.push({
      name: `node-${String(i + 1).padStart(4, '0')}`,
      internalIP: `172.16.${i >> 8}.${i & 255}`,
      podCIDR: `10.${128 + (i >> 8)}.${i & 255}.0/24`,
      cpu: '8',
      memoryKi: 32 * 1024 * 1024,
      pods,
    });
  }
  return nodes;
}

export function barePod(name: string, labels: Record<string, string> = { app: 'bench' }): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  };
}

export function deployment(name: string, replicas: number): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    },
  };
}

/** POSTs `obj` through the REST API and throws on anything but 201. */
export function post(cluster: Cluster, path: string, obj: KObject): void {
  const res = cluster.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: obj });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
}

/** Opens a REST watch from the current revision and hands every event to `cb`. */
export function restWatch(cluster: Cluster, path: string, cb: (ev: WatchEvent) => void): () => void {
  const list = cluster.request({ method: 'GET', path: `${path}?limit=1` });
  if (list.status !== 200) throw new Error(`GET ${path}: ${list.status}`);
  const rv = (list.body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion ?? '0';
  const res = cluster.request({ method: 'GET', path: `${path}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true` });
  if (!res.watch) throw new Error(`watch ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  res.watch.onEvent(cb);
  const w = res.watch;
  return () => w.stop();
}

/**
 * Runs clock tasks one by one (jumping virtual time when nothing is due) until `done()` holds.
 * Throws if the clock goes idle first or `maxVirtualMs` of virtual time pass.
 */
export function runUntil(cluster: Cluster, done: () => boolean, maxVirtualMs = 30 * 60_000): number {
  const { clock } = cluster;
  const limit = clock.now() + maxVirtualMs;
  let tasks = 0;
  while (!done()) {
    if (!clock.runNext(limit)) throw new Error(`condition not reached after ${tasks} clock tasks and ${clock.now() - (limit - maxVirtualMs)} virtual ms`);
    tasks++;
  }
  return tasks;
}

/** Phase counts of the pods in `ns`, read straight from the API server. */
export function podPhases(cluster: Cluster, ns = 'default'): Record<string, number> {
  const items = cluster.api.list(cluster.api.mustResource('pods'), ns).items as { status?: { phase?: string } }[];
  const out: Record<string, number> = {};
  for (const p of items) {
    const ph = p.status?.phase ?? 'Unknown';
    out[ph] = (out[ph] ?? 0) + 1;
  }
  return out;
}

/** Creates `count` bare pods (API server, no REST) and moves virtual time until all run. */
export function populateRunningPods(cluster: Cluster, count: number, prefix = 'pod'): void {
  const rt = cluster.api.mustResource('pods');
  const want = (podPhases(cluster).Running ?? 0) + count;
  for (let i = 0; i < count; i++) cluster.api.create(rt, 'default', barePod(`${prefix}-${String(i).padStart(5, '0')}`));
  for (let step = 0; step < 60; step++) {
    cluster.clock.advance(10_000);
    if ((podPhases(cluster).Running ?? 0) >= want) return;
  }
  throw new Error(`pods not all Running after 10 virtual minutes: ${JSON.stringify(podPhases(cluster))}`);
}
