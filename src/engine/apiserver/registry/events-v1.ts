// events.k8s.io/v1 Event: the same Events as core/v1, seen through the newer API. Every request
// is answered by the core/v1 events resource, bodies converted on the way in and out
// (involvedObject ↔ regarding, message ↔ note, source ↔ deprecatedSource, count/first/last
// timestamps ↔ deprecated*, reportingComponent ↔ reportingController).
// Models pkg/apis/events/v1/conversion.go and pkg/registry/core/event (one storage, two group versions).
// SIMPLIFICATION: PATCH is applied to the core/v1 form of the object (field names as core/v1).
import type { KObject } from '../../api/types';
import type { AggregatedApi, ApiRequest, ApiResponse } from '../rest';
import type { ResourceType } from '../resource-type';
import { events } from './simple';

export const EVENTS_GROUP = 'events.k8s.io';

const V1_TYPE: ResourceType = { ...events, group: EVENTS_GROUP, storageVersionHash: 'r2yiGXH7wu8=' };

type Any = Record<string, unknown>;

/** core/v1 Event → events.k8s.io/v1 Event. */
export function eventToV1(obj: KObject): KObject {
  const e = obj as Any;
  const out: Any = { kind: 'Event', apiVersion: `${EVENTS_GROUP}/v1`, metadata: obj.metadata, eventTime: e.eventTime ?? null };
  if (e.series !== undefined) out.series = e.series;
  if (e.reportingComponent) out.reportingController = e.reportingComponent;
  if (e.reportingInstance) out.reportingInstance = e.reportingInstance;
  if (e.action !== undefined) out.action = e.action;
  if (e.reason !== undefined) out.reason = e.reason;
  if (e.involvedObject !== undefined) out.regarding = e.involvedObject;
  if (e.related !== undefined) out.related = e.related;
  if (e.message !== undefined) out.note = e.message;
  if (e.type !== undefined) out.type = e.type;
  const src = e.source as Any | undefined;
  if (src && Object.keys(src).length) out.deprecatedSource = src;
  if (e.firstTimestamp) out.deprecatedFirstTimestamp = e.firstTimestamp;
  if (e.lastTimestamp) out.deprecatedLastTimestamp = e.lastTimestamp;
  if (e.count) out.deprecatedCount = e.count;
  return out as KObject;
}

/** events.k8s.io/v1 Event → core/v1 Event request body. */
export function eventFromV1(body: KObject): KObject {
  const e = body as Any;
  const out: Any = { kind: 'Event', apiVersion: 'v1', metadata: body.metadata ?? {} };
  out.involvedObject = e.regarding ?? {};
  if (e.reason !== undefined) out.reason = e.reason;
  if (e.note !== undefined) out.message = e.note;
  if (e.deprecatedSource !== undefined) out.source = e.deprecatedSource;
  if (e.deprecatedFirstTimestamp !== undefined) out.firstTimestamp = e.deprecatedFirstTimestamp;
  if (e.deprecatedLastTimestamp !== undefined) out.lastTimestamp = e.deprecatedLastTimestamp;
  if (e.deprecatedCount !== undefined) out.count = e.deprecatedCount;
  if (e.type !== undefined) out.type = e.type;
  if (e.eventTime !== undefined) out.eventTime = e.eventTime;
  if (e.series !== undefined) out.series = e.series;
  if (e.action !== undefined) out.action = e.action;
  if (e.related !== undefined) out.related = e.related;
  if (e.reportingController !== undefined) out.reportingComponent = e.reportingController;
  if (e.reportingInstance !== undefined) out.reportingInstance = e.reportingInstance;
  return out as KObject;
}

function convertOut(body: unknown): unknown {
  if (!body || typeof body !== 'object') return body;
  const b = body as KObject & { items?: KObject[]; rows?: { object?: KObject | null }[] };
  if (b.kind === 'Event') return eventToV1(b);
  if (b.kind === 'EventList') return { ...b, apiVersion: `${EVENTS_GROUP}/v1`, items: (b.items ?? []).map((i) => eventToV1(i)) };
  if (b.kind === 'Table' && Array.isArray(b.rows)) {
    return { ...b, rows: b.rows.map((r) => (r.object && (r.object as KObject).kind === 'Event' ? { ...r, object: eventToV1(r.object) } : r)) };
  }
  return body;
}

interface RestLike {
  handle(req: ApiRequest): ApiResponse;
}

export class EventsV1Api implements AggregatedApi {
  readonly group = EVENTS_GROUP;
  readonly version = 'v1';
  readonly types = [V1_TYPE];
  constructor(private readonly core: RestLike) {}
  available(): boolean {
    return true;
  }
  handle(method: string, rest: string[], q: Record<string, string>, req: ApiRequest): ApiResponse {
    let body = req.body;
    if ((method === 'POST' || method === 'PUT') && body !== undefined) {
      const parsed = typeof body === 'string' ? safeParse(body) : body;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = JSON.stringify(eventFromV1(parsed as KObject));
    }
    const res = this.core.handle({ ...req, method, path: `/api/v1/${rest.join('/')}`, query: q, body });
    if (res.watch) {
      const inner = res.watch;
      return { ...res, watch: { onEvent: (cb) => inner.onEvent((ev) => cb({ ...ev, object: convertOut(ev.object) as KObject })), stop: () => inner.stop() } };
    }
    if (res.status >= 300) return res;
    return { ...res, body: convertOut(res.body) };
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

/** Serves events.k8s.io/v1 on a cluster's REST handler. */
export function installEventsV1(rest: RestLike & { aggregated: AggregatedApi[] }): EventsV1Api {
  const api = new EventsV1Api(rest);
  rest.aggregated.push(api);
  return api;
}
