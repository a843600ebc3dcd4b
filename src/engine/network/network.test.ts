// Scenario tests for the simulated network on the default cluster: every Service type reached
// the way a user reaches it (ClusterIP, pod IP, NodePort on any node, LoadBalancer IP assigned
// by the simulated cloud), failures with the errors a real cluster gives, CoreDNS name forms
// from a pod, and DockerCoins mining from nothing with the hash rate following `scale`.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import type { KObject, Pod, Service } from '../api/types';
import { NetFailure } from './network';
import type { Origin } from './network';

const apply = (c: Cluster, plural: string, group: string, obj: Record<string, unknown>) =>
  c.api.create(c.api.mustResource(plural, group), 'default', obj as KObject);

function deployment(c: Cluster, name: string, image: string, replicas: number, labels: Record<string, string> = { app: name }): void {
  apply(c, 'deployments', 'apps', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image }] } } },
  });
}

function service(c: Cluster, name: string, port: number, spec: Record<string, unknown> = {}, selector: Record<string, string> = { app: name }): Service {
  return apply(c, 'services', '', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector, ports: [{ port, protocol: 'TCP' }], ...spec },
  }) as Service;
}

const svcObj = (c: Cluster, name: string) => c.api.get(c.api.mustResource('services'), 'default', name) as Service;
const pods = (c: Cluster, app: string) => c.api.list(c.api.mustResource('pods'), 'default', { labelSelector: `app=${app}` }).items as Pod[];

