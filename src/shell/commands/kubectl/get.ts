// `kubectl get`: server-side Tables laid out by the printers (wide, labels, -L, NAMESPACE,
// kind/name for several types, --sort-by, --no-headers), -o yaml|json|name|jsonpath|
// custom-columns over the full objects, `No resources found` messages, NotFound errors after
// the output, and -w/--watch/--watch-only streaming rows as events arrive.
// Models kubectl/pkg/cmd/get/get.go (Run, printGeneric, watch) and get/customcolumn.go.
// Leaves out: --chunk-size paging, --output-watch-events, --raw, --subresource (go-template: go-template.ts).
import type { KObject, Table } from '../../../engine';
import { buildTable } from '../../../engine';
import type { Invocation, SubCommand } from './command';
import { OUTPUT_FLAG, waitUntil } from './command';
import type { KubeClient, ResourceInfo } from './client';
import { KubectlError, StatusError, TABLE_ACCEPT, errorText, groupVersion, kindPrefix } from './client';
import { JsonPathError, evalPath, executeTemplate, goValue, parsePath, parseTemplate } from './jsonpath';
import { naturalLess, printTables } from './printers/table-printer';
import type { PrintOptions } from './printers/table-printer';
import { TabWriter } from './printers/tabwriter';
import { WatchTablePrinter } from './watch-printer';
import { toGoJson, toYaml } from './yaml';
import type { GoTemplate } from './go-template';
import { customColumnsFromFile, parseKubectlGoTemplate, printGoTemplate, templateText } from './template-output';

export interface Target {
  r: ResourceInfo;
  names: string[];
}

const ALLOWED_FORMATS =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

/** Splits TYPE NAME... / TYPE/NAME... arguments (resource.Builder ResourceTypeOrNameArgs). */
export function resolveTargets(client: KubeClient, args: string[], cmd: string): Target[] {
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length) {
      throw new KubectlError(
        `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${cmd} resource/<resource_name>' instead of 'kubectl ${cmd} resource resource/<resource_name>'`,
      );
    }
    const out: Target[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (name === '') throw new KubectlError(`error: arguments in resource/name form must have a single resource and name`);
      const r = client.discovery.mustFind(type);
      out.push({ r, names: [name] });
    }
    return out;
  }
  const types = client.discovery.expand(args[0]);
  const names = args.slice(1);
  return types.map((r) => ({ r, names }));
}

/** Full objects as the client sees them: list items get their apiVersion/kind back. */
export function withTypeMeta(r: ResourceInfo, o: KObject): KObject {
  if (o.apiVersion && o.kind) return o;
  return { apiVersion: groupVersion(r), kind: r.kind, ...o };
}

/** multipleGVKsRequested: over what was fetched (a name that failed does not count). */
function multipleTypesRequested(args: string[], fetched: Fetched[]): boolean {
  if (args.length === 1 && args[0] === 'all') return true;
  const kinds = new Set(fetched.map((x) => `${x.r.group}/${x.r.plural}`));
  return kinds.size > 1;
}

/**
 * cli-runtime's selector visitor rewrites a BadRequest/NotFound list error's message (it stays
 * an API error): `Unable to list "/v1, Resource=pods": ...` or, with selectors, `Unable to find
 * ... that match label selector "...", field selector "...": ...`.
 */
function listError(e: unknown, r: ResourceInfo, query: Record<string, string>): unknown {
  if (!(e instanceof StatusError) || (e.reason !== 'BadRequest' && e.reason !== 'NotFound')) return e;
  const gvr = JSON.stringify(`${r.group}/${r.version}, Resource=${r.plural}`);
  const l = query.labelSelector ?? '';
  const fs = query.fieldSelector ?? '';
  const message = l || fs ? `Unable to find ${gvr} that match label selector ${JSON.stringify(l)}, field selector ${JSON.stringify(fs)}: ${e.message}` : `Unable to list ${gvr}: ${e.message}`;
  return new StatusError({ ...e.status, message }, e.httpCode);
}

interface Fetched {
  r: ResourceInfo;
  table?: Table;
  objects: KObject[];
}

type Output =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' | 'json' | 'name' }
  | { kind: 'jsonpath'; tpl: ReturnType<typeof parseTemplate>; asJson: boolean; src: string }
  | { kind: 'custom-columns'; cols: Array<{ header: string; path: ReturnType<typeof parsePath> }> }
  | { kind: 'go-template'; tpl: GoTemplate };

