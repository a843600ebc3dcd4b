// One simulated kubelet per node, behind a single pod informer that routes pods by
// spec.nodeName. A kubelet registers its Node, renews its Lease every 10 s, posts node
// status, assigns pod IPs from the node's podCIDR, creates mirror pods for static pods and
// runs a PodWorker per pod. Stopping a node freezes it (no heartbeats, no progress), which
// the node lifecycle controller notices, as with a powered-off machine.
// Models pkg/kubelet/kubelet.go, kubelet_node_status.go, nodelease/controller.go
import type { KObject, Node, Pod } from '../api/types';
import { isApiError } from '../api/status';
import { rfc3339, rfc3339Micro } from '../core/time';
import { hashString } from '../core/rng';
import type { ControllerContext } from '../controllers/types';
import { PodWorker } from './pod-worker';
import type { ContainerLog } from './logs';
import { installLogProvider } from './log-provider';
import { clone } from '../api/meta';

export interface NodeConfig {
  name: string;
  internalIP: string;
  podCIDR: string;
  controlPlane?: boolean;
  cpu?: string;
  memoryKi?: number;
  pods?: number;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  /** Images already on the machine (kubeadm pre-pulls the control plane's). */
  images?: string[];
}

/** A kubelet's state outside the API objects, for snapshots. */
export interface KubeletState {
  running: boolean;
  images: string[];
  staticPods: KObject[];
  nextIp: number;
  ipsInUse: number[];
}

const LEASE_RENEW_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;

export class Kubelet {
  readonly workers = new Map<string, PodWorker>();
  running = true;
  private ipsInUse = new Set<number>();
  private nextIp = 2;
  readonly images = new Set<string>();
  private staticPods: KObject[] = [];
  private readonly base: number[];

  constructor(readonly agents: NodeAgents, readonly cfg: NodeConfig) {
    this.base = cfg.podCIDR.split('/')[0].split('.').map(Number);
    for (const i of cfg.images ?? []) this.images.add(i);
  }

  get ctx(): ControllerContext {
    return this.agents.ctx;
  }

  get source() {
    return { component: 'kubelet', host: this.cfg.name };
  }

