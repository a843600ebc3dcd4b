// Every kind the simulated API server serves. Adding a kind: one file here plus its table
// printer in ../tables/.
import type { ResourceType } from '../resource-type';
import { horizontalPodAutoscalers } from './autoscaling';
import { cronJobs, jobs } from './batch';
import { controllerRevisions } from './controller-revision';
import * as more from './cluster-apis';
import { bindings, componentStatuses, limitRanges, persistentVolumeClaims, persistentVolumes, podTemplates, resourceQuotas } from './core-more';
import { clusterRoleBindings, clusterRoles, roleBindings, roles } from './rbac';
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
    bindings,
    componentStatuses,
    configMaps,
    endpoints,
    events,
    limitRanges,
    namespaces,
    nodes,
    persistentVolumeClaims,
    persistentVolumes,
    pods,
    podTemplates,
    replicationControllers,
    resourceQuotas,
    secrets,
    serviceAccounts,
    serviceType(alloc),
    // apiregistration.k8s.io leads the group priority order.
    more.apiServices,
    controllerRevisions,
    daemonSets,
    deployments,
    replicaSets,
    more.statefulSets,
    // events.k8s.io/v1 is served by converting the core Events (events-v1.ts).
    more.selfSubjectReviews,
    more.tokenReviews,
    more.localSubjectAccessReviews,
    more.selfSubjectAccessReviews,
    more.selfSubjectRulesReviews,
    more.subjectAccessReviews,
    // autoscaling follows apps in v1.32's group priority order (v2 preferred, v1 served beside it).
    horizontalPodAutoscalers,
    // batch follows apps (and autoscaling) in v1.32's group priority order.
    cronJobs,
    jobs,
    more.certificateSigningRequests,
    // networking.k8s.io sits before coordination and discovery in v1.32's group priority order.
    ingresses,
    ingressClasses,
    more.networkPolicies,
    more.podDisruptionBudgets,
    clusterRoleBindings,
    clusterRoles,
    roleBindings,
    roles,
    more.csiDrivers,
    more.csiNodes,
    more.csiStorageCapacities,
    more.storageClasses,
    more.volumeAttachments,
    more.mutatingWebhookConfigurations,
    more.validatingAdmissionPolicies,
    more.validatingAdmissionPolicyBindings,
    more.validatingWebhookConfigurations,
    more.customResourceDefinitions,
    more.priorityClasses,
    leases,
    more.runtimeClasses,
    endpointSlices,
    more.flowSchemas,
    more.priorityLevelConfigurations,
  ];
}
