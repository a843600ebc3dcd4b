// `kubectl run NAME --image=IMG [--restart] [--labels] [--env] [--port] [--command] [-- args]`:
// builds the Pod exactly as kubectl's generator does (label run=NAME, dnsPolicy ClusterFirst,
// args vs command), supports --dry-run=client|server and -o.
// Models kubectl/pkg/cmd/run/run.go and kubectl/pkg/generate/versioned/run.go (BasicPod).
// --expose creates the ClusterIP Service first (run.go generateService).
// -i/-t/--attach wait for the pod, attach (attach.ts), wait for its exit code with
// --restart=Never|OnFailure, and --rm deletes it afterwards. Leaves out: --overrides.
import type { KObject, Pod } from '../../../engine';
import { attachToPod } from './attach';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, dryRunSuffix } from './command';
import { KubectlError, StatusError, kindPrefix } from './client';
import { parseOutput, printObjects, withTypeMeta } from './get';
import { toGoJson } from './yaml';
import { requiredFlagsError } from './cobra-errors';

function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid label spec: ${part}`);
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

async function runRun(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const dash = f.p.argsLenAtDash;
  const name = args[0];
  // cobra's required-flag check runs before the command's own checks
  if (!f.changed('image')) throw requiredFlagsError(inv, ['image']);
  if (!name || dash === 0) throw new KubectlError("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
  const image = f.str('image');
  if (!image) throw new KubectlError('error: --image is required');
  const restart = f.str('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new KubectlError(`error: invalid restart policy: ${restart}\nSee 'kubectl run -h' for help and examples`);
  const interactive = f.bool('stdin');
  const attach = f.changed('attach') ? f.bool('attach') : interactive;
  if (f.bool('tty') && !interactive) throw new KubectlError("error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples");
  const expose = f.bool('expose');
  if (expose && (!f.changed('port') || f.str('port') === '')) throw new KubectlError("error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples");
  if (!attach && f.bool('rm')) throw new KubectlError("error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples");
  if (attach && dryRunOf(f) !== 'none') throw new KubectlError("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples");
  const rest = args.slice(1);
  const labels = f.str('labels') ? parseLabels(f.str('labels')) : { run: name };
  // Field order of corev1.Container (what -o json of a client-side object shows).
  const container: Record<string, unknown> = { name, image };
  if (rest.length) {
    if (f.bool('command')) container.command = rest;
    else container.args = rest;
  }
  if (f.changed('port') && f.str('port') !== '') container.ports = [{ containerPort: Number(f.str('port')) }];
  const env = f.list('env');
  if (env.length) {
    container.env = env.map((e) => {
      const eq = e.indexOf('=');
      if (eq < 0) throw new KubectlError(`error: invalid env: ${e}`);
      return { name: e.slice(0, eq), value: e.slice(eq + 1) };
    });
  }
  container.resources = {};
  if (f.str('image-pull-policy')) container.imagePullPolicy = f.str('image-pull-policy');
  if (interactive) {
    container.stdin = true;
    if (!f.bool('leave-stdin-open')) container.stdinOnce = true;
  }
  if (f.bool('tty')) container.tty = true;
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels },
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  } as unknown as KObject;
  const dry = dryRunOf(f);
  const r = inv.client.discovery.mustFind('pods');
  const out = f.str('output') ? parseOutput(f.str('output')) : undefined;
  if (expose) {
    // --expose: the service generator (ServiceGeneratorV2) runs first and prints its object.
    const port = Number(f.str('port'));
    const svc = {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name, creationTimestamp: null, ...(f.str('labels') ? { labels } : {}) },
      spec: { ports: [{ port, protocol: 'TCP', targetPort: port }], selector: labels },
      status: { loadBalancer: {} },
    } as unknown as KObject;
    const sr = inv.client.discovery.mustFind('services');
    if (dry === 'client') {
      if (out && out.kind === 'json') inv.out(toGoJson(svc, '    ', '', false) + '\n');
      else if (out) printObjects(inv, [{ r: sr, obj: svc }], out, true);
      else inv.out(`service/${name} created (dry run)\n`);
    } else {
      const createdSvc = inv.client.call('POST', inv.client.path(sr, inv.namespace), {
        body: svc,
        query: { fieldManager: 'kubectl-run', dryRun: dry === 'server' ? 'All' : undefined },
      }).body as KObject;
      if (out) printObjects(inv, [{ r: sr, obj: withTypeMeta(sr, createdSvc) }], out, true);
      else inv.out(`service/${name} created${dryRunSuffix(dry)}\n`);
    }
  }
  // kubectl v1.32 separates the pod from the service with two document markers.
  if (expose && out?.kind === 'yaml') inv.out('---\n---\n');
  if (dry === 'client') {
    if (out && out.kind === 'json') inv.out(toGoJson(pod, '    ', '', false) + '\n');
    else if (out) printObjects(inv, [{ r, obj: pod }], out, true);
    else inv.out(`pod/${name} created (dry run)\n`);
    return 0;
  }
  const created = inv.client.call('POST', inv.client.path(r, inv.namespace), {
    body: pod,
    query: { fieldManager: 'kubectl-run', dryRun: dry === 'server' ? 'All' : undefined },
  }).body as KObject;
  if (attach) return runAttached(inv, created as Pod, restart);
  if (out) printObjects(inv, [{ r, obj: withTypeMeta(r, created) }], out, true);
  else inv.out(`${kindPrefix(r)}/${name} created${dryRunSuffix(dry)}\n`);
  return 0;
}

/** Polls the pod (100 ms of virtual time apart) until `cond` says done; an error ends the wait. */
async function waitForPod(inv: Invocation, ns: string, name: string, timeoutMs: number, cond: (p: Pod | undefined) => boolean): Promise<Pod | undefined> {
  const deadline = inv.ctx.sys.now() + timeoutMs;
  for (;;) {
    const res = inv.client.raw('GET', `/api/v1/namespaces/${ns}/pods/${name}`);
    const pod = res.status === 200 ? (res.body as Pod) : undefined;
    if (cond(pod)) return pod;
    if (inv.ctx.sys.now() >= deadline) throw new KubectlError('error: timed out waiting for the condition');
    await inv.ctx.sys.sleep(100, inv.ctx.interrupt);
    if (inv.ctx.interrupt.aborted) return undefined;
  }
}

const podNotFound = (): KubectlError => new KubectlError('Error from server (NotFound): pods "" not found');

/** run.go's attach path: wait until Running and Ready, attach, wait for the exit code, then --rm. */
async function runAttached(inv: Invocation, created: Pod, restart: string): Promise<number> {
  const f = inv.flags;
  const ns = created.metadata?.namespace ?? inv.namespace;
  const name = created.metadata?.name ?? '';
  const timeout = f.changed('pod-running-timeout') ? f.ms('pod-running-timeout') : 60_000;
  const remove = (): void => {
    if (!f.bool('rm')) return;
    const res = inv.client.raw('DELETE', `/api/v1/namespaces/${ns}/pods/${name}`);
    if (res.status < 300 && !f.bool('quiet')) inv.out(`pod "${name}" deleted\n`);
  };
  try {
    const completed = (p: Pod | undefined): boolean => p?.status?.phase === 'Succeeded' || p?.status?.phase === 'Failed';
    const pod = await waitForPod(inv, ns, name, timeout, (p) => {
      if (!p) throw podNotFound();
      if (completed(p)) return true;
      return p.status?.phase === 'Running' && (p.status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    });
    if (!pod) return 130;
    if (completed(pod)) {
      // The container finished before the attach: its logs stand in for the session.
      const logs = inv.client.raw('GET', `/api/v1/namespaces/${ns}/pods/${name}/log?container=${encodeURIComponent(f.str('container') || (pod.spec?.containers?.[0]?.name ?? ''))}`);
      if (logs.status === 200 && typeof logs.body === 'string') inv.out(logs.body);
    } else {
      try {
        await attachToPod(inv, pod, { stdin: f.bool('stdin'), tty: f.bool('tty'), quiet: f.bool('quiet'), container: '', commandName: 'kubectl attach' });
      } catch (e) {
        if (!(e instanceof KubectlError) && !(e instanceof StatusError)) throw e;
        // handleAttachPod: a failed attach falls back to the logs (the Go error's text, no prefix).
        const why = e instanceof KubectlError ? e.text.replace(/^error: /, '').replace(/\n$/, '') : e.message;
        inv.err(`warning: couldn't attach to pod/${name}, falling back to streaming logs: ${why}\n`);
        const logs = inv.client.raw('GET', `/api/v1/namespaces/${ns}/pods/${name}/log?container=${encodeURIComponent(pod.spec?.containers?.[0]?.name ?? '')}`);
        if (logs.status === 200 && typeof logs.body === 'string') inv.out(logs.body);
      }
    }
    const waitForExitCode = !f.bool('leave-stdin-open') && (restart === 'Never' || restart === 'OnFailure');
    if (!waitForExitCode) return 0;
    const done = await waitForPod(inv, ns, name, timeout, (p) => {
      if (!p) throw podNotFound();
      return restart === 'OnFailure' ? p.status?.phase === 'Succeeded' : completed(p);
    });
    if (!done) return 130;
    const phase = done.status?.phase;
    if (phase === 'Succeeded') return 0;
    const term = done.status?.containerStatuses?.[0]?.state?.terminated;
    if (!term || !term.exitCode) throw new KubectlError(`error: pod ${ns}/${name} failed with unknown exit code`);
    throw new KubectlError(`pod ${ns}/${name} terminated (${term.reason ?? ''})\n${term.message ?? ''}`, term.exitCode);
  } finally {
    remove();
  }
}

export const runCommand: SubCommand = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string', def: 'Always' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'stringArray' },
    { name: 'port', type: 'string' },
    { name: 'command', type: 'bool' },
    { name: 'image-pull-policy', type: 'string' },
    { name: 'stdin', short: 'i', type: 'bool' },
    { name: 'tty', short: 't', type: 'bool' },
    { name: 'rm', type: 'bool' },
    { name: 'attach', type: 'bool' },
    { name: 'annotations', type: 'stringArray' },
    { name: 'expose', type: 'bool' },
    { name: 'leave-stdin-open', type: 'bool' },
    { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'pod-running-timeout', type: 'duration', def: '1m0s' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runRun,
};
