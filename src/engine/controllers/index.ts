// The simulated kube-controller-manager: starts every controller against one context.
// Models cmd/kube-controller-manager/app/controllermanager.go (NewControllerDescriptors)
import type { Controller, ControllerContext } from './types';
import { DaemonSetController } from './daemonset/daemon-set-controller';
import { DeploymentController } from './deployment/deployment-controller';
import { EndpointsController } from './endpoint/endpoints-controller';
import { EndpointSliceController } from './endpointslice/endpointslice-controller';
import { GarbageCollector } from './garbagecollector/garbage-collector';
import { NamespaceController } from './namespace/namespace-controller';
import { NodeLifecycleController } from './nodelifecycle/node-lifecycle-controller';
import { TaintEvictionController } from './nodelifecycle/taint-eviction-controller';
import { REPLICASET, REPLICATIONCONTROLLER, ReplicaSetController } from './replicaset/replica-set-controller';
import { ServiceAccountController } from './serviceaccount/service-account-controller';
import { JobController } from './job/job-controller';
import { CronJobController } from './cronjob/cronjob-controller';
import { HorizontalController } from './podautoscaler/horizontal-controller';
import { PodGCController } from './podgc/pod-gc-controller';

export { DaemonSetController, DeploymentController, EndpointsController, EndpointSliceController, GarbageCollector };
export { NamespaceController, NodeLifecycleController, TaintEvictionController, ReplicaSetController, ServiceAccountController };
export { JobController, CronJobController };
export { REPLICASET, REPLICATIONCONTROLLER };

/** Builds every controller (not started). */
export function createControllers(ctx: ControllerContext): Controller[] {
  const fork = (label: string): ControllerContext => ({ ...ctx, rng: ctx.rng.fork(label) });
  return [
    new ReplicaSetController(fork('replicaset'), REPLICASET),
    new ReplicaSetController(fork('replicationcontroller'), REPLICATIONCONTROLLER),
    new DeploymentController(fork('deployment')),
    new DaemonSetController(fork('daemonset')),
    new GarbageCollector(fork('garbagecollector')),
    new NamespaceController(fork('namespace')),
    new EndpointsController(fork('endpoint')),
    new EndpointSliceController(fork('endpointslice')),
    new NodeLifecycleController(fork('nodelifecycle')),
    new TaintEvictionController(fork('tainteviction')),
    new ServiceAccountController(fork('serviceaccount')),
    new JobController(fork('job')),
    new CronJobController(fork('cronjob')),
    new HorizontalController(fork('horizontalpodautoscaling')),
    new PodGCController(fork('podgc')),
  ];
}

/** Starts every controller of the simulated kube-controller-manager. */
export function startControllers(ctx: ControllerContext): void {
  for (const c of createControllers(ctx)) c.start();
}
