// Defaulting entry point: fills the fields the real API server fills before validation
// (scheme defaults plus the default admission plugins' and strategies' values), in place.
// Unknown kinds are left untouched. The object must be a fresh, unfrozen copy.
// Models kubernetes/pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go

import type { KObject } from '../types';
import {
  defaultEndpointSlice,
  defaultEndpoints,
  defaultNamespace,
  defaultNode,
  defaultPod,
  defaultReplicationController,
  defaultSecret,
  defaultService,
} from './core';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet } from './apps';

export { defaultPullPolicy, defaultPodSpec } from './core';

/**
 * Applies defaults for `kind` to `obj` (mutated). `op` tells create from update for the few
 * create-only values (namespace finalizer); without it an object that carries a
 * resourceVersion is treated as an update.
 */
export function applyDefaults(kind: string, obj: KObject, op?: 'create' | 'update'): void {
  const create = op ? op === 'create' : !obj.metadata?.resourceVersion;
  switch (kind) {
    case 'Pod':
      return defaultPod(obj as never);
    case 'Service':
      return defaultService(obj as never);
    case 'ReplicationController':
      return defaultReplicationController(obj as never);
    case 'Namespace':
      return defaultNamespace(obj as never, create);
    case 'Secret':
      return defaultSecret(obj as never);
    case 'Node':
      return defaultNode(obj as never);
    case 'Endpoints':
      return defaultEndpoints(obj as never);
    case 'EndpointSlice':
      return defaultEndpointSlice(obj as never);
    case 'Deployment':
      return defaultDeployment(obj as never);
    case 'ReplicaSet':
      return defaultReplicaSet(obj as never);
    case 'DaemonSet':
      return defaultDaemonSet(obj as never);
    default:
  }
}
