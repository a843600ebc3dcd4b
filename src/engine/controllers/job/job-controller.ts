// The Job controller: runs pods (generateName `NAME-`, the batch.kubernetes.io/job-tracking
// finalizer) until spec.completions succeed or the failures pass spec.backoffLimit, with the
// exponential pod-failure backoff, activeDeadlineSeconds, suspend, and the v1.32 status:
// startTime, active/ready/terminating, succeeded/failed counted through the tracking
// finalizer, SuccessCriteriaMet/FailureTarget first and Complete/Failed once no pod is still
// terminating, completionTime, and the Completed/BackoffLimitExceeded events. Also deletes
// finished Jobs after ttlSecondsAfterFinished (upstream's separate TTL-after-finished controller).
// Models pkg/controller/job/job_controller.go, backoff_utils.go and
// pkg/controller/ttlafterfinished/ttlafterfinished_controller.go.
// SIMPLIFICATION: no Indexed completion mode, podFailurePolicy, successPolicy or
// backoffLimitPerIndex; terminated pods are counted in one status write (uncountedTerminatedPods
// stays empty between the finalizer removal and the count).
import type { KObject, Pod } from '../../api/types';
import { isApiError } from '../../api/status';
import { clone } from '../../api/meta';
import { deepEqual } from '../../apiserver/apiserver';
import type { Job, JobCondition, JobSpec } from '../../apiserver/registry/batch';
import { JOB_TRACKING_FINALIZER } from '../../apiserver/registry/batch';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { parseTime, rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import { BY_CONTROLLER, ORPHANS, indexOwned } from '../util/informers';
import { claim, controllerOf, ignoreNotFound, newControllerRef, selectorFromMeta } from '../util/owner';
import { isPodReady } from '../util/pods';
import { slowStartBatch } from '../replicaset/replica-set-controller';

const COMPONENT = 'job-controller';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
const ORPHAN_PREFIX = 'orphan-pod:';

const MSG_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';
const MSG_BACKOFF_LIMIT = 'Job has reached the specified backoff limit';
const MSG_DEADLINE = 'Job was active longer than specified deadline';

export function conditionTrue(job: Job, type: string): boolean {
  return (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Complete=True or Failed=True. */
export function isJobFinished(job: Job): boolean {
  return conditionTrue(job, 'Complete') || conditionTrue(job, 'Failed');
}

function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
}

const isTerminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** isPodFailed: Failed, or (TerminatingOrFailed) deleted before it succeeded. */
function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.spec?.podReplacementPolicy === 'Failed') return false;
  return pod.metadata?.deletionTimestamp != null && pod.status?.phase !== 'Succeeded';
}

/** When a pod finished: its containers' last finishedAt, else its deletion time. */
function podFinishTime(pod: Pod, now: number): number {
  let t: number | undefined;
  for (const cs of pod.status?.containerStatuses ?? []) {
    const f = parseTime(cs.state?.terminated?.finishedAt);
    if (f !== undefined && (t === undefined || f > t)) t = f;
  }
  return t ?? parseTime(pod.metadata?.deletionTimestamp) ?? now;
}

/** Exponential pod-failure backoff: 10s × 2^(failures since the last success − 1), at most 10 min. */
export function backoffRemaining(failuresAfterLastSuccess: number, lastFailureAt: number | undefined, now: number): number {
  if (failuresAfterLastSuccess <= 0 || lastFailureAt === undefined) return 0;
  const backoff = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failuresAfterLastSuccess - 1), MAX_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, backoff - (now - lastFailureAt));
}

interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureAt?: number;
}

