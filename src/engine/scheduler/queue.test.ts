import { describe, it, expect } from 'vitest';
import type { Pod } from '../api/types';
import { backoffDuration, SchedulingQueue } from './queue';
import { pod, withSpec } from './test-helpers';

const names = (q: SchedulingQueue, now: number): string[] => {
  const out: string[] = [];
  for (let p = q.pop(now); p; p = q.pop(now)) out.push(p.metadata?.name ?? '');
  return out;
};
const uid = (p: Pod): string => p.metadata?.uid ?? '';

describe('backoffDuration', () => {
  it('0 before any attempt, then 1s, 2s, 4s, 8s, capped at 10s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoffDuration)).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });
});

describe('SchedulingQueue', () => {
  it('activeQ pops by priority, then by time added', () => {
    const q = new SchedulingQueue();
    q.add(pod('low-early', { priority: 0 }), 0);
    q.add(pod('high', { priority: 100 }), 5);
    q.add(pod('low-late', { priority: 0 }), 3);
    q.add(pod('mid', { priority: 10 }), 9);
    expect(names(q, 10)).toEqual(['high', 'mid', 'low-early', 'low-late']);
    expect(q.len()).toBe(0);
  });

  it('parks unschedulable pods until an event, then backs them off by attempts', () => {
    const q = new SchedulingQueue();
    const p = pod('p');
    q.add(p, 0);
    expect(q.pop(0)).toBe(p);
    q.addUnschedulable(p, 100);
    expect(q.stats()).toEqual({ active: 0, backoff: 0, unschedulable: 1, gated: 0 });
    expect(q.pop(60_000)).toBeUndefined();
    expect(q.nextWakeAt()).toBe(100 + 5 * 60_000);
    // A node appears 500 ms after the failure: 1 attempt → 1 s backoff from the failure.
    q.onClusterEvent('NodeAdd', 600);
    expect(q.stats().backoff).toBe(1);
    expect(q.nextWakeAt()).toBe(1100);
    expect(q.pop(1099)).toBeUndefined();
    expect(q.pop(1100)).toBe(p);
    // Second failure: 2 s backoff. An event long after the backoff goes straight to activeQ.
    q.addUnschedulable(p, 2000);
    q.onClusterEvent('NodeUpdate', 9000);
    expect(q.stats().active).toBe(1);
    expect(q.pop(9000)).toBe(p);
    // Third failure: 4 s.
    q.addUnschedulable(p, 10_000);
    q.onClusterEvent('NodeAdd', 10_000);
    expect(q.nextWakeAt()).toBe(14_000);
  });

  it('backoff grows per attempt up to 10 s', () => {
    const q = new SchedulingQueue();
    const p = pod('p');
    q.add(p, 0);
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(q.pop(now)).toBe(p);
      q.addUnschedulable(p, now);
      q.onClusterEvent('NodeAdd', now);
      const wake = q.nextWakeAt() ?? -1;
      waits.push(wake - now);
      now = wake;
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('flushes pods parked for 5 minutes', () => {
    const q = new SchedulingQueue();
    const p = pod('p');
    q.add(p, 0);
    q.pop(0);
    q.addUnschedulable(p, 1000);
    expect(q.pop(1000 + 5 * 60_000 - 1)).toBeUndefined();
    expect(q.pop(1000 + 5 * 60_000)).toBe(p);
  });

  it('an event during the attempt sends the pod to backoffQ instead of parking it', () => {
    const q = new SchedulingQueue();
    const p = pod('p');
    q.add(p, 0);
    q.pop(0);
    q.onClusterEvent('PodDelete', 10);
    q.addUnschedulable(p, 20);
    expect(q.stats()).toEqual({ active: 0, backoff: 1, unschedulable: 0, gated: 0 });
    expect(q.pop(1020)).toBe(p);
  });

  it('only events that can help the rejecting plugins move a pod', () => {
    const q = new SchedulingQueue();
    const tainted = pod('tainted');
    const full = pod('full');
    for (const p of [tainted, full]) q.add(p, 0);
    expect(names(q, 0)).toEqual(['tainted', 'full']);
    q.addUnschedulable(tainted, 0, undefined, new Set(['TaintToleration']));
    q.addUnschedulable(full, 0, undefined, new Set(['NodeResourcesFit']));
    q.onClusterEvent('AssignedPodAdd', 5000);
    expect(q.stats().unschedulable).toBe(2);
    q.onClusterEvent('PodDelete', 5000);
    expect(names(q, 5000)).toEqual(['full']);
    q.onClusterEvent('NodeUpdate', 6000);
    expect(names(q, 6000)).toEqual(['tainted']);
  });

  it('update: status-only changes keep a pod parked, spec changes requeue it', () => {
    const q = new SchedulingQueue();
    const p = pod('p');
    q.add(p, 0);
    q.pop(0);
    q.addUnschedulable(p, 0);
    q.update({ ...p, metadata: { ...p.metadata, resourceVersion: '9' }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] } });
    expect(q.stats().unschedulable).toBe(1);
    q.update(withSpec(p, { nodeSelector: { a: 'b' } }));
    expect(q.stats()).toEqual({ active: 0, backoff: 1, unschedulable: 0, gated: 0 });
  });

  it('gated pods wait for their scheduling gates to be removed', () => {
    const q = new SchedulingQueue();
    const p = pod('p', { schedulingGates: ['example.com/wait'] });
    q.add(p, 0);
    expect(q.pop(0)).toBeUndefined();
    expect(q.len()).toBe(1);
    q.onClusterEvent('NodeAdd', 1);
    expect(q.pop(1)).toBeUndefined();
    const open = withSpec(p, { schedulingGates: [] });
    q.update(open);
    expect(q.pop(2)).toBe(open);
  });

  it('delete removes a pod from whichever sub-queue holds it', () => {
    const q = new SchedulingQueue();
    const a = pod('a');
    const b = pod('b');
    q.add(a, 0);
    q.add(b, 0);
    q.pop(0);
    q.addUnschedulable(a, 0);
    q.delete(uid(a));
    q.delete(uid(b));
    expect(q.len()).toBe(0);
    expect(q.nextWakeAt()).toBeUndefined();
  });

  it('adding a queued pod again only updates it', () => {
    const q = new SchedulingQueue();
    const p = pod('p', { priority: 1 });
    q.add(p, 0);
    q.add(withSpec(p, { priority: 5 }), 7);
    expect(q.len()).toBe(1);
    expect(q.pop(7)?.spec?.priority).toBe(5);
  });
});
