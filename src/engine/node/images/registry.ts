// The image registry: which repositories and tags exist, their (fake, stable) digests and
// sizes, pull failures with containerd's texts, and the behaviour each image runs.
// Models containerd's pull errors (core/remotes/docker/resolver.go) and the kubelet's
// InvalidImageName message (pkg/kubelet/images/image_manager.go). Leaves out auth, private
// registries, multi-arch indexes and layer sharing.
// SIMPLIFICATION: sizes are approximate compressed sizes; digests are sha256 of the build name.

import { etcdBehaviour, corednsBehaviour, kubeApiserverBehaviour, kubeControllerManagerBehaviour, kubeProxyBehaviour, kubeSchedulerBehaviour, pauseBehaviour } from './behaviours/system';
import { hasherBehaviour, rngBehaviour, webuiBehaviour, workerBehaviour } from './behaviours/dockercoins';
import { httpenvBehaviour } from './behaviours/httpenv';
import { ingressNginxBehaviour } from './behaviours/ingress-nginx';
import { nginxBehaviour } from './behaviours/nginx';
import { httpdBehaviour, pythonBehaviour, shellImage } from './behaviours/os';
import { redisBehaviour } from './behaviours/redis';
import { normalizeImageRef } from './reference';
import { sha256Hex } from './sha256';
import { fnv1a } from './shell';
import type { ImageBehaviour, ImageInfo, ResolveFailure, ResolveResult } from './types';
import { metricsServerBehaviour } from '../../metrics/metrics-server-image';

interface Build {
  /** Canonical build name; all tags that point at it share one digest. */
  id: string;
  sizeBytes: number;
  make: () => ImageBehaviour;
}

type TagResolver = (tag: string) => Build | undefined;

const jitter = (id: string, spread: number): number => fnv1a(id) % spread;

// --- nginx ---------------------------------------------------------------------------------

/** minor → [last patch, release year, release month (1-12)] */
const NGINX_MINORS: Record<number, [number, number, number]> = {
  9: [15, 2016, 4], 10: [3, 2017, 1], 11: [13, 2017, 4], 12: [2, 2017, 10], 13: [12, 2018, 4], 14: [2, 2018, 12],
  15: [12, 2019, 4], 16: [1, 2019, 8], 17: [10, 2020, 4], 18: [0, 2020, 4], 19: [10, 2021, 4], 20: [2, 2021, 11],
  21: [6, 2022, 1], 22: [1, 2022, 10], 23: [4, 2023, 3], 24: [0, 2023, 4], 25: [5, 2024, 4], 26: [2, 2024, 8], 27: [3, 2024, 11],
};
const NGINX_ALIASES: Record<string, string> = { latest: '1.27.3', mainline: '1.27.3', '1': '1.27.3', stable: '1.26.2', bookworm: '1.27.3', 'mainline-bookworm': '1.27.3', 'stable-bookworm': '1.26.2' };

const nginx: TagResolver = (tag) => {
  let t = tag;
  let alpine = false;
  if (t === 'alpine' || t === 'mainline-alpine') t = 'latest-alpine';
  if (t === 'stable-alpine') t = 'stable-x-alpine';
  const am = /^(.*)-alpine$/.exec(t);
  if (am) {
    alpine = true;
    t = am[1] === 'latest' ? 'latest' : am[1] === 'stable-x' ? 'stable' : am[1]!;
  }
  t = NGINX_ALIASES[t] ?? t;
  const m = /^1\.(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return undefined;
  const minor = Number(m[1]);
  const info = NGINX_MINORS[minor];
  if (!info) return undefined;
  const patch = m[2] === undefined ? info[0] : Number(m[2]);
  if (patch > info[0]) return undefined;
  if (alpine && minor < 10) return undefined;
  const version = `1.${minor}.${patch}`;
  const builtAt = Date.UTC(info[1], info[2] - 1, 20, 15, 4, 29) - (info[0] - patch) * 30 * 86_400_000;
  const id = `docker.io/library/nginx:${version}${alpine ? '-alpine' : ''}`;
  const base = alpine ? 19_800_000 : minor >= 25 ? 71_500_000 : minor >= 19 ? 54_000_000 : 50_500_000;
  return { id, sizeBytes: base + jitter(id, 900_000), make: () => nginxBehaviour({ version, alpine, builtAt }) };
};

// --- simple version tables ----------------------------------------------------------------------

function table(repo: string, entries: [string[], string, number, () => ImageBehaviour][]): TagResolver {
  const map = new Map<string, Build>();
  for (const [tags, canonical, size, make] of entries) {
    const id = `${repo}:${canonical}`;
    const build: Build = { id, sizeBytes: size + jitter(id, Math.max(1, Math.floor(size / 100))), make };
    for (const t of tags) map.set(t, build);
  }
  return (tag) => map.get(tag);
}

const ALPINE_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
const BUSYBOX_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };

