// P8 — engine heap with 10,000 pods bound and Running on 100 nodes: process.memoryUsage()
// .heapUsed after global.gc(), before the cluster exists and after the pods run. Measured in a
// child Node process started with --expose-gc, so the heap holds nothing from other benchmarks
// and `npm run bench` needs no extra node flags. Run alone: node --expose-gc --import tsx bench/p8-heap.ts --child
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { BenchResult } from './lib/measure';
import { blocked, log } from './lib/measure';
import { createCluster, loadEngine, makeNodes, podPhases, populateRunningPods } from './lib/engine';

const PODS = 10_000;
const MB = 1024 * 1024;

interface ChildResult {
  baseline: number;
  emptyCluster: number;
  withPods: number;
  running: number;
  storeRev: number;
}

function heap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('global.gc is missing: run node with --expose-gc');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function child(): Promise<ChildResult> {
  await loadEngine(); // module code is not engine state: load it before the baseline
  const baseline = heap();
  const cluster = await createCluster({ seed: 1, nodes: makeNodes(100), bootstrap: false });
  cluster.clock.advance(60_000);
  const emptyCluster = heap();
  populateRunningPods(cluster, PODS);
  cluster.clock.advance(60_000);
  const withPods = heap();
  const running = podPhases(cluster).Running ?? 0;
  return { baseline, emptyCluster, withPods, running, storeRev: cluster.store.rev };
}

export async function p8(): Promise<BenchResult[]> {
  const base = { id: 'P8', name: `engine heap, ${PODS.toLocaleString('en-US')} Running pods / 100 nodes`, unit: 'MB', better: 'lower' as const, target: 50 };
  try {
    log('P8: child process with --expose-gc');
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
    const r = await new Promise<ChildResult>((resolve, reject) => {
      const p = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/p8-heap.ts', '--child'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('error', reject);
      p.on('close', (code) => {
        const last = out.trim().split('\n').pop() ?? '';
        if (code !== 0 || !last.startsWith('{')) reject(new Error(`P8 child exited ${code}: ${out.slice(-300)}`));
        else resolve(JSON.parse(last) as ChildResult);
      });
    });
    if (r.running < PODS) throw new Error(`only ${r.running} pods Running`);
    return [
      {
        ...base,
        measured: (r.withPods - r.baseline) / MB,
        extra: {
          'empty cluster, 100 nodes (MB)': (r.emptyCluster - r.baseline) / MB,
          '10,000 pods alone (MB)': (r.withPods - r.emptyCluster) / MB,
          'bytes per pod': Math.round((r.withPods - r.emptyCluster) / PODS),
          'heapUsed before the cluster (MB)': r.baseline / MB,
          'store revision': r.storeRev,
        },
      },
    ];
  } catch (e) {
    return [blocked(base, e)];
  }
}

if (process.argv.includes('--child')) {
  child().then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
