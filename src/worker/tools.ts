// The playground's tools in the worker: failure injection (each one an API action, or the
// kubelet killing a process, so it shows as Events) and `kubectl` run for the UI's inspector and
// tables in a private shell, so the output is exactly what the terminal would print.
// Models kubectl/pkg/cmd/drain (cordon, uncordon, drain) and kubectl set image.
// SIMPLIFICATION: drain does not wait for the evicted pods to be gone before it reports them.
import type { ApiResponse, Deployment, Pod } from '../engine';
import { BufferWriter, createShell, shellQuote } from '../shell';
import { createKubectl } from '../shell/commands/kubectl';
import type { Session } from './session';
import type { FaultAction, FaultResult, KubectlRunResult } from './protocol';

/** `kubectl <args>` in a private shell sharing nothing with the terminal but the cluster. */
export async function runKubectl(session: Session, args: readonly string[]): Promise<KubectlRunResult> {
  const { cluster, sys } = session;
  const kubectl = createKubectl({ request: (req) => cluster.request(req), now: () => cluster.clock.now() });
  const sh = createShell({ sys, commands: new Map([['kubectl', kubectl]]), columns: session.shell.columns });
  const out = new BufferWriter();
  const status = await sh.execute(['kubectl', ...args].map((a) => shellQuote(a)).join(' '), { stdout: out, stderr: out, isTTY: false });
  cluster.clock.yieldRequested = true;
  return { status, output: out.text() };
}

const errorMessage = (res: ApiResponse): string => {
  const b = res.body as { message?: string } | undefined;
  return b?.message ?? `status ${res.status}`;
};

const SMP = { 'content-type': 'application/strategic-merge-patch+json' };

export function injectFault(session: Session, f: FaultAction): FaultResult {
  const { cluster } = session;
  const req = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => cluster.request({ method, path, body, headers });
  switch (f.action) {
    case 'deletePod': {
      const res = req('DELETE', `/api/v1/namespaces/${enc(f.namespace)}/pods/${enc(f.name)}`);
      return res.status < 300 ? { ok: true, output: `pod "${f.name}" deleted\n` } : { ok: false, output: `Error from server: ${errorMessage(res)}\n` };
    }
    case 'killContainer': {
      const res = req('GET', `/api/v1/namespaces/${enc(f.namespace)}/pods/${enc(f.name)}`);
      const pod = res.body as Pod | undefined;
      if (res.status !== 200 || !pod) return { ok: false, output: `Error from server: ${errorMessage(res)}\n` };
      const ok = cluster.nodes.get(pod.spec?.nodeName ?? '')?.killContainer(pod.metadata?.uid ?? '', f.container) ?? false;
      return { ok, output: '' };
    }
    case 'stopNode':
    case 'startNode': {
      const k = cluster.nodes.get(f.node);
      if (!k) return { ok: false, output: `Error from server (NotFound): nodes "${f.node}" not found\n` };
      if (f.action === 'stopNode') k.stop();
      else k.start();
      return { ok: true, output: '' };
    }
    case 'cordon':
    case 'uncordon':
      return cordon(session, f.node, f.action === 'cordon');
    case 'drain':
      return drain(session, f.node);
    case 'breakImage':
      return breakImage(session, f.namespace, f.name);
  }
}

const enc = encodeURIComponent;

/** Models kubectl/pkg/drain/cordon.go: patch spec.unschedulable unless it is already set. */
function cordon(session: Session, node: string, desired: boolean): FaultResult {
  const { cluster } = session;
  const got = cluster.request({ method: 'GET', path: `/api/v1/nodes/${enc(node)}` });
  if (got.status !== 200) return { ok: false, output: `Error from server (NotFound): nodes "${node}" not found\n` };
  const current = Boolean((got.body as { spec?: { unschedulable?: boolean } }).spec?.unschedulable);
  const verb = desired ? 'cordoned' : 'uncordoned';
  if (current === desired) return { ok: true, output: `node/${node} already ${verb}\n` };
  const res = cluster.request({ method: 'PATCH', path: `/api/v1/nodes/${enc(node)}`, headers: SMP, body: { spec: { unschedulable: desired ? true : null } } });
  if (res.status !== 200) return { ok: false, output: `error: unable to ${verb.slice(0, -2)} node "${node}": ${errorMessage(res)}\n` };
  return { ok: true, output: `node/${node} ${verb}\n` };
}

