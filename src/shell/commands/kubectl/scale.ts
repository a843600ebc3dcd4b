// `kubectl scale` (the scale subresource, `deployment.apps/web scaled`, --current-replicas
// precondition) and `kubectl rollout status` for Deployments and DaemonSets: the status
// viewer's exact waiting lines, printed for every watch event until the rollout is done.
// Models kubectl/pkg/cmd/scale/scale.go, kubectl/pkg/scale/scale.go,
// kubectl/pkg/cmd/rollout/rollout_status.go and kubectl/pkg/polymorphichelpers/rollout_status.go.
// Leaves out: rollout history/undo/pause/resume/restart, StatefulSet status, --revision.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, dryRunOf, dryRunSuffix, waitUntil } from './command';
import { KubectlError, StatusError, errorText, kindPrefix, toStatusError } from './client';
import { mapManifest, readManifests } from './apply';
import { resolveTargets } from './get';
import { ROLLOUT_MORE_FLAGS, runRolloutMore } from './rollout-more';
import { groupHelp, requiredFlagsError, unknownSubcommand } from './cobra-errors';
import { changeCause } from './mutate-util';

async function runScale(inv: Invocation): Promise<number> {
  const f = inv.flags;
  if (!f.changed('replicas')) throw requiredFlagsError(inv, ['replicas']);
  const replicas = f.int('replicas');
  if (replicas < 0) throw new KubectlError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dry = dryRunOf(f);
  const items: Array<{ r: ReturnType<typeof resolveTargets>[number]['r']; ns: string | undefined; name: string }> = [];
  if (f.list('filename').length) {
    for (const m of await readManifests(inv, f.list('filename'), false)) {
      const mp = mapManifest(inv, m);
      items.push({ r: mp.r, ns: mp.ns, name: mp.name });
    }
  } else {
    if (f.args.length === 0) {
      throw new KubectlError(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    for (const t of resolveTargets(inv.client, f.args, 'scale')) {
      if (t.names.length === 0) {
        if (!f.bool('all') && !f.str('selector')) throw new KubectlError('error: resource(s) were provided, but no name was specified');
        const list = inv.client.get(inv.client.path(t.r, inv.namespace), { query: { labelSelector: f.str('selector') || undefined } }) as { items?: KObject[] };
        for (const o of list.items ?? []) items.push({ r: t.r, ns: inv.namespace, name: o.metadata?.name ?? '' });
      }
      for (const name of t.names) items.push({ r: t.r, ns: inv.namespace, name });
    }
  }
  const errors: string[] = [];
  // resource.Builder visits the objects first: when none can be fetched, kubectl says so.
  const missing: StatusError[] = [];
  const found = items.filter((it) => {
    const res = inv.client.raw('GET', inv.client.path(it.r, it.ns, it.name));
    if (res.status < 300) return true;
    missing.push(toStatusError(res));
    return false;
  });
  if (found.length === 0 && missing.length) throw new KubectlError(`error: no objects passed to scale ${missing.map((e) => e.message).join('\n')}`);
  for (const it of found) {
    try {
      const path = inv.client.path(it.r, it.ns, it.name, 'scale');
      if (f.int('current-replicas') >= 0) {
        const cur = inv.client.get(path) as { spec?: { replicas?: number } };
        if ((cur.spec?.replicas ?? 0) !== f.int('current-replicas')) {
          throw new KubectlError(`error: Expected replicas to be ${f.int('current-replicas')}, was ${cur.spec?.replicas ?? 0}`);
        }
      }
      if (dry !== 'client') {
        inv.client.call('PATCH', path, {
          body: { spec: { replicas } },
          contentType: 'application/merge-patch+json',
          query: { dryRun: dry === 'server' ? 'All' : undefined },
        });
        // --record: kubectl then merge-patches the change cause onto the object itself.
        if (f.changed('record') && f.bool('record')) {
          inv.client.call('PATCH', inv.client.path(it.r, it.ns, it.name), {
            body: { metadata: { annotations: { 'kubernetes.io/change-cause': changeCause(inv, 'scale') } } },
            contentType: 'application/merge-patch+json',
            query: { dryRun: dry === 'server' ? 'All' : undefined },
          });
        }
      }
      inv.out(`${kindPrefix(it.r)}/${it.name} scaled${dryRunSuffix(dry)}\n`);
    } catch (e) {
      if (e instanceof StatusError || e instanceof KubectlError) errors.push(errorText(e));
      else throw e;
    }
  }
  // the objects that could not be fetched are reported after the others were scaled
  for (const e of missing) errors.push(errorText(e));
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

export const scaleCommand: SubCommand = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int', def: -1 },
    { name: 'resource-version', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'timeout', type: 'duration', def: '0s' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run: runScale,
};

// ------------------------------------------------------------------ rollout status

interface Counts {
  [k: string]: number | undefined;
}

/** The status viewer: the line to print and whether the rollout is done; throws when it failed. */
export function rolloutStatus(obj: KObject): { text: string; done: boolean } {
  const name = obj.metadata?.name ?? '';
  const gen = obj.metadata?.generation ?? 0;
  const spec = (obj.spec ?? {}) as { replicas?: number; updateStrategy?: { type?: string } };
  const st = (obj.status ?? {}) as Counts & { conditions?: Array<{ type?: string; reason?: string }> };
  const n = (k: string) => st[k] ?? 0;
  if (obj.kind === 'Deployment') {
    if (gen <= n('observedGeneration')) {
      const cond = st.conditions?.find((c) => c.type === 'Progressing');
      if (cond?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`error: deployment "${name}" exceeded its progress deadline`);
      if (spec.replicas !== undefined && n('updatedReplicas') < spec.replicas) {
        return { text: `Waiting for deployment "${name}" rollout to finish: ${n('updatedReplicas')} out of ${spec.replicas} new replicas have been updated...\n`, done: false };
      }
      if (n('replicas') > n('updatedReplicas')) {
        return { text: `Waiting for deployment "${name}" rollout to finish: ${n('replicas') - n('updatedReplicas')} old replicas are pending termination...\n`, done: false };
      }
      if (n('availableReplicas') < n('updatedReplicas')) {
        return { text: `Waiting for deployment "${name}" rollout to finish: ${n('availableReplicas')} of ${n('updatedReplicas')} updated replicas are available...\n`, done: false };
      }
      return { text: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (obj.kind === 'DaemonSet') {
    if ((spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') {
      throw new KubectlError('error: rollout status is only available for RollingUpdate strategy type');
    }
    if (gen <= n('observedGeneration')) {
      if (n('updatedNumberScheduled') < n('desiredNumberScheduled')) {
        return { text: `Waiting for daemon set "${name}" rollout to finish: ${n('updatedNumberScheduled')} out of ${n('desiredNumberScheduled')} new pods have been updated...\n`, done: false };
      }
      if (n('numberAvailable') < n('desiredNumberScheduled')) {
        return { text: `Waiting for daemon set "${name}" rollout to finish: ${n('numberAvailable')} of ${n('desiredNumberScheduled')} updated pods are available...\n`, done: false };
      }
      return { text: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  throw new KubectlError(`error: no status viewer has been implemented for ${obj.kind}`);
}

async function runRolloutStatus(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  if (args.length === 0) {
    throw new KubectlError(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const targets = resolveTargets(inv.client, args, 'rollout status');
  const t = targets[0];
  if (targets.length !== 1 || t.names.length !== 1) throw new KubectlError('error: rollout status is only supported on individual resources and resource collections, but 0 resources were found');
  const name = t.names[0];
  const obj = inv.client.getObject(t.r, inv.namespace, name);
  const kindOf = (o: KObject): KObject => ({ ...o, kind: t.r.kind });
  let status = rolloutStatus(kindOf(obj));
  inv.out(status.text);
  if (status.done || !f.bool('watch')) return 0;
  const res = inv.client.call('GET', inv.client.path(t.r, inv.namespace), {
    query: { watch: 'true', fieldSelector: `metadata.name=${name}`, resourceVersion: obj.metadata?.resourceVersion },
  });
  const w = res.watch;
  if (!w) return 0;
  let failure: unknown;
  let timedOut = false;
  const timeout = f.ms('timeout');
  const interrupted = await waitUntil(inv.ctx, (done) => {
    if (timeout > 0) {
      void inv.ctx.sys.sleep(timeout, inv.ctx.interrupt).then(() => {
        timedOut = true;
        done();
      });
    }
    w.onEvent((ev) => {
      if (ev.type === 'DELETED') {
        failure = new KubectlError('error: object has been deleted');
        done();
        return;
      }
      if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
      try {
        status = rolloutStatus(kindOf(ev.object));
      } catch (e) {
        failure = e;
        done();
        return;
      }
      inv.out(status.text);
      if (status.done) done();
    });
    return () => w.stop();
  });
  if (interrupted) return 1;
  if (failure) throw failure;
  if (timedOut && !status.done) throw new KubectlError('error: timed out waiting for the condition');
  return 0;
}

async function runRollout(inv: Invocation): Promise<number> {
  const [sub, ...args] = inv.flags.args;
  if (sub === 'status') return runRolloutStatus(inv, args);
  const more = sub ? runRolloutMore(inv, sub, args) : undefined;
  if (more) return more;
  // `kubectl rollout` alone prints its help on stdout (the group's DefaultSubCommandRun(Out)), exit 1
  if (!sub) return groupHelp(inv, 'rollout', 'out');
  throw unknownSubcommand(inv.flags.args, 'rollout');
}

export const rolloutCommand: SubCommand = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  usage: 'kubectl rollout SUBCOMMAND [options]',
  flags: [
    { name: 'watch', short: 'w', type: 'bool', def: true },
    { name: 'timeout', type: 'duration', def: '0s' },
    { name: 'revision', type: 'int' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'selector', short: 'l', type: 'string' },
    ...ROLLOUT_MORE_FLAGS,
  ],
  run: runRollout,
};
