// The DefaultPreemption PostFilter's verdict, computed as a dry run only: per node, could
// evicting the pods of lower priority make room? It yields the "preemption: ..." suffix of the
// FailedScheduling message exactly as v1.32 prints it when no victim can be found.
// SIMPLIFICATION: no victims are ever evicted and no nominatedNodeName is set; when preemption
// would succeed the message carries no suffix (as upstream, whose PostFilter then succeeds) and
// the candidate nodes are reported. PodDisruptionBudgets and extended-resource victims are ignored.
// Models kubernetes/pkg/scheduler/framework/preemption/preemption.go and
// kubernetes/pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
import type { SchedulerCache } from './cache';
import type { FitErrorInfo, NodeStatus } from './framework';
import { fitErrorMessage, newFitError } from './framework';
import type { PodSchedInfo } from './pod-info';
import { insufficientResources } from './plugins/node-resources-fit';

const NOT_HELPFUL: NodeStatus = {
  code: 'UnschedulableAndUnresolvable',
  reasons: ['Preemption is not helpful for scheduling'],
  plugin: 'DefaultPreemption',
};
const NO_VICTIMS: NodeStatus = {
  code: 'UnschedulableAndUnresolvable',
  reasons: ['No preemption victims found for incoming pod'],
  plugin: 'DefaultPreemption',
};

export interface PreemptionVerdict {
  /** PostFilterMsg: "preemption: ..." or "" when preemption would find a candidate. */
  message: string;
  /** Nodes where evicting lower-priority pods would let the pod fit. */
  candidates: string[];
}

export function preemptionVerdict(info: PodSchedInfo, fe: FitErrorInfo, cache: SchedulerCache): PreemptionVerdict {
  if (info.preemptionPolicy === 'Never') {
    return { message: 'preemption: not eligible due to preemptionPolicy=Never.', candidates: [] };
  }
  const dry = newFitError(fe.numAllNodes);
  dry.absentNodesStatus = NOT_HELPFUL;
  const candidates: string[] = [];
  // Only nodes rejected as Unschedulable (not ...AndUnresolvable) are worth a dry run.
  for (const [name, status] of fe.nodeToStatus) {
    if (status.code !== 'Unschedulable') continue;
    const node = cache.get(name);
    if (!node) continue;
    let victims = 0;
    let cpu = 0;
    let mem = 0;
    let eph = 0;
    for (const e of node.pods.values()) {
      if (e.priority < info.priority) {
        victims++;
        cpu += e.milliCPU;
        mem += e.memory;
        eph += e.ephemeralStorage;
      }
    }
    if (victims === 0) {
      dry.nodeToStatus.set(name, NO_VICTIMS);
      continue;
    }
    // Filters other than NodeResourcesFit do not depend on the node's pods: re-run only Fit.
    const reasons = insufficientResources(info.requests, node, node.podCount - victims,
      node.reqMilliCPU - cpu, node.reqMemory - mem, node.reqEphemeralStorage - eph);
    if (reasons) dry.nodeToStatus.set(name, { code: 'Unschedulable', reasons, plugin: 'NodeResourcesFit' });
    else candidates.push(name);
  }
  if (candidates.length > 0) return { message: '', candidates };
  return { message: `preemption: ${fitErrorMessage(dry)}`, candidates };
}
