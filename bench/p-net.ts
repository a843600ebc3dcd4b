// NET — 1,000 `curl` requests through a Service: a seeded default cluster with `jpetazzo/httpenv`
// ×3 behind a ClusterIP Service; from node1's host namespace, 1,000 HTTP GETs to the ClusterIP
// go through kube-proxy's nat rules (statistic-mode splits), reach a pod's handleHttp and come
// back, with the virtual clock driven until every answer is in. Measured: wall time for the
// whole batch (target ≤ 50 ms), plus the same 1,000 requests one after another, and through the
// shell's `curl` (`for i in $(seq 100)` loop) for scale. Answers are checked (status 200, every
// pod seen) so a broken path cannot look fast.
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now, repeat } from './lib/measure';
import { createCluster, createShellSession } from './lib/engine';
import type { Cluster, KObject } from '../src/engine/index';

const TARGET_MS = 50;
const REQUESTS = 1_000;

const macrotask = () => new Promise<void>((r) => setImmediate(r));

/**
 * Runs the clock until `done`, letting promise chains settle once per virtual instant in which a
 * task asked for it (the 1,000 requests of a batch share their instants).
 */
async function drive(c: Cluster, done: () => boolean): Promise<void> {
  for (let guard = 0; !done() && guard < 100_000; guard++) {
    const next = c.clock.now() + 10;
    let instant = c.clock.now();
    while (c.clock.runNext(next)) {
      if (c.clock.now() !== instant) {
        instant = c.clock.now();
        if (c.clock.yieldRequested) {
          c.clock.yieldRequested = false;
          await macrotask();
        }
      }
    }
    c.clock.advanceTo(next);
    c.clock.yieldRequested = false;
    await macrotask();
  }
  if (!done()) throw new Error('requests did not finish');
}

async function setup(): Promise<{ c: Cluster; ip: string; pods: Set<string> }> {
  const c = await createCluster({ seed: 7 });
  const labels = { app: 'httpenv' };
  c.api.create(c.api.mustResource('deployments', 'apps'), 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'httpenv' },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'httpenv', image: 'jpetazzo/httpenv' }] } } },
  } as KObject);
  const svc = c.api.create(c.api.mustResource('services'), 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'httpenv' },
    spec: { selector: labels, ports: [{ port: 8888, protocol: 'TCP' }] },
  } as KObject) as { spec?: { clusterIP?: string } };
  const until = c.clock.now() + 60_000;
  await drive(c, () => c.clock.now() >= until);
  const pods = new Set<string>();
  for (const p of c.api.list(c.api.mustResource('pods'), 'default').items) pods.add(p.metadata?.name ?? '');
  return { c, ip: svc.spec?.clusterIP ?? '', pods };
}

async function batch(c: Cluster, url: string, n: number, concurrent: boolean): Promise<Set<string>> {
  const view = c.network.nodeView('node1');
  const seen = new Set<string>();
  let answered = 0;
  const one = () =>
    view.http({ method: 'GET', url, headers: { 'User-Agent': 'curl/7.81.0', Accept: '*/*' } }).then((x) => {
      if (x.response.status !== 200) throw new Error(`status ${x.response.status}`);
      seen.add((JSON.parse(x.response.body) as { HOSTNAME: string }).HOSTNAME);
      answered++;
    });
  if (concurrent) {
    for (let i = 0; i < n; i++) void one();
    await drive(c, () => answered === n);
  } else {
    for (let i = 0; i < n; i++) {
      const target = answered + 1;
      void one();
      await drive(c, () => answered === target);
    }
  }
  return seen;
}

export async function pNet(): Promise<BenchResult[]> {
  const base = { id: 'NET', unit: 'ms', better: 'lower' as const };
  const name = `${REQUESTS.toLocaleString('en-US')} curl requests through a ClusterIP Service (3 httpenv pods)`;
  try {
    const { c, ip, pods } = await setup();
    const url = `http://${ip}:8888/`;
    const seen = await batch(c, url, REQUESTS, true);
    if (seen.size !== 3 || [...seen].some((h) => !pods.has(h))) throw new Error(`pods that answered: ${[...seen].join(',')}`);
    const runs = await repeat(5, 15, async () => {
      const t0 = now();
      await batch(c, url, REQUESTS, true);
      return now() - t0;
    });
    const seq = await repeat(1, 3, async () => {
      const t0 = now();
      await batch(c, url, REQUESTS, false);
      return now() - t0;
    });
    let shellMs: number | undefined;
    try {
      const sh = await createShellSession({ seed: 7 });
      await sh.run('kubectl create deployment httpenv --image=jpetazzo/httpenv --replicas=3');
      await sh.run('kubectl expose deployment httpenv --port=8888');
      await sh.run('sleep 60');
      await sh.run('IP=$(kubectl get svc httpenv -o jsonpath={.spec.clusterIP})');
      let text = '';
      const t0 = now();
      await sh.run('for i in $(seq 100); do curl -s -o /dev/null -w "%{http_code}\\n" $IP:8888; done', { write: (t) => (text += t) });
      shellMs = now() - t0;
      const ok = text.split('\n').filter((l) => l === '200').length;
      if (ok !== 100) throw new Error(`shell loop: ${ok}/100 answers 200; first: ${JSON.stringify(text.slice(0, 120))}`);
    } catch (e) {
      log(`NET: shell loop skipped: ${e instanceof Error ? e.message : String(e)}`);
    }
    const measured = median(runs);
    log(`NET: ${REQUESTS} concurrent requests ${measured.toFixed(1)} ms (median of ${runs.length}), sequential ${median(seq).toFixed(1)} ms`);
    return [
      {
        ...base,
        name,
        target: TARGET_MS,
        measured,
        runs,
        extra: {
          'one after another (ms)': median(seq),
          ...(shellMs !== undefined ? { "shell loop of 100 `curl` (ms, info)": shellMs } : {}),
        },
      },
    ];
  } catch (e) {
    return [blocked({ ...base, name, target: TARGET_MS }, e)];
  }
}
