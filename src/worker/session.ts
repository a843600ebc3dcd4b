// A playground session: one simulated cluster plus one shell on node1 with kubectl wired to
// the cluster's REST API. The browser worker, `npm run sim` and tests all build on this.
// Virtual time is not moved here: the host (pacer or headless driver) advances the clock.
import { createCluster } from '../engine';
import type { ApiRequest, ApiResponse, Cluster, ClusterOptions } from '../engine';
import { createShell } from '../shell';
import type { Interrupt, Shell, Sys, Vfs } from '../shell';
import { createKubectl } from '../shell/commands/kubectl';
import { withPodStreams } from '../shell/commands/kubectl/exec/pod-streams';
import { netCommands } from '../shell/commands/net';
import { installKubeadmKubeconfig, kubeadmKubeconfig } from '../shell/commands/kubectl/kubeconfig';
import { createMinikube } from '../shell/commands/minikube';
import { readLines } from '../shell/interpreter/streams';
import { createShell as createNodeShell } from '../shell';
import type { CommandContext } from '../shell';
import { Clusters } from './clusters';
import { minikubeRoutes, routedView } from './net-routing';

export { Clusters } from './clusters';
export type { ClusterEntry } from './clusters';

/** The kubeadm cluster's API server, as in its admin.conf (kubeadm's advertise address). */
export const KUBEADM_SERVER = 'https://10.0.0.11:6443';

export interface SessionOptions extends ClusterOptions {
  hostname?: string;
  user?: string;
  columns?: number;
  /** A saved shell to resume (persistence.ts): its files, working directory and history. */
  resume?: { fs: Vfs; cwd: string; history: string[] };
}

export interface Session {
  /** The session's first cluster (kubeadm, context `kubernetes-admin@kubernetes`). */
  cluster: Cluster;
  /** Every cluster of the session by name; kubectl reaches them through ~/.kube/config. */
  clusters: Clusters;
  shell: Shell;
  sys: Sys;
}

/** Wraps a REST response so that stream callbacks ask the host to let promises settle. */
function yieldingResponse(cluster: Cluster, res: ApiResponse): ApiResponse {
  const { clock } = cluster;
  if (res.watch) {
    const w = res.watch;
    res.watch = {
      onEvent: (cb) =>
        w.onEvent((ev) => {
          clock.yieldRequested = true;
          cb(ev);
        }),
      stop: () => w.stop(),
    };
  }
  if (res.stream) {
    const s = res.stream;
    res.stream = {
      onData: (cb) =>
        s.onData((chunk) => {
          clock.yieldRequested = true;
          cb(chunk);
        }),
      onEnd: (cb) =>
        s.onEnd(() => {
          clock.yieldRequested = true;
          cb();
        }),
      stop: () => s.stop(),
    };
  }
  return res;
}

export function createSession(opts: SessionOptions = {}): Session {
  const cluster = createCluster(opts);
  const { clock } = cluster;
  const sys: Sys = {
    now: () => clock.now(),
    hostname: opts.hostname ?? 'node1',
    user: opts.user ?? 'k8s',
    sleep(ms: number, interrupt: Interrupt): Promise<void> {
      if (interrupt.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          clock.yieldRequested = true;
          off();
          clock.cancel(task);
          resolve();
        };
        const task = clock.schedule(ms, finish, 'shell:sleep');
        const off = interrupt.onAbort(finish);
      });
    },
  };
  const clusters = new Clusters(clock);
  const admin = kubeadmKubeconfig(KUBEADM_SERVER).users.get('kubernetes-admin');
  const nodeConfigs = cluster.nodes.configs();
  clusters.add({
    name: 'kubernetes',
    server: KUBEADM_SERVER,
    cluster,
    addresses: nodeConfigs.map((n) => n.internalIP),
    running: true,
    credentials: new Set([admin?.['client-certificate-data'] ?? '']),
  });
  for (const n of nodeConfigs) clusters.alias(n.name, n.internalIP);
  // kubectl follows the kubeconfig's current context to whichever cluster listens at its server.
  // pods/exec and pods/portforward are answered by the kubelet side (a stand-in for the
  // connection upgrade), everything else by the API server.
  const kubectl = createKubectl({
    request: withPodStreams(cluster, (req: ApiRequest) => yieldingResponse(cluster, cluster.request(req))),
    now: () => clock.now(),
    connect: (server: string) => {
      const ep = clusters.connect(server);
      if (typeof ep === 'string') return ep;
      const target = clusters.clusterAt(server) ?? cluster;
      return { ...ep, request: withPodStreams(target, (req: ApiRequest) => yieldingResponse(cluster, ep.request(req))) };
    },
  });
  const user = opts.user ?? 'k8s';
  const home = `/home/${user}`;
  const minikubeHost = clusters.minikubeHost({ seed: opts.seed ?? 1, home: () => home, request: (c, req) => yieldingResponse(cluster, c.request(req)) });
  minikubeHost.ssh = (profile, node, ctx, command) => minikubeSsh(clusters, sys, profile, node, ctx, command);
  // node1 runs minikube too: its shell also reaches each profile's docker network.
  const hostNet = cluster.network.nodeView(opts.hostname ?? 'node1');
  const shell = createShell({
    sys,
    commands: new Map([['kubectl', kubectl], ['minikube', createMinikube(minikubeHost)], ...netCommands(routedView(hostNet, minikubeRoutes(clusters, hostNet)))]),
    columns: opts.columns ?? 120,
    fs: opts.resume?.fs,
    cwd: opts.resume?.cwd,
  });
  // Also for resumed shells saved before kubeconfig support (an existing file is left alone).
  installKubeadmKubeconfig(shell.fs, home, KUBEADM_SERVER);
  if (opts.resume) shell.history.push(...opts.resume.history);
  return { cluster, clusters, shell, sys };
}

/**
 * `minikube ssh`: a shell on a minikube machine (user docker, hostname = node name) with the
 * node's network commands; runs `command` if given, else reads lines from stdin with the
 * `docker@minikube:~$ ` prompt until `exit` or end of input.
 */
async function minikubeSsh(clusters: Clusters, sys: Sys, profile: string, node: string, ctx: CommandContext, command: string[]): Promise<number> {
  const entry = clusters.get(profile);
  if (!entry) return 1;
  const nodeSys: Sys = { ...sys, hostname: node, user: 'docker' };
  const shell = createNodeShell({ sys: nodeSys, commands: netCommands(entry.cluster.network.nodeView(node)), columns: ctx.columns, rows: ctx.rows });
  const io = { stdout: ctx.stdout, stderr: ctx.stderr, isTTY: ctx.isTTY };
  if (command.length) return shell.execute(command.join(' '), io);
  const lines = readLines(ctx.stdin);
  let status = 0;
  for (;;) {
    ctx.stdout.write(`docker@${node}:${shell.cwd === '/home/docker' ? '~' : shell.cwd}$ `);
    const next = await lines.next();
    if (next.done || ctx.interrupt.aborted) {
      ctx.stdout.write('logout\n');
      return status;
    }
    status = await shell.execute(next.value.replace(/\n$/, ''), io);
    if (shell.exited) {
      ctx.stdout.write('logout\n');
      return status;
    }
  }
}
