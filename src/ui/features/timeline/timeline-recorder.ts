// The cluster's recent history as the page received it, for scrubbing and replaying a rollout:
// per applied frame its virtual time and the (shared, never copied) array of watch events, plus
// keyframes — references to the immutable Mirror after a frame, every `keyEvery` events or
// `keyEveryMs` virtual ms. The mirror at time t is the nearest keyframe at or before t with the
// later frames' events applied (one applyEvents call). The history is capped (events and virtual
// duration) by dropping its oldest segment, keyframe to keyframe. Kubernetes Events that arrive
// are indexed as markers. Leaves out: persistence across reloads (a snapshot starts a new history).
import type { KObject } from '../../../engine';
import type { ObjectEvent } from '../../../worker/protocol';
import { applyEvents } from '../../state/mirror';
import type { Mirror } from '../../state/mirror';

export interface TimelineOptions {
  /** A keyframe after this many events since the last one (default 2,000). */
  keyEvery?: number;
  /** A keyframe after this many virtual ms since the last one (default 30 s). */
  keyEveryMs?: number;
  /** Events kept at most, beyond the newest segment (default 20,000: about 11 MB of old object versions, 0.56 KB an event measured with slim pods). */
  maxEvents?: number;
  /** Virtual ms of history kept at most (default 20 minutes). */
  maxDurationMs?: number;
}

/** A position in the history: the mirror after absolute frame `frame` (-1: before the first). */
export interface TimelineCursor {
  readonly generation: number;
  readonly frame: number;
  readonly mirror: Mirror;
}

/** A Kubernetes Event (ADDED, or MODIFIED when it repeats) as it arrived, at virtual time `t`. */
export interface TimelineMarker {
  readonly t: number;
  readonly frame: number;
  readonly event: KObject;
}

interface Keyframe {
  /** The mirror is the state after this absolute frame. */
  frame: number;
  t: number;
  mirror: Mirror;
}

