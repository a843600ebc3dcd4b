// Builders for scheduler tests: nodes and pods with just the fields the scheduler reads.
// Not a test itself; imported by the *.test.ts files in this folder.
import type { Node, Pod, Taint, Toleration } from '../api/types';

export interface NodeOpts {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
  extra?: Record<string, string>;
}

export function node(name: string, o: NodeOpts = {}): Node {
  const allocatable: Record<string, string> = { cpu: o.cpu ?? '4', memory: o.memory ?? '8Gi', pods: o.pods ?? '110', ...o.extra };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { allocatable, capacity: allocatable },
  };
}

export interface PodOpts {
  cpu?: string;
  memory?: string;
  nodeName?: string;
  owner?: string;
  priority?: number;
  tolerations?: Toleration[];
  nodeSelector?: Record<string, string>;
  affinity?: NonNullable<Pod['spec']>['affinity'];
  phase?: string;
  preemptionPolicy?: string;
  initContainers?: { cpu?: string; memory?: string; restartPolicy?: string }[];
  schedulingGates?: string[];
  requests?: Record<string, string>;
}

let uidSeq = 0;

export function pod(name: string, o: PodOpts = {}): Pod {
  const requests: Record<string, string> = { ...o.requests };
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  return {
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}-${uidSeq++}`,
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: o.owner, controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'nginx', ...(Object.keys(requests).length ? { resources: { requests } } : {}) }],
      ...(o.initContainers
        ? {
            initContainers: o.initContainers.map((c, i) => ({
              name: `init-${i}`,
              image: 'busybox',
              ...(c.restartPolicy ? { restartPolicy: c.restartPolicy } : {}),
              resources: { requests: { ...(c.cpu ? { cpu: c.cpu } : {}), ...(c.memory ? { memory: c.memory } : {}) } },
            })),
          }
        : {}),
      ...(o.nodeName ? { nodeName: o.nodeName } : {}),
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.tolerations ? { tolerations: o.tolerations } : {}),
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.affinity ? { affinity: o.affinity } : {}),
      ...(o.preemptionPolicy ? { preemptionPolicy: o.preemptionPolicy } : {}),
      ...(o.schedulingGates ? { schedulingGates: o.schedulingGates.map((n) => ({ name: n })) } : {}),
    },
    status: { phase: o.phase ?? (o.nodeName ? 'Running' : 'Pending') },
  };
}

/** A deterministic RNG stub: always answers `value` (clamped below n). */
export function fixedRng(value = 0): { int(n: number): number } {
  return { int: (n: number) => Math.min(value, n - 1) };
}

/** A copy of the pod with fields of its spec replaced. */
export function withSpec(p: Pod, patch: Partial<NonNullable<Pod['spec']>>): Pod {
  return { ...p, spec: { containers: [], ...p.spec, ...patch } };
}
