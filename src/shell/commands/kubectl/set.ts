// `kubectl set image|env|resources|selector|serviceaccount|subject`: edits the containers of a
// Pod or of a workload's pod template (or a Service's selector, a binding's subjects) and sends
// the two-way strategic patch (`deployment.apps/web image updated`), `set env --list`, `KEY-`
// removal, `-c` container filters, --local on -f files, and kubectl's errors.
// Models kubectl/pkg/cmd/set/{set.go,set_image.go,set_env.go,set_resources.go,set_selector.go,
// set_serviceaccount.go,set_subject.go}. Leaves out: env --from/--keys/--resolve.
import type { KObject } from '../../../engine';
import { SelectorError, parseLabelSelector } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf } from './command';
import { KubectlError, errorText } from './client';
import type { Visited } from './mutate-util';
import { clone, patchObject, printResult, visitObjects } from './mutate-util';

interface Container {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
}

const SET_HELP = `Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The pod spec inside an object (polymorphichelpers.UpdatePodSpecForObject). */
function podSpecOf(o: KObject): PodSpec | undefined {
  const spec = o.spec as (PodSpec & { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } }) | undefined;
  if (!spec) return undefined;
  if (o.kind === 'Pod') return spec;
  if (o.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

function noPodSpec(v: Visited): KubectlError {
  // -f objects are named by singular resource (info.Mapping.Resource of a decoded file vs. of a lookup)
  const res = v.local ? v.r.singular : v.r.plural;
  return new KubectlError(`error: ${res}/${v.name} the object is not a pod or does not have a pod template: *${v.r.version}.${v.r.kind}`);
}

/** Splits `TYPE NAME ... K=V ...` into resource args and the `=`/`-` arguments. */
function splitArgs(args: string[], isSetting: (a: string) => boolean): [string[], string[]] {
  const res: string[] = [];
  const rest: string[] = [];
  for (const a of args) (isSetting(a) ? rest : res).push(a);
  return [res, rest];
}

async function runUpdate(
  inv: Invocation,
  resArgs: string[],
  verb: string,
  cmd: string,
  mutate: (v: Visited, spec: PodSpec) => void,
  printUnchanged = false,
): Promise<number> {
  const dry = dryRunOf(inv.flags);
  const objs = await visitObjects(inv, resArgs, { cmd, selectors: true });
  const errors: string[] = [];
  for (const v of objs) {
    const modified = clone(v.obj);
    const spec = podSpecOf(modified);
    if (!spec) {
      errors.push(errorText(noPodSpec(v)));
      continue;
    }
    try {
      mutate(v, spec);
      const res = patchObject(inv, v, modified, dry, 'kubectl-set');
      if (res.empty && !printUnchanged) continue;
      printResult(inv, v.r, res.obj, verb, dry);
    } catch (e) {
      if (e instanceof Error) errors.push(errorText(e));
      else throw e;
    }
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}

async function setImage(inv: Invocation, args: string[]): Promise<number> {
  const [resArgs, pairs] = splitArgs(args, (a) => a.includes('='));
  if (pairs.length === 0) throw new KubectlError('error: at least one image update is required');
  const images = pairs.map((p) => {
    const i = p.indexOf('=');
    return { name: p.slice(0, i), image: p.slice(i + 1) };
  });
  return runUpdate(inv, resArgs, 'image updated', 'set image', (_v, spec) => {
    for (const { name, image } of images) {
      const matched = allContainers(spec).filter((c) => name === '*' || c.name === name);
      if (matched.length === 0) throw new KubectlError(`error: unable to find container named "${name}"`);
      for (const c of matched) c.image = image;
    }
  });
}

function containerFilter(inv: Invocation): (c: Container) => boolean {
  const pat = inv.flags.str('containers') || '*';
  const re = new RegExp(`^${pat.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (c) => re.test(c.name);
}

