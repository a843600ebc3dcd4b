// A playground session: one simulated cluster plus one shell on node1 with kubectl wired to
// the cluster's REST API. The browser worker, `npm run sim` and tests all build on this.
// Virtual time is not moved here: the host (pacer or headless driver) advances the clock.
import { createCluster } from '../engine';
import type { ApiRequest, ApiResponse, Cluster, ClusterOptions } from '../engine';
import { createShell } from '../shell';
import type { Interrupt, Shell, Sys, Vfs } from '../shell';
import { createKubectl } from '../shell/commands/kubectl';
import { netCommands } from '../shell/commands/net';

export interface SessionOptions extends ClusterOptions {
  hostname?: string;
  user?: string;
  columns?: number;
  /** A saved shell to resume (persistence.ts): its files, working directory and history. */
  resume?: { fs: Vfs; cwd: string; history: string[] };
}

export interface Session {
  cluster: Cluster;
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
  const kubectl = createKubectl({
    request: (req: ApiRequest) => yieldingResponse(cluster, cluster.request(req)),
    now: () => clock.now(),
  });
  const shell = createShell({ sys, commands: new Map([['kubectl', kubectl], ...netCommands(cluster.network.nodeView(opts.hostname ?? 'node1'))]), columns: opts.columns ?? 120, fs: opts.resume?.fs, cwd: opts.resume?.cwd });
  if (opts.resume) shell.history.push(...opts.resume.history);
  return { cluster, shell, sys };
}
