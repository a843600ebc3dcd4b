// `kubectl rollout history|undo|pause|resume|restart` for Deployments: the history table
// (`REVISION  CHANGE-CAUSE`) from the owned ReplicaSets, `--revision=N` pod template details,
// client-side undo (kubectl 1.32 patches the Deployment's template with the ReplicaSet's),
// pause/resume/restart patches and their exact messages and errors.
// Models kubectl/pkg/cmd/rollout/{rollout_history,rollout_undo,rollout_pause,rollout_resume,rollout_restart}.go
// and kubectl/pkg/polymorphichelpers/{history,rollback,objectpauser,objectresumer,objectrestarter}.go.
// DaemonSets: history and undo from their ControllerRevisions (DaemonSetHistoryViewer,
// DaemonSetRollbacker: the revision's replace patch applied as a strategic merge patch).
// Leaves out: StatefulSet histories.
import type { KObject } from '../../../engine';
import { rfc3339 } from '../../../engine';
import type { DryRun, Invocation } from './command';
import { dryRunOf, dryRunSuffix } from './command';
import { KubectlError, groupResource, kindPrefix } from './client';
import type { Visited } from './mutate-util';
import { clone, patchObject, printResult, visitObjects } from './mutate-util';
import { TabWriter } from './printers/tabwriter';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const SKIP_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    containers?: Array<{
      name: string;
      image?: string;
      command?: string[];
      args?: string[];
      ports?: Array<{ containerPort?: number; hostPort?: number; protocol?: string }>;
      env?: Array<{ name: string; value?: string }>;
      resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
      volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
    }>;
    volumes?: Array<{ name: string }>;
    nodeSelector?: Record<string, string>;
    tolerations?: Array<{ key?: string; operator?: string; value?: string; effect?: string }>;
  };
}

/** ReplicaSets controlled by the Deployment, keyed by revision. */
function revisions(inv: Invocation, d: Visited): Map<number, KObject> {
  const rsR = inv.client.discovery.mustFind('replicasets.apps');
  const list = inv.client.get(inv.client.path(rsR, d.ns)) as { items?: KObject[] };
  const uid = d.obj.metadata?.uid;
  const out = new Map<number, KObject>();
  for (const rs of list.items ?? []) {
    const owned = (rs.metadata?.ownerReferences as Array<{ uid?: string; controller?: boolean }> | undefined)?.some((o) => o.controller && o.uid === uid);
    if (!owned) continue;
    const rev = Number(rs.metadata?.annotations?.[REVISION] ?? '');
    if (Number.isInteger(rev) && rev > 0) out.set(rev, rs);
  }
  return out;
}

const kv = (m: Record<string, string> | undefined) => Object.keys(m ?? {}).sort().map((k) => `${k}=${m?.[k]}`);

