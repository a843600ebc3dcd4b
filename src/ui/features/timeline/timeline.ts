// The replay side of the cluster timeline: a small vanilla store that says whether the graph
// shows the live mirror or a recorded one (and which time), plus the actions of the timeline bar
// — seek, Replay/Pause at a replay rate (slow motion: 0.25×, 0.5×), Live. `tick(wallMs)` moves a
// playing replay forward by wall ms × rate of virtual time (called once per animation frame by
// the bar); reaching the newest recorded time goes back to live. The live cluster keeps running.
// Leaves out: replaying the terminal or the Events panel (only the graph shows the past).
import { createStore } from 'zustand/vanilla';
import type { Mirror } from '../../state/mirror';
import { TimelineRecorder } from './timeline-recorder';
import type { TimelineCursor, TimelineMarker } from './timeline-recorder';

export const REPLAY_RATES = [0.25, 0.5, 1, 2] as const;
export type ReplayRate = (typeof REPLAY_RATES)[number];

export interface ReplayState {
  /** null while the graph shows the live cluster. */
  replay: { time: number; cursor: TimelineCursor } | null;
  /** A replay is playing (moved by tick). */
  playing: boolean;
  rate: ReplayRate;
}

/** Virtual time of day as the banner and the slider say it: HH:MM:SS (UTC, as the clock). */
export function timeOfDay(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export type ReplayStore = ReturnType<typeof createReplayStore>;

function createReplayStore() {
  return createStore<ReplayState>()(() => ({ replay: null, playing: false, rate: 1 }));
}

export class Timeline {
  readonly store: ReplayStore = createReplayStore();

  constructor(readonly recorder: TimelineRecorder = new TimelineRecorder()) {
    recorder.onReset(() => this.live());
  }

  /** The mirror the graph should draw instead of the live one, or null (live). */
  get mirror(): Mirror | null {
    return this.store.getState().replay?.cursor.mirror ?? null;
  }

  /** Shows the cluster as it was at virtual time t (clamped to the recorded range). */
  seek(t: number): void {
    if (this.recorder.keyframeCount === 0) return;
    const time = Math.min(Math.max(t, this.recorder.start), this.recorder.end);
    const prev = this.store.getState().replay;
    // Forward from the current cursor when possible (cheap scrubbing to the right).
    const from = prev && prev.time <= time ? prev.cursor : undefined;
    this.store.setState({ replay: { time, cursor: this.recorder.at(time, from) } });
  }

  /** Plays the history from the cursor (from the start of the history when live). */
  play(): void {
    if (this.recorder.keyframeCount === 0) return;
    const cur = this.store.getState().replay;
    if (!cur || cur.time >= this.recorder.end) this.seek(this.recorder.start);
    this.store.setState({ playing: true });
  }

  pause(): void {
    this.store.setState({ playing: false });
  }

  /** Back to the live cluster. */
  live(): void {
    this.store.setState({ replay: null, playing: false });
  }

  setRate(rate: ReplayRate): void {
    this.store.setState({ rate });
  }

  /** Moves a playing replay by `wallMs` × rate of virtual time; returns whether it still plays. */
  tick(wallMs: number): boolean {
    const s = this.store.getState();
    if (!s.playing || !s.replay) return false;
    const next = s.replay.time + Math.max(0, wallMs) * s.rate;
    if (next >= this.recorder.end) {
      this.live();
      return false;
    }
    this.seek(next);
    return true;
  }
}

export interface TimelineTick {
  /** Position on the track, 0 (start) to 1 (end). */
  at: number;
  /** Events in this bucket. */
  count: number;
  /** Any of them a Warning. */
  warning: boolean;
}

/**
 * Markers as at most `buckets` ticks along [start, end] (one per occupied bucket, a Warning in
 * a bucket colours it), so thousands of Events draw as a few hundred marks.
 */
export function ticksOf(markers: readonly TimelineMarker[], start: number, end: number, buckets: number): TimelineTick[] {
  const span = Math.max(1, end - start);
  const out: TimelineTick[] = [];
  let cur: TimelineTick | undefined;
  let curBucket = -1;
  for (const m of markers) {
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(((m.t - start) / span) * buckets)));
    const warning = (m.event as { type?: string }).type === 'Warning';
    if (!cur || b !== curBucket) {
      cur = { at: (b + 0.5) / buckets, count: 0, warning: false };
      curBucket = b;
      out.push(cur);
    }
    cur.count++;
    if (warning) cur.warning = true;
  }
  return out;
}

/** What the list near the cursor says of a marker. */
export function markerText(m: TimelineMarker): { type: string; reason: string; object: string; message: string } {
  const ev = m.event as { type?: string; reason?: string; message?: string; involvedObject?: { kind?: string; name?: string } };
  return {
    type: ev.type ?? '',
    reason: ev.reason ?? '',
    object: `${(ev.involvedObject?.kind ?? '').toLowerCase()}/${ev.involvedObject?.name ?? ''}`,
    message: (ev.message ?? '').trim(),
  };
}
