// kubeconfig files in the shell's virtual file system, as client-go's clientcmd reads and writes
// them: loading rules (--kubeconfig, $KUBECONFIG lists merged first-wins, ~/.kube/config), the
// v1 serialisation kubectl prints (sorted named lists, struct key order for JSON, DATA+OMITTED /
// REDACTED), client overrides (--context, --cluster, --user, --server, -n) and their errors.
// Models k8s.io/client-go/tools/clientcmd (loader.go, client_config.go, validation.go) and
// api/v1/types.go. Leaves out: exec/auth-provider plugins, file-relative paths, merge-on-write.
import type { Vfs } from '../../interpreter/types';
import { KubectlError } from './client';
import { parseManifests, toYaml, YamlInputError } from './yaml';

export interface KubeCluster {
  server?: string;
  'tls-server-name'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  extensions?: unknown[];
}

export interface KubeUser {
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  token?: string;
  tokenFile?: string;
  as?: string;
  username?: string;
  password?: string;
  extensions?: unknown[];
}

export interface KubeContext {
  cluster: string;
  user: string;
  namespace?: string;
  extensions?: unknown[];
}

/** clientcmdapi.Config: named maps (order comes from sorting on output, as in client-go). */
export interface Kubeconfig {
  preferences: Record<string, unknown>;
  clusters: Map<string, KubeCluster>;
  users: Map<string, KubeUser>;
  contexts: Map<string, KubeContext>;
  currentContext: string;
}

export function emptyKubeconfig(): Kubeconfig {
  return { preferences: {}, clusters: new Map(), users: new Map(), contexts: new Map(), currentContext: '' };
}

// Field order of the v1 structs (json.Marshal order; YAML output sorts keys anyway).
const CLUSTER_KEYS: Array<keyof KubeCluster> = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression', 'extensions'];
const USER_KEYS: Array<keyof KubeUser> = ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'username', 'password', 'extensions'];

function pick<T extends object>(src: unknown, keys: Array<keyof T>): T {
  const out = {} as Record<string, unknown>;
  if (!src || typeof src !== 'object') return out as T;
  const o = src as Record<string, unknown>;
  for (const k of keys) if (o[k as string] !== undefined && o[k as string] !== null) out[k as string] = o[k as string];
  return out as T;
}

export class KubeconfigLoadError extends Error {}

/** Parses one kubeconfig file's text. An empty file is an empty config. */
export function parseKubeconfig(text: string): Kubeconfig {
  const cfg = emptyKubeconfig();
  let docs: unknown[];
  try {
    docs = parseManifests(text);
  } catch (e) {
    // SIMPLIFICATION: the YAML error text is js-yaml's, not go-yaml's.
    throw new KubeconfigLoadError(e instanceof YamlInputError ? `yaml: ${e.message}` : String(e));
  }
  const doc = docs[0];
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return cfg;
  const o = doc as Record<string, unknown>;
  const named = (key: string, inner: string): Array<[string, unknown]> => {
    const list = o[key];
    if (!Array.isArray(list)) return [];
    return list.map((e) => {
      const r = (e ?? {}) as Record<string, unknown>;
      return [String(r.name ?? ''), r[inner]];
    });
  };
  // First occurrence wins, as the v1 → internal conversion keeps the first of duplicate names.
  for (const [n, c] of named('clusters', 'cluster')) if (!cfg.clusters.has(n)) cfg.clusters.set(n, pick<KubeCluster>(c, CLUSTER_KEYS));
  for (const [n, u] of named('users', 'user')) if (!cfg.users.has(n)) cfg.users.set(n, pick<KubeUser>(u, USER_KEYS));
  for (const [n, c] of named('contexts', 'context')) {
    if (cfg.contexts.has(n)) continue;
    const r = (c ?? {}) as Record<string, unknown>;
    const ctx: KubeContext = { cluster: String(r.cluster ?? ''), user: String(r.user ?? '') };
    if (r.namespace) ctx.namespace = String(r.namespace);
    if (Array.isArray(r.extensions)) ctx.extensions = r.extensions;
    cfg.contexts.set(n, ctx);
  }
  if (typeof o['current-context'] === 'string') cfg.currentContext = o['current-context'];
  if (o.preferences && typeof o.preferences === 'object') cfg.preferences = o.preferences as Record<string, unknown>;
  return cfg;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function contextJson(c: KubeContext): Record<string, unknown> {
  const out: Record<string, unknown> = { cluster: c.cluster, user: c.user };
  if (c.namespace) out.namespace = c.namespace;
  if (c.extensions) out.extensions = c.extensions;
  return out;
}

/**
 * The v1 Config object in json.Marshal field order (kind, apiVersion, preferences, clusters,
 * users, contexts, current-context); lists sorted by name; empty lists are null.
 * `redact` applies clientcmdapi.ShortenConfig (what `config view` does without --raw).
 */
export function kubeconfigToV1(cfg: Kubeconfig, redact = false): Record<string, unknown> {
  const list = <T>(m: Map<string, T>, inner: string, f: (v: T) => Record<string, unknown>) => {
    if (m.size === 0) return null;
    return [...m.keys()].sort(byName).map((name) => ({ name, [inner]: f(m.get(name) as T) }));
  };
  const shortenCluster = (c: KubeCluster): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...pick<KubeCluster>(c, CLUSTER_KEYS) };
    if (redact && out['certificate-authority-data']) out['certificate-authority-data'] = 'DATA+OMITTED';
    return out;
  };
  const shortenUser = (u: KubeUser): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...pick<KubeUser>(u, USER_KEYS) };
    if (redact) {
      if (out['client-certificate-data']) out['client-certificate-data'] = 'DATA+OMITTED';
      if (out['client-key-data']) out['client-key-data'] = 'DATA+OMITTED';
      if (out.token) out.token = 'REDACTED';
      if (out.password) out.password = 'REDACTED';
    }
    return out;
  };
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: cfg.preferences,
    clusters: list(cfg.clusters, 'cluster', shortenCluster),
    users: list(cfg.users, 'user', shortenUser),
    contexts: list(cfg.contexts, 'context', contextJson),
    'current-context': cfg.currentContext,
  };
}

