// What changed between two graph models, by uid: items (Nodes, Pods, controllers, Services)
// and edges added, removed or changed. The renderer uses it to animate only what moved and the
// layout to know whom to place; both stay linear in the size of the models, and an item that is
// the same object in both models (the incremental model reuses unchanged pods) costs one compare.
// Leaves out: moves (a Pod never changes uid; a Pod bound to another Node shows as `changed`).
import type { GraphItem, GraphModel, NodeItem, PodItem } from './graph-model';

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
  model.pods.forEach((p) => out.set(p.uid, p));
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

/** Edge ids of a model, built once per model (each model is diffed as `next`, then as `prev`). */
const edgeIdCache = new WeakMap<GraphModel, Set<string>>();
function edgeIds(m: GraphModel): Set<string> {
  let ids = edgeIdCache.get(m);
  if (!ids) {
    ids = new Set();
    for (const e of m.edges) ids.add(e.id);
    edgeIdCache.set(m, ids);
  }
  return ids;
}

const byUid = (items: readonly GraphItem[]) => new Map(items.map((i) => [i.uid, i]));

export function diffGraph(prev: GraphModel | undefined, next: GraphModel): GraphDiff {
  const diff: GraphDiff = { added: [], removed: [], changed: [], moved: [], edgesAdded: [], edgesRemoved: [] };
  // Pods are looked up in the models' own maps; the few other items in small maps.
  const others = (m: GraphModel) => byUid([...m.nodes, ...m.controllers, ...m.services]);
  const beforeOthers = prev ? others(prev) : new Map<string, GraphItem>();
  const afterOthers = others(next);
  const compare = (it: GraphItem, old: GraphItem | undefined) => {
    if (!old) diff.added.push(it.uid);
    else if (old !== it && itemSignature(old) !== itemSignature(it)) {
      diff.changed.push(it.uid);
      if (it.kind === 'Pod' && (old as PodItem).node !== (it as PodItem).node) diff.moved.push(it.uid);
    }
  };
  const prevPods = prev?.pods;
  for (const n of next.nodes) compare(n, beforeOthers.get(n.uid) ?? prevPods?.get(n.uid));
  // forEach over the pods: no iterator result per pod each frame (see state/mirror.ts).
  next.pods.forEach((p) => compare(p, prevPods?.get(p.uid) ?? beforeOthers.get(p.uid)));
  for (const c of next.controllers) compare(c, beforeOthers.get(c.uid) ?? prevPods?.get(c.uid));
  for (const sv of next.services) compare(sv, beforeOthers.get(sv.uid) ?? prevPods?.get(sv.uid));
  if (prev) {
    const gone = (uid: string) => !next.pods.has(uid) && !afterOthers.has(uid);
    for (const n of prev.nodes) if (gone(n.uid)) diff.removed.push(n.uid);
    prev.pods.forEach((_, uid) => {
      if (gone(uid)) diff.removed.push(uid);
    });
    for (const c of prev.controllers) if (gone(c.uid)) diff.removed.push(c.uid);
    for (const sv of prev.services) if (gone(sv.uid)) diff.removed.push(sv.uid);
  }
  const eb = prev ? edgeIds(prev) : new Set<string>();
  const ea = edgeIds(next);
  ea.forEach((id) => {
    if (!eb.has(id)) diff.edgesAdded.push(id);
  });
  eb.forEach((id) => {
    if (!ea.has(id)) diff.edgesRemoved.push(id);
  });
  return diff;
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return d.added.length + d.removed.length + d.changed.length + d.edgesAdded.length + d.edgesRemoved.length === 0;
}
