// P1 — scheduling throughput. A fresh cluster of N nodes (no add-ons), a REST watch on pods,
// then M bare pods without nodeName POSTed through the REST API (timed on its own). The
// scheduling window runs the virtual clock from there until every pod is bound AND its binding
// has reached the watch (a MODIFIED event carrying spec.nodeName), as a client would see it.
import type { KObject } from '../src/engine/index';
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now } from './lib/measure';
import { barePod, createCluster, makeNodes, post, restWatch, runUntil } from './lib/engine';

interface Run {
  createMs: number;
  scheduleMs: number;
  clusterMs: number;
  clockTasks: number;
  virtualMs: number;
}

async function once(nodes: number, pods: number, events: boolean): Promise<Run> {
  const c0 = now();
  const cluster = await createCluster({ seed: 1, nodes: makeNodes(nodes), bootstrap: false, events });
  const clusterMs = now() - c0;
  const seen = new Set<string>();
  const stop = restWatch(cluster, '/api/v1/namespaces/default/pods', (ev) => {
    const o = ev.object as KObject & { spec?: { nodeName?: string } };
    if (ev.type === 'MODIFIED' && o.spec?.nodeName) seen.add(o.metadata?.uid ?? '');
  });
  const t0 = now();
  for (let i = 0; i < pods; i++) post(cluster, '/api/v1/namespaces/default/pods', barePod(`p-${i}`));
  const t1 = now();
  const v0 = cluster.clock.now();
  const clockTasks = runUntil(cluster, () => seen.size >= pods);
  const t2 = now();
  stop();
  if (cluster.scheduler.scheduledCount < pods) throw new Error(`scheduler bound ${cluster.scheduler.scheduledCount} of ${pods}`);
  return { createMs: t1 - t0, scheduleMs: t2 - t1, clusterMs, clockTasks, virtualMs: cluster.clock.now() - v0 };
}

export async function p1(opts: { quick: boolean }): Promise<BenchResult[]> {
  const cases = [
    { nodes: 100, pods: 1_000, target: 5_000, runs: 7 },
    { nodes: 1_000, pods: 10_000, target: 2_000, runs: opts.quick ? 1 : 3 },
  ];
  const out: BenchResult[] = [];
  for (const c of cases) {
    const base = { id: 'P1', name: `schedule ${c.pods.toLocaleString('en-US')} pods × ${c.nodes.toLocaleString('en-US')} nodes`, unit: 'pods/s', better: 'higher' as const, target: c.target };
    try {
      log(`P1 ${c.pods}×${c.nodes}: warm-up`);
      await once(c.nodes, c.pods, true);
      const runs: Run[] = [];
      for (let i = 0; i < c.runs; i++) {
        runs.push(await once(c.nodes, c.pods, true));
        log(`P1 ${c.pods}×${c.nodes}: run ${i + 1}/${c.runs} schedule ${runs[i].scheduleMs.toFixed(1)} ms`);
      }
      const noEvents = await once(c.nodes, c.pods, false);
      const rates = runs.map((r) => (c.pods / r.scheduleMs) * 1000);
      out.push({
        ...base,
        measured: median(rates),
        runs: rates.map((x) => Math.round(x)),
        extra: {
          'scheduling window ms (median)': median(runs.map((r) => r.scheduleMs)),
          'pod creation ms (REST POST, median)': median(runs.map((r) => r.createMs)),
          'pod creation pods/s': (c.pods / median(runs.map((r) => r.createMs))) * 1000,
          'cluster creation ms': median(runs.map((r) => r.clusterMs)),
          'clock tasks in window': runs[0].clockTasks,
          'virtual ms in window': runs[0].virtualMs,
          'pods/s with events off (1 run)': (c.pods / noEvents.scheduleMs) * 1000,
        },
      });
    } catch (e) {
      out.push(blocked(base, e));
    }
  }
  return out;
}
