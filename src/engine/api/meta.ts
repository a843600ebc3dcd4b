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

/** The number of keys of `o` with a defined value (what clone() keeps). */
export function definedKeys(o: object): number {
  let n = 0;
  for (const k in o) if ((o as Record<string, unknown>)[k] !== undefined) n++;
  return n;
}

type PlainCtor = new () => Record<string, unknown>;

/**
 * Constructors of plain objects (prototype Object.prototype, like `{}`), one per key count.
 * V8 gives `{}` room for 4 properties inside the object and moves the rest to a separate
 * property array (16 bytes more, plus unused slack); objects made by a constructor get their
 * room from what the constructor's first instances used (slack tracking). One constructor per
 * key count therefore makes copies that hold every property inside the object. Up to about 10
 * properties fit so; bigger objects share one constructor and spill only the rest.
 */
const PLAIN_INLINE = 10;
const plainCtors: PlainCtor[] = [];
for (let i = 0; i <= PLAIN_INLINE + 1; i++) {
  const C = function () {} as unknown as PlainCtor & { prototype: object };
  C.prototype = Object.prototype;
  plainCtors.push(C);
}

/** A new empty plain object that will receive `n` properties (see plainCtors). */
export function plainObject(n: number): Record<string, unknown> {
  return n === 0 ? {} : new plainCtors[n <= PLAIN_INLINE ? n : PLAIN_INLINE + 1]();
}

function cloneValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = cloneValue(v[i]);
    return out;
  }
  const out = plainObject(definedKeys(v));
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
export function cloneSharing<T>(v: T, prev: unknown, interner: SubtreeInterner): T {
  return share(v, prev, interner) as T;
}

function share(v: unknown, prev: unknown, t: SubtreeInterner): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v === prev || Object.isFrozen(v)) {
    sharedHash = t.knownHash.get(v) ?? NO_HASH;
    return v;
  }
  const p = prev !== null && typeof prev === 'object' ? prev : undefined;
  if (p !== undefined && sameTree(v, p)) {
    sharedHash = t.knownHash.get(p) ?? NO_HASH;
    return p;
  }
  if (Array.isArray(v)) {
    const pa = Array.isArray(p) ? (p as unknown[]) : undefined;
    const out = new Array(v.length);
    let h = v.length <= INTERN_MAX_KEYS ? mix(0x61, v.length) : NO_HASH;
    for (let i = 0; i < v.length; i++) {
      const y = share(v[i], pa?.[i], t);
      out[i] = y;
      if (h !== NO_HASH) h = mixChild(h, y);
    }
    return t.intern(out, h);
  }
  const po = p !== undefined && !Array.isArray(p) ? (p as Record<string, unknown>) : undefined;
  const out = plainObject(definedKeys(v));
  let h = 0x6f;
  let n = 0;
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined) continue;
    // An own `__proto__` key (from JSON.parse) becomes the copy's prototype: no interning then.
    const y = share(x, po !== undefined && k !== '__proto__' ? po[k] : undefined, t);
    out[k] = y;
    if (h !== NO_HASH) h = ++n > INTERN_MAX_KEYS || k === '__proto__' ? NO_HASH : mixChild(mix(h, k.length | (k.charCodeAt(0) << 8) | (k.charCodeAt(k.length - 1) << 16)), y);
  }
  return t.intern(out, h);
}

// ---------------------------------------------------------------- interning of small subtrees
//
// A direct-mapped table of frozen subtrees by a structural hash. A freshly copied object or
// array whose children are all primitives or subtrees with a known hash (interned in this copy,
// or interned earlier and found again since) is looked up by its hash; an equal one found there
// (same keys in the same order, identical values) is returned instead of the copy. Hashes are
// computed bottom-up while copying, so no subtree is hashed twice. A slot that served hits
// lately is kept from one-off copies (a miss only wears its credit down), so the recurring
// subtrees stay put while unique ones (a pod's status, its container IDs) pass through.
// Collisions and evictions only cost sharing, never correctness.

// One table per store (per cluster): a dropped cluster takes its table with it, and clusters
// in one process (tests, the worker's reset) never share frozen subtrees through it.

const INTERN_SLOTS = 16384; // power of two
const MAX_CREDIT = 4;
/** At most this many keys (or elements) in an interned node. */
const INTERN_MAX_KEYS = 24;
const NO_HASH = -1;
/** The hash of the object the last share() call returned (NO_HASH: unknown). */
let sharedHash = NO_HASH;

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193) >>> 1;
}

/** Short strings are hashed whole; longer ones by length, 8 sampled characters and the last 6. */
function hashStr(s: string): number {
  const n = s.length;
  let h = mix(0x3b, n);
  if (n <= 12) {
    for (let i = 0; i < n; i++) h = mix(h, s.charCodeAt(i));
    return h;
  }
  const step = (n - 6) >> 3;
  for (let i = 0; i < 8; i++) h = mix(h, s.charCodeAt(i * step));
  for (let i = n - 6; i < n; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/** Adds child `y` (just returned by share()) to hash `h`. */
function mixChild(h: number, y: unknown): number {
  switch (typeof y) {
    case 'string':
      return mix(h, hashStr(y));
    case 'number':
      if (y === 0) return mix(h, 1 / y > 0 ? 0x4e0 : 0x4e1);
      return mix(h, (y | 0) ^ Math.floor(y / 4294967296) ^ Math.floor((y % 1) * 65536));
    case 'boolean':
      return mix(h, y ? 0x5a1 : 0x5a2);
    case 'object':
      if (y === null) return mix(h, 0x5a3);
      return sharedHash === NO_HASH ? NO_HASH : mix(h, sharedHash);
    default:
      return NO_HASH;
  }
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

/** The table of interned subtrees that cloneSharing() consults (see above); the store owns one. */
export class SubtreeInterner {
  private readonly table: (object | undefined)[] = new Array<object | undefined>(INTERN_SLOTS).fill(undefined);
  private readonly credit = new Uint8Array(INTERN_SLOTS);
  /** Hashes of interned subtrees that were found again at least once (few: the shared ones). */
  readonly knownHash = new WeakMap<object, number>();

  /** The interned (frozen) equal of `out`, a fresh copy with structural hash `h`; sets sharedHash. */
  intern(out: object, h: number): object {
    sharedHash = NO_HASH;
    if (h === NO_HASH) return out;
    let x = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
    const slot = (x ^ (x >>> 16)) & (INTERN_SLOTS - 1);
    const hit = this.table[slot];
    if (hit !== undefined) {
      if (sameShallow(out, hit)) {
        if (this.credit[slot] === 0) this.knownHash.set(hit, h);
        if (this.credit[slot] < MAX_CREDIT) this.credit[slot]++;
        sharedHash = h;
        return hit;
      }
      if (this.credit[slot] > 0) {
        this.credit[slot]--;
        return out;
      }
    }
    this.table[slot] = Object.freeze(out);
    sharedHash = h;
    return out;
  }
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
