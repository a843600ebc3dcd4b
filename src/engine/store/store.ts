// An etcd-like MVCC store: one global revision per write, per-resource ordered history,
// watches that replay from any revision still in the history window and then follow
// live writes, compaction with `410 Gone` for revisions older than the window.
// Watch delivery is scheduled on the virtual clock (never inside the writer's call stack),
// in batches: one clock task delivers every write made since the last delivery.
// SIMPLIFICATION: no leases/TTLs and no transactions beyond single-key compare-and-swap,
// which the API server performs before calling commit.
import type { VirtualClock } from '../core/clock';
import { clone, cloneSharing, deepFreeze, definedKeys, plainObject, SubtreeInterner } from '../api/meta';
import type { KObject } from '../api/types';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  resource: string;
  key: string;
  object: KObject;
  prevObject?: KObject;
  rev: number;
}

export type WatchHandler = (ev: StoreEvent) => void;

interface Watcher {
  resource: string;
  lastRev: number;
  handler: WatchHandler;
  closed: boolean;
}

export class CompactedError extends Error {
  constructor(readonly requested: number, readonly compacted: number) {
    super(`too old resource version: ${requested} (${compacted})`);
  }
}

export interface StoreOptions {
  /** Events kept in history across all resources before automatic compaction. */
  historyLimit?: number;
}

export class Store {
  private data = new Map<string, ResourceBucket>();
  private history = new Map<string, StoreEvent[]>();
  private historySize = 0;
  private watchers = new Map<string, Set<Watcher>>();
  private dirty = new Set<string>();
  private flushScheduled = false;
  private readonly historyLimit: number;
  /** Small copied subtrees shared between this store's objects (cloneSharing). */
  private readonly interner = new SubtreeInterner();
  rev: number;
  compactedRev: number;

  constructor(private readonly clock: VirtualClock, opts: StoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 5_000;
    this.rev = 1;
    this.compactedRev = 1;
  }

  private bucket(resource: string): ResourceBucket {
    let b = this.data.get(resource);
    if (!b) {
      b = new ResourceBucket();
      this.data.set(resource, b);
    }
    return b;
  }

  get(resource: string, key: string): KObject | undefined {
    const b = this.data.get(resource);
    if (!b) return undefined;
    const i = key.indexOf('/');
    return i < 0 ? b.byNs.get(undefined)?.m.get(key) : b.byNs.get(key.slice(0, i))?.m.get(key.slice(i + 1));
  }

  count(resource: string): number {
    return this.data.get(resource)?.size ?? 0;
  }

  /** Objects of a resource in key order (namespace/name), optionally under a key prefix. */
  list(resource: string, prefix?: string): KObject[] {
    const b = this.data.get(resource);
    if (!b) return [];
    const out: KObject[] = [];
    if (prefix !== undefined) {
      const slash = prefix.indexOf('/');
      if (slash === prefix.length - 1) {
        // `ns/`: exactly one namespace (keys without a slash never start with it).
        b.byNs.get(prefix.slice(0, slash))?.pushSorted(out);
        return out;
      }
      for (const [k, o] of b.sortedEntries()) if (k.startsWith(prefix)) out.push(o);
      return out;
    }
    if (b.byNs.has(undefined) && b.byNs.size > 1) {
      for (const e of b.sortedEntries()) out.push(e[1]);
      return out;
    }
    for (const nb of b.nsOrder()) nb.pushSorted(out);
    return out;
  }

  /** Iterates objects without sorting (for controllers' full resyncs and counters). */
  *values(resource: string): IterableIterator<KObject> {
    const b = this.data.get(resource);
    if (b) for (const nb of b.byNs.values()) yield* nb.m.values();
  }

