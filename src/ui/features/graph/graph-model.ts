// The cluster graph as a pure function of the mirror: Nodes as boxes containing their pods,
// workload controllers (Deployment → ReplicaSet → Pod, ReplicationController, DaemonSet)
// linked by controller ownerReferences, Services linked to the pods their selector matches.
// Everything is keyed by uid so layout and animation keep identity across updates; a pod object
// that did not change yields the very same PodItem, so later stages can skip it by identity.
// Leaves out: EndpointSlices, Jobs (aggregation is the layout's).
import type { KObject } from '../../../engine';
import type { Mirror } from '../../state/mirror';

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

export interface GraphModel {
  nodes: NodeItem[];
  pods: Map<string, PodItem>;
  /** Pods not bound to a node (Pending before scheduling), sorted. */
  unscheduled: string[];
  controllers: GraphItem[];
  services: GraphItem[];
  edges: GraphEdge[];
}

export interface GraphOptions {
  /** Only objects of this namespace (Nodes are always shown); undefined = all. */
  namespace?: string;
}

type Meta = { name?: string; namespace?: string; uid?: string; labels?: Record<string, string>; deletionTimestamp?: string; ownerReferences?: { uid: string; controller?: boolean }[] };
const meta = (o: KObject) => (o.metadata ?? {}) as Meta;
const byName = (a: GraphItem, b: GraphItem) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

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

/** Pod items by the pod object they were made from. */
const podItems = new WeakMap<KObject, PodItem>();

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
  const podsByNs = new Map<string, PodItem[]>();
  const podLabels = new Map<string, Record<string, string> | undefined>();
  const unscheduled: PodItem[] = [];
  for (const o of mirror.pods.values()) {
    if (!inNs(o)) continue;
    const spec = (o.spec ?? {}) as { nodeName?: string };
    const node = nodeByName.get(spec.nodeName ?? '');
    // The same object (the mirror keeps unchanged objects by identity) gives the same item, so
    // the diff and the renderer skip it by identity.
    let p = podItems.get(o);
    if (!p || p.nodeUid !== node?.uid) {
      p = podItem(o, node);
      podItems.set(o, p);
    }
    pods.set(p.uid, p);
    podLabels.set(p.uid, meta(o).labels);
    let list = podsByNs.get(p.namespace);
    if (!list) podsByNs.set(p.namespace, (list = []));
    list.push(p);
    if (node) node.pods.push(p.uid);
    else unscheduled.push(p);
  }
  for (const n of nodes) n.pods.sort((a, b) => byName(pods.get(a) as PodItem, pods.get(b) as PodItem));
  unscheduled.sort(byName);

  const controllers: GraphItem[] = [];
  const known = new Set<string>(pods.keys());
  const add = (map: ReadonlyMap<string, KObject>, kind: GraphKind) => {
    for (const o of map.values()) {
      if (!inNs(o)) continue;
      const it = item(o, kind);
      controllers.push(it);
      known.add(it.uid);
    }
  };
  add(mirror.deployments, 'Deployment');
  add(mirror.replicasets, 'ReplicaSet');
  add(mirror.replicationcontrollers, 'ReplicationController');
  add(mirror.daemonsets, 'DaemonSet');
  const order: Record<string, number> = { Deployment: 0, DaemonSet: 1, ReplicationController: 2, ReplicaSet: 3 };
  controllers.sort((a, b) => order[a.kind] - order[b.kind] || byName(a, b));

  const edges: GraphEdge[] = [];
  const ownerEdges = (map: ReadonlyMap<string, KObject>) => {
    for (const o of map.values()) {
      const m = meta(o);
      if (!m.uid || !known.has(m.uid)) continue;
      for (const ref of m.ownerReferences ?? []) {
        if (ref.controller && known.has(ref.uid)) edges.push({ id: `owns:${ref.uid}:${m.uid}`, type: 'owns', source: ref.uid, target: m.uid });
      }
    }
  };
  ownerEdges(mirror.replicasets);
  ownerEdges(mirror.pods);

  const services: GraphItem[] = [];
  for (const o of mirror.services.values()) {
    if (!inNs(o)) continue;
    const svc = item(o, 'Service');
    services.push(svc);
    const selector = (o.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector || Object.keys(selector).length === 0) continue;
    for (const p of podsByNs.get(svc.namespace) ?? []) {
      if (selectorMatches(selector, podLabels.get(p.uid))) edges.push({ id: `selects:${svc.uid}:${p.uid}`, type: 'selects', source: svc.uid, target: p.uid });
    }
  }
  services.sort(byName);

  return { nodes, pods, unscheduled: unscheduled.map((p) => p.uid), controllers, services, edges };
}
