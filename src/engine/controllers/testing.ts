// Test harness for the controllers: a real store and API server on a virtual clock, shared
// informers, an event recorder, the default namespaces, and a fake kubelet that binds
// pending pods to nodes round-robin, marks them Running and Ready after a delay, and finishes
// graceful deletions. It stands in for the scheduler and kubelet in controller tests only.
import type { KObject, Node, Pod } from '../api/types';
import { ApiServer } from '../apiserver/apiserver';
import { allResourceTypes } from '../apiserver/registry';
import type { ResourceType } from '../apiserver/resource-type';
import { InformerFactory } from '../client/informer';
import { EventRecorder } from '../client/recorder';
import type { EventSource } from '../client/recorder';
import { VirtualClock } from '../core/clock';
import { Rng } from '../core/rng';
import { DEFAULT_EPOCH, rfc3339 } from '../core/time';
import { ClusterIPAllocator, PortAllocator } from '../network/ipam';
import { Store } from '../store/store';
import type { Controller, ControllerContext } from './types';
import { daemonPodNode } from './daemonset/daemon-set-controller';

export interface Harness {
  clock: VirtualClock;
  api: ApiServer;
  ctx: ControllerContext;
  rt(plural: string, group?: string): ResourceType;
  create<T extends KObject>(plural: string, obj: T, group?: string): T;
  get<T extends KObject>(plural: string, ns: string | undefined, name: string, group?: string): T | undefined;
  list<T extends KObject>(plural: string, ns?: string, group?: string): T[];
  /** Events recorded, as `Type Reason component: message` lines, oldest first. */
  events(filter?: (e: KObject) => boolean): string[];
  start(...controllers: Controller[]): void;
  /** Advances virtual time in steps so chains of work at one instant settle. */
  advance(ms: number): void;
  /** Runs everything due now (no time passes). */
  flush(): void;
  addNode(name: string, labels?: Record<string, string>): Node;
  kubelet: FakeKubelet;
}

export interface FakeKubeletOptions {
  /** Delay between binding and Running+Ready. */
  readyDelayMs?: number;
  /** Delay between a graceful deletion and the final removal. */
  terminateDelayMs?: number;
  /** Bind unscheduled pods (off: pods stay Pending). */
  schedule?: boolean;
}

export class FakeKubelet {
  readyDelayMs: number;
  terminateDelayMs: number;
  schedule: boolean;
  /** Nodes whose kubelet is stopped: their pods are neither started nor finished. */
  readonly stopped = new Set<string>();
  private next = 0;
  private ipSeq = new Map<string, number>();
  private nodes: string[] = [];

  constructor(private readonly h: { api: ApiServer; clock: VirtualClock }, opts: FakeKubeletOptions = {}) {
    this.readyDelayMs = opts.readyDelayMs ?? 1000;
    this.terminateDelayMs = opts.terminateDelayMs ?? 1000;
    this.schedule = opts.schedule ?? true;
  }

  addNode(name: string): void {
    this.nodes.push(name);
  }

  watch(): void {
    const podRt = this.h.api.mustResource('pods');
    this.h.api.watch(podRt, undefined, {}, (ev) => {
      if (ev.type === 'DELETED') return;
      const pod = ev.object as Pod;
      const ns = pod.metadata?.namespace ?? '';
      const name = pod.metadata?.name ?? '';
      const uid = pod.metadata?.uid;
      const same = () => {
        const cur = this.h.api.tryGet(podRt, ns, name) as Pod | undefined;
        return cur && cur.metadata?.uid === uid ? cur : undefined;
      };
      if (pod.metadata?.deletionTimestamp) {
        if (this.stopped.has(pod.spec?.nodeName ?? '')) return;
        this.h.clock.schedule(this.terminateDelayMs, () => {
          if (same()) this.h.api.delete(podRt, ns, name, { gracePeriodSeconds: 0 });
        }, 'fake-kubelet:terminate');
        return;
      }
      if (!pod.spec?.nodeName) {
        if (!this.schedule || ev.type !== 'ADDED' || !this.nodes.length) return;
        const node = daemonPodNode(pod) ?? this.nodes[this.next++ % this.nodes.length];
        this.h.clock.schedule(0, () => {
          if (same()) this.h.api.bind(podRt, ns, name, node);
        }, 'fake-kubelet:bind');
        return;
      }
      const node = pod.spec.nodeName;
      if (pod.status?.phase !== 'Pending' || this.stopped.has(node)) return;
      this.h.clock.schedule(this.readyDelayMs, () => {
        const cur = same();
        if (!cur || cur.metadata?.deletionTimestamp || cur.status?.phase !== 'Pending') return;
        const idx = this.nodes.indexOf(node) + 1;
        const n = (this.ipSeq.get(node) ?? 1) + 1;
        this.ipSeq.set(node, n);
        const now = rfc3339(this.h.clock.now());
        this.h.api.mutate(podRt, ns, name, (o) => {
          const p = o as Pod;
          const st = (p.status ??= {});
          st.phase = 'Running';
          st.podIP = `10.244.${idx}.${n}`;
          st.podIPs = [{ ip: st.podIP }];
          st.startTime = now;
          const keep = (st.conditions ?? []).filter((c) => c.type === 'PodScheduled');
          st.conditions = [
            { type: 'Initialized', status: 'True', lastTransitionTime: now, lastProbeTime: null as unknown as undefined },
            { type: 'Ready', status: 'True', lastTransitionTime: now, lastProbeTime: null as unknown as undefined },
            { type: 'ContainersReady', status: 'True', lastTransitionTime: now, lastProbeTime: null as unknown as undefined },
            ...keep,
          ];
        }, { subresource: 'status' });
      }, 'fake-kubelet:ready');
    });
  }
}

