// The `minikube` command (v1.35, docker driver): start (--cpus, --memory, --nodes, -p, --driver),
// stop, status, ip, addons list|enable|disable, dashboard, logs, ssh, config, profile list,
// service, tunnel, node add|list, delete, version — with minikube's emoji step lines. Each
// profile is a second simulated cluster (MinikubeHost); start/stop/delete keep ~/.kube/config's
// `minikube` context in step, as minikube's kubeconfig package does.
// Models minikube cmd/minikube/cmd/*.go and pkg/minikube/out (texts as v1.35 prints them).
// Leaves out: other drivers' behaviour, image/cache/mount/cp commands, addon workloads.
//
// Browser hook: `minikube dashboard` writes the OSC sequence `ESC ] 7770 ; dashboard ; URL BEL`
// when stdout is a terminal; the UI registers an OSC 7770 handler (xterm.js
// parser.registerOscHandler) to open its tables view. Hosts may also implement openDashboard.
import type { ApiRequest, ApiResponse, KObject } from '../../../engine';
import { metricsServerObjects } from '../../../engine';
import type { Command, CommandContext } from '../../interpreter/types';
import { kubeconfigSource, loadKubeconfig, destinationFile, saveKubeconfig } from '../kubectl/kubeconfig';
import type { KubeconfigEnv } from '../kubectl/kubeconfig';
import { ADDONS, findAddon } from './addons';
import { applyIngressAddon, ingressControllerReady, removeIngressAddon } from './ingress-addon';
import type { MinikubeHost, MinikubeProfile } from './host';
import { renderTable } from './tables';

export type { MinikubeHost, MinikubeProfile, MinikubeStartOptions } from './host';
export { defaultAddons } from './addons';

export const MINIKUBE_VERSION = 'v1.35.0';
const MINIKUBE_COMMIT = 'dd5d320e41b5451cdf3c01891bc4e13d189586ed-dirty';
const KUBERNETES_VERSION = 'v1.32.0';
const DOCKER_VERSION = '27.4.1';
const KICBASE = 'v0.0.46';

/** minikube's exit codes (pkg/minikube/reason/exitcodes.go) used here. */
const EX = { usage: 64, profileNotFound: 85, svcNotFound: 115, stopped: 7, guestError: 80 } as const;

class Args {
  readonly positional: string[] = [];
  private readonly values = new Map<string, string>();
  constructor(argv: string[], shorts: Record<string, string>, bools: Set<string>) {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--') {
        this.positional.push(...argv.slice(i + 1));
        break;
      }
      const m = /^--?([^=]+)(?:=(.*))?$/.exec(a);
      if (!m || a === '-') {
        this.positional.push(a);
        continue;
      }
      const name = a.startsWith('--') ? m[1] : (shorts[m[1]] ?? m[1]);
      if (m[2] !== undefined) this.values.set(name, m[2]);
      else if (bools.has(name)) this.values.set(name, 'true');
      else if (i + 1 < argv.length) this.values.set(name, argv[++i]);
      else this.values.set(name, '');
    }
  }
  get(name: string): string | undefined {
    return this.values.get(name);
  }
  bool(name: string): boolean {
    const v = this.values.get(name);
    return v !== undefined && v !== 'false';
  }
}

const SHORTS: Record<string, string> = { p: 'profile', n: 'nodes', o: 'output', h: 'help' };
const BOOLS = new Set(['url', 'all', 'help', 'https', 'cleanup', 'purge', 'keep-context', 'light', 'follow', 'f']);

/** `--memory 4096`, `4g`, `4096mb`, `2GB` → MB. */
function parseMemory(v: string): number | null {
  const m = /^(\d+)\s*([kmgt]?)i?b?$/i.exec(v.trim());
  if (!m) return null;
  const n = Number(m[1]);
  switch (m[2].toLowerCase()) {
    case 'k':
      return Math.floor(n / 1024);
    case 'g':
      return n * 1024;
    case 't':
      return n * 1024 * 1024;
    default:
      return n;
  }
}

interface Io {
  ctx: CommandContext;
  out(s: string): void;
  err(s: string): void;
  pause(ms: number): Promise<boolean>;
}

function kubeEnv(ctx: CommandContext): KubeconfigEnv {
  return { fs: ctx.fs, cwd: ctx.cwd, env: ctx.env };
}

const home = (ctx: CommandContext) => (ctx.env.get('HOME') || ctx.fs.home).replace(/\/$/, '');

/** Writes the profile's cluster, user and context into the kubeconfig and makes it current. */
function writeKubeconfig(ctx: CommandContext, p: MinikubeProfile, now: number, keepContext: boolean): void {
  const env = kubeEnv(ctx);
  const src = kubeconfigSource(env, '');
  const cfg = loadKubeconfig(env, src);
  const info = (name: string) => [
    { extension: { 'last-update': lastUpdate(now), provider: 'minikube.sigs.k8s.io', version: MINIKUBE_VERSION }, name },
  ];
  const dir = `${home(ctx)}/.minikube`;
  cfg.clusters.set(p.name, { server: p.server, 'certificate-authority': `${dir}/ca.crt`, extensions: info('cluster_info') });
  cfg.users.set(p.name, { 'client-certificate': `${dir}/profiles/${p.name}/client.crt`, 'client-key': `${dir}/profiles/${p.name}/client.key` });
  cfg.contexts.set(p.name, { cluster: p.name, user: p.name, namespace: 'default', extensions: info('context_info') });
  if (!keepContext) cfg.currentContext = p.name;
  saveKubeconfig(env, destinationFile(env, src), cfg);
}

