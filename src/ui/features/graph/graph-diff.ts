// What changed between two graph models, by uid: items (Nodes, Pods, controllers, Services)
// and edges added, removed or changed. The renderer uses it to animate only what moved and the
// layout to know whom to place; both stay linear in the size of the models.
// Leaves out: moves (a Pod never changes uid; a Pod bound to another Node shows as `changed`).
import type { GraphEdge, GraphItem, GraphModel, NodeItem, PodItem } from './graph-model';

export interface GraphDiff {
  added: string[];
  removed: string[];
  /** Present in both models with a different drawn state (status, readiness, restarts, node...). */
  changed: string[];
  /** Pods whose Node changed (bound by the scheduler, or a box that disappeared). */
  moved: string[];
  edgesAdded: string[];
  edgesRemoved: string[];
}

export function graphItems(model: GraphModel): Map<string, GraphItem> {
  const out = new Map<string, GraphItem>();
  for (const n of model.nodes) out.set(n.uid, n);
  for (const p of model.pods.values()) out.set(p.uid, p);
  for (const c of model.controllers) out.set(c.uid, c);
  for (const s of model.services) out.set(s.uid, s);
  return out;
}

/** A string that changes exactly when the way an item is drawn changes. */
export function itemSignature(it: GraphItem): string {
  if (it.kind === 'Pod') {
    const p = it as PodItem;
    return `${p.phase}|${p.status}|${p.node}|${p.ready}/${p.containers}|${p.restarts}`;
  }
  if (it.kind === 'Node') {
    const n = it as NodeItem;
    return `${n.ready}|${n.unschedulable}`;
  }
  return `${it.namespace}/${it.name}`;
}

export function diffGraph(prev: GraphModel | undefined, next: GraphModel): GraphDiff {
  const before = prev ? graphItems(prev) : new Map<string, GraphItem>();
  const after = graphItems(next);
  const diff: GraphDiff = { added: [], removed: [], changed: [], moved: [], edgesAdded: [], edgesRemoved: [] };
  for (const [uid, it] of after) {
    const old = before.get(uid);
    if (!old) diff.added.push(uid);
    else if (itemSignature(old) !== itemSignature(it)) {
      diff.changed.push(uid);
      if (it.kind === 'Pod' && (old as PodItem).node !== (it as PodItem).node) diff.moved.push(uid);
    }
  }
  for (const uid of before.keys()) if (!after.has(uid)) diff.removed.push(uid);
  const edgeIds = (es: readonly GraphEdge[]) => new Set(es.map((e) => e.id));
  const eb = prev ? edgeIds(prev.edges) : new Set<string>();
  const ea = edgeIds(next.edges);
  for (const id of ea) if (!eb.has(id)) diff.edgesAdded.push(id);
  for (const id of eb) if (!ea.has(id)) diff.edgesRemoved.push(id);
  return diff;
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.edgesAdded.length + d.edgesRemoved.length === 0;
}
