// The inside of a running container as `kubectl exec` shows it: a nested Timonel shell whose
// hostname is the pod's, whose files are the kubelet-managed /etc/hosts and /etc/resolv.conf
// plus the image's top-level directories, and whose commands are the image's userland (busybox
// for alpine/busybox images, Debian or Ubuntu tools otherwise, nothing for distroless images).
// Network tools (curl, wget, nslookup, ping) talk from the pod's address through the engine's
// network. SIMPLIFICATION: one shell process per exec; `ps` lists PID 1, the exec'd shell and
// itself; unknown names get bash's "command not found" text whatever the image.
import type { Cluster, HttpExchange, NodeNetView, Origin } from '../../../../engine';
import { BUSYBOX_NSLOOKUP_USAGE, NetFailure, busyboxNslookupText } from '../../../../engine';
import { createShell, shellQuote, Vfs } from '../../../index';
import type { Command, Interrupt, Shell, Sys, Writer } from '../../../index';
import { readLines } from '../../../interpreter/streams';
import type { Reader } from '../../../interpreter/types';
import { createCurl } from '../../net/curl';

export type Userland = 'busybox' | 'debian' | 'ubuntu' | 'distroless';

const BASE = [
  'echo', 'printf', 'cat', 'grep', 'egrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'base64', 'seq', 'tee',
  'ls', 'mkdir', 'rm', 'touch', 'cp', 'mv', 'sleep', 'timeout', 'date', 'hostname', 'whoami', 'id', 'uname', 'env',
  'true', 'false', 'test', '[', 'clear', 'sh',
];
/** What `$PATH` finds in each userland (busybox applets; Debian/Ubuntu base images without procps, iputils or curl). */
const BINARIES: Record<Userland, Set<string>> = {
  busybox: new Set([...BASE, 'ash', 'ps', 'ping', 'nslookup', 'wget', 'watch']),
  debian: new Set([...BASE, 'bash', 'dash']),
  ubuntu: new Set([...BASE, 'bash', 'dash']),
  distroless: new Set(),
};

