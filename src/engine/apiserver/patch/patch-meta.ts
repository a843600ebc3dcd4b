// Strategic-merge-patch metadata (the `patchStrategy` / `patchMergeKey` struct tags) for the
// kinds the playground serves, written by hand because kubernetes-types does not carry it.
// Models the tags in staging/src/k8s.io/api/core/v1/types.go, apps/v1/types.go, batch/v1/types.go
// and apimachinery/pkg/apis/meta/v1/types.go (v1.32), read through strategicpatch's
// PatchMetaFromStruct. Fields not listed have no strategy: maps merge, lists are replaced.
// SIMPLIFICATION: a field unknown to this table is treated as untagged; upstream fails with
// `unable to find api field in struct X for the json field "y"` for typed kinds.

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface FieldMeta {
  /** The struct type of the field (or of the list's elements), for nested lookups. */
  readonly type?: string;
  readonly strategy?: PatchStrategy;
  readonly mergeKey?: string;
}

type TypeTable = Readonly<Record<string, Readonly<Record<string, FieldMeta>>>>;

const conditionsByType: FieldMeta = { strategy: 'merge', mergeKey: 'type' };
const withTemplate = (extra: Record<string, FieldMeta> = {}): Record<string, FieldMeta> => ({
  template: { type: 'PodTemplateSpec' },
  ...extra,
});
const conditionsOnly = { conditions: conditionsByType };
const kindRoot = (spec?: string, status?: string): Record<string, FieldMeta> => ({
  metadata: { type: 'ObjectMeta' },
  ...(spec ? { spec: { type: spec } } : {}),
  ...(status ? { status: { type: status } } : {}),
});

const TYPES: TypeTable = {
  ObjectMeta: {
    ownerReferences: { strategy: 'merge', mergeKey: 'uid' },
    finalizers: { strategy: 'merge' },
  },
  // core/v1
  Pod: kindRoot('PodSpec', 'PodStatus'),
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodTemplate: { metadata: { type: 'ObjectMeta' }, template: { type: 'PodTemplateSpec' } },
  PodSpec: {
    volumes: { type: 'Volume', strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: { type: 'Container', strategy: 'merge', mergeKey: 'name' },
    containers: { type: 'Container', strategy: 'merge', mergeKey: 'name' },
    ephemeralContainers: { type: 'Container', strategy: 'merge', mergeKey: 'name' },
    imagePullSecrets: { strategy: 'merge', mergeKey: 'name' },
    hostAliases: { strategy: 'merge', mergeKey: 'ip' },
    topologySpreadConstraints: { strategy: 'merge', mergeKey: 'topologyKey' },
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    schedulingGates: { strategy: 'merge', mergeKey: 'name' },
  },
  Container: {
    ports: { strategy: 'merge', mergeKey: 'containerPort' },
    env: { strategy: 'merge', mergeKey: 'name' },
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
    volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
  },
  PodStatus: {
    conditions: conditionsByType,
    podIPs: { strategy: 'merge', mergeKey: 'ip' },
    hostIPs: { strategy: 'merge', mergeKey: 'ip' },
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  ReplicationController: kindRoot('ReplicationControllerSpec', 'ReplicationControllerStatus'),
  ReplicationControllerSpec: withTemplate(),
  ReplicationControllerStatus: conditionsOnly,
  Service: kindRoot('ServiceSpec', 'ServiceStatus'),
  ServiceSpec: { ports: { strategy: 'merge', mergeKey: 'port' } },
  ServiceStatus: conditionsOnly,
  Node: kindRoot('NodeSpec', 'NodeStatus'),
  NodeSpec: { podCIDRs: { strategy: 'merge' } },
  NodeStatus: { conditions: conditionsByType, addresses: { strategy: 'merge', mergeKey: 'type' } },
  Namespace: kindRoot(undefined, 'NamespaceStatus'),
  NamespaceStatus: conditionsOnly,
  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: { strategy: 'merge', mergeKey: 'name' } },
  PersistentVolumeClaim: kindRoot(undefined, 'PersistentVolumeClaimStatus'),
  PersistentVolumeClaimStatus: conditionsOnly,
  // apps/v1
  Deployment: kindRoot('DeploymentSpec', 'DeploymentStatus'),
  DeploymentSpec: withTemplate({ strategy: { strategy: 'retainKeys' } }),
  DeploymentStatus: conditionsOnly,
  ReplicaSet: kindRoot('ReplicaSetSpec', 'ReplicaSetStatus'),
  ReplicaSetSpec: withTemplate(),
  ReplicaSetStatus: conditionsOnly,
  DaemonSet: kindRoot('DaemonSetSpec', 'DaemonSetStatus'),
  DaemonSetSpec: withTemplate(),
  DaemonSetStatus: conditionsOnly,
  StatefulSet: kindRoot('StatefulSetSpec', 'StatefulSetStatus'),
  StatefulSetSpec: withTemplate(),
  StatefulSetStatus: conditionsOnly,
  // batch/v1
  Job: kindRoot('JobSpec', 'JobStatus'),
  JobSpec: withTemplate(),
  JobStatus: conditionsOnly,
  CronJob: kindRoot('CronJobSpec'),
  CronJobSpec: { jobTemplate: { type: 'JobTemplateSpec' } },
  JobTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'JobSpec' } },
  // Kinds with only ObjectMeta tags: ConfigMap, Secret, Endpoints, EndpointSlice, Event, Lease...
  Object: { metadata: { type: 'ObjectMeta' } },
};

/** A position in the type tree; `undefined` type means "no metadata below here". */
export class PatchMeta {
  /** Below a field without a known type: no metadata at all. */
  static readonly none = new PatchMeta(undefined);

  private constructor(readonly typeName: string | undefined) {}

  static forKind(kind: string): PatchMeta {
    return new PatchMeta(Object.prototype.hasOwnProperty.call(TYPES, kind) ? kind : 'Object');
  }

  /** Strategic metadata of a field and the schema of its value (or of its list elements). */
  lookup(field: string): { meta: FieldMeta; sub: PatchMeta } {
    const t = this.typeName ? TYPES[this.typeName] : undefined;
    const meta = t && Object.prototype.hasOwnProperty.call(t, field) ? t[field] : EMPTY;
    return { meta, sub: meta.type ? new PatchMeta(meta.type) : PatchMeta.none };
  }
}

const EMPTY: FieldMeta = {};

/** extractRetainKeysPatchStrategy: splits `merge,retainKeys` into its two parts. */
export function splitStrategy(s: PatchStrategy | undefined): { retainKeys: boolean; strategy: '' | 'merge' | 'replace' } {
  switch (s) {
    case undefined:
      return { retainKeys: false, strategy: '' };
    case 'retainKeys':
      return { retainKeys: true, strategy: '' };
    case 'merge,retainKeys':
      return { retainKeys: true, strategy: 'merge' };
    default:
      return { retainKeys: false, strategy: s };
  }
}
