// Resource tables as `minikube dashboard` lists them, built from the API server's own
// meta.k8s.io/v1 Table output (the columns `kubectl get -A` prints): NAMESPACE first for
// namespaced kinds, priority-0 columns only. Pure functions, tested without a browser.
// Leaves out: sorting by column and paging (the server sends everything).
import type { Table } from '../../../engine';
import type { MirroredResource } from '../../../worker/protocol';

export interface TableKind {
  /** The mirrored resource whose changes refresh the table. */
  resource: MirroredResource;
  kind: string;
  /** Tab label: the plural kind, as the dashboard's menu shows it (not translated: glossary). */
  label: string;
  path: string;
  namespaced: boolean;
}

export const TABLE_KINDS: readonly TableKind[] = [
  { resource: 'pods', kind: 'Pod', label: 'Pods', path: '/api/v1/pods', namespaced: true },
  { resource: 'deployments', kind: 'Deployment', label: 'Deployments', path: '/apis/apps/v1/deployments', namespaced: true },
  { resource: 'replicasets', kind: 'ReplicaSet', label: 'ReplicaSets', path: '/apis/apps/v1/replicasets', namespaced: true },
  { resource: 'services', kind: 'Service', label: 'Services', path: '/api/v1/services', namespaced: true },
  { resource: 'nodes', kind: 'Node', label: 'Nodes', path: '/api/v1/nodes', namespaced: false },
  { resource: 'events', kind: 'Event', label: 'Events', path: '/api/v1/events', namespaced: true },
];

/** What kubectl asks for (server-side printing). */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

export interface TableViewRow {
  key: string;
  name: string;
  namespace: string;
  cells: string[];
}

export interface TableView {
  columns: string[];
  rows: TableViewRow[];
}

/** Go's fmt %v of a cell, as kubectl prints it (nil → <none> is the server's choice already). */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '<none>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export function tableView(t: Table, namespaced: boolean): TableView {
  const shown = t.columnDefinitions.map((c, i) => ({ c, i })).filter(({ c }) => c.priority === 0);
  const columns = [...(namespaced ? ['NAMESPACE'] : []), ...shown.map(({ c }) => c.name.toUpperCase())];
  const rows = t.rows.map((r) => {
    const meta = r.object?.metadata ?? {};
    const name = meta.name ?? '';
    const namespace = meta.namespace ?? '';
    return {
      key: meta.uid ?? `${namespace}/${name}`,
      name,
      namespace,
      cells: [...(namespaced ? [namespace] : []), ...shown.map(({ i }) => cell(r.cells[i]))],
    };
  });
  return { columns, rows };
}

/** Tables longer than this render only the rows around the viewport. */
export const VIRTUALIZE_ABOVE = 100;

export interface RowWindow {
  start: number;
  end: number;
  /** Heights of the spacers standing in for the rows before `start` and after `end`. */
  before: number;
  after: number;
}

/**
 * The rows to render for a scroll position: those in the viewport plus `overscan` on each side
 * (all of them up to VIRTUALIZE_ABOVE rows). Rows have one height (cells do not wrap).
 */
export function rowWindow(count: number, scrollTop: number, viewport: number, rowHeight: number, overscan = 20): RowWindow {
  if (count <= VIRTUALIZE_ABOVE || rowHeight <= 0) return { start: 0, end: count, before: 0, after: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(count, first) - overscan);
  const end = Math.min(count, first + Math.ceil(Math.max(0, viewport) / rowHeight) + overscan);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
