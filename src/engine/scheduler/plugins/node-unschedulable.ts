// NodeUnschedulable: rejects cordoned nodes (spec.unschedulable) unless the pod tolerates the
// node.kubernetes.io/unschedulable:NoSchedule taint.
// Leaves out: nothing the default profile uses.
// Models kubernetes/pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
import type { Taint, Toleration } from '../../api/types';
import type { NodeStatus } from '../framework';
import type { NodeInfo } from '../node-info';
import { tolerationsTolerateTaint } from './taint-toleration';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
const STATUS: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_UNSCHEDULABLE], plugin: 'NodeUnschedulable' };

/** Whether the pod tolerates cordoned nodes (computed once per pod). */
export function toleratesUnschedulable(tolerations: readonly Toleration[]): boolean {
  return tolerationsTolerateTaint(tolerations, UNSCHEDULABLE_TAINT);
}

export function nodeUnschedulableFilter(podTolerates: boolean, node: NodeInfo): NodeStatus | null {
  return node.unschedulable && !podTolerates ? STATUS : null;
}
