// Container logs as the kubelet keeps them: shared start-up blocks rendered from their time,
// stderr/stdout per line, followers, and the line cap that drops the oldest lines (a block
// straddling the cut keeps its newer lines).
import { describe, it, expect } from 'vitest';
import { ContainerLog, renderLog } from './logs';
import type { LogLine } from './logs';
import type { SharedLogLine } from './images/types';

const fixed = (text: string, stream: 'stdout' | 'stderr' = 'stdout'): SharedLogLine => ({ stream, text: () => text });
const stamped = (rest: string): SharedLogLine => ({ stream: 'stderr', text: (at) => `${at}${rest}` });
const T = Date.UTC(2026, 10, 22, 10, 0, 0);

describe('ContainerLog', () => {
  it('keeps shared blocks by reference and renders them from the time they were logged', () => {
    const log = new ContainerLog();
    const block = [fixed('a'), stamped(' [notice] b')];
    log.append({ at: T - 1, stream: 'stderr', text: 'first' });
    log.appendShared(block, T);
    log.append({ at: T + 5, stream: 'stdout', text: 'last' });
    log.append({ at: T + 6, stream: 'stderr', text: 'err' });
    expect(log.length).toBe(5);
    expect(log.lines).toEqual([
      { at: T - 1, stream: 'stderr', text: 'first' },
      { at: T, stream: 'stdout', text: 'a' },
      { at: T, stream: 'stderr', text: `${T} [notice] b` },
      { at: T + 5, stream: 'stdout', text: 'last' },
      { at: T + 6, stream: 'stderr', text: 'err' },
    ]);
    expect(renderLog(log, { tailLines: 3, timestamps: true })).toBe(
      `2026-11-22T10:00:00.000000000Z ${T} [notice] b\n2026-11-22T10:00:00.005000000Z last\n2026-11-22T10:00:00.006000000Z err\n`,
    );
    expect(renderLog(log, { sinceMs: T })).toBe(`a\n${T} [notice] b\nlast\nerr\n`);
  });

  it('tells followers each shared line, then the end', () => {
    const log = new ContainerLog();
    const seen: LogLine[] = [];
    let ended = 0;
    const stop = log.follow((l) => seen.push(l), () => ended++);
    log.appendShared([fixed('x'), fixed('y', 'stderr')], T);
    expect(seen).toEqual([
      { at: T, stream: 'stdout', text: 'x' },
      { at: T, stream: 'stderr', text: 'y' },
    ]);
    stop();
    log.append({ at: T, stream: 'stdout', text: 'z' });
    expect(seen.length).toBe(2);
    log.end();
    expect(ended).toBe(0);
    expect(log.ended).toBe(true);
  });

  it('drops the oldest lines beyond 5000, splitting a shared block at the cut', () => {
    const log = new ContainerLog();
    log.appendShared([fixed('s0'), fixed('s1', 'stderr'), fixed('s2')], T);
    for (let i = 0; i < 4997; i++) log.append({ at: T + 1, stream: i % 2 ? 'stderr' : 'stdout', text: `l${i}` });
    expect(log.length).toBe(5000);
    log.append({ at: T + 2, stream: 'stdout', text: 'next' });
    let lines = log.lines;
    expect(lines.length).toBe(5000);
    expect(lines.slice(0, 3)).toEqual([
      { at: T, stream: 'stderr', text: 's1' },
      { at: T, stream: 'stdout', text: 's2' },
      { at: T + 1, stream: 'stdout', text: 'l0' },
    ]);
    log.append({ at: T + 3, stream: 'stderr', text: 'more' });
    log.append({ at: T + 3, stream: 'stdout', text: 'again' });
    lines = log.lines;
    expect(lines.length).toBe(5000);
    expect(lines.slice(0, 2)).toEqual([
      { at: T + 1, stream: 'stdout', text: 'l0' },
      { at: T + 1, stream: 'stderr', text: 'l1' },
    ]);
    expect(lines.slice(-3)).toEqual([
      { at: T + 2, stream: 'stdout', text: 'next' },
      { at: T + 3, stream: 'stderr', text: 'more' },
      { at: T + 3, stream: 'stdout', text: 'again' },
    ]);
  });
});
