// `kubectl version` (client v1.32 + server /version), `kubectl api-resources` (the discovery
// table, -o wide|name, --namespaced, --api-group, --no-headers) and `kubectl cluster-info`
// (control plane URL and kube-system cluster services, coloured on a terminal).
// Models kubectl/pkg/cmd/version/version.go, apiresources/apiresources.go, clusterinfo/clusterinfo.go.
// Leaves out: version -o yaml/json of kustomize details, cluster-info dump.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { KubectlError, groupVersion } from './client';
import { TabWriter } from './printers/tabwriter';
import { toGoJson, toYaml } from './yaml';

export const CLIENT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T18:04:20Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};
const KUSTOMIZE_VERSION = 'v5.5.0';

/** The API server address kubectl is configured with (kubeadm's advertise address). */
export const SERVER_URL = 'https://10.0.0.11:6443';

async function runVersion(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const o = f.str('output');
  if (o && o !== 'yaml' && o !== 'json') throw new KubectlError(`error: --output must be 'yaml' or 'json'`);
  let server: unknown;
  if (!f.bool('client')) server = inv.client.get('/version');
  if (o) {
    const doc: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    if (server) doc.serverVersion = server;
    inv.out(o === 'yaml' ? toYaml(doc) : toGoJson(doc, '  ', '', false) + '\n');
    return 0;
  }
  inv.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
  if (server) inv.out(`Server Version: ${(server as { gitVersion?: string }).gitVersion ?? ''}\n`);
  return 0;
}

export const versionCommand: SubCommand = {
  name: 'version',
  short: 'Print the client and server version information',
  usage: 'kubectl version [flags] [options]',
  flags: [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: runVersion,
};

async function runApiResources(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const o = f.str('output');
  if (o && o !== 'wide' && o !== 'name') throw new KubectlError(`error: --output ${o} is not available`);
  let res = inv.client.discovery.resources.slice();
  if (f.changed('namespaced')) res = res.filter((r) => r.namespaced === f.bool('namespaced'));
  if (f.changed('api-group')) res = res.filter((r) => r.group === f.str('api-group'));
  const verbs = f.list('verbs');
  if (verbs.length) res = res.filter((r) => verbs.every((v) => r.verbs.includes(v)));
  // sorted by group, then name (kubectl's default sort-by=name within groups)
  res.sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0) : a.group < b.group ? -1 : 1));
  if (o === 'name') {
    for (const r of res) inv.out(r.group ? `${r.plural}.${r.group}\n` : `${r.plural}\n`);
    return 0;
  }
  const lines: string[][] = [];
  const wide = o === 'wide';
  if (!f.bool('no-headers')) {
    const h = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND'];
    if (wide) h.push('VERBS', 'CATEGORIES');
    lines.push(h);
  }
  for (const r of res) {
    const l = [r.plural, r.shortNames.join(','), groupVersion(r), String(r.namespaced), r.kind];
    if (wide) l.push(r.verbs.join(','), r.categories.join(','));
    lines.push(l);
  }
  inv.out(new TabWriter().format(lines));
  return 0;
}

export const apiResourcesCommand: SubCommand = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string' },
    { name: 'namespaced', type: 'bool', def: true },
    { name: 'api-group', type: 'string' },
    { name: 'verbs', type: 'stringSlice' },
    { name: 'no-headers', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'cached', type: 'bool' },
    { name: 'categories', type: 'stringSlice' },
  ],
  run: runApiResources,
};

async function runClusterInfo(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args[0] === 'dump') throw new KubectlError('error: cluster-info dump is not supported in this playground');
  const color = inv.ctx.isTTY;
  const line = (name: string, url: string) =>
    color ? `\x1b[0;32m${name}\x1b[0m is running at \x1b[0;33m${url}\x1b[0m\n` : `${name} is running at ${url}\n`;
  const server = inv.server ?? SERVER_URL;
  inv.out(line('Kubernetes control plane', server));
  const svcs = inv.client.get('/api/v1/namespaces/kube-system/services', { query: { labelSelector: 'kubernetes.io/cluster-service=true' } }) as { items?: KObject[] };
  for (const s of svcs.items ?? []) {
    const name = s.metadata?.labels?.['kubernetes.io/name'] ?? s.metadata?.name ?? '';
    const ports = ((s.spec as { ports?: Array<{ name?: string; port?: number }> } | undefined)?.ports ?? []);
    const p = ports[0];
    const portPart = p ? `:${p.name || p.port}` : '';
    inv.out(line(name, `${server}/api/v1/namespaces/kube-system/services/${s.metadata?.name ?? ''}${portPart}/proxy`));
  }
  inv.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  return 0;
}

export const clusterInfoCommand: SubCommand = {
  name: 'cluster-info',
  short: 'Display cluster information',
  usage: 'kubectl cluster-info [flags] [options]',
  flags: [],
  run: runClusterInfo,
};
