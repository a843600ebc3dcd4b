// The OpenAPI documents the API server publishes, built from the same generated schema as the
// editor and `kubectl explain`: /openapi/v2 (swagger 2.0, one document) and /openapi/v3 (a
// discovery of group versions, each with its own document; refs as `allOf` wrappers like the
// real server). Paths carry `x-kubernetes-group-version-kind`, `x-kubernetes-action` and the
// query parameters kubectl looks for (fieldValidation, dryRun, fieldManager); definitions carry
// the strategic-merge-patch extensions of patch-meta.ts.
// Leaves out: parameter/response detail beyond what clients read, subresource paths, protobuf.
// Models staging/src/k8s.io/apiserver/pkg/endpoints/installer.go and kube-openapi's builder3.
import { openApiV2Document } from '../schema';
import type { SchemaNode } from '../schema';
import type { ResourceType } from './resource-type';
import { PatchMeta } from './patch/patch-meta';

type JsonMap = Record<string, unknown>;

const V2_REF = '#/definitions/';
const V3_REF = '#/components/schemas/';

/** Kubernetes' definition key for a kind (`io.k8s.api.apps.v1.Deployment`). */
function definitionKey(rt: Pick<ResourceType, 'group' | 'version' | 'kind'>): string {
  const g = rt.group ? rt.group.split('.')[0] : 'core';
  return `io.k8s.api.${g}.${rt.version}.${rt.kind}`;
}

const gvkOf = (rt: ResourceType) => ({ group: rt.group, kind: rt.kind, version: rt.version });

/** The last segment of a definition key names the Go type patch-meta.ts indexes. */
function withPatchExtensions(name: string, node: SchemaNode): JsonMap {
  const short = name.slice(name.lastIndexOf('.') + 1);
  const meta = PatchMeta.forKind(short);
  if (!node.properties) return node as JsonMap;
  const props: JsonMap = {};
  let changed = false;
  for (const [field, sub] of Object.entries(node.properties)) {
    const m = meta.lookup(field).meta;
    if (m.strategy || m.mergeKey) {
      const ext: JsonMap = { ...sub };
      if (m.mergeKey) ext['x-kubernetes-patch-merge-key'] = m.mergeKey;
      if (m.strategy) ext['x-kubernetes-patch-strategy'] = m.strategy;
      props[field] = ext;
      changed = true;
    } else props[field] = sub;
  }
  return changed ? { ...node, properties: props } : (node as JsonMap);
}

interface Op {
  verb: string;
  action: string;
  idPrefix: string;
  rt: ResourceType;
  namespaced: boolean;
  item: boolean;
}

const QUERY_PARAMS: Record<string, string[]> = {
  list: ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'],
  get: [],
  post: ['dryRun', 'fieldManager', 'fieldValidation'],
  put: ['dryRun', 'fieldManager', 'fieldValidation'],
  patch: ['dryRun', 'fieldManager', 'fieldValidation', 'force'],
  delete: ['dryRun', 'gracePeriodSeconds', 'ignoreStoreReadErrorWithClusterBreakingPotential', 'orphanDependents', 'propagationPolicy'],
  deletecollection: ['continue', 'dryRun', 'fieldSelector', 'gracePeriodSeconds', 'labelSelector', 'limit', 'orphanDependents', 'propagationPolicy', 'resourceVersion', 'timeoutSeconds'],
};

const PARAM_TYPES: Record<string, string> = { limit: 'integer', gracePeriodSeconds: 'integer', timeoutSeconds: 'integer', watch: 'boolean', allowWatchBookmarks: 'boolean', orphanDependents: 'boolean', force: 'boolean', sendInitialEvents: 'boolean', ignoreStoreReadErrorWithClusterBreakingPotential: 'boolean' };

