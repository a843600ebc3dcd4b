// Shared informers: one list+watch per resource type, a local cache indexed by key and
// namespace, and add/update/delete handlers. Controllers read from the cache (listers) and
// write through the API, as client-go's SharedInformerFactory arranges.
// Models staging/src/k8s.io/client-go/tools/cache/shared_informer.go
import type { KObject } from '../api/types';
import type { ApiServer, WatchEvent } from '../apiserver/apiserver';
import type { ResourceType } from '../apiserver/resource-type';
import { resourceKey } from '../apiserver/resource-type';

export interface Handlers {
  add?(obj: KObject): void;
  update?(oldObj: KObject, newObj: KObject): void;
  delete?(obj: KObject): void;
}

export const objKey = (obj: KObject): string =>
  obj.metadata?.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : `${obj.metadata?.name}`;

export class Informer {
  private cache = new Map<string, KObject>();
  private byNs = new Map<string, Map<string, KObject>>();
  private handlers: Handlers[] = [];
  private indexes = new Map<string, { fn: (o: KObject) => string[]; map: Map<string, Map<string, KObject>> }>();
  private stop: (() => void) | undefined;

  constructor(private readonly api: ApiServer, readonly rt: ResourceType) {}

  start(): void {
    if (this.stop) return;
    const { items, resourceVersion } = this.api.list(this.rt, undefined);
    for (const o of items) this.put(o, objKey(o));
    this.stop = this.api.watch(this.rt, undefined, { resourceVersion }, (ev, key) => this.onEvent(ev, key ?? objKey(ev.object)));
  }

  /** Registers handlers; existing objects are replayed as adds, as client-go does. */
  addHandlers(h: Handlers): void {
    this.handlers.push(h);
    if (h.add) for (const o of this.cache.values()) h.add(o);
  }

  /** Adds an index: a function from object to index values. */
  addIndex(name: string, fn: (o: KObject) => string[]): void {
    const map = new Map<string, Map<string, KObject>>();
    this.indexes.set(name, { fn, map });
    for (const [k, o] of this.cache) for (const v of fn(o)) bucket(map, v).set(k, o);
  }

  byIndex(name: string, value: string): KObject[] {
    const idx = this.indexes.get(name);
    const m = idx?.map.get(value);
    return m ? [...m.values()] : [];
  }

  get(key: string): KObject | undefined {
    return this.cache.get(key);
  }

  getNs(ns: string | undefined, name: string): KObject | undefined {
    return this.cache.get(ns ? `${ns}/${name}` : name);
  }

  list(ns?: string): KObject[] {
    if (ns === undefined) return [...this.cache.values()];
    const m = this.byNs.get(ns);
    return m ? [...m.values()] : [];
  }

  size(): number {
    return this.cache.size;
  }

  /**
   * Caches `o` under `k`. Index values that are the same as the previous version's (the same
   * array, as the shared index functions return for unchanged inputs, or equal elements) only
   * get the new object in place: the object keeps its position in those buckets, as it does in
   * the cache and the namespace bucket (upstream indexers are unordered sets).
   */
  private put(o: KObject, k: string): KObject | undefined {
    const prev = this.cache.get(k);
    this.cache.set(k, o);
    bucket(this.byNs, o.metadata?.namespace ?? '').set(k, o);
    for (const { fn, map } of this.indexes.values()) {
      const now = fn(o);
      if (prev) {
        const before = fn(prev);
        if (before === now || sameValues(before, now)) {
          for (let i = 0; i < now.length; i++) map.get(now[i])?.set(k, o);
          continue;
        }
        for (const v of before) map.get(v)?.delete(k);
      }
      for (const v of now) bucket(map, v).set(k, o);
    }
    return prev;
  }

  private del(o: KObject, k: string): KObject | undefined {
    const prev = this.cache.get(k);
    if (!prev) return undefined;
    this.cache.delete(k);
    this.byNs.get(o.metadata?.namespace ?? '')?.delete(k);
    for (const { fn, map } of this.indexes.values()) for (const v of fn(prev)) map.get(v)?.delete(k);
    return prev;
  }

  private onEvent(ev: WatchEvent, k: string): void {
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED') {
      const prev = this.put(ev.object, k);
      for (const h of this.handlers) {
        if (prev) h.update?.(prev, ev.object);
        else h.add?.(ev.object);
      }
    } else if (ev.type === 'DELETED') {
      const prev = this.del(ev.object, k);
      if (prev) for (const h of this.handlers) h.delete?.(ev.object);
    }
  }
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function bucket<K, V>(m: Map<K, Map<string, V>>, k: K): Map<string, V> {
  let b = m.get(k);
  if (!b) {
    b = new Map();
    m.set(k, b);
  }
  return b;
}

export class InformerFactory {
  private informers = new Map<string, Informer>();
  constructor(private readonly api: ApiServer) {}

  for(plural: string, group = ''): Informer {
    const rt = this.api.mustResource(plural, group);
    const k = resourceKey(rt);
    let inf = this.informers.get(k);
    if (!inf) {
      inf = new Informer(this.api, rt);
      this.informers.set(k, inf);
      inf.start();
    }
    return inf;
  }
}
