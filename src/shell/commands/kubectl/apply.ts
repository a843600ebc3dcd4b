// `kubectl create` (-f, deployment, namespace) and `kubectl apply -f FILE|DIR|-`: manifests read
// from the virtual fs or stdin (multi-document YAML or JSON), mapped through discovery, the
// last-applied-configuration annotation, the three-way strategic merge patch, `created`,
// `configured`, `unchanged`, `--dry-run=client|server`, `-o yaml|json|name` and kubectl's
// error forms (`error when creating "pod.yaml": ...`).
// Models kubectl/pkg/cmd/create/{create.go,create_deployment.go,create_namespace.go},
// kubectl/pkg/cmd/apply/{apply.go,patcher.go} and kubectl/pkg/util/apply.go.
// Leaves out: server-side apply, --prune, kustomize (-k), URLs, --validate schema checks, --record.
import type { Json, KObject } from '../../../engine';
import { createThreeWayMergePatch } from '../../../engine';
import type { DryRun, Invocation, SubCommand } from './command';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, dryRunSuffix } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, StatusError, errorText, kindPrefix } from './client';
import { parseOutput, printObjects, withTypeMeta } from './get';
import { YamlInputError, parseManifests, toGoJson, toGoJsonCompact } from './yaml';
import { CREATE_MORE_FLAGS, runCreateMore } from './create-more';
import { CREATE_EXTRA_FLAGS, runCreateExtra } from './create-extra';
import { fetchManifest, isUrl } from './remote-manifests';
import { requiredFlagsError } from './cobra-errors';
import { exactlyOneName } from './mutate-util';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface Manifest {
  source: string;
  obj: KObject;
}

/** Reads -f arguments: files, directories (.json/.yaml/.yml, sorted), `-` for stdin. */
export async function readManifests(inv: Invocation, filenames: string[], recursive: boolean): Promise<Manifest[]> {
  const fs = inv.ctx.fs;
  const out: Manifest[] = [];
  const addText = (source: string, text: string) => {
    let docs: unknown[];
    try {
      docs = parseManifests(text);
    } catch (e) {
      if (e instanceof YamlInputError) throw new KubectlError(`error: error parsing ${source}: ${e.message}`);
      throw e;
    }
    for (const d of docs) {
      if (!d || typeof d !== 'object' || Array.isArray(d)) throw new KubectlError(`error: error parsing ${source}: object expected`);
      const obj = d as KObject;
      if (obj.kind === 'List' && Array.isArray((obj as { items?: unknown }).items)) {
        for (const it of (obj as unknown as { items: KObject[] }).items) out.push({ source, obj: it });
      } else out.push({ source, obj });
    }
  };
  const walk = (dir: string, shown: string, top: boolean) => {
    for (const name of fs.readdir(dir).sort()) {
      const p = fs.resolve(name, dir);
      // filepath.Walk's paths are Join()ed, so cleaned: `.` + `a.yaml` is `a.yaml`, `./d/` + `a` is `d/a`
      const dirShown = shown.replace(/\/+$/, '').replace(/^(\.\/)+/, '');
      const s = dirShown === '.' || dirShown === '' ? name : `${dirShown}/${name}`;
      if (fs.isDir(p)) {
        if (recursive || top === false) walk(p, s, false);
        continue;
      }
      if (/\.(json|ya?ml)$/.test(name)) addText(s, fs.readFile(p));
    }
  };
  for (const f of filenames) {
    if (f === '-') {
      addText('STDIN', await inv.ctx.stdin.readAll());
      continue;
    }
    if (isUrl(f)) {
      const got = fetchManifest(f);
      if ('error' in got) throw new KubectlError(got.error);
      for (const obj of got.objects) out.push({ source: f, obj: structuredClone(obj) });
      continue;
    }
    const p = fs.resolve(f, inv.ctx.cwd);
    if (!fs.exists(p)) throw new KubectlError(`error: the path "${f}" does not exist`);
    if (fs.isDir(p)) walk(p, f, true);
    else addText(f, fs.readFile(p));
  }
  return out;
}

export interface Mapped {
  source: string;
  obj: KObject;
  r: ResourceInfo;
  ns: string | undefined;
  name: string;
}

