// kubectl's REST client side: discovery (legacy /api and /apis documents) turned into a
// RESTMapper that resolves `po`, `pods`, `Pod`, `deploy/web`, `deployments.apps`,
// `deployments.v1.apps` and categories (`all`); request helpers; metav1.Status errors as
// kubectl prints them (`Error from server (NotFound): ...`, the Invalid multi-line form).
// Models k8s.io/client-go/restmapper (shortcut and priority mappers), k8s.io/cli-runtime
// resource builder argument splitting and kubectl/pkg/cmd/util/helpers.go (checkErr).
// Leaves out: aggregated discovery, discovery caching on disk, version priority between groups.
import type { ApiRequest, ApiResponse, KObject } from '../../../engine';
import type { KubeHost } from './host';

export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface ResourceInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  verbs: string[];
  categories: string[];
}

export const groupVersion = (r: Pick<ResourceInfo, 'group' | 'version'>) => (r.group ? `${r.group}/${r.version}` : r.version);
/** `pod`, `deployment.apps` — how kubectl prefixes names (`-o name`, messages). */
export const kindPrefix = (r: Pick<ResourceInfo, 'group' | 'kind'>) => (r.group ? `${r.kind.toLowerCase()}.${r.group}` : r.kind.toLowerCase());
/** `pods`, `deployments.apps` (GroupResource.String()). */
export const groupResource = (r: Pick<ResourceInfo, 'group' | 'plural'>) => (r.group ? `${r.plural}.${r.group}` : r.plural);

export interface StatusBody {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: Array<{ field?: string; message?: string; reason?: string }> };
}

/** An error kubectl prints and exits 1 with; `text` already has its `error: ` or `Error from server` form. */
export class KubectlError extends Error {
  constructor(readonly text: string, readonly exitCode = 1) {
    super(text);
  }
}

/** A failed API request. */
export class StatusError extends Error {
  constructor(readonly status: StatusBody, readonly httpCode: number) {
    super(status.message ?? '');
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
  /** A copy whose message is prefixed (cmdutil.AddSourceToErr). */
  withSource(verb: string, source: string): StatusError {
    if (!source) return this;
    return new StatusError({ ...this.status, message: `error when ${verb} "${source}": ${this.status.message ?? ''}` }, this.httpCode);
  }
}

/** What kubectl's checkErr prints for an error (with trailing newline). */
export function errorText(e: unknown): string {
  if (e instanceof KubectlError) return e.text.endsWith('\n') ? e.text : e.text + '\n';
  if (e instanceof StatusError) {
    const s = e.status;
    if (s.reason === 'Invalid') {
      const d = s.details;
      if (d) {
        let prefix = 'The request is invalid';
        if (d.kind || d.name) prefix = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
        const causes = d.causes ?? [];
        if (causes.length === 0) return prefix + '\n';
        const msgs = causes.map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
        if (msgs.length === 1) return `${prefix}: ${msgs[0]}\n`;
        return `${prefix}: \n${msgs.map((m) => `* ${m}\n`).join('')}`;
      }
    }
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})\n`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message ?? ''}\n`;
    return `Error from server: ${s.message ?? ''}\n`;
  }
  if (e instanceof Error) return `error: ${e.message}\n`;
  return `error: ${String(e)}\n`;
}

export interface RequestOptions {
  query?: Record<string, string | undefined>;
  body?: unknown;
  accept?: string;
  contentType?: string;
}

export class Discovery {
  readonly resources: ResourceInfo[] = [];
  /** Where the shortcut expander's ambiguity warning goes (kubectl's warning handler). */
  onWarning?: (text: string) => void;
  constructor(client: KubeClient) {
    const core = client.get('/api/v1') as { resources?: Array<Record<string, unknown>> };
    this.addList('', 'v1', core.resources ?? []);
    const groups = client.get('/apis') as { groups?: Array<{ name: string; preferredVersion?: { version: string }; versions: Array<{ version: string }> }> };
    for (const g of groups.groups ?? []) {
      const v = g.preferredVersion?.version ?? g.versions[0]?.version;
      if (!v) continue;
      const list = client.get(`/apis/${g.name}/${v}`) as { resources?: Array<Record<string, unknown>> };
      this.addList(g.name, v, list.resources ?? []);
    }
  }

  private addList(group: string, version: string, list: Array<Record<string, unknown>>): void {
    for (const r of list) {
      const name = String(r.name ?? '');
      if (name.includes('/')) continue;
      this.resources.push({
        group,
        version,
        kind: String(r.kind ?? ''),
        plural: name,
        singular: String(r.singularName || String(r.kind ?? '').toLowerCase()),
        shortNames: (r.shortNames as string[] | undefined) ?? [],
        namespaced: r.namespaced === true,
        verbs: (r.verbs as string[] | undefined) ?? [],
        categories: (r.categories as string[] | undefined) ?? [],
      });
    }
  }

  /** Resources in a category, in discovery order. */
  category(name: string): ResourceInfo[] {
    return this.resources.filter((r) => r.categories.includes(name));
  }

