// Events as controllers and kubelets record them: core/v1 Events named `<object>.<hex ns>`,
// aggregated by the correlator (same source, object, type, reason and message → count++ and
// a new lastTimestamp), expiring after one hour like the API server's --event-ttl.
// Kept small because there are several per pod: bookkeeping in flat arrays (a record id per
// Event that reads its correlation key from the Event itself), shared `source` objects, shared
// `involvedObject` references between consecutive Events of an object, interned field paths
// and messages.
// Models staging/src/k8s.io/client-go/tools/record/{event.go,events_cache.go}
import type { KObject, Event } from '../api/types';
import { clone } from '../api/meta';
import { rfc3339 } from '../core/time';
import type { ApiServer } from '../apiserver/apiserver';
import { isApiError } from '../api/status';
import type { TaskHandle } from '../core/clock';

export interface EventSource {
  component: string;
  host?: string;
}

const EVENT_TTL_MS = 60 * 60 * 1000;

/*
 * The bookkeeping, kept in flat arrays rather than one object per Event: every recorded Event
 * gets a record id; by id, `evs` holds the Event as this recorder created it (its correlation
 * key and its namespace/name are read from there), `dues` when it expires (ms after the
 * recorder's epoch) and `flags` whether it is still pending (LIVE) and still the one its key
 * aggregates into (INDEXED). An open-addressing table of ids finds the indexed record of a key;
 * a FIFO of (id, deadline) pairs serves the expiries. Ids of expired records are reused.
 */

/** Still waiting for its expiry. */
const LIVE = 1;
/** Still the one its key aggregates into. */
const INDEXED = 2;

