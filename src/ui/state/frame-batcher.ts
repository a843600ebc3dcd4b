// Coalesces the worker's watch-event batches so the page applies them at most once per
// animation frame: every batch that arrived since the last frame is applied in one store update,
// right before that frame paints, so subscribers (graph, panels) render once from the newest
// state instead of once per batch. Hidden tabs get no frames: a timer flushes then.
// Optionally (a `budgetMs`), a frame applies a bounded slice: when the previous frame's
// application (store update plus the subscribers it ran, the graph included) went over the
// budget, the next frames take fewer events, in order, so a 500-pod burst becomes several short
// frames. Off by default: while a frame's cost is mostly fixed (a graph model rebuilt from every
// pod), slicing multiplies that cost and the backlog grows (measured: seconds behind).
// With `eagerAfterIdleMs` (on in the page), the first events after a quiet spell are applied when
// they arrive: the frame that paints them then only renders (measured: B3 p99 median 74 → 62 ms
// over six interleaved runs); what follows within the spell waits for the frame as above.
// With `eagerAfterFrame` as well (on in the page), that holds per frame: the first batch to
// arrive once a frame has begun after the last on-arrival application is applied at once too. The
// second message of a 500-pod burst, arriving while the first one's frame renders, otherwise sat
// idle until the next frame (B3 samples of 40–46 ms).
// A batch marked `more` (the worker posts the next message of the same burst right after it) that
// would be applied on arrival waits for that next message instead, and both are applied in one
// store update: drawing the first half alone made the second wait for the next frame.
// Leaves out: dropping work under overload (every event is applied, only renders are merged).
import type { BatchTiming, ClockState, ObjectEvent } from '../../worker/protocol';
import { onceWithin } from '../../worker/host';

/** Runs `run` once, at the next frame (or soon, where there are no frames). */
export type FrameScheduler = (run: () => void) => void;

/** Wall time before the fallback timer flushes when no animation frame comes (hidden tab). */
const FALLBACK_MS = 100;

export const animationFrameScheduler: FrameScheduler = (run) => {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(run, 0);
    return;
  }
  onceWithin(FALLBACK_MS, run, (cb) => requestAnimationFrame(cb));
};

export interface CoalescedBatch {
  events: ObjectEvent[];
  clock: ClockState;
  /** Oldest write and newest send among the merged batches, when the worker stamped them. */
  timing?: BatchTiming;
  /** How many worker batches were merged (completed by this application). */
  batches: number;
}

export interface FrameBatcherOptions {
  /** Wall ms one frame's application should take; slices are sized from the last one. Default: no slicing. */
  budgetMs?: number;
  /** Fewest events a frame applies however slow the last one was (default 128). */
  minSlice?: number;
  /** Wall clock (default performance.now). */
  now?: () => number;
  /**
   * A batch arriving after this many ms without any (idle page) is applied at once instead of at
   * the next frame, so the frame that paints it only has to render. Default: never.
   */
  eagerAfterIdleMs?: number;
  /**
   * With `eagerAfterIdleMs`: also apply a batch on arrival once a frame has begun since the last
   * on-arrival application (at most one per frame; a frame renders what its callbacks applied
   * before any later task runs, so an arrival after it finds the page idle and up to date).
   */
  eagerAfterFrame?: boolean;
}

interface Chunk {
  events: ObjectEvent[];
  /** Index of the first event not applied yet. */
  from: number;
  timing?: BatchTiming;
}

export class FrameBatcher {
  private chunks: Chunk[] = [];
  private queued = 0;
  private clock: ClockState | undefined;
  private scheduled = false;
  private generation = 0;
  private applying = false;
  /** Events the next frame may apply (Infinity until a frame went over the budget). */
  private slice = Infinity;
  private readonly budgetMs: number | undefined;
  private readonly minSlice: number;
  private readonly now: () => number;
  private readonly eagerAfterIdleMs: number | undefined;
  /** When the last batch with events arrived (for the eager mode). */
  private lastPush = -Infinity;
  private readonly eagerAfterFrame: boolean;
  /** No frame has begun since the last on-arrival application (eagerAfterFrame). */
  private awaitingFrame = false;
  /** A batch that would have been applied on arrival waits for the rest of its burst (`more`). */
  private eagerHeld = false;

