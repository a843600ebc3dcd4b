// NodeInfo: the scheduler's per-node aggregate — allocatable resources, the sums requested by
// the pods assigned to it (plain and "non-zero"), its pod count and per-owner pod counts for
// spreading. Updated incrementally as pods come and go; never rescans the node's pods.
// Leaves out: used host ports, image states, PVC ref counts, pods with (anti-)affinity lists.
// Models kubernetes/pkg/scheduler/framework/types.go (NodeInfo, Resource)
import type { Node, Pod, Taint } from '../api/types';
import { cachedMilliValue, cachedValue, isScalarResourceName, podRequests } from './resource-math';

/** What one pod contributed to its NodeInfo, kept so removal subtracts exactly that. */
export interface PodEntry {
  pod: Pod;
  nodeName: string;
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  scalar: Map<string, number> | null;
  nonZeroMilliCPU: number;
  nonZeroMemory: number;
  priority: number;
  /** ownerReferences[0].uid when the pod is not terminating, for spreading counts. */
  spreadOwner: string | undefined;
}

export class NodeInfo {
  /** The node object, or undefined while pods reference a node the cache has not seen. */
  node: Node | undefined;
  readonly name: string;
  labels: Record<string, string> = {};
  unschedulable = false;
  /** Taints with effect NoSchedule/NoExecute (filtered), and PreferNoSchedule (scored). */
  scheduleTaints: readonly Taint[] = [];
  preferNoScheduleTaints: readonly Taint[] = [];
  /** Zone key of the node tree (region + ":\0:" + zone), "" when unlabelled. */
  zoneKey = '';
  /** labels['topology.kubernetes.io/zone'] and whether kubernetes.io/hostname is set (spreading). */
  zone: string | undefined = undefined;
  hasHostnameLabel = false;

  allocMilliCPU = 0;
  allocMemory = 0;
  allocEphemeralStorage = 0;
  allowedPodNumber = 0;
  allocScalar: Map<string, number> | null = null;

  reqMilliCPU = 0;
  reqMemory = 0;
  reqEphemeralStorage = 0;
  reqScalar: Map<string, number> | null = null;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;

  readonly pods = new Map<string, PodEntry>();
  /** Scratch slot used while scoring: position in the feasible list during cycle `scoreStamp`. */
  scoreIndex = 0;
  scoreStamp = 0;
  /** Non-terminating pods on this node per ownerReferences[0].uid. */
  readonly ownerCounts = new Map<string, number>();

  constructor(name: string) {
    this.name = name;
  }

  get podCount(): number {
    return this.pods.size;
  }

  setNode(node: Node): void {
    this.node = node;
    this.labels = node.metadata?.labels ?? {};
    this.unschedulable = node.spec?.unschedulable === true;
    const taints = node.spec?.taints ?? [];
    this.scheduleTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    this.zoneKey = zoneKeyOf(this.labels);
    this.zone = this.labels['topology.kubernetes.io/zone'];
    this.hasHostnameLabel = this.labels['kubernetes.io/hostname'] !== undefined;
    const alloc = node.status?.allocatable ?? {};
    this.allocMilliCPU = 0;
    this.allocMemory = 0;
    this.allocEphemeralStorage = 0;
    this.allowedPodNumber = 0;
    this.allocScalar = null;
    for (const name in alloc) {
      const q = alloc[name];
      switch (name) {
        case 'cpu':
          this.allocMilliCPU = cachedMilliValue(q);
          break;
        case 'memory':
          this.allocMemory = cachedValue(q);
          break;
        case 'ephemeral-storage':
          this.allocEphemeralStorage = cachedValue(q);
          break;
        case 'pods':
          this.allowedPodNumber = cachedValue(q);
          break;
        default:
          if (isScalarResourceName(name)) {
            if (!this.allocScalar) this.allocScalar = new Map();
            this.allocScalar.set(name, cachedValue(q));
          }
      }
    }
  }

  addEntry(e: PodEntry, key: string): void {
    this.pods.set(key, e);
    this.reqMilliCPU += e.milliCPU;
    this.reqMemory += e.memory;
    this.reqEphemeralStorage += e.ephemeralStorage;
    this.nonZeroMilliCPU += e.nonZeroMilliCPU;
    this.nonZeroMemory += e.nonZeroMemory;
    if (e.scalar) {
      if (!this.reqScalar) this.reqScalar = new Map();
      for (const [k, v] of e.scalar) this.reqScalar.set(k, (this.reqScalar.get(k) ?? 0) + v);
    }
    if (e.spreadOwner !== undefined) this.ownerCounts.set(e.spreadOwner, (this.ownerCounts.get(e.spreadOwner) ?? 0) + 1);
  }

  removeEntry(key: string): PodEntry | undefined {
    const e = this.pods.get(key);
    if (!e) return undefined;
    this.pods.delete(key);
    this.reqMilliCPU -= e.milliCPU;
    this.reqMemory -= e.memory;
    this.reqEphemeralStorage -= e.ephemeralStorage;
    this.nonZeroMilliCPU -= e.nonZeroMilliCPU;
    this.nonZeroMemory -= e.nonZeroMemory;
    if (e.scalar && this.reqScalar) {
      for (const [k, v] of e.scalar) this.reqScalar.set(k, (this.reqScalar.get(k) ?? 0) - v);
    }
    if (e.spreadOwner !== undefined) {
      const n = (this.ownerCounts.get(e.spreadOwner) ?? 0) - 1;
      if (n <= 0) this.ownerCounts.delete(e.spreadOwner);
      else this.ownerCounts.set(e.spreadOwner, n);
    }
    return e;
  }
}

/**
 * Builds the contribution of an assigned pod. `was`: the pod's previous entry; its requests
 * are reused when the spec is the very same (immutable) object, since they derive from spec alone.
 */
export function podEntry(pod: Pod, nodeName: string, was?: PodEntry): PodEntry {
  const r = was !== undefined && was.pod.spec === pod.spec && pod.spec !== undefined ? was : podRequests(pod);
  const owner = pod.metadata?.ownerReferences?.[0]?.uid;
  return {
    pod,
    nodeName,
    milliCPU: r.milliCPU,
    memory: r.memory,
    ephemeralStorage: r.ephemeralStorage,
    scalar: r.scalar,
    nonZeroMilliCPU: r.nonZeroMilliCPU,
    nonZeroMemory: r.nonZeroMemory,
    priority: pod.spec?.priority ?? 0,
    spreadOwner: pod.metadata?.deletionTimestamp ? undefined : owner,
  };
}

/** utilnode.GetZoneKey: topology labels first, then the deprecated failure-domain ones. */
export function zoneKeyOf(labels: Record<string, string>): string {
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}
