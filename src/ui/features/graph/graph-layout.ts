// Deterministic layout of the graph model: workload controllers in a band on top, Node boxes
// in a wrapping grid (pods packed inside in name order), unscheduled pods in their own box,
// Services in a band below. Positions are keyed by uid so the renderer can animate moves.
// SIMPLIFICATION: a grid instead of DESIGN.md's hand-stepped d3-force; no aggregation yet.
import type { GraphModel } from './graph-model';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Every drawn object's rectangle by uid (pods: their cell; the unscheduled box: 'unscheduled'). */
  rects: Map<string, Rect>;
}

export const LAYOUT = {
  margin: 12,
  gap: 14,
  boxWidth: 196,
  boxHeader: 26,
  cell: 24,
  chipWidth: 170,
  chipHeight: 24,
} as const;

function band(uids: string[], rects: Map<string, Rect>, y: number, width: number): number {
  const { margin, gap, chipWidth, chipHeight } = LAYOUT;
  if (uids.length === 0) return y;
  let x = margin;
  for (const uid of uids) {
    if (x + chipWidth > width - margin && x > margin) {
      x = margin;
      y += chipHeight + 8;
    }
    rects.set(uid, { x, y, w: chipWidth, h: chipHeight });
    x += chipWidth + 8;
  }
  return y + chipHeight + gap;
}

export function layoutGraph(model: GraphModel, width: number): GraphLayout {
  const { margin, gap, boxWidth, boxHeader, cell } = LAYOUT;
  const w = Math.max(width, boxWidth + 2 * margin);
  const rects = new Map<string, Rect>();
  let y = band(model.controllers.map((c) => c.uid), rects, margin, w);

  const perRow = Math.max(1, Math.floor((boxWidth - 12) / cell));
  const boxes: { uid: string; pods: string[] }[] = model.nodes.map((n) => ({ uid: n.uid, pods: n.pods }));
  if (model.unscheduled.length) boxes.push({ uid: 'unscheduled', pods: model.unscheduled });
  let x = margin;
  let rowHeight = 0;
  for (const b of boxes) {
    const rows = Math.max(1, Math.ceil(b.pods.length / perRow));
    const h = boxHeader + rows * cell + 8;
    if (x + boxWidth > w - margin && x > margin) {
      x = margin;
      y += rowHeight + gap;
      rowHeight = 0;
    }
    rects.set(b.uid, { x, y, w: boxWidth, h });
    b.pods.forEach((uid, i) => {
      rects.set(uid, { x: x + 6 + (i % perRow) * cell, y: y + boxHeader + Math.floor(i / perRow) * cell, w: cell, h: cell });
    });
    rowHeight = Math.max(rowHeight, h);
    x += boxWidth + gap;
  }
  y += rowHeight + gap;
  y = band(model.services.map((s) => s.uid), rects, y, w);
  return { width: w, height: y + margin, rects };
}