/** Removes the profile's entries (minikube stop keeps them; delete removes them). */
function removeKubeconfig(ctx: CommandContext, name: string): void {
  const env = kubeEnv(ctx);
  const src = kubeconfigSource(env, '');
  const cfg = loadKubeconfig(env, src);
  if (!cfg.contexts.has(name) && !cfg.clusters.has(name)) return;
  cfg.clusters.delete(name);
  cfg.users.delete(name);
  cfg.contexts.delete(name);
  if (cfg.currentContext === name) cfg.currentContext = '';
  saveKubeconfig(env, destinationFile(env, src), cfg);
}

function lastUpdate(now: number): string {
  // Go's time.RFC1123: Mon, 02 Jan 2006 15:04:05 MST
  const d = new Date(now);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

function currentContext(ctx: CommandContext): string {
  const env = kubeEnv(ctx);
  return loadKubeconfig(env, kubeconfigSource(env, '')).currentContext;
}

function notFound(io: Io, profile: string): number {
  io.err(`🤷  Profile "${profile}" not found. Run "minikube profile list" to view all profiles.\n`);
  io.err(`👉  To start a cluster, run: "minikube start${profile === 'minikube' ? '' : ` -p ${profile}`}"\n`);
  return EX.profileNotFound;
}

function notRunning(io: Io, p: MinikubeProfile): number {
  io.err(`🤷  The control-plane node ${p.name} host is not running: state=Stopped\n`);
  io.err(`👉  To start a cluster, run: "minikube start${p.name === 'minikube' ? '' : ` -p ${p.name}`}"\n`);
  return EX.guestError;
}

// ------------------------------------------------------------------ start / stop / delete

/** Reads ~/.minikube/config/config.json (`minikube config set`). */
function readConfig(ctx: CommandContext): Record<string, string> {
  const path = `${home(ctx)}/.minikube/config/config.json`;
  if (!ctx.fs.isFile(path)) return {};
  try {
    const o = JSON.parse(ctx.fs.readFile(path)) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(o)) out[k] = String(v);
    return out;
  } catch {
    return {};
  }
}

function writeConfig(ctx: CommandContext, cfg: Record<string, string>): void {
  const dir = `${home(ctx)}/.minikube/config`;
  if (!ctx.fs.isDir(dir)) ctx.fs.mkdir(dir, { recursive: true });
  const body: Record<string, string | number> = {};
  for (const k of Object.keys(cfg).sort()) body[k] = /^\d+$/.test(cfg[k]) ? Number(cfg[k]) : cfg[k];
  ctx.fs.writeFile(`${dir}/config.json`, JSON.stringify(body, null, '    ') + '\n');
}

