// The core/v1 kinds beyond the workloads: bindings (create-only, binds the named pod as
// pods/binding does), componentstatuses (read-only, answered by the REST layer), limitranges,
// persistentvolumeclaims, persistentvolumes, podtemplates and resourcequotas, with v1.32's
// defaults and the required-field messages of pkg/apis/core/validation.
// Models pkg/registry/core/{binding,componentstatus,limitrange,persistentvolumeclaim,persistentvolume,podtemplate,resourcequota}
// SIMPLIFICATION: no PV controller (a PersistentVolume starts Available, a claim stays Pending);
// no quota admission (see the ResourceQuota status note in the table file).
import type { FieldError } from '../../api/field';
import { notSupported, required } from '../../api/field';
import type { Json, KObject } from '../../api/types';
import type { StrategyContext } from '../resource-type';
import { rfc3339 } from '../../core/time';
import { defineType } from './define';

interface Spec {
  accessModes?: string[];
  resources?: { requests?: Record<string, string> };
  capacity?: Record<string, string>;
  volumeMode?: string;
  storageClassName?: string;
  persistentVolumeReclaimPolicy?: string;
  [k: string]: unknown;
}

const specOf = (o: KObject): Spec => (o.spec ?? {}) as Spec;

/** Volume sources a PersistentVolumeSpec may carry (exactly one). */
const PV_SOURCES = [
  'hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'awsElasticBlockStore', 'gcePersistentDisk', 'azureDisk', 'azureFile',
  'cephfs', 'cinder', 'flexVolume', 'flocker', 'glusterfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd',
  'scaleIO', 'storageos', 'vsphereVolume',
];

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

function accessModeErrors(modes: string[] | undefined, at: string): FieldError[] {
  if (!modes || modes.length === 0) return [required(`${at}.accessModes`, 'at least 1 access mode is required')];
  const errs: FieldError[] = [];
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(notSupported(`${at}.accessModes`, m, ACCESS_MODES));
  }
  return errs;
}

/** ValidatePersistentVolumeClaimSpec's required fields. */
export function validatePVC(obj: KObject): FieldError[] {
  const s = specOf(obj);
  const errs = accessModeErrors(s.accessModes, 'spec');
  if (!s.resources?.requests?.storage) errs.push(required('spec.resources[storage]', ''));
  return errs;
}

/** ValidatePersistentVolumeSpec's required fields. */
export function validatePV(obj: KObject): FieldError[] {
  const s = specOf(obj);
  const errs = accessModeErrors(s.accessModes, 'spec');
  if (!s.capacity || Object.keys(s.capacity).length === 0) errs.push(required('spec.capacity', ''));
  else if (!s.capacity.storage) errs.push(required('spec.capacity.storage', ''));
  const sources = PV_SOURCES.filter((k) => s[k] !== undefined);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  return errs;
}

export const bindings = defineType({ kind: 'Binding', plural: 'bindings', namespaced: true, verbs: ['create'] });

export const componentStatuses = defineType({ kind: 'ComponentStatus', plural: 'componentstatuses', namespaced: false, shortNames: ['cs'], verbs: ['get', 'list'] });

export const limitRanges = defineType({ kind: 'LimitRange', plural: 'limitranges', namespaced: true, shortNames: ['limits'], storageVersionHash: 'EBKMFVe6cwo=', rngStream: 'limitranges' });