/** The pod template as `kubectl rollout history --revision` prints it (DescribePodTemplate, raw tabs). */
function describeTemplate(t: Template): string {
  const lines: string[] = ['Pod Template:'];
  const labels = kv(t.metadata?.labels);
  lines.push(`  Labels:\t${labels.length ? labels.join('\n\t') : '<none>'}`);
  const ann = t.metadata?.annotations ?? {};
  if (Object.keys(ann).length) lines.push(`  Annotations:\t${Object.keys(ann).sort().map((k) => `${k}: ${ann[k]}`).join('\n\t')}`);
  lines.push('  Containers:');
  for (const c of t.spec?.containers ?? []) {
    lines.push(`   ${c.name}:`);
    lines.push(`    Image:\t${c.image ?? ''}`);
    const ports = c.ports ?? [];
    lines.push(`    Port:\t${ports.length ? ports.map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
    lines.push(`    Host Port:\t${ports.length ? ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ') : '<none>'}`);
    if (c.command?.length) lines.push('    Command:', ...c.command.map((x) => `      ${x}`));
    if (c.args?.length) lines.push('    Args:', ...c.args.map((x) => `      ${x}`));
    for (const [title, m] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
      if (m && Object.keys(m).length) lines.push(`    ${title}:`, ...Object.keys(m).sort().map((k) => `      ${k}:\t${m[k]}`));
    }
    const env = c.env ?? [];
    if (env.length) lines.push('    Environment:', ...env.map((e) => `      ${e.name}:\t${e.value ?? ''}`));
    else lines.push('    Environment:\t<none>');
    const mounts = c.volumeMounts ?? [];
    if (mounts.length) lines.push('    Mounts:', ...mounts.map((m) => `      ${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})`));
    else lines.push('    Mounts:\t<none>');
  }
  // SIMPLIFICATION: volumes are listed by name only.
  const vols = t.spec?.volumes ?? [];
  lines.push(vols.length ? `  Volumes:\n${vols.map((v) => `   ${v.name}:`).join('\n')}` : '  Volumes:\t<none>');
  const ns = kv(t.spec?.nodeSelector);
  lines.push(`  Node-Selectors:\t${ns.length ? ns.join('\n\t') : '<none>'}`);
  const tol = (t.spec?.tolerations ?? []).map((x) => `${x.key ?? ''}${x.value ? `=${x.value}` : ''}${x.effect ? `:${x.effect}` : ''}${x.operator === 'Exists' ? ' op=Exists' : ''}`);
  lines.push(`  Tolerations:\t${tol.length ? tol.join('\n\t') : '<none>'}`);
  return lines.join('\n') + '\n';
}

function requireDeployment(v: Visited, what: string): void {
  if (v.obj.kind !== 'Deployment') throw new KubectlError(`error: ${what} has been implemented for ${JSON.stringify(v.obj.kind)}`);
}

interface Revision extends KObject {
  revision?: number;
  data?: { spec?: { template?: Template & { $patch?: string } } };
}

/** daemonSetHistory: the ControllerRevisions the DaemonSet controls, keyed by revision. */
function daemonSetRevisions(inv: Invocation, d: Visited): Map<number, Revision> {
  const crR = inv.client.discovery.mustFind('controllerrevisions.apps');
  const list = inv.client.get(inv.client.path(crR, d.ns)) as { items?: Revision[] };
  const uid = d.obj.metadata?.uid;
  const out = new Map<number, Revision>();
  for (const cr of list.items ?? []) {
    const owned = (cr.metadata?.ownerReferences as Array<{ uid?: string; controller?: boolean }> | undefined)?.some((o) => o.controller && o.uid === uid);
    if (owned) out.set(cr.revision ?? 0, cr);
  }
  return out;
}

/** The pod template a revision restores (its replace patch without the directive). */
function revisionTemplate(cr: Revision | undefined): Template {
  const t = { ...(cr?.data?.spec?.template ?? {}) };
  delete t.$patch;
  return t;
}

function daemonSetHistory(inv: Invocation, v: Visited, rev: number): void {
  const revs = daemonSetRevisions(inv, v);
  const head = `${kindPrefix(v.r)}/${v.name}`;
  if (revs.size === 0) {
    inv.out(`${head} ${rev > 0 ? `with revision #${rev}` : ''}\nNo rollout history found.\n`);
    return;
  }
  if (rev > 0) {
    const cr = revs.get(rev);
    if (!cr) throw new KubectlError('error: unable to find the specified revision');
    inv.out(`${head} with revision #${rev}\n${describeTemplate(revisionTemplate(cr))}\n`);
    return;
  }
  const rows = [['REVISION', 'CHANGE-CAUSE']];
  for (const n of [...revs.keys()].sort((a, b) => a - b)) rows.push([String(n), revs.get(n)?.metadata?.annotations?.[CHANGE_CAUSE] || '<none>']);
  inv.out(`${head} \n${new TabWriter(0, 2).format(rows)}\n`);
}

function daemonSetUndo(inv: Invocation, v: Visited, to: number, dry: DryRun): void {
  const revs = daemonSetRevisions(inv, v);
  if (to < 0) throw new KubectlError(`error: unable to find specified revision ${to} in history`);
  if (to === 0 && revs.size <= 1) throw new KubectlError('error: no last revision to roll back to');
  const sorted = [...revs.keys()].sort((a, b) => a - b);
  const cr = to === 0 ? revs.get(sorted[sorted.length - 2]) : revs.get(to);
  if (!cr) throw new KubectlError(`error: unable to find specified revision ${to} in history`);
  const tpl = revisionTemplate(cr);
  const head = `${kindPrefix(v.r)}/${v.name}`;
  if (dry === 'client') {
    // printPodTemplate: the DaemonSet rollbacker says what it would restore.
    inv.out(`${head} will roll back to ${describeTemplate(tpl)}${dryRunSuffix(dry)}\n`);
    return;
  }
  const current = clone((v.obj.spec as { template?: Template } | undefined)?.template ?? {}) as Template & { metadata?: { creationTimestamp?: unknown } };
  const meta = (current.metadata ??= {}) as { creationTimestamp?: unknown };
  if (!('creationTimestamp' in meta)) meta.creationTimestamp = null;
  if (canonical(current) === canonical(tpl)) {
    // kubectl prints the --to-revision it was given (0 when none).
    inv.out(`${head} skipped rollback (current template already matches revision ${to})${dryRunSuffix(dry)}\n`);
    return;
  }
  inv.client.call('PATCH', inv.client.path(v.r, v.ns, v.name), {
    body: cr.data,
    contentType: 'application/strategic-merge-patch+json',
    query: { dryRun: dry === 'server' ? 'All' : undefined },
  });
  inv.out(`${head} rolled back${dryRunSuffix(dry)}\n`);
}

/** JSON with sorted keys, to compare templates as kubectl compares the patch bytes. */
function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])]));
    return x;
  };
  return JSON.stringify(sort(v));
}

