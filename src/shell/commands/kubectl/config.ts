// `kubectl config`: view (DATA+OMITTED/REDACTED, --minify, --raw, --flatten, -o yaml|json|jsonpath),
// current-context, get-contexts, get-clusters, get-users, use-context, set-context (--current),
// set-cluster, set-credentials, set, unset, delete-context|cluster|user, rename-context,
// over the kubeconfig files of the shell's file system (kubeconfig.ts).
// Models kubectl/pkg/cmd/config/*.go (messages and argument errors as kubectl v1.32 prints them).
// Leaves out: --embed-certs reading files, exec/auth-provider credentials, go-template output.
import type { Invocation, SubCommand } from './command';
import { KubectlError } from './client';
import type { FlagDef } from './flags';
import { helpFor } from './help';
import { JsonPathError, executeTemplate, parseTemplate } from './jsonpath';
import { destinationFile, kubeconfigSource, kubeconfigToV1, loadKubeconfig, saveKubeconfig } from './kubeconfig';
import type { KubeCluster, Kubeconfig, KubeContext, KubeUser } from './kubeconfig';
import { TabWriter } from './printers/tabwriter';
import { kubeconfigEnv } from './target';
import { toGoJson, toYaml } from './yaml';

interface ConfigFile {
  cfg: Kubeconfig;
  /** The file modifications are written to (as printed in `deleted context x from F`). */
  file: string;
  save(): void;
}

function openConfig(inv: Invocation): ConfigFile {
  const env = kubeconfigEnv(inv.ctx);
  const src = kubeconfigSource(env, inv.flags.str('kubeconfig'));
  const cfg = loadKubeconfig(env, src);
  const file = destinationFile(env, src);
  return { cfg, file, save: () => saveKubeconfig(env, file, cfg) };
}

/** Prints the sub-command's help on stdout and fails with `error: <msg>` (cobra usage errors of config). */
async function usageError(inv: Invocation, path: string, msg: string): Promise<number> {
  const home = inv.ctx.env.get('HOME') || inv.ctx.fs.home;
  inv.out((await helpFor(['config', ...path.split(' ')], home)) ?? '');
  inv.err(`error: ${msg}\n`);
  return 1;
}

const goList = (a: string[]) => `[${a.join(' ')}]`;

// ------------------------------------------------------------------ view

function minify(cfg: Kubeconfig, contextOverride: string): Kubeconfig {
  const name = contextOverride || cfg.currentContext;
  if (!name) throw new KubectlError('error: current-context must exist in order to minify');
  const ctx = cfg.contexts.get(name);
  if (!ctx) throw new KubectlError(`error: cannot locate context ${name}`);
  const out: Kubeconfig = { preferences: cfg.preferences, clusters: new Map(), users: new Map(), contexts: new Map([[name, ctx]]), currentContext: name };
  const cl = cfg.clusters.get(ctx.cluster);
  if (cl) out.clusters.set(ctx.cluster, cl);
  const u = cfg.users.get(ctx.user);
  if (u) out.users.set(ctx.user, u);
  return out;
}

