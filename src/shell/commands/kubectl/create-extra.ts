// `kubectl create secret docker-registry|tls` and `kubectl create ingress`: the objects kubectl
// builds client-side (.dockerconfigjson, tls.crt/tls.key read from the shell's filesystem,
// networking.k8s.io/v1 rules from `--rule host/path=svc:port[,tls[=secret]]`), `--dry-run`,
// `-o`, `<kind>/<name> created` and kubectl's validation errors.
// Models kubectl/pkg/cmd/create/{create_secret_docker.go,create_secret_tls.go,create_ingress.go}.
// SIMPLIFICATION: tls checks PEM block types only; it does not verify that key and cert match.
import type { KObject } from '../../../engine';
import type { Invocation } from './command';
import { dryRunOf, dryRunSuffix } from './command';
import type { ResourceInfo } from './client';
import { KubectlError, StatusError, kindPrefix } from './client';
import { parseOutput, printObjects, withTypeMeta } from './get';
import { exactlyOneName } from './mutate-util';
import { toGoJson } from './yaml';
import { base64Encode } from '../coreutils/text';
import { utf8Encode } from '../coreutils/common';
import { CREATE_POLICY_FLAGS, runCreatePolicy } from './create-policy';

export const CREATE_EXTRA_FLAGS = [
  { name: 'docker-server', type: 'string' as const, def: 'https://index.docker.io/v1/' },
  { name: 'docker-username', type: 'string' as const },
  { name: 'docker-password', type: 'string' as const },
  { name: 'docker-email', type: 'string' as const },
  { name: 'cert', type: 'string' as const },
  { name: 'key', type: 'string' as const },
  { name: 'rule', type: 'stringArray' as const },
  { name: 'class', type: 'string' as const },
  { name: 'default-backend', type: 'string' as const },
  { name: 'annotation', type: 'stringArray' as const },
  { name: 'template', type: 'string' as const },
  ...CREATE_POLICY_FLAGS,
];

const b64 = (s: string): string => base64Encode(utf8Encode(s));

/** POSTs (unless --dry-run=client) and prints `kind/name created` or the -o output. */
function send(inv: Invocation, r: ResourceInfo, obj: KObject, failPrefix?: string): number {
  const dry = dryRunOf(inv.flags);
  let result = obj;
  if (dry !== 'client') {
    const res = inv.client.raw('POST', inv.client.path(r, r.namespaced ? inv.namespace : undefined), {
      body: obj,
      query: { fieldManager: 'kubectl-create', dryRun: dry === 'server' ? 'All' : undefined },
    });
    if (res.status >= 300) {
      const body = res.body as StatusError['status'] | string;
      const st =
        body && typeof body === 'object' && body.kind === 'Status'
          ? new StatusError(body, res.status)
          : new StatusError({ message: 'the server could not find the requested resource', reason: 'NotFound', code: res.status }, res.status);
      if (failPrefix) throw new KubectlError(`error: ${failPrefix}${st.message}`);
      throw st;
    }
    result = withTypeMeta(r, res.body as KObject);
  }
  const o = inv.flags.str('output');
  const out = o || inv.flags.str('template') ? parseOutput(o, inv) : undefined;
  // a client dry run prints the typed object: JSON fields in struct order
  if (out && out.kind === 'json' && dry === 'client') inv.out(toGoJson(result, '    ', '', false) + '\n');
  else if (out) printObjects(inv, [{ r, obj: result }], out, true);
  else inv.out(`${kindPrefix(r)}/${obj.metadata?.name ?? ''} created${dryRunSuffix(dry)}\n`);
  return 0;
}

function readLocal(inv: Invocation, path: string): string | undefined {
  const fs = inv.ctx.fs;
  const abs = fs.resolve(path, inv.ctx.cwd);
  return fs.exists(abs) && !fs.isDir(abs) ? fs.readFile(abs) : undefined;
}

// ------------------------------------------------------------------ secrets

