// `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q]` and the attach half of
// `kubectl run -i/-t [--rm]`: container TTY negotiation, the "Unable to use a TTY" and "If you don't
// see a command prompt" lines, the POST to pods/attach, and the reattach hint after a TTY session.
// Models kubectl/pkg/cmd/attach/attach.go (v1.32) and kubectl/pkg/cmd/exec/exec.go (SetupTTY).
// A process that is not a shell (ping, nginx...) streams its new output until it ends or Ctrl-C.
// Leaves out: terminal resize, ephemeral containers' hint, -f FILENAME.
import type { Pod } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { KubectlError, toStatusError } from './client';
import { defaultContainer, findAttachablePod } from './exec/exec';
import type { ExecSession } from './exec/pod-streams';

export interface AttachOptions {
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  container: string;
  /** `kubectl attach` (what the reattach hint tells the user to run). */
  commandName: string;
}

/** Attaches to a running pod's container; resolves when the session ends. */
export async function attachToPod(inv: Invocation, pod: Pod, o: AttachOptions): Promise<number> {
  const name = pod.metadata?.name ?? '';
  const ns = pod.metadata?.namespace ?? inv.namespace;
  const container = o.container || defaultContainer(pod, o.quiet, inv.err);
  const spec = (pod.spec?.containers ?? []).find((c) => c.name === container);
  if (!spec) throw new KubectlError(`error: cannot attach to the container: container ${container} not found in pod ${name}`);
  let tty = o.tty;
  if (tty && !spec.tty) {
    tty = false;
    if (!o.quiet) inv.err(`error: Unable to use a TTY - container ${container} did not allocate one\n`);
  } else if (!tty && spec.tty) tty = true;
  // SetupTTY: no stdin means no TTY; a TTY needs a terminal on our side.
  let raw = false;
  if (!o.stdin) tty = false;
  else if (tty) {
    if (!inv.ctx.isTTY) {
      tty = false;
      if (!o.quiet) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    } else raw = true;
  }
  const q = [`container=${encodeURIComponent(container)}`];
  if (!raw) q.push('stderr=true');
  if (o.stdin) q.push('stdin=true');
  q.push('stdout=true');
  if (tty) q.push('tty=true');
  // The hint comes before the stream is opened (so it also precedes an attach error).
  if (!o.quiet) inv.err("If you don't see a command prompt, try pressing enter.\n");
  const res = inv.client.raw('POST', `/api/v1/namespaces/${ns}/pods/${name}/attach?${q.join('&')}`, { accept: '*/*' });
  if (res.status !== 101) {
    if (typeof res.body === 'string') throw new KubectlError(`error: unable to upgrade connection: ${res.body}`);
    throw toStatusError(res);
  }
  const session = res.body as ExecSession;
  const out = { write: (s: string) => inv.out(s) };
  await session.run(
    { stdin: o.stdin ? inv.ctx.stdin : null, stdout: out, stderr: raw ? out : { write: (s: string) => inv.err(s) }, tty: raw, interrupt: inv.ctx.interrupt },
    { sys: inv.ctx.sys, columns: inv.ctx.columns, rows: inv.ctx.rows },
  );
  // Ctrl-C kills kubectl: no hint, the shell's 130.
  if (inv.ctx.interrupt.aborted) return 130;
  if (!o.quiet && o.stdin && raw && pod.spec?.restartPolicy === 'Always') {
    inv.out(`Session ended, resume using '${o.commandName} ${name} -c ${container} -i -t' command when the pod is running\n`);
  }
  return 0;
}

async function runAttach(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  if (f.ms('pod-running-timeout') <= 0) throw new KubectlError("error: --pod-running-timeout must be higher than zero\nSee 'kubectl attach -h' for help and examples");
  if (args.length === 0) throw new KubectlError('error: at least 1 argument is required for attach');
  if (args.length > 2) throw new KubectlError(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  const target = args.length === 2 ? `${args[0]}/${args[1]}` : args[0]!;
  const found = await findAttachablePod(inv, target, f.ms('pod-running-timeout'));
  if (found === 'interrupted') return 130;
  const { pod } = found;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot attach a container in a completed pod; current phase is ${phase}`);
  return attachToPod(inv, pod, { stdin: f.bool('stdin'), tty: f.bool('tty'), quiet: f.bool('quiet'), container: f.str('container'), commandName: 'kubectl attach' });
}

export const attachCommand: SubCommand = {
  name: 'attach',
  short: 'Attach to a running container',
  usage: 'kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'pod-running-timeout', type: 'duration', def: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run: runAttach,
};
