// `kubectl create service clusterip|nodeport|loadbalancer|externalname`, `create configmap`
// (--from-literal, --from-file, --from-env-file), `create secret generic`, `create job` and
// `create job [--from=cronjob/NAME]`, `create cronjob` and `create serviceaccount`: the objects
// kubectl builds client-side, `--dry-run=client -o yaml`, `<kind>/<name> created` and the
// validation errors kubectl prints.
// Models kubectl/pkg/cmd/create/{create_service.go,create_configmap.go,create_secret.go,create_job.go,create_cronjob.go,create_serviceaccount.go}.
// Leaves out: secret docker-registry/tls, --append-hash, binary file data.
import type { KObject } from '../../../engine';
import type { DryRun, Invocation } from './command';
import { dryRunOf, dryRunSuffix } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, StatusError, kindPrefix } from './client';
import { parseOutput, printObjects, withTypeMeta } from './get';
import { exactlyOneName } from './mutate-util';
import { groupHelp, requiredFlagsError, unknownSubcommand } from './cobra-errors';
import { toGoJson } from './yaml';
import { base64Encode } from '../coreutils/text';
import { utf8Encode } from '../coreutils/common';

/** The flags these sub-commands add to `kubectl create`. */
export const CREATE_MORE_FLAGS = [
  { name: 'tcp', type: 'stringSlice' as const },
  { name: 'clusterip', type: 'string' as const },
  { name: 'node-port', type: 'int' as const, def: 0 },
  { name: 'external-name', type: 'string' as const },
  { name: 'from-literal', type: 'stringArray' as const },
  { name: 'from-file', type: 'stringSlice' as const },
  { name: 'from-env-file', type: 'stringSlice' as const },
  { name: 'type', type: 'string' as const },
  { name: 'append-hash', type: 'bool' as const },
  { name: 'from', type: 'string' as const },
  { name: 'schedule', type: 'string' as const },
  { name: 'restart', type: 'string' as const },
];

const b64 = (s: string): string => base64Encode(utf8Encode(s));

/** The generators' `fmt.Errorf("failed to create ...: %v", err)` around a failed POST. */
const failedTo = (prefix: string) => (e: StatusError): never => {
  throw new KubectlError(`error: ${prefix}${e.message}`);
};

async function send(inv: Invocation, r: ResourceInfo, ns: string | undefined, obj: KObject, dry: DryRun, wrap?: (e: StatusError) => never): Promise<number> {
  const o = inv.flags.str('output');
  const name = obj.metadata?.name ?? '';
  let result = obj;
  if (dry !== 'client') {
    const res = inv.client.raw('POST', inv.client.path(r, ns), { body: obj, query: { fieldManager: 'kubectl-create', dryRun: dry === 'server' ? 'All' : undefined } });
    if (res.status >= 300) {
      const body = res.body as StatusError['status'] | string;
      const st =
        body && typeof body === 'object' && body.kind === 'Status'
          ? new StatusError(body, res.status)
          : new StatusError({ message: 'the server could not find the requested resource', reason: 'NotFound', code: res.status }, res.status);
      if (wrap) wrap(st);
      throw st;
    }
    result = withTypeMeta(r, res.body as KObject);
  }
  if (o) {
    const out = parseOutput(o);
    if (out.kind === 'json' && dry === 'client') inv.out(toGoJson(result, '    ', '', false) + '\n');
    else printObjects(inv, [{ r, obj: result }], out, true);
  } else inv.out(`${kindPrefix(r)}/${name} created${dryRunSuffix(dry)}\n`);
  return 0;
}

/** A resource known to the client even when the server does not serve it (typed clients). */
function typed(inv: Invocation, plural: string, fallback: ResourceInfo): ResourceInfo {
  return inv.client.discovery.find(plural) ?? fallback;
}

