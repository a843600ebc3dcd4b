import { describe, expect, it } from 'vitest';
import { LoopLimitError, VirtualClock } from './clock';

describe('VirtualClock', () => {
  it('runs tasks in due order, FIFO for equal times, and only when time advances', () => {
    const c = new VirtualClock(1000);
    const seen: string[] = [];
    c.schedule(20, () => seen.push('b@20'), 'b');
    c.schedule(10, () => seen.push('a@10'), 'a');
    c.schedule(20, () => seen.push('c@20'), 'c');
    expect(seen).toEqual([]);
    c.advance(15);
    expect(seen).toEqual(['a@10']);
    expect(c.now()).toBe(1015);
    c.advance(5);
    expect(seen).toEqual(['a@10', 'b@20', 'c@20']);
  });

  it('cancels tasks and reports the next due time', () => {
    const c = new VirtualClock(0);
    const h = c.schedule(5, () => {
      throw new Error('cancelled task ran');
    }, 'x');
    c.schedule(9, () => {}, 'y');
    c.cancel(h);
    expect(c.nextDueAt()).toBe(9);
    expect(c.runUntilIdle()).toBe(1);
    expect(c.now()).toBe(9);
  });

  it('names the tasks of an endless zero-delay loop', () => {
    const c = new VirtualClock(0, { loopLimit: 50 });
    const ping = (): void => void c.schedule(0, pong, 'ping');
    const pong = (): void => void c.schedule(0, ping, 'pong');
    ping();
    let err: unknown;
    try {
      c.advance(1);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LoopLimitError);
    expect((err as Error).message).toMatch(/^Aborting after running 50 tasks at virtual time 0, assuming an infinite loop\. Last tasks: (ping, pong, )+/);
  });

  it('resolves sleeps from virtual time', async () => {
    const c = new VirtualClock(0);
    let woke = -1;
    const p = c.sleep(3000).then(() => (woke = c.now()));
    c.advance(2999);
    await Promise.resolve();
    expect(woke).toBe(-1);
    c.advance(1);
    await p;
    expect(woke).toBe(3000);
    expect(c.yieldRequested).toBe(true);
  });
});
