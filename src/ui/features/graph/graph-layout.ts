// Layout of the cluster graph that keeps positions by uid across updates: Node boxes in a
// wrapping grid (order of first appearance), each Pod in a slot of its Node's box that it keeps
// until it leaves (new pods take the first free slot), workload controllers in lanes above the
// boxes and Services below, placed by a d3-force simulation stepped by hand (no timers) that
// pulls each chip towards the pods it owns or selects. Boxes with many pods show one count
// badge per pod state instead of the pods. A box shrinks only by more than a row at a time, so
// pods coming and going do not make the boxes below it jump. Leaves out: zoom/pan and edge routing.
import { forceCollide, forceSimulation, forceX, forceY } from 'd3';
import type { Simulation, SimulationNodeDatum } from 'd3';
import type { GraphItem, GraphModel, PodItem } from './graph-model';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How a pod is drawn (its colour), and the key of its count badge in an aggregated box. */
export type PodCategory = 'Running' | 'NotReady' | 'Pending' | 'Failed' | 'Succeeded' | 'Terminating' | 'Unknown';
export const POD_CATEGORIES: readonly PodCategory[] = ['Running', 'NotReady', 'Pending', 'Failed', 'Terminating', 'Succeeded', 'Unknown'];

const FAILING = /BackOff|Err|Error|OOMKilled|ExitCode|Signal|Invalid/;

export function podCategory(p: PodItem): PodCategory {
  if (p.status === 'Terminating') return 'Terminating';
  if (FAILING.test(p.status)) return 'Failed';
  switch (p.phase) {
    case 'Running':
      return p.ready === p.containers ? 'Running' : 'NotReady';
    case 'Pending':
      return 'Pending';
    case 'Succeeded':
      return 'Succeeded';
    case 'Failed':
      return 'Failed';
    default:
      return 'Unknown';
  }
}

/** Pods of one box and one category, drawn as a single count badge. */
export interface PodGroup {
  /** `group:<box uid>:<category>` */
  id: string;
  box: string;
  /** Node name ('' for the unscheduled box). */
  node: string;
  category: PodCategory;
  count: number;
  /** The grouped pods' namespace when they all share one, else ''. */
  namespace: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  /** Rectangles by uid: boxes ('unscheduled' for pods without a node), chips, drawn pods, badges. */
  rects: Map<string, Rect>;
  /** Pods drawn inside a count badge instead of one by one: pod uid → badge id. */
  grouped: Map<string, string>;
  groups: PodGroup[];
}

export const LAYOUT = {
  margin: 12,
  gap: 14,
  boxWidth: 196,
  boxHeader: 26,
  cell: 24,
  chipWidth: 150,
  chipHeight: 24,
  laneGap: 8,
  badgeHeight: 20,
  /** Above this many pods a box shows count badges (unless expanded). */
  aggregateAbove: 60,
} as const;

export const UNSCHEDULED = 'unscheduled';

interface ChipNode extends SimulationNodeDatum {
  uid: string;
  x: number;
  y: number;
  tx: number;
  ty: number;
  /** The target and lane the last placement settled for. */
  placedTx?: number;
  placedTy?: number;
}

export interface LayoutOptions {
  /** Box uids drawn pod by pod even above the aggregation threshold. */
  expanded?: ReadonlySet<string>;
  aggregateAbove?: number;
}

const CONTROLLER_ROW: Record<string, number> = { Deployment: 0, DaemonSet: 0, ReplicationController: 1, ReplicaSet: 1 };

/** Keeps slots and chip positions between calls; one instance per drawn graph. */
export class GraphLayouter {
  private boxOrder: string[] = [];
  private readonly slots = new Map<string, (string | undefined)[]>();
  private readonly slotOf = new Map<string, { box: string; index: number }>();
  private readonly chips = new Map<string, ChipNode>();
  /**
   * The chips' d3-force simulation, made once and kept stopped: making one starts a d3 timer
   * (a frame callback and a one-second interval) even when it is stopped at once, and a
   * scale-up lays out chips at nearly every frame (6 ms of setInterval in a 0 → 1,000 profile).
   */
  private sim: Simulation<ChipNode, undefined> | undefined;
  private readonly heights = new Map<string, number>();
  private lastWidth = 0;

