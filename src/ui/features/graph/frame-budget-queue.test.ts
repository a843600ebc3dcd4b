import { describe, it, expect } from 'vitest';
import { FrameBudgetQueue } from './frame-budget-queue';

function setup(perFrame: number, hold: () => boolean = () => false) {
  const written: string[] = [];
  const frames: (() => void)[] = [];
  let cancelled = 0;
  const q = new FrameBudgetQueue<string>(perFrame, (k) => written.push(k), (run) => {
    frames.push(run);
    return () => cancelled++;
  }, hold);
  const frame = () => {
    const run = frames.shift();
    if (!run) throw new Error('no frame requested');
    run();
  };
  return { q, written, frames, frame, cancelled: () => cancelled };
}

describe('FrameBudgetQueue', () => {
  it('writes up to the budget at once and the rest over the next frames, oldest first', () => {
    const { q, written, frames, frame } = setup(2);
    for (const k of ['a', 'b', 'c', 'd', 'e']) q.update(k);
    expect(written).toEqual(['a', 'b']);
    expect(q.pending).toBe(3);
    expect(frames).toHaveLength(1);
    frame();
    expect(written).toEqual(['a', 'b', 'c', 'd']);
    frame();
    expect(written).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(q.pending).toBe(0);
    expect(frames).toHaveLength(0);
  });

  it('writes a key updated twice while waiting once, and never ahead of older waiting keys', () => {
    const { q, written, frame } = setup(1);
    q.update('a');
    q.update('b');
    q.update('c');
    q.update('b');
    q.startFrame();
    q.update('d'); // budget again, but b and c wait: d goes after them
    expect(written).toEqual(['a']);
    frame();
    frame();
    frame();
    expect(written).toEqual(['a', 'b', 'c', 'd']);
  });

  it('drops keys whose object is gone, and clear stops asking for frames', () => {
    const { q, written, frame, cancelled } = setup(1);
    q.update('a');
    q.update('b');
    q.update('c');
    q.drop('b');
    frame();
    expect(written).toEqual(['a', 'c']);
    q.update('d');
    q.update('e');
    q.clear();
    expect(q.pending).toBe(0);
    expect(cancelled()).toBe(1);
  });

  it('while held, writes nothing (budget or not) and asks for one frame at a time; then drains oldest first', () => {
    let held = true;
    const { q, written, frames, frame } = setup(2, () => held);
    q.update('a');
    q.update('b');
    q.update('c');
    expect(written).toEqual([]);
    expect(q.pending).toBe(3);
    expect(frames).toHaveLength(1);
    frame();
    frame();
    expect(written).toEqual([]);
    expect(frames).toHaveLength(1);
    held = false;
    frame();
    expect(written).toEqual(['a', 'b']);
    frame();
    expect(written).toEqual(['a', 'b', 'c']);
    expect(frames).toHaveLength(0);
    // Held again: an update that the budget would allow waits too.
    held = true;
    q.startFrame();
    q.update('d');
    expect(written).toEqual(['a', 'b', 'c']);
    held = false;
    frame();
    expect(written).toEqual(['a', 'b', 'c', 'd']);
  });
});
