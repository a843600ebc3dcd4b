// Helpers shared by kubectl's mutating everyday commands (label, annotate, set, patch, rollout,
// taint, cordon...): resource.Builder-style visiting of `TYPE NAME`, `TYPE/NAME`, `-l`, `--all`
// and `-f` arguments into live objects, the two-way strategic patch sent to the server, and the
// `<kind>.<group>/<name> <verb>[ (dry run)]` / `-o` result printing.
// Models k8s.io/cli-runtime/pkg/resource/builder.go and kubectl/pkg/cmd/util/printing.go loosely.
// --local edits the objects of -f files without the server. Leaves out: --field-selector on
// visits, continue-on-error aggregation across types.
import type { Json, KObject } from '../../../engine';
import { createTwoWayMergePatch } from '../../../engine';
import type { DryRun, Invocation } from './command';
import { dryRunSuffix } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, kindPrefix } from './client';
import { mapManifest, readManifests } from './apply';
import { parseOutput, printObjects, resolveTargets, withTypeMeta } from './get';

export interface Visited {
  r: ResourceInfo;
  ns: string | undefined;
  name: string;
  obj: KObject;
  /** From a -f file with --local: nothing is sent to the server. */
  local?: boolean;
}

export const LOCAL_NEEDS_FILES =
  "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

export const NO_RESOURCES_ERROR =
  "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export interface VisitOptions {
  /** The sub-command's name for resolveTargets' hint (`label`, `set image`). */
  cmd: string;
  /** Whether `-l` / `--all` may stand in for names. */
  selectors?: boolean;
  /** `-A` support. */
  allNamespaces?: boolean;
  /** The error when --local is given without -f (the set commands' text by default). */
  localError?: string;
  /** Whether --local may go with --dry-run=server (set selector does not check). */
  localServerDryRun?: boolean;
}

/** Visits the objects the arguments name, fetching each from the server (Builder.Latest()). */
export async function visitObjects(inv: Invocation, args: string[], opts: VisitOptions): Promise<Visited[]> {
  const f = inv.flags;
  const out: Visited[] = [];
  const files = f.p.values.has('filename') ? f.list('filename') : [];
  if (f.p.values.has('local') && f.bool('local')) {
    if (f.str('dry-run') === 'server' && !opts.localServerDryRun) throw new KubectlError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (!files.length) throw new KubectlError(opts.localError ?? LOCAL_NEEDS_FILES);
    for (const m of await readManifests(inv, files, f.bool('recursive'))) {
      const mp = mapManifest(inv, m);
      out.push({ r: mp.r, ns: mp.ns, name: mp.name, obj: m.obj, local: true });
    }
    return out;
  }
  if (files.length) {
    for (const m of await readManifests(inv, files, f.bool('recursive'))) {
      const mp = mapManifest(inv, m);
      out.push({ r: mp.r, ns: mp.ns, name: mp.name, obj: inv.client.getObject(mp.r, mp.ns, mp.name) });
    }
    return out;
  }
  if (args.length === 0) throw new KubectlError(NO_RESOURCES_ERROR);
  const selector = opts.selectors && f.p.values.has('selector') ? f.str('selector') : '';
  const all = opts.selectors && f.p.values.has('all') ? f.bool('all') : false;
  const allNs = opts.allNamespaces && f.p.values.has('all-namespaces') ? f.bool('all-namespaces') : false;
  for (const t of resolveTargets(inv.client, args, opts.cmd)) {
    const ns = t.r.namespaced ? (allNs ? undefined : inv.namespace) : undefined;
    if (t.names.length === 0) {
      if (!selector && !all) throw new KubectlError('error: resource(s) were provided, but no name was specified');
      const list = inv.client.get(inv.client.path(t.r, ns), { query: { labelSelector: selector || undefined } }) as { items?: KObject[] };
      for (const o of list.items ?? []) {
        out.push({ r: t.r, ns: o.metadata?.namespace ?? ns, name: o.metadata?.name ?? '', obj: withTypeMeta(t.r, o) });
      }
      continue;
    }
    if (selector) throw new KubectlError('error: name cannot be provided when a selector is specified');
    for (const name of t.names) out.push({ r: t.r, ns, name, obj: withTypeMeta(t.r, inv.client.getObject(t.r, ns, name)) });
  }
  return out;
}

