// P7 — `kubectl apply -f file.yaml` in the in-browser shell, the file holding 100 or 1,000
// ConfigMap documents that do not exist yet (every run uses fresh names, so every run creates):
// wall time of the whole command through the headless driver on the default 3-node cluster.
// Also reported: applying the same file again (all "unchanged", the three-way-diff path).
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now } from './lib/measure';
import { createShellSession } from './lib/engine';
import type { Shell } from './lib/engine';

function manifest(prefix: string, n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        `  name: ${prefix}-${i}`,
        '  labels:',
        '    app: bench',
        `    index: "${i}"`,
        'data:',
        '  greeting: hello',
        `  config.yaml: |`,
        '    server:',
        `      port: ${8000 + (i % 1000)}`,
        '      debug: false',
      ].join('\n'),
    );
  }
  return `${docs.join('\n---\n')}\n`;
}

async function applyOnce(sh: Shell, file: string, n: number, expect: 'created' | 'unchanged'): Promise<number> {
  let text = '';
  const t0 = now();
  const res = await sh.run(`kubectl apply -f ${file}`, { write: (t) => (text += t) });
  const ms = now() - t0;
  const lines = text.split('\n').filter(Boolean);
  const ok = lines.filter((l) => l.endsWith(` ${expect}`)).length;
  if (res.code !== 0 || ok !== n) throw new Error(`kubectl apply -f ${file}: exit ${res.code}, ${ok}/${n} "${expect}", first lines: ${JSON.stringify(lines.slice(0, 2))}`);
  return ms;
}

export async function p7(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const name = (n: number) => `kubectl apply -f, ${n.toLocaleString('en-US')} ConfigMaps (create)`;
  let sh: Shell;
  try {
    sh = await createShellSession({ seed: 1 });
  } catch (e) {
    for (const n of [100, 1_000]) out.push(blocked({ id: 'P7', name: name(n), unit: 'ms', better: 'lower', target: n === 100 ? 40 : 400 }, e));
    return out;
  }
  for (const [n, warmup, runs] of [[100, 5, 11], [1_000, 2, 5]] as const) {
    const base = { id: 'P7', name: name(n), unit: 'ms', better: 'lower' as const, target: n === 100 ? 40 : 400 };
    try {
      const files: string[] = [];
      for (let r = 0; r < warmup + runs; r++) {
        const f = `/tmp/cm-${n}-${r}.yaml`;
        sh.session.shell.fs.writeFile(f, manifest(`cm${n}-r${r}`, n));
        files.push(f);
      }
      const ms: number[] = [];
      for (let r = 0; r < files.length; r++) {
        const m = await applyOnce(sh, files[r], n, 'created');
        if (r >= warmup) ms.push(m);
        log(`P7 ${n}: ${r < warmup ? 'warm-up' : `run ${r - warmup + 1}/${runs}`} ${m.toFixed(1)} ms`);
      }
      const again: number[] = [];
      for (let r = warmup; r < Math.min(files.length, warmup + 3); r++) again.push(await applyOnce(sh, files[r], n, 'unchanged'));
      out.push({
        ...base,
        measured: median(ms),
        runs: ms.map((x) => Math.round(x * 10) / 10),
        extra: { 're-apply same file, all unchanged (ms, median)': median(again), 'file bytes': sh.session.shell.fs.readFile(files[0]).length },
      });
    } catch (e) {
      out.push(blocked(base, e));
    }
  }
  return out;
}