const busybox: TagResolver = (tag) => {
  const m = /^(latest|stable|musl|glibc|uclibc|1\.(2[89]|3[0-7])(?:\.(\d+))?)(?:-(musl|glibc|uclibc))?$/.exec(tag);
  if (!m || (m[1] === 'musl' || m[1] === 'glibc' || m[1] === 'uclibc' || m[1] === 'latest' || m[1] === 'stable') && m[4]) {
    if (!m) return undefined;
  }
  const version = m[1] === 'latest' || ['musl', 'glibc', 'uclibc'].includes(m[1]!) ? '1.37.0' : m[1] === 'stable' ? '1.36.1' : m[3] === undefined ? `${m[1]}.0` : m[1]!;
  if (m[3] !== undefined && Number(m[3]) > 3) return undefined;
  const libc = m[4] ?? (['musl', 'glibc', 'uclibc'].includes(m[1]!) ? m[1]! : 'glibc');
  const id = `docker.io/library/busybox:${version}-${libc}`;
  return { id, sizeBytes: 2_150_000 + jitter(id, 100_000), make: () => shellImage('busybox', ['sh'], BUSYBOX_ENV) };
};

const alpine: TagResolver = (tag) => {
  const m = /^(latest|3|edge|3\.(1\d|2[01])(?:\.(\d+))?)$/.exec(tag);
  if (!m) return undefined;
  const minor = m[2] ?? (m[1] === 'edge' ? 'edge' : '21');
  if (m[3] !== undefined && Number(m[3]) > 6) return undefined;
  const id = `docker.io/library/alpine:3.${minor}`;
  return { id, sizeBytes: 3_400_000 + jitter(id, 300_000), make: () => shellImage('busybox', ['/bin/sh'], ALPINE_ENV) };
};

const UBUNTU: [string[], string][] = [
  [['latest', '24.04', 'noble', 'noble-20241118.1', 'lts'], '24.04'],
  [['22.04', 'jammy'], '22.04'],
  [['20.04', 'focal'], '20.04'],
  [['18.04', 'bionic'], '18.04'],
  [['24.10', 'oracular', 'rolling'], '24.10'],
];
const ubuntu = table('docker.io/library/ubuntu', UBUNTU.map(([tags, v]) => [tags, v, 28_500_000, () => shellImage('ubuntu', ['/bin/bash'])]));

const debian = table('docker.io/library/debian', [
  [['latest', '12', 'bookworm', '12.8'], 'bookworm', 48_500_000, () => shellImage('debian', ['bash'])],
  [['12-slim', 'bookworm-slim', 'stable-slim'], 'bookworm-slim', 28_200_000, () => shellImage('debian', ['bash'])],
  [['11', 'bullseye'], 'bullseye', 53_700_000, () => shellImage('debian', ['bash'])],
  [['11-slim', 'bullseye-slim'], 'bullseye-slim', 30_900_000, () => shellImage('debian', ['bash'])],
]);

