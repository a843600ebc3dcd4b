import { describe, it, expect } from 'vitest';
import type { KObject, Pod } from '../../api/types';
import type { Job } from '../../apiserver/registry/batch';
import { JOB_TRACKING_FINALIZER } from '../../apiserver/registry/batch';
import { newControllerRef } from '../util/owner';
import { createHarness } from '../testing';
import type { Harness } from '../testing';
import { JobController, backoffRemaining } from './job-controller';

function job(name: string, spec: Partial<NonNullable<Job['spec']>> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } },
      ...spec,
    },
  };
}

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** A pod of the job in a given phase, as the job controller would have made it. */
function addPod(h: Harness, j: Job, phase: Phase, i: number, ready = phase === 'Running'): Pod {
  const podRt = h.rt('pods');
  const pod = h.api.create(podRt, 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${j.metadata?.name}-p${i}`,
      labels: { ...(j.spec?.template?.metadata?.labels ?? {}) },
      ownerReferences: [newControllerRef(j as KObject, 'batch/v1', 'Job')],
      finalizers: [JOB_TRACKING_FINALIZER],
    },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' },
  }) as Pod;
  if (phase === 'Pending') return pod;
  return h.api.mutate(podRt, 'default', pod.metadata?.name ?? '', (o) => {
    const st = (o as Pod).status ?? {};
    st.phase = phase;
    if (ready) st.conditions = [{ type: 'Ready', status: 'True' }];
    (o as Pod).status = st;
  }, { subresource: 'status' }) as Pod;
}

interface Case {
  name: string;
  spec: Partial<NonNullable<Job['spec']>>;
  pods: Phase[];
  /** Status counters before the sync (pods already counted). */
  status?: { succeeded?: number; failed?: number };
  wantCreated: number;
  wantDeleted: number;
  wantStatus: { active?: number; succeeded?: number; failed?: number; ready?: number; terminating?: number };
  /** Condition types after the sync (and the settling syncs at the same instant). */
  wantConditions: string[];
}

// Models TestControllerSyncJob in pkg/controller/job/job_controller_test.go (the NonIndexed,
// tracking-finalizer cases this simulation implements). Unlike upstream's fake pod control the
// deletions here are real and graceful: the settling syncs at the same instant see those pods
// terminating, count them as failed (podReplacementPolicy TerminatingOrFailed) and hold the
// terminal condition back while they terminate.
const cases: Case[] = [
  { name: 'job start', spec: { parallelism: 2, completions: 5 }, pods: [], wantCreated: 2, wantDeleted: 0, wantStatus: { active: 2, ready: 0, terminating: 0 }, wantConditions: [] },
  { name: 'WQ job start', spec: { parallelism: 2 }, pods: [], wantCreated: 2, wantDeleted: 0, wantStatus: { active: 2, ready: 0, terminating: 0 }, wantConditions: [] },
  { name: 'correct # of pods', spec: { parallelism: 2, completions: 5 }, pods: ['Running', 'Pending'], wantCreated: 0, wantDeleted: 0, wantStatus: { active: 2, ready: 1, terminating: 0 }, wantConditions: [] },
  { name: 'too few active pods', spec: { parallelism: 2, completions: 5 }, pods: ['Running', 'Succeeded'], wantCreated: 1, wantDeleted: 0, wantStatus: { active: 2, succeeded: 1, ready: 1, terminating: 0 }, wantConditions: [] },
  { name: 'too many active pods', spec: { parallelism: 2, completions: 5 }, pods: ['Pending', 'Pending', 'Pending'], wantCreated: 0, wantDeleted: 1, wantStatus: { active: 2, failed: 1, ready: 0, terminating: 1 }, wantConditions: [] },
  { name: 'failed + succeed pods: reset backoff delay', spec: { parallelism: 2, completions: 5 }, pods: ['Failed', 'Succeeded', 'Running'], wantCreated: 1, wantDeleted: 0, wantStatus: { active: 2, succeeded: 1, failed: 1, ready: 1, terminating: 0 }, wantConditions: [] },
  { name: 'new failed pod: backoff delays the replacement', spec: { parallelism: 2, completions: 5 }, pods: ['Failed', 'Running'], wantCreated: 0, wantDeleted: 0, wantStatus: { active: 1, failed: 1, ready: 1, terminating: 0 }, wantConditions: [] },
  { name: 'only new failed pod with controller error', spec: { parallelism: 2, completions: 5, backoffLimit: 0 }, pods: ['Failed', 'Running'], wantCreated: 0, wantDeleted: 1, wantStatus: { failed: 2, ready: 0, terminating: 1 }, wantConditions: ['FailureTarget'] },
  { name: 'job finish', spec: { parallelism: 2, completions: 5 }, pods: ['Succeeded', 'Succeeded', 'Succeeded', 'Succeeded', 'Succeeded'], wantCreated: 0, wantDeleted: 0, wantStatus: { succeeded: 5, ready: 0, terminating: 0 }, wantConditions: ['SuccessCriteriaMet', 'Complete'] },
  { name: 'WQ job finishing', spec: { parallelism: 2 }, pods: ['Running', 'Succeeded'], wantCreated: 0, wantDeleted: 0, wantStatus: { active: 1, succeeded: 1, ready: 1, terminating: 0 }, wantConditions: [] },
  { name: 'WQ job all finished', spec: { parallelism: 2 }, pods: ['Succeeded', 'Succeeded'], wantCreated: 0, wantDeleted: 0, wantStatus: { succeeded: 2, ready: 0, terminating: 0 }, wantConditions: ['SuccessCriteriaMet', 'Complete'] },
  { name: 'more active pods than parallelism', spec: { parallelism: 2, completions: 5 }, pods: ['Running', 'Running', 'Running'], wantCreated: 0, wantDeleted: 1, wantStatus: { active: 2, failed: 1, ready: 2, terminating: 1 }, wantConditions: [] },
  { name: 'more active pods than remaining completions', spec: { parallelism: 3, completions: 4 }, pods: ['Running', 'Running', 'Running', 'Succeeded', 'Succeeded'], wantCreated: 0, wantDeleted: 1, wantStatus: { active: 2, succeeded: 2, failed: 1, ready: 2, terminating: 1 }, wantConditions: [] },
  { name: 'already counted pods stay counted', spec: { parallelism: 1, completions: 3 }, pods: [], status: { succeeded: 2, failed: 1 }, wantCreated: 1, wantDeleted: 0, wantStatus: { active: 1, succeeded: 2, failed: 1, ready: 0, terminating: 0 }, wantConditions: [] },
  { name: 'suspended job deletes its pods', spec: { parallelism: 2, completions: 5, suspend: true }, pods: ['Running', 'Running'], wantCreated: 0, wantDeleted: 2, wantStatus: { failed: 2, ready: 0, terminating: 2 }, wantConditions: ['Suspended'] },
];

describe('Job controller sync (table)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const h = createHarness({ kubelet: { schedule: false } });
      h.addNode('node-1');
      const created = h.create('jobs', job('foo', c.spec), 'batch');
      const jobRt = h.rt('jobs', 'batch');
      if (c.status) h.api.mutate(jobRt, 'default', 'foo', (o) => void (o.status = { ...c.status }), { subresource: 'status' });
      c.pods.forEach((phase, i) => addPod(h, created, phase, i));
      const before = new Set(h.list<Pod>('pods', 'default').map((p) => p.metadata?.name));
      h.start(new JobController(h.ctx));
      h.flush();
      const calls = h.events();
      const createdN = calls.filter((e) => e.startsWith('Normal SuccessfulCreate')).length;
      const deletedN = calls.filter((e) => e.startsWith('Normal SuccessfulDelete')).length;
      expect({ created: createdN, deleted: deletedN }).toEqual({ created: c.wantCreated, deleted: c.wantDeleted });
      const st = h.get<Job>('jobs', 'default', 'foo', 'batch')?.status ?? {};
      expect({ active: st.active, succeeded: st.succeeded, failed: st.failed, ready: st.ready, terminating: st.terminating }).toEqual({
        active: undefined,
        succeeded: undefined,
        failed: undefined,
        ...c.wantStatus,
      });
      expect((st.conditions ?? []).map((x) => x.type)).toEqual(c.wantConditions);
      if (!c.spec.suspend) {
        // Every counted pod lost its tracking finalizer; the new ones carry it.
        for (const p of h.list<Pod>('pods', 'default')) {
          const terminal = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
          if (!before.has(p.metadata?.name)) expect(p.metadata?.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
          else if (terminal) expect(p.metadata?.finalizers).toBeUndefined();
        }
      }
    });
  }
});

describe('Job controller end to end', () => {
  function setup() {
    const h = createHarness();
    h.addNode('node-1');
    h.start(new JobController(h.ctx));
    return h;
  }
  const finish = (h: Harness, pod: Pod, phase: 'Succeeded' | 'Failed') =>
    h.api.mutate(h.rt('pods'), 'default', pod.metadata?.name ?? '', (o) => {
      const p = o as Pod;
      p.status = { ...(p.status ?? {}), phase, conditions: [{ type: 'Ready', status: 'False' }] };
    }, { subresource: 'status' });

  it('runs a pod to completion: generated labels and selector, SuccessCriteriaMet then Complete, completionTime, events', () => {
    const h = setup();
    const j = h.create('jobs', job('pi'), 'batch');
    const uid = j.metadata?.uid ?? '';
    expect(j.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(j.metadata?.labels).toEqual({
      'batch.kubernetes.io/controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': uid,
      'job-name': 'pi',
    });
    expect([j.spec?.completions, j.spec?.parallelism, j.spec?.backoffLimit, j.spec?.completionMode, j.spec?.suspend, j.spec?.manualSelector, j.spec?.podReplacementPolicy]).toEqual([
      1, 1, 6, 'NonIndexed', false, false, 'TerminatingOrFailed',
    ]);
    h.advance(2000);
    const [pod] = h.list<Pod>('pods', 'default');
    expect(pod.metadata?.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata?.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
    let st = h.get<Job>('jobs', 'default', 'pi', 'batch')?.status;
    expect(st).toEqual({ active: 1, ready: 1, terminating: 0, startTime: '2026-11-22T09:00:00Z', uncountedTerminatedPods: {} });
    h.advance(3000);
    finish(h, pod, 'Succeeded');
    h.advance(0);
    st = h.get<Job>('jobs', 'default', 'pi', 'batch')?.status;
    const t = '2026-11-22T09:00:05Z';
    expect(st).toEqual({
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        { type: 'Complete', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
      startTime: '2026-11-22T09:00:00Z',
      completionTime: t,
      succeeded: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    expect(h.get<Pod>('pods', 'default', pod.metadata?.name ?? '')?.metadata?.finalizers).toBeUndefined();
    expect(h.events()).toEqual([`Normal SuccessfulCreate job-controller: Created pod: ${pod.metadata?.name}`, 'Normal Completed job-controller: Job completed']);
  });

  it('replaces failed pods after an exponential backoff and fails past backoffLimit', () => {
    const h = setup();
    h.create('jobs', job('bad', { backoffLimit: 2 }), 'batch');
    const createdAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      h.advance(1500);
      const active = h.list<Pod>('pods', 'default').filter((p) => p.status?.phase === 'Running');
      expect(active).toHaveLength(1);
      createdAt.push(Date.parse(active[0].metadata?.creationTimestamp ?? ''));
      finish(h, active[0], 'Failed');
      h.advance(0);
      if (i < 2) {
        // Backoff: 10s, then 20s before the replacement.
        h.advance(10_000 * 2 ** i - 1);
        expect(h.list<Pod>('pods', 'default').filter((p) => p.status?.phase !== 'Failed')).toHaveLength(0);
        h.advance(1);
        expect(h.list<Pod>('pods', 'default').filter((p) => p.status?.phase !== 'Failed')).toHaveLength(1);
      }
    }
    const st = h.get<Job>('jobs', 'default', 'bad', 'batch')?.status;
    expect(st?.failed).toBe(3);
    expect((st?.conditions ?? []).map((c) => `${c.type}/${c.reason}/${c.message}`)).toEqual([
      'FailureTarget/BackoffLimitExceeded/Job has reached the specified backoff limit',
      'Failed/BackoffLimitExceeded/Job has reached the specified backoff limit',
    ]);
    expect(st?.completionTime).toBeUndefined();
    expect(h.events().filter((e) => !e.includes('SuccessfulCreate'))).toEqual([
      'Warning BackoffLimitExceeded job-controller: Job has reached the specified backoff limit',
    ]);
  });

  it('deadline exceeded: deletes the active pod and waits for it to terminate before Failed', () => {
    const h = setup();
    h.kubelet.terminateDelayMs = 5000;
    h.create('jobs', job('slow', { activeDeadlineSeconds: 10 }), 'batch');
    h.advance(10_000);
    let st = h.get<Job>('jobs', 'default', 'slow', 'batch')?.status;
    expect((st?.conditions ?? []).map((c) => c.type)).toEqual(['FailureTarget']);
    expect(st?.terminating).toBe(1);
    h.advance(5000);
    st = h.get<Job>('jobs', 'default', 'slow', 'batch')?.status;
    expect((st?.conditions ?? []).map((c) => `${c.type}/${c.reason}`)).toEqual(['FailureTarget/DeadlineExceeded', 'Failed/DeadlineExceeded']);
    expect(st?.failed).toBe(1);
    expect(h.list<Pod>('pods', 'default')).toHaveLength(0);
  });

  it('deletes a finished job after ttlSecondsAfterFinished', () => {
    const h = setup();
    h.create('jobs', job('short', { ttlSecondsAfterFinished: 30 }), 'batch');
    h.advance(1500);
    finish(h, h.list<Pod>('pods', 'default')[0], 'Succeeded');
    h.advance(29_000);
    expect(h.get<Job>('jobs', 'default', 'short', 'batch')).toBeDefined();
    h.advance(1_000);
    const left = h.get<Job>('jobs', 'default', 'short', 'batch');
    // Foreground deletion: marked, waiting for the garbage collector (not running here).
    expect(left?.metadata?.deletionTimestamp).toBeDefined();
  });
});

describe('backoffRemaining', () => {
  // Models TestGetRemainingBackoffTime in pkg/controller/job/backoff_utils_test.go
  const cases: { name: string; failures: number; lastAgoMs?: number; want: number }[] = [
    { name: 'no failures', failures: 0, lastAgoMs: 0, want: 0 },
    { name: 'one failure; no time passed', failures: 1, lastAgoMs: 0, want: 10_000 },
    { name: 'one failure; 5s passed', failures: 1, lastAgoMs: 5_000, want: 5_000 },
    { name: 'two failures; 5s passed', failures: 2, lastAgoMs: 5_000, want: 15_000 },
    { name: 'many failures: capped at 10 minutes', failures: 20, lastAgoMs: 0, want: 600_000 },
    { name: 'backoff elapsed', failures: 1, lastAgoMs: 20_000, want: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const now = 1_000_000;
      expect(backoffRemaining(c.failures, c.lastAgoMs === undefined ? undefined : now - c.lastAgoMs, now)).toBe(c.want);
    });
  }
});