async function start(host: MinikubeHost, io: Io, args: Args, profile: string): Promise<number> {
  const conf = readConfig(io.ctx);
  const existing = host.profile(profile);
  const cpusArg = args.get('cpus') ?? conf.cpus ?? '2';
  const cpus = cpusArg === 'max' ? 2 : Number(cpusArg);
  const memArg = args.get('memory') ?? conf.memory ?? '2200';
  const memoryMb = memArg === 'max' ? 3900 : parseMemory(memArg);
  const nodes = Number(args.get('nodes') ?? '1');
  const driverArg = args.get('driver') ?? args.get('vm-driver') ?? conf.driver;
  io.out(`😄  ${profile === 'minikube' ? '' : `[${profile}] `}minikube ${MINIKUBE_VERSION} on Ubuntu 22.04\n`);
  if (!Number.isInteger(cpus) || cpus < 1) {
    io.err(`\n❌  Exiting due to MK_USAGE: Invalid number of CPUs: ${cpusArg}\n\n`);
    return EX.usage;
  }
  if (memoryMb === null) {
    io.err(`\n❌  Exiting due to MK_USAGE: Generate unable to parse memory '${memArg}': invalid size: '${memArg}'\n\n`);
    return EX.usage;
  }
  if (cpus < 2) {
    io.err(`\n⛔  Exiting due to RSRC_INSUFFICIENT_CORES: Requested cpu count ${cpus} is less than the minimum allowed of 2\n\n`);
    return 29;
  }
  if (memoryMb < 1800) {
    io.err(`\n⛔  Exiting due to RSRC_INSUFFICIENT_REQ_MEMORY: Requested memory allocation ${memoryMb}MiB is less than the usable minimum of 1800MB\n\n`);
    return 23;
  }
  if (!Number.isInteger(nodes) || nodes < 1) {
    io.err(`\n❌  Exiting due to MK_USAGE: Number of nodes ${args.get('nodes')} must be greater than zero\n\n`);
    return EX.usage;
  }
  const driver = existing?.driver ?? driverArg ?? 'docker';
  if (driver !== 'docker') {
    io.err(`\n🤷  Exiting due to DRV_UNSUPPORTED_OS: The driver '${driver}' is not supported on linux/amd64\n\n`);
    return 51;
  }
  if (existing) io.out('✨  Using the docker driver based on existing profile\n');
  else if (driverArg) io.out('✨  Using the docker driver based on user configuration\n');
  else io.out('✨  Automatically selected the docker driver. Other choices: none, ssh\n');
  const firstEver = host.profiles().length === 0 && !io.ctx.fs.isDir(`${home(io.ctx)}/.minikube/cache`);
  io.out(`👍  Starting "${profile}" primary control-plane node in "${profile}" cluster\n`);
  io.out(`🚜  Pulling base image ${KICBASE} ...\n`);
  if (!(await io.pause(2000))) return 130;
  if (firstEver) {
    io.out(`💾  Downloading Kubernetes ${KUBERNETES_VERSION} preload ...\n`);
    io.out('    > preloaded-images-k8s-v18-v1...:  333.57 MiB / 333.57 MiB  100.00% 41.70 M\n');
    io.out('    > gcr.io/k8s-minikube/kicbase...:  500.31 MiB / 500.31 MiB  100.00% 38.48 M\n');
    io.ctx.fs.mkdir(`${home(io.ctx)}/.minikube/cache/preloaded-tarball`, { recursive: true });
    if (!(await io.pause(14000))) return 130;
  }
  const wasRunning = existing?.running === true;
  const { profile: p } = host.start(profile, { cpus: existing?.cpus ?? cpus, memoryMb: existing?.memoryMb ?? memoryMb, nodes: existing ? existing.nodes.length : nodes, driver });
  if (wasRunning) io.out(`🏃  Updating the running docker "${profile}" container ...\n`);
  else if (existing) io.out(`🔄  Restarting existing docker container for "${profile}" ...\n`);
  else io.out(`🔥  Creating docker container (CPUs=${p.cpus}, Memory=${p.memoryMb}MB) ...\n`);
  if (!(await io.pause(6000))) return 130;
  io.out(`🐳  Preparing Kubernetes ${KUBERNETES_VERSION} on Docker ${DOCKER_VERSION} ...\n`);
  if (!existing) {
    io.out('    ▪ Generating certificates and keys ...\n');
    if (!(await io.pause(2000))) return 130;
    io.out('    ▪ Booting up control plane ...\n');
    if (!(await io.pause(5000))) return 130;
    io.out('    ▪ Configuring RBAC rules ...\n');
    io.out(p.nodes.length > 1 ? '🔗  Configuring CNI (Container Networking Interface) ...\n' : '🔗  Configuring bridge CNI (Container Networking Interface) ...\n');
  } else if (!(await io.pause(3000))) return 130;
  io.out('🔎  Verifying Kubernetes components...\n');
  io.out('    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5\n');
  if (!(await io.pause(2000))) return 130;
  const enabled = [...p.addons].filter(([, on]) => on).map(([n]) => n);
  // minikube lists storage-provisioner first, then the rest in enabling order.
  enabled.sort((x, y) => (x === 'storage-provisioner' ? -1 : y === 'storage-provisioner' ? 1 : 0));
  io.out(`🌟  Enabled addons: ${enabled.join(', ')}\n`);
  if (!existing) {
    for (let i = 1; i < p.nodes.length; i++) {
      io.out(`\n👍  Starting "${p.nodes[i]}" worker node in "${profile}" cluster\n`);
      io.out(`🚜  Pulling base image ${KICBASE} ...\n`);
      io.out(`🔥  Creating docker container (CPUs=${p.cpus}, Memory=${p.memoryMb}MB) ...\n`);
      io.out('🌐  Found network options:\n');
      io.out(`    ▪ NO_PROXY=${p.ip}\n`);
      io.out(`🐳  Preparing Kubernetes ${KUBERNETES_VERSION} on Docker ${DOCKER_VERSION} ...\n`);
      io.out(`    ▪ env NO_PROXY=${p.ip}\n`);
      io.out('🔎  Verifying Kubernetes components...\n');
      if (!(await io.pause(4000))) return 130;
    }
  }
  const keep = args.bool('keep-context');
  writeKubeconfig(io.ctx, p, host.now(), keep);
  if (keep) io.out(`🏄  Done! kubectl is now configured to use "${profile}" cluster and "default" namespace by default\n`);
  else io.out(`🏄  Done! kubectl is now configured to use "${profile}" cluster and "default" namespace by default\n`);
  return 0;
}

async function stop(host: MinikubeHost, io: Io, profile: string, all: boolean): Promise<number> {
  const targets = all ? host.profiles() : [host.profile(profile)].filter((x): x is MinikubeProfile => !!x);
  if (targets.length === 0) return notFound(io, profile);
  let stopped = 0;
  for (const p of targets) {
    for (const n of [...p.nodes].reverse()) {
      io.out(`✋  Stopping node "${n}"  ...\n`);
      if (p.running) {
        io.out(`🛑  Powering off "${n}" via SSH ...\n`);
        if (!(await io.pause(3000))) return 130;
      }
      stopped++;
    }
    host.stop(p.name);
  }
  io.out(`🛑  ${stopped} node${stopped === 1 ? '' : 's'} stopped.\n`);
  return 0;
}

async function del(host: MinikubeHost, io: Io, profile: string, all: boolean): Promise<number> {
  const names = all ? host.profiles().map((p) => p.name) : [profile];
  for (const name of names) {
    const p = host.profile(name);
    if (!p) {
      io.err(`🙄  "${name}" profile does not exist, trying anyways.\n`);
    } else {
      io.out(`🔥  Deleting "${name}" in docker ...\n`);
      for (const n of p.nodes) io.out(`🔥  Deleting container "${n}" ...\n`);
      for (const n of p.nodes) io.out(`🔥  Removing ${home(io.ctx)}/.minikube/machines/${n} ...\n`);
      if (!(await io.pause(2000))) return 130;
      host.delete(name);
    }
    removeKubeconfig(io.ctx, name);
    io.out(`💀  Removed all traces of the "${name}" cluster.\n`);
  }
  if (all) io.out('🔥  Successfully deleted all profiles\n');
  return 0;
}

