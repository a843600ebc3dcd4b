// Runs the parity cases: each command with the real kubectl (over HTTP) and with the in-browser
// kubectl, on two identical clusters. Consecutive read-only commands run the real kubectl
// processes concurrently (each one is mostly process start-up). When the in-browser kubectl
// fails a command the real one ran, the command is replayed on the in-browser kubectl's
// cluster with the real kubectl, so the clusters stay identical for the cases after it.
// `npx tsx src/node/parity/run.ts` prints every difference as a diff.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASES, SETUP } from './cases';
import type { ParityCase } from './cases';
import { findKubectl, normalise, ParityHarness } from './harness';
import type { RunOutput } from './harness';

export interface ParityResult {
  case: ParityCase;
  real: RunOutput;
  browser: RunOutput;
  /** Normalised outputs. */
  realText: string;
  browserText: string;
  same: boolean;
}

const READ_ONLY = /^kubectl (get|describe|logs|api-resources|api-versions|explain|version|rollout (status|history))\b/;
const isRead = (c: ParityCase) => READ_ONLY.test(c.command) && !c.files && !c.flowMs && !c.watch && c.fetch === undefined;

export async function runParity(kubectl: string, cases: ParityCase[] = CASES, seed = 1): Promise<ParityResult[]> {
  const h = await ParityHarness.start(kubectl, seed);
  const results: ParityResult[] = [];
  try {
    await h.setup(SETUP);
    await h.sync(60_000);
    for (let i = 0; i < cases.length; ) {
      let j = i + 1;
      if (isRead(cases[i])) while (j < cases.length && j - i < 4 && isRead(cases[j])) j++;
      const c0 = cases[i];
      if (c0.watch || c0.fetch !== undefined) {
        const { real, browser } = c0.watch ? await h.watchBoth(c0.command, c0.watch) : await h.portForwardBoth(c0.command, c0.fetch ?? '/');
        const realText = normalise(real.out, h.url);
        const browserText = normalise(browser.out, h.url);
        results.push({ case: c0, real, browser, realText, browserText, same: realText === browserText && real.code === browser.code });
        await h.sync();
        i = j;
        continue;
      }
      const group = cases.slice(i, j);
      for (const c of group) for (const [name, text] of Object.entries(c.files ?? {})) await h.writeFile(name, text);
      const reals = await Promise.all(group.map((c) => h.runReal(c.command, c.flowMs)));
      for (const [k, c] of group.entries()) {
        const real = reals[k];
        const browser = await h.runBrowser(c.command);
        if (browser.code !== 0 && real.code === 0) await h.replay(c.command, c.flowMs);
        const realText = normalise(real.out, h.url);
        const browserText = normalise(browser.out, h.url);
        results.push({ case: c, real, browser, realText, browserText, same: realText === browserText && real.code === browser.code });
      }
      await h.sync(Math.max(...group.map((c) => c.afterMs ?? 1000)));
      i = j;
    }
  } finally {
    await h.close();
  }
  return results;
}

function diff(a: string, b: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'timonel-diff-'));
  try {
    writeFileSync(join(dir, 'real'), a);
    writeFileSync(join(dir, 'browser'), b);
    return spawnSync('diff', ['-u', 'real', 'browser'], { cwd: dir, encoding: 'utf8' }).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { path: kubectl, why } = findKubectl();
  if (!kubectl) {
    process.stderr.write(`parity: ${why}\n`);
    process.exitCode = 1;
    return;
  }
  const t = performance.now();
  const results = await runParity(kubectl);
  for (const r of results) {
    const mark = r.same ? 'same' : r.case.differs ? `differs (${r.case.differs})` : 'DIFFERS';
    process.stdout.write(`${mark}: ${r.case.command}  [exit ${r.real.code}/${r.browser.code}]\n`);
    if (!r.same && process.argv.includes('--diff')) process.stdout.write(diff(r.realText, r.browserText));
  }
  process.stdout.write(`${results.filter((r) => r.same).length} of ${results.length} identical, ${(performance.now() - t).toFixed(0)} ms\n`);
}

if (process.argv[1] && /parity[/\\]run\.ts$/.test(process.argv[1])) void main();