/** Last index i in the sorted `a` with a[i] <= x, or -1. */
function lastAtOrBefore(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** First index i in the sorted `a` with a[i] >= x (a.length when none). */
function firstAtOrAfter(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class TimelineRecorder {
  private readonly keyEvery: number;
  private readonly keyEveryMs: number;
  private readonly maxEvents: number;
  private readonly maxDurationMs: number;
  private gen = 0;
  /** Absolute number of the first stored frame. */
  private base = 0;
  private times: number[] = [];
  private batches: (readonly ObjectEvent[])[] = [];
  private keys: Keyframe[] = [];
  private keyFrames: number[] = [];
  private sinceKey = 0;
  private events = 0;
  private last = 0;
  private markerTimes: number[] = [];
  private markerList: TimelineMarker[] = [];
  private readonly resetListeners = new Set<() => void>();

  constructor(opts: TimelineOptions = {}) {
    this.keyEvery = opts.keyEvery ?? 2000;
    this.keyEveryMs = opts.keyEveryMs ?? 30_000;
    this.maxEvents = opts.maxEvents ?? 20_000;
    this.maxDurationMs = opts.maxDurationMs ?? 20 * 60_000;
  }

  /** Starts a new history at `mirror` (a snapshot: connect, reload, reset). */
  reset(mirror: Mirror, now: number): void {
    this.gen++;
    this.base = 0;
    this.times = [];
    this.batches = [];
    this.keys = [{ frame: -1, t: now, mirror }];
    this.keyFrames = [-1];
    this.sinceKey = 0;
    this.events = 0;
    this.last = now;
    this.markerTimes = [];
    this.markerList = [];
    for (const l of this.resetListeners) l();
  }

  /** Called after a reset (the cursors of the old history are void). */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => this.resetListeners.delete(listener);
  }

  /**
   * Records one applied frame: its events (kept by reference), the virtual time and the mirror
   * the store holds after it. O(events) for the marker scan, O(1) otherwise (amortised).
   */
  record(events: readonly ObjectEvent[], now: number, mirror: Mirror): void {
    if (this.keys.length === 0) {
      this.reset(mirror, now);
      return;
    }
    if (now > this.last) this.last = now;
    const n = events.length;
    if (n === 0) return;
    const t = this.last;
    const frame = this.base + this.times.length;
    this.times.push(t);
    this.batches.push(events);
    for (let i = 0; i < n; i++) {
      const ev = events[i];
      if (ev.resource === 'events' && ev.type !== 'DELETED') {
        this.markerTimes.push(t);
        this.markerList.push({ t, frame, event: ev.object });
      }
    }
    this.events += n;
    this.sinceKey += n;
    const lastKey = this.keys[this.keys.length - 1];
    if (this.sinceKey >= this.keyEvery || t - lastKey.t >= this.keyEveryMs) {
      this.keys.push({ frame, t, mirror });
      this.keyFrames.push(frame);
      this.sinceKey = 0;
    }
    this.trim();
  }

  /** Drops the oldest segments while the history is over its bounds. */
  private trim(): void {
    while (this.keys.length >= 2 && (this.events > this.maxEvents || this.last - this.keys[0].t > this.maxDurationMs)) {
      const next = this.keys[1];
      const drop = next.frame + 1 - this.base;
      let dropped = 0;
      for (let i = 0; i < drop; i++) dropped += this.batches[i].length;
      this.times.splice(0, drop);
      this.batches.splice(0, drop);
      this.events -= dropped;
      this.base = next.frame + 1;
      this.keys.shift();
      this.keyFrames.shift();
      let m = 0;
      while (m < this.markerList.length && this.markerList[m].frame <= next.frame) m++;
      if (m > 0) {
        this.markerTimes.splice(0, m);
        this.markerList.splice(0, m);
      }
    }
  }

  get generation(): number {
    return this.gen;
  }
  /** Virtual time of the oldest state kept. */
  get start(): number {
    return this.keys[0]?.t ?? 0;
  }
  /** Newest virtual time seen. */
  get end(): number {
    return this.last;
  }
  /** Watch events kept. */
  get eventCount(): number {
    return this.events;
  }
  /** Frames kept (frames with events). */
  get frameCount(): number {
    return this.times.length;
  }
  /** Event markers kept. */
  get markerCount(): number {
    return this.markerList.length;
  }
  get keyframeCount(): number {
    return this.keys.length;
  }

  /** The newest state: the cursor after the last frame. */
  latest(): TimelineCursor | undefined {
    return this.keys.length === 0 ? undefined : this.at(this.last);
  }

  /**
   * The mirror as the store held it at virtual time `t` (after the last frame at or before t;
   * before the history's start: its start). From `from` (a cursor of this history at or before
   * that frame and after the nearest keyframe) only the frames in between are applied: stepping
   * a replay forward costs the events it passes.
   */
  at(t: number, from?: TimelineCursor): TimelineCursor {
    const k0 = this.keys[0];
    if (!k0) throw new Error('timeline: no history');
    const frame = this.base + lastAtOrBefore(this.times, t);
    const key = this.keys[lastAtOrBefore(this.keyFrames, frame)] ?? k0;
    let startFrame = key.frame;
    let mirror = key.mirror;
    if (from && from.generation === this.gen && from.frame <= frame && from.frame > startFrame) {
      startFrame = from.frame;
      mirror = from.mirror;
    }
    if (startFrame === frame) return { generation: this.gen, frame, mirror };
    const pending: ObjectEvent[] = [];
    for (let f = startFrame + 1; f <= frame; f++) {
      const b = this.batches[f - this.base];
      for (let i = 0; i < b.length; i++) pending.push(b[i]);
    }
    return { generation: this.gen, frame, mirror: applyEvents(mirror, pending) };
  }

  /** Markers with from <= t <= to, oldest first. */
  markers(from = -Infinity, to = Infinity): readonly TimelineMarker[] {
    const lo = firstAtOrAfter(this.markerTimes, from);
    const hi = lastAtOrBefore(this.markerTimes, to) + 1;
    return this.markerList.slice(lo, hi);
  }

  /** The last `count` markers at or before t (oldest first). */
  markersBefore(t: number, count: number): readonly TimelineMarker[] {
    const hi = lastAtOrBefore(this.markerTimes, t) + 1;
    return this.markerList.slice(Math.max(0, hi - count), hi);
  }
}