// ------------------------------------------------------------------ status / ip / profile

function status(host: MinikubeHost, io: Io, profile: string, output: string | undefined): number {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  const state = p.running ? 'Running' : 'Stopped';
  const kc = p.running ? 'Configured' : 'Stopped';
  if (output === 'json') {
    const docs = p.nodes.map((n, i) =>
      i === 0
        ? `{"Name":"${n}","Host":"${state}","Kubelet":"${state}","APIServer":"${state}","Kubeconfig":"${kc}","Worker":false}`
        : `{"Name":"${n}","Host":"${state}","Kubelet":"${state}","APIServer":"Irrelevant","Kubeconfig":"Irrelevant","Worker":true}`,
    );
    io.out((docs.length === 1 ? docs[0] : `[${docs.join(',')}]`) + '\n');
  } else {
    p.nodes.forEach((n, i) => {
      if (i === 0) io.out(`${n}\ntype: Control Plane\nhost: ${state}\nkubelet: ${state}\napiserver: ${state}\nkubeconfig: ${kc}\n\n`);
      else io.out(`${n}\ntype: Worker\nhost: ${state}\nkubelet: ${state}\n\n`);
    });
  }
  // minikube status exit code: bits for host (1), kubelet/cluster (2), kubeconfig (4) not OK.
  return p.running ? 0 : EX.stopped;
}

function profileList(host: MinikubeHost, io: Io, active: string, output: string | undefined): number {
  const ps = host.profiles();
  if (ps.length === 0) {
    io.err('\n🤹  Exiting due to MK_USAGE_NO_PROFILE: No minikube profile was found.\n\n💡  Suggestion: \n\n    You can create one using \'minikube start\'.\n\n\n');
    return 14;
  }
  const ctxName = currentContext(io.ctx);
  if (output === 'json') {
    const valid = ps.map((p) => `{"Name":"${p.name}","Status":"${p.running ? 'OK' : 'Stopped'}","Config":{"Name":"${p.name}","Driver":"docker","CPUs":${p.cpus},"Memory":${p.memoryMb}},"Active":${p.name === active},"ActiveKubeContext":${p.name === ctxName}}`);
    io.out(`{"invalid":[],"valid":[${valid.join(',')}]}\n`);
    return 0;
  }
  const rows = ps.map((p) => [p.name, 'docker', 'docker', p.ip, '8443', KUBERNETES_VERSION, p.running ? 'OK' : 'Stopped', String(p.nodes.length), p.name === active ? '*' : '', p.name === ctxName ? '*' : '']);
  io.out(renderTable(['Profile', 'VM Driver', 'Runtime', 'IP', 'Port', 'Version', 'Status', 'Nodes', 'Active Profile', 'Active Kubecontext'], rows));
  return 0;
}

// ------------------------------------------------------------------ addons

function addonsList(host: MinikubeHost, io: Io, profile: string): number {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  const rows: string[][] = [];
  for (const ad of ADDONS) {
    const on = p.addons.get(ad.name) === true;
    rows.push([ad.name, profile, on ? 'enabled ✅' : 'disabled', ad.maintainer[0]]);
    for (const more of ad.maintainer.slice(1)) rows.push(['', '', '', more]);
  }
  io.out(renderTable(['ADDON NAME', 'PROFILE', 'STATUS', 'MAINTAINER'], rows));
  return 0;
}

/** Creates (or deletes) an addon's objects in the profile's cluster; existing ones are left alone. */
function applyAddonObjects(host: MinikubeHost, profile: string, objs: KObject[], action: 'create' | 'delete'): void {
  const plural: Record<string, string> = { ServiceAccount: 'serviceaccounts', Service: 'services', Deployment: 'deployments' };
  for (const o of objs) {
    const base = `${o.apiVersion === 'v1' ? '/api/v1' : `/apis/${o.apiVersion ?? ''}`}/namespaces/${o.metadata?.namespace ?? 'default'}/${plural[o.kind ?? ''] ?? ''}`;
    if (action === 'create') host.request(profile, { method: 'POST', path: base, body: o, headers: { 'content-type': 'application/json' } });
    else host.request(profile, { method: 'DELETE', path: `${base}/${o.metadata?.name ?? ''}` });
  }
}

