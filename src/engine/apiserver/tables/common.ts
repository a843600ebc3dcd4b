// Shared pieces of the server-side printers: column constructors, label and selector
// formatting (labels.FormatLabels, metav1.FormatLabelSelector), container/image cells.
// Models kubernetes/pkg/printers/internalversion/printers.go helpers and
// staging/src/k8s.io/apimachinery/pkg/labels (selector String()).
import type { ObjectMeta } from '../../api/types';
import { translateTimestampSince } from '../../core/duration';
import { doc } from './descriptions';
import type { TableColumnDefinition, TableContext } from './types';

export function column(name: string, type: string, description: string, priority = 0, format = ''): TableColumnDefinition {
  return { name, type, format, description, priority };
}

export const nameColumn: TableColumnDefinition = column('Name', 'string', doc.name, 0, 'name');
export const ageColumn: TableColumnDefinition = column('Age', 'string', doc.creationTimestamp);
export const containersColumn: TableColumnDefinition = column('Containers', 'string', 'Names of each container in the template.', 1);
export const imagesColumn: TableColumnDefinition = column('Images', 'string', 'Images referenced by each container in the template.', 1);

export function nameOf(obj: { metadata?: ObjectMeta }): string {
  return obj.metadata?.name ?? '';
}

export function ageOf(obj: { metadata?: ObjectMeta }, ctx: TableContext): string {
  return translateTimestampSince(obj.metadata?.creationTimestamp, ctx.now);
}

/** Go's sort.Strings order (byte-wise for ASCII keys). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** labels.FormatLabels: `a=1,b=2` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  if (!labels) return '<none>';
  const keys = Object.keys(labels);
  if (keys.length === 0) return '<none>';
  keys.sort(byCodeUnit);
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    if (i > 0) out += ',';
    out += `${keys[i]}=${labels[keys[i]]}`;
  }
  return out;
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; '' for a nil or
 * empty selector; undefined when an operator is invalid (the caller prints `<error>`/`<invalid>`).
 */
export function labelSelectorString(sel: LabelSelectorLike | undefined | null): string | undefined {
  if (!sel) return '';
  const reqs: Array<{ key: string; text: string }> = [];
  for (const key of Object.keys(sel.matchLabels ?? {})) {
    reqs.push({ key, text: `${key}=${sel.matchLabels![key]}` });
  }
  for (const expr of sel.matchExpressions ?? []) {
    const values = [...(expr.values ?? [])].sort(byCodeUnit).join(',');
    switch (expr.operator) {
      case 'In':
        reqs.push({ key: expr.key, text: `${expr.key} in (${values})` });
        break;
      case 'NotIn':
        reqs.push({ key: expr.key, text: `${expr.key} notin (${values})` });
        break;
      case 'Exists':
        reqs.push({ key: expr.key, text: expr.key });
        break;
      case 'DoesNotExist':
        reqs.push({ key: expr.key, text: `!${expr.key}` });
        break;
      default:
        return undefined;
    }
  }
  reqs.sort((a, b) => byCodeUnit(a.key, b.key));
  return reqs.map((r) => r.text).join(',');
}

/** metav1.FormatLabelSelector: `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelectorLike | undefined | null): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: container names and images joined by commas. */
export function layoutContainerCells(containers: ContainerLike[] | undefined): [string, string] {
  if (!containers || containers.length === 0) return ['', ''];
  let names = '';
  let images = '';
  for (let i = 0; i < containers.length; i++) {
    if (i > 0) {
      names += ',';
      images += ',';
    }
    names += containers[i].name ?? '';
    images += containers[i].image ?? '';
  }
  return [names, images];
}

/** Go's net.JoinHostPort: brackets around IPv6 hosts. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** listWithMoreString: `a,b,c + 2 more...`, `<unset>` when empty. */
export function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}