/** Maps a manifest to its resource and namespace (resource.Builder with DefaultNamespace). */
export function mapManifest(inv: Invocation, m: Manifest): Mapped {
  const obj = m.obj;
  const missing: string[] = [];
  if (!obj.apiVersion) missing.push('apiVersion not set');
  if (!obj.kind) missing.push('kind not set');
  if (missing.length) {
    throw new KubectlError(
      `error: error validating "${m.source}": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  const r = inv.client.discovery.byKind(String(obj.apiVersion), String(obj.kind));
  const name = obj.metadata?.name ?? '';
  if (!r) {
    throw new KubectlError(
      `error: resource mapping not found for name: "${name}" namespace: "${obj.metadata?.namespace ?? ''}" from "${m.source}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`,
    );
  }
  let ns: string | undefined;
  if (r.namespaced) {
    const own = obj.metadata?.namespace;
    if (own && inv.explicitNamespace && own !== inv.namespace) {
      throw new KubectlError(
        `error: the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
      );
    }
    ns = own || inv.namespace;
    obj.metadata = { ...(obj.metadata ?? {}), namespace: ns };
  }
  return { source: m.source, obj, r, ns, name };
}

/**
 * What checkErr prints for the errors of several objects: one error prints in its own form (the
 * Invalid one as `The Pod "x" is invalid: ...`); an aggregate prints each error on its own line
 * through StandardErrorMessage (`Error from server (Invalid): error when creating ...`), other
 * errors bare (no `error: ` prefix).
 * Models kubectl/pkg/cmd/util/helpers.go (checkErr, MultipleErrors, messageForError).
 */
export function aggregateErrorText(errs: unknown[]): string {
  if (errs.length === 1) return errorText(errs[0]);
  return errs
    .map((e) => {
      if (e instanceof StatusError) {
        const s = e.status;
        if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})\n`;
        return s.reason ? `Error from server (${s.reason}): ${s.message ?? ''}\n` : `Error from server: ${s.message ?? ''}\n`;
      }
      const t = errorText(e);
      return t.startsWith('error: ') ? t.slice('error: '.length) : t;
    })
    .join('');
}

function query(dryRun: DryRun, manager: string): Record<string, string | undefined> {
  return { fieldManager: manager, dryRun: dryRun === 'server' ? 'All' : undefined };
}

