// Events as controllers and kubelets record them: core/v1 Events named `<object>.<hex ns>`,
// aggregated by the correlator (same source, object, type, reason and message → count++ and
// a new lastTimestamp), expiring after one hour like the API server's --event-ttl.
// Kept small because there are several per pod: one bookkeeping record per Event, shared
// `source` objects, interned field paths and messages.
// Models staging/src/k8s.io/client-go/tools/record/{event.go,events_cache.go}
import type { KObject, Event } from '../api/types';
import { clone } from '../api/meta';
import { rfc3339 } from '../core/time';
import type { ApiServer } from '../apiserver/apiserver';
import { apiVersionOf } from '../apiserver/resource-type';
import { isApiError } from '../api/status';
import type { TaskHandle } from '../core/clock';

export interface EventSource {
  component: string;
  host?: string;
}

const EVENT_TTL_MS = 60 * 60 * 1000;

/**
 * One recorded Event: where it is, when it expires, and the correlation key it was recorded
 * under (source, involved object, field path, type, reason, message), as the strings the
 * Event itself holds. Records whose uid and message hash alike are chained through `next`.
 */
interface Recorded extends Key {
  ns: string;
  name: string;
  due: number;
  /** Still waiting for its expiry. */
  live: boolean;
  /** Still the one the key aggregates into. */
  indexed: boolean;
  next: Recorded | undefined;
  /** The joined key, only for keys whose parts contain the separator (see `exotic`). */
  joined: string | undefined;
}

const SEP = '\u0000';
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** The correlation key's parts, as Array.prototype.join would render them (undefined → ''). */
interface Key {
  component: string;
  host: string;
  kind: string;
  namespace: string;
  involvedName: string;
  uid: string;
  fieldPath: string;
  type: string;
  reason: string;
  message: string;
}

function joinKey(k: Key): string {
  return [k.component, k.host, k.kind, k.namespace, k.involvedName, k.uid, k.fieldPath, k.type, k.reason, k.message].join(SEP);
}

function hasSep(k: Key): boolean {
  return (
    k.message.includes(SEP) || k.reason.includes(SEP) || k.fieldPath.includes(SEP) || k.involvedName.includes(SEP) || k.uid.includes(SEP) ||
    k.namespace.includes(SEP) || k.kind.includes(SEP) || k.type.includes(SEP) || k.component.includes(SEP) || k.host.includes(SEP)
  );
}

function sameKey(r: Key, k: Key): boolean {
  return (
    r.message === k.message && r.reason === k.reason && r.fieldPath === k.fieldPath && r.type === k.type && r.involvedName === k.involvedName &&
    r.uid === k.uid && r.kind === k.kind && r.namespace === k.namespace && r.component === k.component && r.host === k.host
  );
}