/**
 * `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data --force`: cordon, skip mirror
 * and DaemonSet pods, evict the rest (delete where the server has no eviction subresource).
 */
function drain(session: Session, node: string): FaultResult {
  const { cluster } = session;
  const c = cordon(session, node, true);
  if (!c.ok) return c;
  let output = c.output;
  const list = cluster.request({ method: 'GET', path: `/api/v1/pods?fieldSelector=${enc(`spec.nodeName=${node}`)}` });
  const pods = ((list.body as { items?: Pod[] } | undefined)?.items ?? []);
  const ignored: string[] = [];
  const unmanaged: string[] = [];
  const victims: Pod[] = [];
  for (const p of pods) {
    const key = `${p.metadata?.namespace}/${p.metadata?.name}`;
    if (p.metadata?.annotations?.['kubernetes.io/config.mirror']) continue;
    const ctrl = p.metadata?.ownerReferences?.find((o) => o.controller);
    const done = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    if (ctrl?.kind === 'DaemonSet' && !done) {
      ignored.push(key);
      continue;
    }
    if (!ctrl && !done) unmanaged.push(key);
    victims.push(p);
  }
  const warnings: string[] = [];
  if (unmanaged.length) warnings.push(`deleting Pods that declare no controller: ${unmanaged.join(', ')}`);
  if (ignored.length) warnings.push(`ignoring DaemonSet-managed Pods: ${ignored.join(', ')}`);
  if (warnings.length) output += `Warning: ${warnings.join('; ')}\n`;
  const done: string[] = [];
  for (const p of victims) {
    const ns = p.metadata?.namespace ?? '';
    const name = p.metadata?.name ?? '';
    const base = `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`;
    const ev = cluster.request({
      method: 'POST',
      path: `${base}/eviction`,
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns } },
    });
    if (ev.status === 201 || ev.status === 200) {
      output += `evicting pod ${ns}/${name}\n`;
      done.push(`pod/${name} evicted\n`);
      continue;
    }
    if (ev.status !== 404 && ev.status !== 405) {
      output += `error when evicting pods/"${name}" -n "${ns}" (will retry after 5s): ${errorMessage(ev)}\n`;
      continue;
    }
    const del = cluster.request({ method: 'DELETE', path: base });
    if (del.status < 300) done.push(`pod/${name} deleted\n`);
    else output += `error: ${errorMessage(del)}\n`;
  }
  output += done.join('') + `node/${node} drained\n`;
  return { ok: true, output };
}

/** `kubectl set image deployment/NAME C=<image>:does-not-exist` for the first container. */
function breakImage(session: Session, ns: string, name: string): FaultResult {
  const { cluster } = session;
  const path = `/apis/apps/v1/namespaces/${enc(ns)}/deployments/${enc(name)}`;
  const got = cluster.request({ method: 'GET', path });
  if (got.status !== 200) return { ok: false, output: `Error from server (NotFound): deployments.apps "${name}" not found\n` };
  const c = (got.body as Deployment).spec?.template?.spec?.containers?.[0];
  if (!c) return { ok: false, output: 'error: no containers\n' };
  const image = brokenImage(c.image ?? '');
  const res = cluster.request({ method: 'PATCH', path, headers: SMP, body: { spec: { template: { spec: { containers: [{ name: c.name, image }] } } } } });
  if (res.status !== 200) return { ok: false, output: `error: ${errorMessage(res)}\n` };
  return { ok: true, output: `deployment.apps/${name} image updated\n` };
}

/** The image's repository with a tag that no registry has. */
export function brokenImage(image: string): string {
  const noDigest = image.replace(/@.*$/, '');
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const repo = colon > slash ? noDigest.slice(0, colon) : noDigest;
  return `${repo}:does-not-exist`;
}

