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
 * Event itself holds. Records with the same involved object are chained through `next`.
 */
interface Recorded {
  ns: string;
  name: string;
  due: number;
  /** Still waiting for its expiry. */
  live: boolean;
  /** Still the one the key aggregates into. */
  indexed: boolean;
  next: Recorded | undefined;
  /** The key's parts, as Array.prototype.join renders them (undefined → ''). */
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
  /** The joined key, only for keys whose parts contain the separator (see `exotic`). */
  joined: string | undefined;
}

const SEP = '\u0000';
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

/** A flat copy of a string (template literals build ropes that keep their pieces alive). */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** Interns strings that recur across Events (field paths, messages), in a bounded table. */
class Interner {
  private table = new Map<string, string>();
  constructor(private readonly max: number) {}
  get(s: string): string {
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
  /** Records by involved-object uid (or kind/namespace/name without one), chained. */
  private byObject = new Map<string, Recorded>();
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
  private fieldPaths = new Interner(1024);
  private messages = new Interner(4096);

  constructor(private readonly api: ApiServer) {}

  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    const rt = obj.kind && obj.apiVersion ? this.api.typeFor(obj.apiVersion, obj.kind) : undefined;
    const ns = meta.namespace || 'default';
    const involvedNs = meta.namespace || undefined;
    const apiVersion = obj.apiVersion ?? (rt ? apiVersionOf(rt) : undefined);
    const fp = fieldPath ? this.fieldPaths.get(fieldPath) : undefined;
    const parts = [source.component, source.host ?? '', obj.kind, involvedNs, meta.name, meta.uid, fp ?? '', type, reason, message].map(str);
    const joined = parts.some((p) => p.includes(SEP)) ? parts.join(SEP) : undefined;
    const evType = this.api.mustResource('events');
    const now = this.api.clock.now();
    const existing = this.find(parts, joined);
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
        component: parts[0],
        host: parts[1],
        kind: parts[2],
        namespace: parts[3],
        involvedName: parts[4],
        uid: parts[5],
        fieldPath: parts[6],
        type: parts[7],
        reason: parts[8],
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

  private bucketKey(parts: readonly string[]): string {
    return parts[5] !== '' ? parts[5] : `${SEP}${parts[2]}${SEP}${parts[3]}${SEP}${parts[4]}`;
  }

  private find(parts: readonly string[], joined: string | undefined): Recorded | undefined {
    if (joined !== undefined) return this.exotic.get(joined);
    for (let r = this.byObject.get(this.bucketKey(parts)); r; r = r.next) {
      if (
        r.message === parts[9] &&
        r.reason === parts[8] &&
        r.fieldPath === parts[6] &&
        r.type === parts[7] &&
        r.involvedName === parts[4] &&
        r.uid === parts[5] &&
        r.kind === parts[2] &&
        r.namespace === parts[3] &&
        r.component === parts[0] &&
        r.host === parts[1]
      ) {
        return r;
      }
    }
    return undefined;
  }

  private partsOf(r: Recorded): string[] {
    return [r.component, r.host, r.kind, r.namespace, r.involvedName, r.uid, r.fieldPath, r.type, r.reason, r.message];
  }

  private index(r: Recorded): void {
    r.indexed = true;
    if (r.joined !== undefined) {
      this.exotic.set(r.joined, r);
      return;
    }
    const k = this.bucketKey(this.partsOf(r));
    r.next = this.byObject.get(k);
    this.byObject.set(k, r);
  }

  private unindex(r: Recorded): void {
    if (!r.indexed) return;
    r.indexed = false;
    if (r.joined !== undefined) {
      if (this.exotic.get(r.joined) === r) this.exotic.delete(r.joined);
      return;
    }
    const k = this.bucketKey(this.partsOf(r));
    let head = this.byObject.get(k);
    if (head === r) head = r.next;
    else for (let p = head; p; p = p.next) if (p.next === r) p.next = r.next;
    if (head) this.byObject.set(k, head);
    else this.byObject.delete(k);
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