/** The file text clientcmd.Write produces (YAML, keys sorted). */
export function serializeKubeconfig(cfg: Kubeconfig): string {
  return toYaml(kubeconfigToV1(cfg));
}

// ------------------------------------------------------------------ loading rules

export interface KubeconfigSource {
  /** Files in precedence order (explicit path, $KUBECONFIG entries, or ~/.kube/config). */
  paths: string[];
  /** Whether --kubeconfig was given (then the file must exist for API commands). */
  explicit: boolean;
}

export interface KubeconfigEnv {
  fs: Vfs;
  cwd: string;
  env: Map<string, string>;
}

/** ~/.kube/config for the shell's home directory. */
export function defaultKubeconfigPath(env: KubeconfigEnv): string {
  const home = env.env.get('HOME') || env.fs.home;
  return `${home.replace(/\/$/, '')}/.kube/config`;
}

/** clientcmd.ClientConfigLoadingRules: --kubeconfig, else $KUBECONFIG (':' list), else ~/.kube/config. */
export function kubeconfigSource(env: KubeconfigEnv, explicitPath: string): KubeconfigSource {
  if (explicitPath) return { paths: [explicitPath], explicit: true };
  const list = (env.env.get('KUBECONFIG') ?? '').split(':').filter((p) => p !== '');
  if (list.length) return { paths: [...new Set(list)], explicit: false };
  return { paths: [defaultKubeconfigPath(env)], explicit: false };
}

const resolvePath = (env: KubeconfigEnv, p: string) => env.fs.resolve(p, env.cwd);

/** Reads and merges the source's files (missing files are skipped; first definition wins). */
export function loadKubeconfig(env: KubeconfigEnv, src: KubeconfigSource): Kubeconfig {
  const merged = emptyKubeconfig();
  for (const p of src.paths) {
    const abs = resolvePath(env, p);
    const st = env.fs.stat(abs);
    if (!st || st.type !== 'file') continue;
    let cfg: Kubeconfig;
    try {
      cfg = parseKubeconfig(env.fs.readFile(abs));
    } catch (e) {
      throw new KubectlError(`error: error loading config file "${p}": ${(e as Error).message}`);
    }
    for (const [k, v] of cfg.clusters) if (!merged.clusters.has(k)) merged.clusters.set(k, v);
    for (const [k, v] of cfg.users) if (!merged.users.has(k)) merged.users.set(k, v);
    for (const [k, v] of cfg.contexts) if (!merged.contexts.has(k)) merged.contexts.set(k, v);
    if (!merged.currentContext && cfg.currentContext) merged.currentContext = cfg.currentContext;
    if (Object.keys(merged.preferences).length === 0) merged.preferences = cfg.preferences;
  }
  return merged;
}

/**
 * The file a modification is written to: the explicit file, else the first existing file of the
 * chain, else the last one listed (clientcmd's pathOptions.GetDefaultFilename).
 * SIMPLIFICATION: client-go writes a modified stanza back to the file that defined it; here
 * every change of a merged $KUBECONFIG goes to that one file.
 */
export function destinationFile(env: KubeconfigEnv, src: KubeconfigSource): string {
  if (src.explicit) return src.paths[0];
  for (const p of src.paths) if (env.fs.stat(resolvePath(env, p))?.type === 'file') return p;
  return src.paths[src.paths.length - 1];
}

export function saveKubeconfig(env: KubeconfigEnv, path: string, cfg: Kubeconfig): void {
  const abs = resolvePath(env, path);
  const dir = abs.slice(0, abs.lastIndexOf('/')) || '/';
  if (!env.fs.isDir(dir)) env.fs.mkdir(dir, { recursive: true });
  env.fs.writeFile(abs, serializeKubeconfig(cfg));
}

// ------------------------------------------------------------------ client configuration

export interface ClientOverrides {
  context?: string;
  cluster?: string;
  user?: string;
  server?: string;
  namespace?: string;
}

