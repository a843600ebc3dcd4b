// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] [-q] -- COMMAND [args...]`: the client
// half — argument rules of v1.32 (the old `exec POD COMMAND` form is an error now), the pod of a
// controller or service, the completed-pod and default-container checks, TTY setup, the POST to
// the pods/exec subresource and `command terminated with exit code N`.
// Models kubectl/pkg/cmd/exec/exec.go, kubectl/pkg/cmd/util/podcmd/podcmd.go and
// polymorphichelpers/{attachablepodforobject,helpers}.go. Leaves out -f FILENAME and terminal resizes.
import type { KObject, Pod } from '../../../../engine';
import type { Reader } from '../../../interpreter/types';
import type { Invocation, SubCommand } from '../command';
import { waitUntil } from '../command';
import { KubectlError, toStatusError } from '../client';
import type { KubeClient, ResourceInfo } from '../client';
import type { ExecSession } from './pod-streams';

const USAGE_HINT = "See 'kubectl exec -h' for help and examples";

/** spec.selector of a workload or service as a label selector string. */
export function selectorString(obj: KObject): string {
  const sel = (obj.spec as { selector?: Record<string, unknown> } | undefined)?.selector;
  if (!sel) return '';
  const kind = obj.kind ?? '';
  const ml = (kind === 'ReplicationController' || kind === 'Service' ? sel : (sel.matchLabels as Record<string, string> | undefined) ?? {}) as Record<string, string>;
  const parts = Object.keys(ml).sort().map((k) => `${k}=${ml[k]}`);
  const exprs = (sel.matchExpressions as Array<{ key: string; operator: string; values?: string[] }> | undefined) ?? [];
  if (kind !== 'ReplicationController' && kind !== 'Service') {
    for (const e of exprs) {
      if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
      else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
      else if (e.operator === 'Exists') parts.push(e.key);
      else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    }
  }
  return parts.join(',');
}

function readySince(p: Pod): string {
  return p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime ?? '';
}

