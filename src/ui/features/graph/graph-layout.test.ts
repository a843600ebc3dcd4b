import { describe, it, expect } from 'vitest';
import type { GraphEdge, GraphItem, GraphModel, NodeItem, PodItem } from './graph-model';
import { GraphLayouter, LAYOUT, UNSCHEDULED, podCategory } from './graph-layout';

const pod = (uid: string, node: string, extra: Partial<PodItem> = {}): PodItem => ({
  uid, kind: 'Pod', name: `web-${uid}`, namespace: 'default', phase: 'Running', status: 'Running',
  node, nodeUid: node ? `n-${node}` : undefined, ready: 1, containers: 1, restarts: 0, ...extra,
});

/** A model with the given pods per node name ('' = unscheduled), a ReplicaSet owning all and a Service. */
function model(spec: Record<string, string[]>, more: { edges?: GraphEdge[]; controllers?: GraphItem[] } = {}): GraphModel {
  const pods = new Map<string, PodItem>();
  const nodes: NodeItem[] = [];
  const unscheduled: string[] = [];
  for (const [node, uids] of Object.entries(spec)) {
    for (const u of uids) pods.set(u, pod(u, node));
    if (node) nodes.push({ uid: `n-${node}`, kind: 'Node', name: node, namespace: '', ready: true, unschedulable: false, pods: [...uids].sort() });
    else unscheduled.push(...uids);
  }
  nodes.sort((a, b) => a.name.localeCompare(b.name));
  const rs: GraphItem = { uid: 'rs', kind: 'ReplicaSet', name: 'web-1', namespace: 'default' };
  const svc: GraphItem = { uid: 'svc', kind: 'Service', name: 'web', namespace: 'default' };
  const edges: GraphEdge[] = [...pods.keys()].flatMap((u) => [
    { id: `owns:rs:${u}`, type: 'owns' as const, source: 'rs', target: u },
    { id: `selects:svc:${u}`, type: 'selects' as const, source: 'svc', target: u },
  ]);
  return { nodes, pods, unscheduled, controllers: [...(more.controllers ?? []), rs], services: [svc], edges: [...edges, ...(more.edges ?? [])] };
}

const podRects = (l: ReturnType<GraphLayouter['layout']>, uids: string[]) => Object.fromEntries(uids.map((u) => [u, l.rects.get(u)]));

