// `kubectl label` and `kubectl annotate`: `key=value` and `key-` arguments after the resources,
// `--overwrite`, `--all`, `-l`, `--dry-run`, `-o`, the labeled / not labeled / unlabeled and
// annotated messages and kubectl's overwrite and argument errors. Sent as a two-way patch.
// Models kubectl/pkg/cmd/label/label.go and kubectl/pkg/cmd/annotate/annotate.go.
// Leaves out: --resource-version preconditions, --local, --field-selector, --list.
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import { KubectlError } from './client';
import { clone, patchObject, printResult, visitObjects } from './mutate-util';

type Mode = 'label' | 'annotate';

function parseUpdates(mode: Mode, args: string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const a of args) {
    const i = a.indexOf('=');
    if (i >= 0) {
      set.set(a.slice(0, i), a.slice(i + 1));
    } else if (a.endsWith('-')) remove.push(a.slice(0, -1));
    else throw new KubectlError(`error: invalid ${mode === 'label' ? 'label' : 'annotation'} spec: ${a}`);
  }
  for (const k of remove) {
    if (set.has(k)) {
      throw new KubectlError(mode === 'label' ? 'error: can not both modify and remove a label in the same command' : 'error: can not both modify and remove an annotation in the same command');
    }
  }
  return { set, remove };
}

async function run(inv: Invocation, mode: Mode): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const resArgs: string[] = [];
  const updArgs: string[] = [];
  // `k=v` and `k-` are updates, the rest name resources (names never end in `-`).
  for (const a of args) (a.includes('=') || (a.endsWith('-') && !a.includes('/')) ? updArgs : resArgs).push(a);
  if (updArgs.length === 0) {
    if (resArgs.length === 0) throw new KubectlError(`error: one or more resources must be specified as <resource> <name> or <resource>/<name>`);
    throw new KubectlError(`error: at least one ${mode === 'label' ? 'label' : 'annotation'} update is required`);
  }
  const { set, remove } = parseUpdates(mode, updArgs);
  const dry = dryRunOf(f);
  const overwrite = f.bool('overwrite');
  const objs = await visitObjects(inv, resArgs, {
    cmd: mode,
    selectors: true,
    allNamespaces: true,
    localError: 'error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set',
  });
  for (const v of objs) {
    const modified = clone(v.obj);
    const meta = (modified.metadata ??= {});
    const current: Record<string, string> = (mode === 'label' ? meta.labels : meta.annotations) ?? {};
    if (!overwrite) {
      const clashes = [...set].filter(([k, val]) => current[k] !== undefined && current[k] !== val);
      if (clashes.length) {
        if (mode === 'label') throw new KubectlError(clashes.map(([k]) => `error: '${k}' already has a value (${current[k]}), and --overwrite is false`).join('\n'));
        throw new KubectlError(`error: --overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`);
      }
    }
    const next = { ...current };
    for (const [k, val] of set) next[k] = val;
    for (const k of remove) {
      if (mode === 'label' && next[k] === undefined) inv.out(`label "${k}" not found.\n`);
      delete next[k];
    }
    if (mode === 'label') meta.labels = next;
    else meta.annotations = next;
    const before = JSON.stringify(v.obj);
    const after = JSON.stringify(modified);
    let verb = 'annotated';
    if (mode === 'label') {
      verb = 'not labeled';
      if (before !== after) verb = !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
    }
    const res = patchObject(inv, v, modified, dry, mode === 'label' ? 'kubectl-label' : 'kubectl-annotate');
    printResult(inv, v.r, res.obj, verb, dry);
  }
  return 0;
}

const commonFlags = [
  { name: 'overwrite', type: 'bool' as const },
  { name: 'all', type: 'bool' as const },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const },
  { name: 'selector', short: 'l', type: 'string' as const },
  { name: 'field-selector', type: 'string' as const },
  { name: 'filename', short: 'f', type: 'stringSlice' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'local', type: 'bool' as const },
  { name: 'list', type: 'bool' as const },
  { name: 'resource-version', type: 'string' as const },
  OUTPUT_FLAG,
  DRY_RUN_FLAG,
];

export const labelCommand: SubCommand = {
  name: 'label',
  short: 'Update the labels on a resource',
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [...commonFlags, { name: 'field-manager', type: 'string', def: 'kubectl-label' }],
  run: (inv) => run(inv, 'label'),
};

export const annotateCommand: SubCommand = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [...commonFlags, { name: 'field-manager', type: 'string', def: 'kubectl-annotate' }],
  run: (inv) => run(inv, 'annotate'),
};
