// Shared informer indexes the controllers agree on, registered once per informer.
import type { KObject } from '../../api/types';
import type { Informer } from '../../client/informer';
import { controllerOf } from './owner';

const registered = new WeakMap<Informer, Set<string>>();

export function ensureIndex(inf: Informer, name: string, fn: (o: KObject) => string[]): void {
  let s = registered.get(inf);
  if (!s) {
    s = new Set();
    registered.set(inf, s);
  }
  if (s.has(name)) return;
  s.add(name);
  inf.addIndex(name, fn);
}

/** Index of objects by their controller's uid. */
export const BY_CONTROLLER = 'controller-uid';
/** Index of objects without a controller, by namespace. */
export const ORPHANS = 'orphan-namespace';
/** Pods by spec.nodeName. */
export const BY_NODE = 'node-name';
/** Objects by `namespace\0key=value` for every label. */
export const BY_LABEL = 'namespace-label';

// Index values are memoised by the object they derive from: the store shares unchanged
// (frozen) subtrees between versions, so a status write hands the informer the same
// ownerReferences and labels objects again, and each index function runs on the old and the
// new version of every object. The returned arrays are shared: the informer only reads them.
const NONE: readonly string[] = Object.freeze([]);
const byRefs = new WeakMap<object, readonly string[]>();
const byLabelSet = new WeakMap<object, { ns: string; values: readonly string[] }>();

function controllerUids(o: KObject): readonly string[] {
  const refs = o.metadata?.ownerReferences;
  if (!refs) return NONE;
  let v = byRefs.get(refs);
  if (!v) {
    const r = controllerOf(o);
    v = r?.uid ? [r.uid] : NONE;
    if (Object.isFrozen(refs)) byRefs.set(refs, v);
  }
  return v;
}

/** Every ownerReferences uid (the garbage collector's index), memoised like controllerUids. */
const allRefs = new WeakMap<object, readonly string[]>();

export function ownerUids(o: KObject): string[] {
  const refs = o.metadata?.ownerReferences;
  if (!refs) return NONE as string[];
  let v = allRefs.get(refs);
  if (!v) {
    v = refs.map((r) => r.uid);
    if (Object.isFrozen(refs)) allRefs.set(refs, v);
  }
  return v as string[];
}

export function indexOwned(inf: Informer): void {
  ensureIndex(inf, BY_CONTROLLER, (o) => controllerUids(o) as string[]);
  ensureIndex(inf, ORPHANS, (o) => (controllerOf(o) ? (NONE as string[]) : [o.metadata?.namespace ?? '']));
}

export function indexByNode(inf: Informer): void {
  ensureIndex(inf, BY_NODE, (o) => {
    const n = (o.spec as { nodeName?: string } | undefined)?.nodeName;
    return n ? [n] : (NONE as string[]);
  });
}

export function indexByLabel(inf: Informer): void {
  ensureIndex(inf, BY_LABEL, (o) => {
    const ns = o.metadata?.namespace ?? '';
    const ls = o.metadata?.labels;
    if (!ls) return [];
    const hit = byLabelSet.get(ls);
    if (hit && hit.ns === ns) return hit.values as string[];
    const values = Object.keys(ls).map((k) => `${ns}\u0000${k}=${ls[k]}`);
    if (Object.isFrozen(ls)) byLabelSet.set(ls, { ns, values });
    return values;
  });
}

/**
 * Objects in `ns` whose labels include every pair of `set` (plus anything else), using the
 * smallest label bucket; falls back to the namespace when `set` is empty.
 */
export function byLabels(inf: Informer, ns: string, set: Record<string, string>): KObject[] {
  let best: KObject[] | undefined;
  for (const k of Object.keys(set)) {
    const b = inf.byIndex(BY_LABEL, `${ns}\u0000${k}=${set[k]}`);
    if (!best || b.length < best.length) best = b;
    if (!best.length) break;
  }
  return best ?? inf.list(ns);
}
