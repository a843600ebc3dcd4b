// Small helpers over object metadata: cloning, freezing, owner references.
import type { KObject, OwnerReference } from './types';

/**
 * Deep clone of a JSON-shaped object (stored objects are frozen; clone before changing).
 * Hand-written because structuredClone is several times slower on plain JSON trees and this
 * runs on every API write.
 */
export function clone<T>(obj: T): T {
  return cloneValue(obj) as T;
}

function cloneValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = cloneValue(x);
  }
  return out;
}

/**
 * A copy of `v` for the store that shares what it can: a frozen subtree of `v` is taken as it
 * is (frozen values are immutable, and every frozen JSON tree here was frozen by the store), and
 * an unfrozen subtree equal to the one at the same place in `prev` (the stored previous
 * version) — same keys in the same order, same values — is replaced by that frozen one. Only
 * what changed is copied, with the same layout as clone() (fresh objects built key by key,
 * undefined properties dropped). Callers must treat the result as immutable and freeze it.
 */
export function cloneSharing<T>(v: T, prev: unknown): T {
  return share(v, prev) as T;
}

function share(v: unknown, prev: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v === prev || Object.isFrozen(v)) return v;
  const p = prev !== null && typeof prev === 'object' ? prev : undefined;
  if (p !== undefined && sameTree(v, p)) return p;
  if (Array.isArray(v)) {
    const pa = Array.isArray(p) ? (p as unknown[]) : undefined;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = share(v[i], pa?.[i]);
    return out;
  }
  const po = p !== undefined && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = share(x, po !== undefined && k !== '__proto__' ? po[k] : undefined);
  }
  return out;
}

/**
 * Whether clone(a) would be indistinguishable from `b`, a stored (frozen) tree: same values
 * (0 and -0 told apart), arrays of the same length, objects with the same defined keys in the
 * same order.
 */
function sameTree(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || a !== 0 || 1 / a === 1 / (b as number);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameTree(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const bk = Object.keys(b);
  let i = 0;
  for (const k in a as Record<string, unknown>) {
    const x = (a as Record<string, unknown>)[k];
    if (x === undefined) continue;
    if (k !== bk[i++] || k === '__proto__' || !sameTree(x, (b as Record<string, unknown>)[k])) return false;
  }
  return i === bk.length;
}

/** Freezes `obj` and everything under it; stops at parts already frozen (they are, deeply). */
export function deepFreeze<T>(obj: T): T {
  if (obj && typeof obj === 'object' && !Object.isFrozen(obj)) {
    Object.freeze(obj);
    if (Array.isArray(obj)) {
      for (let i = 0; i < obj.length; i++) deepFreeze(obj[i]);
    } else {
      // Own enumerable properties, as Object.values, without allocating the array.
      for (const k in obj) if (Object.prototype.hasOwnProperty.call(obj, k)) deepFreeze(obj[k]);
    }
  }
  return obj;
}

export function controllerRef(obj: KObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller);
}

export function nsName(obj: KObject): string {
  const m = obj.metadata ?? {};
  return m.namespace ? `${m.namespace}/${m.name}` : `${m.name ?? ''}`;
}

export function labelsOf(obj: KObject): Record<string, string> {
  return obj.metadata?.labels ?? {};
}
