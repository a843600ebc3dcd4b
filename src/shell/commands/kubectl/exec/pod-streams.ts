// The server end of the pods/exec and pods/portforward subresources: the API server's checks
// (pod exists, container valid, pod has a node) and the kubelet's (container running), then a
// stream session in place of the SPDY upgrade: exec runs in the container's userland shell,
// port-forward listens on the client node's 127.0.0.1 through the engine's network.
// Models pkg/registry/core/pod/strategy.go (ExecLocation, PortForwardLocation, streamLocation)
// and pkg/kubelet/server/server.go (getExec: `container not found`).
// SIMPLIFICATION: a 101 answer carries the session object in `body` instead of an upgraded
// connection; `withPodStreams` wraps a host's request function until the engine's REST handler
// serves these subresources itself.
import type { ApiRequest, ApiResponse, Cluster, Container, KObject, Pod } from '../../../../engine';
import { closeContainerStdin, processEnvironment, resolveEnv, resolveImage, serviceEnv } from '../../../../engine';
import type { Sys } from '../../../index';
import type { ContainerSpec, ExecIo } from './container-shell';
import { containerShell, interactiveLoop, runArgv, userlandOf } from './container-shell';

export interface ExecSession {
  kind: 'ExecSession';
  /** Runs the command with the client's streams; resolves with its exit code. */
  run(io: ExecIo, term: { sys: Sys; columns: number; rows: number }): Promise<number>;
}