async function addonsEnable(host: MinikubeHost, io: Io, profile: string, name: string | undefined, enable: boolean): Promise<number> {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  if (!name) {
    io.err(`\n❌  Exiting due to MK_USAGE: usage: minikube addons ${enable ? 'enable' : 'disable'} ADDON_NAME\n\n`);
    return EX.usage;
  }
  const ad = findAddon(name);
  if (!ad) {
    io.err(`\n❌  Exiting due to MK_ADDON_${enable ? 'ENABLE' : 'DISABLE'}: run callbacks: ${name} is not a valid addon\n\n`);
    return 10;
  }
  if (!p.running) return notRunning(io, p);
  if (!enable) {
    io.out(`🌑  "The '${name}' addon is disabled"\n`);
    p.addons.set(name, false);
    if (name === 'ingress') removeIngressAddon(host, profile);
    if (name === 'metrics-server') applyAddonObjects(host, profile, metricsServerObjects(), 'delete');
    return 0;
  }
  const maint = ad.maintainer.join(' ');
  if (maint.startsWith('3rd party') || maint.startsWith('third-party')) {
    io.out(`❗  ${name} is a 3rd party addon and is not maintained or verified by minikube maintainers, enable at your own risk.\n`);
    io.out(`❗  ${name} does not currently have an associated maintainer.\n`);
  } else {
    io.out(`💡  ${name} is an addon maintained by ${maint}. For any concerns contact minikube on GitHub.\n`);
    io.out('You can view the list of minikube maintainers at: https://github.com/kubernetes/minikube/blob/master/OWNERS\n');
  }
  for (const img of ad.images) io.out(`    ▪ Using image ${img}\n`);
  if (name === 'dashboard') {
    io.out('💡  Some dashboard features require the metrics-server addon. To enable all features please run:\n\n\tminikube addons enable metrics-server\n\n');
  }
  if (name === 'ingress') {
    // The addon manager applies the manifest, then minikube waits for the controller pod.
    applyIngressAddon(host, profile);
    io.out('🔎  Verifying ingress addon...\n');
    for (let waited = 0; !ingressControllerReady(host, profile); waited += 1000) {
      if (waited >= 360_000) {
        io.err('\n❌  Exiting due to MK_ADDON_ENABLE: enable failed: run callbacks: running callbacks: [waiting for app.kubernetes.io/name=ingress-nginx pods: context deadline exceeded]\n\n');
        return 10;
      }
      if (!(await io.pause(1000))) return 130;
    }
  }
  p.addons.set(name, true);
  // The addon manager applies the addon's manifests (only metrics-server's workloads are modelled).
  if (name === 'metrics-server') applyAddonObjects(host, profile, metricsServerObjects(), 'create');
  io.out(`🌟  The '${name}' addon is enabled\n`);
  return 0;
}

// ------------------------------------------------------------------ service / tunnel

function api(host: MinikubeHost, profile: string, method: string, path: string, body?: unknown): ApiResponse {
  const req: ApiRequest = { method, path, query: {}, headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) } };
  if (body !== undefined) req.body = body;
  return host.request(profile, req);
}

interface SvcPort {
  name?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
}

async function service(host: MinikubeHost, io: Io, profile: string, args: Args, words: string[]): Promise<number> {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  if (!p.running) return notRunning(io, p);
  const ns = args.get('namespace') ?? 'default';
  const name = words[0];
  if (name === 'list') {
    const res = api(host, profile, 'GET', '/api/v1/services');
    const items = ((res.body as { items?: KObject[] }).items ?? []);
    const rows = items.map((s) => {
      const spec = (s.spec ?? {}) as { type?: string; ports?: SvcPort[] };
      const np = (spec.ports ?? []).filter((x) => x.nodePort);
      const url = spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? np.map((x) => `http://${p.ip}:${x.nodePort}`).join('\n') : 'No node port';
      return [s.metadata?.namespace ?? '', s.metadata?.name ?? '', np.length ? np.map((x) => `${x.name || x.port}/${x.port}`).join(' ') : 'No node port', url];
    });
    io.out(renderTable(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], rows));
    return 0;
  }
  if (!name) {
    io.err('\n❌  Exiting due to MK_USAGE: You must specify service name(s) or --all\n\n');
    return EX.usage;
  }
  const res = api(host, profile, 'GET', `/api/v1/namespaces/${ns}/services/${name}`);
  if (res.status !== 200) {
    io.err(`\n❌  Exiting due to SVC_NOT_FOUND: Service '${name}' was not found in '${ns}' namespace.\nYou may select another namespace by using 'minikube service ${name} -n <namespace>'. Or list out all the services using 'minikube service list'\n\n`);
    return EX.svcNotFound;
  }
  const svc = res.body as KObject;
  const spec = (svc.spec ?? {}) as { type?: string; ports?: SvcPort[] };
  const nodePorts = (spec.ports ?? []).filter((x) => x.nodePort);
  if (nodePorts.length === 0) {
    io.out(renderTable(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], [[ns, name, 'No node port', '']]));
    io.err(`😿  service ${ns}/${name} has no node port\n`);
    return 0;
  }
  const scheme = args.bool('https') ? 'https' : 'http';
  const urls = nodePorts.map((x) => `${scheme}://${p.ip}:${x.nodePort}`);
  if (args.bool('url')) {
    for (const u of urls) io.out(`${u}\n`);
    return 0;
  }
  const rows = nodePorts.map((x, i) => [i === 0 ? ns : '', i === 0 ? name : '', x.name ? `${x.name}/${x.port}` : String(x.targetPort ?? x.port), urls[i]]);
  io.out(renderTable(['NAMESPACE', 'NAME', 'TARGET PORT', 'URL'], rows));
  io.out(`🎉  Opening service ${ns}/${name} in default browser...\n`);
  return 0;
}

/**
 * `minikube tunnel` on Linux (docker driver): a route to the service CIDR through the node and
 * the load-balancer emulator, which gives each LoadBalancer Service its ClusterIP as ingress IP;
 * the tunnel reports its state every 5 s until interrupted, then gives the addresses back.
 * Models minikube pkg/minikube/tunnel (tunnel.go update, reporter.go, loadbalancer_patcher.go).
 */