async function view(inv: Invocation, args: string[]): Promise<number> {
  if (args.length) throw new KubectlError(`error: unexpected arguments: ${goList(args)}\nSee 'kubectl config view -h' for help and examples`);
  const f = inv.flags;
  let { cfg } = openConfig(inv);
  if (f.bool('minify')) cfg = minify(cfg, f.str('context'));
  const doc = kubeconfigToV1(cfg, !(f.bool('raw') || f.bool('flatten')));
  const o = f.str('output') || 'yaml';
  if (o === 'yaml') inv.out(toYaml(doc));
  else if (o === 'json') inv.out(toGoJson(doc, '    ', '', false) + '\n');
  else if (o === 'name') inv.out('config/<unknown>\n');
  else if (o.startsWith('jsonpath=') || o.startsWith('jsonpath-as-json=')) {
    const src = o.slice(o.indexOf('=') + 1);
    let tpl;
    try {
      tpl = parseTemplate(src);
    } catch (e) {
      throw new KubectlError(`error: error parsing jsonpath ${src}, ${(e as Error).message}`);
    }
    try {
      inv.out(executeTemplate(tpl, doc));
    } catch (e) {
      if (e instanceof JsonPathError) throw new KubectlError(`error: error executing jsonpath ${JSON.stringify(src)}: ${e.message}`);
      throw e;
    }
  } else {
    throw new KubectlError(
      `error: unable to match a printer suitable for the output format "${o}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
    );
  }
  return 0;
}

// ------------------------------------------------------------------ listing

async function getContexts(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const o = f.str('output');
  if (o && o !== 'name') throw new KubectlError(`error: --output ${o} is not available in kubectl config get-contexts; resetting to default output format`);
  const { cfg } = openConfig(inv);
  const all = [...cfg.contexts.keys()].sort();
  const wanted = args.length ? args.filter((a) => cfg.contexts.has(a)) : all;
  const missing = args.filter((a) => !cfg.contexts.has(a));
  if (o === 'name') {
    for (const n of wanted) inv.out(`${n}\n`);
  } else {
    const lines: string[][] = [];
    if (!f.bool('no-headers')) lines.push(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    for (const n of args.length ? [...new Set(wanted)].sort() : wanted) {
      const c = cfg.contexts.get(n) as KubeContext;
      lines.push([n === cfg.currentContext ? '*' : '', n, c.cluster, c.user, c.namespace ?? '']);
    }
    inv.out(new TabWriter().format(lines));
  }
  if (missing.length === 1) throw new KubectlError(`error: context ${missing[0]} not found`);
  if (missing.length > 1) throw new KubectlError(missing.map((m) => `context ${m} not found`).join('\n'));
  return 0;
}

function listNames(inv: Invocation, names: Iterable<string>): number {
  inv.out('NAME\n');
  for (const n of [...names].sort()) inv.out(`${n}\n`);
  return 0;
}

// ------------------------------------------------------------------ modifications

async function useContext(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 1) return usageError(inv, 'use-context', `Unexpected args: ${goList(args)}`);
  const c = openConfig(inv);
  if (!c.cfg.contexts.has(args[0])) throw new KubectlError(`error: no context exists with the name: ${JSON.stringify(args[0])}`);
  c.cfg.currentContext = args[0];
  c.save();
  inv.out(`Switched to context "${args[0]}".\n`);
  return 0;
}

async function setContext(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  if (args.length > 1) return usageError(inv, 'set-context', `Unexpected args: ${goList(args)}`);
  const c = openConfig(inv);
  let name = args[0] ?? '';
  if (f.bool('current')) {
    if (name) throw new KubectlError('error: you cannot specify both a context name and --current');
    name = c.cfg.currentContext;
    if (!name) throw new KubectlError('error: no current context is set');
  }
  if (!name) throw new KubectlError('error: you must specify a non-empty context name or --current');
  const existing = c.cfg.contexts.get(name);
  const ctx: KubeContext = existing ? { ...existing } : { cluster: '', user: '' };
  if (f.changed('cluster')) ctx.cluster = f.str('cluster');
  if (f.changed('user')) ctx.user = f.str('user');
  if (f.changed('namespace')) {
    const ns = f.str('namespace');
    if (ns) ctx.namespace = ns;
    else delete ctx.namespace;
  }
  c.cfg.contexts.set(name, ctx);
  c.save();
  inv.out(`Context "${name}" ${existing ? 'modified' : 'created'}.\n`);
  return 0;
}

async function setCluster(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 1) return usageError(inv, 'set-cluster', `Unexpected args: ${goList(args)}`);
  const f = inv.flags;
  const c = openConfig(inv);
  const cl: KubeCluster = { ...(c.cfg.clusters.get(args[0]) ?? {}) };
  if (f.changed('server')) cl.server = f.str('server');
  if (f.changed('tls-server-name')) cl['tls-server-name'] = f.str('tls-server-name');
  if (f.changed('proxy-url')) cl['proxy-url'] = f.str('proxy-url');
  if (f.changed('insecure-skip-tls-verify')) {
    cl['insecure-skip-tls-verify'] = f.bool('insecure-skip-tls-verify') || undefined;
    if (cl['insecure-skip-tls-verify']) {
      delete cl['certificate-authority'];
      delete cl['certificate-authority-data'];
    }
  }
  if (f.changed('certificate-authority')) {
    cl['certificate-authority'] = inv.ctx.fs.resolve(f.str('certificate-authority'), inv.ctx.cwd);
    delete cl['insecure-skip-tls-verify'];
  }
  c.cfg.clusters.set(args[0], cl);
  c.save();
  inv.out(`Cluster "${args[0]}" set.\n`);
  return 0;
}

async function setCredentials(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 1) return usageError(inv, 'set-credentials', `unexpected args: ${goList(args)}`);
  const f = inv.flags;
  const c = openConfig(inv);
  const u: KubeUser = { ...(c.cfg.users.get(args[0]) ?? {}) };
  const abs = (p: string) => inv.ctx.fs.resolve(p, inv.ctx.cwd);
  if (f.changed('client-certificate')) u['client-certificate'] = abs(f.str('client-certificate'));
  if (f.changed('client-key')) u['client-key'] = abs(f.str('client-key'));
  if (f.changed('token')) u.token = f.str('token');
  if (f.changed('username')) u.username = f.str('username');
  if (f.changed('password')) u.password = f.str('password');
  c.cfg.users.set(args[0], u);
  c.save();
  inv.out(`User "${args[0]}" set.\n`);
  return 0;
}

async function deleteEntry(inv: Invocation, kind: 'context' | 'cluster' | 'user', args: string[]): Promise<number> {
  if (args.length === 0) {
    if (kind === 'user') throw new KubectlError(`error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples`);
    const home = inv.ctx.env.get('HOME') || inv.ctx.fs.home;
    inv.out((await helpFor(['config', `delete-${kind}`], home)) ?? '');
    return 0;
  }
  const c = openConfig(inv);
  const map: Map<string, unknown> = kind === 'context' ? c.cfg.contexts : kind === 'cluster' ? c.cfg.clusters : c.cfg.users;
  const name = args[0];
  if (!map.has(name)) throw new KubectlError(`error: cannot delete ${kind} ${name}, not in ${c.file}`);
  if (kind === 'context' && c.cfg.currentContext === name) {
    inv.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
  }
  map.delete(name);
  c.save();
  inv.out(`deleted ${kind} ${name} from ${c.file}\n`);
  return 0;
}

async function renameContext(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 2) return usageError(inv, 'rename-context', `Unexpected args: ${goList(args)}`);
  const c = openConfig(inv);
  const [from, to] = args;
  const ctx = c.cfg.contexts.get(from);
  if (!ctx) throw new KubectlError(`error: cannot rename the context ${JSON.stringify(from)}, it's not in ${c.file}`);
  if (c.cfg.contexts.has(to)) throw new KubectlError(`error: cannot rename the context ${JSON.stringify(from)}, the context ${JSON.stringify(to)} already exists in ${c.file}`);
  c.cfg.contexts.delete(from);
  c.cfg.contexts.set(to, ctx);
  if (c.cfg.currentContext === from) c.cfg.currentContext = to;
  c.save();
  inv.out(`Context ${JSON.stringify(from)} renamed to ${JSON.stringify(to)}.\n`);
  return 0;
}

// `config set|unset PROPERTY`: a dotted path into the config (map keys by name).
const CLUSTER_FIELDS = new Set(['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression']);
const USER_FIELDS = new Set(['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'username', 'password']);
const CONTEXT_FIELDS = new Set(['cluster', 'user', 'namespace']);

function property(cfg: Kubeconfig, path: string, value: string | undefined): void {
  const parts = path.split('.');
  const head = parts[0];
  if (head === 'current-context' && parts.length === 1) {
    cfg.currentContext = value ?? '';
    return;
  }
  const maps: Record<string, [Map<string, Record<string, unknown>>, Set<string>]> = {
    clusters: [cfg.clusters as Map<string, Record<string, unknown>>, CLUSTER_FIELDS],
    users: [cfg.users as Map<string, Record<string, unknown>>, USER_FIELDS],
    contexts: [cfg.contexts as unknown as Map<string, Record<string, unknown>>, CONTEXT_FIELDS],
  };
  const entry = maps[head];
  if (!entry) throw new KubectlError(`error: unable to parse ${path} after [] at api.Config`);
  const [map, fields] = entry;
  const key = parts[1];
  if (key === undefined) throw new KubectlError(`error: empty key provided for map`);
  let obj = map.get(key);
  if (!obj) {
    if (value === undefined) throw new KubectlError(`error: current map key \`${key}\` is invalid`);
    obj = head === 'contexts' ? { cluster: '', user: '' } : {};
    map.set(key, obj);
  }
  if (parts.length === 2) {
    if (value === undefined) map.delete(key);
    else throw new KubectlError(`error: unable to parse one or more field values of ${path}`);
    return;
  }
  const field = parts.slice(2).join('.');
  if (!fields.has(field)) throw new KubectlError(`error: unable to locate path ${field} under ${key}`);
  if (value === undefined) {
    if (head === 'contexts' && (field === 'cluster' || field === 'user')) obj[field] = '';
    else delete obj[field];
  } else if (field === 'insecure-skip-tls-verify' || field === 'disable-compression') {
    if (value !== 'true' && value !== 'false') throw new KubectlError(`error: strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
    obj[field] = value === 'true';
  } else obj[field] = value;
}

async function setProperty(inv: Invocation, args: string[], unset: boolean): Promise<number> {
  const want = unset ? 1 : 2;
  if (args.length !== want) return usageError(inv, unset ? 'unset' : 'set', `Unexpected args: ${goList(args)}`);
  const c = openConfig(inv);
  property(c.cfg, args[0], unset ? undefined : args[1]);
  c.save();
  inv.out(`Property ${JSON.stringify(args[0])} ${unset ? 'unset' : 'set'}.\n`);
  return 0;
}

// ------------------------------------------------------------------ dispatch

/** Which flags each sub-command accepts besides the global ones (others get cobra's unknown-flag error). */
const SUB_FLAGS: Record<string, string[]> = {
  view: ['minify', 'raw', 'flatten', 'output', 'merge', 'template', 'allow-missing-template-keys', 'show-managed-fields'],
  'current-context': [],
  'get-contexts': ['output', 'no-headers'],
  'get-clusters': [],
  'get-users': [],
  'use-context': [],
  use: [],
  'set-context': ['current'],
  'set-cluster': ['tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'embed-certs', 'proxy-url'],
  'set-credentials': ['client-certificate', 'client-key', 'token', 'username', 'password', 'embed-certs', 'auth-provider', 'exec-command'],
  'delete-context': [],
  'delete-cluster': [],
  'delete-user': [],
  'rename-context': [],
  set: ['set-raw-bytes'],
  unset: [],
};

const CONFIG_ONLY_FLAGS: FlagDef[] = [
  { name: 'minify', type: 'bool' },
  { name: 'raw', type: 'bool' },
  { name: 'flatten', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'merge', type: 'bool', def: true },
  { name: 'template', type: 'string' },
  { name: 'allow-missing-template-keys', type: 'bool', def: true },
  { name: 'show-managed-fields', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'current', type: 'bool' },
  { name: 'tls-server-name', type: 'string' },
  { name: 'certificate-authority', type: 'string' },
  { name: 'embed-certs', type: 'bool' },
  { name: 'proxy-url', type: 'string' },
  { name: 'client-certificate', type: 'string' },
  { name: 'client-key', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'username', type: 'string' },
  { name: 'password', type: 'string' },
  { name: 'auth-provider', type: 'string' },
  { name: 'exec-command', type: 'string' },
  { name: 'set-raw-bytes', type: 'bool' },
];

async function runConfig(inv: Invocation): Promise<number> {
  const [sub, ...args] = inv.flags.args;
  const home = inv.ctx.env.get('HOME') || inv.ctx.fs.home;
  if (sub === undefined) {
    inv.err((await helpFor(['config'], home)) ?? '');
    return 1;
  }
  const allowed = SUB_FLAGS[sub];
  if (!allowed) {
    inv.err(`error: unknown command ${JSON.stringify(sub)}\nSee 'kubectl config -h' for help and examples\n`);
    return 1;
  }
  for (const d of CONFIG_ONLY_FLAGS) {
    if (inv.flags.changed(d.name) && !allowed.includes(d.name)) {
      const path = sub === 'use' ? 'use-context' : sub;
      inv.err(`Error: unknown flag: --${d.name}\nSee 'kubectl config ${path} --help' for usage.\n`);
      return 1;
    }
  }
  switch (sub) {
    case 'view':
      return view(inv, args);
    case 'current-context': {
      const { cfg } = openConfig(inv);
      if (!cfg.currentContext) throw new KubectlError('error: current-context is not set');
      inv.out(`${cfg.currentContext}\n`);
      return 0;
    }
    case 'get-contexts':
      return getContexts(inv, args);
    case 'get-clusters':
      return listNames(inv, openConfig(inv).cfg.clusters.keys());
    case 'get-users':
      return listNames(inv, openConfig(inv).cfg.users.keys());
    case 'use-context':
    case 'use':
      return useContext(inv, args);
    case 'set-context':
      return setContext(inv, args);
    case 'set-cluster':
      return setCluster(inv, args);
    case 'set-credentials':
      return setCredentials(inv, args);
    case 'delete-context':
      return deleteEntry(inv, 'context', args);
    case 'delete-cluster':
      return deleteEntry(inv, 'cluster', args);
    case 'delete-user':
      return deleteEntry(inv, 'user', args);
    case 'rename-context':
      return renameContext(inv, args);
    case 'set':
      return setProperty(inv, args, false);
    case 'unset':
      return setProperty(inv, args, true);
    default:
      return 1;
  }
}

export const configCommand: SubCommand = {
  name: 'config',
  short: 'Modify kubeconfig files',
  usage: 'kubectl config SUBCOMMAND [options]',
  flags: CONFIG_ONLY_FLAGS,
  local: true,
  run: runConfig,
};
