// The timeline recorder against the store it records: the mirror rebuilt at any recorded time
// equals (and at keyframes is) the mirror the store held then; the history stays within its
// bounds; markers index the Kubernetes Events; a reset starts a new history; replay stepping.
import { describe, it, expect } from 'vitest';
import type { KObject } from '../../../engine';
import type { MirroredResource, ObjectEvent, ObjectEventType } from '../../../worker/protocol';
import { applyEvents, emptyMirror } from '../../state/mirror';
import type { Mirror } from '../../state/mirror';
import { TimelineRecorder } from './timeline-recorder';
import type { TimelineOptions } from './timeline-recorder';
import { Timeline, markerText, ticksOf, timeOfDay } from './timeline';

let rv = 0;
function ev(type: ObjectEventType, resource: MirroredResource, name: string, extra: Record<string, unknown> = {}): ObjectEvent {
  rv++;
  const object: KObject = { apiVersion: 'v1', kind: resource, metadata: { name, namespace: 'default', uid: `${resource}/${name}`, resourceVersion: String(rv) }, ...extra };
  return { type, resource, object };
}

const T0 = 1_700_000_000_000;

/** A deterministic stream: pods created, their phase changed, some deleted, Events in between. */
function stream(frames: number, perFrame: number, dtMs: number): { t: number; events: ObjectEvent[] }[] {
  const out: { t: number; events: ObjectEvent[] }[] = [];
  let next = 0;
  for (let f = 0; f < frames; f++) {
    const events: ObjectEvent[] = [];
    for (let i = 0; i < perFrame; i++) {
      const k = (f * 7 + i * 3) % 5;
      if (k < 2 || next < 3) events.push(ev('ADDED', 'pods', `p${next++}`, { status: { phase: 'Pending' } }));
      else if (k === 2) events.push(ev('MODIFIED', 'pods', `p${(f + i) % next}`, { status: { phase: 'Running' } }));
      else if (k === 3) events.push(ev('DELETED', 'pods', `p${(f * 13 + i) % next}`));
      else events.push(ev('ADDED', 'events', `e${f}-${i}`, { type: i % 2 ? 'Warning' : 'Normal', reason: 'Scheduled' }));
    }
    out.push({ t: T0 + (f + 1) * dtMs, events });
  }
  return out;
}

/** Feeds the stream to a recorder as the engine does, returning what the store held after each frame. */
function run(opts: TimelineOptions, frames: { t: number; events: ObjectEvent[] }[], initial: Mirror = emptyMirror()) {
  const rec = new TimelineRecorder(opts);
  rec.reset(initial, T0);
  let store = initial;
  const held: { t: number; mirror: Mirror }[] = [{ t: T0, mirror: initial }];
  for (const fr of frames) {
    store = applyEvents(store, fr.events);
    rec.record(fr.events, fr.t, store);
    held.push({ t: fr.t, mirror: store });
  }
  return { rec, held };
}