/** The userland of an image (by repository and tag). Models the base images of the course's images. */
export function userlandOf(repository: string, tag: string): { kind: Userland; extra: string[] } {
  const repo = repository.replace(/^docker\.io\//, '');
  const alpine = /alpine/.test(tag);
  if (repo.startsWith('registry.k8s.io/')) return { kind: 'distroless', extra: [] };
  if (repo === 'library/busybox' || repo === 'library/alpine') return { kind: 'busybox', extra: [] };
  if (repo === 'library/ubuntu') return { kind: 'ubuntu', extra: [] };
  // The official nginx images ship curl (Debian and Alpine variants).
  if (repo === 'library/nginx') return { kind: alpine ? 'busybox' : 'debian', extra: ['curl'] };
  if (repo === 'jpetazzo/httpenv' || ['dockercoins/rng', 'dockercoins/hasher', 'dockercoins/worker'].includes(repo)) return { kind: 'busybox', extra: [] };
  return { kind: alpine ? 'busybox' : 'debian', extra: [] };
}

const STD_DIRS = ['/bin/', '/usr/bin/', '/sbin/', '/usr/sbin/', '/usr/local/bin/', '/usr/local/sbin/'];

export function hasBinary(bins: Set<string>, name: string): boolean {
  if (name.startsWith('/')) {
    const dir = STD_DIRS.find((d) => name.startsWith(d) && !name.slice(d.length).includes('/'));
    return dir !== undefined && bins.has(name.slice(dir.length));
  }
  return !name.includes('/') && bins.has(name);
}

export interface ContainerSpec {
  podName: string;
  namespace: string;
  hostname: string;
  podIP: string;
  nodeName: string;
  userland: Userland;
  extraBinaries: string[];
  /** Environment of the container's processes (image ENV, pod env, service links, HOSTNAME, HOME). */
  env: Map<string, string>;
  /** PID 1's command line, for ps. */
  mainCommand: string;
  hostAliases?: Array<{ ip?: string; hostnames?: string[] }>;
  /** ClusterFirst-style resolv.conf (false: the node's, for hostNetwork pods without ClusterFirstWithHostNet). */
  clusterDns: boolean;
}

/** kubelet's managed /etc/hosts. Models pkg/kubelet/kubelet_pods.go managedHostsFileContent. */
export function managedHosts(ip: string, hostname: string, aliases: ContainerSpec['hostAliases'] = []): string {
  let s = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
    'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (ip) s += `${ip}\t${hostname}\n`;
  if (aliases.length) {
    s += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) s += `${a.ip ?? ''}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return s;
}

export function resolvConf(namespace: string): string {
  return `search ${namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`;
}

const OS_RELEASE: Record<Exclude<Userland, 'distroless'>, string> = {
  busybox: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
  ubuntu: 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nUBUNTU_CODENAME=noble\nLOGO=ubuntu-logo\n',
};

const ROOT_DIRS: Record<Userland, string[]> = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  ubuntu: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
  distroless: ['etc', 'tmp'],
};

function containerFs(spec: ContainerSpec, now: () => number): Vfs {
  const fs = new Vfs({ now, home: '/root', user: 'root', hostname: spec.hostname, seed: false });
  for (const d of ROOT_DIRS[spec.userland]) fs.mkdir(`/${d}`, { recursive: true, owner: 'root' });
  fs.writeFile('/etc/hostname', `${spec.hostname}\n`, 'root');
  fs.writeFile('/etc/hosts', managedHosts(spec.podIP, spec.hostname, spec.hostAliases), 'root');
  fs.writeFile('/etc/resolv.conf', spec.clusterDns ? resolvConf(spec.namespace) : 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n', 'root');
  if (spec.userland !== 'distroless') fs.writeFile('/etc/os-release', OS_RELEASE[spec.userland], 'root');
  if (spec.userland === 'debian' && spec.extraBinaries.includes('curl')) {
    fs.mkdir('/docker-entrypoint.d', { recursive: true, owner: 'root' });
    fs.writeFile('/docker-entrypoint.sh', '#!/bin/sh\n', 'root');
    fs.mkdir('/usr/share/nginx/html', { recursive: true, owner: 'root' });
  }
  return fs;
}

// ------------------------------------------------------------------------ the pod's network

/** What a pod's processes see of the network, shaped like a node's view so curl can be reused. */
function podNetView(cluster: Cluster, spec: ContainerSpec): NodeNetView {
  const origin: Origin = { nodeName: spec.nodeName, ip: spec.podIP, host: false, namespace: spec.clusterDns ? spec.namespace : undefined };
  const net = cluster.network;
  const node = net.nodeView(spec.nodeName);
  return {
    nodeName: spec.nodeName,
    http: (req, opts) => net.http(origin, req, opts),
    resolveHost: (name) => {
      const r = net.resolve(origin, name);
      return 'ips' in r ? r.ips[0] : undefined;
    },
    lookup: (name, server) => net.podLookup(origin, name, server),
    ping: (ip) => node.ping(ip),
    iptablesSave: () => '',
    iptablesList: () => undefined,
    iptablesRules: () => undefined,
  };
}

// ------------------------------------------------------------------------------- commands

function notFound(userland: Userland, shellName: string, name: string, line: () => number): Command {
  return async (ctx) => {
    if (shellName === 'bash') ctx.stderr.write(`bash: ${name}: command not found\n`);
    else if (userland === 'busybox') ctx.stderr.write(`sh: ${name}: not found\n`);
    else ctx.stderr.write(`sh: ${line()}: ${name}: not found\n`);
    return 127;
  };
}

/** `sh -c SCRIPT` / `bash -c SCRIPT`; without -c the script comes from stdin. */
const shCommand: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const i = args.indexOf('-c');
  if (i >= 0) {
    const script = args[i + 1];
    if (script === undefined) {
      ctx.stderr.write(`${ctx.argv[0]}: -c: option requires an argument\n`);
      return 2;
    }
    return ctx.run(script);
  }
  return ctx.run(await ctx.stdin.readAll());
};

function psCommand(spec: ContainerSpec, shellPid: number, shellArgv: string[]): Command {
  return async (ctx) => {
    const isShell = ['sh', 'ash', 'bash', 'dash'].includes((shellArgv[0] ?? '').replace(/^.*\//, ''));
    const rows: [number, string][] = isShell
      ? [[1, spec.mainCommand], [shellPid, shellArgv.join(' ')], [shellPid + 6, ctx.argv.join(' ')]]
      : [[1, spec.mainCommand], [shellPid, ctx.argv.join(' ')]];
    let out = 'PID   USER     TIME  COMMAND\n';
    for (const [pid, cmd] of rows) out += `${String(pid).padStart(5)} ${'root'.padEnd(8)} ${'0:00'.padStart(5)} ${cmd}\n`;
    ctx.stdout.write(out);
    return 0;
  };
}

/** busybox nslookup (text in the engine's nslookup-text.ts, shared with a container's main process). */
function nslookupCommand(view: NodeNetView): Command {
  return async (ctx) => {
    const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (!args.length) {
      ctx.stderr.write(BUSYBOX_NSLOOKUP_USAGE);
      return 1;
    }
    const [name, server] = args as [string, string | undefined];
    const r = busyboxNslookupText(name, view.lookup(name, server));
    ctx.stdout.write(r.out);
    return r.code;
  };
}

/** busybox ping: `PING x (ip): 56 data bytes`, `seq=0`, then the statistics block. */
function pingCommand(view: NodeNetView): Command {
  return async (ctx) => {
    let count = Infinity;
    let target: string | undefined;
    const a = ctx.argv.slice(1);
    for (let i = 0; i < a.length; i++) {
      if (a[i] === '-c') count = Number(a[++i]);
      else if (a[i]!.startsWith('-c')) count = Number(a[i]!.slice(2));
      else target = a[i];
    }
    if (!target) {
      ctx.stderr.write('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n');
      return 1;
    }
    const ip = view.resolveHost(target);
    if (!ip) {
      ctx.stderr.write(`ping: bad address '${target}'\n`);
      return 1;
    }
    ctx.stdout.write(`PING ${target} (${ip}): 56 data bytes\n`);
    const internal = /^(10|127)\./.test(ip);
    let sent = 0;
    const rtts: number[] = [];
    while (sent < count && !ctx.interrupt.aborted) {
      const r = internal ? view.ping(ip) : { rttMs: 10 + ((sent * 37) % 23) / 10, ttl: 57 };
      if (r) {
        rtts.push(r.rttMs);
        ctx.stdout.write(`64 bytes from ${ip}: seq=${sent} ttl=${r.ttl} time=${r.rttMs.toFixed(3)} ms\n`);
      }
      sent++;
      if (sent < count) await ctx.sys.sleep(1000, ctx.interrupt);
    }
    const loss = sent ? Math.floor(((sent - rtts.length) * 100) / sent) : 0;
    let out = `\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${rtts.length} packets received, ${loss}% packet loss\n`;
    if (rtts.length) {
      const avg = rtts.reduce((s, x) => s + x, 0) / rtts.length;
      out += `round-trip min/avg/max = ${Math.min(...rtts).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...rtts).toFixed(3)} ms\n`;
    }
    ctx.stdout.write(out);
    return rtts.length ? 0 : 1;
  };
}

/** busybox wget: `-q`, `-O FILE` / `-O -`, `-T SEC`; its texts for bad addresses, refused connections and HTTP errors. */
function wgetCommand(view: NodeNetView): Command {
  return async (ctx) => {
    let quiet = false;
    let output: string | undefined;
    let timeoutMs: number | undefined;
    let url: string | undefined;
    const a = ctx.argv.slice(1);
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (x === '-O') output = a[++i];
      else if (x.startsWith('-O')) output = x.slice(2);
      else if (x === '-T') timeoutMs = Number(a[++i]) * 1000;
      else if (/^-[qO]+$/.test(x) || x === '-qO-' || x === '-qO') {
        if (x.includes('q')) quiet = true;
        if (x.endsWith('O')) output = a[++i];
        else if (x.endsWith('O-')) output = '-';
      } else if (x === '-q') quiet = true;
      else if (x.startsWith('-q') && x.includes('O')) {
        quiet = true;
        output = x.slice(x.indexOf('O') + 1) || a[++i];
      } else url = x;
    }
    if (!url) {
      ctx.stderr.write('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
      return 1;
    }
    const m = /^(?:https?:\/\/)?([^/:?#]+)(?::(\d+))?([/?#].*)?$/i.exec(url);
    if (!m) {
      ctx.stderr.write(`wget: bad address '${url}'\n`);
      return 1;
    }
    const host = m[1]!;
    const port = m[2] ? Number(m[2]) : 80;
    const path = m[3] ?? '/';
    const ip = view.resolveHost(host);
    if (!ip) {
      ctx.stderr.write(`wget: bad address '${host}${m[2] ? `:${port}` : ''}'\n`);
      return 1;
    }
    if (!quiet) ctx.stderr.write(`Connecting to ${host}${m[2] ? `:${port}` : ''} (${ip}:${port})\n`);
    let x: HttpExchange;
    try {
      x = await view.http({ method: 'GET', url: `http://${ip}:${port}${path}`, headers: { Host: m[2] ? `${host}:${port}` : host, 'User-Agent': 'Wget', Connection: 'close' } }, timeoutMs !== undefined ? { timeoutMs } : {});
    } catch (e) {
      if (!(e instanceof NetFailure)) throw e;
      if (e.timedOut) ctx.stderr.write('wget: download timed out\n');
      else ctx.stderr.write(`wget: can't connect to remote host (${ip}): ${e.code === 'ECONNREFUSED' ? 'Connection refused' : e.code === 'EHOSTUNREACH' ? 'Host is unreachable' : 'Connection timed out'}\n`);
      return 1;
    }
    if (x.emptyReply) {
      ctx.stderr.write('wget: error getting response: Connection reset by peer\n');
      return 1;
    }
    const res = x.response;
    if (res.status >= 400) {
      ctx.stderr.write(`wget: server returned error: HTTP/1.1 ${res.status} ${res.status === 404 ? 'Not Found' : res.status === 503 ? 'Service Unavailable' : 'Error'}\n`);
      return 1;
    }
    const file = output ?? (path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
    const size = res.body.length;
    if (file === '-') {
      if (!quiet) ctx.stderr.write('writing to stdout\n');
      ctx.stdout.write(res.body);
      if (!quiet) ctx.stderr.write(`-                    100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\nwritten to stdout\n`);
      return 0;
    }
    if (!quiet) ctx.stderr.write(`saving to '${file}'\n`);
    try {
      ctx.fs.writeFile(ctx.fs.resolve(file, ctx.cwd), res.body);
    } catch {
      ctx.stderr.write(`wget: can't open '${file}': No such file or directory\n`);
      return 1;
    }
    if (!quiet) ctx.stderr.write(`${file.padEnd(20).slice(0, 20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n'${file}' saved\n`);
    return 0;
  };
}