async function tunnel(host: MinikubeHost, io: Io, profile: string): Promise<number> {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  if (!p.running) return notRunning(io, p);
  const patched = new Set<string>();
  const pid = 10_000 + (Math.floor(host.now() / 1000) % 50_000);
  const sync = (): string[] => {
    const res = api(host, profile, 'GET', '/api/v1/services');
    const managed: string[] = [];
    for (const s of (res.body as { items?: KObject[] }).items ?? []) {
      const spec = (s.spec ?? {}) as { type?: string; clusterIP?: string };
      if (spec.type !== 'LoadBalancer') continue;
      managed.push(s.metadata?.name ?? '');
      const ip = spec.clusterIP ?? '';
      const cur = ((s.status ?? {}) as { loadBalancer?: { ingress?: { ip?: string }[] } }).loadBalancer?.ingress ?? [];
      const key = `${s.metadata?.namespace}/${s.metadata?.name}`;
      if (cur.length === 1 && cur[0]?.ip === ip) {
        patched.add(key);
        continue;
      }
      const r = api(host, profile, 'PUT', `/api/v1/namespaces/${s.metadata?.namespace}/services/${s.metadata?.name}/status`, { ...s, status: { loadBalancer: { ingress: [{ ip }] } } });
      if (r.status === 200) patched.add(key);
    }
    return managed;
  };
  const report = (services: string[]) =>
    io.out(
      `Status:\t\n\tmachine: ${profile}\n\tpid: ${pid}\n\troute: 10.96.0.0/12 -> ${p.ip}\n\tminikube: Running\n\tservices: [${services.join(', ')}]\n` +
        '    errors: \n\t\tminikube: no errors\n\t\trouter: no errors\n\t\tloadbalancer emulator: no errors\n',
    );
  report(sync());
  while (!io.ctx.interrupt.aborted && host.profile(profile)?.running) {
    if (!(await io.pause(5000))) break;
    if (!host.profile(profile)?.running) break;
    report(sync());
  }
  // Cleanup: the emulator takes the addresses back.
  for (const key of patched) {
    const [ns, name] = key.split('/');
    const cur = api(host, profile, 'GET', `/api/v1/namespaces/${ns}/services/${name}`);
    if (cur.status === 200) api(host, profile, 'PUT', `/api/v1/namespaces/${ns}/services/${name}/status`, { ...(cur.body as KObject), status: { loadBalancer: {} } });
  }
  return 0;
}

// ------------------------------------------------------------------ dashboard / logs / config

async function dashboard(host: MinikubeHost, io: Io, profile: string, urlOnly: boolean): Promise<number> {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  if (!p.running) return notRunning(io, p);
  if (p.addons.get('dashboard') !== true) {
    io.out('🔌  Enabling dashboard ...\n');
    io.out('    ▪ Using image docker.io/kubernetesui/dashboard:v2.7.0\n');
    io.out('    ▪ Using image docker.io/kubernetesui/metrics-scraper:v1.0.8\n');
    io.out('💡  Some dashboard features require the metrics-server addon. To enable all features please run:\n\n\tminikube addons enable metrics-server\n\n');
    p.addons.set('dashboard', true);
    if (!(await io.pause(3000))) return 130;
  }
  io.out('🤔  Verifying dashboard health ...\n');
  io.out('🚀  Launching proxy ...\n');
  io.out('🤔  Verifying proxy health ...\n');
  const url = 'http://127.0.0.1:36745/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/';
  if (urlOnly) io.out(`${url}\n`);
  else {
    io.out(`🎉  Opening ${url} in your default browser...\n`);
    if (io.ctx.isTTY) io.out(`\x1b]7770;dashboard;${url}\x07`);
    host.openDashboard?.(url);
  }
  // The proxy runs until Ctrl-C.
  while (await io.pause(60_000));
  return 130;
}

function logs(host: MinikubeHost, io: Io, profile: string): number {
  const p = host.profile(profile);
  if (!p) return notFound(io, profile);
  const t = new Date(host.now());
  const stamp = `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2, '0')} ${t.toISOString().slice(11, 19)}`;
  // SIMPLIFICATION: a short excerpt of the sections minikube logs prints.
  io.out(`\n==> Audit <==\n|---------|------|----------|------|---------|---------------------|----------|\n| Command | Args | Profile  | User | Version |     Start Time      | End Time |\n|---------|------|----------|------|---------|---------------------|----------|\n| start   |      | ${profile.padEnd(8)} | ${io.ctx.env.get('USER') ?? 'k8s'}  | ${MINIKUBE_VERSION} | ${t.toISOString().slice(0, 19).replace('T', ' ')} |          |\n|---------|------|----------|------|---------|---------------------|----------|\n\n`);
  io.out(`\n==> Docker <==\n${stamp} ${profile} dockerd[863]: time="${t.toISOString()}" level=info msg="API listen on /var/run/docker.sock"\n`);
  io.out(`\n==> kubelet <==\n${stamp} ${profile} kubelet[2331]: I0101 00:00:00.000000    2331 kubelet_node_status.go:75] "Successfully registered node" node="${profile}"\n`);
  io.out(`${stamp} ${profile} kubelet[2331]: I0101 00:00:00.000000    2331 kubelet.go:2468] "SyncLoop ADD" source="api" pods=["kube-system/storage-provisioner"]\n`);
  io.out(`\n==> storage-provisioner [0123456789ab] <==\nI0101 00:00:00.000000       1 storage_provisioner.go:116] Initializing the minikube storage provisioner...\nI0101 00:00:00.000000       1 storage_provisioner.go:141] Storage provisioner initialized, now starting service!\n`);
  return 0;
}

