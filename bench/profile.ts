// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time
// and the most inclusive time, with their file and line, so a missed target can be traced to
// code. Usage: npx tsx bench/profile.ts <file.cpuprofile> [top=25] [filter=src/]
// Profiles written by `npm run bench -- --profile` carry TypeScript source lines; those of a
// plain `node --cpu-prof --import tsx` run point into tsx's output (every function on line 1).
import { readFileSync } from 'node:fs';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function where(cf: CallFrame): string {
  const file = cf.url.replace(/^file:\/\//, '').replace(/^.*?\/(src|bench|node_modules)\//, '$1/');
  return `${cf.functionName || '(anonymous)'} ${file || '(native)'}:${cf.lineNumber + 1}`;
}

export function summarise(p: Profile, top: number, filter: string): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from samples and time deltas (µs).
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i], (selfUs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = p.timeDeltas.reduce((a, b) => a + b, 0);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id);
    if (!n) continue;
    const k = where(n.callFrame);
    self.set(k, (self.get(k) ?? 0) + us);
    // Inclusive: charge every distinct frame on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur);
      if (!f) break;
      const fk = where(f.callFrame);
      if (seen.has(fk)) continue;
      seen.add(fk);
      incl.set(fk, (incl.get(fk) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .filter(([k]) => !filter || k.includes(` ${filter}`) || k.startsWith('(garbage collector)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${(us / 1000).toFixed(1).padStart(9)} ms ${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms sampled\n\nself time:\n${rows(self)}\n\ninclusive time:\n${rows(incl)}\n`;
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const [file, top = '25', filter = 'src/'] = process.argv.slice(2);
  if (top && !/^\d+$/.test(top)) throw new Error(`top must be a number, got ${top} (one profile file at a time)`);
  if (!file) {
    process.stderr.write('usage: npx tsx bench/profile.ts <file.cpuprofile> [top] [filter]\n');
    process.exit(2);
  }
  process.stdout.write(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(top), filter));
}
