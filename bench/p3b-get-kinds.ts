// P3B — "any `kubectl get` on 1,000 objects ≤ 30 ms" beyond pods: the whole in-shell command
// (shell, kubectl, REST Table request, printer) for 1,000 Deployments, Services, ConfigMaps and
// Events in one namespace, default table and -o wide (target 30 ms each), plus -o name and
// -o yaml reported without a target. Each output is checked (header + one line per object) so a
// broken command cannot look fast. Deployments have 0 replicas so no pods run.
import type { KObject } from '../src/engine/index';
import type { BenchResult } from './lib/measure';
import { blocked, log, median, now, repeat } from './lib/measure';
import { createShellSession, deployment, makeNodes, post } from './lib/engine';
import type { Shell } from './lib/engine';

const N = 1_000;

interface Kind {
  word: string;
  path: string;
  make(i: number): KObject;
}

const pad = (i: number) => String(i).padStart(4, '0');

const KINDS: Kind[] = [
  { word: 'deployments', path: '/apis/apps/v1/namespaces/default/deployments', make: (i) => deployment(`web-${pad(i)}`, 0) },
  {
    word: 'services',
    path: '/api/v1/namespaces/default/services',
    make: (i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${pad(i)}` }, spec: { selector: { app: `web-${pad(i)}` }, ports: [{ port: 80, targetPort: 8080 }] } }),
  },
  {
    word: 'configmaps',
    path: '/api/v1/namespaces/default/configmaps',
    make: (i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${pad(i)}` }, data: { 'app.properties': `color=blue\nindex=${i}\n`, mode: 'bench' } }),
  },
  {
    word: 'events',
    path: '/api/v1/namespaces/default/events',
    make: (i) => ({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `web-${pad(i)}.bench` },
      involvedObject: { kind: 'Deployment', namespace: 'default', name: `web-${pad(i)}`, apiVersion: 'apps/v1' },
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set web-${pad(i)}-5d9f7c8b4 to 1`,
      source: { component: 'deployment-controller' },
      firstTimestamp: '2026-11-22T09:00:00Z',
      lastTimestamp: '2026-11-22T09:00:00Z',
      count: 1,
      type: 'Normal',
    }),
  },
];

async function measureCommand(sh: Shell, kind: string, cmd: string, lines: number, runs: number, target: number | undefined): Promise<BenchResult> {
  let text = '';
  const res = await sh.run(cmd, { write: (t) => (text += t) });
  const got = text.split('\n').filter(Boolean).length;
  if (res.code !== 0 || got < lines) throw new Error(`${cmd}: exit ${res.code}, ${got} lines, first: ${JSON.stringify(text.slice(0, 200))}`);
  const times = await repeat(3, runs, async () => {
    const t0 = now();
    await sh.run(cmd);
    return now() - t0;
  });
  return {
    id: 'P3B',
    name: `${cmd}, ${N.toLocaleString('en-US')} ${kind}`,
    unit: 'ms',
    better: 'lower',
    target,
    measured: median(times),
    runs: times.map((x) => Math.round(x * 10) / 10),
    extra: { 'output bytes': text.length },
  };
}

export async function p3b(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  let sh: Shell;
  try {
    sh = await createShellSession({ seed: 1, nodes: makeNodes(3), bootstrap: false });
  } catch (e) {
    out.push(blocked({ id: 'P3B', name: 'kubectl get <kind>, 1,000 objects', unit: 'ms', better: 'lower', target: 30 }, e));
    return out;
  }
  const { cluster } = sh.session;
  for (const k of KINDS) {
    try {
      log(`P3B: ${N} ${k.word}`);
      for (let i = 0; i < N; i++) post(cluster, k.path, k.make(i));
      cluster.clock.advance(30_000);
      // +1 for the header; Services also list `kubernetes` when bootstrapped
      out.push(await measureCommand(sh, k.word, `kubectl get ${k.word}`, N + 1, 9, 30));
      out.push(await measureCommand(sh, k.word, `kubectl get ${k.word} -o wide`, N + 1, 9, 30));
      out.push(await measureCommand(sh, k.word, `kubectl get ${k.word} -o name`, N, 5, undefined));
      out.push(await measureCommand(sh, k.word, `kubectl get ${k.word} -o yaml`, N, 5, undefined));
    } catch (e) {
      out.push(blocked({ id: 'P3B', name: `kubectl get ${k.word}, 1,000 objects`, unit: 'ms', better: 'lower', target: 30 }, e));
    }
  }
  return out;
}
