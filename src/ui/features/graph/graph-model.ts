// The cluster graph as a pure function of the mirror: Nodes as boxes containing their pods,
// workload controllers (Deployment → ReplicaSet → Pod, ReplicationController, DaemonSet)
// linked by controller ownerReferences, Services linked to the pods their selector matches.
// Everything is keyed by uid so layout and animation keep identity across updates; a pod object
// that did not change yields the very same PodItem, so later stages can skip it by identity.
// Leaves out: EndpointSlices, Jobs (aggregation is the layout's).
import type { KObject } from '../../../engine';
import type { Mirror } from '../../state/mirror';
import { compareNames, isSimpleName } from '../../lib/names';

export type GraphKind = 'Node' | 'Pod' | 'Service' | 'Deployment' | 'ReplicaSet' | 'ReplicationController' | 'DaemonSet';

export interface GraphItem {
  uid: string;
  kind: GraphKind;
  name: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
}

export interface PodItem extends GraphItem {
  kind: 'Pod';
  phase: string;
  /** What `kubectl get pods` shows in STATUS (Running, ContainerCreating, CrashLoopBackOff, Terminating...). */
  status: string;
  node: string;
  /** uid of the Node box, when the pod is bound to a known node. */
  nodeUid?: string;
  ready: number;
  containers: number;
  restarts: number;
}

export interface NodeItem extends GraphItem {
  kind: 'Node';
  ready: boolean;
  unschedulable: boolean;
  /** Pod uids inside this node's box, sorted by namespace/name. */
  pods: string[];
}

export interface GraphEdge {
  id: string;
  type: 'owns' | 'selects';
  source: string;
  target: string;
}

/** What a model remembers of a pod object, so the next build can reuse it by identity. */
export interface PodSource {
  /** The mirror's object the item was made from. */
  object: KObject;
  item: PodItem;
  /** Its controller edge (null: none). */
  owner: GraphEdge | null;
}

