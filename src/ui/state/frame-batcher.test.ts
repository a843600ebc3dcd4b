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
});