const PYTHON_PATCH: Record<string, string> = { '8': '3.8.20', '9': '3.9.21', '10': '3.10.16', '11': '3.11.11', '12': '3.12.8', '13': '3.13.1' };
const python: TagResolver = (tag) => {
  const m = /^(?:(latest|3)|3\.(8|9|1[0-3])(?:\.(\d+))?)(?:-(slim|alpine|bookworm|slim-bookworm|bullseye|slim-bullseye))?$|^(slim|alpine|bookworm)$/.exec(tag);
  if (!m) return undefined;
  const minor = m[2] ?? '13';
  const version = m[3] !== undefined ? `3.${minor}.${m[3]}` : PYTHON_PATCH[minor]!;
  if (m[3] !== undefined && Number(m[3]) > Number(PYTHON_PATCH[minor]!.split('.')[2])) return undefined;
  const variant = m[4] ?? m[5] ?? '';
  const id = `docker.io/library/python:${version}${variant ? `-${variant}` : ''}`;
  const size = variant.startsWith('slim') ? 44_000_000 : variant === 'alpine' ? 17_500_000 : 390_000_000;
  return { id, sizeBytes: size + jitter(id, 2_000_000), make: () => pythonBehaviour(version) };
};

const httpd = table('docker.io/library/httpd', [
  [['latest', '2', '2.4', '2.4.62', 'bookworm', '2.4-bookworm', '2.4.62-bookworm'], '2.4.62', 58_600_000, () => httpdBehaviour('2.4.62')],
  [['alpine', '2-alpine', '2.4-alpine', '2.4.62-alpine'], '2.4.62-alpine', 22_300_000, () => httpdBehaviour('2.4.62')],
  [['2.4.61'], '2.4.61', 58_500_000, () => httpdBehaviour('2.4.61')],
]);

const redis = table('docker.io/library/redis', [
  [['latest', '7', '7.4', '7.4.1', 'bookworm', '7.4-bookworm', '7.4.1-bookworm'], '7.4.1', 45_000_000, () => redisBehaviour('7.4.1', false)],
  [['alpine', '7-alpine', '7.4-alpine', '7.4.1-alpine'], '7.4.1-alpine', 17_300_000, () => redisBehaviour('7.4.1', true)],
  [['7.2', '7.2.6'], '7.2.6', 43_400_000, () => redisBehaviour('7.2.6', false)],
  [['7.2-alpine', '7.2.6-alpine'], '7.2.6-alpine', 16_600_000, () => redisBehaviour('7.2.6', true)],
  [['7.0', '7.0.15'], '7.0.15', 42_300_000, () => redisBehaviour('7.0.15', false)],
  [['7.0-alpine', '7.0.15-alpine'], '7.0.15-alpine', 12_100_000, () => redisBehaviour('7.0.15', true)],
]);

const httpenv = table('docker.io/jpetazzo/httpenv', [[['latest'], 'latest', 3_450_000, httpenvBehaviour]]);
const rng = table('docker.io/dockercoins/rng', [[['v0.1'], 'v0.1', 31_400_000, rngBehaviour]]);
const hasher = table('docker.io/dockercoins/hasher', [[['v0.1'], 'v0.1', 92_800_000, hasherBehaviour]]);
const webui = table('docker.io/dockercoins/webui', [[['v0.1'], 'v0.1', 81_600_000, webuiBehaviour]]);
const worker = table('docker.io/dockercoins/worker', [[['v0.1'], 'v0.1', 31_700_000, workerBehaviour]]);

const pause = table('registry.k8s.io/pause', [
  [['3.10'], '3.10', 320_368, pauseBehaviour],
  [['3.9'], '3.9', 321_520, pauseBehaviour],
  [['3.8'], '3.8', 311_286, pauseBehaviour],
  [['3.7'], '3.7', 311_278, pauseBehaviour],
  [['3.6'], '3.6', 301_773, pauseBehaviour],
]);

const etcd = table('registry.k8s.io/etcd', [
  [['3.5.16-0'], '3.5.16-0', 57_680_541, () => etcdBehaviour('3.5.16')],
  [['3.5.15-0'], '3.5.15-0', 56_909_194, () => etcdBehaviour('3.5.15')],
  [['3.5.12-0'], '3.5.12-0', 57_236_178, () => etcdBehaviour('3.5.12')],
]);

