// NodeName: a pod that names a node in spec.nodeName fits only that node.
// Leaves out: nothing (pods bound by name normally bypass the scheduler entirely).
// Models kubernetes/pkg/scheduler/framework/plugins/nodename/node_name.go
import type { NodeStatus } from '../framework';
import type { NodeInfo } from '../node-info';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

const STATUS: NodeStatus = { code: 'UnschedulableAndUnresolvable', reasons: [ERR_REASON_NODE_NAME], plugin: 'NodeName' };

export function nodeNameFilter(nodeName: string | undefined, node: NodeInfo): NodeStatus | null {
  return !nodeName || nodeName === node.name ? null : STATUS;
}
