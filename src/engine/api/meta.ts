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

export function deepFreeze<T>(obj: T): T {
  if (obj && typeof obj === 'object' && !Object.isFrozen(obj)) {
    Object.freeze(obj);
    for (const v of Object.values(obj as object)) deepFreeze(v);
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
