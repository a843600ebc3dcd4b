// What the kubelet's resource analyzer would report for each running container: CPU (nanocores
// averaged over the scrape window) and memory working set (bytes), from the image's behaviour
// (nginx idle, ping, dockercoins by load, control-plane components) with seeded noise, and node
// usage as the sum of its pods plus the system's own overhead (kubelet, containerd, OS).
// SIMPLIFICATION: profiles are per image repository, not measured from the simulated processes;
// limits are not enforced (usage above a memory limit does not OOM-kill).
import type { Pod } from '../api/types';
import { hashString } from '../core/rng';

export interface Usage {
  /** CPU in nanocores. */
  cpuNano: number;
  /** Memory working set in bytes. */
  memBytes: number;
}

const MI = 1024 * 1024;
const M = 1_000_000; // one millicore in nanocores

/** Per-namespace load the dockercoins profiles depend on. */
export interface LoadContext {
  /** Running dockercoins worker containers per namespace. */
  workers: Map<string, number>;
  /** Running rng / hasher containers per namespace (the load is shared among them). */
  rng: Map<string, number>;
  hasher: Map<string, number>;
}

interface Profile {
  /** Mean CPU in millicores. */
  cpu: number;
  /** Mean memory in MiB. */
  mem: number;
}

/** Repository (registry host and library/ prefix dropped) → usage at rest. */
function repositoryOf(image: string): string {
  let s = image.split('@')[0]!;
  const lastSlash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > lastSlash) s = s.slice(0, colon);
  s = s.replace(/^(docker\.io|registry\.k8s\.io|index\.docker\.io)\//, '').replace(/^library\//, '');
  return s;
}

function commandOf(pod: Pod, container: string): string {
  const c = (pod.spec?.containers ?? []).find((x) => x.name === container);
  return [...(c?.command ?? []), ...(c?.args ?? [])].join(' ');
}

/** The usage profile of a container (before noise). */
export function profileOf(pod: Pod, container: string, image: string, load: LoadContext): Profile {
  const repo = repositoryOf(image);
  const ns = pod.metadata?.namespace ?? '';
  const workers = load.workers.get(ns) ?? 0;
  switch (repo) {
    case 'nginx':
      return { cpu: 0.4, mem: 3.2 };
    case 'httpd':
      return { cpu: 1, mem: 6 };
    case 'alpine':
    case 'busybox':
    case 'ubuntu':
    case 'debian': {
      const cmd = commandOf(pod, container);
      if (/\bping\b/.test(cmd)) return { cpu: 0.8, mem: 0.4 };
      if (/while|for /.test(cmd)) return { cpu: 1.2, mem: 0.6 };
      return { cpu: 0, mem: 0.3 };
    }
    case 'python':
      return { cpu: 1, mem: 11 };
    case 'redis':
      return { cpu: 2 + 1.5 * workers, mem: 3.3 };
    case 'jpetazzo/httpenv':
      return { cpu: 0.3, mem: 1.6 };
    case 'dockercoins/worker':
      return { cpu: 9, mem: 16 };
    case 'dockercoins/rng':
      // Each worker asks rng for 32 bytes per coin: ~10 requests/s per worker.
      return { cpu: 2 + (38 * workers) / Math.max(1, load.rng.get(ns) ?? 1), mem: 19 };
    case 'dockercoins/hasher':
      return { cpu: 3 + (27 * workers) / Math.max(1, load.hasher.get(ns) ?? 1), mem: 24 };
    case 'dockercoins/webui':
      return { cpu: 4, mem: 29 };
    case 'etcd':
      return { cpu: 24, mem: 42 };
    case 'kube-apiserver':
      return { cpu: 48, mem: 265 };
    case 'kube-controller-manager':
      return { cpu: 14, mem: 52 };
    case 'kube-scheduler':
      return { cpu: 3, mem: 21 };
    case 'kube-proxy':
      return { cpu: 1, mem: 16 };
    case 'coredns/coredns':
      return { cpu: 2, mem: 13 };
    case 'metrics-server/metrics-server':
      return { cpu: 4, mem: 19 };
    case 'pause':
      return { cpu: 0, mem: 0.2 };
    default:
      return { cpu: 1, mem: 5 };
  }
}

/** A deterministic number in [-1, 1) from a key. */
export function noise(seed: number, key: string): number {
  const h = hashString(`${seed}:${key}`);
  // One more avalanche round: FNV alone is weak in the high bits for similar keys.
  let z = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return z / 0x80000000 - 1;
}

/**
 * Usage of one container in scrape `sample`: CPU varies ±35 % between scrapes, memory ±4 %
 * around a per-container level (±15 %) that stays put, as working sets do.
 */
export function containerUsage(seed: number, pod: Pod, container: string, image: string, sample: number, load: LoadContext): Usage {
  const p = profileOf(pod, container, image, load);
  const id = `${pod.metadata?.uid ?? ''}/${container}`;
  const cpu = p.cpu * (1 + 0.35 * noise(seed, `${id}/cpu/${sample}`));
  const level = 1 + 0.15 * noise(seed, `${id}/mem`);
  const mem = p.mem * level * (1 + 0.04 * noise(seed, `${id}/mem/${sample}`));
  return { cpuNano: Math.max(0, Math.round(cpu * M)), memBytes: Math.max(0, Math.round(mem * MI / 4096) * 4096) };
}

/** The node's own usage outside pods (kubelet, container runtime, systemd, page cache). */
export function nodeOverhead(seed: number, nodeName: string, controlPlane: boolean, sample: number): Usage {
  const cpu = (controlPlane ? 38 : 22) * (1 + 0.3 * noise(seed, `${nodeName}/cpu/${sample}`));
  const mem = (controlPlane ? 610 : 395) * (1 + 0.08 * noise(seed, `${nodeName}/mem`)) * (1 + 0.01 * noise(seed, `${nodeName}/mem/${sample}`));
  return { cpuNano: Math.round(cpu * M), memBytes: Math.round(mem * MI / 4096) * 4096 };
}
