// The slice of the API server's scheme that request decoding needs: which kinds exist in
// which group/version (beyond the ones this simulation serves) and the Go package names of the
// internal types, for the "cannot be handled as a ..." errors of a body of the wrong kind.
// Models pkg/api/legacyscheme/scheme.go and apimachinery/pkg/runtime/scheme.go (Convert)
// SIMPLIFICATION: only the built-in kinds of the groups a course touches are listed.

const KINDS: Record<string, string[]> = {
  v1: [
    'Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node',
    'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota',
    'Secret', 'Service', 'ServiceAccount', 'List', 'Status', 'DeleteOptions',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'events.k8s.io/v1': ['Event'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'authentication.k8s.io/v1': ['SelfSubjectReview', 'TokenRequest', 'TokenReview'],
  'authorization.k8s.io/v1': ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview', 'SubjectAccessReview'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
};

const registered = new Map<string, Set<string>>(Object.entries(KINDS).map(([gv, ks]) => [gv, new Set(ks)]));

/** Whether `kind` is registered for `apiVersion` (`v1`, `apps/v1`). */
export function isRegisteredKind(apiVersion: string, kind: string): boolean {
  return registered.get(apiVersion)?.has(kind) ?? false;
}

/** Go package of the internal types of a group: `core`, `apps`, `coordination`, ... */
export function internalPackage(group: string): string {
  if (!group) return 'core';
  const i = group.indexOf('.');
  return i < 0 ? group : group.slice(0, i);
}

/** `core.Pod`, `apps.Deployment`: the internal Go type a request body converts into. */
export function internalTypeName(group: string, kind: string): string {
  return `${internalPackage(group)}.${kind}`;
}
