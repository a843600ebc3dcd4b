// The scheduling queue: activeQ (priority, then time queued), backoffQ (1 s doubling per
// attempt up to 10 s), unschedulable pods parked until a cluster event that may help them or
// a 5-minute flush, and gated pods (spec.schedulingGates) held until their gates are removed.
// Time is passed in; nothing runs by itself: pop(now) does the flushing that upstream's
// 1-second and 30-second loops do, and nextWakeAt() tells the caller when to come back.
// SIMPLIFICATION: flushes happen exactly at the due time rather than on upstream's ticks;
// queueing hints are reduced to "which events can help which rejecting plugins".
// Models kubernetes/pkg/scheduler/backend/queue/scheduling_queue.go (internal/queue before v1.33)
import type { Pod } from '../api/types';
import { KeyedHeap } from './heap';

export type ClusterEventKind = 'NodeAdd' | 'NodeUpdate' | 'PodDelete' | 'AssignedPodAdd';

export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;

/** Plugins whose rejections each event may resolve (their EventsToRegister in v1.32). */
const EVENT_PLUGINS: Record<ClusterEventKind, ReadonlySet<string> | 'all'> = {
  NodeAdd: 'all',
  NodeUpdate: 'all',
  PodDelete: new Set(['NodeResourcesFit', 'NodePorts', 'PodTopologySpread', 'InterPodAffinity']),
  AssignedPodAdd: new Set(['PodTopologySpread', 'InterPodAffinity']),
};

interface QueuedPod {
  pod: Pod;
  key: string;
  /** When the pod was added, or when its last attempt failed (activeQ order, backoff start). */
  timestamp: number;
  attempts: number;
  /** Plugins that rejected it last time; null when unknown (any event may help). */
  unschedulablePlugins: ReadonlySet<string> | null;
  /** Scheduling cycle in which it was last popped. */
  cycle: number;
  seq: number;
}

function podKey(pod: Pod): string {
  const m = pod.metadata ?? {};
  return m.uid ?? `${m.namespace ?? ''}/${m.name ?? ''}`;
}

const priorityOf = (p: Pod): number => p.spec?.priority ?? 0;
const isGated = (p: Pod): boolean => (p.spec?.schedulingGates?.length ?? 0) > 0;