  /** RESTMapper lookup of one resource argument (no categories); undefined when unknown. */
  find(arg: string): ResourceInfo | undefined {
    const a = arg.toLowerCase();
    const tryMatch = (res: string, group?: string, version?: string) => {
      const cands = this.resources.filter((r) => (group === undefined || r.group === group) && (version === undefined || r.version === version));
      // plural/singular first, then short names, then kinds (kubectl's shortcut expander runs first)
      const short = cands.find((r) => r.shortNames.includes(res));
      if (short && group === undefined) {
        // client-go's shortcutExpander: the first match wins, the others are named in a warning
        for (const other of cands) {
          if (other === short || !other.shortNames.includes(res) || (other.group === short.group && other.plural === short.plural)) continue;
          this.onWarning?.(`short name ${JSON.stringify(res)} could also match lower priority resource ${other.group ? `${other.plural}.${other.group}` : other.plural}`);
        }
        return short;
      }
      return (
        cands.find((r) => r.plural === res) ??
        cands.find((r) => r.singular === res) ??
        short ??
        cands.find((r) => r.kind.toLowerCase() === res)
      );
    };
    const direct = tryMatch(a);
    if (direct) return direct;
    const dot = a.indexOf('.');
    if (dot > 0) {
      const res = a.slice(0, dot);
      const rest = a.slice(dot + 1);
      // resource.version.group
      const dot2 = rest.indexOf('.');
      if (dot2 > 0) {
        const r = tryMatch(res, rest.slice(dot2 + 1), rest.slice(0, dot2));
        if (r) return r;
      }
      return tryMatch(res, rest);
    }
    return undefined;
  }

  /** Like find, but with kubectl's error for unknown types. */
  mustFind(arg: string): ResourceInfo {
    const r = this.find(arg);
    if (!r) throw new KubectlError(`error: the server doesn't have a resource type "${arg}"`);
    return r;
  }

  /** Expands `all`/categories and comma lists: `rc,pods` → [rc, pods]. */
  expand(arg: string): ResourceInfo[] {
    const out: ResourceInfo[] = [];
    for (const part of arg.split(',')) {
      if (part === '') continue;
      const r = this.find(part);
      if (r) {
        out.push(r);
        continue;
      }
      const cat = this.category(part.toLowerCase());
      if (cat.length) {
        out.push(...cat);
        continue;
      }
      throw new KubectlError(`error: the server doesn't have a resource type "${part}"`);
    }
    return out;
  }

  byKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    const i = apiVersion.indexOf('/');
    const group = i >= 0 ? apiVersion.slice(0, i) : '';
    const version = i >= 0 ? apiVersion.slice(i + 1) : apiVersion;
    return (
      this.resources.find((r) => r.group === group && r.version === version && r.kind === kind) ??
      this.resources.find((r) => r.group === group && r.kind === kind)
    );
  }
}

export class KubeClient {
  private disco?: Discovery;
  /** Where server warnings (`Warning:` headers) go, once per distinct text, as kubectl's warning handler. */
  onWarning?: (text: string) => void;
  private readonly warned = new Set<string>();
  constructor(readonly host: KubeHost) {}

  private warn(res: ApiResponse): void {
    if (!res.warnings) return;
    for (const w of res.warnings) this.warnText(w);
  }

  private warnText(w: string): void {
    if (!this.onWarning || this.warned.has(w)) return;
    this.warned.add(w);
    this.onWarning(w);
  }

  get discovery(): Discovery {
    if (!this.disco) {
      this.disco = new Discovery(this);
      this.disco.onWarning = (w) => this.warnText(w);
    }
    return this.disco;
  }

  raw(method: string, path: string, opts: RequestOptions = {}): ApiResponse {
    const query: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') query[k] = v;
    const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const req: ApiRequest = { method, path, query, headers };
    if (opts.body !== undefined) req.body = opts.body;
    const res = this.host.request(req);
    this.warn(res);
    return res;
  }

  /** A request whose non-2xx answer throws StatusError. */
  call(method: string, path: string, opts: RequestOptions = {}): ApiResponse {
    const res = this.raw(method, path, opts);
    if (res.status < 200 || res.status > 299) throw toStatusError(res);
    return res;
  }

  get(path: string, opts: RequestOptions = {}): unknown {
    return this.call('GET', path, opts).body;
  }

  /** Path of a collection or an object: /api/v1/namespaces/ns/pods[/name][/sub]. */
  path(r: ResourceInfo, ns: string | undefined, name?: string, sub?: string): string {
    let p = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
    if (r.namespaced && ns) p += `/namespaces/${ns}`;
    p += `/${r.plural}`;
    if (name !== undefined) p += `/${name}`;
    if (sub) p += `/${sub}`;
    return p;
  }

  getObject(r: ResourceInfo, ns: string | undefined, name: string): KObject {
    return this.get(this.path(r, ns, name)) as KObject;
  }
}

export function toStatusError(res: ApiResponse): StatusError {
  const b = res.body as StatusBody | string | undefined;
  if (b && typeof b === 'object' && b.kind === 'Status') return new StatusError(b, res.status);
  const msg = typeof b === 'string' ? b : 'the server could not find the requested resource';
  return new StatusError({ message: msg, reason: res.status === 404 ? 'NotFound' : '', code: res.status }, res.status);
}

/** Strips what kubectl strips before printing object-derived text (CVE-2021-25743): control characters but \n and \t. */
export function sanitize(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === '\x1b' ? '^[' : ''));
}