/** The parts of an Event the correlation key and the record's address are read from. */
interface KeyHolder {
  metadata: { name?: string; namespace?: string };
  involvedObject: { kind?: string; namespace?: string; name?: string; uid?: string; fieldPath?: string };
  source: { component?: string; host?: string };
  type?: string;
  reason?: string;
  message?: string;
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

/** The key a record was indexed under, read back from its Event. */
function keyOf(e: KeyHolder): Key {
  const io = e.involvedObject;
  return {
    component: str(e.source.component),
    host: str(e.source.host ?? ''),
    kind: str(io.kind),
    namespace: str(io.namespace),
    involvedName: str(io.name),
    uid: str(io.uid),
    fieldPath: str(io.fieldPath),
    type: str(e.type),
    reason: str(e.reason),
    message: str(e.message),
  };
}

/**
 * sameKey(keyOf(e), k) without building the key. Holders have string or absent parts (that is
 * checked when a record is made), so `?? ''` renders them as str() would.
 */
function holds(e: KeyHolder, k: Key): boolean {
  const io = e.involvedObject;
  return (
    (e.message ?? '') === k.message && (io.uid ?? '') === k.uid && (e.reason ?? '') === k.reason && (io.fieldPath ?? '') === k.fieldPath &&
    (e.type ?? '') === k.type && (io.name ?? '') === k.involvedName && (io.kind ?? '') === k.kind && (io.namespace ?? '') === k.namespace &&
    (e.source.component ?? '') === k.component && (e.source.host ?? '') === k.host
  );
}

function ok(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

/** Whether every key part of `e` is a string or absent. */
function stringParts(e: KeyHolder): boolean {
  const io = e.involvedObject;
  return ok(e.message) && ok(e.reason) && ok(e.type) && ok(io.uid) && ok(io.fieldPath) && ok(io.name) && ok(io.kind) && ok(io.namespace) && ok(e.source.component) && ok(e.source.host);
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

/** FNV-1a over the uid and the message: spreads the records of one object and of one message. */
function bucketOf(uid: string, message: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < uid.length; i++) h = Math.imul(h ^ uid.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ 0xff, 0x01000193);
  for (let i = 0; i < message.length; i++) h = Math.imul(h ^ message.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}

/** A few characters of a uid, hashed: a slot in the involvedObject cache. */
function uidSlot(uid: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < uid.length && i < 8; i++) h = Math.imul(h ^ uid.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) & (REF_SLOTS - 1);
}

const REF_SLOTS = 1024;
/** Records marked with this flag have a key part holding the separator: indexed by joined key. */
const EXOTIC = 4;

function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, min: number): T {
  if (min <= a.length) return a;
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
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
  /** By record id: the Event the record reads its key from (undefined: a free id). */
  private evs: (KeyHolder | undefined)[] = [];
  /** By record id: expiry deadline in ms after the epoch. */
  private dues = new Float64Array(1024);
  /** By record id: LIVE | INDEXED | EXOTIC. */
  private flags = new Uint8Array(1024);
  /** Ids of expired records, for reuse. */
  private freeIds: number[] = [];
  /** Open addressing (linear probing) by bucketOf(uid, message): record id + 1, 0 when empty. */
  private slots = new Int32Array(4096);
  private indexed = 0;
  /** Records whose key parts contain the separator, by joined key (the join is ambiguous there). */
  private exotic = new Map<string, number>();
  private lastMs = -1;
  private sameMs = 0;
  /** Records keep their deadlines relative to this instant. */
  private readonly epoch: number;
  /** Expiry deadlines (absolute) and their record ids in the order they were set, served by a single clock task. */
  private qIds = new Int32Array(1024);
  private qDues = new Float64Array(1024);
  private qHead = 0;
  private qTail = 0;
  private expiryTask: TaskHandle | undefined;
  private sources = new Map<string, Readonly<NonNullable<Event['source']>>>();
  /** The last involvedObject made for a uid (by slot): an object's consecutive Events share it. */
  private refs: (NonNullable<Event['involvedObject']> | undefined)[] = new Array<NonNullable<Event['involvedObject']> | undefined>(REF_SLOTS).fill(undefined);
  private fieldPaths = new Interner(1024, 256);
  private messages = new Interner(4096, 48);

  constructor(private readonly api: ApiServer) {
    this.epoch = api.clock.now();
  }

  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    const ns = meta.namespace || 'default';
    const involvedNs = meta.namespace || undefined;
    const apiVersion = obj.apiVersion;
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
      if (existing >= 0) {
        const exEv = this.evs[existing] as KeyHolder;
        const cur = this.api.tryGet(evType, exEv.metadata.namespace, exEv.metadata.name ?? '') as Event | undefined;
        if (cur) {
          const next = clone(cur);
          next.count = (cur.count ?? 1) + 1;
          next.lastTimestamp = rfc3339(now);
          this.api.update(evType, exEv.metadata.namespace, exEv.metadata.name ?? '', next as unknown as KObject);
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
      // the store keeps these objects as they are (createOwned). The metadata literal already
      // has the slots of the server-owned fields (which the API server overwrites, or drops and
      // sets again, on create): V8 then keeps them inside the object instead of growing an
      // out-of-object property store for each Event.
      const ev = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns, uid: '', creationTimestamp: '', resourceVersion: '' },
        involvedObject: this.involved(obj.kind, involvedNs, meta.name, meta.uid, apiVersion, meta.resourceVersion, fp),
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
      const created = this.api.createOwned(evType, ns, ev as unknown as KObject) as unknown as Partial<KeyHolder>;
      const createdName = created.metadata?.name ?? name;
      // The record reads its key from the stored Event when that holds exactly this key (it
      // always does unless admission rewrote a part); otherwise from a copy of the key.
      const holder: KeyHolder =
        created.metadata?.namespace === ns && created.metadata.name === createdName && created.involvedObject && created.source && stringParts(created as KeyHolder) && holds(created as KeyHolder, key)
          ? (created as KeyHolder)
          : {
              metadata: { name: createdName, namespace: ns },
              involvedObject: { kind: key.kind, namespace: key.namespace, name: key.involvedName, uid: key.uid, fieldPath: key.fieldPath },
              source: { component: key.component, host: key.host },
              type: key.type,
              reason: key.reason,
              message: key.message,
            };
      const rec = this.newRecord(holder, joined === undefined ? 0 : EXOTIC);
      if (existing >= 0) this.unindex(existing);
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

  /** The involvedObject for these parts: the one made last for the same uid when it is equal. */
  private involved(
    kind: string | undefined,
    namespace: string | undefined,
    name: string | undefined,
    uid: string | undefined,
    apiVersion: string | undefined,
    resourceVersion: string | undefined,
    fieldPath: string | undefined,
  ): NonNullable<Event['involvedObject']> {
    if (uid === undefined) return involvedObject(kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath);
    const slot = uidSlot(uid);
    const hit = this.refs[slot];
    if (
      hit !== undefined && hit.uid === uid && hit.resourceVersion === resourceVersion && hit.name === name && hit.namespace === namespace &&
      hit.kind === kind && hit.apiVersion === apiVersion && hit.fieldPath === (fieldPath || undefined)
    ) {
      return hit;
    }
    const made = involvedObject(kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath);
    this.refs[slot] = made;
    return made;
  }

  private newRecord(ev: KeyHolder, flags: number): number {
    const id = this.freeIds.length ? (this.freeIds.pop() as number) : this.evs.length;
    if (id === this.evs.length) {
      this.evs.push(ev);
      this.dues = grown(this.dues, id + 1);
      this.flags = grown(this.flags, id + 1);
    } else this.evs[id] = ev;
    this.dues[id] = 0;
    this.flags[id] = flags;
    return id;
  }

  /** The home slot of a record's key. */
  private home(id: number, mask: number): number {
    const e = this.evs[id] as KeyHolder;
    return bucketOf(str(e.involvedObject.uid), str(e.message)) & mask;
  }

  /** The id of the indexed record holding `key`, or -1. */
  private find(key: Key, joined: string | undefined): number {
    if (joined !== undefined) return this.exotic.get(joined) ?? -1;
    const t = this.slots;
    const mask = t.length - 1;
    for (let i = bucketOf(key.uid, key.message) & mask; t[i] !== 0; i = (i + 1) & mask) {
      if (holds(this.evs[t[i] - 1] as KeyHolder, key)) return t[i] - 1;
    }
    return -1;
  }

  private index(id: number): void {
    this.flags[id] |= INDEXED;
    if (this.flags[id] & EXOTIC) {
      this.exotic.set(joinKey(keyOf(this.evs[id] as KeyHolder)), id);
      return;
    }
    if (++this.indexed * 2 > this.slots.length) this.grow();
    this.place(this.slots, id);
  }

  private place(t: Int32Array, id: number): void {
    const mask = t.length - 1;
    let i = this.home(id, mask);
    while (t[i] !== 0) i = (i + 1) & mask;
    t[i] = id + 1;
  }

  /** Doubles the table and places every indexed record again. */
  private grow(): void {
    const old = this.slots;
    const t = new Int32Array(old.length * 2);
    for (let i = 0; i < old.length; i++) if (old[i] !== 0) this.place(t, old[i] - 1);
    this.slots = t;
  }

  private unindex(id: number): void {
    if (!(this.flags[id] & INDEXED)) return;
    this.flags[id] &= ~INDEXED;
    if (this.flags[id] & EXOTIC) {
      const joined = joinKey(keyOf(this.evs[id] as KeyHolder));
      if (this.exotic.get(joined) === id) this.exotic.delete(joined);
      return;
    }
    const t = this.slots;
    const mask = t.length - 1;
    let i = this.home(id, mask);
    while (t[i] !== id + 1) i = (i + 1) & mask;
    // Backward-shift deletion: later entries of the probe run move into the hole when their
    // home slot does not lie between the hole and them (cyclically).
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      if (t[j] === 0) break;
      const h = this.home(t[j] - 1, mask);
      if (i <= j ? i < h && h <= j : i < h || h <= j) continue;
      t[i] = t[j];
      i = j;
    }
    t[i] = 0;
    this.indexed--;
  }

  /**
   * Events expire an hour after their last write, like the API server's --event-ttl lease.
   * Deadlines only grow and arrive in order, so one FIFO and one clock task serve them all.
   */
  private expireLater(id: number, now: number): void {
    const due = now + EVENT_TTL_MS;
    this.dues[id] = due - this.epoch;
    this.flags[id] |= LIVE;
    if (this.qTail === this.qIds.length) {
      if (this.qHead * 2 >= this.qTail) {
        // Mostly served: move the pending part to the front.
        this.qIds.copyWithin(0, this.qHead, this.qTail);
        this.qDues.copyWithin(0, this.qHead, this.qTail);
        this.qTail -= this.qHead;
        this.qHead = 0;
      } else {
        this.qIds = grown(this.qIds, this.qTail + 1);
        this.qDues = grown(this.qDues, this.qTail + 1);
      }
    }
    this.qIds[this.qTail] = id;
    this.qDues[this.qTail++] = due;
    if (!this.expiryTask) this.expiryTask = this.api.clock.schedule(EVENT_TTL_MS, () => this.expire(), 'event-ttl');
  }

  private expire(): void {
    this.expiryTask = undefined;
    const now = this.api.clock.now();
    const evType = this.api.mustResource('events');
    while (this.qHead < this.qTail && this.qDues[this.qHead] <= now) {
      const id = this.qIds[this.qHead++];
      if (!(this.flags[id] & LIVE) || this.dues[id] + this.epoch > now) continue;
      this.flags[id] &= ~LIVE;
      this.unindex(id);
      const ev = this.evs[id] as KeyHolder;
      this.evs[id] = undefined;
      this.freeIds.push(id);
      try {
        this.api.delete(evType, ev.metadata.namespace, ev.metadata.name ?? '');
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
    if (this.qHead < this.qTail) {
      this.expiryTask = this.api.clock.schedule(this.qDues[this.qHead] - now, () => this.expire(), 'event-ttl');
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
