// The node lifecycle controller: watches node heartbeats (Leases in kube-node-lease and the
// Ready condition's lastHeartbeatTime); a node silent for the grace period gets its
// conditions set to Unknown ("Kubelet stopped posting node status."), its pods marked not
// Ready, and taints that follow its conditions (unreachable/not-ready NoSchedule and
// NoExecute, pressure conditions, unschedulable). The taint eviction part lives beside it.
// Leaves out: zone states and eviction rate limiting (large-cluster disruption handling).
// Models pkg/controller/nodelifecycle/node_lifecycle_controller.go and
// pkg/controller/util/node/controller_utils.go (MarkPodsNotReady, RecordNodeStatusChange)
import type { KObject, Lease, Node, NodeCondition, Pod, Taint } from '../../api/types';
import { isApiError } from '../../api/status';
import { deepEqual } from '../../apiserver/apiserver';
import type { ResourceType } from '../../apiserver/resource-type';
import type { Informer } from '../../client/informer';
import { objKey } from '../../client/informer';
import { WorkQueue } from '../../client/workqueue';
import type { TaskHandle } from '../../core/clock';
import { parseTime, rfc3339 } from '../../core/time';
import type { Controller, ControllerContext } from '../types';
import { BY_NODE, indexByNode } from '../util/informers';

const COMPONENT = 'node-controller';
/** --node-monitor-grace-period: 50 s since v1.32 (40 s before). */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
/** --node-startup-grace-period */
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
const LEASE_NAMESPACE = 'kube-node-lease';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
};
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY, UNSCHEDULABLE, ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m))]);

interface Health {
  probeAt: number;
  renewTime?: string;
  heartbeat?: string;
  timer?: TaskHandle;
}

export interface NodeLifecycleOptions {
  gracePeriodMs?: number;
}

/** The taints a node should carry given its conditions and spec.unschedulable. */
export function desiredTaints(node: Node): { key: string; effect: 'NoSchedule' | 'NoExecute' }[] {
  const out: { key: string; effect: 'NoSchedule' | 'NoExecute' }[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) out.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) out.push({ key: UNSCHEDULABLE, effect: 'NoSchedule' });
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  if (ready?.status === 'False') out.push({ key: TAINT_NOT_READY, effect: 'NoExecute' });
  else if (ready?.status === 'Unknown') out.push({ key: TAINT_UNREACHABLE, effect: 'NoExecute' });
  return out;
}

export class NodeLifecycleController implements Controller {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private readonly grace: number;
  private health = new Map<string, Health>();
  private nodes!: Informer;
  private pods!: Informer;
  private nodeRt!: ResourceType;
  private podRt!: ResourceType;

  constructor(private readonly ctx: ControllerContext, opts: NodeLifecycleOptions = {}) {
    this.grace = opts.gracePeriodMs ?? NODE_MONITOR_GRACE_PERIOD_MS;
    this.queue = new WorkQueue(ctx.clock, COMPONENT, (key) => this.reconcile(key));
  }

  start(): void {
    this.nodeRt = this.ctx.api.mustResource('nodes');
    this.podRt = this.ctx.api.mustResource('pods');
    this.nodes = this.ctx.informers.for('nodes');
    this.pods = this.ctx.informers.for('pods');
    indexByNode(this.pods);
    this.nodes.addHandlers({
      add: (n) => this.observeNode(n as Node),
      update: (_o, n) => this.observeNode(n as Node),
      delete: (n) => {
        const h = this.health.get(n.metadata?.name ?? '');
        this.ctx.clock.cancel(h?.timer);
        this.health.delete(n.metadata?.name ?? '');
      },
    });
    this.ctx.informers.for('leases', 'coordination.k8s.io').addHandlers({
      add: (l) => this.observeLease(l as Lease),
      update: (_o, l) => this.observeLease(l as Lease),
    });
  }

  private healthOf(node: Node): Health {
    const name = node.metadata?.name ?? '';
    let h = this.health.get(name);
    if (!h) {
      h = { probeAt: parseTime(node.metadata?.creationTimestamp) ?? this.ctx.clock.now() };
      this.health.set(name, h);
    }
    return h;
  }

  private observeNode(node: Node): void {
    const h = this.healthOf(node);
    const hb = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
    if (hb !== undefined && hb !== h.heartbeat) {
      h.probeAt = this.ctx.clock.now();
      h.heartbeat = hb;
    }
    this.arm(node.metadata?.name ?? '', h, node);
    this.queue.add(objKey(node));
  }

