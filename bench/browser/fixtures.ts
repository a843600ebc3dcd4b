// Playground files for the browser benchmark, built in Node with the real engine: 20 nodes
// (node1 the control plane, node2..node20 workers) and a Deployment `web` (nginx) at a given
// size, run in virtual time until its pods are Running. The page imports them with the
// persistence bar's Import button, as a user would.
// Leaves out: anything but the default node shape (2 CPU, ~4 GiB, 110 pods each).
import { defaultNodes } from '../../src/engine/bootstrap';
import type { KObject } from '../../src/engine';
import { EngineCore } from '../../src/worker/engine-core';
import type { HostTimers } from '../../src/worker/engine-core';
import { capturePlayground } from '../../src/worker/persistence';
import type { PlaygroundState } from '../../src/worker/persistence';

export function twentyNodes() {
  const base = defaultNodes();
  const worker = base[1];
  const out = [base[0]];
  for (let i = 2; i <= 20; i++) out.push({ ...worker, name: `node${i}`, internalIP: `10.0.0.${10 + i}`, podCIDR: `10.244.${i - 1}.0/24` });
  return out;
}

const timers: HostTimers = { now: () => 0, setTimer: () => undefined, clearTimer: () => undefined, macrotask: () => Promise.resolve() };

export function playgroundWith(replicas: number): PlaygroundState {
  const core = new EngineCore(() => undefined, timers, { session: { nodes: twentyNodes() }, playing: true, speed: 1 });
  const { cluster } = core.session;
  const deploy: KObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
  };
  cluster.clock.advance(30_000);
  const res = cluster.request({ method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deploy });
  if (res.status !== 201) throw new Error(`create deployment: ${res.status} ${JSON.stringify(res.body)}`);
  for (let i = 0; i < 600; i++) {
    cluster.clock.advance(1000);
    const list = cluster.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' }).body as { items: KObject[] };
    const running = list.items.filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running').length;
    if (running === replicas && list.items.length === replicas && i > 5) break;
  }
  const state = capturePlayground(core);
  core.dispose();
  return state;
}