/** JSON of the object without the annotation, newline-terminated (util.GetModifiedConfiguration). */
function modifiedConfiguration(obj: KObject): string {
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  const ann = { ...(copy.metadata?.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  // the manifest is an Unstructured map: an empty annotation map stays (`"annotations":{}`)
  copy.metadata = { ...(copy.metadata ?? {}), annotations: ann };
  return toGoJsonCompact(copy) + '\n';
}

function withAnnotation(obj: KObject, value: string): KObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KObject;
  copy.metadata = { ...(copy.metadata ?? {}), annotations: { ...(copy.metadata?.annotations ?? {}), [LAST_APPLIED]: value } };
  return copy;
}

async function runApply(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const files = f.list('filename');
  if (files.length === 0) {
    throw new KubectlError('error: must specify one of -f and -k');
  }
  const dry = dryRunOf(f);
  const out = f.str('output') ? parseOutput(f.str('output')) : undefined;
  const manifests = await readManifests(inv, files, f.bool('recursive'));
  if (manifests.length === 0) throw new KubectlError('error: no objects passed to apply');
  const errors: unknown[] = [];
  for (const m of manifests) {
    let mp: Mapped;
    try {
      mp = mapManifest(inv, m);
    } catch (e) {
      errors.push(e);
      continue;
    }
    const { r, ns, name, obj, source } = mp;
    const modified = modifiedConfiguration(obj);
    const desired = withAnnotation(obj, modified);
    const show = (o: KObject, verb: string) => {
      if (out) printObjects(inv, [{ r, obj: withTypeMeta(r, o) }], out, true);
      else inv.out(`${kindPrefix(r)}/${name} ${verb}${dryRunSuffix(dry)}\n`);
    };
    const live = inv.client.raw('GET', inv.client.path(r, ns, name));
    if (live.status === 404) {
      if (dry === 'client') {
        show(desired, 'created');
        continue;
      }
      const res = inv.client.raw('POST', inv.client.path(r, ns), { body: desired, query: query(dry, 'kubectl-client-side-apply') });
      if (res.status >= 300) {
        errors.push(new StatusError(res.body as StatusError['status'], res.status).withSource('creating', source));
        continue;
      }
      show(res.body as KObject, 'created');
      continue;
    }
    if (live.status >= 300) {
      errors.push(new StatusError(live.body as StatusError['status'], live.status).withSource('retrieving current configuration of:\nResource: ' + `"${r.group}/${r.version}, Resource=${r.plural}", GroupVersionKind: "${r.group}/${r.version}, Kind=${r.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfrom server for:`, source));
      continue;
    }
    const current = live.body as KObject;
    if (dry === 'client') {
      // kubectl computes no patch for a client dry run: existing objects are always "configured".
      show(current, 'configured');
      continue;
    }
    const lastApplied = current.metadata?.annotations?.[LAST_APPLIED];
    if (lastApplied === undefined) {
      inv.err(
        `Warning: resource ${r.group ? `${r.plural}.${r.group}` : r.plural}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    let original: Json | null = null;
    if (lastApplied) {
      try {
        original = JSON.parse(lastApplied) as Json;
      } catch {
        original = null;
      }
    }
    const patch = createThreeWayMergePatch(original, desired as unknown as Json, current as unknown as Json, r.kind);
    const empty = patch !== null && typeof patch === 'object' && !Array.isArray(patch) && Object.keys(patch).length === 0;
    if (empty) {
      show(current, 'unchanged');
      continue;
    }
    const res = inv.client.raw('PATCH', inv.client.path(r, ns, name), {
      body: patch,
      contentType: 'application/strategic-merge-patch+json',
      query: query(dry, 'kubectl-client-side-apply'),
    });
    if (res.status >= 300) {
      const st = new StatusError(res.body as StatusError['status'], res.status);
      // patcher.go adds `error when patching`; Info.String() prints the core group as `/v1`, apply.go then `error when applying patch: ...`
      errors.push(st.withSource('patching', source).withSource(`applying patch:\n${toGoJsonCompact(patch)}\nto:\nResource: "${r.group}/${r.version}, Resource=${r.plural}", GroupVersionKind: "${r.group}/${r.version}, Kind=${r.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfor:`, source));
      continue;
    }
    show(res.body as KObject, 'configured');
  }
  if (errors.length) {
    inv.err(aggregateErrorText(errors));
    return 1;
  }
  return 0;
}

export const applyCommand: SubCommand = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'force', type: 'bool' },
    { name: 'validate', type: 'string', def: 'strict', noOpt: 'strict' },
    { name: 'server-side', type: 'bool' },
    { name: 'field-manager', type: 'string', def: 'kubectl-client-side-apply' },
    { name: 'selector', short: 'l', type: 'string' },
    { name: 'prune', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'overwrite', type: 'bool', def: true },
  ],
  run: runApply,
};

// ------------------------------------------------------------------ create

/** Container name from an image reference (create_deployment.go buildPodSpec). */
function containerName(image: string): string {
  let n = image;
  const slash = n.lastIndexOf('/');
  if (slash >= 0) n = n.slice(slash + 1);
  const at = n.indexOf('@');
  if (at >= 0) n = n.slice(0, at);
  const colon = n.indexOf(':');
  if (colon >= 0) n = n.slice(0, colon);
  return n;
}

async function finishCreate(inv: Invocation, r: ResourceInfo, ns: string | undefined, obj: KObject, dry: DryRun, failPrefix?: string): Promise<number> {
  const out = inv.flags.str('output') ? parseOutput(inv.flags.str('output')) : undefined;
  const name = obj.metadata?.name ?? '';
  if (dry === 'client') {
    if (out && out.kind === 'json') inv.out(toGoJson(obj, '    ', '', false) + '\n');
    else if (out) printObjects(inv, [{ r, obj }], out, true);
    else inv.out(`${kindPrefix(r)}/${name} created (dry run)\n`);
    return 0;
  }
  let created: KObject;
  try {
    created = inv.client.call('POST', inv.client.path(r, ns), { body: obj, query: query(dry, 'kubectl-create') }).body as KObject;
  } catch (e) {
    // generators that wrap the API error (`failed to create deployment: ...`) lose its Status form
    if (failPrefix && e instanceof StatusError) throw new KubectlError(`error: ${failPrefix}${e.message}`);
    throw e;
  }
  if (out) printObjects(inv, [{ r, obj: withTypeMeta(r, created) }], out, true);
  else inv.out(`${kindPrefix(r)}/${name} created${dryRunSuffix(dry)}\n`);
  return 0;
}