const metricsServer = table('registry.k8s.io/metrics-server/metrics-server', [
  [['v0.7.2'], 'v0.7.2', 19_494_617, metricsServerBehaviour],
  [['v0.7.1'], 'v0.7.1', 19_362_512, metricsServerBehaviour],
]);

const ingressNginx = table('registry.k8s.io/ingress-nginx/controller', [
  [['v1.11.3'], 'v1.11.3', 104_670_000, () => ingressNginxBehaviour('v1.11.3', '1.25.5')],
  [['v1.11.2'], 'v1.11.2', 104_520_000, () => ingressNginxBehaviour('v1.11.2', '1.25.5')],
]);

const coredns = table('registry.k8s.io/coredns/coredns', [
  [['v1.11.3'], 'v1.11.3', 18_562_039, () => corednsBehaviour('v1.11.3')],
  [['v1.11.1'], 'v1.11.1', 18_182_961, () => corednsBehaviour('v1.11.1')],
  [['v1.10.1'], 'v1.10.1', 16_190_758, () => corednsBehaviour('v1.10.1')],
]);

function kube(component: string, size: number, make: (v: string) => ImageBehaviour): TagResolver {
  return (tag) => {
    const m = /^v1\.(2[5-9]|3[0-2])\.(\d+)$/.exec(tag);
    if (!m || Number(m[2]) > (m[1] === '32' ? 3 : 14)) return undefined;
    const id = `registry.k8s.io/${component}:${tag}`;
    return { id, sizeBytes: size + jitter(id, 500_000), make: () => make(tag) };
  };
}

const REPOSITORIES: Record<string, TagResolver> = {
  'docker.io/library/nginx': nginx,
  'docker.io/library/busybox': busybox,
  'docker.io/library/alpine': alpine,
  'docker.io/library/ubuntu': ubuntu,
  'docker.io/library/debian': debian,
  'docker.io/library/python': python,
  'docker.io/library/httpd': httpd,
  'docker.io/library/redis': redis,
  'docker.io/jpetazzo/httpenv': httpenv,
  'docker.io/dockercoins/rng': rng,
  'docker.io/dockercoins/hasher': hasher,
  'docker.io/dockercoins/webui': webui,
  'docker.io/dockercoins/worker': worker,
  'registry.k8s.io/pause': pause,
  'registry.k8s.io/etcd': etcd,
  'registry.k8s.io/coredns/coredns': coredns,
  'registry.k8s.io/ingress-nginx/controller': ingressNginx,
  'registry.k8s.io/metrics-server/metrics-server': metricsServer,
  'registry.k8s.io/kube-apiserver': kube('kube-apiserver', 28_670_000, kubeApiserverBehaviour),
  'registry.k8s.io/kube-controller-manager': kube('kube-controller-manager', 26_260_000, kubeControllerManagerBehaviour),
  'registry.k8s.io/kube-scheduler': kube('kube-scheduler', 20_650_000, kubeSchedulerBehaviour),
  'registry.k8s.io/kube-proxy': kube('kube-proxy', 30_900_000, kubeProxyBehaviour),
};

/** Registries that answer (unknown names there are "not found" / "access denied"). */
const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'ghcr.io', 'quay.io', 'gcr.io', 'mcr.microsoft.com', 'public.ecr.aws']);

export const digestOf = (buildId: string): string => `sha256:${sha256Hex(`timonel-image:${buildId}`)}`;

const behaviours = new Map<string, ImageBehaviour>();
const digestIndexes = new Map<string, Map<string, Build>>();

/** Candidate tags swept once per repository to answer pulls by digest. */
function candidateTags(): string[] {
  const out = ['latest', 'stable', 'alpine', 'edge', 'slim', 'mainline', 'musl', 'glibc', 'uclibc', 'v0.1', 'bookworm', 'noble', 'jammy', 'focal', 'bionic', 'rolling'];
  for (let a = 1; a <= 3; a++) {
    for (let b = 0; b <= 37; b++) {
      for (const base of [`${a}.${b}`, ...Array.from({ length: 17 }, (_, c) => `${a}.${b}.${c}`)]) out.push(base, `${base}-alpine`, `${base}-slim`, `v${base}`, `${base}-0`);
    }
  }
  return out;
}

