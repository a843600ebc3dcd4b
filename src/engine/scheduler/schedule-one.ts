// One scheduling cycle for one pod: PreFilter, Filter over the nodes starting at the rotating
// index until numFeasibleNodesToFind nodes fit, Score the feasible ones with the default
// weights, pick the best with reservoir sampling among ties. On failure, a FitError whose
// message is byte-exact with v1.32's FailedScheduling event, including the preemption suffix.
// Leaves out: extenders, nominated pods, NodePorts/volume/inter-pod-affinity plugins, ImageLocality.
// Models kubernetes/pkg/scheduler/schedule_one.go
import type { Pod } from '../api/types';
import type { SchedulerCache } from './cache';
import type { FitErrorInfo, NodeStatus } from './framework';
import { defaultNormalizeScore, fitErrorMessage, newFitError, PluginNames } from './framework';
import type { NodeInfo } from './node-info';
import type { PodSchedInfo } from './pod-info';
import { podSchedInfo } from './pod-info';
import { preemptionVerdict } from './preemption';
import { hasRequired, matchesRequired, nodeAffinityFilter, nodeAffinityPreFilter, nodeAffinityScore } from './plugins/node-affinity';
import { nodeNameFilter } from './plugins/node-name';
import { balancedAllocationScore, fitFilter, leastAllocatedScore, MAX_NODE_SCORE } from './plugins/node-resources-fit';
import { nodeUnschedulableFilter } from './plugins/node-unschedulable';
import { normalizeSpread, scanZoneCounts, spreadScores } from './plugins/pod-topology-spread';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration';

export type ScheduleResult =
  | { nodeName: string; evaluatedNodes: number; feasibleNodes: number }
  | { error: FitErrorInfo; message: string; preemptionCandidates?: string[] };

export interface ScheduleOptions {
  /** Profile percentageOfNodesToScore; 0 or absent = adaptive (50% - nodes/125, at least 5%). */
  percentageOfNodesToScore?: number;
}

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/** Default plugin weights of the v1.32 profile. */
const WEIGHT_TAINT = 3;
const WEIGHT_AFFINITY = 2;
const WEIGHT_FIT = 1;
const WEIGHT_SPREAD = 2;
const WEIGHT_BALANCED = 1;

/** numFeasibleNodesToFind: how many feasible nodes are enough before scoring. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/** The Filter plugins in profile order; the first rejection decides the node's status. */
function runFilters(info: PodSchedInfo, checkAffinity: boolean, node: NodeInfo): NodeStatus | null {
  let s = nodeUnschedulableFilter(info.toleratesUnschedulable, node);
  if (s) return s;
  s = nodeNameFilter(info.nodeName, node);
  if (s) return s;
  if (node.scheduleTaints.length > 0) {
    s = taintTolerationFilter(info.tolerations, node);
    if (s) return s;
  }
  if (checkAffinity) {
    s = nodeAffinityFilter(info.affinity, node);
    if (s) return s;
  }
  return fitFilter(info.requests, node);
}

// Scratch buffers reused across cycles so the per-node loops allocate nothing.
const feasible: NodeInfo[] = [];
const failedNodes: NodeInfo[] = [];
const failedStatuses: NodeStatus[] = [];
let totals = new Float64Array(256);
let tmp = new Float64Array(256);

function ensureScratch(n: number): void {
  if (totals.length < n) {
    let size = totals.length;
    while (size < n) size *= 2;
    totals = new Float64Array(size);
    tmp = new Float64Array(size);
  }
}

export function schedulePod(pod: Pod, cache: SchedulerCache, rng: { int(n: number): number }, opts: ScheduleOptions = {}): ScheduleResult {
  const allNodes = cache.nodeList();
  const numAllNodes = allNodes.length;
  if (numAllNodes === 0) return { error: newFitError(0), message: ERR_NO_NODES_AVAILABLE };
  const info = podSchedInfo(pod);
  const checkAffinity = hasRequired(info.affinity);

  // PreFilter: NodeAffinity may narrow the nodes to those named by matchFields, or reject all.
  let nodes: readonly NodeInfo[] = allNodes;
  let absent: NodeStatus | undefined;
  if (info.affinity.required !== null) {
    const pre = nodeAffinityPreFilter(pod);
    if (pre instanceof Set) {
      nodes = allNodes.filter((n) => pre.has(n.name));
      absent = {
        code: 'UnschedulableAndUnresolvable',
        reasons: [`node(s) didn't satisfy plugin(s) [${PluginNames.NodeAffinity}]`],
        plugin: PluginNames.NodeAffinity,
      };
    } else if (pre !== null) {
      const fe = newFitError(numAllNodes);
      fe.absentNodesStatus = pre;
      fe.preFilterMsg = pre.reasons.join(', ');
      fe.unschedulablePlugins.add(pre.plugin);
      return fail(info, fe, cache);
    }
  }

  // Filter, starting where the previous cycle stopped.
  const numNodes = nodes.length;
  const numToFind = numFeasibleNodesToFind(opts.percentageOfNodesToScore, numNodes);
  const start = cache.nextStartNodeIndex;
  let nFeasible = 0;
  let nFailed = 0;
  for (let i = 0; i < numNodes && nFeasible < numToFind; i++) {
    const node = nodes[(start + i) % numNodes];
    const s = runFilters(info, checkAffinity, node);
    if (s === null) feasible[nFeasible++] = node;
    else {
      failedNodes[nFailed] = node;
      failedStatuses[nFailed++] = s;
    }
  }
  cache.nextStartNodeIndex = (start + nFeasible + nFailed) % numAllNodes;

  if (nFeasible === 0) {
    const fe = newFitError(numAllNodes);
    fe.absentNodesStatus = absent;
    if (absent) fe.unschedulablePlugins.add(absent.plugin);
    for (let i = 0; i < nFailed; i++) {
      fe.nodeToStatus.set(failedNodes[i].name, failedStatuses[i]);
      fe.unschedulablePlugins.add(failedStatuses[i].plugin);
    }
    return fail(info, fe, cache);
  }
  const evaluatedNodes = nFeasible + nFailed;
  if (nFeasible === 1) {
    const nodeName = feasible[0].name;
    return { nodeName, evaluatedNodes, feasibleNodes: 1 };
  }

  scoreNodes(info, nFeasible, cache);
  const best = selectHost(nFeasible, rng);
  const nodeName = feasible[best].name;
  return { nodeName, evaluatedNodes, feasibleNodes: nFeasible };
}