describe('TimelineRecorder', () => {
  it('rebuilds exactly the mirror the store held at every recorded time, and between frames', () => {
    const { rec, held } = run({ keyEvery: 25 }, stream(60, 7, 500));
    expect(rec.keyframeCount).toBeGreaterThan(5);
    for (const h of held) {
      expect(rec.at(h.t).mirror).toEqual(h.mirror);
      // Half a frame later the store still held the same mirror.
      expect(rec.at(h.t + 249).mirror).toEqual(h.mirror);
    }
    expect(rec.at(T0 - 10_000).mirror).toBe(held[0].mirror);
    expect(rec.at(T0 + 10_000_000).mirror).toEqual(held[held.length - 1].mirror);
  });

  it('returns the keyframe itself (no copy) at a keyframe and the same mirror when nothing was applied', () => {
    const frames = stream(10, 3, 1000);
    const { rec, held } = run({ keyEvery: 3 }, frames);
    // keyEvery 3 and 3 events a frame: every frame is a keyframe.
    for (const h of held) expect(rec.at(h.t).mirror).toBe(h.mirror);
  });

  it('frames with the same virtual time: the time shows the state after the last of them', () => {
    const rec = new TimelineRecorder();
    const m0 = emptyMirror();
    rec.reset(m0, T0);
    const a = [ev('ADDED', 'pods', 'a')];
    const b = [ev('ADDED', 'pods', 'b')];
    const m1 = applyEvents(m0, a);
    rec.record(a, T0 + 1000, m1);
    const m2 = applyEvents(m1, b);
    rec.record(b, T0 + 1000, m2);
    expect(rec.at(T0 + 999).mirror).toBe(m0);
    expect([...rec.at(T0 + 1000).mirror.pods.keys()]).toEqual(['pods/a', 'pods/b']);
    expect(rec.frameCount).toBe(2);
  });

  it('empty frames move the end but record nothing; a clock that goes back is clamped', () => {
    const rec = new TimelineRecorder();
    rec.reset(emptyMirror(), T0);
    rec.record([], T0 + 5000, emptyMirror());
    expect(rec.frameCount).toBe(0);
    expect(rec.end).toBe(T0 + 5000);
    const a = [ev('ADDED', 'pods', 'a')];
    rec.record(a, T0 + 4000, applyEvents(emptyMirror(), a));
    expect(rec.end).toBe(T0 + 5000);
    expect(rec.at(T0 + 4999).mirror.pods.size).toBe(0);
    expect(rec.at(T0 + 5000).mirror.pods.size).toBe(1);
  });

  it('stepping forward from a cursor equals seeking from the keyframe', () => {
    const { rec, held } = run({ keyEvery: 40 }, stream(50, 5, 300));
    let cur = rec.at(T0);
    for (let t = T0; t <= T0 + 50 * 300; t += 70) {
      cur = rec.at(t, cur);
      const expected = held[Math.min(held.length - 1, Math.floor((t - T0) / 300))].mirror;
      expect(cur.mirror).toEqual(expected);
    }
  });

  it('keeps at most maxEvents events (plus the newest segment) and drops whole segments', () => {
    const perFrame = 10;
    const { rec, held } = run({ keyEvery: 100, maxEvents: 1000, maxDurationMs: Infinity }, stream(400, perFrame, 100));
    // 4,000 events recorded; segments of 100 events: at most 1,000 + 100 kept, never below 1,000 - 100.
    expect(rec.eventCount).toBeLessThanOrEqual(1000);
    expect(rec.eventCount).toBeGreaterThan(900);
    expect(rec.frameCount * perFrame).toBe(rec.eventCount);
    // The history starts at a keyframe, and what remains is still exact.
    const startIdx = held.findIndex((h) => h.t === rec.start);
    expect(startIdx).toBeGreaterThan(0);
    expect(rec.at(rec.start).mirror).toBe(held[startIdx].mirror);
    for (let i = startIdx; i < held.length; i += 37) expect(rec.at(held[i].t).mirror).toEqual(held[i].mirror);
    expect(rec.at(T0).mirror).toBe(held[startIdx].mirror);
  });

  it('keeps at most maxDurationMs of virtual time', () => {
    const { rec } = run({ keyEveryMs: 10_000, maxDurationMs: 60_000 }, stream(600, 2, 1000));
    expect(rec.end - rec.start).toBeLessThanOrEqual(60_000);
    expect(rec.end - rec.start).toBeGreaterThanOrEqual(50_000);
    expect(rec.markers()[0].t).toBeGreaterThan(rec.start);
  });

  it('indexes Kubernetes Events as markers with their arrival time, dropped with their segment', () => {
    const rec = new TimelineRecorder();
    rec.reset(emptyMirror(), T0);
    let m = emptyMirror();
    const f1 = [ev('ADDED', 'pods', 'a'), ev('ADDED', 'events', 'x', { reason: 'Scheduled' })];
    m = applyEvents(m, f1);
    rec.record(f1, T0 + 1000, m);
    const f2 = [ev('MODIFIED', 'events', 'x', { reason: 'Scheduled', count: 2 }), ev('DELETED', 'events', 'y')];
    m = applyEvents(m, f2);
    rec.record(f2, T0 + 3000, m);
    expect(rec.markers().map((x) => [x.t, x.event.metadata?.name, (x.event as { count?: number }).count])).toEqual([
      [T0 + 1000, 'x', undefined],
      [T0 + 3000, 'x', 2],
    ]);
    expect(rec.markers(T0 + 1001, T0 + 3000).map((x) => x.t)).toEqual([T0 + 3000]);
    expect(rec.markers(T0 + 1000, T0 + 1000).map((x) => x.t)).toEqual([T0 + 1000]);
    expect(rec.markersBefore(T0 + 2000, 5).map((x) => x.t)).toEqual([T0 + 1000]);
    expect(rec.markersBefore(T0 + 9000, 1).map((x) => x.t)).toEqual([T0 + 3000]);
  });

  it('a reset starts a new history: old cursors are not reused', () => {
    const { rec } = run({}, stream(5, 3, 1000));
    const old = rec.at(rec.end);
    let resets = 0;
    rec.onReset(() => resets++);
    const fresh = emptyMirror();
    rec.reset(fresh, T0 + 100_000);
    expect(resets).toBe(1);
    expect(rec.frameCount).toBe(0);
    expect(rec.markers()).toEqual([]);
    expect(rec.at(T0 + 200_000, old).mirror).toBe(fresh);
  });
});

