// A manual virtual clock implementing Sys, for tests of the shell and of commands built on it.
// `run(promise)` lets all pending work settle and, whenever everything is blocked on sleeps, jumps
// the clock to the next due sleep — so `sleep 5` takes no wall time. Test-only: it waits for the
// host's macrotask queue (setImmediate) to know that nothing else can run; never used by the product.
import type { Interrupt, Sys } from './types';

interface Sleeper { due: number; seq: number; resolve: () => void }

export class FakeClock implements Sys {
  private sleepers: Sleeper[] = [];
  private seq = 0;
  hostname: string;
  user: string;

  constructor(private t = Date.UTC(2026, 10, 22, 10, 0, 0), opts: { hostname?: string; user?: string } = {}) {
    this.hostname = opts.hostname ?? 'node1';
    this.user = opts.user ?? 'k8s';
  }

  now(): number { return this.t; }

  sleep(ms: number, interrupt: Interrupt): Promise<void> {
    if (interrupt.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const s: Sleeper = { due: this.t + Math.max(0, ms), seq: this.seq++, resolve: () => {} };
      const off = interrupt.onAbort(() => { this.sleepers = this.sleepers.filter((x) => x !== s); resolve(); });
      s.resolve = () => { off(); resolve(); };
      this.sleepers.push(s);
    });
  }

  /** Number of sleeps waiting. */
  get pending(): number { return this.sleepers.length; }

  /** Moves time forward by `ms`, waking due sleepers in order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      await flush();
      const next = this.nextDue();
      if (!next || next.due > target) break;
      this.t = next.due;
      this.sleepers = this.sleepers.filter((x) => x !== next);
      next.resolve();
    }
    this.t = target;
    await flush();
  }

  private nextDue(): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.sleepers) if (!best || s.due < best.due || (s.due === best.due && s.seq < best.seq)) best = s;
    return best;
  }

  /** Awaits `p`, jumping virtual time to the next sleep whenever nothing else can run. */
  async run<T>(p: Promise<T>, maxSteps = 100_000): Promise<T> {
    let done = false;
    let value: T | undefined;
    let error: unknown;
    let failed = false;
    p.then((v) => { done = true; value = v; }, (e: unknown) => { done = true; failed = true; error = e; });
    for (let i = 0; i < maxSteps; i++) {
      await flush();
      if (done) break;
      const next = this.nextDue();
      if (!next) throw new Error('FakeClock.run: deadlock (no pending sleep and the promise is not settled)');
      this.t = Math.max(this.t, next.due);
      this.sleepers = this.sleepers.filter((x) => x !== next);
      next.resolve();
    }
    if (!done) throw new Error('FakeClock.run: too many steps');
    if (failed) throw error;
    return value as T;
  }
}

type Immediate = (cb: () => void) => unknown;
const setImmediateFn = (globalThis as unknown as { setImmediate?: Immediate }).setImmediate;

/** Resolves once every queued microtask (and the promise chains they start) has run. */
async function flush(): Promise<void> {
  if (setImmediateFn) { await new Promise<void>((resolve) => { setImmediateFn(resolve); }); return; }
  for (let i = 0; i < 1000; i++) await Promise.resolve();
}
