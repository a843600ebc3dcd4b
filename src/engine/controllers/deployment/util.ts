// Deployment rollout arithmetic and bookkeeping, as pure functions: maxSurge/maxUnavailable
// fenceposts, new ReplicaSet size, proportional scaling, revisions and their annotations,
// and the Progressing/Available conditions.
// Models pkg/controller/deployment/util/deployment_util.go and
// staging/src/k8s.io/apimachinery/pkg/util/intstr/intstr.go (GetScaledValueFromIntOrPercent).
import type { Deployment, DeploymentCondition, KObject, ReplicaSet } from '../../api/types';
import { deepEqual } from '../../apiserver/apiserver';
import { parseTime, rfc3339 } from '../../core/time';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const HASH_LABEL = 'pod-template-hash';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
const SKIPPED_ANNOTATIONS = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);
const MAX_INT32 = 2147483647;

// Condition reasons (deployment_util.go).
export const REASON = {
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  Paused: 'DeploymentPaused',
  Resumed: 'DeploymentResumed',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
} as const;

export type IntOrString = number | string;

/** intstr.GetScaledValueFromIntOrPercent; throws for a string that is not a percentage. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const pct = percentOf(v);
  const raw = (pct * total) / 100;
  return roundUp ? Math.ceil(raw) : Math.floor(raw);
}

/** The percentages seen so far (a Deployment's are parsed on every sync; there are few distinct ones). */
const percents = new Map<string, number>();

function percentOf(v: string): number {
  let pct = percents.get(v);
  if (pct === undefined) {
    const m = /^(-?\d+)%$/.exec(v);
    if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
    pct = Number(m[1]);
    if (percents.size < 1024) percents.set(v, pct);
  }
  return pct;
}

/** Surge rounded up, unavailable rounded down; both zero means one unavailable. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): [number, number] {
  const surge = scaledValue(maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export const replicasOf = (o: { spec?: { replicas?: number } } | undefined): number => o?.spec?.replicas ?? 1;
export const isRollingUpdate = (d: Deployment): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
}

export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const u = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas)[1];
  return Math.min(u, replicas);
}

const sum = (rss: (ReplicaSet | undefined)[], f: (rs: ReplicaSet) => number): number => {
  let n = 0;
  for (const rs of rss) if (rs) n += f(rs);
  return n;
};
export const specReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => replicasOf(rs));
export const actualReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (rss: (ReplicaSet | undefined)[]) => sum(rss, (rs) => rs.status?.availableReplicas ?? 0);

/** How many replicas the new ReplicaSet should have now. */
export function newRSNewReplicas(d: Deployment, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge ?? '25%', replicasOf(d), true);
  const current = specReplicaCount(allRSs);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  let up = maxTotal - current;
  up = Math.min(up, replicasOf(d) - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

function intAnnotation(o: KObject, key: string): number | undefined {
  const v = o.metadata?.annotations?.[key];
  if (v === undefined || !/^-?\d+$/.test(v)) return undefined;
  return Number(v);
}

export function revisionOf(o: KObject): number {
  return intAnnotation(o, REVISION) ?? 0;
}

export function maxRevision(rss: ReplicaSet[]): number {
  let m = 0;
  for (const rs of rss) m = Math.max(m, revisionOf(rs));
  return m;
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS);
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentReplicas = replicasOf(d) + maxSurge(d);
  const annotated = intAnnotation(rs, MAX_REPLICAS) ?? d.status?.replicas ?? 0;
  const newSize = (replicasOf(rs) * deploymentReplicas) / annotated;
  return goRound(newSize) - replicasOf(rs);
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** The share of `toAdd` this ReplicaSet gets in a proportional scale. */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Templates equal once the pod-template-hash label is ignored (an empty label map left by
 * removing it counts as no labels). Allocation-free: it runs for every ReplicaSet on every
 * Deployment sync.
 */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  const ta = a ?? {};
  const tb = b ?? {};
  if (!isObject(ta) || !isObject(tb)) return deepEqual(ta, tb);
  if (!equalExcept(ta, tb, 'metadata')) return false;
  const ma = ta.metadata;
  const mb = tb.metadata;
  if (!isObject(ma) || !isObject(mb)) return deepEqual(ma, mb);
  if (!equalExcept(ma, mb, 'labels')) return false;
  const la = labelsIgnoringHash(ma.labels);
  const lb = labelsIgnoringHash(mb.labels);
  if (la === undefined || lb === undefined || !isObject(la) || !isObject(lb)) return deepEqual(la, lb);
  return equalExcept(la, lb, HASH_LABEL);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** deepEqual over every key but `skip` (keys holding undefined count as absent). */
function equalExcept(a: Record<string, unknown>, b: Record<string, unknown>, skip: string): boolean {
  let n = 0;
  for (const k in a) {
    if (k === skip || a[k] === undefined) continue;
    n++;
    if (!deepEqual(a[k], b[k])) return false;
  }
  for (const k in b) if (k !== skip && b[k] !== undefined) n--;
  return n === 0;
}

/** Labels as seen without the hash label: undefined when nothing else is left. */
function labelsIgnoringHash(labels: unknown): unknown {
  if (!labels) return labels;
  if (Array.isArray(labels)) return labels.length ? labels : undefined;
  if (!isObject(labels)) return typeof labels === 'string' ? labels : undefined;
  for (const k in labels) if (k !== HASH_LABEL && labels[k] !== undefined) return labels;
  return undefined;
}

const created = (o: KObject) => parseTime(o.metadata?.creationTimestamp) ?? 0;

/** ReplicaSetsByCreationTimestamp: oldest first, then by name. */
export function byCreation(a: KObject, b: KObject): number {
  const d = created(a) - created(b);
  if (d !== 0) return d;
  const an = a.metadata?.name ?? '';
  const bn = b.metadata?.name ?? '';
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** ReplicaSetsBySizeNewer: larger first, newer first among equals. */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (replicasOf(a) === replicasOf(b)) return -byCreation(a, b);
  return replicasOf(b) - replicasOf(a);
}

/** ReplicaSetsBySizeOlder: larger first, older first among equals. */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (replicasOf(a) === replicasOf(b)) return byCreation(a, b);
  return replicasOf(b) - replicasOf(a);
}

