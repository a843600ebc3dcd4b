// Timing script (not a test, not engine code): 10,000 pending pods through the queue and
// schedulePod onto 1,000 nodes, assuming each pod onto its node like the controller does.
// Run: npx tsx src/engine/scheduler/bench-scheduler.ts
// Reads the host's wall clock through globalThis on purpose: it measures, it does not simulate.
import type { Node, Pod } from '../api/types';
import { Rng } from '../core/rng';
import { SchedulerCache } from './cache';
import { SchedulingQueue } from './queue';
import { schedulePod } from './schedule-one';

const host = globalThis as unknown as { performance: { now(): number }; console: { log(s: string): void } };
const wall = host.performance;

function makeNode(i: number): Node {
  const name = `node-${i}`;
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(i % 3 === 0 ? { 'topology.kubernetes.io/zone': `zone-${i % 9}` } : {}) } },
    spec: i % 50 === 0 ? { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } : {},
    status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110', 'ephemeral-storage': '100Gi' } },
  };
}

function makePod(i: number): Pod {
  const rs = i % 100;
  return {
    metadata: {
      name: `web-${rs}-${i}`,
      namespace: 'default',
      uid: `pod-${i}`,
      labels: { app: `web-${rs}` },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${rs}`, uid: `rs-${rs}`, controller: true }],
    },
    spec: {
      containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
      ...(i % 10 === 0 ? { nodeSelector: { 'kubernetes.io/hostname': `node-${i % 1000}` } } : {}),
    },
  };
}

function run(numNodes: number, numPods: number): void {
  const cache = new SchedulerCache();
  for (let i = 0; i < numNodes; i++) cache.upsertNode(makeNode(i));
  const queue = new SchedulingQueue();
  const pods: Pod[] = [];
  for (let i = 0; i < numPods; i++) pods.push(makePod(i));
  const rng = new Rng(42);
  const t0 = wall.now();
  for (const p of pods) queue.add(p, 0);
  let scheduled = 0;
  let failed = 0;
  let evaluated = 0;
  let scheduleMs = 0;
  for (let pod = queue.pop(0); pod; pod = queue.pop(0)) {
    const s0 = wall.now();
    const r = schedulePod(pod, cache, rng);
    scheduleMs += wall.now() - s0;
    if ('nodeName' in r) {
      scheduled++;
      evaluated += r.evaluatedNodes;
      cache.addPod({ ...pod, spec: { ...pod.spec, nodeName: r.nodeName } } as Pod);
    } else {
      failed++;
      queue.addUnschedulable(pod, 0, 1);
    }
  }
  const total = wall.now() - t0;
  host.console.log(
    `${numNodes} nodes, ${numPods} pods: ${scheduled} scheduled, ${failed} unschedulable; ` +
      `total ${total.toFixed(0)} ms (${((numPods / total) * 1000).toFixed(0)} pods/s), ` +
      `schedulePod ${((scheduleMs / numPods) * 1000).toFixed(1)} µs/pod, ` +
      `avg evaluated nodes ${(evaluated / Math.max(1, scheduled)).toFixed(0)}`,
  );
}

run(100, 1_000); // warm-up
run(1_000, 10_000);
run(1_000, 10_000);
run(5_000, 10_000);