  /**
   * Writes a frozen copy of `input` under a new revision and returns the copy.
   * The caller has already done admission and the compare-and-swap check.
   * `owned`: the caller built `input` for this write (a plain object literal, not spread, with
   * a plain metadata object and no undefined properties) and hands it over: its root and
   * metadata are kept (frozen) instead of copied. Anything else is copied as usual.
   */
  put(resource: string, key: string, input: KObject, owned = false): KObject {
    const b = this.bucket(resource);
    const i = key.indexOf('/');
    const ns = i < 0 ? undefined : key.slice(0, i);
    const name = i < 0 ? key : key.slice(i + 1);
    let nb = b.byNs.get(ns);
    const prev = nb?.m.get(name);
    const rev = ++this.rev;
    // A fresh copy: objects built with spreads get per-object hidden classes once frozen
    // (~180 bytes each in V8); a plain copy shares them. Also guards against callers that
    // keep mutating what they passed in. Subtrees that did not change since `prev` (or that
    // are already frozen) are shared instead of copied: less to copy, freeze and keep.
    const obj = (owned && adoptRoot(input, prev, this.interner)) || freshRoot(input, prev, this.interner);
    obj.metadata.resourceVersion = String(rev);
    // The bucket's key for the object is its metadata.name string itself (one string, not a
    // `namespace/name` key plus the name): an update keeps the string the bucket already holds.
    const mn = obj.metadata.name;
    let nameKey = name;
    if (prev) {
      if (mn === name) obj.metadata.name = prev.metadata?.name === name ? prev.metadata.name : mn;
    } else {
      if (mn === name) nameKey = mn;
      if (!nb) {
        nb = new NsBucket(ns);
        b.byNs.set(ns, nb);
        b.order = null;
      }
      nb.sorted = null;
      b.size++;
    }
    deepFreeze(obj);
    (nb as NsBucket).m.set(nameKey, obj);
    this.record({ type: prev ? 'MODIFIED' : 'ADDED', resource, key, object: obj, prevObject: prev, rev });
    return obj;
  }

  remove(resource: string, key: string): KObject | undefined {
    const b = this.data.get(resource);
    const i = key.indexOf('/');
    const ns = i < 0 ? undefined : key.slice(0, i);
    const name = i < 0 ? key : key.slice(i + 1);
    const nb = b?.byNs.get(ns);
    const prev = nb?.m.get(name);
    if (!b || !nb || !prev) return undefined;
    const rev = ++this.rev;
    nb.m.delete(name);
    nb.sorted = null;
    b.size--;
    if (!nb.m.size) {
      b.byNs.delete(ns);
      b.order = null;
    }
    // The DELETED event carries the last state with the deletion's revision, as etcd3 watch does.
    // Copied key by key (not spread) so the frozen copy shares V8 hidden classes.
    const last = freshRoot(prev, prev, this.interner);
    last.metadata.resourceVersion = String(rev);
    deepFreeze(last);
    this.record({ type: 'DELETED', resource, key, object: last, prevObject: prev, rev });
    return last;
  }

  private record(ev: StoreEvent): void {
    let h = this.history.get(ev.resource);
    if (!h) {
      h = [];
      this.history.set(ev.resource, h);
    }
    h.push(ev);
    this.historySize++;
    if (this.watchers.get(ev.resource)?.size) {
      this.dirty.add(ev.resource);
      this.scheduleFlush();
    }
    if (this.historySize > this.historyLimit && !this.flushScheduled) this.scheduleFlush();
  }

  /**
   * Watches `resource` for events after `fromRev`. Events are delivered on the clock, in
   * revision order. Throws CompactedError when fromRev is older than the history window.
   */
  watch(resource: string, fromRev: number, handler: WatchHandler): () => void {
    if (fromRev < this.compactedRev) throw new CompactedError(fromRev, this.compactedRev);
    const w: Watcher = { resource, lastRev: fromRev, handler, closed: false };
    let set = this.watchers.get(resource);
    if (!set) {
      set = new Set();
      this.watchers.set(resource, set);
    }
    set.add(w);
    if (fromRev < this.rev) {
      this.dirty.add(resource);
      this.scheduleFlush();
    }
    return () => {
      w.closed = true;
      set.delete(w);
    };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.clock.schedule(0, () => this.flush(), 'store:watch-dispatch');
  }