export const persistentVolumeClaims = defineType({
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  namespaced: true,
  shortNames: ['pvc'],
  statusSubresource: true,
  subresources: ['status'],
  storageVersionHash: 'QWTyNDq0dC4=',
  rngStream: 'persistentvolumeclaims',
  prepareForCreate(obj, ctx) {
    const s = (obj.spec ??= {}) as Spec;
    s.volumeMode ??= 'Filesystem';
    // DefaultStorageClass admission: a claim without a class gets the default one, if any.
    // Models plugin/pkg/admission/storage/storageclass/setdefault/admission.go (newest default wins).
    if (s.storageClassName === undefined && !obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class']) {
      const scRt = ctx.api.resource('storageclasses', 'storage.k8s.io');
      let best: KObject | undefined;
      for (const sc of scRt ? ctx.api.list(scRt, undefined, {}).items : []) {
        const ann = sc.metadata?.annotations ?? {};
        if (ann['storageclass.kubernetes.io/is-default-class'] !== 'true' && ann['storageclass.beta.kubernetes.io/is-default-class'] !== 'true') continue;
        if (!best || (sc.metadata?.creationTimestamp ?? '') > (best.metadata?.creationTimestamp ?? '')) best = sc;
      }
      if (best) s.storageClassName = best.metadata?.name;
    }
    obj.status = { phase: 'Pending' };
  },
  validateCreate: (obj) => validatePVC(obj),
});

export const persistentVolumes = defineType({
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  namespaced: false,
  shortNames: ['pv'],
  statusSubresource: true,
  subresources: ['status'],
  storageVersionHash: 'HN/zwEC+JgM=',
  rngStream: 'persistentvolumes',
  prepareForCreate(obj, ctx) {
    const s = (obj.spec ??= {}) as Spec;
    s.persistentVolumeReclaimPolicy ??= 'Retain';
    s.volumeMode ??= 'Filesystem';
    // SIMPLIFICATION: the PV controller's first sync (Pending → Available) happens at creation.
    obj.status = { phase: 'Available', lastPhaseTransitionTime: rfc3339(ctx.now) };
  },
  validateCreate: (obj) => validatePV(obj),
});

export const podTemplates = defineType({ kind: 'PodTemplate', plural: 'podtemplates', namespaced: true, storageVersionHash: 'LIXB2x4IFpk=', rngStream: 'podtemplates' });

export const resourceQuotas = defineType({
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  namespaced: true,
  shortNames: ['quota'],
  statusSubresource: true,
  subresources: ['status'],
  storageVersionHash: '8uhSgffRX6w=',
  rngStream: 'resourcequotas',
  prepareForCreate(obj, ctx) {
    obj.status = quotaStatus(obj, ctx.api);
  },
  prepareForUpdate(obj, _old, ctx) {
    obj.status = quotaStatus(obj, ctx.api);
  },
});

/** Object-count quota names (`pods`, `services`, ...) and the plural each counts. */
const COUNTED: Record<string, string> = {
  pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets', persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers', resourcequotas: 'resourcequotas',
};

/**
 * status.hard (= spec.hard) and status.used, as the resource quota controller's first sync leaves them.
 * SIMPLIFICATION: computed when the quota is written, not kept up to date as objects come and go;
 * only object counts (`pods`, `services`, ..., `count/<resource>[.<group>]`) are measured, other
 * resources (cpu, memory, storage) report 0; no quota admission (nothing is refused).
 * Models pkg/controller/resourcequota and pkg/quota/v1/evaluator/core
 */
function quotaStatus(obj: KObject, api: StrategyContext['api']): Json {
  const hard = ((obj.spec ?? {}) as { hard?: Record<string, string> }).hard ?? {};
  const ns = obj.metadata?.namespace;
  const used: Record<string, string> = {};
  for (const name of Object.keys(hard)) {
    let plural = COUNTED[name];
    let group = '';
    if (!plural && name.startsWith('count/')) {
      const res = name.slice('count/'.length);
      const dot = res.indexOf('.');
      plural = dot < 0 ? res : res.slice(0, dot);
      group = dot < 0 ? '' : res.slice(dot + 1);
    }
    const rt = plural ? api.resource(plural, group) : undefined;
    if (!rt) {
      used[name] = '0';
      continue;
    }
    let items = api.list(rt, ns, {}).items;
    // Terminal pods do not count against a pod quota.
    if (plural === 'pods') items = items.filter((p) => !['Succeeded', 'Failed'].includes(((p.status ?? {}) as { phase?: string }).phase ?? ''));
    used[name] = String(items.length);
  }
  return { hard: { ...hard }, used } as unknown as Json;
}