async function setEnv(inv: Invocation, args: string[]): Promise<number> {
  const [resArgs, envArgs] = splitArgs(args, (a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  const sets: Array<{ name: string; value: string }> = [];
  const removes: string[] = [];
  for (const e of [...envArgs, ...inv.flags.list('env')]) {
    const i = e.indexOf('=');
    if (i > 0) sets.push({ name: e.slice(0, i), value: e.slice(i + 1) });
    else if (e.endsWith('-')) removes.push(e.slice(0, -1));
    else throw new KubectlError(`error: invalid environment variable: ${e}`);
  }
  const match = containerFilter(inv);
  if (inv.flags.bool('list')) {
    const objs = await visitObjects(inv, resArgs, { cmd: 'set env', selectors: true });
    for (const v of objs) {
      const spec = podSpecOf(v.obj);
      if (!spec) continue;
      const cs = allContainers(spec).filter(match);
      if (cs.length === 0) {
        inv.err(`Warning: ${v.obj.kind}/${v.name} does not have any containers matching "${inv.flags.str('containers')}"\n`);
        continue;
      }
      for (const c of cs) {
        inv.out(`# ${v.obj.kind} ${v.name}, container ${c.name}\n`);
        for (const e of c.env ?? []) {
          if (e.valueFrom !== undefined) inv.out(`# ${e.name} from: ${JSON.stringify(e.valueFrom)}\n`);
          else inv.out(`${e.name}=${e.value ?? ''}\n`);
        }
      }
    }
    return 0;
  }
  if (sets.length === 0 && removes.length === 0) return 0;
  return runUpdate(inv, resArgs, 'env updated', 'set env', (v, spec) => {
    const cs = allContainers(spec).filter(match);
    if (cs.length === 0) inv.err(`Warning: ${v.obj.kind}/${v.name} does not have any containers matching "${inv.flags.str('containers')}"\n`);
    for (const c of cs) {
      let env = (c.env ?? []).filter((e) => !removes.includes(e.name));
      for (const s of sets) {
        const at = env.findIndex((e) => e.name === s.name);
        if (at >= 0) env[at] = { name: s.name, value: s.value };
        else env = [...env, { name: s.name, value: s.value }];
      }
      if (env.length) c.env = env;
      else delete c.env;
    }
  });
}

function parseResourceList(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(',')) {
    if (!part) continue;
    const i = part.indexOf('=');
    if (i <= 0) throw new KubectlError(`error: invalid argument syntax ${JSON.stringify(part)}`);
    out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

async function setResources(inv: Invocation, args: string[]): Promise<number> {
  const limits = parseResourceList(inv.flags.str('limits'));
  const requests = parseResourceList(inv.flags.str('requests'));
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) {
    throw new KubectlError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  }
  const match = containerFilter(inv);
  return runUpdate(inv, args, 'resource requirements updated', 'set resources', (v, spec) => {
    const cs = allContainers(spec).filter(match);
    if (cs.length === 0) inv.err(`Warning: ${v.obj.kind}/${v.name} does not have any containers matching "${inv.flags.str('containers')}"\n`);
    for (const c of cs) {
      const r = (c.resources ??= {});
      if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits };
      if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests };
    }
  });
}

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
function parseToLabelSelector(text: string): { matchLabels: Record<string, string>; matchExpressions: string[] } {
  let sel;
  try {
    sel = parseLabelSelector(text);
  } catch (e) {
    if (e instanceof SelectorError) throw new KubectlError(`error: ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: string[] = [];
  const OPS: Record<string, string> = { in: 'In', notin: 'NotIn', '!=': 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of sel.requirements) {
    if (r.operator === '!=') throw new KubectlError('error: "!=" is not a valid label selector operator');
    if (r.operator === 'gt' || r.operator === 'lt') throw new KubectlError(`error: "${r.operator}" isn't supported in label selectors`);
    if (r.operator === '=' || r.operator === '==') matchLabels[r.key] = r.values[0];
    else matchExpressions.push(`{${r.key} ${OPS[r.operator] ?? r.operator} [${[...r.values].sort().join(' ')}]}`);
  }
  return { matchLabels, matchExpressions };
}

async function setSelector(inv: Invocation, args: string[]): Promise<number> {
  const resArgs = args.slice(0, -1);
  const sel = args.length ? parseToLabelSelector(args[args.length - 1]) : undefined;
  if (!sel) throw new KubectlError('error: one selector is required');
  const dry = dryRunOf(inv.flags);
  const objs = await visitObjects(inv, resArgs, { cmd: 'set selector', selectors: true, localServerDryRun: true });
  for (const v of objs) {
    if (sel.matchExpressions.length) throw new KubectlError(`error: match expression [${sel.matchExpressions.join(' ')}] not supported on this object`);
    if (v.obj.kind !== 'Service') throw new KubectlError('error: setting a selector is only supported for Services');
    const modified = clone(v.obj);
    const spec = (modified.spec ??= {}) as { selector?: Record<string, string> };
    spec.selector = { ...sel.matchLabels };
    if (inv.flags.str('resource-version')) (modified.metadata ??= {}).resourceVersion = inv.flags.str('resource-version');
    const res = patchObject(inv, v, modified, dry, 'kubectl-set');
    printResult(inv, v.r, res.obj, 'selector updated', dry);
  }
  return 0;
}

async function setServiceAccount(inv: Invocation, args: string[]): Promise<number> {
  if (args.length === 0) throw new KubectlError('error: serviceaccount is required');
  const sa = args[args.length - 1];
  return runUpdate(inv, args.slice(0, -1), 'serviceaccount updated', 'set serviceaccount', (_v, spec) => {
    (spec as PodSpec & { serviceAccountName?: string }).serviceAccountName = sa;
  }, true);
}

interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

async function setSubject(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const users = f.list('user');
  const groups = f.list('group');
  const sas = f.list('serviceaccount');
  if (users.length === 0 && groups.length === 0 && sas.length === 0) throw new KubectlError('error: you must specify at least one value of user, group or serviceaccount');
  for (const s of sas) {
    const parts = s.split(':');
    if (parts.length !== 2 || !parts[1]) throw new KubectlError(`error: serviceaccount must be <namespace>:<name>`);
  }
  const dry = dryRunOf(f);
  const objs = await visitObjects(inv, args, { cmd: 'set subject', selectors: true });
  const errors: string[] = [];
  for (const v of objs) {
    if (v.obj.kind !== 'RoleBinding' && v.obj.kind !== 'ClusterRoleBinding') {
      errors.push(`error: ${v.r.plural}/${v.name} setting subjects is only supported for RoleBinding/ClusterRoleBinding\n`);
      continue;
    }
    const modified = clone(v.obj) as KObject & { subjects?: Subject[] };
    const subjects = modified.subjects ?? [];
    const has = (s: Subject) => subjects.some((x) => x.kind === s.kind && x.name === s.name && (x.namespace ?? '') === (s.namespace ?? ''));
    const add = (s: Subject) => {
      if (!has(s)) subjects.push(s);
    };
    for (const u of users) add({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: u });
    for (const g of groups) add({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: g });
    for (const s of sas) {
      const [ns, name] = s.split(':');
      add({ kind: 'ServiceAccount', name, namespace: ns || inv.namespace });
    }
    modified.subjects = subjects;
    const res = patchObject(inv, v, modified, dry, 'kubectl-set');
    printResult(inv, v.r, res.obj, 'subjects updated', dry);
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

async function runSet(inv: Invocation): Promise<number> {
  const [sub, ...args] = inv.flags.args;
  switch (sub) {
    case 'image':
      return setImage(inv, args);
    case 'env':
      return setEnv(inv, args);
    case 'resources':
      return setResources(inv, args);
    case 'selector':
      return setSelector(inv, args);
    case 'serviceaccount':
    case 'sa':
      return setServiceAccount(inv, args);
    case 'subject':
      return setSubject(inv, args);
    case undefined:
      inv.out(SET_HELP);
      return 0;
    default:
      throw new KubectlError(`error: unknown command "${sub}"\nSee 'kubectl set -h' for help and examples`);
  }
}

export const setCommand: SubCommand = {
  name: 'set',
  short: 'Set specific features on objects',
  usage: 'kubectl set SUBCOMMAND [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'local', type: 'bool' },
    { name: 'containers', short: 'c', type: 'string', def: '*' },
    { name: 'env', short: 'e', type: 'stringArray' },
    { name: 'list', type: 'bool' },
    { name: 'overwrite', type: 'bool', def: true },
    { name: 'limits', type: 'string' },
    { name: 'requests', type: 'string' },
    { name: 'record', type: 'bool' },
    { name: 'field-manager', type: 'string', def: 'kubectl-set' },
    { name: 'resource-version', type: 'string' },
    { name: 'user', type: 'stringSlice' },
    { name: 'group', type: 'stringSlice' },
    { name: 'serviceaccount', type: 'stringSlice' },
    { name: 'template', type: 'string' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: runSet,
};