async function history(inv: Invocation, args: string[]): Promise<number> {
  const objs = await visitObjects(inv, args, { cmd: 'rollout history', selectors: true });
  const rev = inv.flags.int('revision');
  for (const v of objs) {
    if (v.obj.kind === 'DaemonSet') {
      daemonSetHistory(inv, v, rev);
      continue;
    }
    requireDeployment(v, 'no history viewer');
    const revs = revisions(inv, v);
    if (rev > 0) {
      const rs = revs.get(rev);
      if (!rs) throw new KubectlError('error: unable to find the specified revision');
      const tpl = (rs.spec as { template?: Template }).template ?? {};
      inv.out(`${kindPrefix(v.r)}/${v.name} with revision #${rev}\n${describeTemplate(tpl)}\n`);
      continue;
    }
    const rows = [['REVISION', 'CHANGE-CAUSE']];
    for (const n of [...revs.keys()].sort((a, b) => a - b)) rows.push([String(n), revs.get(n)?.metadata?.annotations?.[CHANGE_CAUSE] ?? '<none>']);
    inv.out(`${kindPrefix(v.r)}/${v.name} \n${new TabWriter(0, 2).format(rows)}\n`);
  }
  return 0;
}

const withoutHash = (t: Template): Template => {
  const c = clone(t);
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  return c;
};