/** What kubectl ends up talking to. */
export interface ClientConfig {
  contextName: string;
  clusterName: string;
  userName: string;
  /** The API server URL (`https://10.0.0.11:6443`, `http://localhost:8080` when nothing is set). */
  server: string;
  /** Namespace from -n, else the context's, else `default`. */
  namespace: string;
  /** Whether -n/--namespace set it (kubectl's "explicit namespace"; a context's namespace is not explicit). */
  namespaceFromFlag: boolean;
  user: KubeUser;
  cluster: KubeCluster;
}

/**
 * clientcmd.DirectClientConfig.ClientConfig + Namespace: merges the context, cluster and user
 * with the overrides and validates them as kubectl does before its first request.
 */
export function resolveClientConfig(cfg: Kubeconfig, o: ClientOverrides): ClientConfig {
  const contextName = o.context || cfg.currentContext;
  const ctx = cfg.contexts.get(contextName);
  if (o.context && !ctx) throw new KubectlError(`Error in configuration: context was not found for specified context: ${o.context}`);
  const clusterName = o.cluster || ctx?.cluster || '';
  const userName = o.user || ctx?.user || '';
  const cluster: KubeCluster = { ...(cfg.clusters.get(clusterName) ?? {}) };
  if (o.server) cluster.server = o.server;
  const user = cfg.users.get(userName);
  if (o.user && !user) throw new KubectlError(`error: auth info "${o.user}" does not exist`);
  if (o.cluster && !cfg.clusters.has(o.cluster) && !o.server) throw new KubectlError(`error: no server found for cluster "${o.cluster}"`);
  if (contextName && ctx && !o.server) {
    if (clusterName && !cfg.clusters.has(clusterName)) throw new KubectlError(`Error in configuration: cluster has no server defined`);
  }
  // With nothing configured, kubectl falls back to the insecure local port of old API servers.
  const server = cluster.server || 'http://localhost:8080';
  const ns = o.namespace || ctx?.namespace || '';
  return {
    contextName,
    clusterName,
    userName,
    server,
    namespace: ns || 'default',
    namespaceFromFlag: o.namespace !== undefined && o.namespace !== '',
    user: user ?? {},
    cluster,
  };
}

/** `host:port` of a server URL as kubectl prints it in connection errors (default ports filled in). */
export function serverHostPort(server: string): string {
  const m = /^(?:([a-z]+):\/\/)?([^/:]+|\[[^\]]+\])(?::(\d+))?/.exec(server);
  if (!m) return server;
  const scheme = m[1] ?? 'http';
  const port = m[3] ?? (scheme === 'https' ? '443' : '80');
  return `${m[2]}:${port}`;
}

// ------------------------------------------------------------------ built-in files

/** Base64 of a short fake PEM block; deterministic, not a real certificate. */
function fakePem(label: string, body: string): string {
  const text = `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const n = (text.charCodeAt(i) << 16) | ((text.charCodeAt(i + 1) || 0) << 8) | (text.charCodeAt(i + 2) || 0);
    out += A[(n >> 18) & 63] + A[(n >> 12) & 63] + (i + 1 < text.length ? A[(n >> 6) & 63] : '=') + (i + 2 < text.length ? A[n & 63] : '=');
  }
  return out;
}

export const KUBEADM_CONTEXT = 'kubernetes-admin@kubernetes';

/**
 * /etc/kubernetes/admin.conf as `kubeadm init` writes it (copied to ~/.kube/config by the
 * usual `mkdir -p $HOME/.kube && sudo cp ...` step).
 * SIMPLIFICATION: the certificate and key data are short placeholders, not parseable PEM.
 */
export function kubeadmKubeconfig(server: string): Kubeconfig {
  const cfg = emptyKubeconfig();
  cfg.clusters.set('kubernetes', {
    server,
    'certificate-authority-data': fakePem('CERTIFICATE', 'MIIDBTCCAe2gAwIBAgIIT2ltb25lbENBMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTCmt1YmVybmV0ZXM='),
  });
  cfg.users.set('kubernetes-admin', {
    'client-certificate-data': fakePem('CERTIFICATE', 'MIIDKTCCAhGgAwIBAgIIVGltb25lbEFkbWluMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTCmt1YmVybmV0ZXM='),
    'client-key-data': fakePem('RSA PRIVATE KEY', 'MIIEpAIBAAKCAQEAdGltb25lbC1rdWJlcm5ldGVzLWFkbWluLWtleQ=='),
  });
  cfg.contexts.set(KUBEADM_CONTEXT, { cluster: 'kubernetes', user: 'kubernetes-admin' });
  cfg.currentContext = KUBEADM_CONTEXT;
  return cfg;
}

/** Writes ~/.kube/config for a kubeadm control-plane machine unless one exists. */
export function installKubeadmKubeconfig(fs: Vfs, home: string, server: string): void {
  const path = `${home.replace(/\/$/, '')}/.kube/config`;
  if (fs.stat(path)) return;
  if (!fs.isDir(`${home}/.kube`)) fs.mkdir(`${home}/.kube`, { recursive: true });
  fs.writeFile(path, serializeKubeconfig(kubeadmKubeconfig(server)));
}
