// PodTopologySpread scoring with the system default constraints (hostname maxSkew 3, zone
// maxSkew 5, ScheduleAnyway): nodes (and zones) with fewer pods of the same owner score higher.
// SIMPLIFICATION: "same owner" is ownerReferences[0].uid instead of the label selector derived
// from the Services/ReplicaSets/StatefulSets selecting the pod; a pod without owner references
// gets no spreading score; explicit spec.topologySpreadConstraints are not evaluated.
// Models kubernetes/pkg/scheduler/framework/plugins/podtopologyspread/scoring.go
import type { NodeInfo } from '../node-info';
import { MAX_NODE_SCORE } from './node-resources-fit';

const HOSTNAME_MAX_SKEW = 3;
const ZONE_MAX_SKEW = 5;

/** topologyNormalizingWeight: log(size + 2). */
const weight = (size: number): number => Math.log(size + 2);

let stamp = 0;

/**
 * Raw scores for the feasible nodes (higher = more crowded), written into `out`.
 * `ownerNodes` holds the owner's pod count per node; `zoneCount(zone)` its pods in a zone over
 * all nodes the pod may land on.
 */
export function spreadScores(feasible: readonly NodeInfo[], n: number, ownerNodes: ReadonlyMap<NodeInfo, number> | undefined,
  zoneCount: (zone: string) => number, out: Float64Array): void {
  const hostWeight = weight(n);
  // Zone constraint: only scores nodes carrying the zone label. Its topology size counts the
  // distinct zone values among feasible nodes, plus "" when some feasible node has none.
  let zones: Map<string, number> | null = null;
  let unlabelled = 0;
  const cycle = ++stamp;
  for (let i = 0; i < n; i++) {
    const node = feasible[i];
    node.scoreIndex = i;
    node.scoreStamp = cycle;
    const z = node.zone;
    if (z === undefined) unlabelled = 1;
    else if (!zones) zones = new Map([[z, -1]]);
    else if (!zones.has(z)) zones.set(z, -1);
    out[i] = node.hasHostnameLabel ? HOSTNAME_MAX_SKEW - 1 : 0;
  }
  // Hostname constraint: visit only the nodes that hold pods of the owner.
  if (ownerNodes) {
    for (const [node, c] of ownerNodes) {
      if (node.scoreStamp === cycle && node.hasHostnameLabel) out[node.scoreIndex] += c * hostWeight;
    }
  }
  if (zones) {
    const zoneWeight = weight(zones.size + unlabelled);
    for (let i = 0; i < n; i++) {
      const z = feasible[i].zone;
      if (z === undefined) continue;
      let c = zones.get(z) ?? 0;
      if (c < 0) {
        c = zoneCount(z);
        zones.set(z, c);
      }
      out[i] += c * zoneWeight + (ZONE_MAX_SKEW - 1);
    }
  }
  for (let i = 0; i < n; i++) out[i] = Math.round(out[i]);
}

/** Zone counts over the owner's nodes the pod could land on (required node affinity honoured). */
export function scanZoneCounts(ownerNodes: ReadonlyMap<NodeInfo, number> | undefined, nodeOk: (node: NodeInfo) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  if (!ownerNodes) return m;
  for (const [node, c] of ownerNodes) {
    if (node.node === undefined || node.zone === undefined || !nodeOk(node)) continue;
    m.set(node.zone, (m.get(node.zone) ?? 0) + c);
  }
  return m;
}

/** NormalizeScore: MaxNodeScore * (max + min - s) / max; all 100 when every score is 0. */
export function normalizeSpread(scores: Float64Array, n: number): void {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (s < min) min = s;
    if (s > max) max = s;
  }
  for (let i = 0; i < n; i++) {
    scores[i] = max === 0 ? MAX_NODE_SCORE : Math.floor((MAX_NODE_SCORE * (max + min - scores[i])) / max);
  }
}
