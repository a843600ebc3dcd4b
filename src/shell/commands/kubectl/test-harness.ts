// Test harness for kubectl transcripts: a seeded cluster, a shell with kubectl registered whose
// `sleep` runs on the cluster clock, and a driver that advances virtual time while a command is
// pending (optionally pressing Ctrl-C at a given virtual time). Used by *.test.ts only.
// Leaves out: terminal echo and prompts (the transcript is stdout/stderr of each command).
import { createCluster } from '../../../engine';
import type { Cluster, ClusterOptions } from '../../../engine';
import { createShell } from '../../index';
import type { Shell } from '../../index';
import { stringReader } from '../../index';
import type { Interrupt, Sys } from '../../interpreter/types';
import { createKubectl } from './index';
import { withPodStreams } from './exec/pod-streams';

export interface RunResult {
  out: string;
  err: string;
  code: number;
}

export interface RunOptions {
  /** Virtual ms after the start at which Ctrl-C is pressed. */
  interruptAfter?: number;
  /** Give up (and press Ctrl-C) after this much virtual time; default 30 minutes. */
  maxMs?: number;
  stdin?: string;
}

export interface Kube {
  cluster: Cluster;
  shell: Shell;
  run(script: string, opts?: RunOptions): Promise<RunResult>;
}

// Draining microtasks between clock steps needs a macrotask turn; tests run under Node.
const macrotask = (): Promise<void> => new Promise((r) => (globalThis as unknown as { setImmediate(cb: () => void): void }).setImmediate(r));

export function makeKube(opts: ClusterOptions = {}): Kube {
  const cluster = createCluster({ seed: 1, ...opts });
  const sys: Sys = {
    now: () => cluster.clock.now(),
    sleep: (ms: number, interrupt: Interrupt) =>
      new Promise<void>((resolve) => {
        if (interrupt.aborted) return resolve();
        const h = cluster.clock.schedule(ms, () => {
          off();
          resolve();
        }, 'shell-sleep');
        const off = interrupt.onAbort(() => {
          cluster.clock.cancel(h);
          resolve();
        });
      }),
    hostname: 'node1',
    user: 'k8s',
  };
  const kubectl = createKubectl({ request: withPodStreams(cluster, (r) => cluster.request(r)), now: () => cluster.clock.now() });
  const shell = createShell({ sys, commands: new Map([['kubectl', kubectl]]) });

  async function run(script: string, ro: RunOptions = {}): Promise<RunResult> {
    const out: string[] = [];
    const err: string[] = [];
    let done = false;
    let code = -1;
    const stdin = ro.stdin;
    const p = shell
      .execute(script, {
        stdout: { write: (s) => out.push(s) },
        stderr: { write: (s) => err.push(s) },
        ...(stdin !== undefined ? { stdin: stringReader(stdin) } : {}),
      })
      .then((c) => {
        done = true;
        code = c;
      });
    const start = cluster.clock.now();
    const limit = start + (ro.maxMs ?? 30 * 60 * 1000);
    let interrupted = false;
    for (;;) {
      await macrotask();
      if (done) break;
      const stopAt = ro.interruptAfter !== undefined && !interrupted ? start + ro.interruptAfter : limit;
      if (cluster.clock.now() >= stopAt || !cluster.clock.runNext(stopAt)) {
        if (cluster.clock.now() < stopAt) cluster.clock.advanceTo(stopAt);
        if (interrupted) throw new Error(`command did not finish after Ctrl-C: ${script}`);
        shell.interrupt();
        interrupted = true;
      }
    }
    await p;
    return { out: out.join(''), err: err.join(''), code };
  }

  return { cluster, shell, run };
}