  register(): void {
    const { api, clock } = this.ctx;
    const node = this.nodeObject();
    api.create(api.mustResource('nodes'), undefined, node as KObject);
    const created = api.get(api.mustResource('nodes'), undefined, this.cfg.name);
    const ev = (reason: string, message: string) => this.ctx.recorder.event(created, 'Normal', reason, message, this.source);
    ev('Starting', 'Starting kubelet.');
    ev('NodeHasSufficientMemory', `Node ${this.cfg.name} status is now: NodeHasSufficientMemory`);
    ev('NodeHasNoDiskPressure', `Node ${this.cfg.name} status is now: NodeHasNoDiskPressure`);
    ev('NodeHasSufficientPID', `Node ${this.cfg.name} status is now: NodeHasSufficientPID`);
    ev('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    ev('NodeReady', `Node ${this.cfg.name} status is now: NodeReady`);
    this.ctx.recorder.event(created, 'Normal', 'RegisteredNode', `Node ${this.cfg.name} event: Registered Node ${this.cfg.name} in Controller`, { component: 'node-controller' });
    this.renewLease();
    clock.schedule(STATUS_REPORT_MS, () => this.reportStatus(), `kubelet:${this.cfg.name}:status`);
  }

  private nodeObject(): Node {
    const c = this.cfg;
    const now = rfc3339(this.ctx.clock.now());
    const memKi = c.memoryKi ?? 4025244;
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': c.name,
      'kubernetes.io/os': 'linux',
      ...(c.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
      ...(c.labels ?? {}),
    };
    const taints = c.taints ?? (c.controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : []);
    const id = hashString(c.name).toString(16).padStart(8, '0');
    const cond = (type: string, status: string, reason: string, message: string) => ({
      type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message,
    });
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: c.name,
        labels,
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: { podCIDR: c.podCIDR, podCIDRs: [c.podCIDR], ...(taints.length ? { taints } : {}) },
      status: {
        capacity: { cpu: c.cpu ?? '2', 'ephemeral-storage': '20134592Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: String(c.pods ?? 110) },
        allocatable: { cpu: c.cpu ?? '2', 'ephemeral-storage': '18556039957', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi - 102400}Ki`, pods: String(c.pods ?? 110) },
        conditions: [
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        addresses: [
          { type: 'InternalIP', address: c.internalIP },
          { type: 'Hostname', address: c.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: `${id}${id}${id}${id}`,
          systemUUID: `${id}-${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(0, 4)}-${id}${id.slice(0, 4)}`,
          bootID: `${id.slice(4)}${id.slice(0, 4)}-${id.slice(0, 4)}-4${id.slice(1, 4)}-8${id.slice(1, 4)}-${id}${id.slice(4)}`,
          kernelVersion: '5.15.0-126-generic',
          osImage: 'Ubuntu 22.04.5 LTS',
          containerRuntimeVersion: 'containerd://1.7.24',
          kubeletVersion: 'v1.32.0',
          kubeProxyVersion: 'v1.32.0',
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
      },
    } as Node;
  }

  private renewLease(): void {
    const { api, clock } = this.ctx;
    if (this.running) {
      const leaseType = api.mustResource('leases', 'coordination.k8s.io');
      const now = rfc3339Micro(clock.now());
      try {
        const cur = api.tryGet(leaseType, 'kube-node-lease', this.cfg.name);
        if (!cur) {
          const node = api.tryGet(api.mustResource('nodes'), undefined, this.cfg.name);
          api.create(leaseType, 'kube-node-lease', {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
              name: this.cfg.name,
              namespace: 'kube-node-lease',
              ownerReferences: node ? [{ apiVersion: 'v1', kind: 'Node', name: this.cfg.name, uid: node.metadata?.uid ?? '' }] : undefined,
            },
            spec: { holderIdentity: this.cfg.name, leaseDurationSeconds: 40, renewTime: now },
          });
        } else {
          api.mutate(leaseType, 'kube-node-lease', this.cfg.name, (o) => {
            (o.spec as { renewTime?: string }).renewTime = now;
          });
        }
      } catch (e) {
        if (!isApiError(e)) throw e;
      }
    }
    clock.schedule(LEASE_RENEW_MS, () => this.renewLease(), `kubelet:${this.cfg.name}:lease`);
  }

  /** Posts node status: heartbeat times, Ready again after a stop, images. */
  reportStatus(): void {
    const { clock } = this.ctx;
    if (this.running) this.postStatus();
    clock.schedule(STATUS_REPORT_MS, () => this.reportStatus(), `kubelet:${this.cfg.name}:status`);
  }

  postStatus(): void {
    const { api, clock } = this.ctx;
    const now = rfc3339(clock.now());
    try {
      api.mutate(api.mustResource('nodes'), undefined, this.cfg.name, (o) => {
        const n = o as Node;
        const fresh = this.nodeObject().status?.conditions ?? [];
        const old = n.status?.conditions ?? [];
        n.status = n.status ?? {};
        n.status.conditions = fresh.map((c) => {
          const prev = old.find((x) => x.type === c.type);
          const same = prev && prev.status === c.status;
          return { ...c, lastHeartbeatTime: now, lastTransitionTime: same && prev?.lastTransitionTime ? prev.lastTransitionTime : now };
        });
        n.status.images = [...this.images].sort().map((name) => ({ names: [name], sizeBytes: 50_000_000 }));
      }, { subresource: 'status' });
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  addStaticPod(pod: KObject): void {
    this.staticPods.push(pod);
    this.createMirrorPod(pod);
  }

  private createMirrorPod(manifest: KObject): void {
    const { api } = this.ctx;
    const node = api.tryGet(api.mustResource('nodes'), undefined, this.cfg.name);
    const hash = hashString(JSON.stringify(manifest)).toString(16).padStart(8, '0');
    const m = clone(manifest);
    m.metadata = {
      ...m.metadata,
      annotations: {
        ...(m.metadata?.annotations ?? {}),
        'kubernetes.io/config.hash': hash + hash + hash + hash,
        'kubernetes.io/config.mirror': hash + hash + hash + hash,
        'kubernetes.io/config.seen': rfc3339(this.ctx.clock.now()).replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: node ? [{ apiVersion: 'v1', kind: 'Node', name: this.cfg.name, uid: node.metadata?.uid ?? '', controller: true }] : undefined,
    };
    (m.spec as { nodeName?: string }).nodeName = this.cfg.name;
    try {
      api.create(api.mustResource('pods'), m.metadata?.namespace, m);
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  allocateIP(hostNetwork: boolean): string {
    if (hostNetwork) return this.cfg.internalIP;
    for (let i = 0; i < 253; i++) {
      const n = ((this.nextIp - 2 + i) % 253) + 2;
      if (!this.ipsInUse.has(n)) {
        this.ipsInUse.add(n);
        this.nextIp = n + 1;
        return `${this.base[0]}.${this.base[1]}.${this.base[2]}.${n}`;
      }
    }
    return '';
  }

  releaseIP(ip: string | undefined): void {
    if (!ip || ip === this.cfg.internalIP) return;
    const last = Number(ip.split('.')[3]);
    this.ipsInUse.delete(last);
  }

  onPod(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    let w = this.workers.get(uid);
    if (!w) {
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
        if (pod.metadata?.deletionTimestamp) this.agents.finishDeletion(pod);
        return;
      }
      w = new PodWorker(this, pod);
      this.workers.set(uid, w);
      w.start();
    } else w.update(pod);
  }

  onPodDeleted(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    const w = this.workers.get(uid);
    if (w) {
      w.killNow();
      this.workers.delete(uid);
    }
    // A deleted mirror pod is recreated while its static manifest exists.
    if (this.running && pod.metadata?.annotations?.['kubernetes.io/config.mirror']) {
      const manifest = this.staticPods.find((s) => s.metadata?.name === pod.metadata?.name);
      if (manifest) this.ctx.clock.schedule(1000, () => this.createMirrorPod(manifest), 'kubelet:mirror');
    }
  }

  // ---- snapshots (src/engine/snapshot.ts) and failure injection

  /** What this kubelet keeps outside the API objects. */
  dump(): KubeletState {
    return { running: this.running, images: [...this.images], staticPods: this.staticPods, nextIp: this.nextIp, ipsInUse: [...this.ipsInUse] };
  }

  /**
   * Resumes a kubelet whose Node already exists (restored snapshot): loads its state, re-adopts
   * the pods bound to it as they are in the API, and restarts the lease and status loops.
   */
  resume(st: KubeletState, pods: readonly Pod[]): void {
    this.running = st.running;
    this.images.clear();
    for (const i of st.images) this.images.add(i);
    this.staticPods = [...st.staticPods];
    this.nextIp = st.nextIp;
    this.ipsInUse = new Set(st.ipsInUse);
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const w = new PodWorker(this, pod);
      this.workers.set(pod.metadata?.uid ?? '', w);
      w.adopt();
      if (!this.running) w.freeze();
    }
    this.renewLease();
    this.ctx.clock.schedule(STATUS_REPORT_MS, () => this.reportStatus(), `kubelet:${this.cfg.name}:status`);
  }

  /** The container's main process dies (as `kill -9` on the node would do); false if none runs. */
  killContainer(podUid: string, container: string): boolean {
    return this.workers.get(podUid)?.killContainer(container) ?? false;
  }

  /** Power off: no heartbeats, containers freeze as they are. */
  stop(): void {
    this.running = false;
    for (const w of this.workers.values()) w.freeze();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.postStatus();
    for (const w of this.workers.values()) w.thaw();
  }
}

export class NodeAgents {
  private kubelets = new Map<string, Kubelet>();
  private started = false;

  constructor(readonly ctx: ControllerContext) {
    installLogProvider(ctx.api, (pod) => this.logsFor(pod));
  }

  private ensureInformer(): void {
    if (this.started) return;
    this.started = true;
    this.ctx.informers.for('pods').addHandlers({
      add: (o) => this.route(o as Pod),
      update: (_old, o) => this.route(o as Pod),
      delete: (o) => {
        const k = this.kubelets.get((o as Pod).spec?.nodeName ?? '');
        k?.onPodDeleted(o as Pod);
      },
    });
  }

  private route(pod: Pod): void {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return;
    const k = this.kubelets.get(nodeName);
    if (k) k.onPod(pod);
  }

  /** Re-creates the kubelet of an existing Node from a snapshot (see Kubelet.resume). */
  restore(cfg: NodeConfig, st: KubeletState, pods: readonly Pod[]): Kubelet {
    const k = new Kubelet(this, cfg);
    this.kubelets.set(cfg.name, k);
    k.resume(st, pods);
    this.ensureInformer();
    return k;
  }

  add(cfg: NodeConfig): Kubelet {
    const k = new Kubelet(this, cfg);
    this.kubelets.set(cfg.name, k);
    k.register();
    this.ensureInformer();
    return k;
  }

  get(name: string): Kubelet | undefined {
    return this.kubelets.get(name);
  }

  configs(): NodeConfig[] {
    return [...this.kubelets.values()].map((k) => k.cfg);
  }

  addStaticPod(nodeName: string, pod: KObject): void {
    this.kubelets.get(nodeName)?.addStaticPod(pod);
  }

  /** Final removal of a pod whose containers have stopped (grace period 0). */
  finishDeletion(pod: Pod): void {
    const { api } = this.ctx;
    try {
      api.delete(api.mustResource('pods'), pod.metadata?.namespace, pod.metadata?.name ?? '', {
        gracePeriodSeconds: 0,
        preconditions: { uid: pod.metadata?.uid },
      });
    } catch (e) {
      if (!isApiError(e)) throw e;
    }
  }

  logsFor(pod: Pod): Map<string, { current?: ContainerLog; previous?: ContainerLog }> | undefined {
    const k = this.kubelets.get(pod.spec?.nodeName ?? '');
    return k?.workers.get(pod.metadata?.uid ?? '')?.logs;
  }

  /**
   * The CRI attach of a container's output streams: every line its current instance writes
   * from now on (no backlog), stdout and stderr apart, then `onEnd` when that instance stops.
   * Returns the detach function, or undefined when the container has no running instance.
   * Models containerd's cri attachContainer (the task's output broadcast to one more reader).
   */
  attachOutput(pod: Pod, container: string, onLine: (stream: 'stdout' | 'stderr', text: string) => void, onEnd: () => void): (() => void) | undefined {
    const log = this.logsFor(pod)?.get(container)?.current;
    if (!log || log.ended) return undefined;
    return log.follow((l) => onLine(l.stream, l.text), onEnd);
  }
}
