// Coalesces the worker's watch-event batches so the page applies them at most once per
// animation frame: every batch that arrived since the last frame is applied in one store update,
// right before that frame paints, so subscribers (graph, panels) render once from the newest
// state instead of once per batch. Hidden tabs get no frames: a timer flushes then.
// Leaves out: dropping work under overload (every event is applied, only renders are merged).
import type { BatchTiming, ClockState, ObjectEvent } from '../../worker/protocol';

/** Runs `run` once, at the next frame (or soon, where there are no frames). */
export type FrameScheduler = (run: () => void) => void;

/** Wall time before the fallback timer flushes when no animation frame comes (hidden tab). */
const FALLBACK_MS = 100;

export const animationFrameScheduler: FrameScheduler = (run) => {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    run();
  };
  const timer = setTimeout(once, FALLBACK_MS);
  requestAnimationFrame(once);
};

export interface CoalescedBatch {
  events: ObjectEvent[];
  clock: ClockState;
  /** Oldest write and newest send among the merged batches, when the worker stamped them. */
  timing?: BatchTiming;
  /** How many worker batches were merged. */
  batches: number;
}

export class FrameBatcher {
  private events: ObjectEvent[] = [];
  private clock: ClockState | undefined;
  private timing: BatchTiming | undefined;
  private batches = 0;
  private scheduled = false;
  private generation = 0;
  private applying = false;

  constructor(private readonly apply: (b: CoalescedBatch) => void, private readonly schedule: FrameScheduler = animationFrameScheduler) {}

  /** True while the merged batch is being applied (inside the frame that will paint it). */
  get inFrame(): boolean {
    return this.applying;
  }

  push(events: readonly ObjectEvent[], clock: ClockState, timing?: BatchTiming): void {
    for (const e of events) this.events.push(e);
    this.clock = clock;
    if (timing) {
      this.timing = this.timing
        ? { firstWriteAt: Math.min(this.timing.firstWriteAt, timing.firstWriteAt), sentAt: Math.max(this.timing.sentAt, timing.sentAt) }
        : timing;
    }
    this.batches++;
    if (this.scheduled) return;
    this.scheduled = true;
    const gen = this.generation;
    this.schedule(() => {
      if (gen === this.generation) this.flush();
    });
  }

  /** Applies what is pending now (also used before a snapshot would overtake it). */
  flush(): void {
    this.scheduled = false;
    const clock = this.clock;
    if (!clock) return;
    const batch: CoalescedBatch = { events: this.events, clock, batches: this.batches, ...(this.timing ? { timing: this.timing } : {}) };
    this.events = [];
    this.clock = undefined;
    this.timing = undefined;
    this.batches = 0;
    this.applying = true;
    try {
      this.apply(batch);
    } finally {
      this.applying = false;
    }
  }

  /** Drops what is pending (a snapshot replaces it). */
  clear(): void {
    this.generation++;
    this.scheduled = false;
    this.events = [];
    this.clock = undefined;
    this.timing = undefined;
    this.batches = 0;
  }
}