export class JobController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private jobs!: Informer;
  private pods!: Informer;
  private jobRt!: ResourceType;
  private podRt!: ResourceType;
  /** Pod uids whose tracking finalizer this controller removed and counted (until the cache shows it). */
  private readonly counted = new Set<string>();
  private readonly backoff = new Map<string, BackoffRecord>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    const { api, informers } = this.ctx;
    this.jobRt = api.mustResource('jobs', 'batch');
    this.podRt = api.mustResource('pods');
    this.jobs = informers.for('jobs', 'batch');
    this.pods = informers.for('pods');
    indexOwned(this.pods);
    this.jobs.addHandlers({
      add: (o) => this.queue.add(objKey(o)),
      update: (_o, c) => this.queue.add(objKey(c)),
      delete: (o) => {
        this.backoff.delete(objKey(o));
        for (const p of this.pods.byIndex(BY_CONTROLLER, o.metadata?.uid ?? '')) this.podChanged(p as Pod);
      },
    });
    this.pods.addHandlers({
      add: (p) => this.podChanged(p as Pod),
      update: (_o, c) => this.podChanged(c as Pod),
      delete: (p) => {
        this.counted.delete(p.metadata?.uid ?? '');
        this.podChanged(p as Pod, true);
      },
    });
  }

  private podChanged(pod: Pod, deleted = false): void {
    if (!deleted && !hasTrackingFinalizer(pod)) this.counted.delete(pod.metadata?.uid ?? '');
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'Job') {
      // An orphan that matches a Job with a manual selector is adopted on its next sync.
      if (!ref && !deleted) for (const j of this.jobs.list(pod.metadata?.namespace ?? '')) this.queue.add(objKey(j));
      return;
    }
    const job = this.jobs.getNs(pod.metadata?.namespace, ref.name);
    if (job && job.metadata?.uid === ref.uid) {
      this.queue.add(objKey(job));
      return;
    }
    // The Job is gone: nobody else removes the tracking finalizer.
    if (!deleted && hasTrackingFinalizer(pod)) this.queue.add(ORPHAN_PREFIX + objKey(pod));
  }

  // ------------------------------------------------------------ reconcile

  reconcile(key: string): ReconcileResult | void {
    if (key.startsWith(ORPHAN_PREFIX)) return this.releaseOrphan(key.slice(ORPHAN_PREFIX.length));
    const job = this.jobs.get(key) as Job | undefined;
    if (!job) return;
    const now = this.ctx.clock.now();
    if (isJobFinished(job)) {
      for (const p of this.pods.byIndex(BY_CONTROLLER, job.metadata?.uid ?? '')) if (hasTrackingFinalizer(p as Pod)) this.removeFinalizer(p as Pod);
      return this.ttl(job, now);
    }
    const pods = this.ownedPods(job);
    const spec: JobSpec = job.spec ?? { template: {} };
    const st: NonNullable<Job['status']> = job.status ?? {};
    const parallelism = spec.parallelism ?? 1;
    const suspended = spec.suspend === true;

    // Count pods whose tracking finalizer is still on: they are not in succeeded/failed yet.
    let newSucceeded = 0;
    let newFailed = 0;
    const rec = this.backoffRecord(key);
    let failureTarget = conditionTrue(job, 'FailureTarget');
    let successMet = conditionTrue(job, 'SuccessCriteriaMet');
    for (const p of pods) {
      const uid = p.metadata?.uid ?? '';
      if (!hasTrackingFinalizer(p) || this.counted.has(uid)) continue;
      const failed = isPodFailed(p, job);
      if (!(p.status?.phase === 'Succeeded' || failed || failureTarget || successMet)) continue;
      if (p.status?.phase === 'Succeeded') {
        newSucceeded++;
        rec.failuresAfterLastSuccess = 0;
      } else if (failed || failureTarget) {
        newFailed++;
        rec.failuresAfterLastSuccess++;
        const at = podFinishTime(p, now);
        if (rec.lastFailureAt === undefined || at > rec.lastFailureAt) rec.lastFailureAt = at;
      }
      if (this.removeFinalizer(p)) this.counted.add(uid);
    }
    const succeeded = (st.succeeded ?? 0) + newSucceeded;
    const failed = (st.failed ?? 0) + newFailed;

    let active = pods.filter((p) => !isTerminal(p) && !p.metadata?.deletionTimestamp);
    const startTime = st.startTime ?? (suspended ? undefined : rfc3339(now));
    let requeueMs: number | undefined;

    // Success and failure criteria (the interim conditions of v1.32).
    const conditions: JobCondition[] = [...(st.conditions ?? [])];
    const cond = (type: string, reason: string, message: string): JobCondition => ({
      type,
      status: 'True',
      lastProbeTime: rfc3339(now),
      lastTransitionTime: rfc3339(now),
      reason,
      message,
    });
    let failReason: [string, string] | undefined;
    if (!failureTarget && !successMet) {
      const jobHasNewFailure = newFailed > 0;
      const backoffLimit = spec.backoffLimit ?? 6;
      if ((jobHasNewFailure && active.length !== parallelism && failed > backoffLimit) || this.pastBackoffLimitOnFailure(job, active)) {
        failReason = ['BackoffLimitExceeded', MSG_BACKOFF_LIMIT];
      } else if (this.pastActiveDeadline(job, startTime, now)) {
        failReason = ['DeadlineExceeded', MSG_DEADLINE];
      } else if (spec.activeDeadlineSeconds != null && startTime && !suspended) {
        requeueMs = (parseTime(startTime) ?? now) + spec.activeDeadlineSeconds * 1000 - now;
      }
      if (failReason) {
        conditions.push(cond('FailureTarget', failReason[0], failReason[1]));
        failureTarget = true;
      } else {
        const complete =
          spec.completions == null ? succeeded > 0 && active.length === 0 : succeeded >= spec.completions;
        if (complete) {
          conditions.push(cond('SuccessCriteriaMet', 'CompletionsReached', MSG_COMPLETIONS_REACHED));
          successMet = true;
        }
      }
    }

    let justDeleted = 0;
    if (failureTarget || successMet) {
      // Finishing: no more active pods.
      justDeleted = this.deletePods(job, active);
      active = [];
    } else if (suspended) {
      justDeleted = this.deletePods(job, active);
      active = [];
      if (!conditionTrue(job, 'Suspended')) {
        const i = conditions.findIndex((c) => c.type === 'Suspended');
        const c = cond('Suspended', 'JobSuspended', 'Job suspended');
        if (i >= 0) conditions[i] = c;
        else conditions.push(c);
        this.event(job, 'Normal', 'Suspended', 'Job suspended');
      }
    } else {
      const i = conditions.findIndex((c) => c.type === 'Suspended' && c.status === 'True');
      if (i >= 0) {
        conditions[i] = { ...cond('Suspended', 'JobResumed', 'Job resumed'), status: 'False' };
        this.event(job, 'Normal', 'Resumed', 'Job resumed');
      }
      const r = this.manage(job, active, succeeded, rec, now);
      if (r.requeueMs !== undefined) requeueMs = Math.min(requeueMs ?? Infinity, r.requeueMs);
      justDeleted = r.deleted;
      active = r.kept.concat(r.created);
    }

    // Terminating pods keep the final condition back.
    let terminating = justDeleted;
    for (const p of pods) if (p.metadata?.deletionTimestamp && !isTerminal(p)) terminating++;
    let completionTime = st.completionTime;
    let finishedType: 'Complete' | 'Failed' | undefined;
    const interim = conditions.find((c) => c.type === (failureTarget ? 'FailureTarget' : 'SuccessCriteriaMet') && c.status === 'True');
    if ((failureTarget || successMet) && terminating === 0) {
      finishedType = failureTarget ? 'Failed' : 'Complete';
      conditions.push(cond(finishedType, interim?.reason ?? '', interim?.message ?? ''));
      if (finishedType === 'Complete') completionTime = rfc3339(now);
    }

    const ready = active.filter((p) => isPodReady(p)).length;
    const next: NonNullable<Job['status']> = {};
    if (conditions.length) next.conditions = conditions;
    if (startTime) next.startTime = startTime;
    if (completionTime) next.completionTime = completionTime;
    if (active.length) next.active = active.length;
    if (succeeded) next.succeeded = succeeded;
    if (failed) next.failed = failed;
    next.terminating = terminating;
    next.uncountedTerminatedPods = {};
    next.ready = ready;
    if (!deepEqual(next, job.status)) {
      ignoreNotFound(() => this.ctx.api.mutate(this.jobRt, job.metadata?.namespace, job.metadata?.name ?? '', (o) => void (o.status = next), { subresource: 'status' }));
    }
    if (finishedType === 'Complete') this.event(job, 'Normal', 'Completed', 'Job completed');
    else if (finishedType === 'Failed') this.event(job, 'Warning', interim?.reason ?? '', interim?.message ?? '');
    if (finishedType) {
      this.backoff.delete(key);
      const ttl = this.ttlDelay(job, now);
      if (ttl !== undefined) requeueMs = Math.min(requeueMs ?? Infinity, ttl);
    }
    if (requeueMs !== undefined && Number.isFinite(requeueMs)) return { requeueAfterMs: Math.max(1, requeueMs) };
  }

  private backoffRecord(key: string): BackoffRecord {
    let r = this.backoff.get(key);
    if (!r) {
      r = { failuresAfterLastSuccess: 0 };
      this.backoff.set(key, r);
    }
    return r;
  }

  /** Owned pods after adopting matching orphans (manual selectors) and releasing non-matching ones. */
  private ownedPods(job: Job): Pod[] {
    const uid = job.metadata?.uid ?? '';
    const ns = job.metadata?.namespace ?? '';
    const owned = this.pods.byIndex(BY_CONTROLLER, uid);
    const selector = selectorFromMeta(job.spec?.selector);
    let orphans: KObject[] = [];
    if (job.spec?.manualSelector === true) orphans = this.pods.byIndex(ORPHANS, ns).filter((p) => selector.matches(p.metadata?.labels));
    if (!orphans.length && owned.every((p) => selector.matches(p.metadata?.labels))) return owned as Pod[];
    return claim(
      { api: this.ctx.api, owner: job, ownerRef: newControllerRef(job, 'batch/v1', 'Job'), selector, rt: this.podRt },
      [...owned, ...orphans],
    ) as Pod[];
  }

  /** restartPolicy OnFailure: container restarts of active pods count against backoffLimit. */
  private pastBackoffLimitOnFailure(job: Job, active: Pod[]): boolean {
    if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
    let restarts = 0;
    for (const p of active) {
      if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
      for (const cs of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += cs.restartCount ?? 0;
    }
    const limit = job.spec?.backoffLimit ?? 6;
    return limit === 0 ? restarts > 0 : restarts >= limit;
  }

  private pastActiveDeadline(job: Job, startTime: string | undefined, now: number): boolean {
    const ads = job.spec?.activeDeadlineSeconds;
    if (ads == null || !startTime || job.spec?.suspend) return false;
    return now - (parseTime(startTime) ?? now) >= ads * 1000;
  }

  /** manageJob: create or delete pods towards the wanted number of active pods. */
  private manage(job: Job, active: Pod[], succeeded: number, rec: BackoffRecord, now: number): { kept: Pod[]; created: Pod[]; deleted: number; requeueMs?: number } {
    const spec: JobSpec = job.spec ?? { template: {} };
    const parallelism = spec.parallelism ?? 1;
    let want: number;
    if (spec.completions == null) want = succeeded > 0 ? active.length : parallelism;
    else want = Math.max(0, Math.min(spec.completions - succeeded, parallelism));
    if (active.length > want) {
      // Delete the newest extra pods first (not-ready, then most recent).
      const extra = [...active]
        .sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? ''))
        .slice(0, active.length - want);
      const gone = new Set(extra);
      return { kept: active.filter((p) => !gone.has(p)), created: [], deleted: this.deletePods(job, extra) };
    }
    if (active.length === want) return { kept: active, created: [], deleted: 0 };
    const wait = backoffRemaining(rec.failuresAfterLastSuccess, rec.lastFailureAt, now);
    if (wait > 0) return { kept: active, created: [], deleted: 0, requeueMs: wait };
    const created: Pod[] = [];
    const { error } = slowStartBatch(Math.min(want - active.length, 500), 1, () => {
      created.push(this.createPod(job));
    });
    if (error !== undefined && !(isApiError(error) && error.code === 403)) throw error;
    return { kept: active, created, deleted: 0 };
  }

  private createPod(job: Job): Pod {
    const tmpl = job.spec?.template ?? {};
    const tm = tmpl.metadata ?? {};
    const ns = job.metadata?.namespace;
    const meta: NonNullable<Pod['metadata']> = {
      generateName: `${job.metadata?.name}-`,
      namespace: ns,
      ownerReferences: [newControllerRef(job, 'batch/v1', 'Job')],
      finalizers: [...(tm.finalizers ?? []), JOB_TRACKING_FINALIZER],
    };
    if (tm.labels) meta.labels = { ...tm.labels };
    if (tm.annotations) meta.annotations = { ...tm.annotations };
    const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: clone(tmpl.spec ?? {}) as Pod['spec'] };
    try {
      const created = this.ctx.api.create(this.podRt, ns, pod as KObject) as Pod;
      this.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
      return created;
    } catch (e) {
      this.event(job, 'Warning', 'FailedCreate', `Error creating: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
  }

  /** Deletes pods; returns how many are now terminating (graceful deletions still running). */
  private deletePods(job: Job, pods: Pod[]): number {
    let pending = 0;
    for (const p of pods) {
      if (p.metadata?.deletionTimestamp) continue;
      const res = ignoreNotFound(() => this.ctx.api.deleteWithResult(this.podRt, p.metadata?.namespace, p.metadata?.name ?? ''));
      if (!res) continue;
      this.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata?.name}`);
      if (!res.deleted && !isTerminal(res.object as Pod)) pending++;
    }
    return pending;
  }

  /** Drops the tracking finalizer; false when the pod is gone. */
  private removeFinalizer(pod: Pod): boolean {
    const res = ignoreNotFound(() =>
      this.ctx.api.mutate(this.podRt, pod.metadata?.namespace, pod.metadata?.name ?? '', (o) => {
        const m = o.metadata;
        if (!m || m.uid !== pod.metadata?.uid) return;
        m.finalizers = (m.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
        if (!m.finalizers.length) delete m.finalizers;
      }),
    );
    return res !== undefined;
  }

  private releaseOrphan(podKey: string): void {
    const pod = this.pods.get(podKey) as Pod | undefined;
    if (!pod || !hasTrackingFinalizer(pod)) return;
    const ref = controllerOf(pod);
    const job = ref ? this.jobs.getNs(pod.metadata?.namespace, ref.name) : undefined;
    if (job && job.metadata?.uid === ref?.uid) return;
    this.removeFinalizer(pod);
  }

  // ------------------------------------------------------------ TTL after finished

  /** Milliseconds until a finished Job's TTL runs out (undefined without a TTL). */
  private ttlDelay(job: Job, now: number): number | undefined {
    const ttl = job.spec?.ttlSecondsAfterFinished;
    if (ttl == null) return undefined;
    const finished = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
    const at = parseTime(finished?.lastTransitionTime) ?? now;
    return at + ttl * 1000 - now;
  }

  private ttl(job: Job, now: number): ReconcileResult | void {
    const delay = this.ttlDelay(job, now);
    if (delay === undefined) return;
    if (delay > 0) return { requeueAfterMs: delay };
    ignoreNotFound(() =>
      this.ctx.api.delete(this.jobRt, job.metadata?.namespace, job.metadata?.name ?? '', {
        propagationPolicy: 'Foreground',
        preconditions: { uid: job.metadata?.uid },
      }),
    );
  }

  private event(job: Job, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(job as KObject, type, reason, message, { component: COMPONENT });
  }
}