function upperFirst(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function operationId(op: Op): string {
  const gv = op.rt.group ? `${op.rt.group.split('.')[0]}${upperFirst(op.rt.version)}` : `core${upperFirst(op.rt.version)}`;
  const ns = op.namespaced ? 'Namespaced' : '';
  const kind = op.action === 'list' || op.action === 'deletecollection' ? `${op.rt.kind}` : op.rt.kind;
  const verb = { get: 'read', list: 'list', post: 'create', put: 'replace', patch: 'patch', delete: 'delete', deletecollection: 'deleteCollection' }[op.action] ?? op.action;
  return `${verb}${upperFirst(gv)}${ns}${kind}`;
}

function operation(op: Op, v3: boolean): JsonMap {
  const ref = (v3 ? V3_REF : V2_REF) + definitionKey(op.rt);
  const params = QUERY_PARAMS[op.action].map((name) => {
    const type = PARAM_TYPES[name] ?? 'string';
    return v3 ? { name, in: 'query', schema: { type, uniqueItems: true } } : { name, in: 'query', type, uniqueItems: true };
  });
  const out: JsonMap = {
    tags: [op.rt.group ? `${op.rt.group.split('.')[0]}_${op.rt.version}` : `core_${op.rt.version}`],
    operationId: operationId(op),
    parameters: params,
  };
  if (op.action === 'post' || op.action === 'put' || op.action === 'patch') {
    const types = op.action === 'patch' ? ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'] : ['*/*'];
    const schema = op.action === 'patch' ? (v3 ? { $ref: `${V3_REF}io.k8s.apimachinery.pkg.apis.meta.v1.Patch` } : { type: 'object' }) : { $ref: ref };
    if (v3) out.requestBody = { content: Object.fromEntries(types.map((t) => [t, { schema }])), required: true };
    else (out.parameters as JsonMap[]).unshift({ name: 'body', in: 'body', required: true, schema });
  }
  const okSchema = op.action === 'list' || op.action === 'deletecollection' ? { $ref: (v3 ? V3_REF : V2_REF) + definitionKey(op.rt) + 'List' } : { $ref: ref };
  out.responses = v3
    ? { '200': { description: 'OK', content: { 'application/json': { schema: okSchema } } }, '401': { description: 'Unauthorized' } }
    : { '200': { description: 'OK', schema: okSchema }, '401': { description: 'Unauthorized' } };
  out['x-kubernetes-action'] = op.action === 'post' ? 'post' : op.action === 'put' ? 'put' : op.action;
  out['x-kubernetes-group-version-kind'] = gvkOf(op.rt);
  return out;
}

/** Paths of one resource type, namespaced ones under /namespaces/{namespace}. */
function resourcePaths(rt: ResourceType, v3: boolean): [string, JsonMap][] {
  const prefix = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  const base = rt.namespaced ? `${prefix}/namespaces/{namespace}/${rt.plural}` : `${prefix}/${rt.plural}`;
  const mk = (action: string, item: boolean): JsonMap => operation({ verb: action, action, idPrefix: '', rt, namespaced: rt.namespaced, item }, v3);
  const collection: JsonMap = {};
  if (rt.verbs.includes('list')) collection.get = mk('list', false);
  if (rt.verbs.includes('create')) collection.post = mk('post', false);
  if (rt.verbs.includes('deletecollection')) collection.delete = mk('deletecollection', false);
  const item: JsonMap = {};
  if (rt.verbs.includes('get')) item.get = mk('get', true);
  if (rt.verbs.includes('update')) item.put = mk('put', true);
  if (rt.verbs.includes('patch')) item.patch = mk('patch', true);
  if (rt.verbs.includes('delete')) item.delete = mk('delete', true);
  const pathParams = (named: boolean) => {
    const ps: JsonMap[] = [];
    if (named) ps.push(v3 ? { name: 'name', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } } : { name: 'name', in: 'path', required: true, type: 'string', uniqueItems: true });
    if (rt.namespaced) ps.push(v3 ? { name: 'namespace', in: 'path', required: true, schema: { type: 'string', uniqueItems: true } } : { name: 'namespace', in: 'path', required: true, type: 'string', uniqueItems: true });
    ps.push(v3 ? { name: 'pretty', in: 'query', schema: { type: 'string', uniqueItems: true } } : { name: 'pretty', in: 'query', type: 'string', uniqueItems: true });
    return ps;
  };
  const out: [string, JsonMap][] = [];
  if (Object.keys(collection).length) out.push([base, { ...collection, parameters: pathParams(false) }]);
  if (Object.keys(item).length) out.push([`${base}/{name}`, { ...item, parameters: pathParams(true) }]);
  return out;
}

/** Definition keys reachable from `roots` through $ref (v2 form). */
function closure(defs: Record<string, SchemaNode>, roots: string[]): string[] {
  const seen = new Set<string>();
  const stack = roots.filter((r) => defs[r]);
  const visit = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    for (const [k, v] of Object.entries(n as JsonMap)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(V2_REF)) {
        const name = v.slice(V2_REF.length);
        if (!seen.has(name) && defs[name]) stack.push(name);
      } else if (typeof v === 'object') visit(v);
    }
  };
  while (stack.length) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    visit(defs[name]);
  }
  return [...seen].sort();
}