/** Deep copy through JSON (objects from the API are plain JSON). */
export function clone<T>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}

export function isEmptyPatch(p: Json): boolean {
  return p !== null && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0;
}

export interface PatchResult {
  /** The object after the patch (the modified object itself for client dry runs). */
  obj: KObject;
  /** Whether the two-way patch was empty (nothing sent). */
  empty: boolean;
}

/** Sends the strategic two-way patch original → modified (kubectl's set/label/annotate path). */
const SHORT_FLAGS: Readonly<Record<string, string>> = { n: 'namespace', o: 'output', f: 'filename', l: 'selector', c: 'containers', R: 'recursive', A: 'all-namespaces' };

/**
 * The `kubernetes.io/change-cause` that `--record` writes (cmdutil Factory.Command): `kubectl`,
 * the command words and positional arguments, then every flag as ` --name=value` in the order typed
 * (a bare boolean flag reads `=true`).
 * SIMPLIFICATION: global flags typed before the sub-command are not listed.
 */
export function changeCause(inv: Invocation, command: string): string {
  const flags: string[] = [];
  const raw = inv.rawArgs;
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i];
    if (a === '--') break;
    if (!a.startsWith('-') || a === '-') continue;
    let name: string;
    let value: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) value = a.slice(eq + 1);
    } else {
      name = SHORT_FLAGS[a[1]] ?? a.slice(1, 2);
      if (a.length > 2) value = a.slice(a[2] === '=' ? 3 : 2);
    }
    if (value === undefined) {
      const isBool = typeof inv.flags.p.values.get(name) === 'boolean';
      value = isBool ? 'true' : (raw[++i] ?? '');
    }
    flags.push(` --${name}=${value}`);
  }
  const args = inv.flags.args.length ? ` ${inv.flags.args.join(' ')}` : '';
  return `kubectl ${command}${args}${flags.join('')}`;
}

export function patchObject(inv: Invocation, v: Visited, modified: KObject, dry: DryRun, manager: string): PatchResult {
  if (inv.flags.changed('record') && inv.flags.bool('record') && manager.startsWith('kubectl-')) {
    const meta = { ...(modified.metadata ?? {}) };
    meta.annotations = { ...(meta.annotations ?? {}), 'kubernetes.io/change-cause': changeCause(inv, manager.slice('kubectl-'.length)) };
    modified = { ...modified, metadata: meta };
  }
  const patch = createTwoWayMergePatch(v.obj as unknown as Json, modified as unknown as Json, v.r.kind);
  if (isEmptyPatch(patch)) return { obj: v.obj, empty: true };
  if (dry === 'client' || v.local) return { obj: modified, empty: false };
  const res = inv.client.call('PATCH', inv.client.path(v.r, v.ns, v.name), {
    body: patch,
    contentType: 'application/strategic-merge-patch+json',
    query: { fieldManager: manager, dryRun: dry === 'server' ? 'All' : undefined },
  });
  return { obj: withTypeMeta(v.r, res.body as KObject), empty: false };
}

/** Prints `kind.group/name verb` or the object in the `-o` format. */
export function printResult(inv: Invocation, r: ResourceInfo, obj: KObject, verb: string, dry: DryRun): void {
  const o = inv.flags.p.values.has('output') ? inv.flags.str('output') : '';
  if (o || (inv.flags.p.values.has('template') && inv.flags.str('template'))) {
    printObjects(inv, [{ r, obj: withTypeMeta(r, obj) }], parseOutput(o, inv), true);
    return;
  }
  inv.out(`${kindPrefix(r)}/${obj.metadata?.name ?? ''} ${verb}${dryRunSuffix(dry)}\n`);
}

/** Cobra's "exactly one NAME" error with the usage hint of a sub-command. */
export function exactlyOneName(got: number, cmd: string): KubectlError {
  return new KubectlError(`error: exactly one NAME is required, got ${got}\nSee 'kubectl ${cmd} -h' for help and examples`);
}
