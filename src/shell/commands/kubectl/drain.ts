// `kubectl cordon|uncordon|drain NODE`: spec.unschedulable patches (`node/node2 cordoned`,
// `already cordoned`), and drain's pod filters (DaemonSet-managed, local storage, no
// controller, mirror pods), its error and warning texts, evictions through the pods/eviction
// subresource (`evicting pod default/x`, `pod/x evicted`) or deletes with --disable-eviction,
// waiting until the pods are gone, then `node/node2 drained`.
// Models kubectl/pkg/cmd/drain/drain.go and kubectl/pkg/drain/{drain.go,filters.go,cordon.go}.
// Leaves out: PodDisruptionBudget retries (the engine has none), --chunk-size, exact timeout texts.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix } from './command';
import { KubectlError, StatusError, errorText } from './client';
import { visitObjects } from './mutate-util';

const isCordoned = (n: KObject) => (n.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;

/** Cordons or uncordons the visited nodes; returns the node names. */
async function setCordon(inv: Invocation, args: string[], desired: boolean, cmd: string): Promise<string[]> {
  const dry = dryRunOf(inv.flags);
  if (args.length === 0 && !inv.flags.str('selector')) throw new KubectlError(`error: USAGE: ${cmd} NODE [flags]\nSee 'kubectl ${cmd} -h' for help and examples`);
  const r = inv.client.discovery.mustFind('nodes');
  const nodes = args.length ? args.map((name) => ({ name, obj: inv.client.getObject(r, undefined, name) })) : (await visitObjects(inv, ['nodes'], { cmd, selectors: true })).map((v) => ({ name: v.name, obj: v.obj }));
  const word = desired ? 'cordoned' : 'uncordoned';
  for (const n of nodes) {
    if (isCordoned(n.obj) === desired) {
      inv.out(`node/${n.name} already ${word}${dryRunSuffix(dry)}\n`);
      continue;
    }
    if (dry !== 'client') {
      inv.client.call('PATCH', inv.client.path(r, undefined, n.name), {
        body: { spec: { unschedulable: desired ? true : null } },
        contentType: 'application/strategic-merge-patch+json',
        query: { dryRun: dry === 'server' ? 'All' : undefined },
      });
    }
    inv.out(`node/${n.name} ${word}${dryRunSuffix(dry)}\n`);
  }
  return nodes.map((n) => n.name);
}

const nodeFlags = [{ name: 'selector', short: 'l', type: 'string' as const }, DRY_RUN_FLAG];

export const cordonCommand: SubCommand = {
  name: 'cordon',
  short: 'Mark node as unschedulable',
  usage: 'kubectl cordon NODE [options]',
  flags: nodeFlags,
  run: async (inv) => {
    await setCordon(inv, inv.flags.args, true, 'cordon');
    return 0;
  },
};

export const uncordonCommand: SubCommand = {
  name: 'uncordon',
  short: 'Mark node as schedulable',
  usage: 'kubectl uncordon NODE [options]',
  flags: nodeFlags,
  run: async (inv) => {
    await setCordon(inv, inv.flags.args, false, 'uncordon');
    return 0;
  },
};

// ------------------------------------------------------------------ drain

interface PodFilterResult {
  pod: KObject;
  del: boolean;
  /** The warning or error group this pod falls into. */
  warning?: string;
  error?: string;
}

function controllerOf(pod: KObject): { kind?: string; name?: string } | undefined {
  return (pod.metadata?.ownerReferences as Array<{ kind?: string; name?: string; controller?: boolean }> | undefined)?.find((o) => o.controller);
}

/** drain's filter chain (filters.go), in order. */
function filterPod(inv: Invocation, pod: KObject): PodFilterResult {
  const f = inv.flags;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  const finished = phase === 'Succeeded' || phase === 'Failed';
  const ctrl = controllerOf(pod);
  if (ctrl?.kind === 'DaemonSet') {
    if (!f.bool('ignore-daemonsets')) return { pod, del: false, error: 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)' };
    return { pod, del: false, warning: 'ignoring DaemonSet-managed Pods' };
  }
  if (pod.metadata?.annotations?.['kubernetes.io/config.mirror'] !== undefined) return { pod, del: false };
  const vols = (pod.spec as { volumes?: Array<{ emptyDir?: unknown }> } | undefined)?.volumes ?? [];
  let warning: string | undefined;
  if (!finished && vols.some((v) => v.emptyDir !== undefined)) {
    if (!f.bool('delete-emptydir-data')) return { pod, del: false, error: 'cannot delete Pods with local storage (use --delete-emptydir-data to override)' };
    warning = 'deleting Pods with local storage';
  }
  if (!finished && !ctrl) {
    if (!f.bool('force')) return { pod, del: false, error: 'cannot delete cannot delete Pods that declare no controller (use --force to override)' };
    warning = 'deleting Pods that declare no controller';
  }
  return { pod, del: true, warning };
}

/** Groups `ns/name` by message, in first-appearance order: `msg: a, b`. */
function grouped(items: Array<{ msg: string; pod: KObject }>): string[] {
  const m = new Map<string, string[]>();
  for (const { msg, pod } of items) {
    const list = m.get(msg) ?? [];
    list.push(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    m.set(msg, list);
  }
  return [...m].map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);
}

async function drainNode(inv: Invocation, node: string): Promise<void> {
  const f = inv.flags;
  const dry = dryRunOf(f);
  const podsR = inv.client.discovery.mustFind('pods');
  const list = inv.client.get(inv.client.path(podsR, undefined), {
    query: { fieldSelector: `spec.nodeName=${node}`, labelSelector: f.str('pod-selector') || undefined },
  }) as { items?: KObject[] };
  const results = (list.items ?? []).map((p) => filterPod(inv, p));
  const errs = grouped(results.filter((r) => r.error).map((r) => ({ msg: r.error ?? '', pod: r.pod })));
  if (errs.length) {
    const joined = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    throw new KubectlError(
      `error: unable to drain node "${node}" due to error: ${joined}, continuing command...\nThere are pending nodes to be drained:\n ${node}\n${errs.join('\n')}`,
    );
  }
  const warns = grouped(results.filter((r) => r.warning).map((r) => ({ msg: r.warning ?? '', pod: r.pod })));
  if (warns.length) inv.err(`Warning: ${warns.join('; ')}\n`);
  const victims = results.filter((r) => r.del).map((r) => r.pod);
  const evict = !f.bool('disable-eviction');
  const grace = f.int('grace-period');
  const deleteOptions: Record<string, unknown> = {};
  if (grace >= 0) deleteOptions.gracePeriodSeconds = grace;
  const pending: KObject[] = [];
  for (const p of victims) {
    const ns = p.metadata?.namespace ?? 'default';
    const name = p.metadata?.name ?? '';
    if (dry === 'client') {
      inv.out(evict ? `evicting pod ${ns}/${name} (dry run)\n` : `pod/${name} deleted (dry run)\n`);
      continue;
    }
    if (evict) {
      inv.out(`evicting pod ${ns}/${name}\n`);
      const body = { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions: { ...deleteOptions, ...(dry === 'server' ? { dryRun: ['All'] } : {}) } };
      const res = inv.client.raw('POST', inv.client.path(podsR, ns, name, 'eviction'), { body });
      if (res.status >= 300 && res.status !== 404) throw new StatusError(res.body as StatusError['status'], res.status);
    } else {
      const res = inv.client.raw('DELETE', inv.client.path(podsR, ns, name), { body: { kind: 'DeleteOptions', apiVersion: 'v1', ...deleteOptions }, query: { dryRun: dry === 'server' ? 'All' : undefined } });
      if (res.status >= 300 && res.status !== 404) throw new StatusError(res.body as StatusError['status'], res.status);
    }
    pending.push(p);
  }
  if (dry !== 'none') {
    for (const p of pending) inv.out(`pod/${p.metadata?.name} ${evict ? 'evicted' : 'deleted'}${dryRunSuffix(dry)}\n`);
  } else {
    // Wait (polling each second, as waitForDelete does) until every pod is gone or replaced.
    const timeout = f.ms('timeout');
    let waited = 0;
    let left = pending;
    for (;;) {
      left = left.filter((p) => {
        const res = inv.client.raw('GET', inv.client.path(podsR, p.metadata?.namespace, p.metadata?.name));
        const gone = res.status === 404 || (res.body as KObject).metadata?.uid !== p.metadata?.uid;
        if (gone) inv.out(`pod/${p.metadata?.name} ${evict ? 'evicted' : 'deleted'}\n`);
        return !gone;
      });
      if (left.length === 0) break;
      if (inv.ctx.interrupt.aborted) throw new KubectlError('error: interrupted');
      if (timeout > 0 && waited >= timeout) {
        // SIMPLIFICATION: one aggregated line instead of one per pod.
        throw new KubectlError(
          `error: unable to drain node "${node}" due to error: error when waiting for pod "${left[0].metadata?.name}" in namespace "${left[0].metadata?.namespace}" to terminate: global timeout reached: ${timeout / 1000}s, continuing command...\nThere are pending nodes to be drained:\n ${node}\nerror when waiting for pod "${left[0].metadata?.name}" in namespace "${left[0].metadata?.namespace}" to terminate: global timeout reached: ${timeout / 1000}s`,
        );
      }
      await inv.ctx.sys.sleep(1000, inv.ctx.interrupt);
      waited += 1000;
    }
  }
  inv.out(`node/${node} drained${dryRunSuffix(dry)}\n`);
}

export const drainCommand: SubCommand = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  usage: 'kubectl drain NODE [options]',
  flags: [
    ...nodeFlags,
    { name: 'force', type: 'bool' },
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'delete-local-data', type: 'bool' },
    { name: 'disable-eviction', type: 'bool' },
    { name: 'grace-period', type: 'int', def: -1 },
    { name: 'timeout', type: 'duration', def: '0s' },
    { name: 'pod-selector', type: 'string' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', def: 0 },
    { name: 'chunk-size', type: 'int', def: 500 },
  ],
  run: async (inv) => {
    const nodes = await setCordon(inv, inv.flags.args, true, 'drain');
    const errors: string[] = [];
    for (const n of nodes) {
      try {
        await drainNode(inv, n);
      } catch (e) {
        if (e instanceof KubectlError || e instanceof StatusError) errors.push(errorText(e));
        else throw e;
      }
    }
    if (errors.length) {
      inv.err(errors.join(''));
      return 1;
    }
    return 0;
  },
};
