// The CronJob controller: on the virtual clock, creates a Job named NAME-<scheduled minutes
// since the epoch> at each scheduled time (the most recent missed one, within
// startingDeadlineSeconds), applies concurrencyPolicy Allow/Forbid/Replace, keeps status.active,
// lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs beyond
// successfulJobsHistoryLimit/failedJobsHistoryLimit, with upstream's events.
// Models pkg/controller/cronjob/cronjob_controllerv2.go and utils.go.
// SIMPLIFICATION: spec.timeZone is validated but schedules run in UTC (the cluster's zone).
import type { KObject, ObjectMeta } from '../../api/types';
import { isApiError } from '../../api/status';
import { clone } from '../../api/meta';
import { deepEqual } from '../../apiserver/apiserver';
import type { CronJob, Job } from '../../apiserver/registry/batch';
import { CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION } from '../../apiserver/registry/batch';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { ReconcileResult } from '../../client/workqueue';
import { parseTime, rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import { BY_CONTROLLER, indexOwned } from '../util/informers';
import { controllerOf, ignoreNotFound, newControllerRef } from '../util/owner';
import { conditionTrue, isJobFinished } from '../job/job-controller';
import type { CronSchedule } from './cron-schedule';
import { parseCronSchedule } from './cron-schedule';

const COMPONENT = 'cronjob-controller';
/** Requeue slightly after the next schedule (nextScheduleTimeDuration's 100ms). */
const NEXT_SCHEDULE_DELTA_MS = 100;

type ActiveRef = NonNullable<NonNullable<CronJob['status']>['active']>[number];

/** `NAME-<minutes since the epoch>` (getJobName / getTimeHashInMinutes). */
export function jobNameFor(cronJobName: string, scheduledAt: number): string {
  return `${cronJobName}-${Math.floor(scheduledAt / 60000)}`;
}

/**
 * mostRecentScheduleTime: the latest schedule time in (earliest, now] and how many were
 * missed, where earliest is the last schedule (or creation), bounded by startingDeadlineSeconds.
 */
export function mostRecentScheduleTime(cj: CronJob, now: number, sched: CronSchedule): { time?: number; missed: number; next?: number } {
  let earliest = parseTime(cj.status?.lastScheduleTime ?? undefined) ?? parseTime(cj.metadata?.creationTimestamp) ?? now;
  const sds = cj.spec?.startingDeadlineSeconds;
  if (sds != null) {
    const deadline = now - sds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const first = sched.next(earliest);
  if (first === undefined || first > now) return { missed: 0, next: first };
  let last = first;
  let missed = 1;
  for (;;) {
    const n = sched.next(last);
    if (n === undefined || n > now) return { time: last, missed, next: n };
    last = n;
    missed++;
    // Past 100 misses only the count matters; stop walking minute by minute after a year.
    if (missed > 600_000) return { time: last, missed, next: sched.next(last) };
  }
}

export class CronJobController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private cronJobs!: Informer;
  private jobs!: Informer;
  private cjRt!: ResourceType;
  private jobRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    const { api, informers } = this.ctx;
    this.cjRt = api.mustResource('cronjobs', 'batch');
    this.jobRt = api.mustResource('jobs', 'batch');
    this.cronJobs = informers.for('cronjobs', 'batch');
    this.jobs = informers.for('jobs', 'batch');
    indexOwned(this.jobs);
    this.cronJobs.addHandlers({
      add: (o) => this.queue.add(objKey(o)),
      update: (_o, c) => this.queue.add(objKey(c)),
    });
    const byJob = (j: KObject) => {
      const ref = controllerOf(j);
      if (!ref || ref.kind !== 'CronJob') return;
      const cj = this.cronJobs.getNs(j.metadata?.namespace, ref.name);
      if (cj && cj.metadata?.uid === ref.uid) this.queue.add(objKey(cj));
    };
    this.jobs.addHandlers({ add: byJob, update: (_o, c) => byJob(c), delete: byJob });
  }

  reconcile(key: string): ReconcileResult | void {
    const cj = this.cronJobs.get(key) as CronJob | undefined;
    if (!cj) return;
    const now = this.ctx.clock.now();
    const status: NonNullable<CronJob['status']> = clone(cj.status ?? {});
    const owned = this.jobs.byIndex(BY_CONTROLLER, cj.metadata?.uid ?? '') as Job[];
    this.syncActive(cj, status, owned);
    let requeue: number | undefined;
    if (!cj.metadata?.deletionTimestamp && !cj.spec?.suspend) requeue = this.schedule(cj, status, now);
    if (!cj.metadata?.deletionTimestamp) this.cleanupHistory(cj, owned);
    if (!deepEqual(status, cj.status ?? {})) {
      ignoreNotFound(() => this.ctx.api.mutate(this.cjRt, cj.metadata?.namespace, cj.metadata?.name ?? '', (o) => void (o.status = status), { subresource: 'status' }));
    }
    if (requeue !== undefined) return { requeueAfterMs: Math.max(1, requeue) };
  }

  /** Reconciles status.active with the Jobs that exist (syncCronJob's first half). */
  private syncActive(cj: CronJob, status: NonNullable<CronJob['status']>, owned: Job[]): void {
    const active = status.active ?? [];
    const inActive = (uid: string | undefined) => active.some((r) => r.uid === uid);
    for (const j of owned) {
      const uid = j.metadata?.uid;
      if (!inActive(uid) && !isJobFinished(j)) {
        active.push(this.ref(j));
        this.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`);
      } else if (inActive(uid) && isJobFinished(j)) {
        const cond = conditionTrue(j, 'Complete') ? 'Complete' : 'Failed';
        active.splice(active.findIndex((r) => r.uid === uid), 1);
        this.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata?.name}, condition: ${cond}`);
      }
      if (conditionTrue(j, 'Complete') && j.status?.completionTime) {
        const t = j.status.completionTime;
        if (!status.lastSuccessfulTime || (parseTime(t) ?? 0) > (parseTime(status.lastSuccessfulTime) ?? 0)) status.lastSuccessfulTime = t;
      }
    }
    // Active references whose Job is gone.
    for (let i = active.length - 1; i >= 0; i--) {
      const r = active[i];
      if (owned.some((j) => j.metadata?.uid === r.uid)) continue;
      const j = this.ctx.api.tryGet(this.jobRt, r.namespace, r.name ?? '');
      if (j && j.metadata?.uid === r.uid) continue;
      this.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
      active.splice(i, 1);
    }
    if (active.length) status.active = active;
    else delete status.active;
  }

  /** Creates the Job of the most recent unmet schedule time; returns when to look again. */
  private schedule(cj: CronJob, status: NonNullable<CronJob['status']>, now: number): number | undefined {
    const parsed = parseCronSchedule(cj.spec?.schedule ?? '');
    if ('error' in parsed) {
      this.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${parsed.error}`);
      return undefined;
    }
    const sched = parsed.schedule;
    const { time, missed, next } = mostRecentScheduleTime(cj, now, sched);
    const after = (t: number | undefined) => (t === undefined ? undefined : t - now + NEXT_SCHEDULE_DELTA_MS);
    if (time === undefined) return after(next);
    if (missed > 100) {
      this.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds != null && time + sds * 1000 < now) {
      this.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(time)}`);
      return after(next);
    }
    const name = jobNameFor(cj.metadata?.name ?? '', time);
    const active = status.active ?? [];
    if (active.some((r) => r.name === name) || status.lastScheduleTime === rfc3339(time)) return after(next);
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && active.length) {
      this.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return after(next);
    }
    if (policy === 'Replace') {
      for (const r of [...active]) {
        const gone = ignoreNotFound(() => this.ctx.api.delete(this.jobRt, r.namespace, r.name ?? '', { propagationPolicy: 'Background' }));
        if (gone) this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`);
        active.splice(active.indexOf(r), 1);
      }
    }
    const job = this.jobFromTemplate(cj, name, time);
    let created: Job;
    try {
      created = this.ctx.api.create(this.jobRt, cj.metadata?.namespace, job as KObject) as Job;
    } catch (e) {
      if (isApiError(e) && e.code === 409) {
        // Already made (a restart of the controller): note the schedule and move on.
        status.lastScheduleTime = rfc3339(time);
        return after(next);
      }
      this.event(cj, 'Warning', 'FailedCreate', `Error creating job: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }
    this.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`);
    active.push(this.ref(created));
    status.active = active;
    status.lastScheduleTime = rfc3339(time);
    return after(next);
  }

  /** getJobFromTemplate2: the template's labels and annotations, the scheduled-time annotation, a controller reference. */
  private jobFromTemplate(cj: CronJob, name: string, scheduledAt: number): Job {
    const tmpl = cj.spec?.jobTemplate ?? {};
    const meta: ObjectMeta = {
      name,
      namespace: cj.metadata?.namespace,
      annotations: { ...(tmpl.metadata?.annotations ?? {}), [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339(scheduledAt) },
      ownerReferences: [newControllerRef(cj as KObject, 'batch/v1', 'CronJob')],
    };
    if (tmpl.metadata?.labels) meta.labels = { ...tmpl.metadata.labels };
    return { apiVersion: 'batch/v1', kind: 'Job', metadata: meta, spec: clone(tmpl.spec ?? { template: {} }) };
  }

  private ref(j: Job): ActiveRef {
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      name: j.metadata?.name,
      namespace: j.metadata?.namespace,
      resourceVersion: j.metadata?.resourceVersion,
      uid: j.metadata?.uid,
    };
  }

  /** Deletes the oldest finished Jobs beyond the history limits. */
  private cleanupHistory(cj: CronJob, owned: Job[]): void {
    const limits: [boolean, number | undefined][] = [
      [true, cj.spec?.successfulJobsHistoryLimit ?? undefined],
      [false, cj.spec?.failedJobsHistoryLimit ?? undefined],
    ];
    for (const [succeeded, limit] of limits) {
      if (limit == null) continue;
      const finished = owned.filter((j) => !j.metadata?.deletionTimestamp && (succeeded ? conditionTrue(j, 'Complete') : conditionTrue(j, 'Failed')));
      if (finished.length <= limit) continue;
      // Oldest first by start time (jobs that never started sort first), then by name.
      finished.sort((a, b) => {
        const sa = parseTime(a.status?.startTime ?? undefined) ?? -Infinity;
        const sb = parseTime(b.status?.startTime ?? undefined) ?? -Infinity;
        return sa !== sb ? sa - sb : (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
      });
      for (const j of finished.slice(0, finished.length - limit)) {
        const gone = ignoreNotFound(() => this.ctx.api.delete(this.jobRt, j.metadata?.namespace, j.metadata?.name ?? '', { propagationPolicy: 'Background' }));
        if (gone) this.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata?.name}`);
      }
    }
  }

  private event(cj: CronJob, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.ctx.recorder.event(cj as KObject, type, reason, message, { component: COMPONENT });
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jan 2006 15:04:05 +0000`. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