/** FNV-1a over the uid and the message: spreads the records of one object and of one message. */
function bucketOf(k: Key): number {
  let h = 0x811c9dc5;
  const { uid, message } = k;
  for (let i = 0; i < uid.length; i++) h = Math.imul(h ^ uid.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xff, 0x01000193);
  for (let i = 0; i < message.length; i++) h = Math.imul(h ^ message.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** A flat copy of a string (template literals build ropes that keep their pieces alive). */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/**
 * Interns strings that recur across Events (field paths, short messages), in a bounded table.
 * Longer strings are mostly unique (pod names, durations): they are left as they are.
 */
class Interner {
  private table = new Map<string, string>();
  constructor(private readonly max: number, private readonly maxLength: number) {}
  get(s: string): string {
    if (s.length > this.maxLength) return s;
    const hit = this.table.get(s);
    if (hit !== undefined) return hit;
    if (this.table.size >= this.max) this.table.clear();
    const f = flat(s);
    this.table.set(f, f);
    return f;
  }
}

/**
 * `ms * 1e6 + extraNs` in hexadecimal (UnixNano of a virtual millisecond), exactly, without
 * BigInt in the common range.
 */
function nanoHex(ms: number, extraNs: number): string {
  if (!(Number.isInteger(ms) && ms >= 0 && ms < 2 ** 44 && Number.isInteger(extraNs) && extraNs >= 0 && extraNs < 2 ** 31)) {
    return (BigInt(ms) * 1_000_000n + BigInt(extraNs)).toString(16);
  }
  const hi = Math.floor(ms / 2 ** 32);
  const x = (ms - hi * 2 ** 32) * 1_000_000 + extraNs; // < 2^52: exact
  const carry = Math.floor(x / 2 ** 32);
  const lo = x - carry * 2 ** 32;
  const top = hi * 1_000_000 + carry;
  return top === 0 ? lo.toString(16) : top.toString(16) + lo.toString(16).padStart(8, '0');
}

export class EventRecorder {
  /** Records by bucketOf(key), chained. */
  private byBucket = new Map<number, Recorded>();
  /** Records whose key parts contain the separator, by joined key (the join is ambiguous there). */
  private exotic = new Map<string, Recorded>();
  private lastMs = -1;
  private sameMs = 0;
  /** Expiry deadlines in the order they were set, served by a single clock task. */
  private expiryRecords: Recorded[] = [];
  private expiryDues: number[] = [];
  private expiryHead = 0;
  private expiryTask: TaskHandle | undefined;
  private sources = new Map<string, Readonly<NonNullable<Event['source']>>>();
  private fieldPaths = new Interner(1024, 256);
  private messages = new Interner(4096, 48);

  constructor(private readonly api: ApiServer) {}

  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    const rt = obj.kind && obj.apiVersion ? this.api.typeFor(obj.apiVersion, obj.kind) : undefined;
    const ns = meta.namespace || 'default';
    const involvedNs = meta.namespace || undefined;
    const apiVersion = obj.apiVersion ?? (rt ? apiVersionOf(rt) : undefined);
    const fp = fieldPath ? this.fieldPaths.get(fieldPath) : undefined;
    const key: Key = {
      component: str(source.component),
      host: str(source.host ?? ''),
      kind: str(obj.kind),
      namespace: str(involvedNs),
      involvedName: str(meta.name),
      uid: str(meta.uid),
      fieldPath: fp ?? '',
      type: str(type),
      reason: str(reason),
      message: str(message),
    };
    const joined = hasSep(key) ? joinKey(key) : undefined;
    const evType = this.api.mustResource('events');
    const now = this.api.clock.now();
    const existing = this.find(key, joined);
    try {
      if (existing) {
        const cur = this.api.tryGet(evType, existing.ns, existing.name) as Event | undefined;
        if (cur) {
          const next = clone(cur);
          next.count = (cur.count ?? 1) + 1;
          next.lastTimestamp = rfc3339(now);
          this.api.update(evType, existing.ns, existing.name, next as unknown as KObject);
          this.expireLater(existing, now);
          return;
        }
      }
      // `<name>.<UnixNano in hex>`; virtual time has millisecond steps, so events recorded in
      // the same millisecond get distinct nanoseconds, as they would on a real clock.
      if (now === this.lastMs) this.sameMs++;
      else {
        this.lastMs = now;
        this.sameMs = 0;
      }
      const name = [`${meta.name}`, '.', nanoHex(now, this.sameMs * 1000)].join('');
      const msg = this.messages.get(message);
      const ts = rfc3339(now);
      // Built as literals with exactly the fields the API would keep (no undefined ones), so
      // the store keeps these objects as they are (createOwned).
      const ev = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: involvedObject(obj.kind, involvedNs, meta.name, meta.uid, apiVersion, meta.resourceVersion, fp),
        reason,
        message: msg,
        source: this.source(source),
        firstTimestamp: ts,
        lastTimestamp: ts,
        count: 1,
        type,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      const created = this.api.createOwned(evType, ns, ev as unknown as KObject);
      const rec: Recorded = {
        ns,
        name: created.metadata?.name ?? name,
        due: 0,
        live: false,
        indexed: false,
        next: undefined,
        component: key.component,
        host: key.host,
        kind: key.kind,
        namespace: key.namespace,
        involvedName: key.involvedName,
        uid: key.uid,
        fieldPath: key.fieldPath,
        type: key.type,
        reason: key.reason,
        message: msg,
        joined,
      };
      if (existing) this.unindex(existing);
      this.index(rec);
      this.expireLater(rec, now);
    } catch (e) {
      // Events are best effort, as in client-go: a failure to record never fails the caller.
      if (!isApiError(e)) throw e;
    }
  }

  /** One frozen `source` per component and host, shared by their Events. */
  private source(s: EventSource): Readonly<NonNullable<Event['source']>> {
    const k = s.host ? `${s.component}${SEP}${s.host}` : s.component;
    let src = this.sources.get(k);
    if (!src) {
      src = Object.freeze(s.host ? { component: s.component, host: s.host } : { component: s.component });
      this.sources.set(k, src);
    }
    return src;
  }

  private find(key: Key, joined: string | undefined): Recorded | undefined {
    if (joined !== undefined) return this.exotic.get(joined);
    for (let r = this.byBucket.get(bucketOf(key)); r; r = r.next) if (sameKey(r, key)) return r;
    return undefined;
  }

  private index(r: Recorded): void {
    r.indexed = true;
    if (r.joined !== undefined) {
      this.exotic.set(r.joined, r);
      return;
    }
    const b = bucketOf(r);
    r.next = this.byBucket.get(b);
    this.byBucket.set(b, r);
  }

  private unindex(r: Recorded): void {
    if (!r.indexed) return;
    r.indexed = false;
    if (r.joined !== undefined) {
      if (this.exotic.get(r.joined) === r) this.exotic.delete(r.joined);
      return;
    }
    const b = bucketOf(r);
    let head = this.byBucket.get(b);
    if (head === r) head = r.next;
    else for (let p = head; p; p = p.next) if (p.next === r) p.next = r.next;
    if (head) this.byBucket.set(b, head);
    else this.byBucket.delete(b);
    r.next = undefined;
  }

  /**
   * Events expire an hour after their last write, like the API server's --event-ttl lease.
   * Deadlines only grow and arrive in order, so one FIFO and one clock task serve them all.
   */
  private expireLater(r: Recorded, now: number): void {
    const due = now + EVENT_TTL_MS;
    r.due = due;
    r.live = true;
    this.expiryRecords.push(r);
    this.expiryDues.push(due);
    if (!this.expiryTask) this.expiryTask = this.api.clock.schedule(EVENT_TTL_MS, () => this.expire(), 'event-ttl');
  }

  private expire(): void {
    this.expiryTask = undefined;
    const now = this.api.clock.now();
    const evType = this.api.mustResource('events');
    const recs = this.expiryRecords;
    const dues = this.expiryDues;
    while (this.expiryHead < recs.length && dues[this.expiryHead] <= now) {
      const r = recs[this.expiryHead++];
      if (!r.live || r.due > now) continue;
      r.live = false;
      this.unindex(r);
      try {
        this.api.delete(evType, r.ns, r.name);
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > recs.length) {
      this.expiryRecords = recs.slice(this.expiryHead);
      this.expiryDues = dues.slice(this.expiryHead);
      this.expiryHead = 0;
    }
    if (this.expiryHead < this.expiryRecords.length) {
      this.expiryTask = this.api.clock.schedule(this.expiryDues[this.expiryHead] - now, () => this.expire(), 'event-ttl');
    }
  }
}

/**
 * The involvedObject reference as the API would store it (absent fields left out), frozen so
 * the store shares it; object literals for the usual shapes keep it compact.
 */
function involvedObject(
  kind: string | undefined,
  namespace: string | undefined,
  name: string | undefined,
  uid: string | undefined,
  apiVersion: string | undefined,
  resourceVersion: string | undefined,
  fieldPath: string | undefined,
): NonNullable<Event['involvedObject']> {
  if (kind !== undefined && name !== undefined && uid !== undefined && apiVersion !== undefined && resourceVersion !== undefined) {
    if (namespace !== undefined) {
      return Object.freeze(fieldPath ? { kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath } : { kind, namespace, name, uid, apiVersion, resourceVersion });
    }
    return Object.freeze(fieldPath ? { kind, name, uid, apiVersion, resourceVersion, fieldPath } : { kind, name, uid, apiVersion, resourceVersion });
  }
  const o: Record<string, string> = {};
  if (kind !== undefined) o.kind = kind;
  if (namespace !== undefined) o.namespace = namespace;
  if (name !== undefined) o.name = name;
  if (uid !== undefined) o.uid = uid;
  if (apiVersion !== undefined) o.apiVersion = apiVersion;
  if (resourceVersion !== undefined) o.resourceVersion = resourceVersion;
  if (fieldPath) o.fieldPath = fieldPath;
  return Object.freeze(o) as NonNullable<Event['involvedObject']>;
}
