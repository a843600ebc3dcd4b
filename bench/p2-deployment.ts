// P2 — a Deployment of N replicas on 20 nodes, from the POST of the Deployment (what apply
// does for a new object) until status.availableReplicas == N, seen through a watch: wall ms.
// The same scenario runs on @ngrok/webernetes (bench/webernetes.ts) for the side-by-side ratio.
// Virtual time jumps as far as needed (image pulls, container starts); only wall time counts.
import type { KObject } from '../src/engine/index';
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now } from './lib/measure';
import { createCluster, deployment, makeNodes, post, restWatch, runUntil } from './lib/engine';

interface Run {
  ms: number;
  virtualMs: number;
  clockTasks: number;
}

async function once(replicas: number): Promise<Run> {
  const cluster = await createCluster({ seed: 1, nodes: makeNodes(20), bootstrap: false });
  let available = 0;
  const path = '/apis/apps/v1/namespaces/default/deployments';
  const stop = restWatch(cluster, path, (ev) => {
    const d = ev.object as KObject & { status?: { availableReplicas?: number } };
    if (d.metadata?.name === 'web') available = d.status?.availableReplicas ?? 0;
  });
  const v0 = cluster.clock.now();
  const t0 = now();
  post(cluster, path, deployment('web', replicas));
  const clockTasks = runUntil(cluster, () => available >= replicas);
  const ms = now() - t0;
  stop();
  return { ms, virtualMs: cluster.clock.now() - v0, clockTasks };
}

export async function p2(opts: { quick: boolean; profile: boolean }): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const timonel = new Map<number, number>();
  for (const n of [100, 1_000]) {
    const base = { id: 'P2', name: `Deployment ${n.toLocaleString('en-US')} replicas / 20 nodes → available`, unit: 'ms', better: 'lower' as const, ...(n === 1_000 ? { target: 300 } : {}) };
    try {
      log(`P2 timonel ${n}: warm-up`);
      await once(n);
      const runs: Run[] = [];
      for (let i = 0; i < 5; i++) {
        runs.push(await once(n));
        log(`P2 timonel ${n}: run ${i + 1}/5 ${runs[i].ms.toFixed(1)} ms`);
      }
      const ms = median(runs.map((r) => r.ms));
      timonel.set(n, ms);
      out.push({
        ...base,
        measured: ms,
        runs: runs.map((r) => Math.round(r.ms * 10) / 10),
        extra: { 'virtual seconds to available': runs[0].virtualMs / 1000, 'clock tasks': runs[0].clockTasks },
      });
    } catch (e) {
      out.push(blocked(base, e));
    }
  }
  for (const n of [100, 1_000]) {
    const base = { id: 'P2', name: `webernetes: Deployment ${n.toLocaleString('en-US')} replicas / 20 nodes`, unit: 'ms', better: 'lower' as const };
    if ((n === 1_000 && opts.quick) || opts.profile) {
      out.push({ ...base, blocked: `skipped (${opts.profile ? '--profile' : '--quick'})` });
      continue;
    }
    try {
      log(`P2 webernetes ${n}: one run (takes ${n === 1_000 ? 'about a minute' : 'a few seconds'})`);
      const { webernetesDeployment } = await import('./webernetes');
      const ms = await webernetesDeployment(n, 180_000);
      if (ms === undefined) throw new Error('webernetes: not available within 180 s');
      const mine = timonel.get(n);
      out.push({ ...base, measured: ms, extra: mine ? { 'webernetes / timonel': ms / mine } : {} });
    } catch (e) {
      out.push(blocked(base, e));
    }
  }
  return out;
}