  layout(model: GraphModel, width: number, opts: LayoutOptions = {}): GraphLayout {
    const { margin, gap, boxWidth, boxHeader, cell, chipHeight, laneGap, badgeHeight } = LAYOUT;
    const aggregateAbove = opts.aggregateAbove ?? LAYOUT.aggregateAbove;
    const w = Math.max(width, boxWidth + 2 * margin);
    const rects = new Map<string, Rect>();
    const grouped = new Map<string, string>();
    const groups: PodGroup[] = [];

    // --- boxes: keep the order of first appearance, append new ones in name order
    const boxPods = new Map<string, string[]>();
    for (const n of model.nodes) boxPods.set(n.uid, n.pods);
    if (model.unscheduled.length) boxPods.set(UNSCHEDULED, model.unscheduled);
    this.boxOrder = this.boxOrder.filter((uid) => boxPods.has(uid) && uid !== UNSCHEDULED);
    const knownBoxes = new Set(this.boxOrder);
    for (const n of model.nodes) if (!knownBoxes.has(n.uid)) this.boxOrder.push(n.uid);
    const boxes = boxPods.has(UNSCHEDULED) ? [...this.boxOrder, UNSCHEDULED] : this.boxOrder;

    // --- pod slots: a pod keeps its slot while it stays in the same box
    // forEach, not for-of over entries: no entry array per pod each frame (see state/mirror.ts).
    this.slotOf.forEach((at, podUid) => {
      const p = model.pods.get(podUid);
      if (!p || (p.nodeUid ?? UNSCHEDULED) !== at.box || !boxPods.has(at.box)) {
        const arr = this.slots.get(at.box);
        if (arr) arr[at.index] = undefined;
        this.slotOf.delete(podUid);
      }
    });
    for (const box of this.slots.keys()) if (!boxPods.has(box)) this.slots.delete(box);
    for (const box of this.heights.keys()) if (!boxPods.has(box)) this.heights.delete(box);
    const perRow = Math.max(1, Math.floor((boxWidth - 12) / cell));
    for (const box of boxes) {
      let arr = this.slots.get(box);
      if (!arr) this.slots.set(box, (arr = []));
      let free = 0;
      for (const podUid of boxPods.get(box) ?? []) {
        if (this.slotOf.has(podUid)) continue;
        while (free < arr.length && arr[free] !== undefined) free++;
        arr[free] = podUid;
        this.slotOf.set(podUid, { box, index: free });
      }
      while (arr.length && arr[arr.length - 1] === undefined) arr.pop();
      const used = boxPods.get(box)?.length ?? 0;
      // Many holes after a scale-down: pack the pods that stayed, keeping their relative order.
      if (arr.length > perRow && used < arr.length / 2) {
        const kept = arr.filter((u): u is string => u !== undefined);
        kept.forEach((u, i) => this.slotOf.set(u, { box, index: i }));
        arr.length = 0;
        arr.push(...kept);
      }
    }

    // --- chip lanes (controllers above, Services below)
    const avail = Math.max(LAYOUT.chipWidth, w - 2 * margin);
    const perLane = Math.max(1, Math.floor((avail + laneGap) / (LAYOUT.chipWidth + laneGap)));
    const rows: GraphItem[][] = [[], []];
    for (const c of model.controllers) rows[CONTROLLER_ROW[c.kind] ?? 1].push(c);
    const laneY = new Map<string, number>();
    let y = margin;
    for (const row of rows) {
      if (!row.length) continue;
      const lanes = Math.ceil(row.length / perLane);
      row.forEach((c, i) => laneY.set(c.uid, y + (i % lanes) * (chipHeight + laneGap)));
      y += lanes * (chipHeight + laneGap);
    }
    if (y > margin) y += gap - laneGap;

    // --- box grid
    let x = margin;
    let rowHeight = 0;
    for (const box of boxes) {
      const pods = boxPods.get(box) ?? [];
      let h: number;
      if (pods.length > aggregateAbove && !opts.expanded?.has(box)) {
        const counts = new Map<PodCategory, { id: string; count: number; ns: string | undefined }>();
        for (const uid of pods) {
          const p = model.pods.get(uid) as PodItem;
          const cat = podCategory(p);
          let c = counts.get(cat);
          if (!c) counts.set(cat, (c = { id: `group:${box}:${cat}`, count: 1, ns: p.namespace }));
          else {
            c.count++;
            if (c.ns !== p.namespace) c.ns = '';
          }
          grouped.set(uid, c.id);
        }
        const node = box === UNSCHEDULED ? '' : (model.pods.get(pods[0]) as PodItem).node;
        let i = 0;
        for (const cat of POD_CATEGORIES) {
          const c = counts.get(cat);
          if (!c) continue;
          const id = c.id;
          groups.push({ id, box, node, category: cat, count: c.count, namespace: c.ns ?? '' });
          rects.set(id, { x: 6, y: boxHeader + i * (badgeHeight + 4), w: boxWidth - 12, h: badgeHeight });
          i++;
        }
        h = boxHeader + i * (badgeHeight + 4) + 6;
      } else {
        const arr = this.slots.get(box) ?? [];
        h = boxHeader + Math.max(1, Math.ceil(arr.length / perRow)) * cell + 8;
      }
      // A box keeps its height while it is at most one row shorter than before: under churn a pod
      // leaving the last row and another arriving would otherwise make every box below jump.
      const had = this.heights.get(box);
      if (had !== undefined && h < had && had - h <= cell) h = had;
      this.heights.set(box, h);
      if (x + boxWidth > w - margin && x > margin) {
        x = margin;
        y += rowHeight + gap;
        rowHeight = 0;
      }
      rects.set(box, { x, y, w: boxWidth, h });
      rowHeight = Math.max(rowHeight, h);
      x += boxWidth + gap;
    }
    // Badge and pod rectangles are absolute, like every other rect.
    for (const g of groups) {
      const b = rects.get(g.box) as Rect;
      const r = rects.get(g.id) as Rect;
      rects.set(g.id, { x: b.x + r.x, y: b.y + r.y, w: r.w, h: r.h });
    }
    this.slotOf.forEach((at, podUid) => {
      if (grouped.has(podUid)) return;
      const b = rects.get(at.box);
      if (!b) return;
      rects.set(podUid, { x: b.x + 6 + (at.index % perRow) * cell, y: b.y + boxHeader + Math.floor(at.index / perRow) * cell, w: cell, h: cell });
    });
    if (boxes.length) y += rowHeight + gap;

    const services = model.services;
    const svcLanes = Math.ceil(services.length / perLane);
    services.forEach((s, i) => laneY.set(s.uid, y + (i % Math.max(1, svcLanes)) * (chipHeight + laneGap)));
    if (services.length) y += svcLanes * (chipHeight + laneGap) - laneGap + gap;

    this.placeChips(model, rects, grouped, laneY, w);
    this.lastWidth = w;
    return { width: w, height: y + margin - gap + 4, rects, grouped, groups };
  }