export interface PortForwardSession {
  kind: 'PortForwardSession';
  /**
   * Listens on 127.0.0.1:localPort of `nodeName` (the client's machine), forwarding to the pod's
   * `remotePort`. Returns the stop function, or undefined when the local port is taken.
   */
  listen(nodeName: string, localPort: number, remotePort: number, onConnection: () => void): (() => void) | undefined;
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

/** runc's text when the executable is missing (what `kubectl exec` shows, then exit code 126). */
export function ociExecError(name: string): string {
  const detail = name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`;
  return `OCI runtime exec failed: exec failed: unable to start container process: ${detail}: unknown\n`;
}

function status(code: number, reason: string, message: string): ApiResponse {
  return {
    status: code,
    headers: { 'content-type': 'application/json' },
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
  };
}

function parse(path: string, query: Record<string, string> | undefined): { ns: string; name: string; sub: string; q: Map<string, string[]> } | undefined {
  const i = path.indexOf('?');
  const p = i >= 0 ? path.slice(0, i) : path;
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|portforward|attach)$/.exec(p);
  if (!m) return undefined;
  const q = new Map<string, string[]>();
  const add = (k: string, v: string) => q.set(k, [...(q.get(k) ?? []), v]);
  if (i >= 0) {
    for (const part of path.slice(i + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      add(decodeURIComponent(eq < 0 ? part : part.slice(0, eq)), eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')));
    }
  }
  for (const [k, v] of Object.entries(query ?? {})) add(k, v);
  return { ns: decodeURIComponent(m[1]!), name: decodeURIComponent(m[2]!), sub: m[3]!, q };
}

function containerSpec(cluster: Cluster, pod: Pod, c: Container): ContainerSpec {
  const podIP = pod.status?.podIP ?? '';
  const hostNetwork = Boolean(pod.spec?.hostNetwork);
  const hostname = pod.spec?.hostname ?? pod.metadata?.name ?? '';
  const resolved = resolveImage(c.image ?? '');
  const behaviour = resolved.ok ? resolved.behaviour : undefined;
  const land = resolved.ok ? userlandOf(resolved.image.repository, resolved.image.tag) : { kind: 'distroless' as const, extra: [] };
  const env = processEnvironment(behaviour?.imageEnv, {
    podName: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    podIP,
    nodeName: pod.spec?.nodeName ?? '',
    hostname,
    containerName: c.name,
    env: { ...serviceEnv(cluster.api, pod), ...resolveEnv(cluster.api, pod, c, podIP, pod.status?.hostIP ?? '') },
  });
  const entry = c.command ?? behaviour?.defaultEntrypoint ?? [];
  const args = c.args ?? (c.command ? [] : behaviour?.defaultCmd ?? []);
  return {
    podName: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? 'default',
    hostname,
    podIP,
    nodeName: pod.spec?.nodeName ?? '',
    userland: land.kind,
    extraBinaries: land.extra,
    env,
    mainCommand: [...entry, ...args].join(' '),
    hostAliases: pod.spec?.hostAliases,
    clusterDns: !hostNetwork || pod.spec?.dnsPolicy === 'ClusterFirstWithHostNet',
  };
}

function execSession(cluster: Cluster, spec: ContainerSpec, command: string[]): ExecSession {
  return {
    kind: 'ExecSession',
    async run(io, term) {
      const name = command[0] ?? '';
      const session = containerShell(cluster, spec, term.sys, command, io.tty, term.columns, term.rows);
      if (!session.canExec(name)) {
        (io.tty ? io.stdout : io.stderr).write(ociExecError(name));
        return 126;
      }
      const base = name.replace(/^.*\//, '');
      const bare = command.slice(1).every((a) => /^-[il]+$/.test(a));
      if (SHELLS.has(base) && bare) {
        if (io.tty && io.stdin) return interactiveLoop(session, spec.userland, spec.hostname, io);
        if (!io.stdin) return 0;
        const script = await io.stdin.readAll();
        return session.shell.execute(script, { stdout: io.stdout, stderr: io.stderr, isTTY: false });
      }
      return runArgv(session, command, io);
    },
  };
}

/**
 * pods/attach: the container's main process. Its output streams as it is written (new lines only,
 * stdout and stderr apart) until the instance ends or the client goes (Ctrl-C); stdin sent to a
 * container without `stdin: true` is dropped, as the runtime does.
 * SIMPLIFICATION: when the main process is a bare shell reading stdin, the lines typed run in an
 * exec-style shell of the container (prompt, plus the TTY's echo); when the session ends a
 * stdinOnce container's stdin is closed, so the waiting shell exits 0.
 */
function attachSession(cluster: Cluster, pod: Pod, spec: ContainerSpec, c: Container): ExecSession {
  return {
    kind: 'ExecSession',
    async run(io, term) {
      const argv = spec.mainCommand.split(' ').filter((a) => a !== '');
      const base = (argv[0] ?? '').replace(/^.*\//, '');
      const bare = argv.slice(1).every((a) => /^-[il]+$/.test(a));
      let code = 0;
      if (SHELLS.has(base) && bare && io.stdin && c.stdin) {
        const session = containerShell(cluster, spec, term.sys, argv, Boolean(c.tty), term.columns, term.rows);
        code = await interactiveLoop(session, spec.userland, spec.hostname, { ...io, tty: true, echo: Boolean(c.tty) && !io.tty });
      } else await streamOutput(cluster, pod, c.name, io);
      if (c.stdinOnce) closeContainerStdin(spec.namespace, spec.podName, c.name);
      return code;
    },
  };
}

/** Copies the container's new output to the client until the instance ends or the client interrupts. */
function streamOutput(cluster: Cluster, pod: Pod, container: string, io: ExecIo): Promise<void> {
  return new Promise((resolve) => {
    if (io.interrupt.aborted) return resolve();
    const state: { done: boolean; detach?: () => void; off?: () => void } = { done: false };
    const finish = () => {
      if (state.done) return;
      state.done = true;
      state.detach?.();
      state.off?.();
      resolve();
    };
    state.detach = cluster.nodes.attachOutput(pod, container, (stream, text) => (stream === 'stderr' ? io.stderr : io.stdout).write(`${text}\n`), finish);
    if (!state.detach) return finish();
    state.off = io.interrupt.onAbort(finish);
  });
}

function podRunningIP(cluster: Cluster, ns: string, name: string, uid: string | undefined): string | undefined {
  const res = cluster.request({ method: 'GET', path: `/api/v1/namespaces/${ns}/pods/${name}` });
  if (res.status !== 200) return undefined;
  const pod = res.body as Pod;
  if (uid && pod.metadata?.uid !== uid) return undefined;
  if (pod.status?.phase !== 'Running' || pod.metadata?.deletionTimestamp) return undefined;
  return pod.status.podIP;
}

/** Answers POST pods/{name}/exec|portforward; undefined for every other request. */
export function podStreamRequest(cluster: Cluster, req: ApiRequest): ApiResponse | undefined {
  const t = parse(req.path, req.query);
  if (!t) return undefined;
  if (req.method !== 'POST' && req.method !== 'GET') return status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  const got = cluster.request({ method: 'GET', path: `/api/v1/namespaces/${t.ns}/pods/${t.name}` });
  if (got.status !== 200) return got;
  const pod = got.body as Pod & KObject;
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  if (t.sub === 'portforward') {
    const uid = pod.metadata?.uid;
    const session: PortForwardSession = {
      kind: 'PortForwardSession',
      listen: (nodeName, localPort, remotePort, onConnection) =>
        cluster.network.addPortForward(nodeName, localPort, {
          resolve: () => {
            const ip = podRunningIP(cluster, t.ns, t.name, uid);
            return ip ? { ip, port: remotePort } : undefined;
          },
          onConnection: () => {
            cluster.clock.yieldRequested = true;
            onConnection();
          },
        }),
    };
    return { status: 101, headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1' }, body: session };
  }
  let container = t.q.get('container')?.[0] ?? '';
  if (!container) {
    if (containers.length === 1) container = containers[0]!.name;
    else {
      let msg = `a container name must be specified for pod ${t.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`;
      if (inits.length) msg += ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]`;
      return status(400, 'BadRequest', msg);
    }
  }
  const spec = [...containers, ...inits].find((c) => c.name === container);
  if (!spec) return status(400, 'BadRequest', `container ${container} is not valid for pod ${t.name}`);
  if (!pod.spec?.nodeName) return status(400, 'BadRequest', `pod ${t.name} does not have a host assigned`);
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container);
  if (!st?.state?.running) {
    // The kubelet answers the upgrade with a plain-text error.
    return { status: 500, headers: { 'content-type': 'text/plain' }, body: `container not found (${JSON.stringify(container)})` };
  }
  if (t.sub === 'attach') return { status: 101, headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1' }, body: attachSession(cluster, pod, containerSpec(cluster, pod, spec), spec) };
  const command = t.q.get('command') ?? [];
  return { status: 101, headers: { connection: 'Upgrade', upgrade: 'SPDY/3.1' }, body: execSession(cluster, containerSpec(cluster, pod, spec), command) };
}

/** Wraps a host's request function so pods/exec and pods/portforward are answered. */
export function withPodStreams(cluster: Cluster, inner: (req: ApiRequest) => ApiResponse): (req: ApiRequest) => ApiResponse {
  return (req) => podStreamRequest(cluster, req) ?? inner(req);
}