/** Rewrites a v2 schema node to v3: `#/components/schemas/` refs, `$ref` with siblings as allOf. */
function toV3(n: unknown): unknown {
  if (!n || typeof n !== 'object') return n;
  if (Array.isArray(n)) return n.map(toV3);
  const o = n as JsonMap;
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === '$ref') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as JsonMap).map(([pk, pv]) => [pk, toV3(pv)])) : toV3(v);
  }
  if (typeof o.$ref === 'string') {
    const ref = V3_REF + o.$ref.slice(V2_REF.length);
    if (Object.keys(out).length === 0) return { $ref: ref };
    return { ...out, allOf: [{ $ref: ref }] };
  }
  return out;
}

/** A short stable hash (FNV-1a, two lanes) for the `?hash=` of v3 URLs. */
function hashOf(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return (a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0')).toUpperCase();
}

/** The OpenAPI documents for a set of served resource types; built once, on first use. */
export class OpenApi {
  private v2?: string;
  private v3 = new Map<string, string>();
  private v3Index?: string;

  constructor(private readonly types: readonly ResourceType[]) {}

  private groupVersions(): string[] {
    const gvs = new Set<string>();
    for (const t of this.types) gvs.add(t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`);
    return [...gvs].sort();
  }

  /** `GET /openapi/v2` as JSON text. */
  v2Json(): string {
    if (this.v2 === undefined) {
      const doc = openApiV2Document();
      const definitions: JsonMap = {};
      for (const name of Object.keys(doc.definitions).sort()) definitions[name] = withPatchExtensions(name, doc.definitions[name]);
      const paths: JsonMap = {};
      for (const rt of this.types) for (const [p, item] of resourcePaths(rt, false)) paths[p] = item;
      this.v2 = JSON.stringify({ swagger: '2.0', info: doc.info, paths, definitions });
    }
    return this.v2;
  }

  /** `GET /openapi/v3`: the group versions and the URLs of their documents. */
  v3IndexJson(): string {
    if (this.v3Index === undefined) {
      const paths: JsonMap = {};
      for (const gv of this.groupVersions()) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${hashOf(this.v3Json(gv) ?? '')}` };
      this.v3Index = JSON.stringify({ paths });
    }
    return this.v3Index;
  }

  /** `GET /openapi/v3/api/v1` or `/openapi/v3/apis/apps/v1`; undefined for an unknown group version. */
  v3Json(gv: string): string | undefined {
    const cached = this.v3.get(gv);
    if (cached !== undefined) return cached;
    const types = this.types.filter((t) => (t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`) === gv);
    if (!types.length) return undefined;
    const doc = openApiV2Document();
    const roots = types.flatMap((t) => [definitionKey(t), `${definitionKey(t)}List`]);
    roots.push('io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch');
    const schemas: JsonMap = {};
    for (const name of closure(doc.definitions, roots)) schemas[name] = toV3(withPatchExtensions(name, doc.definitions[name]));
    const paths: JsonMap = {};
    for (const rt of types) for (const [p, item] of resourcePaths(rt, true)) paths[p] = item;
    const text = JSON.stringify({ openapi: '3.0.0', info: { title: 'Kubernetes', version: doc.info.version }, paths, components: { schemas } });
    this.v3.set(gv, text);
    return text;
  }
}
