// Everything the scheduling cycle needs from the pod, computed once per pod object (the
// PreFilter/PreScore cycle state): requests, tolerations, compiled node affinity, owner, priority.
// Leaves out: inter-pod affinity terms and host ports (plugins not modelled).
// Models kubernetes/pkg/scheduler/framework/types.go (PodInfo) and the plugins' PreFilter states
import type { Pod, Toleration } from '../api/types';
import type { CompiledAffinity } from './plugins/node-affinity';
import { compileAffinity } from './plugins/node-affinity';
import { toleratesUnschedulable } from './plugins/node-unschedulable';
import { preferNoScheduleTolerations } from './plugins/taint-toleration';
import type { PodRequests } from './resource-math';
import { podRequests } from './resource-math';

export interface PodSchedInfo {
  requests: PodRequests;
  tolerations: readonly Toleration[];
  preferTolerations: readonly Toleration[];
  toleratesUnschedulable: boolean;
  affinity: CompiledAffinity;
  nodeName: string | undefined;
  /** ownerReferences[0].uid: the spreading group. */
  owner: string | undefined;
  priority: number;
  preemptionPolicy: string;
}

const cache = new WeakMap<Pod, PodSchedInfo>();

export function podSchedInfo(pod: Pod): PodSchedInfo {
  let info = cache.get(pod);
  if (info) return info;
  const tolerations = pod.spec?.tolerations ?? [];
  info = {
    requests: podRequests(pod),
    tolerations,
    preferTolerations: preferNoScheduleTolerations(tolerations),
    toleratesUnschedulable: toleratesUnschedulable(tolerations),
    affinity: compileAffinity(pod),
    nodeName: pod.spec?.nodeName || undefined,
    owner: pod.metadata?.ownerReferences?.[0]?.uid,
    priority: pod.spec?.priority ?? 0,
    preemptionPolicy: pod.spec?.preemptionPolicy ?? 'PreemptLowerPriority',
  };
  cache.set(pod, info);
  return info;
}
