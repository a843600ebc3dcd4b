// Events as controllers and kubelets record them: core/v1 Events named `<object>.<hex ns>`,
// aggregated by the correlator (same source, object, type, reason and message → count++ and
// a new lastTimestamp), expiring after one hour like the API server's --event-ttl.
// Models staging/src/k8s.io/client-go/tools/record/{event.go,events_cache.go}
import type { KObject, Event } from '../api/types';
import { clone } from '../api/meta';
import { rfc3339, rfc3339Micro } from '../core/time';
import type { ApiServer } from '../apiserver/apiserver';
import { apiVersionOf } from '../apiserver/resource-type';
import { isApiError } from '../api/status';
import type { TaskHandle } from '../core/clock';

export interface EventSource {
  component: string;
  host?: string;
}

const EVENT_TTL_MS = 60 * 60 * 1000;

export class EventRecorder {
  private byKey = new Map<string, { ns: string; name: string }>();
  private lastMs = -1;
  private sameMs = 0;
  /** Expiry deadlines by event name, and one FIFO of (due, name) served by a single clock task. */
  private expiresAt = new Map<string, { ns: string; due: number; key: string }>();
  private expiryQueue: { name: string; due: number }[] = [];
  private expiryHead = 0;
  private expiryTask: TaskHandle | undefined;

  constructor(private readonly api: ApiServer) {}

  event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const meta = obj.metadata ?? {};
    const rt = obj.kind && obj.apiVersion ? this.api.typeFor(obj.apiVersion, obj.kind) : undefined;
    const ns = meta.namespace || 'default';
    const involved: NonNullable<Event['involvedObject']> = {
      kind: obj.kind,
      namespace: meta.namespace || undefined,
      name: meta.name,
      uid: meta.uid,
      apiVersion: obj.apiVersion ?? (rt ? apiVersionOf(rt) : undefined),
      resourceVersion: meta.resourceVersion,
    };
    if (fieldPath) involved.fieldPath = fieldPath;
    if (!meta.namespace) {
      delete involved.namespace;
    }
    const key = [source.component, source.host ?? '', involved.kind, involved.namespace, involved.name, involved.uid, fieldPath ?? '', type, reason, message].join('\u0000');
    const evType = this.api.mustResource('events');
    const now = this.api.clock.now();
    const existing = this.byKey.get(key);
    try {
      if (existing) {
        const cur = this.api.tryGet(evType, existing.ns, existing.name) as Event | undefined;
        if (cur) {
          const next = clone(cur);
          next.count = (cur.count ?? 1) + 1;
          next.lastTimestamp = rfc3339(now);
          this.api.update(evType, existing.ns, existing.name, next as unknown as KObject);
          this.expireLater(existing.name, existing.ns, key, now);
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
      const name = `${meta.name}.${(BigInt(now) * 1_000_000n + BigInt(this.sameMs * 1000)).toString(16)}`;
      const ev: Event = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: involved,
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: rfc3339(now),
        lastTimestamp: rfc3339(now),
        count: 1,
        type,
        eventTime: undefined,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      void rfc3339Micro;
      const created = this.api.create(evType, ns, ev as unknown as KObject);
      const createdName = created.metadata?.name ?? name;
      this.byKey.set(key, { ns, name: createdName });
      this.expireLater(createdName, ns, key, now);
    } catch (e) {
      // Events are best effort, as in client-go: a failure to record never fails the caller.
      if (!isApiError(e)) throw e;
    }
  }

  /**
   * Events expire an hour after their last write, like the API server's --event-ttl lease.
   * Deadlines only grow and arrive in order, so one FIFO and one clock task serve them all.
   */
  private expireLater(name: string, ns: string, key: string, now: number): void {
    const due = now + EVENT_TTL_MS;
    this.expiresAt.set(name, { ns, due, key });
    this.expiryQueue.push({ name, due });
    if (!this.expiryTask) this.expiryTask = this.api.clock.schedule(EVENT_TTL_MS, () => this.expire(), 'event-ttl');
  }

  private expire(): void {
    this.expiryTask = undefined;
    const now = this.api.clock.now();
    const evType = this.api.mustResource('events');
    const q = this.expiryQueue;
    while (this.expiryHead < q.length && q[this.expiryHead].due <= now) {
      const { name } = q[this.expiryHead++];
      const entry = this.expiresAt.get(name);
      if (!entry || entry.due > now) continue;
      this.expiresAt.delete(name);
      if (this.byKey.get(entry.key)?.name === name) this.byKey.delete(entry.key);
      try {
        this.api.delete(evType, entry.ns, name);
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
    if (this.expiryHead > 1024 && this.expiryHead * 2 > q.length) {
      this.expiryQueue = q.slice(this.expiryHead);
      this.expiryHead = 0;
    }
    const next = this.expiryQueue[this.expiryHead];
    if (next) this.expiryTask = this.api.clock.schedule(next.due - now, () => this.expire(), 'event-ttl');
  }
}