  private observeLease(lease: Lease): void {
    if (lease.metadata?.namespace !== LEASE_NAMESPACE) return;
    const node = this.nodes.get(lease.metadata?.name ?? '') as Node | undefined;
    if (!node) return;
    const h = this.healthOf(node);
    const renew = lease.spec?.renewTime;
    if (renew && renew !== h.renewTime) {
      h.renewTime = renew;
      h.probeAt = this.ctx.clock.now();
      this.arm(node.metadata?.name ?? '', h, node);
      this.queue.add(objKey(node));
    }
  }

  private gracePeriod(node: Node): number {
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    return ready ? this.grace : NODE_STARTUP_GRACE_PERIOD_MS;
  }

  /** (Re)schedules the check for a silent node just after its grace period ends. */
  private arm(name: string, h: Health, node: Node): void {
    this.ctx.clock.cancel(h.timer);
    const due = h.probeAt + this.gracePeriod(node) + 1;
    h.timer = this.ctx.clock.schedule(Math.max(0, due - this.ctx.clock.now()), () => {
      h.timer = undefined;
      this.queue.add(name);
    }, `${COMPONENT}:grace`);
  }

  reconcile(key: string): void {
    let node = this.nodes.get(key) as Node | undefined;
    if (!node) return;
    const h = this.healthOf(node);
    const now = this.ctx.clock.now();
    if (now > h.probeAt + this.gracePeriod(node)) node = this.markUnknown(node);
    this.reconcileTaints(node);
  }

  private markUnknown(node: Node): Node {
    const name = node.metadata?.name ?? '';
    const now = rfc3339(this.ctx.clock.now());
    const conds = node.status?.conditions ?? [];
    const ready = conds.find((c) => c.type === 'Ready');
    if (ready?.status === 'Unknown') return node;
    const wasReady = ready?.status === 'True';
    const next: NodeCondition[] = [];
    const types = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
    for (const c of conds) {
      if (!types.includes(c.type)) {
        next.push(c);
        continue;
      }
      next.push({ ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now });
    }
    for (const t of types) {
      if (conds.some((c) => c.type === t)) continue;
      next.push({
        type: t,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata?.creationTimestamp,
        lastTransitionTime: now,
      });
    }
    let updated = node;
    try {
      updated = this.ctx.api.mutate(this.nodeRt, undefined, name, (o) => {
        (o as Node).status = { ...((o as Node).status ?? {}), conditions: next };
      }, { subresource: 'status' }) as Node;
    } catch (e) {
      if (isApiError(e) && e.code === 404) return node;
      throw e;
    }
    if (wasReady) {
      this.ctx.recorder.event(node as KObject, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, { component: COMPONENT });
      this.markPodsNotReady(name);
    }
    return updated;
  }

  private markPodsNotReady(nodeName: string): void {
    const now = rfc3339(this.ctx.clock.now());
    for (const p of this.pods.byIndex(BY_NODE, nodeName) as Pod[]) {
      const ready = p.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      try {
        this.ctx.api.mutate(this.podRt, p.metadata?.namespace, p.metadata?.name ?? '', (o) => {
          const pod = o as Pod;
          for (const c of pod.status?.conditions ?? []) {
            if (c.type === 'Ready') {
              c.status = 'False';
              c.lastTransitionTime = now;
            }
          }
        }, { subresource: 'status' });
        this.ctx.recorder.event(p as KObject, 'Warning', 'NodeNotReady', 'Node is not ready', { component: COMPONENT });
      } catch (e) {
        if (!(isApiError(e) && e.code === 404)) throw e;
      }
    }
  }

  private reconcileTaints(node: Node): void {
    const want = desiredTaints(node);
    const current: Taint[] = node.spec?.taints ?? [];
    const now = rfc3339(this.ctx.clock.now());
    const keep = current.filter((t) => !MANAGED.has(t.key) || want.some((w) => w.key === t.key && w.effect === t.effect));
    const next = [...keep];
    for (const w of want) {
      if (keep.some((t) => t.key === w.key && t.effect === w.effect)) continue;
      next.push({ key: w.key, effect: w.effect, timeAdded: now });
    }
    if (deepEqual(next, current)) return;
    try {
      this.ctx.api.mutate(this.nodeRt, undefined, node.metadata?.name ?? '', (o) => {
        const n = o as Node;
        const spec = (n.spec ??= {});
        if (next.length) spec.taints = next;
        else delete spec.taints;
      });
    } catch (e) {
      if (!(isApiError(e) && (e.code === 404 || e.code === 409))) throw e;
    }
  }
}
