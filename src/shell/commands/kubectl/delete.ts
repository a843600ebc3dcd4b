// `kubectl delete`: TYPE NAME..., TYPE/NAME, -f FILE, -l selector, --all, --grace-period, --now,
// --force (with its warning), --cascade, --ignore-not-found, and the default --wait=true that
// blocks until the objects are gone (finalizers, graceful pod termination) by watching them.
// Models kubectl/pkg/cmd/delete/delete.go (RunDelete, DeleteResult, PrintObj messages).
// Leaves out: --raw, --interactive, --field-selector on -f, --timeout other than "forever" by default.
import type { KObject } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, dryRunOf, waitUntil } from './command';
import type { ResourceInfo } from './client';
import type { StatusError } from './client';
import { KubectlError, errorText, toStatusError } from './client';
import { mapManifest, readManifests } from './apply';
import { resolveTargets } from './get';

interface Deleted {
  r: ResourceInfo;
  ns: string | undefined;
  name: string;
  uid?: string;
}

async function runDelete(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const dry = dryRunOf(f);
  let grace = f.int('grace-period');
  const force = f.bool('force');
  if (f.bool('now')) {
    if (f.changed('grace-period') && grace !== -1) throw new KubectlError('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const cascade = f.str('cascade');
  const policy = cascade === 'orphan' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  if (!['background', 'foreground', 'orphan', 'true', 'false'].includes(cascade)) {
    throw new KubectlError(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  }
  const selector = f.str('selector');
  const all = f.bool('all');
  const allNs = f.bool('all-namespaces');
  const files = f.list('filename');

  // what to delete
  const items: Array<{ r: ResourceInfo; ns: string | undefined; name: string; source?: string }> = [];
  const errors: string[] = [];
  let wantedList = false;
  if (files.length) {
    for (const m of await readManifests(inv, files, f.bool('recursive'))) {
      const mp = mapManifest(inv, m);
      items.push({ r: mp.r, ns: mp.ns, name: mp.name, source: mp.source });
    }
  } else {
    const args = f.args;
    if (args.length === 0) {
      throw new KubectlError(
        "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    const targets = resolveTargets(inv.client, args, 'delete');
    for (const t of targets) {
      if (t.names.length) {
        for (const name of t.names) items.push({ r: t.r, ns: t.r.namespaced ? inv.namespace : undefined, name });
        continue;
      }
      if (!selector && !all && !f.str('field-selector')) throw new KubectlError('error: resource(s) were provided, but no name was specified');
      wantedList = true;
      const ns = allNs ? undefined : inv.namespace;
      const list = inv.client.get(inv.client.path(t.r, ns), { query: { labelSelector: selector || undefined, fieldSelector: f.str('field-selector') || undefined } }) as { items?: KObject[] };
      for (const o of list.items ?? []) items.push({ r: t.r, ns: o.metadata?.namespace, name: o.metadata?.name ?? '' });
    }
  }
  if (items.length === 0 && wantedList) {
    inv.out('No resources found\n');
    return 0;
  }

  if (grace === 0 && force) {
    inv.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const body: Record<string, unknown> = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy };
  if (grace >= 0) body.gracePeriodSeconds = grace;
  if (dry === 'server') body.dryRun = ['All'];
  const pending: Deleted[] = [];
  const verb = grace === 0 && force ? 'force deleted' : 'deleted';
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  for (const it of items) {
    const label = `${it.r.group ? `${it.r.kind.toLowerCase()}.${it.r.group}` : it.r.kind.toLowerCase()} "${it.name}"`;
    if (dry === 'client') {
      inv.out(`${label} ${verb}${suffix}\n`);
      continue;
    }
    const res = inv.client.raw('DELETE', inv.client.path(it.r, it.ns, it.name), { body });
    if (res.status >= 300) {
      let e: StatusError = toStatusError(res);
      if (e.reason === 'NotFound' && f.bool('ignore-not-found')) continue;
      if (it.source) e = e.withSource('deleting', it.source);
      errors.push(errorText(e));
      continue;
    }
    inv.out(`${label} ${verb}${suffix}\n`);
    const obj = res.body as KObject & { kind?: string };
    if (dry === 'none' && obj && obj.kind !== 'Status') pending.push({ r: it.r, ns: it.ns, name: it.name, uid: obj.metadata?.uid });
  }

  if (f.bool('wait') && pending.length && dry === 'none') {
    const timeoutMs = f.ms('timeout');
    const interrupted = await waitForDeletion(inv, pending, timeoutMs > 0 ? timeoutMs : 0);
    if (interrupted === 'interrupted') return 130;
    if (interrupted === 'timeout') {
      for (const p of pending) errors.push(`error: timed out waiting for the condition on ${p.r.group ? `${p.r.plural}.${p.r.group}` : p.r.plural}/${p.name}\n`);
    }
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

/** Watches every object until it is gone (or replaced by a new uid). */
async function waitForDeletion(inv: Invocation, objs: Deleted[], timeoutMs: number): Promise<'done' | 'interrupted' | 'timeout'> {
  let timedOut = false;
  for (const o of objs) {
    const path = inv.client.path(o.r, o.ns);
    const current = inv.client.raw('GET', inv.client.path(o.r, o.ns, o.name));
    if (current.status === 404) continue;
    const live = current.body as KObject;
    if (o.uid && live.metadata?.uid !== o.uid) continue;
    const res = inv.client.call('GET', path, { query: { watch: 'true', fieldSelector: `metadata.name=${o.name}`, resourceVersion: live.metadata?.resourceVersion } });
    const w = res.watch;
    if (!w) continue;
    const interrupted = await waitUntil(inv.ctx, (done) => {
      let timer: Promise<void> | undefined;
      if (timeoutMs > 0) {
        timer = inv.ctx.sys.sleep(timeoutMs, inv.ctx.interrupt).then(() => {
          timedOut = true;
          done();
        });
      }
      void timer;
      w.onEvent((ev) => {
        if (ev.type === 'DELETED' || (o.uid && ev.object.metadata?.uid !== o.uid)) done();
      });
      return () => w.stop();
    });
    if (interrupted) return 'interrupted';
    if (timedOut) return 'timeout';
  }
  return 'done';
}

export const deleteCommand: SubCommand = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  usage: 'kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int', def: -1 },
    { name: 'now', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'wait', type: 'bool', def: true },
    { name: 'timeout', type: 'duration', def: '0s' },
    { name: 'cascade', type: 'string', def: 'background', noOpt: 'background' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
    DRY_RUN_FLAG,
  ],
  run: runDelete,
};
