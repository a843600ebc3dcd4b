// Small helpers over object metadata: cloning, freezing, owner references.
import type { KObject, OwnerReference } from './types';

/** Deep clone of a JSON-shaped object (stored objects are frozen; clone before changing). */
export function clone<T>(obj: T): T {
  return structuredClone(obj);
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
