import { describe, it, expect } from 'vitest';
import { CELL, animAt, mergeBoxes, pulseOpacity, sameLook, tileNearView, VIEW_MARGIN } from './graph-canvas';
import type { PodLook } from './graph-canvas';

describe('mergeBoxes', () => {
  it('merges touching and overlapping cells and keeps distant ones apart', () => {
    const cell = (x: number, y: number) => ({ x0: x - 2, y0: y - 2, x1: x + CELL + 2, y1: y + CELL + 2 });
    expect(mergeBoxes([cell(0, 0), cell(24, 0), cell(200, 200)])).toEqual([
      { x0: -2, y0: -2, x1: 50, y1: 26 },
      { x0: 198, y0: 198, x1: 226, y1: 226 },
    ]);
  });

  it('a box joining two others merges all three (transitively)', () => {
    expect(mergeBoxes([{ x0: 0, y0: 0, x1: 10, y1: 10 }, { x0: 20, y0: 0, x1: 30, y1: 10 }, { x0: 5, y0: 0, x1: 25, y1: 10 }])).toEqual([
      { x0: 0, y0: 0, x1: 30, y1: 10 },
    ]);
  });

  it('gives up (repaint everything) above the limit', () => {
    const far = Array.from({ length: 5 }, (_, i) => ({ x0: i * 100, y0: 0, x1: i * 100 + 10, y1: 10 }));
    expect(mergeBoxes(far, 4)).toBeUndefined();
    expect(mergeBoxes(far, 5)).toHaveLength(5);
  });
});

describe('animAt', () => {
  const a = { start: 1000, dur: 400, fromX: 0, fromY: 0, fromAlpha: 0, toAlpha: 1, fromScale: 1, toScale: 1, ease: 'out' as const };

  it('starts at the origin, eases out, ends at the target', () => {
    expect(animAt(a, 100, 50, 1000)).toEqual({ x: 0, y: 0, alpha: 0, scale: 1, done: false });
    // ease-out cubic at t = 0.5: 1 - 0.5³ = 0.875
    expect(animAt(a, 100, 50, 1200)).toEqual({ x: 87.5, y: 43.75, alpha: 0.875, scale: 1, done: false });
    expect(animAt(a, 100, 50, 1400)).toEqual({ x: 100, y: 50, alpha: 1, scale: 1, done: true });
    expect(animAt(a, 100, 50, 5000).done).toBe(true);
  });

  it('ease-in (leaving) is slow first: scale 1 → 0.4', () => {
    const out = { ...a, fromAlpha: 1, toAlpha: 0, toScale: 0.4, ease: 'in' as const };
    // ease-in cubic at t = 0.5: 0.125
    expect(animAt(out, 0, 0, 1200)).toEqual({ x: 0, y: 0, alpha: 0.875, scale: 0.925, done: false });
  });
});

describe('pulseOpacity', () => {
  it('goes 1 → 0.35 → 1 over two seconds', () => {
    expect(pulseOpacity(0)).toBe(1);
    expect(pulseOpacity(1000)).toBeCloseTo(0.35, 10);
    expect(pulseOpacity(500)).toBeCloseTo(0.675, 10);
    expect(pulseOpacity(2000)).toBe(1);
  });
});

describe('sameLook', () => {
  it('compares every drawn field', () => {
    const l: PodLook = { color: 'running', ringOn: true, notReady: false, terminating: false, crashloop: false, restarts: '' };
    expect(sameLook(l, { ...l })).toBe(true);
    for (const k of Object.keys(l) as (keyof PodLook)[]) {
      const other = { ...l, [k]: typeof l[k] === 'boolean' ? !l[k] : 'x' };
      expect(sameLook(l, other)).toBe(false);
    }
  });
});

describe('tileNearView', () => {
  const tile = { x: 0, y: 512, w: 256, h: 256 };
  it('paints every tile when the visible part is unknown', () => {
    expect(tileNearView(tile, undefined)).toBe(true);
  });
  it('keeps tiles within the margin of the visible part and culls the others', () => {
    const view = { x0: 0, y0: 0, x1: 786, y1: 318 };
    // 512 - 318 = 194 px below the screen: beyond the default margin, within a tile's.
    expect(VIEW_MARGIN).toBe(64);
    expect(tileNearView(tile, view)).toBe(false);
    expect(tileNearView(tile, view, 256)).toBe(true);
    // 40 px below: within it.
    expect(tileNearView({ ...tile, y: 358 }, view)).toBe(true);
    expect(tileNearView({ ...tile, y: 1024 }, view)).toBe(false);
    // Scrolled down to it.
    expect(tileNearView({ ...tile, y: 1024 }, { x0: 0, y0: 900, x1: 786, y1: 1218 })).toBe(true);
    // Touching edges are not overlap.
    expect(tileNearView({ x: 0, y: 382, w: 256, h: 256 }, view)).toBe(false);
  });
});
