// TaintToleration: rejects nodes with a NoSchedule/NoExecute taint the pod does not tolerate
// (the first one in the node's taint order names the reason) and scores nodes by how many
// PreferNoSchedule taints the pod does not tolerate (fewer is better).
// Leaves out: nothing the default profile uses.
// Models kubernetes/pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go and
// kubernetes/pkg/apis/core/v1/helper/helpers.go, staging/src/k8s.io/api/core/v1/toleration.go
import type { Taint, Toleration } from '../../api/types';
import type { NodeStatus } from '../framework';
import type { NodeInfo } from '../node-info';

/** Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i], taint)) return true;
  return false;
}

export function untoleratedTaintReason(taint: Taint): string {
  return `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

export function taintTolerationFilter(tolerations: readonly Toleration[], node: NodeInfo): NodeStatus | null {
  const taints = node.scheduleTaints;
  for (let i = 0; i < taints.length; i++) {
    if (!tolerationsTolerateTaint(tolerations, taints[i])) {
      return { code: 'UnschedulableAndUnresolvable', reasons: [untoleratedTaintReason(taints[i])], plugin: 'TaintToleration' };
    }
  }
  return null;
}

/** Tolerations that count for scoring: effect PreferNoSchedule or empty. */
export function preferNoScheduleTolerations(tolerations: readonly Toleration[]): Toleration[] {
  return tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
}

/** Raw score: number of intolerable PreferNoSchedule taints (normalised in reverse later). */
export function taintTolerationScore(preferTolerations: readonly Toleration[], node: NodeInfo): number {
  let n = 0;
  const taints = node.preferNoScheduleTaints;
  for (let i = 0; i < taints.length; i++) if (!tolerationsTolerateTaint(preferTolerations, taints[i])) n++;
  return n;
}
