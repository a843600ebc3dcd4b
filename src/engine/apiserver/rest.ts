// The REST face of the simulated API server: Kubernetes paths, verbs and query parameters
// mapped onto ApiServer calls, discovery documents, List kinds, Table output on request and
// watch streams. The in-browser kubectl and the HTTP server (`npm run serve`) both go
// through handle(), so what one sees the other sees.
// Models staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{get,create,update,patch,delete,watch}.go
import type { KObject, Json } from '../api/types';
import { ApiError, errBadRequest, errConflict, errInvalid, errNoResource, errNotFound, OPTIMISTIC_LOCK_MESSAGE } from '../api/status';
import type { StatusObject } from '../api/status';
import { goQuote, invalid } from '../api/field';
import { labelSelectorFromMeta, labelSelectorFromSet } from '../api/selectors';
import type { MetaLabelSelector } from '../api/selectors';
import { decodeErrorMessage, definitionFor, duplicateFieldErrors, resolveRef, strictDecodeErrors } from '../schema';
import type { SchemaNode } from '../schema';
import type { ApiServer, DeleteOptions, ListOptions, ListResult, PatchContentType, WatchEvent } from './apiserver';
import type { ResourceType } from './resource-type';
import { apiVersionOf } from './resource-type';
import { buildTable } from './tables';
import { applyJsonPatch, applyMergePatch, PatchError } from './patch';
import { OpenApi } from './openapi';
import { answerReview, COMPONENT_STATUS_WARNING, getComponentStatus, listComponentStatuses } from './virtual-kinds';

export interface ApiRequest {
  method: string;
  /** Path, optionally with a query string. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface WatchStream {
  /** Subscribes to events; returns nothing. Events come on the virtual clock. */
  onEvent(cb: (ev: WatchEvent) => void): void;
  stop(): void;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Warning texts (also in the `warning` header, RFC 7234 form `299 - "<text>"`). */
  warnings?: string[];
  watch?: WatchStream;
  /** Streaming text (pods/log with follow=true). */
  stream?: TextStream;
}

export interface TextStream {
  onData(cb: (chunk: string) => void): void;
  onEnd(cb: () => void): void;
  stop(): void;
}

/**
 * A group version served by an extension API server behind the aggregator (an APIService such
 * as v1beta1.metrics.k8s.io of metrics-server): in discovery while `available()` (registered),
 * requests under it answered by `handle` (which answers 503 while its backend is down).
 * Models kube-aggregator's discovery merging and proxying of APIServices.
 */
export interface AggregatedApi {
  group: string;
  version: string;
  types: ResourceType[];
  available(): boolean;
  /** `rest`: the path after /apis/{group}/{version}. */
  handle(method: string, rest: string[], q: Record<string, string>, req: ApiRequest): ApiResponse;
}

/** Hooks other components install for pod subresources (the kubelet). */
export interface PodLogProvider {
  (pod: KObject, opts: Record<string, string>): { text: string; follow?: TextStream } | ApiError;
}

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function parseQuery(path: string, query?: Record<string, string>): { path: string; q: Record<string, string> } {
  const i = path.indexOf('?');
  const q: Record<string, string> = {};
  let p = path;
  if (i >= 0) {
    p = path.slice(0, i);
    for (const part of path.slice(i + 1).split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      const v = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
      q[k] = v;
    }
  }
  return { path: p, q: { ...q, ...(query ?? {}) } };
}

const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });
/** A Status body with its fields in the real server's JSON order (metav1.Status field order). */
function statusBody(s: StatusObject): StatusObject {
  const out: Record<string, unknown> = { kind: s.kind, apiVersion: s.apiVersion, metadata: s.metadata, status: s.status };
  if (s.message !== undefined) out.message = s.message;
  if (s.reason !== undefined) out.reason = s.reason;
  if (s.details !== undefined) out.details = s.details;
  if (s.code !== undefined) out.code = s.code;
  return out as unknown as StatusObject;
}
const fail = (e: ApiError): ApiResponse => ({ status: e.code, body: statusBody(e.status) });

const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];

/** go-restful's answer for a path inside a served group version that matches no route. */
const errRouteNotFound = () =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server could not find the requested resource',
    reason: 'NotFound',
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] },
    code: 404,
  });

/** go-restful's answer for a method a route does not serve. */
const errMethodNotAllowed = () =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server does not allow this method on the requested resource',
    reason: 'MethodNotAllowed',
    details: { causes: [{ reason: 'UnexpectedServerResponse', message: '405: Method Not Allowed' }] },
    code: 405,
  });