const CONFIG_KEYS = ['addons', 'cpus', 'memory', 'driver', 'disk-size', 'kubernetes-version', 'container-runtime', 'profile', 'rootless', 'WantUpdateNotification', 'WantNoneDriverWarning', 'WantVirtualBoxDriverWarning', 'EmbedCerts'];

function configCmd(io: Io, args: string[]): number {
  const [sub, key, value] = args;
  const cfg = readConfig(io.ctx);
  switch (sub) {
    case 'set':
      if (!key || value === undefined) {
        io.err('\n❌  Exiting due to MK_USAGE: not enough arguments ([]).\nusage: minikube config set PROPERTY_NAME PROPERTY_VALUE\n\n');
        return EX.usage;
      }
      if (!CONFIG_KEYS.includes(key)) {
        io.err(`\n❌  Exiting due to MK_CONFIG_SET: Set failed: find settings for "${key}" value of "${value}": property name "${key}" not found\n\n`);
        return 30;
      }
      cfg[key] = value;
      writeConfig(io.ctx, cfg);
      if (key === 'memory' || key === 'cpus' || key === 'driver') io.out('❗  These changes will take effect upon a minikube delete and then a minikube start\n');
      return 0;
    case 'get':
      if (!key || !(key in cfg)) {
        io.err('Error: specified key could not be found in config\n');
        return 1;
      }
      io.out(`${cfg[key]}\n`);
      return 0;
    case 'unset':
      delete cfg[key ?? ''];
      writeConfig(io.ctx, cfg);
      return 0;
    case 'view':
      for (const k of Object.keys(cfg).sort()) io.out(`- ${k}: ${cfg[k]}\n`);
      return 0;
    default:
      io.out(
        'config modifies minikube config files using subcommands like "minikube config set driver kvm2"\nConfigurable fields: \n\n' +
          CONFIG_KEYS.map((k) => ` * ${k}\n`).join('') +
          '\nAvailable Commands:\n  defaults    Lists all valid default values for PROPERTY_NAME\n  get         Gets the value of PROPERTY_NAME from the minikube config file\n  set         Sets an individual value in a minikube config file\n  unset       unsets an individual value in a minikube config file\n  view        Display values currently set in the minikube config file\n\nUsage:\n  minikube config SUBCOMMAND [flags] [options]\n\nUse "minikube <command> --help" for more information about a given command.\nUse "minikube options" for a list of global command-line options (applies to all commands).\n',
      );
      return 0;
  }
}

const MAIN_HELP = `minikube provisions and manages local Kubernetes clusters optimized for development workflows.

Basic Commands:
  start            Starts a local Kubernetes cluster
  status           Gets the status of a local Kubernetes cluster
  stop             Stops a running local Kubernetes cluster
  delete           Deletes a local Kubernetes cluster
  dashboard        Access the Kubernetes dashboard running within the minikube cluster
  pause            pause Kubernetes
  unpause          unpause Kubernetes

Images Commands:
  docker-env       Provides instructions to point your terminal's docker-cli to the Docker Engine inside minikube.
  podman-env       Configure environment to use minikube's Podman service
  cache            Manage cache for images
  image            Manage images

Configuration and Management Commands:
  addons           Enable or disable a minikube addon
  config           Modify persistent configuration values
  profile          Get or list the current profiles (clusters)
  update-context   Update kubeconfig in case of an IP or port change

Networking and Connectivity Commands:
  service          Returns a URL to connect to a service
  tunnel           Connect to LoadBalancer services

Advanced Commands:
  mount            Mounts the specified directory into minikube
  ssh              Log into the minikube environment (for debugging)
  kubectl          Run a kubectl binary matching the cluster version
  node             Add, remove, or list additional nodes
  cp               Copy the specified file into minikube

Troubleshooting Commands:
  ssh-key          Retrieve the ssh identity key path of the specified node
  ssh-host         Retrieve the ssh host key of the specified node
  ip               Retrieves the IP address of the specified node
  logs             Returns logs to debug a local Kubernetes cluster
  update-check     Print current and latest version number
  version          Print the version of minikube
  options          Show a list of global command-line options (applies to all commands).

Other Commands:
  completion       Generate command completion for a shell
  license          Outputs the licenses of dependencies to a directory

Use "minikube <command> --help" for more information about a given command.
`;

