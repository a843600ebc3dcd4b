// Node micro-benchmark of the graph's pure stages for the scale-up burst of B3: model and layout
// when 500 pods arrive unscheduled, then get bound, then run, on 20 nodes. Not a target, a probe.
import { performance } from 'node:perf_hooks';
import type { KObject } from '../src/engine';
import { applyEvents, emptyMirror } from '../src/ui/state/mirror';
import type { Mirror } from '../src/ui/state/mirror';
import type { ObjectEvent } from '../src/worker/protocol';
import { buildGraphModel } from '../src/ui/features/graph/graph-model';
import type { GraphModel } from '../src/ui/features/graph/graph-model';
import { GraphLayouter } from '../src/ui/features/graph/graph-layout';

let rv = 1;
const node = (i: number): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node${i}`, uid: `n${i}`, resourceVersion: String(rv++) }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
const pod = (i: number, nodeName: string | undefined, phase: string): KObject => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: `web-5d8f7c9b6-${i.toString(36).padStart(5, 'x')}`, namespace: 'default', uid: `p${i}`, resourceVersion: String(rv++), labels: { app: 'web', 'pod-template-hash': '5d8f7c9b6' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7c9b6', uid: 'rs1', controller: true }] },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'nginx' }] },
  status: { phase, ...(phase === 'Running' ? { conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'nginx', ready: true, restartCount: 0, state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] } : {}) },
});
const ev = (type: ObjectEvent['type'], resource: ObjectEvent['resource'], object: KObject): ObjectEvent => ({ type, resource, object });

let mirror: Mirror = applyEvents(emptyMirror(), [
  ...Array.from({ length: 20 }, (_, i) => ev('ADDED', 'nodes', node(i + 1))),
  ev('ADDED', 'deployments', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'd1', resourceVersion: String(rv++) }, spec: {} }),
  ev('ADDED', 'replicasets', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d8f7c9b6', namespace: 'default', uid: 'rs1', resourceVersion: String(rv++), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] }, spec: {} }),
]);
const layouter = new GraphLayouter();
let model: GraphModel | undefined;
const step = (name: string, events: ObjectEvent[]) => {
  const t0 = performance.now();
  mirror = applyEvents(mirror, events);
  const t1 = performance.now();
  model = buildGraphModel(mirror, { prev: model });
  const t2 = performance.now();
  layouter.layout(model, 786, { expanded: new Set() });
  const t3 = performance.now();
  console.log(`${name.padEnd(28)} apply ${(t1 - t0).toFixed(2)} ms  model ${(t2 - t1).toFixed(2)} ms  layout ${(t3 - t2).toFixed(2)} ms`);
};
for (let round = 0; round < 2; round++) {
  const base = round * 500;
  step(`${base}+500 pods added`, Array.from({ length: 500 }, (_, i) => ev('ADDED', 'pods', pod(base + i, undefined, 'Pending'))));
  step(`${base}+500 pods bound`, Array.from({ length: 500 }, (_, i) => ev('MODIFIED', 'pods', pod(base + i, `node${(i % 20) + 1}`, 'Pending'))));
  for (let k = 0; k < 500; k += 25) step(`${base + k}+25 running`, Array.from({ length: 25 }, (_, i) => ev('MODIFIED', 'pods', pod(base + k + i, `node${((k + i) % 20) + 1}`, 'Running'))));
}