// ------------------------------------------------------------------ service

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
const SERVICE_TYPES: Record<string, ServiceType> = { clusterip: 'ClusterIP', nodeport: 'NodePort', loadbalancer: 'LoadBalancer', externalname: 'ExternalName' };

/** `port[:targetPort]` → ServicePort (create_service.go createService). */
function servicePort(spec: string, nodePort: number): Record<string, unknown> {
  const [portStr, targetStr] = spec.split(':', 2);
  const port = Number(portStr);
  if (!/^-?\d+$/.test(portStr)) throw new KubectlError(`error: strconv.Atoi: parsing ${JSON.stringify(portStr)}: invalid syntax`);
  let target: number | string = port;
  if (targetStr !== undefined) target = /^\d+$/.test(targetStr) ? Number(targetStr) : targetStr;
  const p: Record<string, unknown> = { name: spec.replace(/:/g, '-'), protocol: 'TCP', port, targetPort: target };
  if (nodePort > 0) p.nodePort = nodePort;
  return p;
}

async function createService(inv: Invocation, typeWord: string | undefined, args: string[]): Promise<number> {
  const f = inv.flags;
  const type = typeWord ? SERVICE_TYPES[typeWord] : undefined;
  if (!type) {
    if (!typeWord) return groupHelp(inv, 'create service');
    throw unknownSubcommand([typeWord, ...args], 'create service');
  }
  const cmd = `create service ${typeWord}`;
  if (type === 'ExternalName' && !f.str('external-name')) throw requiredFlagsError(inv, ['external-name']);
  if (args.length !== 1) throw exactlyOneName(args.length, cmd);
  const name = args[0];
  const tcp = f.list('tcp');
  const clusterIP = type === 'ClusterIP' ? f.str('clusterip') : '';
  if (type !== 'ExternalName' && clusterIP === '' && tcp.length === 0) throw new KubectlError('error: at least one tcp port specifier must be provided');
  const nodePort = type === 'NodePort' ? f.int('node-port') : 0;
  const spec: Record<string, unknown> = {};
  if (tcp.length) spec.ports = tcp.map((t) => servicePort(t, nodePort));
  spec.selector = { app: name };
  if (clusterIP) spec.clusterIP = clusterIP;
  spec.type = type;
  if (type === 'ExternalName') spec.externalName = f.str('external-name');
  const obj = {
    kind: 'Service',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels: { app: name } },
    spec,
    status: { loadBalancer: {} },
  } as unknown as KObject;
  return send(inv, inv.client.discovery.mustFind('services'), inv.namespace, obj, dryRunOf(f), failedTo(`failed to create ${type} service: `));
}

// ------------------------------------------------------------------ configmap / secret

function baseName(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s.slice(s.lastIndexOf('/') + 1);
}