/** calculateBackoffDuration: 0 before any attempt, then 1 s doubling up to the maximum. */
export function backoffDuration(attempts: number): number {
  if (attempts === 0) return 0;
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

const backoffExpiry = (q: QueuedPod): number => q.timestamp + backoffDuration(q.attempts);

/** What isPodUpdated compares: everything but status, resourceVersion, generation, managedFields, finalizers. */
function schedulingRelevant(p: Pod): string {
  const { resourceVersion: _rv, generation: _g, managedFields: _mf, finalizers: _f, ...meta } = p.metadata ?? {};
  return JSON.stringify([meta, p.spec]);
}

export class SchedulingQueue {
  private readonly activeQ = new KeyedHeap<QueuedPod>((a, b) => {
    const pa = priorityOf(a.pod);
    const pb = priorityOf(b.pod);
    if (pa !== pb) return pa > pb;
    if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp;
    return a.seq < b.seq;
  });
  private readonly backoffQ = new KeyedHeap<QueuedPod>((a, b) => {
    const ea = backoffExpiry(a);
    const eb = backoffExpiry(b);
    return ea !== eb ? ea < eb : a.seq < b.seq;
  });
  private readonly unschedulable = new KeyedHeap<QueuedPod>((a, b) => (a.timestamp !== b.timestamp ? a.timestamp < b.timestamp : a.seq < b.seq));
  private readonly gated = new Map<string, QueuedPod>();
  /** Popped pods whose attempt has not been reported back yet. */
  private readonly inFlight = new Map<string, QueuedPod>();
  private schedulingCycle = 0;
  private moveRequestCycle = -1;
  private seq = 0;
  private lastNow = 0;

  /** A new pending pod (Add). An already queued pod is updated instead. */
  add(pod: Pod, now: number): void {
    this.lastNow = now;
    const key = podKey(pod);
    if (this.find(key)) {
      this.update(pod);
      return;
    }
    const q: QueuedPod = { pod, key, timestamp: now, attempts: 0, unschedulablePlugins: null, cycle: -1, seq: this.seq++ };
    if (isGated(pod)) this.gated.set(key, q);
    else this.activeQ.set(key, q);
  }

  /**
   * A pod whose attempt failed (AddUnschedulableIfNotPresent). `attempts` defaults to the
   * queue's own count of pops; `unschedulablePlugins` (FitErrorInfo.unschedulablePlugins)
   * limits which cluster events wake it.
   */
  addUnschedulable(pod: Pod, now: number, attempts?: number, unschedulablePlugins?: ReadonlySet<string>): void {
    this.lastNow = now;
    const key = podKey(pod);
    if (this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulable.has(key) || this.gated.has(key)) return;
    let q = this.inFlight.get(key);
    this.inFlight.delete(key);
    if (!q) q = { pod, key, timestamp: now, attempts: 0, unschedulablePlugins: null, cycle: this.schedulingCycle, seq: this.seq++ };
    q.pod = pod;
    q.timestamp = now;
    q.attempts = Math.max(q.attempts, attempts ?? 0);
    q.unschedulablePlugins = unschedulablePlugins && unschedulablePlugins.size > 0 ? new Set(unschedulablePlugins) : null;
    if (this.moveRequestCycle >= q.cycle) {
      // A cluster event arrived while this pod was being scheduled: retry after backoff.
      this.requeue(q, now);
    } else {
      this.unschedulable.set(key, q);
    }
  }

  /** A cluster event: parked pods it may help move to backoffQ or activeQ. */
  onClusterEvent(kind: ClusterEventKind, now: number): void {
    this.lastNow = now;
    this.moveRequestCycle = this.schedulingCycle;
    const plugins = EVENT_PLUGINS[kind];
    const moving: QueuedPod[] = [];
    for (const q of this.unschedulable.values()) {
      if (plugins === 'all' || q.unschedulablePlugins === null || [...q.unschedulablePlugins].some((p) => plugins.has(p))) {
        moving.push(q);
      }
    }
    for (const q of moving) {
      this.unschedulable.delete(q.key);
      this.requeue(q, now);
    }
  }

  /** The next pod to schedule, after moving pods whose backoff or parking time is over. */
  pop(now: number): Pod | undefined {
    this.lastNow = now;
    this.flush(now);
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.cycle = ++this.schedulingCycle;
    // Cycles run one at a time: the previous pod's outcome has been reported (or it was bound).
    this.inFlight.clear();
    this.inFlight.set(q.key, q);
    return q.pod;
  }

  /** Earliest time a backoff or parking period ends, undefined when nothing waits on time. */
  nextWakeAt(): number | undefined {
    let t: number | undefined;
    const b = this.backoffQ.peek();
    if (b) t = backoffExpiry(b);
    const u = this.unschedulable.peek();
    if (u) {
      const due = u.timestamp + POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
      if (t === undefined || due < t) t = due;
    }
    return t;
  }

  delete(uid: string): void {
    this.activeQ.delete(uid);
    this.backoffQ.delete(uid);
    this.unschedulable.delete(uid);
    this.gated.delete(uid);
    this.inFlight.delete(uid);
  }

  /** The pod object changed. Parked pods whose spec or metadata changed get another chance. */
  update(pod: Pod): void {
    const key = podKey(pod);
    const now = this.lastNow;
    const active = this.activeQ.get(key);
    if (active) {
      active.pod = pod;
      this.activeQ.set(key, active);
      return;
    }
    const backoff = this.backoffQ.get(key);
    if (backoff) {
      backoff.pod = pod;
      return;
    }
    const gated = this.gated.get(key);
    if (gated) {
      gated.pod = pod;
      if (!isGated(pod)) {
        this.gated.delete(key);
        this.activeQ.set(key, gated);
      }
      return;
    }
    const parked = this.unschedulable.get(key);
    if (parked) {
      const changed = schedulingRelevant(parked.pod) !== schedulingRelevant(pod);
      parked.pod = pod;
      if (changed) {
        this.unschedulable.delete(key);
        this.requeue(parked, now);
      }
      return;
    }
    const flying = this.inFlight.get(key);
    if (flying) {
      flying.pod = pod;
      return;
    }
    this.add(pod, now);
  }

  /** Pods waiting in any sub-queue (not counting pods being scheduled). */
  len(): number {
    return this.activeQ.size + this.backoffQ.size + this.unschedulable.size + this.gated.size;
  }

  /** Sizes per sub-queue, for tests and diagnostics. */
  stats(): { active: number; backoff: number; unschedulable: number; gated: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, unschedulable: this.unschedulable.size, gated: this.gated.size };
  }

  private find(key: string): QueuedPod | undefined {
    return this.activeQ.get(key) ?? this.backoffQ.get(key) ?? this.unschedulable.get(key) ?? this.gated.get(key) ?? this.inFlight.get(key);
  }

  /** To backoffQ while still backing off, else straight to activeQ. */
  private requeue(q: QueuedPod, now: number): void {
    if (backoffExpiry(q) > now) this.backoffQ.set(q.key, q);
    else this.activeQ.set(q.key, q);
  }

  private flush(now: number): void {
    for (let b = this.backoffQ.peek(); b && backoffExpiry(b) <= now; b = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.activeQ.set(b.key, b);
    }
    for (let u = this.unschedulable.peek(); u && now - u.timestamp >= POD_MAX_IN_UNSCHEDULABLE_PODS_MS; u = this.unschedulable.peek()) {
      this.unschedulable.pop();
      this.requeue(u, now);
    }
  }
}
