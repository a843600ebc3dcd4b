// Measuring helpers for the benchmarks (Node only, never imported by src/): wall time with
// performance.now(), medians over repeated runs, the machine description and the result rows
// that run.ts prints and writes to reports/bench.json.
// Leaves out: statistics beyond min/median/max (runs are few and short; the median is enough).
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export const now = (): number => performance.now();

export function median(xs: number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns every measured value. */
export async function repeat(warmup: number, runs: number, fn: (i: number) => Promise<number> | number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await fn(i));
  return out;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  v8: string;
  platform: string;
  date: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews figures. */
  loadavg: number[];
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

/** One line of the result table. `better` says whether a higher or a lower figure is better. */
export interface BenchResult {
  id: string;
  name: string;
  unit: string;
  better: 'higher' | 'lower';
  /** Undefined for informational rows (no target). */
  target?: number;
  measured?: number;
  /** Every measured run, when there were several (measured is their median). */
  runs?: number[];
  /** Why the figure could not be measured (a missing piece of the engine or shell). */
  blocked?: string;
  /** Further figures worth reporting beside the main one. */
  extra?: Record<string, number | string>;
}

export function verdict(r: BenchResult): 'pass' | 'FAIL' | 'blocked' | 'info' {
  if (r.blocked !== undefined || r.measured === undefined || Number.isNaN(r.measured)) return 'blocked';
  if (r.target === undefined) return 'info';
  return (r.better === 'higher' ? r.measured >= r.target : r.measured <= r.target) ? 'pass' : 'FAIL';
}

export function blocked(base: Omit<BenchResult, 'blocked' | 'measured'>, why: unknown): BenchResult {
  const msg = why instanceof Error ? `${why.name}: ${why.message}` : String(why);
  return { ...base, blocked: msg.split('\n')[0].slice(0, 300) };
}

export function fmt(x: number | undefined, unit = ''): string {
  if (x === undefined || Number.isNaN(x)) return '—';
  const digits = Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2;
  return `${x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })}${unit ? ` ${unit}` : ''}`;
}

export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}