async function createDeployment(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const images = f.list('image');
  // cobra checks the required --image before the command's own argument checks
  if (images.length === 0) throw requiredFlagsError(inv, ['image']);
  const named = f.p.argsLenAtDash >= 0 ? args.slice(0, Math.max(0, f.p.argsLenAtDash - 1)) : args;
  if (named.length !== 1) throw exactlyOneName(named.length, 'create deployment');
  const name = args[0];
  const command = f.p.argsLenAtDash >= 0 ? args.slice(1) : [];
  if (command.length && images.length > 1) throw new KubectlError('error: cannot specify multiple --image options and command');
  const labels = { app: name };
  const containers = images.map((image) => {
    const c: Record<string, unknown> = { name: containerName(image), image };
    if (command.length) c.command = command;
    if (f.int('port') >= 0 && f.changed('port')) c.ports = [{ containerPort: f.int('port') }];
    c.resources = {};
    return c;
  });
  const obj = {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, creationTimestamp: null, labels },
    spec: {
      replicas: f.int('replicas'),
      selector: { matchLabels: labels },
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
      strategy: {},
    },
    status: {},
  } as unknown as KObject;
  const r = inv.client.discovery.mustFind('deployments.apps');
  return finishCreate(inv, r, inv.namespace, obj, dryRunOf(f), 'failed to create deployment: ');
}

async function createNamespace(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create namespace');
  const obj = { kind: 'Namespace', apiVersion: 'v1', metadata: { name: args[0], creationTimestamp: null }, spec: {}, status: {} } as unknown as KObject;
  const r = inv.client.discovery.mustFind('namespaces');
  return finishCreate(inv, r, undefined, obj, dryRunOf(inv.flags));
}

async function createFromFiles(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const dry = dryRunOf(f);
  const out = f.str('output') ? parseOutput(f.str('output')) : undefined;
  const manifests = await readManifests(inv, f.list('filename'), f.bool('recursive'));
  if (manifests.length === 0) throw new KubectlError('error: no objects passed to create');
  const errors: unknown[] = [];
  for (const m of manifests) {
    try {
      const { r, ns, obj, name, source } = mapManifest(inv, m);
      if (f.bool('save-config')) {
        const v = modifiedConfiguration(obj);
        Object.assign(obj, withAnnotation(obj, v));
      }
      let created = obj;
      if (dry !== 'client') {
        const res = inv.client.raw('POST', inv.client.path(r, ns), { body: obj, query: query(dry, 'kubectl-create') });
        if (res.status >= 300) throw new StatusError(res.body as StatusError['status'], res.status).withSource('creating', source);
        created = res.body as KObject;
      }
      if (out) printObjects(inv, [{ r, obj: withTypeMeta(r, created) }], out, true);
      else inv.out(`${kindPrefix(r)}/${name} created${dryRunSuffix(dry)}\n`);
    } catch (e) {
      if (e instanceof KubectlError || e instanceof StatusError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length) {
    inv.err(aggregateErrorText(errors));
    return 1;
  }
  return 0;
}

async function runCreate(inv: Invocation): Promise<number> {
  const args = inv.flags.args;
  if (args.length === 0 || inv.flags.list('filename').length > 0) {
    if (inv.flags.list('filename').length === 0) {
      throw new KubectlError('error: must specify one of -f and -k');
    }
    return createFromFiles(inv);
  }
  const [what, ...rest] = args;
  switch (what) {
    case 'deployment':
    case 'deploy':
      return createDeployment(inv, rest);
    case 'namespace':
    case 'ns':
      return createNamespace(inv, rest);
    default:
      return (await runCreateExtra(inv, what, rest)) ?? runCreateMore(inv, what, rest);
  }
}

export const createCommand: SubCommand = {
  name: 'create',
  short: 'Create a resource from a file or from stdin',
  usage: 'kubectl create -f FILENAME [options]',
  flags: [
    { name: 'filename', short: 'f', type: 'stringSlice' },
    { name: 'recursive', short: 'R', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'save-config', type: 'bool' },
    { name: 'validate', type: 'string', def: 'strict', noOpt: 'strict' },
    { name: 'image', type: 'stringSlice' },
    { name: 'replicas', short: 'r', type: 'int', def: 1 },
    { name: 'port', type: 'int', def: -1 },
    { name: 'field-manager', type: 'string', def: 'kubectl-create' },
    { name: 'edit', type: 'bool' },
    { name: 'selector', short: 'l', type: 'string' },
    ...CREATE_MORE_FLAGS,
    ...CREATE_EXTRA_FLAGS,
  ],
  run: runCreate,
};