// ---------------------------------------------------------------------------- the session

export interface ContainerSession {
  shell: Shell;
  /** Whether argv[0] can be started in this container. */
  canExec(name: string): boolean;
  /** `sh`, `bash`: what `exit` and missing commands look like. */
  readonly shellName: string;
  /** Lines run so far (dash numbers its errors by line). */
  lineCount: number;
}

/** Exec sessions per cluster (PIDs of exec'd processes grow with them). */
const execCounts = new WeakMap<Cluster, number>();

/**
 * A shell inside the container for one exec. `shellArgv0` is the program exec'd (sh, bash, ...):
 * it decides the prompt and the error texts.
 */
export function containerShell(cluster: Cluster, spec: ContainerSpec, parentSys: Sys, shellArgv: string[], tty: boolean, columns: number, rows: number): ContainerSession {
  const bins = new Set([...BINARIES[spec.userland], ...spec.extraBinaries]);
  const base = (shellArgv[0] ?? 'sh').replace(/^.*\//, '');
  const shellName = base === 'bash' ? 'bash' : 'sh';
  const sys: Sys = { now: () => parentSys.now(), sleep: (ms: number, i: Interrupt) => parentSys.sleep(ms, i), hostname: spec.hostname, user: 'root' };
  const fs = containerFs(spec, () => parentSys.now());
  const view = podNetView(cluster, spec);
  const env: Record<string, string> = Object.fromEntries(spec.env);
  if (tty) env.TERM = 'xterm';
  if (spec.userland === 'busybox') env.SHLVL = '1';
  const shell = createShell({ sys, fs, cwd: '/', home: '/root', columns, rows, env });
  for (const k of ['USER', 'LOGNAME', 'SHELL', 'LANG', 'TERM']) if (!(k in env)) shell.env.delete(k);
  const session: ContainerSession = { shell, shellName, canExec: (name) => hasBinary(bins, name), lineCount: 0 };
  const lineNo = () => session.lineCount;
  const n = (execCounts.get(cluster) ?? 0) + 1;
  execCounts.set(cluster, n);
  const shellPid = 1 + 6 * n;
  const own = new Map<string, Command>([
    ['curl', createCurl(view)],
    ['wget', wgetCommand(view)],
    ['nslookup', nslookupCommand(view)],
    ['ping', pingCommand(view)],
    ['ps', psCommand(spec, shellPid, shellArgv)],
    ['sh', shCommand], ['ash', shCommand], ['dash', shCommand], ['bash', shCommand],
  ]);
  for (const name of new Set([...shell.commandNames(), ...own.keys(), 'kubectl', 'jq', 'iptables', 'iptables-save'])) {
    if (['cd', 'echo', 'printf', 'test', '[', 'true', 'false', 'pwd', 'export', 'exit', 'read', 'set', 'unset', 'alias', 'history', 'type', 'source', '.', 'eval', 'shift', 'return', 'local', 'jobs', 'wait', 'fg', 'bg', 'kill'].includes(name)) {
      if (own.has(name)) shell.register(name, own.get(name)!);
      continue;
    }
    if (bins.has(name)) {
      const cmd = own.get(name);
      if (cmd) shell.register(name, cmd);
    } else shell.register(name, notFound(spec.userland, shellName, name, lineNo));
  }
  return session;
}

/** PS1 of the image's shell: busybox ash `\w # `, bash on Debian `root@host:\w# `, dash `# `. */
export function promptOf(session: ContainerSession, userland: Userland, hostname: string): string {
  const cwd = session.shell.cwd;
  const shown = cwd === '/root' ? '~' : cwd.startsWith('/root/') ? `~${cwd.slice(5)}` : cwd;
  if (userland === 'busybox') return `${shown} # `;
  if (session.shellName === 'bash') return `root@${hostname}:${shown}# `;
  return '# ';
}

export interface ExecIo {
  stdin: Reader | null;
  stdout: Writer;
  stderr: Writer;
  tty: boolean;
  interrupt: Interrupt;
  /** The container's terminal echoes each input line (attach to a TTY container from a non-TTY client). */
  echo?: boolean;
}

/** Runs an interactive shell: prompt, one line from stdin, run it, until `exit` or EOF. */
export async function interactiveLoop(session: ContainerSession, userland: Userland, hostname: string, io: ExecIo): Promise<number> {
  const { shell } = session;
  const bash = session.shellName === 'bash';
  // Only bash says `exit` when an interactive shell ends.
  const err: Writer = { write: (s) => { if (!(shell.exited && s === 'exit\n' && !bash)) io.stderr.write(s); } };
  if (!io.stdin) return 0;
  const it = readLines(io.stdin);
  let status = 0;
  for (;;) {
    io.stdout.write(promptOf(session, userland, hostname));
    const next = await nextLine(it, io.interrupt);
    if (next === null) {
      if (bash) io.stdout.write('exit\n');
      return status;
    }
    session.lineCount += 1;
    if (io.echo) io.stdout.write(next.endsWith('\n') ? next : next + '\n');
    const stop = io.interrupt.onAbort(() => shell.interrupt());
    try {
      status = await shell.execute(next.replace(/\n$/, ''), { stdout: io.stdout, stderr: err, isTTY: true });
    } finally {
      stop();
    }
    if (shell.exited) return status;
    if (io.interrupt.aborted) return 130;
  }
}

async function nextLine(it: AsyncGenerator<string>, interrupt: Interrupt): Promise<string | null> {
  if (interrupt.aborted) return null;
  return new Promise<string | null>((resolve, reject) => {
    const off = interrupt.onAbort(() => resolve(null));
    it.next().then((r) => { off(); resolve(r.done ? null : r.value); }, (e: unknown) => { off(); reject(e); });
  });
}

/** Runs a command line (exec form argv) in the container shell; non-interactive. */
export async function runArgv(session: ContainerSession, argv: string[], io: ExecIo): Promise<number> {
  const { shell } = session;
  const stdin = io.stdin ?? undefined;
  const stop = io.interrupt.onAbort(() => shell.interrupt());
  try {
    return await shell.execute(argv.map(shellQuote).join(' '), { stdout: io.stdout, stderr: io.stderr, isTTY: io.tty, ...(stdin ? { stdin } : {}) });
  } finally {
    stop();
  }
}