describe('GraphLayouter keeps positions by uid', () => {
  it('places pods inside their node box and keeps every pod in its slot when others come and go', () => {
    const lay = new GraphLayouter();
    const first = lay.layout(model({ node1: ['a', 'b', 'c'], node2: ['d'] }), 800);
    const box1 = first.rects.get('n-node1');
    expect(box1).toBeDefined();
    for (const u of ['a', 'b', 'c']) {
      const r = first.rects.get(u);
      expect(r && box1 && r.x >= box1.x && r.x + r.w <= box1.x + box1.w && r.y >= box1.y && r.y + r.h <= box1.y + box1.h).toBe(true);
    }
    const before = podRects(first, ['a', 'c', 'd']);
    // 'b' leaves, 'e' arrives (sorted before 'c'): nobody else moves and 'e' takes b's free slot.
    const second = lay.layout(model({ node1: ['a', 'c', 'e'], node2: ['d'] }), 800);
    expect(podRects(second, ['a', 'c', 'd'])).toEqual(before);
    expect(second.rects.get('e')).toEqual(first.rects.get('b'));
    expect(second.rects.has('b')).toBe(false);
  });

  it('a box shrinks only by more than a row, so the boxes below do not jump under churn', () => {
    const uids = (n: number, p = 'p') => Array.from({ length: n }, (_, i) => `${p}${String(i).padStart(2, '0')}`);
    // 7 pods per row: node1 (left) and node2 (right) share a grid row; node3 sits below them.
    const lay = new GraphLayouter();
    const full = lay.layout(model({ node1: uids(15), node2: ['x'], node3: ['y'] }), 2 * LAYOUT.boxWidth + 3 * LAYOUT.margin + LAYOUT.gap);
    const h3 = full.rects.get('n-node1')?.h ?? 0;
    expect(h3).toBe(LAYOUT.boxHeader + 3 * LAYOUT.cell + 8);
    const y3 = full.rects.get('n-node3')?.y;
    // The pod in the third row leaves (two rows would do): the box keeps its height, node3 stays.
    const minus = lay.layout(model({ node1: uids(14), node2: ['x'], node3: ['y'] }), 2 * LAYOUT.boxWidth + 3 * LAYOUT.margin + LAYOUT.gap);
    expect(minus.rects.get('n-node1')?.h).toBe(h3);
    expect(minus.rects.get('n-node3')?.y).toBe(y3);
    // Down to one row: it shrinks.
    const few = lay.layout(model({ node1: uids(3), node2: ['x'], node3: ['y'] }), 2 * LAYOUT.boxWidth + 3 * LAYOUT.margin + LAYOUT.gap);
    expect(few.rects.get('n-node1')?.h).toBe(LAYOUT.boxHeader + LAYOUT.cell + 8);
    expect(few.rects.get('n-node3')?.y).toBeLessThan(y3 ?? 0);
    // A fresh layout of 14 pods needs only two rows.
    expect(new GraphLayouter().layout(model({ node1: uids(14) }), 800).rects.get('n-node1')?.h).toBe(LAYOUT.boxHeader + 2 * LAYOUT.cell + 8);
  });

  it('a stateless layout would have shifted them: the slots are what keeps them', () => {
    const fresh = new GraphLayouter().layout(model({ node1: ['a', 'c', 'e'], node2: ['d'] }), 800);
    const kept = new GraphLayouter();
    kept.layout(model({ node1: ['a', 'b', 'c'], node2: ['d'] }), 800);
    const after = kept.layout(model({ node1: ['a', 'c', 'e'], node2: ['d'] }), 800);
    expect(fresh.rects.get('c')).not.toEqual(after.rects.get('c'));
  });

  it('moves a pod from the unscheduled box into its node box when it is bound', () => {
    const lay = new GraphLayouter();
    const pending = lay.layout(model({ node1: ['a'], '': ['p'] }), 800);
    const unsched = pending.rects.get(UNSCHEDULED);
    expect(unsched).toBeDefined();
    expect(pending.rects.get('p')?.y).toBeGreaterThanOrEqual(unsched?.y ?? Infinity);
    const bound = lay.layout(model({ node1: ['a', 'p'] }), 800);
    expect(bound.rects.has(UNSCHEDULED)).toBe(false);
    expect(bound.rects.get('a')).toEqual(pending.rects.get('a'));
    const box = bound.rects.get('n-node1');
    const r = bound.rects.get('p');
    expect(r && box && r.y >= box.y && r.y < box.y + box.h).toBe(true);
  });

  it('puts controllers above the boxes and Services below, near the pods they link', () => {
    const l = new GraphLayouter().layout(model({ node1: ['a', 'b'], node2: [], node3: [], node4: ['c', 'd'] }), 900);
    const rs = l.rects.get('rs');
    const svc = l.rects.get('svc');
    const firstBox = l.rects.get('n-node1');
    expect(rs && firstBox && rs.y + rs.h <= firstBox.y).toBe(true);
    const lastBottom = Math.max(...['n-node1', 'n-node2', 'n-node3', 'n-node4'].map((u) => (l.rects.get(u)?.y ?? 0) + (l.rects.get(u)?.h ?? 0)));
    expect(svc && svc.y >= lastBottom).toBe(true);
    expect(l.height).toBeGreaterThanOrEqual((svc?.y ?? 0) + LAYOUT.chipHeight);
  });

  it('chips do not overlap in a lane and stay still when nothing they link changed', () => {
    const controllers: GraphItem[] = ['x', 'y', 'z'].map((n) => ({ uid: `rs-${n}`, kind: 'ReplicaSet', name: n, namespace: 'default' }));
    const edges: GraphEdge[] = controllers.map((c) => ({ id: `owns:${c.uid}:a`, type: 'owns', source: c.uid, target: 'a' }));
    const lay = new GraphLayouter();
    const m = model({ node1: ['a', 'b'] }, { controllers, edges });
    const l1 = lay.layout(m, 1000);
    const xs = ['rs', 'rs-x', 'rs-y', 'rs-z'].map((u) => l1.rects.get(u)?.x ?? NaN).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i] - xs[i - 1]).toBeGreaterThanOrEqual(LAYOUT.chipWidth);
    // Nothing they follow moved: every chip stays exactly where it was.
    const l2 = lay.layout(m, 1000);
    for (const u of ['rs', 'rs-x', 'rs-y', 'rs-z', 'svc']) expect(l2.rects.get(u)).toEqual(l1.rects.get(u));
  });

  it('a chip follows its pods when they move, and only then', () => {
    const lay = new GraphLayouter();
    const width = 3 * LAYOUT.boxWidth + 2 * LAYOUT.gap + 2 * LAYOUT.margin;
    const left = lay.layout(model({ node1: ['a', 'b'], node2: [], node3: [] }), width);
    const box1 = left.rects.get('n-node1');
    const rs1 = left.rects.get('rs');
    expect(box1 && rs1 && rs1.x + rs1.w / 2 < (box1.x + box1.w) + LAYOUT.gap).toBe(true);
    // A pod changing state (same slot): the chip does not move.
    const restyled = model({ node1: ['a', 'b'], node2: [], node3: [] });
    (restyled.pods.get('a') as PodItem).ready = 0;
    expect(lay.layout(restyled, width).rects.get('rs')).toEqual(rs1);
    // The pods move to the right-hand box: the chip follows them.
    const right = lay.layout(model({ node1: [], node2: [], node3: ['a', 'b'] }), width);
    const box3 = right.rects.get('n-node3');
    const rs3 = right.rects.get('rs');
    expect(box3 && rs3 && rs3.x + rs3.w > box3.x).toBe(true);
    expect(rs3 && rs1 && rs3.x > rs1.x + LAYOUT.boxWidth).toBe(true);
  });

  it('aggregates a box above the threshold into count badges per pod state', () => {
    const uids = Array.from({ length: 70 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const m = model({ node1: uids, node2: ['q'] });
    (m.pods.get('p00') as PodItem).phase = 'Pending';
    (m.pods.get('p00') as PodItem).status = 'ContainerCreating';
    (m.pods.get('p01') as PodItem).status = 'CrashLoopBackOff';
    (m.pods.get('p01') as PodItem).ready = 0;
    const l = new GraphLayouter().layout(m, 800);
    expect(l.groups.map((g) => [g.id, g.node, g.category, g.count, g.namespace])).toEqual([
      ['group:n-node1:Running', 'node1', 'Running', 68, 'default'],
      ['group:n-node1:Pending', 'node1', 'Pending', 1, 'default'],
      ['group:n-node1:Failed', 'node1', 'Failed', 1, 'default'],
    ]);
    expect(l.grouped.get('p05')).toBe('group:n-node1:Running');
    expect(l.rects.has('p05')).toBe(false);
    expect(l.rects.has('q')).toBe(true);
    const expanded = new GraphLayouter().layout(m, 800, { expanded: new Set(['n-node1']) });
    expect(expanded.groups).toEqual([]);
    expect(expanded.rects.has('p05')).toBe(true);
  });
});

describe('podCategory', () => {
  it.each([
    [{ phase: 'Running', status: 'Running', ready: 1, containers: 1 }, 'Running'],
    [{ phase: 'Running', status: 'Running', ready: 0, containers: 1 }, 'NotReady'],
    [{ phase: 'Running', status: 'CrashLoopBackOff', ready: 0, containers: 1 }, 'Failed'],
    [{ phase: 'Pending', status: 'ErrImagePull', ready: 0, containers: 1 }, 'Failed'],
    [{ phase: 'Pending', status: 'ContainerCreating', ready: 0, containers: 1 }, 'Pending'],
    [{ phase: 'Running', status: 'Terminating', ready: 1, containers: 1 }, 'Terminating'],
    [{ phase: 'Succeeded', status: 'Completed', ready: 0, containers: 1 }, 'Succeeded'],
    [{ phase: 'Unknown', status: 'Unknown', ready: 0, containers: 1 }, 'Unknown'],
  ])('%j → %s', (p, expected) => {
    expect(podCategory(pod('x', 'node1', p))).toBe(expected);
  });
});