/**
 * The real recorder, plus a log of what the controllers asked it to record (the stored Events
 * are aggregated and expire; tests assert on the requests).
 */
export class RecordingRecorder extends EventRecorder {
  readonly calls: { obj: KObject; type: string; reason: string; message: string; component: string }[] = [];
  override event(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    this.calls.push({ obj, type, reason, message, component: source.component });
    super.event(obj, type, reason, message, source, fieldPath);
  }
}

export function createHarness(opts: { seed?: number; kubelet?: FakeKubeletOptions } = {}): Harness {
  const clock = new VirtualClock(DEFAULT_EPOCH, { loopLimit: 200_000 });
  const rng = new Rng(opts.seed ?? 42);
  const store = new Store(clock, { historyLimit: 200_000 });
  const types = allResourceTypes({
    clusterIPs: new ClusterIPAllocator('10.96.0.0/12', rng.fork('clusterip')),
    nodePorts: new PortAllocator(30000, 2768, rng.fork('nodeport')),
  });
  const api = new ApiServer(store, clock, rng.fork('apiserver'), types);
  const informers = new InformerFactory(api);
  const recorder = new RecordingRecorder(api);
  const ctx: ControllerContext = { api, informers, clock, rng: rng.fork('controllers'), recorder };
  const rt = (plural: string, group = '') => api.mustResource(plural, group);
  for (const ns of ['default', 'kube-system', 'kube-node-lease']) api.create(rt('namespaces'), undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const kubelet = new FakeKubelet({ api, clock }, opts.kubelet);
  kubelet.watch();
  const h: Harness = {
    clock,
    api,
    ctx,
    rt,
    create: <T extends KObject>(plural: string, obj: T, group = '') =>
      api.create(rt(plural, group), obj.metadata?.namespace ?? (rt(plural, group).namespaced ? 'default' : undefined), obj) as T,
    get: <T extends KObject>(plural: string, ns: string | undefined, name: string, group = '') => api.tryGet(rt(plural, group), ns, name) as T | undefined,
    list: <T extends KObject>(plural: string, ns?: string, group = '') => api.list(rt(plural, group), ns).items as T[],
    events: (filter) =>
      recorder.calls.filter((c) => !filter || filter(c.obj)).map((c) => `${c.type} ${c.reason} ${c.component}: ${c.message}`),
    start: (...cs) => {
      for (const c of cs) c.start();
    },
    advance: (ms) => {
      const end = clock.now() + ms;
      while (clock.now() < end) {
        const next = clock.nextDueAt();
        if (next === undefined || next > end) break;
        clock.advanceTo(next);
      }
      clock.advanceTo(end);
    },
    flush: () => void clock.advance(0),
    addNode: (name, labels) => {
      const now = rfc3339(clock.now());
      const node = api.create(rt('nodes'), undefined, {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(labels ?? {}) } },
        spec: {},
      }) as Node;
      api.mutate(rt('nodes'), undefined, name, (o) => {
        (o as Node).status = {
          conditions: [
            { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now },
            { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: now, lastTransitionTime: now },
            { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: now, lastTransitionTime: now },
            { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
          ],
        };
      }, { subresource: 'status' });
      kubelet.addNode(name);
      return node;
    },
    kubelet,
  };
  clock.advance(0);
  return h;
}

/** A minimal pod template with one container. */
export function podTemplate(labels: Record<string, string>, image = 'nginx:1.27'): KObject {
  return { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } };
}