export function createMinikube(host: MinikubeHost): Command {
  return async (ctx: CommandContext): Promise<number> => {
    let args = new Args(ctx.argv.slice(1), SHORTS, BOOLS);
    // `-n` is --nodes for start but --namespace for service.
    if (args.positional[0] === 'service') args = new Args(ctx.argv.slice(1), { ...SHORTS, n: 'namespace' }, BOOLS);
    const io: Io = {
      ctx,
      out: (s) => ctx.stdout.write(s),
      err: (s) => ctx.stderr.write(s),
      pause: async (ms) => {
        if (ctx.interrupt.aborted) return false;
        await ctx.sys.sleep(ms, ctx.interrupt);
        return !ctx.interrupt.aborted;
      },
    };
    const conf = readConfig(ctx);
    const profile = args.get('profile') ?? conf.profile ?? 'minikube';
    const [cmd, ...rest] = args.positional;
    if (!cmd || args.bool('help')) {
      io.out(MAIN_HELP);
      return 0;
    }
    switch (cmd) {
      case 'start':
        return start(host, io, args, profile);
      case 'stop':
        return stop(host, io, profile, args.bool('all'));
      case 'delete':
        return del(host, io, profile, args.bool('all'));
      case 'status':
        return status(host, io, profile, args.get('output'));
      case 'ip': {
        const p = host.profile(profile);
        if (!p) return notFound(io, profile);
        const node = args.get('node');
        const idx = node ? p.nodes.indexOf(node) : 0;
        if (idx < 0) {
          io.err(`\n❌  Exiting due to GUEST_NODE_RETRIEVE: retrieving node: Could not find node ${node}\n\n`);
          return EX.guestError;
        }
        io.out(`${p.ip.replace(/\d+$/, String(2 + idx))}\n`);
        return 0;
      }
      case 'version':
        io.out(`minikube version: ${MINIKUBE_VERSION}\ncommit: ${MINIKUBE_COMMIT}\n`);
        return 0;
      case 'addons':
        if (rest[0] === 'list') return addonsList(host, io, profile);
        if (rest[0] === 'enable' || rest[0] === 'disable') return addonsEnable(host, io, profile, rest[1], rest[0] === 'enable');
        io.out('addons modifies minikube addons files using subcommands like "minikube addons enable dashboard"\n\nAvailable Commands:\n  configure   Configures the addon w/ADDON_NAME within minikube (example: minikube addons configure registry-creds). For a list of available addons use: minikube addons list\n  disable     Disables the addon w/ADDON_NAME within minikube (example: minikube addons disable dashboard). For a list of available addons use: minikube addons list\n  enable      Enables the addon w/ADDON_NAME within minikube. For a list of available addons use: minikube addons list\n  images      List image names the addon w/ADDON_NAME used. For a list of available addons use: minikube addons list\n  list        Lists all available minikube addons as well as their current statuses (enabled/disabled)\n  open        Opens the addon w/ADDON_NAME within minikube (example: minikube addons open dashboard). For a list of available addons use: minikube addons list\n\nUsage:\n  minikube addons SUBCOMMAND [flags] [options]\n\nUse "minikube <command> --help" for more information about a given command.\nUse "minikube options" for a list of global command-line options (applies to all commands).\n');
        return 0;
      case 'dashboard':
        return dashboard(host, io, profile, args.bool('url'));
      case 'logs':
        return logs(host, io, profile);
      case 'config':
        return configCmd(io, rest);
      case 'profile': {
        if (rest[0] === 'list') return profileList(host, io, profile, args.get('output'));
        if (rest[0] === undefined) {
          io.out(`${profile}\n`);
          return 0;
        }
        if (!host.profile(rest[0])) {
          io.err(`\n❌  Exiting due to MK_USAGE: profile "${rest[0]}" not found\n\n`);
          return EX.usage;
        }
        conf.profile = rest[0];
        writeConfig(ctx, conf);
        const p = host.profile(rest[0]) as MinikubeProfile;
        writeKubeconfig(ctx, p, host.now(), false);
        io.out(`✅  minikube profile was successfully set to ${rest[0]}\n`);
        return 0;
      }
      case 'service':
        return service(host, io, profile, args, rest);
      case 'tunnel':
        return tunnel(host, io, profile);
      case 'node': {
        const p = host.profile(profile);
        if (!p) return notFound(io, profile);
        if (rest[0] === 'list') {
          p.nodes.forEach((n, i) => io.out(`${n}\t${p.ip.replace(/\d+$/, String(2 + i))}\n`));
          return 0;
        }
        if (rest[0] === 'add') {
          if (!p.running) return notRunning(io, p);
          const name = `${profile}-m${String(p.nodes.length + 1).padStart(2, '0')}`;
          io.out(`😄  Adding node ${name.slice(profile.length + 1)} to cluster ${profile} as [worker]\n`);
          io.out(`👍  Starting "${name}" worker node in "${profile}" cluster\n`);
          io.out(`🚜  Pulling base image ${KICBASE} ...\n`);
          io.out(`🔥  Creating docker container (CPUs=${p.cpus}, Memory=${p.memoryMb}MB) ...\n`);
          if (!(await io.pause(6000))) return 130;
          io.out(`🐳  Preparing Kubernetes ${KUBERNETES_VERSION} on Docker ${DOCKER_VERSION} ...\n`);
          host.addNode(profile);
          io.out('🔎  Verifying Kubernetes components...\n');
          if (!(await io.pause(4000))) return 130;
          io.out(`🏄  Successfully added ${name.slice(profile.length + 1)} to ${profile}!\n`);
          return 0;
        }
        io.err('\n❌  Exiting due to MK_USAGE: Usage: minikube node [add|start|stop|delete|list]\n\n');
        return EX.usage;
      }
      case 'ssh': {
        const p = host.profile(profile);
        if (!p) return notFound(io, profile);
        if (!p.running) return notRunning(io, p);
        const node = args.get('node') ?? p.nodes[0];
        if (!host.ssh) {
          io.err('ssh: not available in this playground\n');
          return 1;
        }
        return host.ssh(profile, node, ctx, rest);
      }
      default:
        io.err(`Error: unknown command "${cmd}" for "minikube"\nRun 'minikube --help' for usage.\n`);
        return 1;
    }
  };
}