/** `-o` (and `--template`, file formats through `inv`) → printer (genericclioptions.PrintFlags.ToPrinter). */
function parseOutput(o: string, inv?: Pick<Invocation, 'flags' | 'ctx'>): Output {
  if (o === '' && inv?.flags.p.values.has('template') && inv.flags.str('template')) o = 'go-template';
  if (o === '' || o === 'wide') return { kind: 'table', wide: o === 'wide' };
  if (o === 'yaml' || o === 'json' || o === 'name') return { kind: o };
  const eq = o.indexOf('=');
  const fmt = eq >= 0 ? o.slice(0, eq) : o;
  let arg = eq >= 0 ? o.slice(eq + 1) : '';
  if (['go-template', 'template', 'go-template-file', 'templatefile'].includes(fmt)) {
    return { kind: 'go-template', tpl: parseKubectlGoTemplate(templateText(fmt, arg, inv)) };
  }
  if (fmt === 'jsonpath-file') return parseOutput(`jsonpath=${templateText(fmt, arg, inv)}`);
  if (fmt === 'custom-columns-file') return parseOutput(`custom-columns=${customColumnsFromFile(templateText(fmt, arg, inv))}`);
  if (inv && !arg && (fmt === 'jsonpath' || fmt === 'jsonpath-as-json' || fmt === 'custom-columns')) arg = inv.flags.str('template');
  if (fmt === 'jsonpath' || fmt === 'jsonpath-as-json') {
    if (!arg) throw new KubectlError('error: template format specified but no template given');
    try {
      return { kind: 'jsonpath', tpl: parseTemplate(arg), asJson: fmt === 'jsonpath-as-json', src: arg };
    } catch (e) {
      throw new KubectlError(`error: error parsing jsonpath ${arg}, ${(e as Error).message}`);
    }
  }
  if (fmt === 'custom-columns') {
    if (!arg) throw new KubectlError('error: custom-columns format specified but no custom columns given');
    const cols = arg.split(',').map((spec) => {
      const i = spec.indexOf(':');
      if (i < 0) throw new KubectlError(`error: unexpected custom-columns spec: ${spec}, expected <header>:<json-path-expr>`);
      const expr = spec.slice(i + 1);
      return { header: spec.slice(0, i), path: parsePath(expr.replace(/^\{|\}$/g, '')) };
    });
    return { kind: 'custom-columns', cols };
  }
  throw new KubectlError(`error: unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED_FORMATS}`);
}

function selectorQuery(inv: Invocation): Record<string, string> {
  const q: Record<string, string> = {};
  if (inv.flags.str('selector')) q.labelSelector = inv.flags.str('selector');
  if (inv.flags.str('field-selector')) q.fieldSelector = inv.flags.str('field-selector');
  return q;
}

/** The pure-output part shared with other commands: prints objects as -o yaml/json/name/jsonpath. */
export function printObjects(inv: Invocation, objs: Array<{ r: ResourceInfo; obj: KObject }>, out: Output, single: boolean): void {
  // managedFields are hidden unless --show-managed-fields (printers.OmitManagedFieldsPrinter)
  if (!inv.flags.bool('show-managed-fields') && objs.some((x) => x.obj.metadata?.managedFields)) {
    objs = objs.map(({ r, obj }) => {
      if (!obj.metadata?.managedFields) return { r, obj };
      const { managedFields: _m, ...meta } = obj.metadata;
      return { r, obj: { ...obj, metadata: meta } };
    });
  }
  const data: unknown = single && objs.length === 1
    ? objs[0].obj
    : { apiVersion: 'v1', items: objs.map((x) => x.obj), kind: 'List', metadata: { resourceVersion: '' } };
  switch (out.kind) {
    case 'yaml':
      inv.out(toYaml(data));
      return;
    case 'json':
      inv.out(toGoJson(data) + '\n');
      return;
    case 'name':
      for (const { r, obj } of objs) inv.out(`${kindPrefix(r)}/${obj.metadata?.name ?? ''}\n`);
      return;
    case 'jsonpath': {
      if (out.asJson) {
        const results = out.tpl.flatMap((n) => (n.t === 'path' ? evalPath(data, n.steps) : []));
        inv.out(toGoJson(results) + '\n');
        return;
      }
      inv.out(executeTemplate(out.tpl, data));
      return;
    }
    case 'go-template':
      printGoTemplate(out.tpl, data, (s) => inv.out(s));
      return;
    case 'custom-columns': {
      const lines: string[][] = [out.cols.map((c) => c.header)];
      for (const { obj } of objs) {
        lines.push(
          out.cols.map((c) => {
            const vals = evalPath(obj, c.path);
            return vals.length === 0 ? '<none>' : vals.map(goValue).join(',');
          }),
        );
      }
      inv.out(new TabWriter().format(lines));
      return;
    }
    default:
      return;
  }
}

