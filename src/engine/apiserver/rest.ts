// The REST face of the simulated API server: Kubernetes paths, verbs and query parameters
// mapped onto ApiServer calls, discovery documents, List kinds, Table output on request and
// watch streams. The in-browser kubectl and the HTTP server (`npm run serve`) both go
// through handle(), so what one sees the other sees.
// Models staging/src/k8s.io/apiserver/pkg/endpoints/handlers/{get,create,update,patch,delete,watch}.go
import type { KObject, Json } from '../api/types';
import { ApiError, errBadRequest, errMethodNotSupported, errNoResource, successStatus, errUnsupportedMediaType } from '../api/status';
import type { StatusObject } from '../api/status';
import type { ApiServer, DeleteOptions, ListOptions, PatchContentType, WatchEvent } from './apiserver';
import type { ResourceType } from './resource-type';
import { apiVersionOf } from './resource-type';
import { buildTable } from './tables';
import { applyJsonPatch, applyMergePatch } from './patch';

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
  watch?: WatchStream;
  /** Streaming text (pods/log with follow=true). */
  stream?: TextStream;
}

export interface TextStream {
  onData(cb: (chunk: string) => void): void;
  onEnd(cb: () => void): void;
  stop(): void;
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
const fail = (e: ApiError): ApiResponse => ({ status: e.code, body: e.status });

interface Target {
  rt: ResourceType;
  ns?: string;
  name?: string;
  sub?: string;
}

export class RestHandler {
  constructor(readonly api: ApiServer) {}

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
    if (['healthz', 'livez', 'readyz'].includes(parts[0])) return { status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } };
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api') {
      if (parts.length === 1) return ok(this.apiVersions());
      group = '';
      version = parts[1];
      rest = parts.slice(2);
    } else if (parts[0] === 'apis') {
      if (parts.length === 1) return ok(this.groupList());
      group = parts[1];
      if (parts.length === 2) {
        const g = this.groupList().groups.find((x) => x.name === group);
        if (!g) throw errNoResource();
        return ok({ kind: 'APIGroup', apiVersion: 'v1', ...g });
      }
      version = parts[2];
      rest = parts.slice(3);
    } else throw errNoResource();
    const types = this.api.types.filter((t) => t.group === group && t.version === version);
    if (!types.length) throw errNoResource();
    if (rest.length === 0) return ok(this.resourceList(group, version, types));
    // legacy /watch/ prefix
    let watchPrefix = false;
    if (rest[0] === 'watch') {
      watchPrefix = true;
      rest = rest.slice(1);
    }
    const target = this.target(group, rest);
    if (watchPrefix) q.watch = 'true';
    return this.dispatch(method, target, q, req);
  }

  private target(group: string, rest: string[]): Target {
    const find = (plural: string) => {
      const rt = this.api.resource(plural, group);
      if (!rt) throw errNoResource();
      return rt;
    };
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      // /namespaces/{ns}/{resource}[/{name}[/{sub}]]  — unless it is the namespace itself with a subresource
      const nsType = find('namespaces');
      const maybe = this.api.resource(rest[2], group);
      if (!maybe && group === '' && (rest[2] === 'status' || rest[2] === 'finalize') && rest.length === 3) {
        return { rt: nsType, name: rest[1], sub: rest[2] };
      }
      const rt = find(rest[2]);
      if (!rt.namespaced) throw errNoResource();
      if (rest.length > 5) throw errNoResource();
      return { rt, ns: rest[1], name: rest[3], sub: rest[4] };
    }
    const rt = find(rest[0]);
    if (rest.length > 3) throw errNoResource();
    if (rt.namespaced && rest.length > 1) throw errNoResource();
    return { rt, name: rest[1], sub: rest[2] };
  }

  private dispatch(method: string, t: Target, q: Record<string, string>, req: ApiRequest): ApiResponse {
    const { rt, ns, name, sub } = t;
    const dryRun = q.dryRun === 'All';
    const accept = req.headers?.accept ?? req.headers?.Accept ?? '';
    if (sub && !rt.subresources.includes(sub)) throw errNoResource();
    if (!name) {
      // collection
      const listOpts = listOptions(q);
      if (method === 'GET') {
        if (q.watch === 'true' || q.watch === '1') return this.watch(rt, ns, listOpts);
        const res = this.api.list(rt, ns, listOpts);
        if (wantsTable(accept)) return ok(buildTable(rt.kind, res.items, this.tableCtx(q, res)));
        const meta: Record<string, unknown> = { resourceVersion: res.resourceVersion };
        if (res.continue) meta.continue = res.continue;
        if (res.remainingItemCount !== undefined) meta.remainingItemCount = res.remainingItemCount;
        return ok({ kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata: meta, items: res.items.map((o) => stripTypeMeta(o)) });
      }
      if (method === 'POST') {
        const body = this.body(req);
        return ok(this.api.create(rt, ns, body, { dryRun, fieldManager: q.fieldManager }), 201);
      }
      if (method === 'DELETE') {
        if (!rt.verbs.includes('deletecollection')) throw errMethodNotSupported({ group: rt.group, resource: rt.plural }, 'deletecollection');
        const items = this.api.deleteCollection(rt, ns, listOpts, deleteOptions(q, req.body));
        return ok({ kind: rt.listKind, apiVersion: apiVersionOf(rt), metadata: { resourceVersion: this.api.resourceVersion() }, items });
      }
      throw errMethodNotSupported({ group: rt.group, resource: rt.plural }, method.toLowerCase());
    }
    if (sub === 'scale') return this.scale(method, rt, ns, name, req, dryRun);
    if (sub === 'binding' && method === 'POST') return this.binding(rt, ns, name, req);
    if (sub === 'log' && method === 'GET') return this.log(rt, ns, name, q);
    if (sub === 'finalize' && method === 'PUT') {
      const body = this.body(req);
      const updated = this.api.mutate(rt, ns, name, (o) => {
        o.spec = (body.spec as Json) ?? {};
      }, { dryRun });
      return ok(updated);
    }
    if (sub && sub !== 'status') throw errMethodNotSupported({ group: rt.group, resource: `${rt.plural}/${sub}` }, method.toLowerCase());
    switch (method) {
      case 'GET': {
        if (q.watch === 'true' || q.watch === '1') {
          return this.watch(rt, ns, { ...listOptions(q), fieldSelector: joinSel(q.fieldSelector, `metadata.name=${name}`) });
        }
        const obj = this.api.get(rt, ns, name);
        if (wantsTable(accept)) return ok(buildTable(rt.kind, [obj], this.tableCtx(q, { resourceVersion: obj.metadata?.resourceVersion ?? '' })));
        return ok(obj);
      }
      case 'PUT':
        return ok(this.api.update(rt, ns, name, this.body(req), { dryRun, subresource: sub, fieldManager: q.fieldManager }));
      case 'PATCH': {
        const ct = (req.headers?.['content-type'] ?? req.headers?.['Content-Type'] ?? '').split(';')[0].trim();
        if (!['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'].includes(ct)) {
          throw errUnsupportedMediaType(ct);
        }
        const patch = typeof req.body === 'string' ? parseJson(req.body) : (req.body as Json);
        return ok(this.api.patch(rt, ns, name, ct as PatchContentType, patch, { dryRun, subresource: sub, fieldManager: q.fieldManager }));
      }
      case 'DELETE': {
        const opts = deleteOptions(q, req.body);
        const res = this.api.delete(rt, ns, name, opts);
        // Objects that linger (graceful deletion, finalizers) come back as the object.
        if (res.metadata?.deletionTimestamp && this.api.tryGet(rt, ns, name)) return ok(res);
        if (rt.plural === 'pods' || rt.plural === 'namespaces') return ok(res);
        return ok(successStatus({ name, group: rt.group || undefined, kind: rt.plural, uid: res.metadata?.uid }));
      }
      default:
        throw errMethodNotSupported({ group: rt.group, resource: rt.plural }, method.toLowerCase());
    }
  }

  private tableCtx(q: Record<string, string>, res: { resourceVersion: string; continue?: string }) {
    const io = q.includeObject;
    return {
      now: this.api.clock.now(),
      includeObject: (io === 'None' || io === 'Object' || io === 'Metadata' ? io : 'Metadata') as 'None' | 'Object' | 'Metadata',
      listMeta: { resourceVersion: res.resourceVersion, continue: res.continue },
    };
  }

  private body(req: ApiRequest): KObject {
    const b = typeof req.body === 'string' ? parseJson(req.body) : req.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) throw errBadRequest('the body of the request was in an unknown format');
    return b as KObject;
  }

  private watch(rt: ResourceType, ns: string | undefined, opts: ListOptions): ApiResponse {
    const subs: ((ev: WatchEvent) => void)[] = [];
    const backlog: WatchEvent[] = [];
    const stop = this.api.watch(rt, ns, opts, (ev) => {
      if (subs.length) for (const s of subs) s(ev);
      else backlog.push(ev);
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

  private scale(method: string, rt: ResourceType, ns: string | undefined, name: string, req: ApiRequest, dryRun: boolean): ApiResponse {
    const toScale = (o: KObject) => {
      const spec = (o.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } | Record<string, string> };
      const status = (o.status ?? {}) as { replicas?: number };
      const sel = rt.kind === 'ReplicationController' ? (spec.selector as Record<string, string>) : (spec.selector as { matchLabels?: Record<string, string> })?.matchLabels;
      return {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: {
          name: o.metadata?.name,
          namespace: o.metadata?.namespace,
          uid: o.metadata?.uid,
          resourceVersion: o.metadata?.resourceVersion,
          creationTimestamp: o.metadata?.creationTimestamp,
        },
        spec: { replicas: spec.replicas ?? 0 },
        status: {
          replicas: status.replicas ?? 0,
          selector: sel ? Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(',') : undefined,
        },
      };
    };
    if (method === 'GET') return ok(toScale(this.api.get(rt, ns, name)));
    let replicas: number | undefined;
    let rv: string | undefined;
    if (method === 'PUT') {
      const b = this.body(req) as { spec?: { replicas?: number }; metadata?: { resourceVersion?: string } };
      replicas = b.spec?.replicas;
      rv = b.metadata?.resourceVersion;
    } else if (method === 'PATCH') {
      const ct = (req.headers?.['content-type'] ?? '').split(';')[0].trim();
      const cur = toScale(this.api.get(rt, ns, name));
      const patch = typeof req.body === 'string' ? parseJson(req.body) : (req.body as Json);
      const patched = (ct === 'application/json-patch+json' ? applyJsonPatch(cur as unknown as Json, patch) : applyMergePatch(cur as unknown as Json, patch)) as { spec?: { replicas?: number } };
      replicas = patched.spec?.replicas;
    } else throw errMethodNotSupported({ group: rt.group, resource: `${rt.plural}/scale` }, method.toLowerCase());
    const updated = this.api.mutate(rt, ns, name, (o) => {
      if (rv && rv !== o.metadata?.resourceVersion) {
        o.metadata = { ...o.metadata, resourceVersion: rv };
      }
      (o.spec as { replicas?: number }).replicas = replicas ?? 0;
    }, { dryRun });
    return ok(toScale(updated));
  }

  private binding(rt: ResourceType, ns: string | undefined, name: string, req: ApiRequest): ApiResponse {
    const b = this.body(req) as { target?: { name?: string } };
    this.api.bind(rt, ns ?? 'default', name, b.target?.name ?? '');
    return ok(successStatus(), 201);
  }

  private log(rt: ResourceType, ns: string | undefined, name: string, q: Record<string, string>): ApiResponse {
    const pod = this.api.get(rt, ns, name);
    const provider = this.api.hooks.podLogs as PodLogProvider | undefined;
    if (!provider) return { status: 200, body: '', headers: { 'content-type': 'text/plain' } };
    const res = provider(pod, q);
    if (res instanceof ApiError) throw res;
    return { status: 200, body: res.text, headers: { 'content-type': 'text/plain' }, stream: res.follow };
  }

  // ------------------------------------------------------------ discovery

  private rootPaths(): string[] {
    const paths = new Set<string>(['/api', '/api/v1', '/apis', '/healthz', '/livez', '/readyz', '/version', '/openapi/v2', '/openapi/v3']);
    for (const t of this.api.types) if (t.group) {
      paths.add(`/apis/${t.group}`);
      paths.add(`/apis/${t.group}/${t.version}`);
    }
    return [...paths].sort();
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
    for (const t of this.api.types) {
      if (!t.group) continue;
      const vs = groups.get(t.group) ?? [];
      if (!vs.includes(t.version)) vs.push(t.version);
      groups.set(t.group, vs);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, vs]) => ({
        name,
        versions: vs.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
        preferredVersion: { groupVersion: `${name}/${vs[0]}`, version: vs[0] },
      })),
    };
  }

  resourceList(group: string, version: string, types: ResourceType[]) {
    const resources: Record<string, unknown>[] = [];
    for (const t of [...types].sort((a, b) => a.plural.localeCompare(b.plural))) {
      const r: Record<string, unknown> = {
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
      };
      if (t.shortNames.length) r.shortNames = t.shortNames;
      if (t.categories.length) r.categories = t.categories;
      resources.push(r);
      for (const sub of t.subresources) {
        const verbs = sub === 'status' ? ['get', 'patch', 'update'] : sub === 'scale' ? ['get', 'patch', 'update'] : sub === 'binding' || sub === 'eviction' ? ['create'] : sub === 'finalize' ? ['update'] : sub === 'token' ? ['create'] : sub === 'ephemeralcontainers' ? ['get', 'patch', 'update'] : ['get'];
        const s: Record<string, unknown> = { name: `${t.plural}/${sub}`, singularName: '', namespaced: t.namespaced, kind: subKind(t, sub), verbs };
        if (sub === 'scale') {
          s.group = 'autoscaling';
          s.version = 'v1';
        }
        resources.push(s);
      }
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
  }
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

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Items of a typed List carry no apiVersion/kind on the wire, as the real server encodes them. */
function stripTypeMeta(o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  return rest as KObject;
}

export type { StatusObject };