/** One macrotask turn: every pending promise continuation runs. */
const macrotask = () => new Promise<void>((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

/** Runs the clock while letting promise chains settle after every task (exact virtual time). */
async function run(c: Cluster, ms: number): Promise<void> {
  const end = c.clock.now() + ms;
  while (c.clock.runNext(end)) {
    if (c.clock.yieldRequested) {
      c.clock.yieldRequested = false;
      await macrotask();
    }
  }
  c.clock.advanceTo(end);
  await macrotask();
}

/** Like run, but yields after every task (container timers do not request yields). */
async function runExact(c: Cluster, ms: number): Promise<void> {
  const end = c.clock.now() + ms;
  while (c.clock.runNext(end)) await macrotask();
  c.clock.advanceTo(end);
}

async function get(c: Cluster, url: string, origin?: Origin, step = run): Promise<{ status: number; body: string; error?: string; afterMs?: number }> {
  const view = c.network.nodeView('node1');
  const p = origin ? c.network.http(origin, { method: 'GET', url, headers: {} }) : view.http({ method: 'GET', url, headers: {} });
  let out: { status: number; body: string; error?: string; afterMs?: number } | undefined;
  p.then(
    (x) => (out = { status: x.response.status, body: x.response.body }),
    (e: unknown) => (out = { status: 0, body: '', error: e instanceof NetFailure ? e.code : String(e), afterMs: e instanceof NetFailure ? e.afterMs : undefined }),
  );
  for (let i = 0; i < 4000 && !out; i++) await step(c, 100);
  if (!out) throw new Error('no answer');
  return out;
}

const hostname = (body: string) => (JSON.parse(body) as { HOSTNAME: string }).HOSTNAME;

describe('Services', () => {
  it('ClusterIP spreads over the endpoints; pod IPs answer directly', async () => {
    const c = createCluster({ seed: 3 });
    deployment(c, 'httpenv', 'jpetazzo/httpenv', 3);
    const svc = service(c, 'httpenv', 8888);
    await run(c, 60_000);
    const ip = svc.spec?.clusterIP ?? '';
    expect(ip).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\./);
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) seen.add(hostname((await get(c, `http://${ip}:8888/`)).body));
    expect([...seen].sort()).toEqual(pods(c, 'httpenv').map((p) => p.metadata?.name).sort());
    const p = pods(c, 'httpenv')[0]!;
    expect(hostname((await get(c, `http://${p.status?.podIP}:8888/`)).body)).toBe(p.metadata?.name);
    // Nothing listens on port 80 of the pod: the kernel answers RST.
    expect(await get(c, `http://${p.status?.podIP}:80/`)).toEqual({ status: 0, body: '', error: 'ECONNREFUSED', afterMs: 0 });
    // A wrong port on the ClusterIP matches no rule and goes nowhere.
    expect((await get(c, `http://${ip}:9999/`)).error).toBe('ETIMEDOUT');
  });

  it('a Service without endpoints is refused; a pod IP nobody has is unreachable', async () => {
    const c = createCluster({ seed: 4 });
    const svc = service(c, 'nothing', 80);
    await run(c, 5_000);
    expect(await get(c, `http://${svc.spec?.clusterIP}/`)).toEqual({ status: 0, body: '', error: 'ECONNREFUSED', afterMs: 0 });
    expect(await get(c, 'http://10.244.1.200/')).toEqual({ status: 0, body: '', error: 'EHOSTUNREACH', afterMs: 3070 });
    expect((await get(c, 'http://nothing/')).error).toBe('ENOTFOUND');
  });

  it('NodePort answers on every node address, also for pods elsewhere', async () => {
    const c = createCluster({ seed: 5 });
    deployment(c, 'web', 'nginx', 1);
    const svc = service(c, 'web', 80, { type: 'NodePort' });
    await run(c, 60_000);
    const np = svc.spec?.ports?.[0]?.nodePort ?? 0;
    expect(np).toBeGreaterThanOrEqual(30000);
    expect(np).toBeLessThanOrEqual(32767);
    for (const node of ['10.0.0.11', '10.0.0.12', '10.0.0.13', '127.0.0.1']) {
      const r = await get(c, `http://${node}:${np}/`);
      expect(r.status).toBe(200);
      expect(r.body).toContain('<title>Welcome to nginx!</title>');
    }
  });

  it('LoadBalancer gets an external IP from the simulated cloud and routes through it', async () => {
    const c = createCluster({ seed: 6 });
    deployment(c, 'web', 'nginx', 2);
    service(c, 'web', 80, { type: 'LoadBalancer' });
    await run(c, 1_000);
    expect(svcObj(c, 'web').status).toEqual({ loadBalancer: {} });
    await run(c, 60_000);
    expect(svcObj(c, 'web').status).toEqual({ loadBalancer: { ingress: [{ ip: '192.168.1.240', ipMode: 'VIP' }] } });
    expect((await get(c, 'http://192.168.1.240/')).status).toBe(200);
    const events = c.api.list(c.api.mustResource('events'), 'default').items.filter((e) => (e as { involvedObject?: { kind?: string } }).involvedObject?.kind === 'Service');
    expect(events.map((e) => (e as { reason?: string }).reason)).toEqual(['EnsuringLoadBalancer', 'EnsuredLoadBalancer']);
  });
});

