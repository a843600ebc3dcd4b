// P3 — `kubectl get pods` in the in-browser shell with 1,000 and 10,000 Running pods: the wall
// time of the whole command (shell, kubectl, REST Table requests, printer) through the headless
// driver, and the server part alone: the same REST requests kubectl made, replayed directly.
// The output is checked (header + one line per pod) so a broken command cannot look fast.
import type { ApiRequest } from '../src/engine/index';
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now, repeat } from './lib/measure';
import { createShellSession, makeNodes, populateRunningPods } from './lib/engine';
import type { Shell } from './lib/engine';

const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

async function measure(sh: Shell, pods: number, runs: number): Promise<BenchResult[]> {
  const { cluster } = sh.session;
  const label = pods.toLocaleString('en-US');
  // Record what kubectl asks the server for, once.
  const seen: ApiRequest[] = [];
  const orig = cluster.request.bind(cluster);
  cluster.request = (req: ApiRequest) => {
    seen.push(req);
    return orig(req);
  };
  let text = '';
  const res = await sh.run('kubectl get pods', { write: (t) => (text += t) });
  cluster.request = orig;
  const lines = text.split('\n').filter(Boolean);
  if (res.code !== 0 || lines.length !== pods + 1) {
    throw new Error(`kubectl get pods: exit ${res.code}, ${lines.length} lines, first: ${JSON.stringify(lines.slice(0, 2))}`);
  }
  const cmd = await repeat(5, runs, async () => {
    let n = 0;
    const t0 = now();
    await sh.run('kubectl get pods', { write: (t) => (n += t.length) });
    return now() - t0;
  });
  const replay = await repeat(5, runs, () => {
    const t0 = now();
    for (const r of seen) orig(r);
    return now() - t0;
  });
  const single = await repeat(5, runs, () => {
    const t0 = now();
    const r = orig({ method: 'GET', path: '/api/v1/namespaces/default/pods', headers: { accept: TABLE_ACCEPT } });
    if (r.status !== 200) throw new Error(`Table list: ${r.status}`);
    return now() - t0;
  });
  const target = pods === 1_000 ? 30 : 100;
  return [
    {
      id: 'P3',
      name: `kubectl get pods, ${label} pods (whole command)`,
      unit: 'ms',
      better: 'lower',
      target,
      measured: median(cmd),
      runs: cmd.map((x) => Math.round(x * 10) / 10),
      extra: { 'output bytes': text.length, 'requests made by kubectl': seen.map((r) => `${r.method} ${r.path}`).join(' | ') },
    },
    {
      id: 'P3',
      name: `  server part: kubectl's ${seen.length} request(s) replayed, ${label} pods`,
      unit: 'ms',
      better: 'lower',
      measured: median(replay),
      runs: replay.map((x) => Math.round(x * 10) / 10),
      extra: { 'one unpaginated Table list (ms, median)': median(single) },
    },
  ];
}

export async function p3(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  let sh: Shell;
  try {
    sh = await createShellSession({ seed: 1, nodes: makeNodes(100), bootstrap: false });
  } catch (e) {
    for (const n of ['1,000', '10,000']) out.push(blocked({ id: 'P3', name: `kubectl get pods, ${n} pods (whole command)`, unit: 'ms', better: 'lower', target: n === '1,000' ? 30 : 100 }, e));
    return out;
  }
  let have = 0;
  for (const [pods, runs] of [[1_000, 15], [10_000, 7]] as const) {
    try {
      log(`P3: ${pods} Running pods`);
      populateRunningPods(sh.session.cluster, pods - have, `pod${pods}`);
      have = pods;
      out.push(...(await measure(sh, pods, runs)));
    } catch (e) {
      out.push(blocked({ id: 'P3', name: `kubectl get pods, ${pods.toLocaleString('en-US')} pods (whole command)`, unit: 'ms', better: 'lower', target: pods === 1_000 ? 30 : 100 }, e));
    }
  }
  return out;
}
