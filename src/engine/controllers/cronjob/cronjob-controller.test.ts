import { describe, it, expect } from 'vitest';
import type { Pod } from '../../api/types';
import type { CronJob, Job } from '../../apiserver/registry/batch';
import { createHarness } from '../testing';
import type { Harness } from '../testing';
import { JobController } from '../job/job-controller';
import { CronJobController, jobNameFor, mostRecentScheduleTime } from './cronjob-controller';
import { parseCronSchedule } from './cron-schedule';

function cronJob(name: string, schedule: string, spec: Partial<NonNullable<CronJob['spec']>> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule,
      jobTemplate: { metadata: { labels: { app: name } }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
      ...spec,
    },
  };
}

function setup(): Harness {
  const h = createHarness();
  h.addNode('node-1');
  h.start(new JobController(h.ctx), new CronJobController(h.ctx));
  return h;
}

/** Marks every running pod Succeeded (the work is done). */
function finishPods(h: Harness, phase: 'Succeeded' | 'Failed' = 'Succeeded'): void {
  for (const p of h.list<Pod>('pods', 'default')) {
    if (p.status?.phase !== 'Running') continue;
    h.api.mutate(h.rt('pods'), 'default', p.metadata?.name ?? '', (o) => {
      (o as Pod).status = { ...((o as Pod).status ?? {}), phase, conditions: [] };
    }, { subresource: 'status' });
  }
}

const MIN = 60_000;
const minutes = (h: Harness) => Math.floor(h.clock.now() / MIN);
/** To one second past the next whole minute (the controller wakes 100ms after the schedule time). */
const nextMinute = (h: Harness) => h.advance(MIN - (h.clock.now() % MIN) + 1000);

describe('mostRecentScheduleTime', () => {
  // Models TestMostRecentScheduleTime in pkg/controller/cronjob/utils_test.go
  const sched = (s: string) => {
    const p = parseCronSchedule(s);
    if ('error' in p) throw new Error(p.error);
    return p.schedule;
  };
  const cj = (created: string, last?: string, sds?: number): CronJob => ({
    metadata: { creationTimestamp: created },
    spec: { schedule: '', jobTemplate: {}, startingDeadlineSeconds: sds },
    status: last ? { lastScheduleTime: last } : {},
  });
  const T = (s: string) => Date.parse(s);
  it('no schedule time has passed yet', () => {
    expect(mostRecentScheduleTime(cj('2026-11-22T09:00:10Z'), T('2026-11-22T09:00:50Z'), sched('*/1 * * * *'))).toEqual({ missed: 0, next: T('2026-11-22T09:01:00Z') });
  });
  it('one schedule time passed since creation', () => {
    expect(mostRecentScheduleTime(cj('2026-11-22T09:00:10Z'), T('2026-11-22T09:01:05Z'), sched('*/1 * * * *'))).toEqual({ time: T('2026-11-22T09:01:00Z'), missed: 1, next: T('2026-11-22T09:02:00Z') });
  });
  it('counts missed times since the last schedule', () => {
    expect(mostRecentScheduleTime(cj('2026-11-22T08:00:00Z', '2026-11-22T09:00:00Z'), T('2026-11-22T09:05:30Z'), sched('*/1 * * * *'))).toEqual({ time: T('2026-11-22T09:05:00Z'), missed: 5, next: T('2026-11-22T09:06:00Z') });
  });
  it('startingDeadlineSeconds bounds how far back it looks', () => {
    expect(mostRecentScheduleTime(cj('2026-11-22T08:00:00Z', '2026-11-22T08:00:00Z', 120), T('2026-11-22T09:05:30Z'), sched('*/1 * * * *'))).toEqual({ time: T('2026-11-22T09:05:00Z'), missed: 2, next: T('2026-11-22T09:06:00Z') });
  });
});

describe('CronJob controller', () => {
  it('creates NAME-<minutes> jobs on schedule, tracks active/lastScheduleTime/lastSuccessfulTime, prunes history', () => {
    const h = setup();
    h.create('cronjobs', cronJob('tick', '*/1 * * * *', { successfulJobsHistoryLimit: 2 }), 'batch');
    const cj0 = h.get<CronJob>('cronjobs', 'default', 'tick', 'batch');
    expect([cj0?.spec?.concurrencyPolicy, cj0?.spec?.suspend, cj0?.spec?.successfulJobsHistoryLimit, cj0?.spec?.failedJobsHistoryLimit]).toEqual(['Allow', false, 2, 1]);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      nextMinute(h);
      const name = jobNameFor('tick', minutes(h) * MIN);
      names.push(name);
      const job = h.get<Job>('jobs', 'default', name, 'batch');
      expect(job?.metadata?.labels).toEqual({ app: 'tick' });
      expect(job?.metadata?.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': new Date(minutes(h) * MIN).toISOString().replace('.000', '') });
      expect(job?.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true, blockOwnerDeletion: true });
      const st = h.get<CronJob>('cronjobs', 'default', 'tick', 'batch')?.status;
      expect(st?.active?.map((r) => r.name)).toEqual([name]);
      expect(st?.lastScheduleTime).toBe(new Date(minutes(h) * MIN).toISOString().replace('.000', ''));
      h.advance(2000);
      finishPods(h);
      h.advance(1000);
      const after = h.get<CronJob>('cronjobs', 'default', 'tick', 'batch')?.status;
      expect(after?.active).toBeUndefined();
      expect(after?.lastSuccessfulTime).toBeDefined();
    }
    expect(h.list<Job>('jobs', 'default', 'batch').filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata?.name).sort()).toEqual(names.slice(2).sort());
    const ev = h.events((o) => o.kind === 'CronJob');
    expect(ev.slice(0, 2)).toEqual([`Normal SuccessfulCreate cronjob-controller: Created job ${names[0]}`, `Normal SawCompletedJob cronjob-controller: Saw completed job: ${names[0]}, condition: Complete`]);
    expect(ev).toContain(`Normal SuccessfulDelete cronjob-controller: Deleted job ${names[0]}`);
  });

  it('Forbid skips a run while one is active; Replace deletes the active one', () => {
    const h = setup();
    h.create('cronjobs', cronJob('f', '*/1 * * * *', { concurrencyPolicy: 'Forbid' }), 'batch');
    h.create('cronjobs', cronJob('r', '*/1 * * * *', { concurrencyPolicy: 'Replace' }), 'batch');
    nextMinute(h);
    const first = minutes(h);
    nextMinute(h);
    const second = minutes(h);
    const jobs = h.list<Job>('jobs', 'default', 'batch').filter((j) => !j.metadata?.deletionTimestamp).map((j) => j.metadata?.name).sort();
    expect(jobs).toEqual([`f-${first}`, `r-${second}`]);
    expect(h.events((o) => o.kind === 'CronJob' && o.metadata?.name === 'f')).toContain(
      'Normal JobAlreadyActive cronjob-controller: Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    expect(h.events((o) => o.kind === 'CronJob' && o.metadata?.name === 'r')).toContain(`Normal SuccessfulDelete cronjob-controller: Deleted job r-${first}`);
  });

  it('a suspended CronJob creates nothing', () => {
    const h = setup();
    h.create('cronjobs', cronJob('s', '*/1 * * * *', { suspend: true }), 'batch');
    h.advance(3 * MIN);
    expect(h.list<Job>('jobs', 'default', 'batch')).toEqual([]);
  });
});