/** Most active pod first: sort.Reverse(podutils.ActivePods), as attach/exec/port-forward pick. */
export function byActivePodsReversed(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(b) - assigned(a);
  const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const ra = rank[a.status?.phase ?? ''] ?? 0;
  const rb = rank[b.status?.phase ?? ''] ?? 0;
  if (ra !== rb) return rb - ra;
  const ready = (p: Pod) => (readySince(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(b) - ready(a);
  if (ready(a) && readySince(a) !== readySince(b)) return readySince(a) < readySince(b) ? -1 : 1;
  const restarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
  if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
  const ca = a.metadata?.creationTimestamp ?? '';
  const cb = b.metadata?.creationTimestamp ?? '';
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

const SELECTOR_KINDS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Deployment', 'Job', 'Service']);

/**
 * polymorphichelpers.SelectorsForObject: the pod selector of a workload or service, or the
 * error text (`selector for *v1.ConfigMap not implemented`, a Service without a selector).
 */
export function podSelectorFor(r: ResourceInfo, obj: KObject): { selector: string } | { error: string } {
  const goType = `*${r.version}.${r.kind}`;
  if (!SELECTOR_KINDS.has(r.kind)) return { error: `selector for ${goType} not implemented` };
  if (r.kind === 'Service' && Object.keys((obj.spec as { selector?: object } | undefined)?.selector ?? {}).length === 0) {
    return { error: `invalid service '${obj.metadata?.name ?? ''}': Service is defined without a selector` };
  }
  return { selector: selectorString({ ...obj, kind: r.kind }) };
}

type Attachable = { pod: Pod; via?: { r: ResourceInfo; obj: KObject } };
type Lookup = Attachable | { pending: { r: ResourceInfo; obj: KObject; selector: string; ns: string; rv?: string } };

function lookupAttachable(client: KubeClient, namespace: string, target: string): Lookup {
  const podsRes = client.discovery.mustFind('pods');
  const slash = target.indexOf('/');
  if (slash < 0) return { pod: client.getObject(podsRes, namespace, target) as Pod };
  const r = client.discovery.mustFind(target.slice(0, slash));
  const name = target.slice(slash + 1);
  const obj = client.getObject(r, namespace, name);
  if (r.kind === 'Pod') return { pod: obj as Pod };
  const sel = podSelectorFor(r, obj);
  if ('error' in sel) throw new KubectlError(`error: cannot attach to *${r.version}.${r.kind}: ${sel.error}`);
  const ns = obj.metadata?.namespace ?? namespace;
  const list = client.get(client.path(podsRes, ns), { query: { labelSelector: sel.selector } }) as { items?: Pod[]; metadata?: { resourceVersion?: string } };
  const items = (list.items ?? []).slice().sort(byActivePodsReversed);
  if (items.length === 0) return { pending: { r, obj, selector: sel.selector, ns, rv: list.metadata?.resourceVersion } };
  return { pod: items[0]!, via: { r, obj } };
}

/**
 * The pod behind POD or TYPE/NAME (deploy/x, rs/x, rc/x, svc/x, job/x, sts/x, ds/x), as the
 * attachable-pod helper finds it. Returns the resource of the object too (port-forward needs it).
 * SIMPLIFICATION: a controller without pods fails at once; `findAttachablePod` waits as kubectl does.
 */
export function attachablePod(client: KubeClient, namespace: string, target: string): Attachable {
  const found = lookupAttachable(client, namespace, target);
  if ('pending' in found) throw new KubectlError('error: timed out waiting for the condition');
  return found;
}

/** helpers.GetFirstPod's wait: the first pod that a watch from `rv` shows within `timeoutMs`. */
export async function watchFirstPod(inv: Invocation, ns: string, selector: string, rv: string | undefined, timeoutMs: number): Promise<Pod | undefined | 'interrupted'> {
  const podsRes = inv.client.discovery.mustFind('pods');
  const res = inv.client.call('GET', inv.client.path(podsRes, ns), { query: { watch: 'true', labelSelector: selector, resourceVersion: rv } });
  const w = res.watch;
  if (!w) return undefined;
  let found: Pod | undefined;
  const interrupted = await waitUntil(inv.ctx, (done) => {
    void inv.ctx.sys.sleep(timeoutMs, inv.ctx.interrupt).then(done);
    w.onEvent((ev) => {
      if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
        found = ev.object as Pod;
        done();
      }
    });
    return () => w.stop();
  });
  return interrupted ? 'interrupted' : found;
}

/** attachablePod, waiting up to --pod-running-timeout for a controller's first pod to appear. */
export async function findAttachablePod(inv: Invocation, target: string, timeoutMs: number): Promise<Attachable | 'interrupted'> {
  const found = lookupAttachable(inv.client, inv.namespace, target);
  if (!('pending' in found)) return found;
  const { r, obj, selector, ns, rv } = found.pending;
  const pod = await watchFirstPod(inv, ns, selector, rv, timeoutMs);
  if (pod === 'interrupted') return pod;
  if (!pod) throw new KubectlError('error: timed out waiting for the condition');
  return { pod, via: { r, obj } };
}

/** podcmd.FindOrDefaultContainerByName with an empty name. */
export function defaultContainer(pod: Pod, quiet: boolean, warn: (s: string) => void): string {
  const containers = pod.spec?.containers ?? [];
  const def = pod.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (def) {
    if (containers.some((c) => c.name === def)) return def;
    warn(`Default container name "${def}" not found in pod ${pod.metadata?.name ?? ''}\n`);
  }
  const first = containers[0]?.name ?? '';
  if (!quiet && containers.length + (pod.spec?.initContainers?.length ?? 0) > 1) {
    const all = [...containers.map((c) => c.name), ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`)];
    warn(`Defaulted container "${first}" out of: ${all.join(', ')}\n`);
  }
  return first;
}

/** Query string of PodExecOptions (command repeated, as url.Values encodes it). */
function execQuery(container: string, command: string[], stdin: boolean, stderr: boolean, tty: boolean): string {
  const parts = command.map((c) => `command=${encodeURIComponent(c)}`);
  parts.push(`container=${encodeURIComponent(container)}`);
  if (stderr) parts.push('stderr=true');
  if (stdin) parts.push('stdin=true');
  parts.push('stdout=true');
  if (tty) parts.push('tty=true');
  return parts.join('&');
}

async function runExec(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const dash = f.p.argsLenAtDash;
  const resource = args.length > 0 && dash !== 0 ? args[0]! : '';
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1) throw new KubectlError(`error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n${USAGE_HINT}`);
  if (f.ms('pod-running-timeout') <= 0) throw new KubectlError(`error: --pod-running-timeout must be higher than zero\n${USAGE_HINT}`);
  if (!resource && f.list('filename').length === 0) throw new KubectlError('error: pod, type/name or --filename must be specified');
  if (command.length === 0) throw new KubectlError('error: you must specify at least one command for the container');
  if (!resource) throw new KubectlError('error: --filename is not supported in this playground; give POD or TYPE/NAME');
  const quiet = f.bool('quiet');
  const found = await findAttachablePod(inv, resource, f.ms('pod-running-timeout'));
  if (found === 'interrupted') return 130;
  const { pod } = found;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = f.str('container') || defaultContainer(pod, quiet, inv.err);
  const stdinWanted = f.bool('stdin');
  let tty = stdinWanted && f.bool('tty');
  if (tty && !inv.ctx.isTTY) {
    tty = false;
    if (!quiet) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const ns = pod.metadata?.namespace ?? inv.namespace;
  const name = pod.metadata?.name ?? '';
  const path = `/api/v1/namespaces/${ns}/pods/${name}/exec?${execQuery(container, command, stdinWanted, !tty, tty)}`;
  const res = inv.client.raw('POST', path, { accept: '*/*' });
  if (res.status !== 101) {
    if (typeof res.body === 'string') throw new KubectlError(`error: unable to upgrade connection: ${res.body}`);
    throw toStatusError(res);
  }
  const session = res.body as ExecSession;
  const stdin: Reader | null = stdinWanted ? inv.ctx.stdin : null;
  const out = { write: (s: string) => inv.out(s) };
  const code = await session.run(
    { stdin, stdout: out, stderr: tty ? out : { write: (s: string) => inv.err(s) }, tty, interrupt: inv.ctx.interrupt },
    { sys: inv.ctx.sys, columns: inv.ctx.columns, rows: inv.ctx.rows },
  );
  if (code !== 0) {
    inv.err(`command terminated with exit code ${code}\n`);
    return code;
  }
  return 0;
}

export const execCommand: SubCommand = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: [
    { name: 'container', short: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'to use to exec into the resource' },
    { name: 'pod-running-timeout', type: 'duration', def: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
  ],
  run: runExec,
};