function dockerRegistry(inv: Invocation, args: string[]): number {
  const f = inv.flags;
  if (args.length !== 1) throw exactlyOneName(args.length, 'create secret docker-registry');
  const name = args[0];
  const files = f.list('from-file');
  const user = f.str('docker-username');
  const pass = f.str('docker-password');
  const server = f.str('docker-server');
  if (files.length === 0 && (!user || !pass || !server)) {
    throw new KubectlError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  const data: Record<string, string> = {};
  if (files.length) {
    for (const src of files) {
      const eq = src.indexOf('=');
      const key = eq >= 0 ? src.slice(0, eq) : src.slice(src.lastIndexOf('/') + 1);
      const path = eq >= 0 ? src.slice(eq + 1) : src;
      const text = readLocal(inv, path);
      if (text === undefined) throw new KubectlError(`error: error reading ${path}: no such file or directory`);
      data[key] = b64(text);
    }
  } else {
    // DockerConfigEntry field order: username, password, email (omitempty), auth
    const entry: Record<string, string> = { username: user, password: pass };
    if (f.str('docker-email')) entry.email = f.str('docker-email');
    entry.auth = b64(`${user}:${pass}`);
    data['.dockerconfigjson'] = b64(JSON.stringify({ auths: { [server]: entry } }));
  }
  const obj = { kind: 'Secret', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, data, type: 'kubernetes.io/dockerconfigjson' } as unknown as KObject;
  return send(inv, inv.client.discovery.mustFind('secrets'), obj, 'failed to create secret ');
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function pemTypes(text: string): string[] {
  return [...text.matchAll(PEM_RE)].map((m) => m[1]);
}

/** The PEM checks of crypto/tls.X509KeyPair, in its order and wording. */
function checkKeyPair(cert: string, key: string): void {
  const ct = pemTypes(cert);
  if (!ct.includes('CERTIFICATE')) {
    if (ct.some((t) => t.endsWith('PRIVATE KEY'))) {
      throw new KubectlError('error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    }
    throw new KubectlError('error: tls: failed to find any PEM data in certificate input');
  }
  const kt = pemTypes(key);
  if (!kt.some((t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY'))) {
    if (kt.includes('CERTIFICATE')) throw new KubectlError('error: tls: found a certificate rather than a key in the PEM for the private key');
    throw new KubectlError('error: tls: failed to find any PEM data in key input');
  }
}

function tlsSecret(inv: Invocation, args: string[]): number {
  const f = inv.flags;
  if (args.length !== 1) throw exactlyOneName(args.length, 'create secret tls');
  const certPath = f.str('cert');
  const keyPath = f.str('key');
  if (!certPath || !keyPath) throw new KubectlError('error: key and cert must be specified');
  const read = (p: string) => {
    const t = readLocal(inv, p);
    if (t === undefined) throw new KubectlError(`error: Cannot read file ${p}, open ${p}: no such file or directory`);
    return t;
  };
  const cert = read(certPath);
  const key = read(keyPath);
  checkKeyPair(cert, key);
  const obj = {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { name: args[0], creationTimestamp: null },
    data: { 'tls.crt': b64(cert), 'tls.key': b64(key) },
    type: 'kubernetes.io/tls',
  } as unknown as KObject;
  return send(inv, inv.client.discovery.mustFind('secrets'), obj, 'failed to create secret ');
}

// ------------------------------------------------------------------ ingress

const RULE_RE = /^([\w*\-.]*)(\/.*)=([\w-]+):([\w-]+)(,(tls)=?([\w-]+)?)?$/;
const BACKEND_RE = /^([\w-]+):([\w-]+)$/;

function backend(svc: string, port: string): Record<string, unknown> {
  return { service: { name: svc, port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port } } };
}

function ingressPath(path: string, svc: string, port: string): Record<string, unknown> {
  const prefix = path.endsWith('*');
  return { path: prefix ? path.slice(0, -1) : path, pathType: prefix ? 'Prefix' : 'Exact', backend: backend(svc, port) };
}

function createIngress(inv: Invocation, args: string[]): number {
  const f = inv.flags;
  if (args.length !== 1) throw exactlyOneName(args.length, 'create ingress');
  const name = args[0];
  const rules = f.list('rule');
  const def = f.str('default-backend');
  if (rules.length === 0 && !def) {
    throw new KubectlError(
      'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  }
  const annotations: Record<string, string> = {};
  for (const a of f.list('annotation')) {
    const eq = a.indexOf('=');
    if (eq < 0) throw new KubectlError(`error: annotation ${a} is invalid and should be in format key=[value]`);
    annotations[a.slice(0, eq)] = a.slice(eq + 1);
  }
  if (def && !BACKEND_RE.test(def)) throw new KubectlError('error: default-backend should be in format servicename:serviceport');
  const parsed = rules.map((r) => {
    const m = RULE_RE.exec(r);
    if (!m) throw new KubectlError(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    return { host: m[1], path: m[2], svc: m[3], port: m[4], tls: m[6] === 'tls', secret: m[7] ?? '' };
  });
  // IngressSpec field order: ingressClassName, defaultBackend, tls, rules
  const spec: Record<string, unknown> = {};
  if (f.str('class')) spec.ingressClassName = f.str('class');
  if (def) {
    const m = BACKEND_RE.exec(def)!;
    spec.defaultBackend = backend(m[1], m[2]);
  }
  const outRules: Array<{ host?: string; http: { paths: unknown[] } }> = [];
  for (const r of parsed) {
    const p = ingressPath(r.path, r.svc, r.port);
    const same = outRules.find((x) => (x.host ?? '') === r.host);
    if (same) same.http.paths.push(p);
    else outRules.push(r.host ? { host: r.host, http: { paths: [p] } } : { http: { paths: [p] } });
  }
  const tls: Array<{ hosts?: string[]; secretName?: string }> = [];
  const hostSeen = new Set<string>();
  for (const r of parsed) {
    if (!r.tls) continue;
    const existing = tls.find((t) => (t.secretName ?? '') === r.secret);
    if (existing) {
      if (!r.host || hostSeen.has(r.host)) continue;
      (existing.hosts ??= []).push(r.host);
      hostSeen.add(r.host);
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (r.host) {
      entry.hosts = [r.host];
      hostSeen.add(r.host);
    }
    if (r.secret) entry.secretName = r.secret;
    tls.push(entry);
  }
  if (tls.length) spec.tls = tls;
  if (outRules.length) spec.rules = outRules;
  const metadata: Record<string, unknown> = { name, creationTimestamp: null };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const obj = { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata, spec, status: { loadBalancer: {} } } as unknown as KObject;
  const fallback: ResourceInfo = {
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    singular: 'ingress',
    shortNames: ['ing'],
    namespaced: true,
    verbs: [],
    categories: [],
  };
  return send(inv, inv.client.discovery.find('ingresses.networking.k8s.io') ?? fallback, obj, 'failed to create ingress: ');
}

/** `kubectl create <what> ...` for this file's generators, or undefined when not one of them. */
export async function runCreateExtra(inv: Invocation, what: string, rest: string[]): Promise<number | undefined> {
  if (what === 'secret' && rest[0] === 'docker-registry') return dockerRegistry(inv, rest.slice(1));
  if (what === 'secret' && rest[0] === 'tls') return tlsSecret(inv, rest.slice(1));
  if (what === 'ingress' || what === 'ing') return createIngress(inv, rest);
  return runCreatePolicy(inv, what, rest);
}