describe('DNS from a pod', () => {
  it('resolves NAME, NAME.NS, NAME.NS.svc and the FQDN; headless to pod IPs; ExternalName to a CNAME', async () => {
    const c = createCluster({ seed: 7 });
    deployment(c, 'httpenv', 'jpetazzo/httpenv', 2);
    const svc = service(c, 'httpenv', 8888);
    service(c, 'headless', 8888, { clusterIP: 'None' }, { app: 'httpenv' });
    apply(c, 'services', '', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { type: 'ExternalName', externalName: 'db.example.com' } });
    await run(c, 60_000);
    const client = pods(c, 'httpenv')[0]!;
    const origin: Origin = { nodeName: client.spec?.nodeName ?? '', ip: client.status?.podIP ?? '', host: false, namespace: 'default' };
    for (const name of ['httpenv', 'httpenv.default', 'httpenv.default.svc', 'httpenv.default.svc.cluster.local', 'HTTPENV.default.svc.cluster.local.']) {
      expect(c.network.resolve(origin, name)).toEqual({ ips: [svc.spec?.clusterIP], delayMs: 1 });
    }
    expect(c.network.resolve({ ...origin, namespace: 'kube-system' }, 'httpenv')).toEqual({ error: 'ENOTFOUND', delayMs: 1 });
    expect(c.network.resolve({ ...origin, namespace: 'kube-system' }, 'httpenv.default')).toEqual({ ips: [svc.spec?.clusterIP], delayMs: 1 });
    const podIPs = pods(c, 'httpenv').map((p) => p.status?.podIP).sort();
    const headless = c.network.resolve(origin, 'headless');
    expect('ips' in headless && [...headless.ips].sort()).toEqual(podIPs);
    expect(c.network.dns.query('db.default.svc.cluster.local')).toEqual({ name: 'db.default.svc.cluster.local', ips: [], cname: 'db.example.com' });
    expect(c.network.dns.query(`${podIPs[0]!.replace(/\./g, '-')}.default.pod.cluster.local`)?.ips).toEqual([podIPs[0]]);
    // The node's own resolver knows nothing of the cluster.
    expect(c.network.nodeView('node1').resolveHost('httpenv')).toBeUndefined();
    expect(c.network.nodeView('node1').resolveHost('node2')).toBe('10.0.0.12');
    // Pod to Service by name, as an application does.
    const r = await get(c, 'http://httpenv:8888/', origin);
    expect(podIPs.map((ip) => pods(c, 'httpenv').find((p) => p.status?.podIP === ip)?.metadata?.name)).toContain(hostname(r.body));
  });
});

describe('DockerCoins', () => {
  async function hashes(c: Cluster, webui: string): Promise<number> {
    const r = await get(c, `http://${webui}/json`, undefined, runExact);
    return Number((JSON.parse(r.body) as { hashes?: string }).hashes ?? 0);
  }

  const scale = (c: Cluster, name: string, replicas: number) =>
    c.api.mutate(c.api.mustResource('deployments', 'apps'), 'default', name, (o) => {
      (o.spec as { replicas: number }).replicas = replicas;
    });

  it('mines once every Service exists, and the rate follows worker scale until rng/hasher saturate', async () => {
    const c = createCluster({ seed: 11 });
    deployment(c, 'redis', 'redis', 1);
    for (const n of ['hasher', 'rng', 'webui', 'worker']) deployment(c, n, `dockercoins/${n}:v0.1`, 1);
    await runExact(c, 40_000);
    // No Services yet: the worker cannot resolve redis.
    const workerPod = pods(c, 'worker')[0]!;
    const logs = c.nodes.logsFor(workerPod)?.get('worker')?.current;
    expect(logs?.lines.some((l) => l.text.includes('Error -2 connecting to redis:6379. Name does not resolve.'))).toBe(true);
    service(c, 'redis', 6379);
    for (const n of ['rng', 'hasher', 'webui']) service(c, n, 80);
    await runExact(c, 20_000);
    const webui = svcObj(c, 'webui').spec?.clusterIP ?? '';
    // webui's node_redis backs off while redis was unreachable: wait until it reports hashes.
    for (let i = 0; i < 60 && (await hashes(c, webui)) === 0; i++) await runExact(c, 5_000);
    const rate = async (ms: number) => {
      const a = await hashes(c, webui);
      await runExact(c, ms);
      return ((await hashes(c, webui)) - a) / (ms / 1000);
    };
    const one = await rate(20_000);
    expect(one).toBeGreaterThan(2.5);
    expect(one).toBeLessThan(4);
    scale(c, 'worker', 2);
    await runExact(c, 20_000);
    const two = await rate(20_000);
    expect(two).toBeGreaterThan(one * 1.6);
    scale(c, 'worker', 10);
    await runExact(c, 30_000);
    const ten = await rate(20_000);
    // rng and hasher serve one request per 100 ms: about 10 hashes/s at most.
    expect(ten).toBeGreaterThan(8);
    expect(ten).toBeLessThan(10.5);
    scale(c, 'rng', 3);
    scale(c, 'hasher', 3);
    await runExact(c, 60_000);
    expect(await rate(20_000)).toBeGreaterThan(ten * 1.5);
  }, 120_000);
});