  constructor(private readonly apply: (b: CoalescedBatch) => void, private readonly schedule: FrameScheduler = animationFrameScheduler, opts: FrameBatcherOptions = {}) {
    this.budgetMs = opts.budgetMs;
    this.minSlice = opts.minSlice ?? 128;
    this.now = opts.now ?? (() => performance.now());
    this.eagerAfterIdleMs = opts.eagerAfterIdleMs;
    this.eagerAfterFrame = opts.eagerAfterFrame ?? false;
  }

  /** True while the merged batch is being applied inside the frame that will paint it (not an eager application). */
  get inFrame(): boolean {
    return this.applying && !this.eagerNow;
  }
  private eagerNow = false;

  /** Events received and not applied yet. */
  get backlog(): number {
    return this.queued;
  }

  /**
   * Queues a worker batch. `more`: the next batch of the same burst follows at once; an
   * on-arrival application then waits for it (the frame still applies both if it comes first).
   */
  push(events: readonly ObjectEvent[], clock: ClockState, timing?: BatchTiming, more = false): void {
    // Eager: the first events after a quiet spell (clock-only batches do not count) are applied
    // now, with anything pending, instead of at the next frame.
    const idle = this.eagerAfterIdleMs;
    let eager = false;
    if (idle !== undefined && events.length > 0) {
      const now = this.now();
      eager = this.eagerHeld || (this.queued === 0 && (now - this.lastPush >= idle || (this.eagerAfterFrame && !this.awaitingFrame)));
      this.lastPush = now;
    }
    this.chunks.push({ events: events as ObjectEvent[], from: 0, ...(timing ? { timing } : {}) });
    this.queued += events.length;
    this.clock = clock;
    if (events.length > 0) this.eagerHeld = eager && more;
    if (!eager || more) {
      this.request();
      return;
    }
    this.eagerNow = true;
    try {
      this.flush();
    } finally {
      this.eagerNow = false;
    }
  }

  private request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const gen = this.generation;
    this.schedule(() => {
      if (gen === this.generation) this.flush();
    });
  }

  /** Applies what is pending now, up to this frame's slice (also used before a snapshot would overtake it). */
  flush(): void {
    this.scheduled = false;
    this.eagerHeld = false;
    const clock = this.clock;
    if (!clock) return;
    const events: ObjectEvent[] = [];
    let timing: BatchTiming | undefined;
    let batches = 0;
    const limit = this.slice;
    while (this.chunks.length > 0 && events.length < limit) {
      const c = this.chunks[0];
      const take = Math.min(c.events.length - c.from, limit - events.length);
      for (let i = c.from; i < c.from + take; i++) events.push(c.events[i]);
      c.from += take;
      if (c.timing) {
        timing = timing
          ? { firstWriteAt: Math.min(timing.firstWriteAt, c.timing.firstWriteAt), sentAt: Math.max(timing.sentAt, c.timing.sentAt) }
          : c.timing;
      }
      if (c.from < c.events.length) break;
      this.chunks.shift();
      batches++;
    }
    this.queued -= events.length;
    const done = this.chunks.length === 0;
    if (done) this.clock = undefined;
    const batch: CoalescedBatch = { events, clock, batches, ...(timing ? { timing } : {}) };
    this.applying = true;
    const t0 = this.now();
    try {
      this.apply(batch);
    } finally {
      this.applying = false;
      this.resize(events.length, this.now() - t0);
      if (this.eagerNow) this.watchFrame();
    }
    if (!done) this.request();
  }

  /** Notes that no frame has begun since this on-arrival application, until one does (eagerAfterFrame). */
  private watchFrame(): void {
    if (!this.eagerAfterFrame || this.awaitingFrame) return;
    this.awaitingFrame = true;
    this.schedule(() => {
      this.awaitingFrame = false;
    });
  }

  /** Sizes the next slice from how long `n` events took to apply (at most doubling per frame). */
  private resize(n: number, ms: number): void {
    const budget = this.budgetMs;
    if (budget === undefined) return;
    if (ms > budget) {
      if (n >= this.minSlice) this.slice = Math.max(this.minSlice, Math.floor((n * budget) / ms));
      return;
    }
    if (n < this.slice) return; // not a full slice: says nothing about the limit
    const fit = ms > 0 ? Math.floor((n * budget) / ms) : Infinity;
    const next = Math.min(fit, this.slice * 2);
    this.slice = next >= 8192 ? Infinity : Math.max(this.slice, next);
  }

  /** Drops what is pending (a snapshot replaces it). */
  clear(): void {
    this.generation++;
    this.eagerHeld = false;
    this.scheduled = false;
    this.chunks = [];
    this.queued = 0;
    this.clock = undefined;
  }
}
