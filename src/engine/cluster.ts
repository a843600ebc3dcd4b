// The composition root: one virtual clock and one seeded RNG feed the store, the API
// server, the controllers, the scheduler and one kubelet per node. `createCluster` builds the
// default cluster of a fresh kubeadm installation (node1 control plane, node2 and node3
// workers, kube-system add-ons) and lets it settle, so the first command sees a running cluster.
import { VirtualClock } from './core/clock';
import { Rng } from './core/rng';
import { DEFAULT_EPOCH } from './core/time';
import { Store } from './store/store';
import { ApiServer } from './apiserver/apiserver';
import { RestHandler } from './apiserver/rest';
import type { ApiRequest, ApiResponse } from './apiserver/rest';
import { allResourceTypes } from './apiserver/registry';
import { ClusterIPAllocator, PortAllocator } from './network/ipam';
import { InformerFactory } from './client/informer';
import { EventRecorder } from './client/recorder';
import type { ControllerContext } from './controllers/types';
import { startControllers } from './controllers';
import { SchedulerController } from './scheduler/scheduler-controller';
import { NodeAgents } from './node/node-agents';
import type { NodeConfig } from './node/node-agents';
import { bootstrapKubeadm, bootstrapMinikube, defaultNodes, minikubeNodes } from './bootstrap';
import { ClusterNetwork } from './network/network';
import { installMetricsApi } from './metrics/metrics-api';
import { installAutoscalingV1 } from './apiserver/registry/autoscaling';
import { installEventsV1 } from './apiserver/registry/events-v1';
import { bootstrapApiServerObjects } from './bootstrap-apiserver';

export interface ClusterOptions {
  seed?: number;
  /** Virtual epoch ms at which the cluster is created. */
  startTime?: number;
  /** Nodes to create; defaults to node1 (control plane), node2, node3. */
  nodes?: NodeConfig[];
  /** Create the kube-system add-ons and settle (default true). */
  bootstrap?: boolean;
  /** Virtual ms to run after bootstrap before handing over (default 5 minutes). */
  settleMs?: number;
  /** Record Events (default true; benchmarks may turn it off to measure the rest). */
  events?: boolean;
  /** Rebuilds a saved cluster instead of bootstrapping a new one (see snapshot.ts). */
  restore?: ClusterRestore;
  /**
   * Shares another cluster's virtual clock (a second cluster of the same session, e.g. the one
   * `minikube start` creates); the cluster is created at the clock's current time.
   */
  clock?: VirtualClock;
  /** Which installer's layout to bootstrap: kubeadm (default) or minikube (one node, see bootstrap.ts). */
  profile?: 'kubeadm' | 'minikube';
}

/** Hooks restoreCluster() uses to fill the cluster before its components start. */
export interface ClusterRestore {
  /** Sets the clock and loads the store and the allocators before any component reads them. */
  load(clock: VirtualClock, store: Store, alloc: { clusterIPs: ClusterIPAllocator; nodePorts: PortAllocator }): void;
  /** Re-creates the kubelets of the saved nodes (instead of registering new ones). */
  nodes(agents: NodeAgents): void;
}

export class Cluster {
  readonly clock: VirtualClock;
  readonly rng: Rng;
  readonly store: Store;
  readonly api: ApiServer;
  readonly rest: RestHandler;
  readonly informers: InformerFactory;
  readonly recorder: EventRecorder;
  readonly scheduler: SchedulerController;
  readonly nodes: NodeAgents;
  readonly network: ClusterNetwork;
  readonly createdAt: number;

  constructor(opts: ClusterOptions = {}) {
    this.createdAt = opts.clock ? opts.clock.now() : (opts.startTime ?? DEFAULT_EPOCH);
    this.clock = opts.clock ?? new VirtualClock(this.createdAt);
    this.rng = new Rng(opts.seed ?? 1);
    this.store = new Store(this.clock);
    const alloc = {
      clusterIPs: new ClusterIPAllocator('10.96.0.0/12', this.rng.fork('service-ips')),
      nodePorts: new PortAllocator(30000, 2768, this.rng.fork('node-ports')),
    };
    opts.restore?.load(this.clock, this.store, alloc);
    this.api = new ApiServer(this.store, this.clock, this.rng.fork('apiserver'), allResourceTypes(alloc));
    this.rest = new RestHandler(this.api);
    // metrics.k8s.io, served once a metrics-server Deployment exists in kube-system.
    // In-process clients (the HPA controller) reach it through this hook.
    this.api.hooks.resourceMetrics = installMetricsApi(this.rest, this.api, this.rng.seed);
    // autoscaling/v1, converted to and from the stored autoscaling/v2.
    installAutoscalingV1(this.rest);
    // events.k8s.io/v1, the core Events converted.
    installEventsV1(this.rest);
    this.informers = new InformerFactory(this.api);
    this.recorder = new EventRecorder(this.api);
    if (opts.events === false) this.recorder.event = () => {};
    const ctx = (label: string): ControllerContext => ({
      api: this.api,
      informers: this.informers,
      clock: this.clock,
      rng: this.rng.fork(label),
      recorder: this.recorder,
    });
    if (!opts.restore) bootstrapKubeadm.namespaces(this.api);
    startControllers(ctx('controllers'));
    this.scheduler = new SchedulerController(ctx('scheduler'));
    this.scheduler.start();
    // minikube has no cloud load balancer: LoadBalancer Services stay <pending> until `minikube tunnel`.
    this.network = new ClusterNetwork(ctx('network'), opts.profile === 'minikube' ? { loadBalancer: false } : {});
    this.nodes = new NodeAgents(ctx('kubelet'));
    if (opts.restore) opts.restore.nodes(this.nodes);
    else for (const n of opts.nodes ?? (opts.profile === 'minikube' ? minikubeNodes() : defaultNodes())) this.nodes.add(n);
    if (opts.restore) {
      // A restored cluster resumes where it was saved: no bootstrap, no settling.
    } else if (opts.bootstrap !== false) {
      if (opts.profile === 'minikube') bootstrapMinikube.addons(this.api, this.nodes);
      else bootstrapKubeadm.addons(this.api, this.nodes);
      // What the API server itself creates at start-up (priority classes, RBAC, APIServices).
      bootstrapApiServerObjects(this.api);
      this.clock.advance(opts.settleMs ?? 5 * 60 * 1000);
    } else {
      this.clock.advance(0);
    }
  }

  /** A Kubernetes REST request against this cluster. */
  request(req: ApiRequest): ApiResponse {
    return this.rest.handle(req);
  }

  /** Moves virtual time forward, running everything due. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }
}

export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}