describe('Timeline (replay)', () => {
  function timeline() {
    const frames = stream(20, 4, 1000);
    const { rec, held } = run({ keyEvery: 10 }, frames);
    return { tl: new Timeline(rec), held };
  }

  it('seek shows the past; Live goes back', () => {
    const { tl, held } = timeline();
    expect(tl.mirror).toBeNull();
    tl.seek(T0 + 5500);
    expect(tl.store.getState().replay?.time).toBe(T0 + 5500);
    expect(tl.mirror).toEqual(held[5].mirror);
    tl.seek(T0 - 1);
    expect(tl.store.getState().replay?.time).toBe(T0);
    tl.live();
    expect(tl.mirror).toBeNull();
  });

  it('Replay at 0.25× steps through the history by wall ms × rate and returns to live at the end', () => {
    const { tl, held } = timeline();
    tl.seek(T0 + 2000);
    tl.setRate(0.25);
    tl.play();
    expect(tl.tick(4000)).toBe(true); // +1 s of virtual time
    expect(tl.store.getState().replay?.time).toBe(T0 + 3000);
    expect(tl.mirror).toEqual(held[3].mirror);
    tl.pause();
    expect(tl.tick(4000)).toBe(false);
    expect(tl.store.getState().replay?.time).toBe(T0 + 3000);
    tl.setRate(2);
    tl.play();
    expect(tl.tick(1000)).toBe(true);
    expect(tl.mirror).toEqual(held[5].mirror);
    expect(tl.tick(100_000)).toBe(false);
    expect(tl.store.getState()).toMatchObject({ replay: null, playing: false });
  });

  it('Replay while live starts from the start of the history; a reset goes live', () => {
    const { tl, held } = timeline();
    tl.play();
    expect(tl.store.getState().replay?.time).toBe(T0);
    expect(tl.mirror).toBe(held[0].mirror);
    tl.recorder.reset(emptyMirror(), T0 + 50_000);
    expect(tl.store.getState()).toMatchObject({ replay: null, playing: false });
  });
});

describe('timeline ticks and marker text', () => {
  const marker = (t: number, type: string, name = 'web'): { t: number; frame: number; event: KObject } => ({
    t, frame: 0, event: { apiVersion: 'v1', kind: 'Event', type, reason: 'ScalingReplicaSet', message: ' Scaled up replica set web-1 from 0 to 3 ', involvedObject: { kind: 'Deployment', name } } as KObject,
  });

  it('buckets markers along the range, a Warning colouring its bucket', () => {
    const ms = [marker(T0, 'Normal'), marker(T0 + 10, 'Warning'), marker(T0 + 500, 'Normal'), marker(T0 + 1000, 'Normal')];
    expect(ticksOf(ms, T0, T0 + 1000, 4)).toEqual([
      { at: 0.125, count: 2, warning: true },
      { at: 0.625, count: 1, warning: false },
      { at: 0.875, count: 1, warning: false },
    ]);
    expect(ticksOf([], T0, T0, 10)).toEqual([]);
  });

  it('says type, reason, involved object (kind/name as kubectl) and the trimmed message', () => {
    expect(markerText(marker(T0, 'Normal'))).toEqual({ type: 'Normal', reason: 'ScalingReplicaSet', object: 'deployment/web', message: 'Scaled up replica set web-1 from 0 to 3' });
    expect(timeOfDay(Date.UTC(2024, 0, 2, 12, 3, 7, 900))).toBe('12:03:07');
  });
});
