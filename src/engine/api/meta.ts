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
 * undefined properties dropped). Small copied subtrees are also interned (see `intern`): one
 * frozen instance serves every object that holds an equal subtree (the defaulted parts of pod
 * specs, conditions, owner references, label sets). Callers must treat the result as
 * immutable and freeze it.
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
    return intern(out);
  }
  const po = p !== undefined && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
  const out: Record<string, unknown> = {};
  let plain = true;
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (k === '__proto__') plain = false;
    if (x !== undefined) out[k] = share(x, po !== undefined && k !== '__proto__' ? po[k] : undefined);
  }
  // An own `__proto__` key (from JSON.parse) became the copy's prototype: leave such copies alone.
  return plain ? intern(out) : out;
}

// ---------------------------------------------------------------- interning of small subtrees
//
// A direct-mapped table of frozen subtrees by a structural hash. A freshly copied object or
// array whose children are all primitives or frozen (so: interned or shared already) is looked
// up by its hash; an equal one found there (same keys in the same order, identical values) is
// returned instead of the copy. A slot that served hits lately is kept from one-off copies (a
// miss only wears its credit down), so the recurring subtrees stay put while unique ones (a
// pod's status, its container IDs) pass through. Collisions and evictions only cost sharing,
// never correctness. Large or deep subtrees are not hashed (budget), so the cost per write
// stays proportional to what the write copied.

const INTERN_SLOTS = 16384; // power of two
const internTable: (object | undefined)[] = new Array<object | undefined>(INTERN_SLOTS).fill(undefined);
const internCredit = new Uint8Array(INTERN_SLOTS);
const MAX_CREDIT = 4;
/** At most this many keys (or elements) in an interned node, and nodes hashed per lookup. */
const INTERN_MAX_KEYS = 24;
const HASH_BUDGET = 48;
let budget = 0;
const NO_HASH = -1;

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193);
}

/** Strings up to 32 characters are hashed whole, longer ones by length and 32 sampled characters. */
function hashStr(h: number, s: string): number {
  const n = s.length;
  h = mix(h, n);
  if (n <= 32) {
    for (let i = 0; i < n; i++) h = mix(h, s.charCodeAt(i));
  } else {
    const step = n / 32;
    for (let i = 0; i < 32; i++) h = mix(h, s.charCodeAt(Math.floor(i * step)));
    h = mix(h, s.charCodeAt(n - 1));
  }
  return h;
}

/** Hash of a value inside a candidate; NO_HASH when it cannot be part of an interned node. */
function hashValue(x: unknown): number {
  switch (typeof x) {
    case 'string':
      return hashStr(0x3b, x) & 0x7fffffff;
    case 'number':
      if (x === 0) return 1 / x > 0 ? 0x4e0 : 0x4e1;
      return mix(0x4e, (x | 0) ^ Math.floor(x / 4294967296) ^ Math.floor((x % 1) * 65536)) & 0x7fffffff;
    case 'boolean':
      return x ? 0x5a1 : 0x5a2;
    case 'object':
      if (x === null) return 0x5a3;
      return Object.isFrozen(x) ? hashNode(x) : NO_HASH;
    default:
      return NO_HASH;
  }
}

function hashNode(o: object): number {
  if (--budget < 0) return NO_HASH;
  let h = 0x811c9dc5;
  if (Array.isArray(o)) {
    if (o.length > INTERN_MAX_KEYS) return NO_HASH;
    h = mix(h, 0x61);
    for (let i = 0; i < o.length; i++) {
      const c = hashValue(o[i]);
      if (c === NO_HASH) return NO_HASH;
      h = mix(h, c);
    }
  } else {
    let n = 0;
    for (const k in o) {
      if (++n > INTERN_MAX_KEYS || k === '__proto__') return NO_HASH;
      const c = hashValue((o as Record<string, unknown>)[k]);
      if (c === NO_HASH) return NO_HASH;
      h = mix(hashStr(h, k), c);
    }
  }
  return h & 0x7fffffff;
}

/** Same keys in the same order with identical values (0 and -0 told apart). */
function sameShallow(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!identical(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const bk = Object.keys(b);
  let i = 0;
  for (const k in a) {
    if (k !== bk[i++] || !identical((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return i === bk.length;
}

function identical(x: unknown, y: unknown): boolean {
  return x === y && (typeof x !== 'number' || x !== 0 || 1 / x === 1 / (y as number));
}

/** The interned (frozen) equal of `out`, a fresh copy whose children went through share(). */
function intern(out: object): object {
  budget = HASH_BUDGET;
  // The node itself is not frozen yet: hash it as if it were.
  let h = 0x811c9dc5;
  if (Array.isArray(out)) {
    if (out.length > INTERN_MAX_KEYS) return out;
    h = mix(h, 0x61);
    for (let i = 0; i < out.length; i++) {
      const c = hashValue(out[i]);
      if (c === NO_HASH) return out;
      h = mix(h, c);
    }
  } else {
    let n = 0;
    for (const k in out) {
      if (++n > INTERN_MAX_KEYS || k === '__proto__') return out;
      const c = hashValue((out as Record<string, unknown>)[k]);
      if (c === NO_HASH) return out;
      h = mix(hashStr(h, k), c);
    }
  }
  const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
  const hit = internTable[slot];
  if (hit !== undefined) {
    if (sameShallow(out, hit)) {
      if (internCredit[slot] < MAX_CREDIT) internCredit[slot]++;
      return hit;
    }
    if (internCredit[slot] > 0) {
      internCredit[slot]--;
      return out;
    }
  }
  internTable[slot] = Object.freeze(out);
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
