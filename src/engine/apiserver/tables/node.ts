// Server-side printer for Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP
// OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME. STATUS is Ready/NotReady/Unknown plus
// SchedulingDisabled; ROLES come from node-role.kubernetes.io/<role> and kubernetes.io/role labels.
// Models kubernetes/pkg/printers/internalversion/printers.go (printNode, findNodeRoles).
import type { Node } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  const labels = node.metadata?.labels ?? {};
  for (const k of Object.keys(labels)) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role.length > 0) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && labels[k] !== '') {
      roles.add(labels[k]);
    }
  }
  return [...roles].sort();
}

function address(node: Node, type: string): string {
  for (const a of node.status?.addresses ?? []) {
    if (a.type === type) return a.address;
  }
  return '<none>';
}

export const nodePrinter: TablePrinter<Node> = {
  columns: [
    nameColumn,
    column('Status', 'string', 'The status of the node'),
    column('Roles', 'string', 'The roles of the node'),
    ageColumn,
    column('Version', 'string', doc.kubeletVersion),
    column('Internal-IP', 'string', doc.nodeAddresses, 1),
    column('External-IP', 'string', doc.nodeAddresses, 1),
    column('OS-Image', 'string', doc.osImage, 1),
    column('Kernel-Version', 'string', doc.kernelVersion, 1),
    column('Container-Runtime', 'string', doc.containerRuntimeVersion, 1),
  ],
  row(node, ctx) {
    const status: string[] = [];
    // Only the Ready condition is shown (the last one wins if duplicated, as in a Go map).
    let ready: string | undefined;
    for (const c of node.status?.conditions ?? []) {
      if (c.type === 'Ready') ready = c.status === 'True' ? 'Ready' : 'NotReady';
    }
    status.push(ready ?? 'Unknown');
    if (node.spec?.unschedulable) status.push('SchedulingDisabled');
    const roles = findNodeRoles(node).join(',');
    const info = node.status?.nodeInfo;
    return [
      node.metadata?.name ?? '',
      status.join(','),
      roles.length === 0 ? '<none>' : roles,
      ageOf(node, ctx),
      info?.kubeletVersion ?? '',
      address(node, 'InternalIP'),
      address(node, 'ExternalIP'),
      info?.osImage || '<unknown>',
      info?.kernelVersion || '<unknown>',
      info?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
