// Snapshot and restore of a whole simulated cluster, for the playground's persistence: the
// store's objects and revision, virtual time, every RNG stream, the kubelets' own state (images,
// static pods, pod IP allocations, powered on or off). Restoring is a control-plane restart.
// SIMPLIFICATION: in-memory state is lost as when every component restarts: pending clock tasks
// (controllers requeue on start, kubelets re-adopt pods: see PodWorker.adopt), container logs
// before the restore, Event aggregation (a repeated event starts a new Event object), watch
// history (watches from older revisions get 410 Gone) and taint-eviction timers (start again).
import { Cluster } from './cluster';
import type { ClusterOptions, ClusterRestore } from './cluster';
import type { KObject, Pod, Service } from './api/types';
import type { RngState } from './core/rng';
import type { KubeletState, NodeConfig } from './node/node-agents';
import { parseTime } from './core/time';

export const SNAPSHOT_VERSION = 1;

export interface ClusterSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** Virtual epoch ms when the cluster was created and when the snapshot was taken. */
  createdAt: number;
  now: number;
  seed: number;
  rng: RngState;
  store: { rev: number; resources: Record<string, KObject[]> };
  nodes: { config: NodeConfig; kubelet: KubeletState }[];
  /** Whether Events were recorded (ClusterOptions.events). */
  events: boolean;
}

const EVENT_TTL_MS = 60 * 60 * 1000;

/** A JSON-compatible picture of the cluster; objects are shared (they are frozen), not copied. */
export function snapshotCluster(cluster: Cluster): ClusterSnapshot {
  const nodes = cluster.nodes.configs().map((config) => {
    const k = cluster.nodes.get(config.name);
    if (!k) throw new Error(`snapshot: no kubelet for node ${config.name}`);
    return { config, kubelet: k.dump() };
  });
  return {
    version: SNAPSHOT_VERSION,
    createdAt: cluster.createdAt,
    now: cluster.clock.now(),
    seed: cluster.rng.seed,
    rng: cluster.rng.state(),
    store: cluster.store.dump(),
    nodes,
    // Cluster turns events off by replacing the recorder's method on the instance.
    events: !Object.prototype.hasOwnProperty.call(cluster.recorder, 'event'),
  };
}

/** True when `x` has the shape of a ClusterSnapshot (checked before restoring saved data). */
export function isClusterSnapshot(x: unknown): x is ClusterSnapshot {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<ClusterSnapshot>;
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  return s.version === SNAPSHOT_VERSION && num(s.createdAt) && num(s.now) && num(s.seed)
    && typeof s.rng === 'object' && s.rng !== null && Array.isArray(s.rng.s)
    && typeof s.store === 'object' && s.store !== null && num(s.store.rev) && typeof s.store.resources === 'object'
    && Array.isArray(s.nodes) && s.nodes.every((n) => typeof n?.config?.name === 'string' && Array.isArray(n?.kubelet?.images));
}

/**
 * A running cluster from a snapshot: the same objects at the same revision and time, the RNG
 * streams where they were, controllers and scheduler started over the restored objects (as
 * after a restart of kube-controller-manager and kube-scheduler), kubelets re-adopting their pods.
 */
export function restoreCluster(snap: ClusterSnapshot): Cluster {
  const cluster = new Cluster(restoreOptions(snap));
  finishRestore(cluster, snap);
  return cluster;
}

/** The ClusterOptions that rebuild `snap` (for hosts that create the cluster themselves). */
export function restoreOptions(snap: ClusterSnapshot): ClusterOptions & { restore: ClusterRestore } {
  return {
    seed: snap.seed,
    startTime: snap.createdAt,
    events: snap.events,
    restore: {
      load(clock, store, alloc) {
        clock.advanceTo(snap.now);
        store.load(snap.store);
        // Allocations are re-derived from the Services, as the API server's repair loops do.
        // Models pkg/registry/core/service/ipallocator/controller/repair.go and portallocator/controller/repair.go
        for (const o of snap.store.resources.services ?? []) {
          const spec = (o as Service).spec;
          for (const ip of spec?.clusterIPs ?? (spec?.clusterIP ? [spec.clusterIP] : [])) if (ip && ip !== 'None') alloc.clusterIPs.allocate(ip);
          for (const p of spec?.ports ?? []) if (p.nodePort) alloc.nodePorts.allocate(p.nodePort);
        }
      },
      nodes(agents) {
        const byNode = new Map<string, Pod[]>();
        for (const o of snap.store.resources.pods ?? []) {
          const n = (o as Pod).spec?.nodeName;
          if (!n) continue;
          let list = byNode.get(n);
          if (!list) byNode.set(n, (list = []));
          list.push(o as Pod);
        }
        for (const n of snap.nodes) agents.restore(n.config, n.kubelet, byNode.get(n.config.name) ?? []);
      },
    },
  };
}

/** Completes a cluster built with restoreOptions(snap): RNG states and Event expiry. */
export function finishRestore(cluster: Cluster, snap: ClusterSnapshot): void {
  cluster.rng.setState(snap.rng);
  // Events expire one hour after creation (an etcd lease, which survives restarts).
  const eventType = cluster.api.mustResource('events');
  for (const o of snap.store.resources.events ?? []) {
    const created = parseTime(o.metadata?.creationTimestamp) ?? snap.now;
    const ns = o.metadata?.namespace;
    const name = o.metadata?.name ?? '';
    const uid = o.metadata?.uid;
    cluster.clock.schedule(Math.max(0, created + EVENT_TTL_MS - snap.now), () => {
      try {
        cluster.api.delete(eventType, ns, name, { preconditions: { uid } });
      } catch {
        /* already gone */
      }
    }, 'event-ttl');
  }
}
