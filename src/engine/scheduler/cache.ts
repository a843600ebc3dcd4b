// The scheduler cache: one NodeInfo per node, updated in O(1) per pod event, plus the node
// list in node-tree order (zones interleaved round-robin, as the snapshot lists them).
// Pods count once they have spec.nodeName (assumed or bound); Succeeded/Failed pods don't.
// Leaves out: assume/forget TTLs and the generation-based snapshot copy (we read it live).
// Models kubernetes/pkg/scheduler/backend/cache/cache.go and node_tree.go
import type { Node, Pod } from '../api/types';
import { NodeInfo, podEntry } from './node-info';
import type { PodEntry } from './node-info';

function podKey(pod: Pod): string {
  const m = pod.metadata ?? {};
  return m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Whether podEntry(b) would equal the entry built from `a` (same spec, owner and deletion mark). */
function sameContribution(a: Pod, b: Pod): boolean {
  if (a.spec !== b.spec || a.spec === undefined) return false;
  const am = a.metadata;
  const bm = b.metadata;
  return am?.ownerReferences === bm?.ownerReferences && !am?.deletionTimestamp === !bm?.deletionTimestamp;
}

export class SchedulerCache {
  private readonly infos = new Map<string, NodeInfo>();
  /** Nodes per zone key in insertion order, and zones in order of first appearance. */
  private readonly tree = new Map<string, string[]>();
  private list: NodeInfo[] = [];
  private listDirty = false;
  /** Non-terminating pods per owner uid per node (only nodes holding some). */
  private readonly ownerNodes = new Map<string, Map<NodeInfo, number>>();
  /** Non-terminating pods per owner uid per zone label value, over nodes in the cache. */
  private readonly ownerZone = new Map<string, Map<string, number>>();
  /** Rotation start for the next filter pass (schedule_one.go nextStartNodeIndex). */
  nextStartNodeIndex = 0;

  upsertNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    let info = this.infos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.infos.set(name, info);
    }
    const had = info.node !== undefined;
    const oldZone = info.zoneKey;
    if (had) this.bumpNodeZones(info, -1);
    info.setNode(node);
    this.bumpNodeZones(info, 1);
    if (!had) this.treeAdd(info.zoneKey, name);
    else if (oldZone !== info.zoneKey) {
      this.treeRemove(oldZone, name);
      this.treeAdd(info.zoneKey, name);
    }
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info || !info.node) return;
    this.treeRemove(info.zoneKey, name);
    this.bumpNodeZones(info, -1);
    info.node = undefined;
    // Upstream keeps the NodeInfo while pods still point at the node.
    if (info.podCount === 0) this.infos.delete(name);
  }

  addPod(pod: Pod): void {
    this.add(pod, undefined);
  }

  /** Adds `pod`; `was` is its entry before an update (requests reused when spec is the same object). */
  private add(pod: Pod, was: PodEntry | undefined): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod)) return;
    const key = podKey(pod);
    this.removeByKey(key, nodeName);
    let info = this.infos.get(nodeName);
    if (!info) {
      info = new NodeInfo(nodeName);
      this.infos.set(nodeName, info);
    }
    const e = podEntry(pod, nodeName, was);
    info.addEntry(e, key);
    if (e.spreadOwner !== undefined) {
      this.bumpOwnerNode(e.spreadOwner, info, 1);
      if (info.node && info.zone !== undefined) this.bumpZone(e.spreadOwner, info.zone, 1);
    }
  }

  removePod(pod: Pod): void {
    this.removeByKey(podKey(pod), pod.spec?.nodeName);
  }

  updatePod(oldPod: Pod, newPod: Pod): void {
    const key = podKey(oldPod);
    // A status write shares spec and ownerReferences with the previous version (the store
    // keeps unchanged subtrees): the entry's contribution is the same, so only the pod it
    // points at changes (nothing reads the order of a node's entries).
    const nodeName = oldPod.spec?.nodeName;
    if (nodeName !== undefined && nodeName === newPod.spec?.nodeName && podKey(newPod) === key && !isTerminal(newPod)) {
      const e = this.infos.get(nodeName)?.pods.get(key);
      if (e && sameContribution(e.pod, newPod)) {
        e.pod = newPod;
        return;
      }
    }
    // Otherwise: out and in again; the requests are reused when spec is the same object.
    this.add(newPod, this.removeByKey(key, nodeName));
  }

  nodeCount(): number {
    return this.nodeList().length;
  }

  /** NodeInfo by node name (also for nodes only known through their pods). */
  get(name: string): NodeInfo | undefined {
    return this.infos.get(name);
  }

  /** Nodes in node-tree order. The array is reused until nodes change: do not mutate. */
  nodeList(): readonly NodeInfo[] {
    if (this.listDirty) this.rebuildList();
    return this.list;
  }

  /** Pods of `owner` on nodes whose topology.kubernetes.io/zone label is `zone`. */
  ownerZoneCount(owner: string, zone: string): number {
    return this.ownerZone.get(owner)?.get(zone) ?? 0;
  }

  /** The nodes holding non-terminating pods of `owner`, with their counts. */
  ownerNodeCounts(owner: string): ReadonlyMap<NodeInfo, number> | undefined {
    return this.ownerNodes.get(owner);
  }

  private bumpOwnerNode(owner: string, info: NodeInfo, delta: number): void {
    let m = this.ownerNodes.get(owner);
    if (!m) {
      m = new Map();
      this.ownerNodes.set(owner, m);
    }
    const n = (m.get(info) ?? 0) + delta;
    if (n > 0) m.set(info, n);
    else {
      m.delete(info);
      if (m.size === 0) this.ownerNodes.delete(owner);
    }
  }

  private bumpZone(owner: string, zone: string, delta: number): void {
    let m = this.ownerZone.get(owner);
    if (!m) {
      m = new Map();
      this.ownerZone.set(owner, m);
    }
    const n = (m.get(zone) ?? 0) + delta;
    if (n > 0) m.set(zone, n);
    else {
      m.delete(zone);
      if (m.size === 0) this.ownerZone.delete(owner);
    }
  }

  private bumpNodeZones(info: NodeInfo, sign: 1 | -1): void {
    if (!info.node || info.zone === undefined) return;
    for (const [owner, c] of info.ownerCounts) this.bumpZone(owner, info.zone, sign * c);
  }

  /**
   * Takes the pod counted under `key` out of its node. `hint`: spec.nodeName of the pod object
   * the caller holds, the node a counted pod sits on (a pod's nodeName is set once, by the
   * binding, and kept; keys are uids), so the cache keeps no pod → node map of its own (10,000
   * pods: ~0.6 MB). Without a hint every node is searched.
   */
  private removeByKey(key: string, hint: string | undefined): PodEntry | undefined {
    let info: NodeInfo | undefined;
    if (hint !== undefined) info = this.infos.get(hint);
    else for (const i of this.infos.values()) if (i.pods.has(key)) info = i;
    if (!info?.pods.has(key)) return undefined;
    const nodeName = info.name;
    const e = info.removeEntry(key);
    if (e?.spreadOwner !== undefined) {
      this.bumpOwnerNode(e.spreadOwner, info, -1);
      if (info.node && info.zone !== undefined) this.bumpZone(e.spreadOwner, info.zone, -1);
    }
    if (!info.node && info.podCount === 0) this.infos.delete(nodeName);
    return e;
  }

  private treeAdd(zone: string, name: string): void {
    let names = this.tree.get(zone);
    if (!names) {
      names = [];
      this.tree.set(zone, names);
    }
    names.push(name);
    this.listDirty = true;
  }

  private treeRemove(zone: string, name: string): void {
    const names = this.tree.get(zone);
    if (!names) return;
    const i = names.indexOf(name);
    if (i >= 0) names.splice(i, 1);
    if (names.length === 0) this.tree.delete(zone);
    this.listDirty = true;
  }

  /** nodeTree.list(): one node from each zone in turn until all zones are exhausted. */
  private rebuildList(): void {
    const zones = [...this.tree.values()];
    const out: NodeInfo[] = [];
    for (let i = 0; ; i++) {
      let any = false;
      for (const names of zones) {
        if (i < names.length) {
          any = true;
          const info = this.infos.get(names[i]);
          if (info) out.push(info);
        }
      }
      if (!any) break;
    }
    this.list = out;
    this.listDirty = false;
  }
}