/** Collects key/value pairs from --from-literal, --from-file and --from-env-file (hash.go / util/configmap). */
function collectData(inv: Invocation, what: string, objName: string): Array<[string, string]> {
  const f = inv.flags;
  const data: Array<[string, string]> = [];
  const seen = new Set<string>();
  const add = (k: string, v: string) => {
    if (seen.has(k)) throw new KubectlError(`error: cannot add key ${k}, another key by that name already exists in Data for ${what} ${JSON.stringify(objName)}`);
    seen.add(k);
    data.push([k, v]);
  };
  const fs = inv.ctx.fs;
  for (const src of f.list('from-file')) {
    const eq = src.indexOf('=');
    const key = eq >= 0 ? src.slice(0, eq) : '';
    const path = eq >= 0 ? src.slice(eq + 1) : src;
    const abs = fs.resolve(path, inv.ctx.cwd);
    if (!fs.exists(abs)) throw new KubectlError(`error: error reading ${path}: no such file or directory`);
    if (fs.isDir(abs)) {
      if (key) throw new KubectlError('error: cannot give a key name for a directory path');
      for (const n of fs.readdir(abs).sort()) {
        const p = fs.resolve(n, abs);
        if (!fs.isDir(p)) add(n, fs.readFile(p));
      }
      continue;
    }
    add(key || baseName(path), fs.readFile(abs));
  }
  for (const lit of f.list('from-literal')) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new KubectlError(`error: invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, eq), lit.slice(eq + 1));
  }
  for (const envFile of f.list('from-env-file')) {
    const abs = fs.resolve(envFile, inv.ctx.cwd);
    if (!fs.exists(abs)) throw new KubectlError(`error: open ${envFile}: no such file or directory`);
    for (const raw of fs.readFile(abs).split('\n')) {
      const line = raw.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq < 0) add(line, '');
      else add(line.slice(0, eq), line.slice(eq + 1));
    }
  }
  return data;
}

async function createConfigMap(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create configmap');
  const name = args[0];
  const data = collectData(inv, 'ConfigMap', name);
  const obj: Record<string, unknown> = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name, creationTimestamp: null } };
  if (data.length) obj.data = Object.fromEntries(data);
  return send(inv, inv.client.discovery.mustFind('configmaps'), inv.namespace, obj as unknown as KObject, dryRunOf(inv.flags), failedTo('failed to create configmap: '));
}

async function createSecret(inv: Invocation, sub: string | undefined, args: string[]): Promise<number> {
  if (sub !== 'generic') {
    if (!sub) return groupHelp(inv, 'create secret');
    throw unknownSubcommand([sub, ...args], 'create secret');
  }
  if (args.length !== 1) throw exactlyOneName(args.length, 'create secret generic');
  const name = args[0];
  const data = collectData(inv, 'Secret', name);
  const obj: Record<string, unknown> = { kind: 'Secret', apiVersion: 'v1', metadata: { name, creationTimestamp: null } };
  if (data.length) obj.data = Object.fromEntries(data.map(([k, v]) => [k, b64(v)]));
  if (inv.flags.str('type')) obj.type = inv.flags.str('type');
  return send(inv, inv.client.discovery.mustFind('secrets'), inv.namespace, obj as unknown as KObject, dryRunOf(inv.flags), failedTo('failed to create secret '));
}

// ------------------------------------------------------------------ job / serviceaccount

async function createJob(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const dash = f.p.argsLenAtDash;
  const names = dash >= 0 ? args.slice(0, Math.max(0, dash - 1)) : args;
  if (names.length !== 1) throw exactlyOneName(names.length, 'create job');
  const name = names[0];
  const image = f.list('image')[0] ?? '';
  const from = f.str('from');
  const command = dash >= 0 ? args.slice(dash - 1) : [];
  if ((!image && !from) || (image && from)) throw new KubectlError('error: either --image or --from must be specified');
  if (command.length && from) throw new KubectlError('error: cannot specify --from and command');
  const fallback: ResourceInfo = { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', singular: 'job', shortNames: [], namespaced: true, verbs: [], categories: [] };
  const fail = failedTo('failed to create job: ');
  if (from) return send(inv, typed(inv, 'jobs.batch', fallback), inv.namespace, jobFromCronJob(inv, name, from), dryRunOf(f), fail);
  const container: Record<string, unknown> = { name, image };
  if (command.length) container.command = command;
  container.resources = {};
  const obj = {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null },
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: 'Never' } } },
    status: {},
  } as unknown as KObject;
  return send(inv, typed(inv, 'jobs.batch', fallback), inv.namespace, obj, dryRunOf(f), fail);
}

/** createJobFromCronJob: the CronJob's job template, `cronjob.kubernetes.io/instantiate: manual`, a controller reference. */
function jobFromCronJob(inv: Invocation, name: string, from: string): KObject {
  const slash = from.indexOf('/');
  const r = slash > 0 ? inv.client.discovery.find(from.slice(0, slash)) : undefined;
  if (!r || slash < 0) throw new KubectlError('error: from must be an existing cronjob');
  const res = inv.client.raw('GET', inv.client.path(r, inv.namespace, from.slice(slash + 1)));
  if (res.status >= 300) throw new StatusError(res.body as StatusError['status'], res.status);
  const cj = res.body as KObject;
  if (r.kind !== 'CronJob') throw new KubectlError(`error: unknown object type *v1.${r.kind}`);
  const tmpl = ((cj.spec as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } } | undefined)?.jobTemplate ?? {});
  const metadata: Record<string, unknown> = { name, creationTimestamp: null };
  metadata.annotations = { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) };
  if (tmpl.metadata?.labels) metadata.labels = tmpl.metadata.labels;
  metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name, uid: cj.metadata?.uid, controller: true }];
  return { kind: 'Job', apiVersion: 'batch/v1', metadata, spec: tmpl.spec ?? {}, status: {} } as unknown as KObject;
}

async function createCronJob(inv: Invocation, args: string[]): Promise<number> {
  const f = inv.flags;
  const image = f.list('image')[0] ?? '';
  const missing = [image ? '' : 'image', f.str('schedule') ? '' : 'schedule'].filter(Boolean);
  // cobra's required-flag check fails before Run: v1.32 logs it through klog (component-base cli.run).
  if (missing.length) throw requiredFlagsError(inv, missing);
  const dash = f.p.argsLenAtDash;
  const names = dash >= 0 ? args.slice(0, Math.max(0, dash - 1)) : args;
  if (names.length !== 1) throw exactlyOneName(names.length, 'create cronjob');
  const name = names[0];
  const command = args.slice(1);
  const container: Record<string, unknown> = { name, image };
  if (command.length) container.command = command;
  container.resources = {};
  const obj = {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    metadata: { name, creationTimestamp: null },
    spec: {
      jobTemplate: {
        metadata: { name, creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [container], restartPolicy: f.str('restart') || 'OnFailure' } } },
      },
      schedule: f.str('schedule'),
    },
    status: {},
  } as unknown as KObject;
  const fallback: ResourceInfo = { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', singular: 'cronjob', shortNames: ['cj'], namespaced: true, verbs: [], categories: [] };
  return send(inv, typed(inv, 'cronjobs.batch', fallback), inv.namespace, obj, dryRunOf(f), failedTo('failed to create cronjob: '));
}

async function createServiceAccount(inv: Invocation, args: string[]): Promise<number> {
  if (args.length !== 1) throw exactlyOneName(args.length, 'create serviceaccount');
  const obj = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: args[0], creationTimestamp: null } } as unknown as KObject;
  return send(inv, inv.client.discovery.mustFind('serviceaccounts'), inv.namespace, obj, dryRunOf(inv.flags), failedTo('failed to create serviceaccount: '));
}

/** Dispatches `kubectl create <what> ...` for the generators this file provides. */
export async function runCreateMore(inv: Invocation, what: string, rest: string[]): Promise<number> {
  // --schedule and --restart belong to `create cronjob` only.
  if (what !== 'cronjob' && what !== 'cj') {
    for (const flag of ['schedule', 'restart']) {
      if (inv.flags.changed(flag)) {
        inv.err(`Error: unknown flag: --${flag}\nSee 'kubectl create ${what} --help' for usage.\n`);
        return 1;
      }
    }
  }
  switch (what) {
    case 'service':
    case 'svc':
      return createService(inv, rest[0], rest.slice(1));
    case 'configmap':
    case 'cm':
      return createConfigMap(inv, rest);
    case 'secret':
      return createSecret(inv, rest[0], rest.slice(1));
    case 'job':
      return createJob(inv, rest);
    case 'cronjob':
    case 'cj':
      return createCronJob(inv, rest);
    case 'serviceaccount':
    case 'sa':
      return createServiceAccount(inv, rest);
    default:
      // `kubectl create` takes no positional arguments of its own (cobra.NoArgs on the parent)
      throw new KubectlError(`error: Unexpected args: [${[what, ...rest].join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  }
}