  /** Delivers pending events to watchers; then compacts if the history is over its limit. */
  flush(): void {
    this.flushScheduled = false;
    // Deliver until quiescent for the resources dirty now; handlers' writes schedule a new flush.
    const resources = [...this.dirty];
    this.dirty.clear();
    for (const resource of resources) {
      const set = this.watchers.get(resource);
      const h = this.history.get(resource);
      if (!set || !h || !h.length) continue;
      const upTo = h[h.length - 1].rev;
      for (const w of [...set]) {
        if (w.closed || w.lastRev >= upTo) continue;
        let i = firstAfter(h, w.lastRev);
        while (i < h.length && h[i].rev <= upTo && !w.closed) {
          const ev = h[i++];
          w.lastRev = ev.rev;
          w.handler(ev);
        }
      }
    }
    if (this.historySize > this.historyLimit) this.compact(this.revisionKeeping(Math.floor(this.historyLimit / 2)));
  }

  /**
   * The revision below which compaction keeps `keep` most recent events, never past events a
   * watcher has not received yet. Only resources with undelivered events (the dirty ones) can
   * hold it back: a watcher on a quiet resource has seen everything of its resource.
   */
  private revisionKeeping(keep: number): number {
    let minWatcherRev = this.rev;
    for (const resource of this.dirty) {
      for (const w of this.watchers.get(resource) ?? []) minWatcherRev = Math.min(minWatcherRev, w.lastRev);
    }
    return Math.min(minWatcherRev, this.rev - keep);
  }

  /** Drops history at or below `rev`; later watches from there get 410 Gone. */
  compact(rev: number): void {
    if (rev <= this.compactedRev) return;
    this.compactedRev = Math.min(rev, this.rev);
    let size = 0;
    for (const [res, h] of this.history) {
      const i = firstAfter(h, this.compactedRev);
      if (i > 0) h.splice(0, i);
      if (!h.length) this.history.delete(res);
      size += h.length;
    }
    this.historySize = size;
  }

  /** Number of live objects across all resources. */
  size(): number {
    let n = 0;
    for (const b of this.data.values()) n += b.size;
    return n;
  }

  /** All data, for snapshots (persistence, the UI's initial state). */
  dump(): { rev: number; resources: Record<string, KObject[]> } {
    const resources: Record<string, KObject[]> = {};
    for (const res of this.data.keys()) resources[res] = this.list(res);
    return { rev: this.rev, resources };
  }

  /**
   * Replaces all data with a dump() taken earlier (restoring a snapshot), before anything
   * watches. There is no history: watches from older revisions get 410 Gone, as after a
   * compaction at the dump's revision.
   */
  load(d: { rev: number; resources: Record<string, KObject[]> }): void {
    this.data.clear();
    this.history.clear();
    this.historySize = 0;
    for (const [res, items] of Object.entries(d.resources)) {
      const b = this.bucket(res);
      for (const o of items) {
        const ns = o.metadata?.namespace || undefined;
        let nb = b.byNs.get(ns);
        if (!nb) {
          nb = new NsBucket(ns);
          b.byNs.set(ns, nb);
        }
        const name = o.metadata?.name ?? '';
        if (!nb.m.has(name)) b.size++;
        nb.m.set(name, deepFreeze(o));
      }
    }
    this.rev = d.rev;
    this.compactedRev = d.rev;
  }
}

/**
 * One resource's objects: a map per namespace, keyed by name, so that the bucket holds no
 * `namespace/name` key strings (the name key is the stored object's metadata.name). Keys
 * without a slash (cluster-scoped) live under the `undefined` namespace.
 */
class ResourceBucket {
  readonly byNs = new Map<string | undefined, NsBucket>();
  size = 0;
  /** Namespace buckets in key order; null when a namespace came or went. */
  order: NsBucket[] | null = null;