/** ReplicaSetsByRevision: lower revision first, then by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  if (ra === rb) return byCreation(a, b);
  return ra - rb;
}

export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  const sorted = [...rsList].sort(byCreation);
  return sorted.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

export const activeReplicaSets = (rss: (ReplicaSet | undefined)[]): ReplicaSet[] =>
  rss.filter((rs): rs is ReplicaSet => Boolean(rs) && replicasOf(rs) > 0);

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const sortedOld = [...oldRSs].sort((a, b) => -byCreation(a, b));
  const all = activeReplicaSets([...sortedOld, newRS]);
  if (all.length === 0) return newRS ?? sortedOld[0];
  if (all.length === 1) return all[0];
  return undefined;
}

export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  if (desired === undefined) return false;
  return replicasOf(rs) === replicasOf(d) && desired === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d);
}

// ------------------------------------------------------------ annotations

function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  let changed = false;
  const src = d.metadata?.annotations ?? {};
  for (const k of Object.keys(src)) {
    if (SKIPPED_ANNOTATIONS.has(k)) continue;
    const ann = (rs.metadata ??= {}).annotations ?? {};
    if (ann[k] === src[k]) continue;
    rs.metadata.annotations = { ...ann, [k]: src[k] };
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DESIRED_REPLICAS] !== String(desired) || a[MAX_REPLICAS] !== String(max);
}

export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  const m = (rs.metadata ??= {});
  m.annotations = { ...(m.annotations ?? {}), [DESIRED_REPLICAS]: String(desired), [MAX_REPLICAS]: String(max) };
  return true;
}

/** SetNewReplicaSetAnnotations: copies deployment annotations, bumps the revision, keeps history. */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const m = (rs.metadata ??= {});
  const ann = (m.annotations = { ...(m.annotations ?? {}) });
  const had = Object.prototype.hasOwnProperty.call(ann, REVISION);
  const oldRevision = ann[REVISION];
  const oldInt = oldRevision && /^-?\d+$/.test(oldRevision) ? Number(oldRevision) : 0;
  if (oldRevision && !/^-?\d+$/.test(oldRevision)) return false;
  const newInt = Number(newRevision);
  if (oldInt < newInt) {
    ann[REVISION] = newRevision;
    changed = true;
  }
  if (had && oldInt < newInt) {
    const history = ann[REVISION_HISTORY];
    ann[REVISION_HISTORY] = history ? `${history},${oldRevision}` : oldRevision;
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

// ------------------------------------------------------------ conditions

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: number): DeploymentCondition {
  const t = rfc3339(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: Deployment['status'], type: string): DeploymentCondition | undefined {
  const cs = status?.conditions;
  if (!cs) return undefined;
  for (let i = 0; i < cs.length; i++) if (cs[i].type === type) return cs[i];
  return undefined;
}

/** SetDeploymentCondition: same status and reason is a no-op; same status keeps the transition time. */
export function setCondition(status: NonNullable<Deployment['status']>, cond: DeploymentCondition): void {
  const cur = getCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  if (cur && cur.status === cond.status) cond.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

export function removeCondition(status: NonNullable<Deployment['status']>, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
  if (!status.conditions.length) delete status.conditions;
}

export function hasProgressDeadline(d: Deployment): boolean {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
}

export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== MAX_INT32;
}

export function deploymentComplete(d: Deployment, s: NonNullable<Deployment['status']>): boolean {
  const r = replicasOf(d);
  return (s.updatedReplicas ?? 0) === r && (s.replicas ?? 0) === r && (s.availableReplicas ?? 0) === r && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

export function deploymentProgressing(d: Deployment, s: NonNullable<Deployment['status']>): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0)
  );
}

export function deploymentTimedOut(d: Deployment, s: NonNullable<Deployment['status']>, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === REASON.NewRSAvailable) return false;
  if (c.reason === REASON.TimedOut) return true;
  const from = parseTimeCached(c.lastUpdateTime) ?? now;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < now;
}

let lastTimeText: string | undefined;
let lastTimeValue: number | undefined;

/** parseTime with a one-entry memo: a rollout asks about the same lastUpdateTime on every sync. */
export function parseTimeCached(t: string | undefined): number | undefined {
  if (t !== lastTimeText) {
    lastTimeText = t;
    lastTimeValue = parseTime(t);
  }
  return lastTimeValue;
}
