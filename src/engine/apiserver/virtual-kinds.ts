// Kinds the API server answers without storing anything: core/v1 ComponentStatus (read-only,
// deprecated since v1.19, computed on every read) and the create-only review kinds of
// authentication.k8s.io and authorization.k8s.io, answered for the playground's one user.
// Models pkg/registry/core/componentstatus/rest.go and pkg/registry/{authentication,authorization}/*/rest.go
// SIMPLIFICATION: every component is healthy and listed in name order (the real list follows a
// Go map); every review is answered for the admin kubeconfig's user, who may do anything.
import type { KObject } from '../api/types';
import type { ResourceType } from './resource-type';

export const COMPONENT_STATUS_WARNING = 'v1 ComponentStatus is deprecated in v1.19+';

const COMPONENTS = ['controller-manager', 'etcd-0', 'scheduler'];

function componentStatus(name: string): KObject {
  return {
    kind: 'ComponentStatus',
    apiVersion: 'v1',
    metadata: { name },
    conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
  } as KObject;
}

/** The ComponentStatus of one component, or undefined for an unknown name. */
export function getComponentStatus(name: string): KObject | undefined {
  return COMPONENTS.includes(name) ? componentStatus(name) : undefined;
}

/** Every ComponentStatus. */
export function listComponentStatuses(): KObject[] {
  return COMPONENTS.map(componentStatus);
}

/** The user behind every request: kubeadm's admin.conf identity. */
export const ADMIN_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };
const ALLOWED_REASON = 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"';

/** The answer to a review POST: the request with its status filled in (never stored). */
export function answerReview(rt: ResourceType, body: KObject): KObject {
  const out: KObject = { ...body, kind: rt.kind, apiVersion: `${rt.group}/${rt.version}`, metadata: { ...(body.metadata ?? {}), creationTimestamp: null } as unknown as KObject['metadata'] };
  switch (rt.kind) {
    case 'SelfSubjectReview':
      out.status = { userInfo: ADMIN_USER };
      break;
    case 'TokenReview':
      // SIMPLIFICATION: no token authenticator: every token is rejected.
      out.status = { user: {} };
      break;
    case 'SelfSubjectRulesReview':
      out.status = {
        resourceRules: [
          { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
          { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
          { verbs: ['create'], apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'] },
        ],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
      break;
    default:
      // SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview.
      out.status = { allowed: true, reason: ALLOWED_REASON };
  }
  return out;
}
