// `kubectl top node|pod`: checks discovery for metrics.k8s.io (`error: Metrics API not available`
// on a kubeadm cluster without metrics-server), then reads NodeMetrics/PodMetrics and prints
// kubectl's tab-terminated tables (CPU in millicores rounded up, memory in Mi, node percentages
// of allocatable or --show-capacity), --containers, -A, -l, --field-selector, --sort-by, --sum,
// --no-headers, and the empty-metrics messages (`metrics not available yet`).
// Models kubectl/pkg/cmd/top/{top.go,top_node.go,top_pod.go} and pkg/metricsutil/metrics_printer.go.
import type { ApiResponse, Node, Pod } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { KubectlError, toStatusError } from './client';
import { TabWriter } from './printers/tabwriter';

const TOP_HELP = `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use "kubectl top <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const METRICS = '/apis/metrics.k8s.io/v1beta1';

interface Usage {
  cpu?: string;
  memory?: string;
}
interface NodeMetrics {
  metadata?: { name?: string };
  usage?: Usage;
}
interface PodMetrics {
  metadata?: { name?: string; namespace?: string };
  containers?: Array<{ name: string; usage?: Usage }>;
}

/** resource.Quantity.MilliValue(): rounds up. */
function milli(q: string | undefined): number {
  if (!q) return 0;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const mult: Record<string, number> = {
    n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
  };
  const f = mult[m[2]!];
  if (f === undefined) return 0;
  // Work in integers where possible: nanocores → ceil(n / 1e6).
  if (m[2] === 'n' && Number.isInteger(n)) return Math.ceil(n / 1e6);
  if (m[2] === 'u' && Number.isInteger(n)) return Math.ceil(n / 1e3);
  return Math.ceil(n * f * 1000 - 1e-9);
}

/** resource.Quantity.Value() (bytes), rounded up. */
function bytes(q: string | undefined): number {
  return Math.ceil(milli(q) / 1000);
}

interface Sum {
  cpuMilli: number;
  memBytes: number;
}
const podSum = (m: PodMetrics): Sum => {
  let cpuMilli = 0;
  let memBytes = 0;
  for (const c of m.containers ?? []) {
    cpuMilli += milli(c.usage?.cpu);
    memBytes += bytes(c.usage?.memory);
  }
  return { cpuMilli, memBytes };
};

/** The cells of one usage line: CPU, [CPU%], memory, [MEMORY%]. */
function usageCells(u: Sum, avail?: Sum): string[] {
  const cells = [`${u.cpuMilli}m`];
  if (avail) cells.push(`${Math.trunc((u.cpuMilli / avail.cpuMilli) * 100)}%`);
  cells.push(`${Math.floor(u.memBytes / (1024 * 1024))}Mi`);
  if (avail) cells.push(`${Math.trunc(((u.memBytes * 1000) / (avail.memBytes * 1000)) * 100)}%`);
  return cells;
}

function checkMetricsApi(inv: Invocation): void {
  const groups = inv.client.get('/apis') as { groups?: Array<{ name: string; versions?: Array<{ version: string }> }> };
  const g = (groups.groups ?? []).find((x) => x.name === 'metrics.k8s.io');
  if (!g || !(g.versions ?? []).some((v) => v.version === 'v1beta1')) throw new KubectlError('error: Metrics API not available');
}

/** A metrics request; the aggregator's 503 becomes client-go's generic ServiceUnavailable error. */
function metricsGet(inv: Invocation, path: string, resource: string, query: Record<string, string | undefined>, name = ''): unknown {
  const res: ApiResponse = inv.client.raw('GET', path, { query });
  if (res.status === 503 && typeof res.body === 'string') {
    throw new KubectlError(`Error from server (ServiceUnavailable): the server is currently unable to handle the request (get ${resource}.metrics.k8s.io${name ? ` ${name}` : ''})`);
  }
  if (res.status >= 300) throw toStatusError(res);
  return res.body;
}

function sortByFlag(inv: Invocation): string {
  const s = inv.flags.str('sort-by');
  if (s && s !== 'cpu' && s !== 'memory') throw new KubectlError('error: --sort-by accepts only cpu or memory');
  return s;
}

async function topNode(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const name = args[0] ?? '';
  const selector = f.str('selector');
  const sortBy = sortByFlag(inv);
  checkMetricsApi(inv);
  let metrics: NodeMetrics[];
  if (name) metrics = [metricsGet(inv, `${METRICS}/nodes/${name}`, 'nodes', {}, name) as NodeMetrics];
  else metrics = ((metricsGet(inv, `${METRICS}/nodes`, 'nodes', { labelSelector: selector || undefined }) as { items?: NodeMetrics[] }).items ?? []);
  if (metrics.length === 0) throw new KubectlError('error: metrics not available yet');
  const nodesRes = inv.client.discovery.mustFind('nodes');
  let nodes: Node[];
  if (name) nodes = [inv.client.getObject(nodesRes, undefined, name) as Node];
  else nodes = ((inv.client.get(inv.client.path(nodesRes, undefined), { query: { labelSelector: selector || undefined } }) as { items?: Node[] }).items ?? []);
  const available = new Map<string, Sum>();
  for (const n of nodes) {
    const res = (f.bool('show-capacity') ? n.status?.capacity : n.status?.allocatable) as Record<string, string> | undefined;
    available.set(n.metadata?.name ?? '', { cpuMilli: milli(res?.cpu), memBytes: bytes(res?.memory) });
  }
  const rows = metrics.map((m) => ({ name: m.metadata?.name ?? '', u: { cpuMilli: milli(m.usage?.cpu), memBytes: bytes(m.usage?.memory) } }));
  rows.sort((a, b) => (sortBy === 'cpu' ? b.u.cpuMilli - a.u.cpuMilli : sortBy === 'memory' ? b.u.memBytes - a.u.memBytes : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const lines: string[][] = [];
  if (!f.bool('no-headers')) lines.push(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)', '']);
  for (const r of rows) {
    lines.push([r.name, ...usageCells(r.u, available.get(r.name)), '']);
    available.delete(r.name);
  }
  // Nodes without metrics (kubectl ranges over a map; sorted here).
  for (const n of [...available.keys()].sort()) lines.push([n, '<unknown>', '', '<unknown>', '', '<unknown>', '', '<unknown>', '', '']);
  inv.out(new TabWriter().format(lines));
  return 0;
}

function podAgeCheck(inv: Invocation, pod: Pod): void {
  const created = Date.parse(pod.metadata?.creationTimestamp ?? '');
  const age = inv.ctx.sys.now() - created;
  if (age > 2 * 60 * 1000) throw new KubectlError(`error: Metrics not available for pod ${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}, age: ${goDuration(age)}`);
}

/** time.Duration.String() for positive durations with millisecond precision. */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}

async function topPod(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const name = args[0] ?? '';
  const selector = f.str('selector');
  const fieldSelector = f.str('field-selector');
  const sortBy = sortByFlag(inv);
  if (name && (selector || fieldSelector)) throw new KubectlError('error: only one of NAME or selector can be provided');
  const all = f.bool('all-namespaces');
  checkMetricsApi(inv);
  const ns = all ? undefined : inv.namespace;
  let metrics: PodMetrics[];
  if (name) metrics = [metricsGet(inv, `${METRICS}/namespaces/${inv.namespace}/pods/${name}`, 'pods', {}, name) as PodMetrics];
  else {
    const path = ns ? `${METRICS}/namespaces/${ns}/pods` : `${METRICS}/pods`;
    metrics = ((metricsGet(inv, path, 'pods', { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined }) as { items?: PodMetrics[] }).items ?? []);
  }
  if (metrics.length === 0) {
    // verifyEmptyMetrics: pods that exist but are young have no metrics yet.
    const podsRes = inv.client.discovery.mustFind('pods');
    const list = (inv.client.get(inv.client.path(podsRes, ns), { query: { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined } }) as { items?: Pod[] }).items ?? [];
    if (list.length > 0) {
      for (const p of list) podAgeCheck(inv, p);
      throw new KubectlError('error: metrics not available yet');
    }
    inv.err(all ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const containers = f.bool('containers');
  const rows = metrics.map((m) => ({ m, sum: podSum(m) }));
  rows.sort((a, b) => {
    if (sortBy === 'cpu') return b.sum.cpuMilli - a.sum.cpuMilli;
    if (sortBy === 'memory') return b.sum.memBytes - a.sum.memBytes;
    const na = a.m.metadata?.namespace ?? '';
    const nb = b.m.metadata?.namespace ?? '';
    if (all && na !== nb) return na < nb ? -1 : 1;
    const xa = a.m.metadata?.name ?? '';
    const xb = b.m.metadata?.name ?? '';
    return xa < xb ? -1 : xa > xb ? 1 : 0;
  });
  const lines: string[][] = [];
  if (!f.bool('no-headers')) {
    const h: string[] = [];
    if (all) h.push('NAMESPACE');
    if (containers) h.push('POD');
    lines.push([...h, 'NAME', 'CPU(cores)', 'MEMORY(bytes)', '']);
  }
  for (const { m, sum } of rows) {
    const lead = all ? [m.metadata?.namespace ?? ''] : [];
    if (containers) {
      const cs = (m.containers ?? []).map((c) => ({ name: c.name, u: { cpuMilli: milli(c.usage?.cpu), memBytes: bytes(c.usage?.memory) } }));
      cs.sort((a, b) => (sortBy === 'cpu' ? b.u.cpuMilli - a.u.cpuMilli : sortBy === 'memory' ? b.u.memBytes - a.u.memBytes : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const c of cs) lines.push([...lead, m.metadata?.name ?? '', c.name, ...usageCells(c.u), '']);
    } else lines.push([...lead, m.metadata?.name ?? '', ...usageCells(sum), '']);
  }
  if (f.bool('sum')) {
    const total = rows.reduce((t, r) => ({ cpuMilli: t.cpuMilli + r.sum.cpuMilli, memBytes: t.memBytes + r.sum.memBytes }), { cpuMilli: 0, memBytes: 0 });
    const width = 3 + (all ? 1 : 0) + (containers ? 1 : 0);
    lines.push([...Array<string>(width - 2).fill(''), '________', '________', '']);
    lines.push([...Array<string>(width - 3).fill(''), '', ...usageCells(total), '']);
  }
  inv.out(new TabWriter().format(lines));
  return 0;
}

async function runTop(inv: Invocation): Promise<number> {
  const [sub, ...rest] = inv.flags.args;
  if (!sub) {
    inv.out(TOP_HELP);
    return 0;
  }
  if (['node', 'nodes', 'no'].includes(sub)) return topNode(inv, rest);
  if (['pod', 'pods', 'po'].includes(sub)) return topPod(inv, rest);
  throw new KubectlError(`error: unknown command "${sub}" for "kubectl top"`);
}

export const topCommand: SubCommand = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  usage: 'kubectl top [flags] [options]',
  flags: [
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'containers', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'use-protocol-buffers', type: 'bool', def: true },
    { name: 'show-capacity', type: 'bool' },
    { name: 'sum', type: 'bool' },
    { name: 'field-selector', type: 'string' },
  ],
  run: runTop,
};