function fail(info: PodSchedInfo, fe: FitErrorInfo, cache: SchedulerCache): ScheduleResult {
  const verdict = preemptionVerdict(info, fe, cache);
  fe.postFilterMsg = verdict.message;
  const result: ScheduleResult = { error: fe, message: fitErrorMessage(fe) };
  if (verdict.candidates.length > 0) result.preemptionCandidates = verdict.candidates;
  return result;
}

/** Runs the Score plugins, normalises and weights them into `totals[0..n)`. */
function scoreNodes(info: PodSchedInfo, n: number, cache: SchedulerCache): void {
  ensureScratch(n);
  const r = info.requests;
  // NodeResourcesFit (LeastAllocated) and BalancedAllocation need no normalisation.
  for (let i = 0; i < n; i++) {
    const node = feasible[i];
    totals[i] = WEIGHT_FIT * leastAllocatedScore(r, node) + WEIGHT_BALANCED * balancedAllocationScore(r, node);
  }
  // TaintToleration: intolerable PreferNoSchedule taints, normalised in reverse.
  for (let i = 0; i < n; i++) {
    const node = feasible[i];
    tmp[i] = node.preferNoScheduleTaints.length === 0 ? 0 : taintTolerationScore(info.preferTolerations, node);
  }
  defaultNormalizeScore(MAX_NODE_SCORE, true, tmp, n);
  for (let i = 0; i < n; i++) totals[i] += WEIGHT_TAINT * tmp[i];
  // NodeAffinity: preferred terms (PreScore skips the plugin when there are none).
  if (info.affinity.preferred.length > 0) {
    for (let i = 0; i < n; i++) tmp[i] = nodeAffinityScore(info.affinity, feasible[i]);
    defaultNormalizeScore(MAX_NODE_SCORE, false, tmp, n);
    for (let i = 0; i < n; i++) totals[i] += WEIGHT_AFFINITY * tmp[i];
  }
  // PodTopologySpread with the system default constraints.
  if (info.owner !== undefined) {
    const owner = info.owner;
    const affinity = info.affinity;
    const ownerNodes = cache.ownerNodeCounts(owner);
    let zoneCount: (zone: string) => number;
    if (hasRequired(affinity)) {
      // NodeAffinityPolicy=Honor: only nodes the pod could land on count towards a zone.
      const counts = scanZoneCounts(ownerNodes, (node) => matchesRequired(affinity, node));
      zoneCount = (zone) => counts.get(zone) ?? 0;
    } else {
      zoneCount = (zone) => cache.ownerZoneCount(owner, zone);
    }
    spreadScores(feasible, n, ownerNodes, zoneCount, tmp);
    normalizeSpread(tmp, n);
    for (let i = 0; i < n; i++) totals[i] += WEIGHT_SPREAD * tmp[i];
  }
}

/** selectHost: the highest total; ties broken by reservoir sampling with the injected RNG. */
function selectHost(n: number, rng: { int(n: number): number }): number {
  let best = 0;
  let bestScore = totals[0];
  let ties = 1;
  for (let i = 1; i < n; i++) {
    const s = totals[i];
    if (s > bestScore) {
      bestScore = s;
      best = i;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (rng.int(ties) === 0) best = i;
    }
  }
  return best;
}

/** Total weighted scores of every feasible node (for diagnostics and tests), in node-list order. */
export function prioritizeNodes(pod: Pod, cache: SchedulerCache): { nodeName: string; score: number }[] {
  const info = podSchedInfo(pod);
  const checkAffinity = hasRequired(info.affinity);
  let n = 0;
  for (const node of cache.nodeList()) if (runFilters(info, checkAffinity, node) === null) feasible[n++] = node;
  if (n === 0) return [];
  scoreNodes(info, n, cache);
  const out: { nodeName: string; score: number }[] = [];
  for (let i = 0; i < n; i++) out.push({ nodeName: feasible[i].name, score: totals[i] });
  return out;
}
