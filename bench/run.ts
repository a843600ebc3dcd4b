// `npm run bench`: the performance targets of the foundation issue (P1 scheduling, P2 rollout
// and the webernetes ratio, P3 kubectl get, P7 kubectl apply, P8 heap; SERVE: kubectl get
// pods through `npm run serve`'s HTTP server), printed as a table of
// target / measured / pass and written to reports/bench.json. Not a test: CI never runs it.
// Flags: --quick (skip the ~65 s webernetes 1,000-replica run, fewer big runs),
//        --only P1,P3 (or --only=P2) to run a subset,
//        --profile (CPU profile per benchmark, mapped to TypeScript lines, in reports/prof/).
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './lib/measure';
import { fmt, log, machine, verdict } from './lib/measure';
import { startProfiler } from './lib/cpu-profile';
import { summarise } from './profile';

export interface Options {
  quick: boolean;
  only: Set<string> | undefined;
  /** Profile each benchmark in-process; skips webernetes. */
  profile: boolean;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { quick: false, only: undefined, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--profile') opts.profile = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!v) throw new Error('--only needs a list, e.g. --only P1,P3');
      opts.only = new Set(v.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run bench -- [--quick] [--only P1,P2,P3,P7,P8,SERVE,NET] [--profile]\n');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  return opts;
}

const BENCHES: Record<string, (o: Options) => Promise<BenchResult[]>> = {
  P1: async (o) => (await import('./p1-scheduling')).p1(o),
  P2: async (o) => (await import('./p2-deployment')).p2(o),
  P3: async () => (await import('./p3-get-pods')).p3(),
  P3B: async () => (await import('./p3b-get-kinds')).p3b(),
  P7: async () => (await import('./p7-apply')).p7(),
  P8: async () => (await import('./p8-heap')).p8(),
  SERVE: async () => (await import('./p-serve')).pServe(),
  NET: async () => (await import('./p-net')).pNet(),
};

function table(results: BenchResult[]): string {
  const rows = [['id', 'benchmark', 'target', 'measured', 'result']];
  for (const r of results) {
    const sign = r.better === 'higher' ? '≥ ' : '≤ ';
    rows.push([r.id, r.name, r.target === undefined ? '' : `${sign}${fmt(r.target, r.unit)}`, r.blocked !== undefined ? '—' : fmt(r.measured, r.unit), verdict(r)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => [...row[c]].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (let i = 1; i < rows.length; i++) {
    out.push(line(rows[i]));
    const r = results[i - 1];
    if (r.blocked !== undefined) out.push(`      blocked: ${r.blocked}`);
    for (const [k, v] of Object.entries(r.extra ?? {})) out.push(`      ${k}: ${typeof v === 'number' ? fmt(v) : v}`);
    if (r.runs && r.runs.length > 1) out.push(`      runs: ${r.runs.map((x) => fmt(x)).join(', ')}`);
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const m = machine();
  log(`Timonel benchmarks — ${m.date}\n${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node} (V8 ${m.v8}), ${m.platform}`);
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const results: BenchResult[] = [];
  for (const [id, run] of Object.entries(BENCHES)) {
    if (opts.only && !opts.only.has(id)) continue;
    if (!opts.profile) {
      results.push(...(await run(opts)));
      continue;
    }
    const dir = path.join(root, 'reports', 'prof');
    mkdirSync(dir, { recursive: true });
    const profiler = await startProfiler();
    results.push(...(await run(opts)));
    const file = path.join(dir, `${id}.cpuprofile`);
    const summary = summarise(await profiler.stop(file), 30, 'src/');
    writeFileSync(path.join(dir, `${id}.txt`), summary);
    log(`${id}: profile in ${path.relative(process.cwd(), file)}\n${summary}`);
  }
  process.stdout.write(`\nTimonel benchmarks — ${m.date}\n`);
  process.stdout.write(`${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, Node ${m.node}, ${m.platform}${opts.quick ? ' (--quick)' : ''}\n`);
  const end = os.loadavg().map((x) => x.toFixed(2));
  process.stdout.write(`load average at start ${m.loadavg.join(' ')}, at end ${end.join(' ')}${m.loadavg[0] > m.cores / 2 ? ' — the machine was busy: figures are pessimistic' : ''}\n\n`);
  process.stdout.write(`${table(results)}\n`);
  const file = path.join(root, 'reports', 'bench.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ machine: m, options: { quick: opts.quick, profile: opts.profile, only: opts.only ? [...opts.only] : null }, results: results.map((r) => ({ ...r, result: verdict(r) })) }, null, 2)}\n`);
  process.stdout.write(`\nwritten ${path.relative(process.cwd(), file)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