/** --sort-by for full objects (kubectl's RuntimeSort); objects lacking the field go first. */
function sortObjects<T extends { obj: KObject }>(objs: T[], field: string): T[] {
  const steps = parsePath(field.replace(/^\{|\}$/g, ''));
  const keyed = objs.map((x, i) => ({ x, i, v: evalPath(x.obj, steps)[0] }));
  const less = (p: unknown, q: unknown): boolean => {
    if (typeof p === 'number' && typeof q === 'number') return p < q;
    if (typeof p === 'string' && typeof q === 'string') return naturalLess(p, q);
    return false;
  };
  keyed.sort((p, q) => {
    const pm = p.v === undefined || p.v === null;
    const qm = q.v === undefined || q.v === null;
    if (pm || qm) return pm && qm ? p.i - q.i : pm ? -1 : 1;
    return less(p.v, q.v) ? -1 : less(q.v, p.v) ? 1 : p.i - q.i;
  });
  return keyed.map((k) => k.x);
}

async function runGet(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const args = f.args;
  const out = parseOutput(f.str('output'), inv);
  if (args.length === 0) {
    throw new KubectlError(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
        'error: Required resource not specified.\n' +
        'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
        "See 'kubectl get -h' for help and examples",
    );
  }
  const allNs = f.bool('all-namespaces');
  const targets = resolveTargets(inv.client, args, 'get');
  if (allNs && targets.some((t) => t.names.length > 0 && t.r.namespaced)) {
    throw new KubectlError('error: a resource cannot be retrieved by name across all namespaces');
  }
  const ns = allNs ? undefined : inv.namespace;
  if (f.bool('watch') || f.bool('watch-only')) return watchGet(inv, targets, out, ns);

  const errors: string[] = [];
  const fetched: Fetched[] = [];
  const wantTable = out.kind === 'table';
  const sortBy = f.str('sort-by');
  const query = selectorQuery(inv);
  for (const t of targets) {
    const path = (name?: string) => inv.client.path(t.r, ns, name);
    if (t.names.length === 0) {
      try {
        if (wantTable) {
          const table = inv.client.get(path(), { accept: TABLE_ACCEPT, query: { ...query, includeObject: sortBy ? 'Object' : undefined } }) as Table;
          fetched.push({ r: t.r, table, objects: [] });
        } else {
          const list = inv.client.get(path(), { query }) as { items?: KObject[] };
          fetched.push({ r: t.r, objects: (list.items ?? []).map((o) => withTypeMeta(t.r, o)) });
        }
      } catch (e) {
        errors.push(errorText(listError(e, t.r, query)));
      }
      continue;
    }
    for (const name of t.names) {
      try {
        if (wantTable) {
          const table = inv.client.get(path(name), { accept: TABLE_ACCEPT, query: { includeObject: sortBy ? 'Object' : undefined } }) as Table;
          const last = fetched[fetched.length - 1];
          if (last && last.r === t.r && last.table) last.table.rows.push(...table.rows);
          else fetched.push({ r: t.r, table, objects: [] });
        } else {
          const obj = withTypeMeta(t.r, inv.client.get(path(name)) as KObject);
          const last = fetched[fetched.length - 1];
          if (last && last.r === t.r) last.objects.push(obj);
          else fetched.push({ r: t.r, objects: [obj] });
        }
      } catch (e) {
        errors.push(errorText(e));
      }
    }
  }

  let wrote = false;
  if (out.kind === 'table') {
    const showKind = f.bool('show-kind') || multipleTypesRequested(args, fetched);
    const parts = fetched.map(({ r, table }) => ({
      table: table as Table,
      opts: {
        noHeaders: f.bool('no-headers'),
        wide: out.wide,
        showLabels: f.bool('show-labels'),
        labelColumns: f.list('label-columns'),
        withNamespace: allNs && r.namespaced,
        withKind: showKind ? kindPrefix(r) : undefined,
        sortBy: sortBy || undefined,
      } satisfies PrintOptions,
    }));
    const text = printTables(parts);
    if (text) {
      inv.out(text);
      wrote = true;
    }
    if (!wrote && errors.length === 0 && !f.bool('ignore-not-found')) {
      const allNamespaced = !allNs && targets.every((t) => t.r.namespaced);
      inv.err(allNamespaced ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
    }
  } else {
    const single = targets.length === 1 && targets[0].names.length === 1;
    let objs = fetched.flatMap((x) => x.objects.map((obj) => ({ r: x.r, obj })));
    if (sortBy) objs = sortObjects(objs, sortBy);
    if (!(single && objs.length === 0)) {
      try {
        printObjects(inv, objs, out, single);
      } catch (e) {
        if (e instanceof JsonPathError) throw new KubectlError(`error: error executing jsonpath ${JSON.stringify(f.str('output').slice(f.str('output').indexOf('=') + 1))}: ${e.message}`);
        throw e;
      }
    }
  }
  if (errors.length) {
    const notFoundOnly = errors.every((e) => e.startsWith('Error from server (NotFound)'));
    if (f.bool('ignore-not-found') && notFoundOnly) return 0;
    inv.err(errors.join(''));
    return 1;
  }
  return 0;
}

async function watchGet(inv: Invocation, targets: Target[], out: Output, ns: string | undefined): Promise<number> {
  const f = inv.flags;
  if (targets.length !== 1 || targets[0].names.length > 1) {
    throw new KubectlError('error: you may only specify a single resource type');
  }
  const { r, names } = targets[0];
  const query = selectorQuery(inv);
  if (names.length === 1) query.fieldSelector = query.fieldSelector ? `${query.fieldSelector},metadata.name=${names[0]}` : `metadata.name=${names[0]}`;
  const listPath = inv.client.path(r, ns);
  const opts: PrintOptions = {
    noHeaders: f.bool('no-headers'),
    wide: out.kind === 'table' && out.wide,
    showLabels: f.bool('show-labels'),
    labelColumns: f.list('label-columns'),
    withNamespace: f.bool('all-namespaces') && r.namespaced,
    withKind: f.bool('show-kind') ? kindPrefix(r) : undefined,
  };
  const printer = new WatchTablePrinter(opts);
  const emit = (objs: KObject[], table?: Table) => {
    if (out.kind === 'table') {
      inv.out(printer.print(table ?? buildTable(r.kind, objs, { now: inv.client.host.now(), includeObject: 'Object' })));
    } else if (out.kind === 'yaml') {
      for (const o of objs) inv.out(toYaml(withTypeMeta(r, o)).replace(/^/, '---\n'));
    } else {
      for (const o of objs) printObjects(inv, [{ r, obj: withTypeMeta(r, o) }], out, true);
    }
  };
  // the initial list
  let rv = '';
  if (out.kind === 'table') {
    const table = inv.client.get(listPath, { accept: TABLE_ACCEPT, query: { ...query, includeObject: 'Object' } }) as Table;
    rv = table.metadata.resourceVersion ?? '';
    if (names.length === 1 && table.rows.length === 0) throw new StatusError({ reason: 'NotFound', message: `${r.group ? `${r.plural}.${r.group}` : r.plural} "${names[0]}" not found` }, 404);
    if (!f.bool('watch-only')) emit([], table);
  } else {
    const list = inv.client.get(listPath, { query }) as { items?: KObject[]; metadata?: { resourceVersion?: string } };
    rv = list.metadata?.resourceVersion ?? '';
    if (!f.bool('watch-only')) {
      const items = list.items ?? [];
      if (out.kind === 'yaml' || out.kind === 'name') emit(items);
      else printObjects(inv, items.map((obj) => ({ r, obj: withTypeMeta(r, obj) })), out, false);
    }
  }
  const res = inv.client.call('GET', listPath, { query: { ...query, watch: 'true', resourceVersion: rv } });
  const watch = res.watch;
  if (!watch) return 0;
  await waitUntil(inv.ctx, () => {
    watch.onEvent((ev) => {
      if (ev.type === 'BOOKMARK') return;
      if (ev.type === 'ERROR') return;
      emit([ev.object]);
    });
    return () => watch.stop();
  });
  // kubectl's interrupt handler exits 1 after Ctrl-C (interrupt.New(nil, cancel) → os.Exit(1)).
  return 1;
}

const GET_USAGE = 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]';

export const getCommand: SubCommand = {
  name: 'get',
  short: 'Display one or many resources',
  usage: GET_USAGE,
  flags: [
    OUTPUT_FLAG,
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'field-selector', type: 'string' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'stringSlice' },
    { name: 'sort-by', type: 'string' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int', def: 500 },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'template', type: 'string' },
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
  ],
  run: runGet,
};

export { parseOutput };
export type { Output };