function findByDigest(repository: string, resolver: TagResolver, digest: string): Build | undefined {
  let index = digestIndexes.get(repository);
  if (!index) {
    index = new Map();
    for (const t of candidateTags()) {
      const b = resolver(t);
      if (b) index.set(digestOf(b.id), b);
    }
    digestIndexes.set(repository, index);
  }
  return index.get(digest);
}

/** Base pull time: ~0.8 s of registry round trips plus ~30 MB/s of download and unpack. */
const pullMsFor = (size: number): number => Math.round(800 + size / 30_000);

function pullFailure(full: string, reason: 'NotFound' | 'ManifestUnknown', detail: string, rpcCode: 'NotFound' | 'Unknown'): ResolveFailure {
  return { ok: false, reason, rpcCode, message: `failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${detail}` };
}

/**
 * Looks an image reference up. Failures carry containerd's text in `message`; the kubelet
 * shows `rpc error: code = <rpcCode> desc = <message>` (InvalidReference: the kubelet's own
 * InvalidImageName text, no rpc prefix).
 */
/** Results by reference: thousands of containers of one image share one ImageInfo (and no digest is hashed again). */
const resolved = new Map<string, ResolveResult>();
const RESOLVED_MAX = 1024;

/** What the runtime finds for an image reference. The result is shared: callers must not change it. */
export function resolveImage(ref: string): ResolveResult {
  let r = resolved.get(ref);
  if (!r) {
    if (resolved.size >= RESOLVED_MAX) resolved.clear();
    r = resolveUncached(ref);
    resolved.set(ref, r);
  }
  return r;
}

function resolveUncached(ref: string): ResolveResult {
  const n = normalizeImageRef(ref);
  if (!n.ok) {
    return { ok: false, reason: 'InvalidReference', rpcCode: 'InvalidArgument', message: `Failed to apply default image tag ${JSON.stringify(ref)}: ${n.error}` };
  }
  const { full, repository, tag, digest } = n.value;
  const domain = repository.slice(0, repository.indexOf('/'));
  const resolver: TagResolver | undefined = Object.prototype.hasOwnProperty.call(REPOSITORIES, repository) ? REPOSITORIES[repository] : undefined;
  let build: Build | undefined;
  if (resolver && digest) build = findByDigest(repository, resolver, digest);
  else if (resolver) build = resolver(tag);
  if (!build) {
    if (!KNOWN_REGISTRIES.has(domain)) {
      const path = repository.slice(domain.length + 1);
      return pullFailure(
        full,
        'NotFound',
        `failed to do request: Head "https://${domain}/v2/${path}/manifests/${digest ?? tag}": dial tcp: lookup ${domain.replace(/:\d+$/, '')} on 192.168.49.1:53: no such host`,
        'Unknown',
      );
    }
    if (!resolver && domain === 'docker.io') {
      return pullFailure(full, 'NotFound', 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'Unknown');
    }
    return pullFailure(full, resolver ? 'ManifestUnknown' : 'NotFound', `${full}: not found`, 'NotFound');
  }
  let behaviour = behaviours.get(build.id);
  if (!behaviour) {
    behaviour = build.make();
    behaviours.set(build.id, behaviour);
  }
  const image: ImageInfo = { repository, tag, digest: digestOf(build.id), sizeBytes: build.sizeBytes, pullMs: pullMsFor(build.sizeBytes) };
  return { ok: true, image, behaviour };
}

/** status.containerStatuses[].imageID: `docker.io/library/nginx@sha256:...` */
export function imageIdOf(image: ImageInfo): string {
  return `${image.repository}@${image.digest}`;
}

/** status.containerStatuses[].image: `docker.io/library/nginx:latest` (or the digest form). */
export function imageNameOf(image: ImageInfo): string {
  return image.tag ? `${image.repository}:${image.tag}` : `${image.repository}@${image.digest}`;
}