  nsOrder(): NsBucket[] {
    // `a/x` sorts against `a-b/y` as `a/` against `a-b/`: compare namespaces with their slash.
    this.order ??= [...this.byNs.values()].sort((x, y) => {
      const a = x.ns === undefined ? '' : `${x.ns}/`;
      const b = y.ns === undefined ? '' : `${y.ns}/`;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    return this.order;
  }

  /** Every (key, object) in key order: the general path (odd prefixes, mixed key forms). */
  sortedEntries(): [string, KObject][] {
    const all: [string, KObject][] = [];
    for (const nb of this.byNs.values()) for (const [name, o] of nb.m) all.push([nb.ns === undefined ? name : `${nb.ns}/${name}`, o]);
    return all.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  }
}

class NsBucket {
  readonly m = new Map<string, KObject>();
  /** Names in order; null when a name came or went. */
  sorted: string[] | null = null;
  constructor(readonly ns: string | undefined) {}

  pushSorted(out: KObject[]): void {
    this.sorted ??= [...this.m.keys()].sort();
    for (const k of this.sorted) out.push(this.m.get(k) as KObject);
  }
}

/**
 * The object to store for `input`: a new root and a new metadata (both get written), every
 * other part shared with `prev` where unchanged (cloneSharing). Keys keep their order and
 * undefined properties are dropped, as clone() does.
 */
function freshRoot(input: KObject, prev: KObject | undefined, t: SubtreeInterner): KObject & { metadata: Record<string, unknown> } {
  const out = plainObject(definedKeys(input) + ((input as { metadata?: unknown }).metadata === undefined ? 1 : 0));
  const p = prev as Record<string, unknown> | undefined;
  for (const k in input as Record<string, unknown>) {
    const x = (input as Record<string, unknown>)[k];
    if (x === undefined) continue;
    if (k === 'metadata') out.metadata = freshMeta(x, p?.metadata, t);
    else out[k] = cloneSharing(x, k === '__proto__' ? undefined : p?.[k], t);
  }
  out.metadata ??= {};
  return out as KObject & { metadata: Record<string, unknown> };
}

/**
 * An owned input made storable in place: its root and metadata stay, their unfrozen children
 * are replaced by shared copies (cloneSharing). Undefined when it does not qualify (not plain
 * objects, frozen, undefined properties), so that the caller copies it instead.
 */
function adoptRoot(input: KObject, prev: KObject | undefined, t: SubtreeInterner): (KObject & { metadata: Record<string, unknown> }) | undefined {
  const meta = input.metadata as unknown;
  if (!isAdoptable(input) || !isAdoptable(meta)) return undefined;
  adoptChildren(input as Record<string, unknown>, prev as Record<string, unknown> | undefined, 'metadata', t);
  adoptChildren(meta as Record<string, unknown>, prev?.metadata as Record<string, unknown> | undefined, undefined, t);
  return input as KObject & { metadata: Record<string, unknown> };
}

function isAdoptable(o: unknown): boolean {
  if (o === null || typeof o !== 'object' || Array.isArray(o) || Object.isFrozen(o) || Object.getPrototypeOf(o) !== Object.prototype) return false;
  for (const k in o as Record<string, unknown>) {
    if ((o as Record<string, unknown>)[k] === undefined || !Object.prototype.hasOwnProperty.call(o, k) || k === '__proto__') return false;
  }
  return true;
}

function adoptChildren(o: Record<string, unknown>, prev: Record<string, unknown> | undefined, skip: string | undefined, t: SubtreeInterner): void {
  for (const k in o) {
    if (k === skip) continue;
    const x = o[k];
    if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) o[k] = cloneSharing(x, prev?.[k], t);
  }
}

function freshMeta(meta: unknown, prev: unknown, t: SubtreeInterner): unknown {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return clone(meta);
  const p = prev !== null && typeof prev === 'object' && !Array.isArray(prev) ? (prev as Record<string, unknown>) : undefined;
  // Room for the resourceVersion put() sets afterwards, when the input has none.
  const out = plainObject(definedKeys(meta) + ((meta as { resourceVersion?: unknown }).resourceVersion === undefined ? 1 : 0));
  for (const k in meta as Record<string, unknown>) {
    const x = (meta as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = cloneSharing(x, p !== undefined && k !== '__proto__' ? p[k] : undefined, t);
  }
  return out;
}

function firstAfter(h: StoreEvent[], rev: number): number {
  let lo = 0;
  let hi = h.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (h[mid].rev <= rev) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
