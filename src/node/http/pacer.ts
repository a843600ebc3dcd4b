// Real-time pacing of the virtual clock for `npm run serve`: every frame, virtual time moves by
// the wall time since the last frame × speed, as the browser worker's pacer does
// (src/worker/engine-core.ts); between clock tasks that resolved a promise it yields a
// macrotask. Work due "now" (watch delivery after a write) runs at once on kick().
// Leaves out: the per-frame batch of UI events (no UI attached here).
import type { VirtualClock } from '../../engine/core/clock';

export interface PacerOptions {
  /** Virtual ms per wall ms; 0 freezes time (only work due now runs). Default 1. */
  speed?: number;
  /** Wall ms between frames (default 16). */
  frameMs?: number;
  /** Wall ms of engine work per frame before giving the event loop back (default 12). */
  budgetMs?: number;
  /** Longest wall gap one frame turns into virtual time (default 250 ms). */
  maxGapMs?: number;
  /** Wall clock (default performance.now). */
  now?: () => number;
  /** Reports an exception thrown by an engine task (default: rethrow on the next tick). */
  onError?: (e: unknown) => void;
}

const macrotask = () => new Promise<void>((r) => setImmediate(r));

export class RealTimePacer {
  speed: number;
  private readonly frameMs: number;
  private readonly budgetMs: number;
  private readonly maxGapMs: number;
  private readonly wallNow: () => number;
  private readonly onError: (e: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private lastWall = 0;
  private carry = 0;
  private running = false;
  private kicked = false;
  private stopped = true;

  constructor(private readonly clock: VirtualClock, opts: PacerOptions = {}) {
    this.speed = opts.speed ?? 1;
    this.frameMs = opts.frameMs ?? 16;
    this.budgetMs = opts.budgetMs ?? 12;
    this.maxGapMs = opts.maxGapMs ?? 250;
    this.wallNow = opts.now ?? (() => performance.now());
    this.onError =
      opts.onError ??
      ((e) => {
        setImmediate(() => {
          throw e;
        });
      });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.lastWall = this.wallNow();
    this.timer = setInterval(() => void this.frame(0), this.frameMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs work due at the current virtual time soon (after a request wrote something). */
  kick(): void {
    if (this.kicked) return;
    this.kicked = true;
    setImmediate(() => {
      this.kicked = false;
      void this.run(this.clock.now(), this.wallNow());
    });
  }

  /** Moves virtual time by `ms` now (a step), on top of the pacing. */
  step(ms: number): Promise<void> {
    return this.run(this.clock.now() + ms, this.wallNow());
  }

  private async frame(extra: number): Promise<void> {
    const wall = this.wallNow();
    const gap = Math.min(Math.max(0, wall - this.lastWall), this.maxGapMs);
    this.lastWall = wall;
    this.carry += gap * this.speed;
    const whole = Math.floor(this.carry);
    this.carry -= whole;
    await this.run(this.clock.now() + whole + extra, wall);
  }

  /** Runs clock tasks up to `target`, yielding when a task resolved something or the budget is spent. */
  private async run(target: number, frameStart: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    const clock = this.clock;
    try {
      for (;;) {
        clock.yieldRequested = false;
        let ran = 0;
        let done = false;
        while (!clock.yieldRequested) {
          if (!clock.runNext(target)) {
            if (clock.now() < target) clock.advanceTo(target);
            done = true;
            break;
          }
          if (++ran % 64 === 0 && this.wallNow() - frameStart > this.budgetMs) return;
        }
        if (done) return;
        await macrotask();
        if (this.wallNow() - frameStart > this.budgetMs) return;
      }
    } catch (e) {
      this.onError(e);
    } finally {
      this.running = false;
    }
  }
}