export interface GraphModel {
  nodes: NodeItem[];
  pods: Map<string, PodItem>;
  /** Per pod uid, the object its item was made from (for the next build's `prev`). */
  sources?: Map<string, PodSource>;
  /** Pods not bound to a node (Pending before scheduling), sorted. */
  unscheduled: string[];
  controllers: GraphItem[];
  services: GraphItem[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  /** Only objects of this namespace (Nodes are always shown); undefined = all. */
  namespace?: string;
  /**
   * The model built from the previous mirror with the same namespace: a Node box whose pods are
   * the same set keeps its sorted list, so a frame's work follows the pods that changed.
   */
  prev?: GraphModel;
}

type Meta = { name?: string; namespace?: string; uid?: string; labels?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: { uid: string; controller?: boolean }[] };
const meta = (o: KObject) => (o.metadata ?? {}) as Meta;
const byName = (a: GraphItem, b: GraphItem) => compareNames(a.namespace, b.namespace) || compareNames(a.name, b.name);

/**
 * `list` sorted by its items' namespace/name in byName's order, testing each item's names once
 * (one key per item) instead of at every comparison.
 */
function sortedByName<T>(list: readonly T[], itemOf: (x: T) => GraphItem): T[] {
  const keyed = list.map((x) => {
    const it = itemOf(x);
    // '\0' sorts before every character of a simple name: namespace first, then name.
    const key = isSimpleName(it.namespace) && isSimpleName(it.name) ? `${it.namespace}\u0000${it.name}` : undefined;
    return { x, it, key };
  });
  keyed.sort((a, b) => (a.key !== undefined && b.key !== undefined ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : byName(a.it, b.it)));
  return keyed.map((k) => k.x);
}

function item(o: KObject, kind: GraphKind): GraphItem {
  const m = meta(o);
  return { uid: m.uid as string, kind, name: m.name ?? '', namespace: m.namespace ?? '' };
}

interface ContainerStatusLike {
  ready?: boolean;
  restartCount?: number;
  state?: { running?: unknown; waiting?: { reason?: string }; terminated?: { reason?: string; signal?: number; exitCode?: number } };
}

/**
 * The STATUS column of `kubectl get pods`, in its common cases.
 * Models kubernetes/pkg/printers/internalversion/printers.go (printPod)
 * SIMPLIFICATION: init containers and sidecars are not considered.
 */
export function podStatus(pod: KObject): string {
  const status = (pod.status ?? {}) as { phase?: string; reason?: string; containerStatuses?: ContainerStatusLike[]; conditions?: { type: string; status: string }[] };
  let reason = status.reason || status.phase || '';
  let hasRunning = false;
  const cs = status.containerStatuses ?? [];
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i];
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = c.state.terminated.signal ? `Signal:${c.state.terminated.signal}` : `ExitCode:${c.state.terminated.exitCode ?? 0}`;
    else if (c.ready && c.state?.running) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) {
    reason = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (meta(pod).deletionTimestamp) {
    if (status.reason === 'NodeLost') reason = 'Unknown';
    else if (status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';
  }
  return reason;
}

function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  if (!labels) return false;
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

// Pod items and their controller edges are reused through the previous model's `sources`, keyed
// by uid: a WeakMap keyed by every pod object made each young-generation GC walk thousands of
// ephemerons (15 ms scavenges in a 1,000-pod burst).
/** Per Service object, per pod object: the `selects` edge (null: the selector does not match). */
const selectsOf = new WeakMap<KObject, WeakMap<KObject, GraphEdge | null>>();

function ownerEdge(o: KObject): GraphEdge | null {
  const m = meta(o);
  const ref = m.uid ? (m.ownerReferences ?? []).find((r) => r.controller) : undefined;
  return ref ? { id: `owns:${ref.uid}:${m.uid}`, type: 'owns', source: ref.uid, target: m.uid as string } : null;
}

function podItem(o: KObject, node: NodeItem | undefined): PodItem {
  const spec = (o.spec ?? {}) as { nodeName?: string; containers?: unknown[] };
  const cs = ((o.status as { containerStatuses?: ContainerStatusLike[] } | undefined)?.containerStatuses) ?? [];
  let ready = 0;
  let restarts = 0;
  for (const c of cs) {
    if (c.ready) ready++;
    restarts += c.restartCount ?? 0;
  }
  return {
    ...item(o, 'Pod'),
    kind: 'Pod',
    phase: (o.status as { phase?: string } | undefined)?.phase ?? 'Pending',
    status: podStatus(o),
    node: spec.nodeName ?? '',
    nodeUid: node?.uid,
    ready,
    containers: spec.containers?.length ?? cs.length,
    restarts,
  };
}

export function buildGraphModel(mirror: Mirror, opts: GraphOptions = {}): GraphModel {
  const ns = opts.namespace;
  const inNs = (o: KObject) => ns === undefined || meta(o).namespace === ns;

  const nodes: NodeItem[] = [];
  const nodeByName = new Map<string, NodeItem>();
  for (const o of mirror.nodes.values()) {
    const conds = ((o.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions) ?? [];
    const n: NodeItem = {
      ...item(o, 'Node'),
      kind: 'Node',
      ready: conds.some((c) => c.type === 'Ready' && c.status === 'True'),
      unschedulable: Boolean((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable),
      pods: [],
    };
    nodes.push(n);
    nodeByName.set(n.name, n);
  }
  nodes.sort(byName);

  const pods = new Map<string, PodItem>();
  const sources = new Map<string, PodSource>();
  const prevSources = opts.prev?.sources;
  const podsByNs = new Map<string, KObject[]>();
  const unscheduled: PodItem[] = [];
  const prev = opts.prev;
  /** Node boxes that gained a pod since `prev` (a lost pod shows in the count). */
  const gained = new Set<NodeItem | undefined>();
  // forEach over the pods: no iterator result per pod each frame (see state/mirror.ts).
  mirror.pods.forEach((o) => {
    if (!inNs(o)) return;
    const spec = (o.spec ?? {}) as { nodeName?: string };
    const node = nodeByName.get(spec.nodeName ?? '');
    // The same object (the mirror keeps unchanged objects by identity) gives the same item, so
    // the diff and the renderer skip it by identity.
    const uid = meta(o).uid as string;
    let src = prevSources?.get(uid);
    if (!src || src.object !== o) src = { object: o, item: podItem(o, node), owner: ownerEdge(o) };
    else if (src.item.nodeUid !== node?.uid) src = { object: o, item: podItem(o, node), owner: src.owner };
    sources.set(uid, src);
    const p = src.item;
    pods.set(p.uid, p);
    const ns = p.namespace;
    let list = podsByNs.get(ns);
    if (!list) podsByNs.set(ns, (list = []));
    list.push(o);
    if (prev) {
      const before = prev.pods.get(p.uid);
      if (!before || before.nodeUid !== p.nodeUid) gained.add(node);
    }
    if (node) node.pods.push(p.uid);
    else unscheduled.push(p);
  });
  const prevNodes = new Map<string, NodeItem>();
  for (const n of prev?.nodes ?? []) prevNodes.set(n.uid, n);
  for (const n of nodes) {
    // Same pods as before (none gained, as many): the sorted list of the previous model holds.
    const before = prev && !gained.has(n) ? prevNodes.get(n.uid) : undefined;
    if (before && before.pods.length === n.pods.length) n.pods = before.pods;
    else n.pods = sortedByName(n.pods, (uid) => pods.get(uid) as PodItem);
  }
  const unscheduledIds = prev && !gained.has(undefined) && prev.unscheduled.length === unscheduled.length
    ? prev.unscheduled
    : sortedByName(unscheduled, (p) => p).map((p) => p.uid);

  const controllers: GraphItem[] = [];
  const controllerUids = new Set<string>();
  const add = (map: ReadonlyMap<string, KObject>, kind: GraphKind) => {
    for (const o of map.values()) {
      if (!inNs(o)) continue;
      const it = item(o, kind);
      controllers.push(it);
      controllerUids.add(it.uid);
    }
  };
  add(mirror.deployments, 'Deployment');
  add(mirror.replicasets, 'ReplicaSet');
  add(mirror.replicationcontrollers, 'ReplicationController');
  add(mirror.daemonsets, 'DaemonSet');
  const order: Record<string, number> = { Deployment: 0, DaemonSet: 1, ReplicationController: 2, ReplicaSet: 3 };
  controllers.sort((a, b) => order[a.kind] - order[b.kind] || byName(a, b));
  const known = (uid: string) => pods.has(uid) || controllerUids.has(uid);

  const edges: GraphEdge[] = [];
  for (const o of mirror.replicasets.values()) {
    const e = known(meta(o).uid ?? '') ? ownerEdge(o) : null;
    if (e && known(e.source)) edges.push(e);
  }
  sources.forEach((src) => {
    const e = src.owner;
    if (e && known(e.source)) edges.push(e);
  });

  const services: GraphItem[] = [];
  for (const o of mirror.services.values()) {
    if (!inNs(o)) continue;
    const svc = item(o, 'Service');
    services.push(svc);
    const selector = (o.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    let cache = selectsOf.get(o);
    if (!cache) selectsOf.set(o, (cache = new WeakMap()));
    for (const p of podsByNs.get(svc.namespace) ?? []) {
      let e = cache.get(p);
      if (e === undefined) {
        const uid = meta(p).uid as string;
        e = selectorMatches(selector, meta(p).labels) ? { id: `selects:${svc.uid}:${uid}`, type: 'selects', source: svc.uid, target: uid } : null;
        cache.set(p, e);
      }
      if (e) edges.push(e);
    }
  }
  services.sort(byName);

  return { nodes, pods, sources, unscheduled: unscheduledIds, controllers, services, edges };
}
