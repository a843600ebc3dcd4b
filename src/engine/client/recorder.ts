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

export interface EventSource {
  component: string;
  host?: string;
}

const EVENT_TTL_MS = 60 * 60 * 1000;

export class EventRecorder {
  private byKey = new Map<string, { ns: string; name: string }>();
  private lastMs = -1;
  private sameMs = 0;

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
      this.api.clock.schedule(EVENT_TTL_MS, () => {
        if (this.byKey.get(key)?.name === createdName) this.byKey.delete(key);
        try {
          this.api.delete(evType, ns, createdName);
        } catch {
          /* already gone */
        }
      }, 'event-ttl');
    } catch (e) {
      // Events are best effort, as in client-go: a failure to record never fails the caller.
      if (!isApiError(e)) throw e;
    }
  }
}
