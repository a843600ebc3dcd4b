// `kubectl taint nodes NODE key=value:Effect | key:Effect | key:Effect- | key-`: adds,
// overwrites (`--overwrite`) and removes node taints; `node/node2 tainted|modified|untainted`
// and kubectl's validation and "already has" / "not found" errors.
// Models kubectl/pkg/cmd/taint/{taint.go,utils.go}.
// Leaves out: taints on non-node resources (rejected as kubectl does), --validate.
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import { KubectlError } from './client';
import { clone, patchObject, printResult, visitObjects } from './mutate-util';

interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
const usage = (msg: string) => new KubectlError(`error: ${msg}\nSee 'kubectl taint -h' for help and examples`);

function parseTaint(spec: string): Taint {
  const colon = spec.lastIndexOf(':');
  const kv = colon >= 0 ? spec.slice(0, colon) : spec;
  const effect = colon >= 0 ? spec.slice(colon + 1) : '';
  if (colon < 0) throw usage(`invalid taint spec: ${spec}`);
  if (!EFFECTS.includes(effect)) throw usage(`invalid taint effect: ${effect}, unsupported taint effect`);
  const eq = kv.indexOf('=');
  const t: Taint = { key: eq >= 0 ? kv.slice(0, eq) : kv, effect };
  if (eq >= 0) t.value = kv.slice(eq + 1);
  return t;
}

async function runTaint(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const resArgs: string[] = [];
  const specs: string[] = [];
  for (const a of args) (a.includes('=') || a.includes(':') || (a.endsWith('-') && !a.includes('/')) ? specs : resArgs).push(a);
  if (resArgs.length === 0 && !f.bool('all') && !f.str('selector')) throw usage('at least one resource name must be specified since \'all\' parameter is not set');
  if (specs.length === 0) throw new KubectlError('error: at least one taint update is required');
  const add: Taint[] = [];
  const remove: Array<{ key: string; effect?: string; spec: string }> = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const body = s.slice(0, -1);
      const colon = body.indexOf(':');
      // A value in a removal (`key=value:Effect-`, the docs' own form) is ignored.
      const keyOf = (k: string) => (k.includes('=') ? k.slice(0, k.indexOf('=')) : k);
      if (colon >= 0) {
        const effect = body.slice(colon + 1);
        if (!EFFECTS.includes(effect)) throw usage(`invalid taint effect: ${effect}, unsupported taint effect`);
        const key = keyOf(body.slice(0, colon));
        remove.push({ key, effect, spec: `${key}:${effect}` });
      } else remove.push({ key: keyOf(body), spec: keyOf(body) });
    } else add.push(parseTaint(s));
  }
  const objs = await visitObjects(inv, resArgs.length ? resArgs : ['nodes'], { cmd: 'taint', selectors: true });
  const dry = dryRunOf(f);
  for (const v of objs) {
    if (v.r.kind !== 'Node') throw new KubectlError(`error: invalid resource type ${v.r.plural}, only node types are supported`);
    const modified = clone(v.obj);
    const spec = (modified.spec ??= {}) as { taints?: Taint[] };
    let taints = spec.taints ?? [];
    let op = 'tainted';
    for (const t of add) {
      const existing = taints.find((x) => x.key === t.key && x.effect === t.effect);
      if (existing && !f.bool('overwrite')) {
        throw new KubectlError(`error: node ${v.name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
      }
      if (existing) {
        op = 'modified';
        taints = taints.map((x) => (x === existing ? t : x));
      } else taints = [...taints, t];
    }
    for (const rm of remove) {
      const keep = taints.filter((x) => !(x.key === rm.key && (rm.effect === undefined || x.effect === rm.effect)));
      if (keep.length === taints.length) throw new KubectlError(`error: taint ${JSON.stringify(rm.spec)} not found`);
      taints = keep;
      op = add.length ? 'modified' : 'untainted';
    }
    if (taints.length) spec.taints = taints;
    else delete spec.taints;
    const res = patchObject(inv, v, modified, dry, 'kubectl-taint');
    printResult(inv, v.r, res.obj, op, dry);
  }
  return 0;
}

export const taintCommand: SubCommand = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'overwrite', type: 'bool' },
    { name: 'all', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'validate', type: 'string', def: 'strict', noOpt: 'strict' },
    { name: 'field-manager', type: 'string', def: 'kubectl-taint' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runTaint,
};