/** negotiation.NewUnsupportedMediaTypeError for a PATCH body type the handler does not know. */
const errPatchMediaType = () =>
  new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the body of the request was in an unknown format - accepted media types include: ${PATCH_TYPES.join(', ')}`,
    reason: 'UnsupportedMediaType',
    code: 415,
  });

interface Target {
  rt: ResourceType;
  ns?: string;
  name?: string;
  sub?: string;
}

/** Group discovery order of the real server (its group priorities), for the groups served here. */
// Models kube-aggregator's apiVersionPriorities (ties broken by name, as the aggregator does).
const GROUP_ORDER = [
  'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
  'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'flowcontrol.apiserver.k8s.io',
];

export class RestHandler {
  private openApiDocs?: OpenApi;

  /** Aggregated API groups (see AggregatedApi); components push theirs at construction. */
  readonly aggregated: AggregatedApi[] = [];

  constructor(readonly api: ApiServer) {}

  /** Built-in types plus those of available aggregated APIs (what discovery lists). */
  private servedTypes(): ResourceType[] {
    if (this.aggregated.length === 0) return this.api.types;
    const extra = this.aggregated.filter((a) => a.available()).flatMap((a) => a.types);
    return extra.length ? [...this.api.types, ...extra] : this.api.types;
  }

  handle(req: ApiRequest): ApiResponse {
    try {
      return this.route(req);
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      throw e;
    }
  }

  private route(req: ApiRequest): ApiResponse {
    const { path, q } = parseQuery(req.path, req.query);
    const method = req.method.toUpperCase();
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0) return ok({ paths: this.rootPaths() });
    if (parts[0] === 'version' && parts.length === 1) return ok(SERVER_VERSION);
    if (['healthz', 'livez', 'readyz'].includes(parts[0]) && parts.length === 1) {
      return { status: 200, body: 'ok', headers: { 'content-type': 'text/plain; charset=utf-8' } };
    }
    if (parts[0] === 'openapi') return this.openapi(method, parts, header(req, 'accept'));
    let group: string;
    let version: string;
    let rest: string[];
    if ((parts[0] === 'api' || parts[0] === 'apis') && parts.length === 1 && wantsAggregated(header(req, 'accept'))) {
      if (method !== 'GET') throw errMethodNotAllowed();
      return { status: 200, body: this.aggregatedDiscovery(parts[0] === 'api'), headers: { 'content-type': AGGREGATED_TYPE, vary: 'Accept' } };
    }
    if (parts[0] === 'api') {
      if (parts.length === 1) return this.discovery(method, this.apiVersions());
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      if (parts.length === 1) return this.discovery(method, this.groupList());
      group = parts[1];
      if (parts.length === 2) {
        const g = this.groupList().groups.find((x) => x.name === group);
        if (!g) throw errNoResource();
        return this.discovery(method, { kind: 'APIGroup', apiVersion: 'v1', ...g });
      }
      version = parts[2];
      rest = parts.slice(3);
    } else throw errNoResource();
    const agg = group ? this.aggregated.find((a) => a.group === group && a.version === version && a.available()) : undefined;
    if (agg) return rest.length === 0 ? this.discovery(method, this.resourceList(group, version, agg.types)) : agg.handle(method, rest, q, req);
    const types = this.api.types.filter((t) => t.group === group && t.version === version);
    if (!types.length) throw errNoResource();
    if (rest.length === 0) return this.discovery(method, this.resourceList(group, version, types));
    // legacy /watch/ prefix
    let watchPrefix = false;
    if (rest[0] === 'watch') {
      watchPrefix = true;
      rest = rest.slice(1);
    }
    const target = this.target(group, rest);
    if (watchPrefix) {
      if (method !== 'GET') throw errMethodNotAllowed();
      q.watch = 'true';
    }
    return this.dispatch(method, target, q, req);
  }

  private discovery(method: string, body: unknown): ApiResponse {
    if (method !== 'GET') throw errMethodNotAllowed();
    return ok(body);
  }

  private target(group: string, rest: string[]): Target {
    const find = (plural: string) => {
      const rt = this.api.resource(plural, group);
      if (!rt) throw errRouteNotFound();
      return rt;
    };
    if (rest[0] === 'namespaces' && rest.length >= 3 && !(group === '' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'))) {
      // /namespaces/{ns}/{resource}[/{name}[/{sub}]]
      const rt = find(rest[2]);
      if (!rt.namespaced || rest.length > 5) throw errRouteNotFound();
      const t: Target = { rt, ns: rest[1], name: rest[3], sub: rest[4] };
      if (t.sub && !rt.subresources.includes(t.sub)) throw errRouteNotFound();
      return t;
    }
    const rt = find(rest[0]);
    if (rest.length > 3) throw errRouteNotFound();
    if (rt.namespaced && rest.length > 1) throw errRouteNotFound();
    const t: Target = { rt, name: rest[1], sub: rest[2] };
    if (t.sub && !rt.subresources.includes(t.sub)) throw errRouteNotFound();
    return t;
  }

  private dispatch(method: string, t: Target, q: Record<string, string>, req: ApiRequest): ApiResponse {
    const { rt, ns, name, sub } = t;
    const dryRun = q.dryRun === 'All';
    const accept = header(req, 'accept');
    const virtual = this.virtualKind(method, t, q, req);
    if (virtual) return virtual;
    if (!name) {
      // collection
      const listOpts = listOptions(q);
      if (method === 'GET') {
        if (q.watch === 'true' || q.watch === '1') return this.watch(rt, ns, listOpts, wantsTable(accept) ? q : undefined);
        const res = this.api.list(rt, ns, listOpts);
        if (wantsTable(accept)) return ok(buildTable(rt.kind, res.items, this.tableCtx(q, res)));
        return ok(this.listBody(rt, res));
      }
      if (method === 'POST') {
        const { warnings, body } = this.strictDecode(rt, req, q);
        const created = this.api.create(rt, ns, body, { dryRun, fieldManager: q.fieldManager });
        return withWarnings(ok(created, 201), warnings);
      }
      if (method === 'DELETE' && rt.verbs.includes('deletecollection')) {
        const res = this.api.list(rt, ns, listOpts);
        this.api.deleteCollection(rt, ns, listOpts, deleteOptions(q, req.body));
        return ok(this.listBody(rt, res));
      }
      throw errMethodNotAllowed();
    }
    if (sub === 'scale') return this.scale(method, rt, ns, name, req, dryRun);
    if (sub === 'binding') {
      if (method !== 'POST') throw errMethodNotAllowed();
      return this.binding(rt, ns, name, req);
    }
    if (sub === 'eviction') {
      if (method !== 'POST') throw errMethodNotAllowed();
      return this.eviction(rt, ns, name, req);
    }
    if (sub === 'log') {
      if (method !== 'GET') throw errMethodNotAllowed();
      return this.log(rt, ns, name, q);
    }
    if (sub === 'finalize') {
      if (method !== 'PUT') throw errMethodNotAllowed();
      this.api.checkKind(rt, this.body(req));
      return ok(this.api.update(rt, ns, name, this.body(req), { dryRun, subresource: 'finalize' }));
    }
    if (sub && sub !== 'status') throw errMethodNotAllowed();
    switch (method) {
      case 'GET': {
        if (sub === undefined && (q.watch === 'true' || q.watch === '1')) {
          return this.watch(rt, ns, { ...listOptions(q), fieldSelector: joinSel(q.fieldSelector, `metadata.name=${name}`) }, wantsTable(accept) ? q : undefined);
        }
        const obj = this.api.get(rt, ns, name);
        if (wantsTable(accept)) return ok(buildTable(rt.kind, [obj], this.tableCtx(q, { resourceVersion: obj.metadata?.resourceVersion ?? '' })));
        return ok(obj);
      }
      case 'PUT': {
        const { warnings, body } = this.strictDecode(rt, req, q);
        return withWarnings(ok(this.api.update(rt, ns, name, body, { dryRun, subresource: sub, fieldManager: q.fieldManager })), warnings);
      }
      case 'PATCH': {
        const ct = header(req, 'content-type').split(';')[0].trim();
        if (!PATCH_TYPES.includes(ct)) throw errPatchMediaType();
        const directive = fieldValidation(q);
        if (ct === 'application/apply-patch+yaml') return this.serverSideApply(rt, ns, name, sub, req, q, dryRun, directive);
        const patch = typeof req.body === 'string' ? parseJson(req.body) : (req.body as Json);
        const warnings: string[] = [];
        const onPatched = (patched: KObject) => this.checkPatched(rt, ct, patch, patched, directive, warnings);
        return withWarnings(ok(this.api.patch(rt, ns, name, ct as PatchContentType, patch, { dryRun, subresource: sub, fieldManager: q.fieldManager, onPatched })), warnings);
      }
      case 'DELETE': {
        if (sub) throw errMethodNotAllowed();
        const res = this.api.deleteWithResult(rt, ns, name, deleteOptions(q, req.body));
        // Models registry/generic/registry/store.go (finalizeDelete): a removed object comes
        // back as a Status unless the kind returns deleted objects; one that lingers comes back itself.
        if (!res.deleted || rt.returnDeletedObject) return ok(res.object);
        const details: NonNullable<StatusObject['details']> = { name };
        if (rt.group) details.group = rt.group;
        details.kind = rt.plural;
        details.uid = res.object.metadata?.uid;
        return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details });
      }
      default:
        throw errMethodNotAllowed();
    }
  }

  /**
   * Kinds that are not stored (see virtual-kinds.ts) and the verbs a kind does not serve:
   * componentstatuses (get, list, with their deprecation warning), bindings (create binds the
   * pod the Binding names), the review kinds (create answers, nothing is kept).
   */
  private virtualKind(method: string, t: Target, q: Record<string, string>, req: ApiRequest): ApiResponse | undefined {
    const { rt, ns, name, sub } = t;
    if (rt.group === '' && rt.plural === 'componentstatuses') {
      if (method !== 'GET' || sub) throw errMethodNotAllowed();
      if (q.watch === 'true' || q.watch === '1') throw errMethodNotAllowed();
      const warn = [COMPONENT_STATUS_WARNING];
      const now = { now: this.api.clock.now() };
      if (name) {
        const cs = getComponentStatus(name);
        if (!cs) throw errNotFound({ group: '', resource: 'componentstatuses' }, name);
        return withWarnings(ok(wantsTable(header(req, 'accept')) ? buildTable(rt.kind, [cs], now) : cs), warn);
      }
      const items = listComponentStatuses();
      if (wantsTable(header(req, 'accept'))) return withWarnings(ok(buildTable(rt.kind, items, now)), warn);
      return withWarnings(ok({ kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items: items.map(stripTypeMeta) }), warn);
    }
    if (rt.verbs.length !== 1 || rt.verbs[0] !== 'create') return undefined;
    if (method !== 'POST' || name) throw errMethodNotAllowed();
    const { body } = this.strictDecode(rt, req, q);
    if (rt.group === '' && rt.plural === 'bindings') {
      const pods = this.api.mustResource('pods');
      return this.binding(pods, ns, body.metadata?.name ?? '', { ...req, body: JSON.stringify(body) });
    }
    return ok(answerReview(rt, body), 201);
  }

  private listBody(rt: ResourceType, res: ListResult) {
    const meta: Record<string, unknown> = { resourceVersion: res.resourceVersion };
    if (res.continue) meta.continue = res.continue;
    if (res.remainingItemCount !== undefined) meta.remainingItemCount = res.remainingItemCount;
    return { kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata: meta, items: res.items.map(stripTypeMeta) };
  }

  /**
   * Strict decoding of a POST/PUT body per `fieldValidation`: a wrong JSON type is always a
   * 400; unknown fields are a 400 with Strict, warnings with Warn (the default), nothing with Ignore.
   * Models apiserver/pkg/endpoints/handlers/create.go (strict decoding and addStrictDecodingWarnings)
   */
  private strictDecode(rt: ResourceType, req: ApiRequest, q: Record<string, string>): { warnings: string[]; body: KObject } {
    const body = this.body(req);
    this.api.checkKind(rt, body);
    const directive = fieldValidation(q);
    const errs = strictDecodeErrors(apiVersionOf(rt), rt.kind, body);
    if (typeof req.body === 'string' && directive !== 'Ignore') errs.push(...duplicateFieldErrors(req.body));
    if (!errs.length) return { warnings: [], body };
    const prefix = `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}`;
    const typeError = errs.find((e) => !e.startsWith('unknown field') && !e.startsWith('duplicate field'));
    if (typeError) throw errBadRequest(`${prefix}: ${typeError}`);
    if (directive === 'Strict') throw errBadRequest(`${prefix}: ${decodeErrorMessage(errs) ?? ''}`);
    // Decoding into the Go type drops unknown fields: they are never stored.
    const kept = errs.some((e) => e.startsWith('unknown field')) ? pruneUnknownFields(rt, body) : body;
    return { warnings: directive === 'Warn' ? errs : [], body: kept };
  }

  /**
   * Strict decoding of a patched object: unknown fields are an Invalid error with Strict,
   * warnings with Warn, and are dropped from what is stored in every case.
   * Models apiserver/pkg/endpoints/handlers/patch.go (applyPatchToObject, jsonPatcher.applyPatchToCurrentObject)
   */
  private checkPatched(rt: ResourceType, ct: string, patch: Json, patched: KObject, directive: string, warnings: string[]): KObject {
    const errs = strictDecodeErrors(apiVersionOf(rt), rt.kind, patched).filter((e) => e.startsWith('unknown field'));
    if (!errs.length) return patched;
    if (directive === 'Strict') {
      // SIMPLIFICATION: for JSON and merge patches the value shown is the patched object as
      // this engine stores it (the real one includes managedFields).
      const shown = ct === 'application/strategic-merge-patch+json' ? goFormat(patch) : sortedJson(patched);
      throw errInvalid('', '', '', '', [invalid('patch', shown, `strict decoding error: ${errs.join(', ')}`)]);
    }
    if (directive === 'Warn') warnings.push(...errs);
    return pruneUnknownFields(rt, patched);
  }

  /**
   * Server-side apply (`kubectl apply --server-side`): creates the object when missing, else
   * merges the applied configuration into it.
   * SIMPLIFICATION: no field ownership — managedFields are not tracked, there are no conflicts
   * (`--force-conflicts` is accepted and ignored) and fields left out of a later apply are kept;
   * the body must be JSON (kubectl sends JSON), not general YAML.
   * Models apiserver/pkg/endpoints/handlers/patch.go (applyPatcher)
   */
  private serverSideApply(rt: ResourceType, ns: string | undefined, name: string, sub: string | undefined, req: ApiRequest, q: Record<string, string>, dryRun: boolean, directive: string): ApiResponse {
    if (!q.fieldManager) throw errBadRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
    let config: unknown;
    try {
      config = typeof req.body === 'string' ? JSON.parse(req.body) : req.body;
    } catch (e) {
      throw errBadRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    if (!config || typeof config !== 'object' || Array.isArray(config)) throw errBadRequest('error decoding YAML: the body of the request is not an object');
    const obj = config as KObject;
    this.api.checkKind(rt, obj);
    const warnings: string[] = [];
    const unknown = strictDecodeErrors(apiVersionOf(rt), rt.kind, obj).filter((e) => e.startsWith('unknown field'));
    if (unknown.length && directive === 'Strict') throw errBadRequest(`error strict decoding YAML: ${unknown.join(', ')}`);
    if (unknown.length && directive === 'Warn') warnings.push(...unknown);
    const applied = unknown.length ? pruneUnknownFields(rt, obj) : obj;
    const meta = applied.metadata ?? {};
    if (meta.name !== undefined && meta.name !== name) throw errBadRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    if (!sub && !this.api.tryGet(rt, ns, name)) {
      const created = this.api.create(rt, ns, { ...applied, metadata: { ...meta, name } }, { dryRun, fieldManager: q.fieldManager });
      return withWarnings(ok(created, 201), warnings);
    }
    const patched = this.api.patch(rt, ns, name, 'application/strategic-merge-patch+json', applied as unknown as Json, { dryRun, subresource: sub, fieldManager: q.fieldManager });
    return withWarnings(ok(patched), warnings);
  }

  private tableCtx(q: Record<string, string>, res: { resourceVersion: string; continue?: string; remainingItemCount?: number }) {
    const io = q.includeObject;
    return {
      now: this.api.clock.now(),
      includeObject: (io === 'None' || io === 'Object' || io === 'Metadata' ? io : 'Metadata') as 'None' | 'Object' | 'Metadata',
      listMeta: { resourceVersion: res.resourceVersion, continue: res.continue, remainingItemCount: res.remainingItemCount },
    };
  }

  private body(req: ApiRequest): KObject {
    const ct = header(req, 'content-type').split(';')[0].trim();
    if (ct && ct !== 'application/json' && ct !== '*/*') {
      // SIMPLIFICATION: only JSON bodies are decoded (the real server also takes YAML, protobuf and CBOR).
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
        reason: 'UnsupportedMediaType',
        code: 415,
      });
    }
    const b = typeof req.body === 'string' ? parseBody(req.body) : req.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) throw errBadRequest('the body of the request was in an unknown format');
    return b as KObject;
  }

  /**
   * A watch stream; with a Table request (`q` given) every object is sent as a one-row Table.
   * Only the first event's Table carries the column definitions; later ones have
   * `columnDefinitions: null` (kubectl reuses the last columns it saw), as the real server
   * sends them to save bandwidth.
   * Models apiserver/pkg/endpoints/handlers/response.go (watchEmbeddedEncoder: NoHeaders after
   * the first object) and pkg/printers/tablegenerator.go (GenerateTable)
   */
  private watch(rt: ResourceType, ns: string | undefined, opts: ListOptions, tableQuery?: Record<string, string>): ApiResponse {
    const subs: ((ev: WatchEvent) => void)[] = [];
    const backlog: WatchEvent[] = [];
    const emit = (ev: WatchEvent) => {
      if (subs.length) for (const s of subs) s(ev);
      else backlog.push(ev);
    };
    let headers = true;
    const stop = this.api.watch(rt, ns, opts, (ev) => {
      if (!tableQuery) return emit(ev);
      // A Status (ERROR event) is sent as it is, but it still uses up the headers.
      const first = headers;
      headers = false;
      if (ev.type === 'ERROR') return emit(ev);
      const rv = ev.object.metadata?.resourceVersion ?? '';
      const table = buildTable(rt.kind, [ev.object], this.tableCtx(tableQuery, { resourceVersion: rv }));
      const object = first ? table : { ...table, columnDefinitions: null };
      emit({ type: ev.type, object: object as unknown as KObject });
    });
    return {
      status: 200,
      watch: {
        onEvent(cb) {
          subs.push(cb);
          for (const ev of backlog.splice(0)) cb(ev);
        },
        stop,
      },
    };
  }

  /**
   * The scale subresource: an autoscaling/v1 Scale view of spec.replicas.
   * Models pkg/registry/apps/deployment/storage/storage.go (ScaleREST, scaleFromDeployment)
   */
  private scale(method: string, rt: ResourceType, ns: string | undefined, name: string, req: ApiRequest, dryRun: boolean): ApiResponse {
    if (method === 'GET') return ok(toScale(rt, this.api.get(rt, ns, name)));
    let body: { spec?: { replicas?: unknown }; metadata?: { resourceVersion?: string } };
    if (method === 'PUT') {
      body = this.body(req) as typeof body;
    } else if (method === 'PATCH') {
      const ct = header(req, 'content-type').split(';')[0].trim();
      if (!PATCH_TYPES.includes(ct) || ct === 'application/apply-patch+yaml') throw errPatchMediaType();
      const cur = toScale(rt, this.api.get(rt, ns, name)) as unknown as Json;
      const patch = typeof req.body === 'string' ? parseJson(req.body) : (req.body as Json);
      try {
        // A Scale has no patch strategies: a strategic merge patch acts as a merge patch.
        body = (ct === 'application/json-patch+json' ? applyJsonPatch(cur, patch) : applyMergePatch(cur, patch)) as typeof body;
      } catch (e) {
        if (e instanceof PatchError) throw errBadRequest(e.statusMessage);
        throw e;
      }
    } else throw errMethodNotAllowed();
    const replicas = body.spec?.replicas ?? 0;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      throw errBadRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas === 'string' ? 'string' : typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
    }
    if (replicas < 0) {
      throw errInvalid('Scale.autoscaling', 'autoscaling', 'Scale', name, [invalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
    }
    const rv = body.metadata?.resourceVersion;
    const current = this.api.get(rt, ns, name);
    if (rv && rv !== current.metadata?.resourceVersion) {
      throw errConflict({ group: rt.group, resource: rt.plural }, name, OPTIMISTIC_LOCK_MESSAGE);
    }
    const updated = this.api.mutate(rt, ns, name, (o) => {
      (o.spec as { replicas?: number }).replicas = replicas;
    }, { dryRun });
    return ok(toScale(rt, updated));
  }

  /** pods/binding: 201 with a Success Status. Models pkg/registry/core/pod/storage/storage.go (BindingREST) */
  private binding(rt: ResourceType, ns: string | undefined, name: string, req: ApiRequest): ApiResponse {
    const b = this.body(req) as { metadata?: { name?: string }; target?: { name?: string; kind?: string } };
    if (b.metadata?.name !== undefined && b.metadata.name !== name) throw errBadRequest('name in URL does not match name in Binding object');
    this.api.bind(rt, ns ?? 'default', name, b.target?.name ?? '');
    return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, 201);
  }

  /**
   * pods/eviction: deletes the pod with the Eviction's DeleteOptions and answers a Success
   * Status (201). Models pkg/registry/core/pod/storage/eviction.go.
   * SIMPLIFICATION: there are no PodDisruptionBudgets, so an eviction is never refused (429).
   */
  private eviction(rt: ResourceType, ns: string | undefined, name: string, req: ApiRequest): ApiResponse {
    const b = this.body(req) as { metadata?: { name?: string }; deleteOptions?: unknown };
    if (b.metadata?.name !== undefined && b.metadata.name !== name) throw errBadRequest('name in URL does not match name in Eviction object');
    const pod = this.api.get(rt, ns, name);
    // A pod already being deleted is not deleted again.
    if (!pod.metadata?.deletionTimestamp) this.api.deleteWithResult(rt, ns, name, deleteOptions({}, b.deleteOptions));
    return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, 201);
  }

  private log(rt: ResourceType, ns: string | undefined, name: string, q: Record<string, string>): ApiResponse {
    const pod = this.api.get(rt, ns, name);
    const provider = this.api.hooks.podLogs as PodLogProvider | undefined;
    if (!provider) return { status: 200, body: '', headers: { 'content-type': 'text/plain' } };
    const res = provider(pod, q);
    if (res instanceof ApiError) throw res;
    return { status: 200, body: res.text, headers: { 'content-type': 'text/plain' }, stream: res.follow };
  }

  // ------------------------------------------------------------ openapi

  /**
   * /openapi/v2, /openapi/v3 and /openapi/v3/<group version>, as JSON text.
   * SIMPLIFICATION: the protobuf form of /openapi/v2 is not served; a client that accepts only
   * protobuf gets 406 Not Acceptable.
   */
  private openapi(method: string, parts: string[], accept: string): ApiResponse {
    if (method !== 'GET') throw errMethodNotAllowed();
    this.openApiDocs ??= new OpenApi(this.api.types);
    const docs = this.openApiDocs;
    const json = (text: string): ApiResponse => ({ status: 200, body: text, headers: { 'content-type': 'application/json' } });
    if (accept && !/json|\*\/\*/.test(accept)) {
      throw new ApiError({
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `only the following media types are accepted: application/json`,
        reason: 'NotAcceptable',
        code: 406,
      });
    }
    if (parts.length === 2 && parts[1] === 'v2') return json(docs.v2Json());
    if (parts[1] === 'v3') {
      if (parts.length === 2) return json(docs.v3IndexJson());
      const doc = docs.v3Json(parts.slice(2).join('/'));
      if (doc !== undefined) return json(doc);
    }
    throw errRouteNotFound();
  }

  // ------------------------------------------------------------ discovery

  private rootPaths(): string[] {
    const paths = new Set<string>(['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version']);
    for (const t of this.api.types) if (t.group) {
      paths.add(`/apis/${t.group}`);
      paths.add(`/apis/${t.group}/${t.version}`);
    }
    return [...paths].sort();
  }

  /**
   * Aggregated discovery (`/api` or `/apis` asked for as `apidiscovery.k8s.io/v2`
   * APIGroupDiscoveryList): every group with its versions and resources in one document, so a
   * client needs no request per group version. Built from the same APIResource lists as the
   * legacy documents: subresources are folded into their resource, `responseKind` keeps the
   * APIResource's group and version (empty when the same as the resource's).
   * Models apiserver/pkg/endpoints/discovery/aggregated/{handler.go,wrapper.go} and
   * endpoints/installer.go (ConvertGroupVersionIntoToDiscovery)
   */
  aggregatedDiscovery(core: boolean) {
    const groups: { name: string; versions: string[] }[] = core
      ? [{ name: '', versions: ['v1'] }]
      : this.groupList().groups.map((g) => ({ name: g.name, versions: g.versions.map((v) => v.version) }));
    const items = groups.map(({ name, versions }) => ({
      metadata: name ? { name, creationTimestamp: null } : { creationTimestamp: null },
      versions: versions.map((version) => {
        const list = this.resourceList(name, version, this.servedTypes().filter((t) => t.group === name && t.version === version));
        const resources: Record<string, unknown>[] = [];
        const byName = new Map<string, Record<string, unknown>>();
        const gvk = (r: Record<string, unknown>) => ({ group: (r.group as string | undefined) ?? '', version: (r.version as string | undefined) ?? '', kind: r.kind });
        for (const r of list.resources) {
          const n = r.name as string;
          if (n.includes('/')) continue;
          const d: Record<string, unknown> = {
            resource: n,
            responseKind: gvk(r),
            scope: r.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: r.singularName,
            verbs: r.verbs,
          };
          if (r.shortNames) d.shortNames = r.shortNames;
          if (r.categories) d.categories = r.categories;
          resources.push(d);
          byName.set(n, d);
        }
        for (const r of list.resources) {
          const [parent, sub] = (r.name as string).split('/');
          const d = sub === undefined ? undefined : byName.get(parent);
          if (!d) continue;
          const subs = (d.subresources ??= []) as Record<string, unknown>[];
          subs.push({ subresource: sub, responseKind: gvk(r), verbs: r.verbs });
        }
        return { version, resources, freshness: 'Current' };
      }),
    }));
    return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
  }

  apiVersions() {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '10.0.0.11:6443' }],
    };
  }

  groupList() {
    const groups = new Map<string, string[]>();
    for (const t of this.servedTypes()) {
      if (!t.group) continue;
      const vs = groups.get(t.group) ?? [];
      if (!vs.includes(t.version)) vs.push(t.version);
      groups.set(t.group, vs);
    }
    const rank = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups]
        .sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1))
        .map(([name, vs]) => ({
          name,
          versions: vs.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
          preferredVersion: { groupVersion: `${name}/${vs[0]}`, version: vs[0] },
        })),
    };
  }

  /**
   * APIResourceList of a group version, resources and subresources sorted by name. The legacy
   * core list carries no apiVersion, as the real /api/v1 answer.
   * Models apiserver/pkg/endpoints/installer.go and discovery/legacy_resources
   */
  resourceList(group: string, version: string, types: ResourceType[]) {
    const resources: Record<string, unknown>[] = [];
    for (const t of types) {
      const r: Record<string, unknown> = {
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: [...t.verbs].sort(),
      };
      if (t.shortNames.length) r.shortNames = t.shortNames;
      if (t.categories.length) r.categories = t.categories;
      if (t.storageVersionHash) r.storageVersionHash = t.storageVersionHash;
      resources.push(r);
      for (const sub of t.subresources) {
        const info = SUBRESOURCES[sub] ?? { verbs: ['get'] };
        const s: Record<string, unknown> = { name: `${t.plural}/${sub}`, singularName: '', namespaced: t.namespaced };
        if (info.group !== undefined) {
          s.group = info.group;
          s.version = info.version;
        }
        s.kind = subKind(t, sub);
        s.verbs = info.verbs;
        resources.push(s);
      }
    }
    resources.sort((a, b) => ((a.name as string) < (b.name as string) ? -1 : (a.name as string) > (b.name as string) ? 1 : 0));
    if (!group) return { kind: 'APIResourceList', groupVersion: version, resources };
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources };
  }
}

const SUBRESOURCES: Record<string, { verbs: string[]; group?: string; version?: string }> = {
  status: { verbs: ['get', 'patch', 'update'] },
  scale: { verbs: ['get', 'patch', 'update'], group: 'autoscaling', version: 'v1' },
  binding: { verbs: ['create'] },
  eviction: { verbs: ['create'], group: 'policy', version: 'v1' },
  finalize: { verbs: ['update'] },
  approval: { verbs: ['get', 'patch', 'update'] },
  token: { verbs: ['create'], group: 'authentication.k8s.io', version: 'v1' },
  ephemeralcontainers: { verbs: ['get', 'patch', 'update'] },
  log: { verbs: ['get'] },
  exec: { verbs: ['create', 'get'] },
  attach: { verbs: ['create', 'get'] },
  portforward: { verbs: ['create', 'get'] },
  proxy: { verbs: ['create', 'delete', 'get', 'patch', 'update'] },
};

/** The Scale of a scalable object; zero replicas are omitted from spec (omitempty). */
function toScale(rt: ResourceType, o: KObject) {
  const spec = (o.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (o.status ?? {}) as { replicas?: number };
  const sel =
    rt.kind === 'ReplicationController'
      ? labelSelectorFromSet(spec.selector as Record<string, string> | undefined)
      : labelSelectorFromMeta(spec.selector as MetaLabelSelector | undefined);
  const m = o.metadata ?? {};
  const scaleStatus: Record<string, unknown> = { replicas: status.replicas ?? 0 };
  const selText = sel.toString();
  if (selText) scaleStatus.selector = selText;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: spec.replicas ? { replicas: spec.replicas } : {},
    status: scaleStatus,
  };
}

function fieldValidation(q: Record<string, string>): 'Strict' | 'Warn' | 'Ignore' {
  const directive = q.fieldValidation ?? 'Warn';
  if (directive !== 'Strict' && directive !== 'Warn' && directive !== 'Ignore') {
    throw errBadRequest(`fieldValidation parameter unsupported: ${directive}`);
  }
  return directive;
}

const SCHEMA_LEAVES = new Set([
  '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
  '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity',
  '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time',
  '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
  '#/definitions/io.k8s.apimachinery.pkg.runtime.RawExtension',
  '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
]);

/**
 * A copy of `obj` without the fields its Go type does not have (what decoding into the type
 * and encoding again leaves). Only the branches that hold unknown fields are copied.
 */
function pruneUnknownFields(rt: ResourceType, obj: KObject): KObject {
  const root = definitionFor(apiVersionOf(rt), rt.kind);
  if (!root) return obj;
  const prune = (node: SchemaNode | undefined, v: unknown): unknown => {
    if (!node || v === null || typeof v !== 'object') return v;
    if (node.$ref) {
      if (SCHEMA_LEAVES.has(node.$ref)) return v;
      return prune(resolveRef(node.$ref), v);
    }
    if (Array.isArray(v)) {
      if (!node.items) return v;
      let out: unknown[] | undefined;
      v.forEach((x, i) => {
        const p = prune(node.items, x);
        if (p !== x) (out ??= v.slice())[i] = p;
      });
      return out ?? v;
    }
    const rec = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    if (node.properties) {
      for (const k of Object.keys(rec)) {
        const sub = node.properties[k];
        if (!sub) {
          out ??= { ...rec };
          delete out[k];
          continue;
        }
        const p = prune(sub, rec[k]);
        if (p !== rec[k]) (out ??= { ...rec })[k] = p;
      }
    } else if (node.additionalProperties) {
      for (const k of Object.keys(rec)) {
        const p = prune(node.additionalProperties, rec[k]);
        if (p !== rec[k]) (out ??= { ...rec })[k] = p;
      }
    }
    return out ?? v;
  };
  return prune(root, obj) as KObject;
}

/** Go's `%+v` of a decoded JSON value (maps with sorted keys, as fmt prints them). */
function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const rec = v as Record<string, unknown>;
    return `map[${Object.keys(rec).sort().map((k) => `${k}:${goFormat(rec[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v).replace(/e([+-])(\d)$/, 'e$10$2');
  return String(v);
}

/** JSON with object keys sorted, as Go encodes a map. */
function sortedJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  const rec = v as Record<string, unknown>;
  return `{${Object.keys(rec).sort().filter((k) => rec[k] !== undefined).map((k) => `${JSON.stringify(k)}:${sortedJson(rec[k])}`).join(',')}}`;
}

function header(req: ApiRequest, name: string): string {
  const h = req.headers;
  if (!h) return '';
  if (h[name] !== undefined) return h[name];
  for (const k of Object.keys(h)) if (k.toLowerCase() === name) return h[k];
  return '';
}

/** Adds `Warning: 299 - "<text>"` headers, as warning.AddWarning does. */
function withWarnings(res: ApiResponse, warnings: string[]): ApiResponse {
  if (!warnings.length) return res;
  return { ...res, headers: { ...res.headers, warning: warnings.map((w) => `299 - ${goQuote(w)}`).join(', ') }, warnings };
}

function subKind(t: ResourceType, sub: string): string {
  switch (sub) {
    case 'scale':
      return 'Scale';
    case 'binding':
      return 'Binding';
    case 'eviction':
      return 'Eviction';
    case 'log':
    case 'exec':
    case 'attach':
    case 'portforward':
    case 'proxy':
      return sub === 'exec' ? 'PodExecOptions' : sub === 'attach' ? 'PodAttachOptions' : sub === 'portforward' ? 'PodPortForwardOptions' : sub === 'proxy' ? `${t.kind}ProxyOptions` : 'Pod';
    case 'token':
      return 'TokenRequest';
    default:
      return t.kind;
  }
}

const AGGREGATED_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** Whether an Accept header asks for aggregated discovery v2 (kubectl 1.30+ asks for it first). */
function wantsAggregated(accept: string): boolean {
  return accept.split(',').some((m) => {
    const params = m.split(';').map((p) => p.trim());
    return params.includes('as=APIGroupDiscoveryList') && params.includes('g=apidiscovery.k8s.io') && params.includes('v=v2');
  });
}

function wantsTable(accept: string): boolean {
  return /as=Table/.test(accept);
}

function listOptions(q: Record<string, string>): ListOptions {
  return {
    labelSelector: q.labelSelector,
    fieldSelector: q.fieldSelector,
    resourceVersion: q.resourceVersion,
    limit: q.limit ? Number(q.limit) : undefined,
    continue: q.continue,
  };
}

function deleteOptions(q: Record<string, string>, body: unknown): DeleteOptions {
  const b = (typeof body === 'string' ? safeJson(body) : body) as DeleteOptions & { dryRun?: unknown } | undefined;
  const opts: DeleteOptions = {};
  if (b && typeof b === 'object') {
    if (b.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = b.gracePeriodSeconds;
    if (b.propagationPolicy) opts.propagationPolicy = b.propagationPolicy;
    if (b.preconditions) opts.preconditions = b.preconditions;
    if (Array.isArray(b.dryRun) && b.dryRun.includes('All')) opts.dryRun = true;
  }
  if (q.gracePeriodSeconds !== undefined) opts.gracePeriodSeconds = Number(q.gracePeriodSeconds);
  if (q.propagationPolicy) opts.propagationPolicy = q.propagationPolicy as DeleteOptions['propagationPolicy'];
  if (q.dryRun === 'All') opts.dryRun = true;
  return opts;
}

function joinSel(a: string | undefined, b: string): string {
  return a ? `${a},${b}` : b;
}

function parseJson(s: string): Json {
  try {
    return JSON.parse(s) as Json;
  } catch (e) {
    throw errBadRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

function parseBody(s: string): Json {
  try {
    return JSON.parse(s) as Json;
  } catch (e) {
    throw errBadRequest(`the body of the request was in an unknown format: ${(e as Error).message}`);
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * Items of a typed List carry no apiVersion/kind on the wire, as the real server encodes them.
 * Stored objects are immutable, so each one's stripped view is made once and shared.
 */
const stripped = new WeakMap<KObject, KObject>();
function stripTypeMeta(o: KObject): KObject {
  let s = stripped.get(o);
  if (!s) {
    const { apiVersion: _a, kind: _k, ...rest } = o;
    s = rest as KObject;
    if (Object.isFrozen(o)) {
      Object.freeze(s);
      stripped.set(o, s);
    }
  }
  return s;
}

export type { StatusObject };
