// The objects a v1.32 kube-apiserver creates for itself at start-up, plus the RBAC objects
// kubeadm adds: the two system PriorityClasses, the bootstrap ClusterRoles/ClusterRoleBindings
// (names as upstream's bootstrappolicy), kubeadm's Roles and bindings, the Local APIServices of
// every built-in group version, and a CSINode per node (the kubelet's).
// Models plugin/pkg/auth/authorizer/rbac/bootstrappolicy/{policy,controller_policy,namespace_policy}.go,
// pkg/registry/scheduling/rest/storage_scheduling.go and kube-aggregator's autoregister.
// SIMPLIFICATION: only cluster-admin and a few discovery roles carry their real rules; the other
// roles are listed with no rules (admin/edit/view keep their aggregationRule); no FlowSchemas.
import type { KObject } from './api/types';
import type { ApiServer } from './apiserver/apiserver';

const RBAC = 'rbac.authorization.k8s.io';
const LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

type Rule = { verbs: string[]; apiGroups?: string[]; resources?: string[]; nonResourceURLs?: string[] };

const CONTROLLERS = [
  'attachdetach-controller', 'certificate-controller', 'clusterrole-aggregation-controller', 'cronjob-controller', 'daemon-set-controller',
  'deployment-controller', 'disruption-controller', 'endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller',
  'ephemeral-volume-controller', 'expand-controller', 'generic-garbage-collector', 'horizontal-pod-autoscaler', 'job-controller',
  'legacy-service-account-token-cleaner', 'namespace-controller', 'node-controller', 'persistent-volume-binder', 'pod-garbage-collector',
  'pv-protection-controller', 'pvc-protection-controller', 'replicaset-controller', 'replication-controller', 'resourcequota-controller',
  'root-ca-cert-publisher', 'route-controller', 'service-account-controller', 'service-controller', 'statefulset-controller',
  'ttl-after-finished-controller', 'ttl-controller', 'validatingadmissionpolicy-status-controller',
];

const SYSTEM_ROLES = [
  'system:aggregate-to-admin', 'system:aggregate-to-edit', 'system:aggregate-to-view', 'system:auth-delegator', 'system:basic-user',
  'system:certificates.k8s.io:certificatesigningrequests:nodeclient', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
  'system:certificates.k8s.io:kube-apiserver-client-approver', 'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
  'system:certificates.k8s.io:kubelet-serving-approver', 'system:certificates.k8s.io:legacy-unknown-approver',
  'system:discovery', 'system:heapster', 'system:kube-aggregator', 'system:kube-controller-manager', 'system:kube-dns', 'system:kube-scheduler',
  'system:kubelet-api-admin', 'system:monitoring', 'system:node', 'system:node-bootstrapper', 'system:node-problem-detector', 'system:node-proxier',
  'system:persistent-volume-provisioner', 'system:public-info-viewer', 'system:service-account-issuer-discovery', 'system:volume-scheduler',
];

