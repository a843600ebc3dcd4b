// Scheduling framework types: filter statuses per node, the Diagnosis of a failed cycle, and
// FitError's message ("0/3 nodes are available: ... preemption: ...") rendered byte-exact.
// Leaves out: the plugin registry and extension-point interfaces (plugins are plain functions).
// Models kubernetes/pkg/scheduler/framework/types.go (FitError.Error, Diagnosis) and interface.go (Code)

export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** A rejecting Filter status: its code, reasons and the plugin that returned it. */
export interface NodeStatus {
  readonly code: StatusCode;
  readonly reasons: readonly string[];
  readonly plugin: string;
}

export const PluginNames = {
  NodeUnschedulable: 'NodeUnschedulable',
  NodeName: 'NodeName',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  NodeResourcesFit: 'NodeResourcesFit',
  PodTopologySpread: 'PodTopologySpread',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  DefaultPreemption: 'DefaultPreemption',
} as const;

/** Why a pod did not fit: what FitError carries. */
export interface FitErrorInfo {
  numAllNodes: number;
  /** Explicit statuses of the nodes that were filtered and rejected. */
  nodeToStatus: Map<string, NodeStatus>;
  /** Status of the nodes absent from nodeToStatus (PreFilter narrowing), if any. */
  absentNodesStatus: NodeStatus | undefined;
  /** Plugins that rejected the pod somewhere: they decide which cluster events requeue it. */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newFitError(numAllNodes: number): FitErrorInfo {
  return {
    numAllNodes,
    nodeToStatus: new Map(),
    absentNodesStatus: undefined,
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/** FitError.Error(): header, PreFilter message or sorted reason histogram, PostFilter message. */
export function fitErrorMessage(f: FitErrorInfo): string {
  let msg = `0/${f.numAllNodes} nodes are available:`;
  if (f.preFilterMsg !== '') {
    msg += ` ${f.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of f.nodeToStatus.values()) {
      for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const absent = f.numAllNodes - f.nodeToStatus.size;
    if (absent > 0 && f.absentNodesStatus) {
      for (const r of f.absentNodesStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    }
    const parts: string[] = [];
    for (const [r, n] of counts) parts.push(`${n} ${r}`);
    // Go's sort.Strings: byte order over "<count> <reason>".
    parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (parts.length > 0) msg += ` ${parts.join(', ')}.`;
  }
  if (f.postFilterMsg !== '') msg += ` ${f.postFilterMsg}`;
  return msg;
}

/** helper.DefaultNormalizeScore: scale to [0, maxPriority] by the maximum, optionally reversed. */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: { [i: number]: number }, n: number): void {
  let max = 0;
  for (let i = 0; i < n; i++) if (scores[i] > max) max = scores[i];
  if (max === 0) {
    if (reverse) for (let i = 0; i < n; i++) scores[i] = maxPriority;
    return;
  }
  for (let i = 0; i < n; i++) {
    const s = Math.floor((maxPriority * scores[i]) / max);
    scores[i] = reverse ? maxPriority - s : s;
  }
}
