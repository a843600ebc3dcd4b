// Test helper: a ProcessContext over a tiny virtual clock and a seeded RNG, recording log lines
// and the exit. Used by this folder's tests (and usable by the kubelet's); not a real scheduler.
// Leaves out cancellation ordering subtleties and loop limits beyond a simple task cap.

import type { HttpRequest, HttpResponse, ProcessContext, RedisReply } from './types';

export interface LoggedLine { at: number; stream: 'stdout' | 'stderr'; line: string }

export interface FakeContext extends ProcessContext {
  lines: LoggedLine[];
  exited: { code: number; reason?: string; at: number } | null;
  /** Runs timers up to now()+ms (inclusive), in due order, FIFO on ties. */
  advance(ms: number): void;
  /** Lets pending promise callbacks run (microtasks), interleaved with timers in advanceAsync. */
  advanceAsync(ms: number, stepMs?: number): Promise<void>;
  text(stream?: 'stdout' | 'stderr'): string[];
  /** Another container's context on the same clock and RNG (own lines, exit and network). */
  fork(opts?: Pick<FakeContextOptions, 'http' | 'redis'>): FakeContext;
}

export interface FakeContextOptions {
  start?: number;
  seed?: number;
  http?: (req: HttpRequest) => Promise<HttpResponse>;
  redis?: (target: { host: string; port: number }, args: string[]) => Promise<RedisReply>;
}

export const T0 = Date.UTC(2026, 10, 22, 10, 0, 0, 0); // Sun 22 Nov 2026 10:00:00.000 UTC

interface Clock {
  now: number;
  seq: number;
  s: number;
  timers: { due: number; seq: number; fn: () => void; live: boolean }[];
}

export function fakeContext(opts: FakeContextOptions = {}): FakeContext {
  return makeContext({ now: opts.start ?? T0, seq: 0, s: (opts.seed ?? 42) >>> 0, timers: [] }, opts);
}

function makeContext(clock: Clock, opts: Pick<FakeContextOptions, 'http' | 'redis'>): FakeContext {
  const timers = clock.timers;
  const next = (): number => {
    // mulberry32
    clock.s = (clock.s + 0x6d2b79f5) >>> 0;
    let t = clock.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const runUntil = (limit: number): void => {
    let guard = 0;
    for (;;) {
      let best = -1;
      for (let i = 0; i < timers.length; i++) {
        const t = timers[i]!;
        if (!t.live || t.due > limit) continue;
        if (best < 0 || t.due < timers[best]!.due || (t.due === timers[best]!.due && t.seq < timers[best]!.seq)) best = i;
      }
      if (best < 0) break;
      const t = timers.splice(best, 1)[0]!;
      clock.now = Math.max(clock.now, t.due);
      t.fn();
      if (++guard > 1_000_000) throw new Error('fake clock: too many tasks');
    }
    clock.now = Math.max(clock.now, limit);
  };
  const ctx: FakeContext = {
    lines: [],
    exited: null,
    now: () => clock.now,
    rng: { next, int: (n) => Math.floor(next() * n) },
    log(line, stream = 'stdout') {
      ctx.lines.push({ at: clock.now, stream, line });
    },
    after(ms, fn) {
      const t = { due: clock.now + Math.max(0, ms), seq: clock.seq++, fn, live: true };
      timers.push(t);
      return { cancel: () => { t.live = false; } };
    },
    exit(code, reason) {
      if (!ctx.exited) ctx.exited = { code, ...(reason !== undefined ? { reason } : {}), at: clock.now };
    },
    advance(ms) {
      runUntil(clock.now + ms);
    },
    async advanceAsync(ms, stepMs = 1) {
      const end = clock.now + ms;
      await flush();
      while (clock.now < end) {
        runUntil(Math.min(end, clock.now + stepMs));
        await flush();
      }
    },
    text(stream) {
      return ctx.lines.filter((l) => !stream || l.stream === stream).map((l) => l.line);
    },
    fork: (o = {}) => makeContext(clock, o),
  };
  if (opts.http) ctx.http = opts.http;
  if (opts.redis) ctx.redis = opts.redis;
  return ctx;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}