const RULES: Record<string, Rule[]> = {
  'cluster-admin': [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }],
  'system:discovery': [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], verbs: ['get'] }],
  'system:public-info-viewer': [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
  'system:basic-user': [
    { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ],
  'kubeadm:get-nodes': [{ apiGroups: [''], resources: ['nodes'], verbs: ['get'] }],
};

const AGGREGATED: Record<string, string> = { admin: 'admin', edit: 'edit', view: 'view' };

function clusterRole(name: string): KObject {
  const kubeadm = name.startsWith('kubeadm:');
  const obj: Record<string, unknown> = {
    apiVersion: `${RBAC}/v1`,
    kind: 'ClusterRole',
    metadata: kubeadm ? { name } : { name, labels: { ...LABELS }, annotations: { ...AUTOUPDATE } },
  };
  if (AGGREGATED[name]) {
    (obj.metadata as { labels: Record<string, string> }).labels[`rbac.authorization.k8s.io/aggregate-to-${name === 'admin' ? 'admin' : name === 'edit' ? 'admin' : 'edit'}`] = 'true';
    obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${name}`]: 'true' } }] };
    if (name === 'admin') delete (obj.metadata as { labels: Record<string, string> }).labels['rbac.authorization.k8s.io/aggregate-to-admin'];
  }
  obj.rules = RULES[name] ?? [];
  return obj as KObject;
}

const subject = (kind: string, name: string, namespace?: string) =>
  kind === 'ServiceAccount' ? { kind, name, namespace } : { apiGroup: RBAC, kind, name };

/** ClusterRoleBindings: [name, role, subjects]. */
const CLUSTER_BINDINGS: [string, string, ReturnType<typeof subject>[]][] = [
  ['cluster-admin', 'cluster-admin', [subject('Group', 'system:masters')]],
  ['kubeadm:cluster-admins', 'cluster-admin', [subject('Group', 'kubeadm:cluster-admins')]],
  ['kubeadm:get-nodes', 'kubeadm:get-nodes', [subject('Group', 'system:bootstrappers:kubeadm:default-node-token')]],
  ['kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [subject('Group', 'system:bootstrappers:kubeadm:default-node-token')]],
  ['kubeadm:node-autoapprove-bootstrap', 'system:certificates.k8s.io:certificatesigningrequests:nodeclient', [subject('Group', 'system:bootstrappers:kubeadm:default-node-token')]],
  ['kubeadm:node-autoapprove-certificate-rotation', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [subject('Group', 'system:nodes')]],
  ['kubeadm:node-proxier', 'system:node-proxier', [subject('ServiceAccount', 'kube-proxy', 'kube-system')]],
  ['system:basic-user', 'system:basic-user', [subject('Group', 'system:authenticated')]],
  ['system:coredns', 'system:coredns', [subject('ServiceAccount', 'coredns', 'kube-system')]],
  ...CONTROLLERS.map((c): [string, string, ReturnType<typeof subject>[]] => [`system:controller:${c}`, `system:controller:${c}`, [subject('ServiceAccount', c, 'kube-system')]]),
  ['system:discovery', 'system:discovery', [subject('Group', 'system:authenticated')]],
  ['system:kube-controller-manager', 'system:kube-controller-manager', [subject('User', 'system:kube-controller-manager')]],
  ['system:kube-dns', 'system:kube-dns', [subject('ServiceAccount', 'kube-dns', 'kube-system')]],
  ['system:kube-scheduler', 'system:kube-scheduler', [subject('User', 'system:kube-scheduler')]],
  ['system:monitoring', 'system:monitoring', [subject('Group', 'system:monitoring')]],
  ['system:node', 'system:node', []],
  ['system:node-proxier', 'system:node-proxier', [subject('User', 'system:kube-proxy')]],
  ['system:public-info-viewer', 'system:public-info-viewer', [subject('Group', 'system:authenticated'), subject('Group', 'system:unauthenticated')]],
  ['system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', [subject('Group', 'system:serviceaccounts')]],
  ['system:volume-scheduler', 'system:volume-scheduler', [subject('User', 'system:kube-scheduler')]],
];

/** kube-system and kube-public Roles and RoleBindings: [namespace, name, subjects]. */
const NAMESPACED: [string, string, ReturnType<typeof subject>[]][] = [
  ['kube-public', 'kubeadm:bootstrap-signer-clusterinfo', [subject('User', 'system:anonymous')]],
  ['kube-public', 'system:controller:bootstrap-signer', [subject('ServiceAccount', 'bootstrap-signer', 'kube-system')]],
  ['kube-system', 'extension-apiserver-authentication-reader', []],
  ['kube-system', 'kube-proxy', [subject('Group', 'system:bootstrappers:kubeadm:default-node-token')]],
  ['kube-system', 'kubeadm:kubelet-config', [subject('Group', 'system:nodes'), subject('Group', 'system:bootstrappers:kubeadm:default-node-token')]],
  ['kube-system', 'kubeadm:nodes-kubeadm-config', [subject('Group', 'system:bootstrappers:kubeadm:default-node-token'), subject('Group', 'system:nodes')]],
  ['kube-system', 'system::extension-apiserver-authentication-reader', [subject('User', 'system:kube-controller-manager'), subject('User', 'system:kube-scheduler')]],
  ['kube-system', 'system::leader-locking-kube-controller-manager', [subject('User', 'system:kube-controller-manager'), subject('ServiceAccount', 'kube-controller-manager', 'kube-system')]],
  ['kube-system', 'system::leader-locking-kube-scheduler', [subject('User', 'system:kube-scheduler'), subject('ServiceAccount', 'kube-scheduler', 'kube-system')]],
  ['kube-system', 'system:controller:bootstrap-signer', [subject('ServiceAccount', 'bootstrap-signer', 'kube-system')]],
  ['kube-system', 'system:controller:cloud-provider', [subject('ServiceAccount', 'cloud-provider', 'kube-system')]],
  ['kube-system', 'system:controller:token-cleaner', [subject('ServiceAccount', 'token-cleaner', 'kube-system')]],
];

/** Built-in group versions and their aggregator priorities (group, version). */
const API_SERVICES: [string, string, number, number][] = [
  ['', 'v1', 18000, 1], ['admissionregistration.k8s.io', 'v1', 16700, 15], ['apiextensions.k8s.io', 'v1', 16700, 15],
  ['apiregistration.k8s.io', 'v1', 18000, 15], ['apps', 'v1', 17800, 15], ['authentication.k8s.io', 'v1', 17700, 15],
  ['authorization.k8s.io', 'v1', 17600, 15], ['autoscaling', 'v1', 17500, 15], ['autoscaling', 'v2', 17500, 30], ['batch', 'v1', 17400, 15],
  ['certificates.k8s.io', 'v1', 17300, 15], ['coordination.k8s.io', 'v1', 16500, 15], ['discovery.k8s.io', 'v1', 16200, 15],
  ['events.k8s.io', 'v1', 17750, 15], ['flowcontrol.apiserver.k8s.io', 'v1', 16100, 21], ['networking.k8s.io', 'v1', 17200, 15],
  ['node.k8s.io', 'v1', 16300, 15], ['policy', 'v1', 17100, 15], ['rbac.authorization.k8s.io', 'v1', 17000, 15],
  ['scheduling.k8s.io', 'v1', 16600, 15], ['storage.k8s.io', 'v1', 16800, 15],
];

export function bootstrapApiServerObjects(api: ApiServer): void {
  const create = (plural: string, group: string, ns: string | undefined, obj: KObject) => api.create(api.mustResource(plural, group), ns, obj);
  const now = api.clock.now();
  const at = new Date(now - (now % 1000)).toISOString().replace('.000Z', 'Z');
  for (const [name, value] of [['system-cluster-critical', 2000000000], ['system-node-critical', 2000001000]] as const) {
    const description = name === 'system-node-critical' ? 'Used for system critical pods that must not be moved from their current node.' : 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.';
    create('priorityclasses', 'scheduling.k8s.io', undefined, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description } as KObject);
  }
  const roles = ['admin', 'cluster-admin', 'edit', 'kubeadm:get-nodes', ...SYSTEM_ROLES, ...CONTROLLERS.map((c) => `system:controller:${c}`), 'system:coredns', 'view'];
  for (const name of roles.sort()) create('clusterroles', RBAC, undefined, clusterRole(name));
  for (const [name, role, subjects] of CLUSTER_BINDINGS) {
    const kubeadm = name.startsWith('kubeadm:') || name === 'system:coredns';
    const metadata = kubeadm ? { name } : { name, labels: { ...LABELS }, annotations: { ...AUTOUPDATE } };
    const obj: Record<string, unknown> = { apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata, roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: role } };
    if (subjects.length) obj.subjects = subjects;
    create('clusterrolebindings', RBAC, undefined, obj as KObject);
  }
  for (const [ns, name, subjects] of NAMESPACED) {
    const kubeadm = name.startsWith('kubeadm:') || name === 'kube-proxy';
    const metadata = kubeadm ? { name, namespace: ns } : { name, namespace: ns, labels: { ...LABELS }, annotations: { ...AUTOUPDATE } };
    create('roles', RBAC, ns, { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata, rules: [] } as unknown as KObject);
    if (name === 'extension-apiserver-authentication-reader') continue;
    const obj: Record<string, unknown> = { apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata, roleRef: { apiGroup: RBAC, kind: 'Role', name } };
    if (subjects.length) obj.subjects = subjects;
    create('rolebindings', RBAC, ns, obj as KObject);
  }
  for (const [group, version, gp, vp] of API_SERVICES) {
    const spec: Record<string, unknown> = { version, groupPriorityMinimum: gp, versionPriority: vp };
    if (group) spec.group = group;
    create('apiservices', 'apiregistration.k8s.io', undefined, {
      apiVersion: 'apiregistration.k8s.io/v1',
      kind: 'APIService',
      metadata: { name: `${version}.${group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
      spec,
      status: { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: at, reason: 'Local', message: 'Local APIServices are always available' }] },
    } as unknown as KObject);
  }
  const nodes = api.list(api.mustResource('nodes'), undefined, {}).items;
  for (const node of nodes) {
    const name = node.metadata?.name ?? '';
    create('csinodes', 'storage.k8s.io', undefined, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSINode',
      metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata?.uid ?? '' }] },
      spec: { drivers: null },
    } as unknown as KObject);
  }
}