async function undo(inv: Invocation, args: string[]): Promise<number> {
  const dry = dryRunOf(inv.flags);
  const objs = await visitObjects(inv, args, { cmd: 'rollout undo', selectors: true });
  const to = inv.flags.int('to-revision');
  for (const v of objs) {
    if (v.obj.kind === 'DaemonSet') {
      daemonSetUndo(inv, v, to, dry);
      continue;
    }
    requireDeployment(v, 'no rollbacker');
    const d = v.obj as KObject & { spec?: { paused?: boolean; template?: Template } };
    if (d.spec?.paused) throw new KubectlError("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    const revs = revisions(inv, v);
    let rs: KObject | undefined;
    if (to > 0) {
      rs = revs.get(to);
      if (!rs) throw new KubectlError(`error: unable to find specified revision ${to} in history`);
    } else {
      const sorted = [...revs.keys()].sort((a, b) => b - a);
      if (sorted.length < 2) throw new KubectlError(`error: no rollout history found for deployment ${JSON.stringify(v.name)}`);
      rs = revs.get(sorted[1]);
    }
    const tpl = ((rs?.spec as { template?: Template }).template ?? {}) as Template;
    if (dry === 'client') {
      inv.out(`${kindPrefix(v.r)}/${v.name} ${describeTemplate(tpl)}${dryRunSuffix(dry)}\n`);
      continue;
    }
    const target = withoutHash(tpl);
    if (JSON.stringify(target) === JSON.stringify(withoutHash(d.spec?.template ?? {}))) {
      inv.out(`${kindPrefix(v.r)}/${v.name} skipped rollback (current template already matches revision ${rs?.metadata?.annotations?.[REVISION]})\n`);
      continue;
    }
    const annotations: Record<string, string> = { ...(d.metadata?.annotations ?? {}) };
    for (const [k, val] of Object.entries(rs?.metadata?.annotations ?? {})) if (!SKIP_ANNOTATIONS.has(k)) annotations[k] = val;
    inv.client.call('PATCH', inv.client.path(v.r, v.ns, v.name), {
      body: [
        { op: 'replace', path: '/spec/template', value: target },
        { op: 'replace', path: '/metadata/annotations', value: annotations },
      ],
      contentType: 'application/json-patch+json',
      query: { dryRun: dry === 'server' ? 'All' : undefined },
    });
    inv.out(`${kindPrefix(v.r)}/${v.name} rolled back${dryRunSuffix(dry)}\n`);
  }
  return 0;
}

type Toggle = 'pause' | 'resume' | 'restart';

async function toggle(inv: Invocation, args: string[], what: Toggle): Promise<number> {
  const dry: DryRun = what === 'restart' ? dryRunOf(inv.flags) : 'none';
  const objs = await visitObjects(inv, args, { cmd: `rollout ${what}`, selectors: true });
  const ing = { pause: 'pausing', resume: 'resuming', restart: 'restarting' }[what];
  const errors: string[] = [];
  for (const v of objs) {
    const gr = groupResource(v.r);
    const supported = what === 'restart' ? ['Deployment', 'DaemonSet', 'StatefulSet'] : ['Deployment'];
    if (!supported.includes(String(v.obj.kind))) {
      errors.push(`error: ${gr} ${JSON.stringify(v.name)} ${ing} is not supported\n`);
      continue;
    }
    const modified = clone(v.obj);
    const spec = (modified.spec ??= {}) as { paused?: boolean; template?: Template };
    if (what === 'pause') {
      if (spec.paused) {
        errors.push(`error: ${gr} ${JSON.stringify(v.name)} is already paused\n`);
        continue;
      }
      spec.paused = true;
    } else if (what === 'resume') {
      if (!spec.paused) {
        errors.push(`error: ${gr} ${JSON.stringify(v.name)} is not paused\n`);
        continue;
      }
      delete spec.paused;
    } else {
      if (spec.paused) {
        errors.push(`error: ${gr} ${JSON.stringify(v.name)} can't restart paused deployment (run rollout resume first)\n`);
        continue;
      }
      const t = (spec.template ??= {});
      t.metadata ??= {};
      t.metadata.annotations = { ...(t.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(inv.ctx.sys.now()) };
    }
    const res = patchObject(inv, v, modified, dry, 'kubectl-rollout');
    printResult(inv, v.r, res.obj, { pause: 'paused', resume: 'resumed', restart: 'restarted' }[what], dry);
  }
  if (errors.length) {
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

/** Runs `kubectl rollout <sub>` for the sub-commands this file provides; undefined when not one of them. */
export function runRolloutMore(inv: Invocation, sub: string, args: string[]): Promise<number> | undefined {
  switch (sub) {
    case 'history':
      return history(inv, args);
    case 'undo':
      return undo(inv, args);
    case 'pause':
    case 'resume':
    case 'restart':
      return toggle(inv, args, sub);
    default:
      return undefined;
  }
}

/** Flags the rollout sub-commands above add to `kubectl rollout`. */
export const ROLLOUT_MORE_FLAGS = [
  { name: 'to-revision', type: 'int' as const, def: 0 },
  { name: 'dry-run', type: 'string' as const, def: 'none', noOpt: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' as const },
  { name: 'recursive', short: 'R', type: 'bool' as const },
  { name: 'field-manager', type: 'string' as const },
];
