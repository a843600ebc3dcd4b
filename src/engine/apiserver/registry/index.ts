// Every kind the simulated API server serves. Adding a kind: one file here plus its table
// printer in ../tables/.
import type { ResourceType } from '../resource-type';
import { horizontalPodAutoscalers } from './autoscaling';
import { controllerRevisions } from './controller-revision';
import { cronJobs, jobs } from './batch';
import { ingressClasses, ingresses } from './ingress';
import { namespaces } from './namespace';
import { nodes } from './node';
import { pods } from './pod';
import type { ServiceAllocators } from './service';
import { serviceType } from './service';
import { configMaps, endpoints, endpointSlices, events, leases, secrets, serviceAccounts } from './simple';
import { daemonSets, deployments, replicaSets, replicationControllers } from './workloads';

export function allResourceTypes(alloc: ServiceAllocators): ResourceType[] {
  return [
    configMaps,
    endpoints,
    events,
    namespaces,
    nodes,
    pods,
    replicationControllers,
    secrets,
    serviceAccounts,
    serviceType(alloc),
    controllerRevisions,
    daemonSets,
    deployments,
    replicaSets,
    // autoscaling follows apps in v1.32's group priority order (v2 preferred, v1 served beside it).
    horizontalPodAutoscalers,
    // batch follows apps (and autoscaling) in v1.32's group priority order.
    cronJobs,
    jobs,
    // networking.k8s.io sits before coordination and discovery in v1.32's group priority order.
    ingresses,
    ingressClasses,
    leases,
    endpointSlices,
  ];
}
