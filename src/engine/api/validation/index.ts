// Entry points the registry strategies call: create, update and status-update validation per
// kind (after defaulting), plus the name checks the REST layer uses for paths/generateName.
// Unknown kinds get ObjectMeta validation only. Status updates validate metadata and the
// kind's status rules, not the spec (as upstream's status strategies do).
// Models kubernetes/pkg/registry/*/strategy.go (Validate, ValidateUpdate) over pkg/apis/*/validation

import type { Pod } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KObject } from '../types';
import { type FieldError, FieldPath } from '../field';
import { isNamespacedKind, nameValidatorFor } from './names';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { validatePodSpec, validatePodSpecUpdate } from './pod';
import {
  validateConfigMap,
  validateConfigMapUpdate,
  validateEndpointSlice,
  validateEndpoints,
  validateEvent,
  validateLease,
  validateNamespace,
  validateNode,
  validateNodeUpdate,
  validateReplicationController,
  validateSecret,
  validateSecretUpdate,
  validateService,
  validateServiceUpdate,
} from './core';
import {
  validateDaemonSet,
  validateDaemonSetStatus,
  validateDeployment,
  validateDeploymentStatus,
  validateReplicaSet,
  validateReplicaSetStatus,
  validateSelectorImmutable,
} from './apps';

export {
  isDNS1123Subdomain,
  isDNS1123Label,
  isDNS1035Label,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isConfigMapKey,
  nameValidatorFor,
  isNamespacedKind,
} from './names';
export type { NameValidator } from './names';
export { isIP, isIPv4, isIPv6 } from './core';

const META = FieldPath.root('metadata');

type SpecValidator = (obj: KObject) => FieldError[];

/** Kind-specific create validation (everything beyond ObjectMeta). */
const specValidators: Record<string, SpecValidator> = {
  Pod: (o) => validatePodSpec((o as unknown as Pod).spec, FieldPath.root('spec')),
  Service: (o) => validateService(o as never),
  Endpoints: (o) => validateEndpoints(o as never),
  EndpointSlice: (o) => validateEndpointSlice(o as never),
  ReplicationController: (o) => validateReplicationController(o as never),
  ConfigMap: (o) => validateConfigMap(o as never),
  Secret: (o) => validateSecret(o as never),
  Namespace: (o) => validateNamespace(o as never),
  Node: (o) => validateNode(o as never),
  Event: (o) => validateEvent(o as never),
  Lease: (o) => validateLease(o as never),
  Deployment: (o) => validateDeployment(o as never),
  ReplicaSet: (o) => validateReplicaSet(o as never),
  DaemonSet: (o) => validateDaemonSet(o as never),
};

/** Extra update-only rules, run after the metadata update checks and before full validation. */
const updateValidators: Record<string, (obj: KObject, old: KObject) => FieldError[]> = {
  Service: (o, old) => validateServiceUpdate(o as never, old as never),
  ConfigMap: (o, old) => validateConfigMapUpdate(o as never, old as never),
  Secret: (o, old) => validateSecretUpdate(o as never, old as never),
  Node: (o, old) => validateNodeUpdate(o as never, old as never),
};

/** Validation of a new object (defaults already applied, name already generated). */
export function validateCreate(kind: string, obj: KObject): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, isNamespacedKind(kind), nameValidatorFor(kind), META);
  const v = specValidators[kind];
  if (v) errs.push(...v(obj));
  return errs;
}

/** Validation of an update (metadata immutability, kind rules, then the new object itself). */
export function validateUpdate(kind: string, obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata, META);
  switch (kind) {
    case 'Pod': {
      // ValidatePodUpdate: full spec validation, then the restricted-update rules.
      const p = obj as unknown as Pod;
      errs.push(...validatePodSpec(p.spec, FieldPath.root('spec')));
      errs.push(...validatePodSpecUpdate(p.spec, (old as unknown as Pod).spec));
      return errs;
    }
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet': {
      const v = specValidators[kind];
      errs.push(...v(obj));
      const n = obj as unknown as Deployment | ReplicaSet | DaemonSet;
      const o = old as unknown as Deployment | ReplicaSet | DaemonSet;
      errs.push(...validateSelectorImmutable(n.spec?.selector, o.spec?.selector));
      return errs;
    }
  }
  const u = updateValidators[kind];
  if (u) errs.push(...u(obj, old));
  const v = specValidators[kind];
  if (v) errs.push(...v(obj));
  return errs;
}

/** Validation of a /status update: metadata rules plus the kind's status rules. */
export function validateStatusUpdate(kind: string, obj: KObject, old: KObject): FieldError[] {
  const errs = validateObjectMetaUpdate(obj.metadata, old.metadata, META);
  const status = obj.status as Record<string, number> | undefined;
  switch (kind) {
    case 'Deployment':
      errs.push(...validateDeploymentStatus(status));
      break;
    case 'ReplicaSet':
    case 'ReplicationController':
      errs.push(...validateReplicaSetStatus(status));
      break;
    case 'DaemonSet':
      errs.push(...validateDaemonSetStatus(status));
      break;
    default:
  }
  return errs;
}