  /** One d3-force run, stepped by hand, for controller and Service chips. */
  private placeChips(model: GraphModel, rects: Map<string, Rect>, grouped: Map<string, string>, laneY: Map<string, number>, width: number): void {
    const { chipWidth, chipHeight, margin } = LAYOUT;
    const k = chipWidth / chipHeight; // collisions in a space where chips are circles
    const centerX = (uid: string): number | undefined => {
      const r = rects.get(grouped.get(uid) ?? uid);
      return r ? r.x + r.w / 2 : undefined;
    };
    const targets = new Map<string, number[]>();
    const push = (uid: string, v: number | undefined) => {
      if (v === undefined) return;
      let l = targets.get(uid);
      if (!l) targets.set(uid, (l = []));
      l.push(v);
    };
    for (const e of model.edges) {
      if (model.pods.has(e.target)) push(e.source, centerX(e.target));
    }
    const mean = (l: number[] | undefined) => (l && l.length ? l.reduce((a, b) => a + b, 0) / l.length : undefined);
    const tx = new Map<string, number>();
    for (const [uid, l] of targets) tx.set(uid, mean(l) as number);
    // Owners of owners (Deployment → ReplicaSet): the mean of their children's targets.
    const upper = new Map<string, number[]>();
    for (const e of model.edges) {
      const t = tx.get(e.target);
      if (!model.pods.has(e.target) && t !== undefined) {
        let l = upper.get(e.source);
        if (!l) upper.set(e.source, (l = []));
        l.push(t);
      }
    }
    for (const [uid, l] of upper) if (!tx.has(uid)) tx.set(uid, mean(l) as number);

    const nodes: ChipNode[] = [];
    const seen = new Set<string>();
    let fresh = false;
    let spare = margin + chipWidth / 2;
    for (const it of [...model.controllers, ...model.services]) {
      seen.add(it.uid);
      const ly = laneY.get(it.uid) ?? margin;
      let n = this.chips.get(it.uid);
      const target = tx.get(it.uid);
      if (!n) {
        const x0 = target ?? spare;
        spare += chipWidth / 2;
        n = { uid: it.uid, x: x0, y: (ly + chipHeight / 2) * k, tx: x0, ty: ly };
        this.chips.set(it.uid, n);
        fresh = true;
      }
      n.tx = target ?? n.x;
      n.ty = ly;
      n.y = (ly + chipHeight / 2) * k; // lanes are fixed; only x is simulated freely
      n.vx = 0;
      n.vy = 0;
      nodes.push(n);
    }
    let gone = false;
    for (const uid of this.chips.keys()) {
      if (!seen.has(uid)) {
        this.chips.delete(uid);
        gone = true;
      }
    }
    if (!nodes.length) return;
    // Nothing a chip follows moved (same chips, lanes, width, and targets within half a pixel):
    // the chips stay where they are. Pods changing state, or arriving in slots that keep their
    // owners' mean, are most updates; the simulation is the layout's largest cost at 1,000 pods.
    const settled = !fresh && !gone && width === this.lastWidth
      && nodes.every((n) => n.placedTy === n.ty && n.placedTx !== undefined && Math.abs(n.placedTx - n.tx) < 0.5);
    if (settled) {
      for (const n of nodes) rects.set(n.uid, { x: Math.round(n.x - chipWidth / 2), y: n.ty, w: chipWidth, h: chipHeight });
      return;
    }

    const minX = margin + chipWidth / 2;
    const maxX = Math.max(minX, width - margin - chipWidth / 2);
    this.sim ??= forceSimulation<ChipNode>()
      .stop()
      .force('x', forceX<ChipNode>((d) => d.tx).strength(0.25))
      .force('y', forceY<ChipNode>((d) => (d.ty + chipHeight / 2) * k).strength(1))
      .force('collide', forceCollide<ChipNode>(chipWidth / 2 + LAYOUT.laneGap / 2).strength(0.9));
    // nodes() initializes the forces again: their targets are this layout's.
    const sim = this.sim.nodes(nodes).alpha(fresh || width !== this.lastWidth ? 1 : 0.3);
    const ticks = fresh ? 80 : 30;
    for (let i = 0; i < ticks; i++) {
      sim.tick();
      for (const n of nodes) {
        n.x = Math.min(maxX, Math.max(minX, n.x));
        n.y = (n.ty + chipHeight / 2) * k;
      }
    }
    // The collision force is soft: finish with an exact pass per lane (sorted sweep right, then
    // back from the right edge) so chips never overlap.
    const lanes = new Map<number, ChipNode[]>();
    for (const n of nodes) {
      let l = lanes.get(n.ty);
      if (!l) lanes.set(n.ty, (l = []));
      l.push(n);
    }
    const step = chipWidth + LAYOUT.laneGap;
    for (const lane of lanes.values()) {
      lane.sort((a, b) => a.x - b.x || (a.uid < b.uid ? -1 : 1));
      for (let i = 1; i < lane.length; i++) lane[i].x = Math.max(lane[i].x, lane[i - 1].x + step);
      const last = lane[lane.length - 1];
      if (last.x > maxX) last.x = maxX;
      for (let i = lane.length - 2; i >= 0; i--) lane[i].x = Math.min(lane[i].x, lane[i + 1].x - step);
    }
    for (const n of nodes) {
      n.vx = 0;
      n.vy = 0;
      n.placedTx = n.tx;
      n.placedTy = n.ty;
      rects.set(n.uid, { x: Math.round(n.x - chipWidth / 2), y: n.ty, w: chipWidth, h: chipHeight });
    }
  }
}

/** A one-off layout (no memory of previous positions). */
export function layoutGraph(model: GraphModel, width: number, opts?: LayoutOptions): GraphLayout {
  return new GraphLayouter().layout(model, width, opts);
}
