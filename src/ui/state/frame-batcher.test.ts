import { describe, it, expect } from 'vitest';
import type { KObject } from '../../engine';
import type { ClockState, ObjectEvent } from '../../worker/protocol';
import { FrameBatcher } from './frame-batcher';
import type { CoalescedBatch } from './frame-batcher';

const clock = (now: number): ClockState => ({ now, playing: true, speed: 1 });
const pod = (uid: string, rv: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { uid, name: uid, namespace: 'default', resourceVersion: rv } });
const ev = (type: ObjectEvent['type'], uid: string, rv: string): ObjectEvent => ({ type, resource: 'pods', object: pod(uid, rv) });

/** A scheduler whose frames the test fires by hand. */
function manualFrames() {
  const queued: (() => void)[] = [];
  return {
    schedule: (run: () => void) => void queued.push(run),
    fire() {
      const q = queued.splice(0);
      for (const run of q) run();
    },
    get pending() {
      return queued.length;
    },
  };
}

describe('FrameBatcher', () => {
  it('eager mode: the first events after a quiet spell are applied on arrival (not in a frame), the next ones wait for the frame', () => {
    const frames = manualFrames();
    let wall = 0;
    const applied: { uids: string[]; inFrame: boolean; clock: number }[] = [];
    const b = new FrameBatcher((x) => {
      applied.push({ uids: x.events.map((e) => e.object.metadata?.uid as string), inFrame: b.inFrame, clock: x.clock.now });
    }, frames.schedule, { eagerAfterIdleMs: 50, now: () => wall });
    // Clock-only batches neither count as activity nor are applied eagerly.
    b.push([], clock(100));
    expect(applied).toEqual([]);
    wall = 60;
    b.push([ev('ADDED', 'a', '1')], clock(116));
    // Applied at once with the pending clock-only batch, outside a frame.
    expect(applied).toEqual([{ uids: ['a'], inFrame: false, clock: 116 }]);
    wall = 62;
    b.push([ev('ADDED', 'b', '2')], clock(132));
    wall = 63;
    b.push([ev('ADDED', 'c', '3')], clock(148));
    expect(applied).toHaveLength(1);
    frames.fire();
    expect(applied.slice(1)).toEqual([{ uids: ['b', 'c'], inFrame: true, clock: 148 }]);
    // Quiet again for 50 ms: eager once more.
    wall = 113;
    b.push([ev('MODIFIED', 'a', '4')], clock(164));
    expect(applied.slice(2)).toEqual([{ uids: ['a'], inFrame: false, clock: 164 }]);
    frames.fire();
    expect(applied).toHaveLength(3);
  });

  it('eager after frame: once a frame began after an on-arrival application, the next batch is applied on arrival again (at most one per frame)', () => {
    const frames = manualFrames();
    let wall = 0;
    const applied: { uids: string[]; inFrame: boolean }[] = [];
    const b = new FrameBatcher((x) => {
      applied.push({ uids: x.events.map((e) => e.object.metadata?.uid as string), inFrame: b.inFrame });
    }, frames.schedule, { eagerAfterIdleMs: 50, now: () => wall, eagerAfterFrame: true });
    wall = 60;
    b.push([ev('ADDED', 'a', '1')], clock(100));
    expect(applied).toEqual([{ uids: ['a'], inFrame: false }]);
    // 2 ms later, before any frame: waits for the frame, however idle the page is.
    wall = 62;
    b.push([ev('ADDED', 'b', '2')], clock(116));
    expect(applied).toHaveLength(1);
    frames.fire();
    expect(applied.slice(1)).toEqual([{ uids: ['b'], inFrame: true }]);
    // That frame rendered both: 8 ms after the last batch, the next one is applied on arrival.
    wall = 70;
    b.push([ev('ADDED', 'c', '3')], clock(132));
    expect(applied.slice(2)).toEqual([{ uids: ['c'], inFrame: false }]);
    // No frame since: the next one waits for it (one on-arrival application per frame).
    wall = 72;
    b.push([ev('ADDED', 'd', '4')], clock(148));
    wall = 73;
    b.push([ev('ADDED', 'e', '5')], clock(149));
    expect(applied).toHaveLength(3);
    frames.fire();
    expect(applied.slice(3)).toEqual([{ uids: ['d', 'e'], inFrame: true }]);
    expect(frames.pending).toBe(0);
    // The frame that applied d and e has begun since c: the next arrival is applied on it again.
    wall = 80;
    b.push([ev('MODIFIED', 'a', '6')], clock(180));
    expect(applied.slice(4)).toEqual([{ uids: ['a'], inFrame: false }]);
    // Without the option, an arrival 8 ms after a frame waits for the next one.
    const plain: string[][] = [];
    const p = new FrameBatcher((x) => plain.push(x.events.map((e) => e.object.metadata?.uid as string)), frames.schedule, { eagerAfterIdleMs: 50, now: () => wall });
    wall = 200;
    p.push([ev('ADDED', 'x', '1')], clock(1));
    frames.fire();
    wall = 210;
    p.push([ev('ADDED', 'y', '2')], clock(2));
    expect(plain).toEqual([['x']]);
  });

  it('a batch marked more waits for the rest of its burst, then both are applied on arrival in one update; the frame applies it if it comes first', () => {
    const frames = manualFrames();
    let wall = 0;
    const applied: { uids: string[]; inFrame: boolean; batches: number }[] = [];
    const b = new FrameBatcher((x) => {
      applied.push({ uids: x.events.map((e) => e.object.metadata?.uid as string), inFrame: b.inFrame, batches: x.batches });
    }, frames.schedule, { eagerAfterIdleMs: 50, now: () => wall, eagerAfterFrame: true });
    wall = 60;
    b.push([ev('ADDED', 'a', '1')], clock(100), undefined, true);
    expect(applied).toEqual([]);
    wall = 61;
    b.push([ev('ADDED', 'b', '2')], clock(100), undefined, true);
    expect(applied).toEqual([]);
    wall = 62;
    b.push([ev('ADDED', 'c', '3')], clock(100));
    expect(applied).toEqual([{ uids: ['a', 'b', 'c'], inFrame: false, batches: 3 }]);
    // One on-arrival application for the three: the next batch waits for the frame.
    wall = 63;
    b.push([ev('ADDED', 'd', '4')], clock(116));
    expect(applied).toHaveLength(1);
    frames.fire();
    expect(applied.slice(1)).toEqual([{ uids: ['d'], inFrame: true, batches: 1 }]);
    // A frame before the rest of the burst applies the first half; the rest, arriving after that
    // frame began, is applied on arrival.
    wall = 80;
    b.push([ev('MODIFIED', 'a', '5')], clock(132), undefined, true);
    expect(applied).toHaveLength(2);
    frames.fire();
    expect(applied.slice(2)).toEqual([{ uids: ['a'], inFrame: true, batches: 1 }]);
    wall = 81;
    b.push([ev('MODIFIED', 'b', '6')], clock(132));
    expect(applied.slice(3)).toEqual([{ uids: ['b'], inFrame: false, batches: 1 }]);
    // No frame since: `more` on a batch that waits for the frame anyway changes nothing.
    wall = 82;
    b.push([ev('MODIFIED', 'c', '7')], clock(148), undefined, true);
    wall = 83;
    b.push([ev('MODIFIED', 'd', '8')], clock(148));
    expect(applied).toHaveLength(4);
    frames.fire();
    expect(applied.slice(4)).toEqual([{ uids: ['c', 'd'], inFrame: true, batches: 2 }]);
  });

  it('merges every batch of a frame into one application, in order, with the newest clock', () => {
    const frames = manualFrames();
    const applied: CoalescedBatch[] = [];
    const inFrame: boolean[] = [];
    const b = new FrameBatcher((x) => {
      applied.push(x);
      inFrame.push(b.inFrame);
    }, frames.schedule);
    b.push([ev('ADDED', 'a', '1')], clock(100), { firstWriteAt: 1000, sentAt: 1004 });
    b.push([ev('MODIFIED', 'a', '2'), ev('ADDED', 'b', '3')], clock(116), { firstWriteAt: 1010, sentAt: 1020 });
    b.push([], clock(132));
    expect(frames.pending).toBe(1);
    expect(applied).toEqual([]);
    frames.fire();
    expect(applied).toEqual([{
      events: [ev('ADDED', 'a', '1'), ev('MODIFIED', 'a', '2'), ev('ADDED', 'b', '3')],
      clock: clock(132),
      timing: { firstWriteAt: 1000, sentAt: 1020 },
      batches: 3,
    }]);
    expect(inFrame).toEqual([true]);
    expect(b.inFrame).toBe(false);
    // The next batch asks for the next frame.
    b.push([ev('DELETED', 'b', '4')], clock(148));
    expect(frames.pending).toBe(1);
    frames.fire();
    expect(applied[1]).toEqual({ events: [ev('DELETED', 'b', '4')], clock: clock(148), batches: 1 });
  });

  it('drops what is pending when cleared (a snapshot replaces it) and ignores the stale frame', () => {
    const frames = manualFrames();
    const applied: CoalescedBatch[] = [];
    const b = new FrameBatcher((x) => applied.push(x), frames.schedule);
    b.push([ev('ADDED', 'a', '1')], clock(100));
    b.clear();
    b.push([ev('ADDED', 'c', '9')], clock(200));
    expect(frames.pending).toBe(2);
    frames.fire();
    expect(applied).toEqual([{ events: [ev('ADDED', 'c', '9')], clock: clock(200), batches: 1 }]);
  });

  it('never slices without a budget, however long a frame took', () => {
    const frames = manualFrames();
    let wall = 0;
    const applied: number[] = [];
    const b = new FrameBatcher((x) => {
      applied.push(x.events.length);
      wall += 1000;
    }, frames.schedule, { now: () => wall });
    const many = (n: number) => Array.from({ length: n }, (_, i) => ev('ADDED', `q${i}`, String(i)));
    b.push(many(300), clock(1));
    frames.fire();
    b.push(many(300), clock(2));
    frames.fire();
    expect(applied).toEqual([300, 300]);
    expect(frames.pending).toBe(0);
  });

  it('with a budget, slices the next frames when one went over it, in order, and grows back once under it', () => {
    const frames = manualFrames();
    let wall = 0;
    const cost = { perEvent: 0.5 };
    const applied: CoalescedBatch[] = [];
    const b = new FrameBatcher((x) => {
      applied.push(x);
      wall += x.events.length * cost.perEvent;
    }, frames.schedule, { budgetMs: 20, minSlice: 10, now: () => wall });
    const burst = (from: number, n: number) => Array.from({ length: n }, (_, i) => ev('ADDED', `p${from + i}`, String(from + i)));
    // 100 events at 0.5 ms: 50 ms, over the 20 ms budget; the next slice is 100 · 20 / 50 = 40.
    b.push(burst(0, 100), clock(1), { firstWriteAt: 5, sentAt: 6 });
    frames.fire();
    expect(applied.map((x) => x.events.length)).toEqual([100]);
    b.push(burst(100, 50), clock(2), { firstWriteAt: 7, sentAt: 8 });
    b.push(burst(150, 50), clock(3), { firstWriteAt: 9, sentAt: 10 });
    expect(b.backlog).toBe(100);
    frames.fire();
    // 40 events = 20 ms: on budget, so the slice stays 40 while the backlog drains.
    expect(applied.map((x) => x.events.length)).toEqual([100, 40]);
    expect(applied[1]).toMatchObject({ batches: 0, timing: { firstWriteAt: 7, sentAt: 8 }, clock: clock(3) });
    expect(frames.pending).toBe(1);
    frames.fire();
    expect(applied[2]).toMatchObject({ batches: 1, timing: { firstWriteAt: 7, sentAt: 10 } });
    frames.fire();
    expect(applied.map((x) => x.events.length)).toEqual([100, 40, 40, 20]);
    expect(applied.slice(1).flatMap((x) => x.events.map((e) => e.object.metadata?.name))).toEqual(burst(100, 100).map((e) => e.object.metadata?.name));
    expect(b.backlog).toBe(0);
    expect(frames.pending).toBe(0);
    // Cheap again: a full slice under budget doubles it.
    cost.perEvent = 0.1;
    b.push(burst(200, 100), clock(4));
    frames.fire();
    frames.fire();
    frames.fire();
    expect(applied.slice(4).map((x) => x.events.length)).toEqual([40, 60]);
  });
});

