// The rest of v1.32's built-in API surface: statefulsets, networkpolicies, runtimeclasses,
// poddisruptionbudgets, priorityclasses, the storage.k8s.io kinds, certificatesigningrequests,
// admissionregistration (webhook configurations, validating admission policies and bindings),
// customresourcedefinitions, apiservices, flowcontrol and the create-only review kinds of
// authentication.k8s.io and authorization.k8s.io (answered by reviews.ts, never stored).
// Models pkg/registry/<group>/<resource>/strategy.go (names, scope, verbs, short names,
// categories, status subresources) and the required-field messages of pkg/apis/*/validation.
// SIMPLIFICATION: served and stored only. No StatefulSet, disruption, CSR signing, CRD serving or
// webhook-calling machinery: objects of these kinds are kept and printed as a real server does.
import type { FieldError } from '../../api/field';
import { forbidden, invalid, required } from '../../api/field';
import type { KObject } from '../../api/types';
import { defineType } from './define';

const API_EXTENSIONS = ['api-extensions'];

// ------------------------------------------------------------------ apps

export const statefulSets = defineType({
  group: 'apps',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  statusSubresource: true,
  generation: true,
  subresources: ['scale', 'status'],
  storageVersionHash: 'H+vl74LkKdo=',
  rngStream: 'statefulsets',
  prepareForCreate(obj) {
    const spec = (obj.spec ??= {}) as Record<string, unknown>;
    spec.replicas ??= 1;
    spec.podManagementPolicy ??= 'OrderedReady';
    spec.updateStrategy ??= { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
    spec.revisionHistoryLimit ??= 10;
    spec.persistentVolumeClaimRetentionPolicy ??= { whenDeleted: 'Retain', whenScaled: 'Retain' };
    obj.status = { replicas: 0, availableReplicas: 0 };
  },
  validateCreate(obj) {
    const spec = (obj.spec ?? {}) as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }; template?: { metadata?: { labels?: Record<string, string> } } };
    const errs: FieldError[] = [];
    const sel = spec.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) errs.push(required('spec.selector', ''));
    else {
      const labels = spec.template?.metadata?.labels ?? {};
      const ok = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
      if (!ok) errs.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    }
    return errs;
  },
});

// ------------------------------------------------------------------ networking, node

export const networkPolicies = defineType({
  group: 'networking.k8s.io',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  namespaced: true,
  shortNames: ['netpol'],
  generation: true,
  storageVersionHash: 'YpfwF18m1G8=',
  rngStream: 'networkpolicies',
  prepareForCreate(obj) {
    const spec = (obj.spec ??= {}) as { podSelector?: unknown; policyTypes?: string[]; egress?: unknown[] };
    spec.podSelector ??= {};
    // SetDefaults_NetworkPolicy: Ingress always, Egress when egress rules are given.
    spec.policyTypes ??= spec.egress?.length ? ['Ingress', 'Egress'] : ['Ingress'];
  },
});

export const runtimeClasses = defineType({
  group: 'node.k8s.io',
  kind: 'RuntimeClass',
  plural: 'runtimeclasses',
  namespaced: false,
  storageVersionHash: 'WQTu1GL3T2Q=',
  rngStream: 'runtimeclasses',
  validateCreate: (obj) => ((obj as { handler?: string }).handler ? [] : [required('handler', '')]),
});

// ------------------------------------------------------------------ policy, scheduling

export const podDisruptionBudgets = defineType({
  group: 'policy',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  namespaced: true,
  shortNames: ['pdb'],
  statusSubresource: true,
  generation: true,
  subresources: ['status'],
  storageVersionHash: 'EVWiDmWqyJw=',
  rngStream: 'poddisruptionbudgets',
  prepareForCreate(obj) {
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validateCreate: (obj) => validatePDB(obj),
  validateUpdate: (obj) => validatePDB(obj),
});

function validatePDB(obj: KObject): FieldError[] {
  const spec = (obj.spec ?? {}) as { minAvailable?: unknown; maxUnavailable?: unknown };
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid('spec.minAvailable', spec.minAvailable, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable'] as const) {
    const v = spec[f];
    if (typeof v === 'number' && v < 0) errs.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'));
    if (typeof v === 'string') {
      const m = /^(\d+)%$/.exec(v);
      if (!m) errs.push(invalid(`spec.${f}`, v, 'a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')'));
      else if (Number(m[1]) > 100) errs.push(invalid(`spec.${f}`, v, 'must not be greater than 100%'));
    }
  }
  return errs;
}

/** scheduling.HighestUserDefinablePriority and the two system classes. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
export const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

function validatePriorityClass(obj: KObject): FieldError[] {
  const pc = obj as KObject & { value?: number; globalDefault?: boolean };
  const name = pc.metadata?.name ?? '';
  const value = pc.value ?? 0;
  if (name.startsWith('system-')) {
    const known = SYSTEM_PRIORITY_CLASSES[name];
    let why = '';
    if (known === undefined) why = `${name} is not a known system priority class`;
    else if (known !== value) why = `value of ${name} PriorityClass must be ${known}`;
    else if (pc.globalDefault) why = `globalDefault of ${name} PriorityClass must be false`;
    if (why) return [forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${why}`)];
    return [];
  }
  if (value > HIGHEST_USER_DEFINABLE_PRIORITY) return [forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`)];
  return [];
}

export const priorityClasses = defineType({
  group: 'scheduling.k8s.io',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  namespaced: false,
  shortNames: ['pc'],
  storageVersionHash: '1QwjyaZjj3Y=',
  rngStream: 'priorityclasses',
  prepareForCreate(obj) {
    const pc = obj as KObject & { preemptionPolicy?: string; value?: number };
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
    pc.value ??= 0;
  },
  validateCreate: (obj) => validatePriorityClass(obj),
  validateUpdate(obj, old) {
    const errs = validatePriorityClass(obj);
    const v = (obj as { value?: number }).value;
    if (v !== (old as { value?: number }).value) errs.push(forbidden('value', 'may not be changed in an update.'));
    return errs;
  },
});

// ------------------------------------------------------------------ storage.k8s.io

export const storageClasses = defineType({
  group: 'storage.k8s.io',
  kind: 'StorageClass',
  plural: 'storageclasses',
  namespaced: false,
  shortNames: ['sc'],
  storageVersionHash: 'K+m6uJwbjGY=',
  rngStream: 'storageclasses',
  prepareForCreate(obj) {
    const sc = obj as KObject & { reclaimPolicy?: string; volumeBindingMode?: string };
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validateCreate: (obj) => ((obj as { provisioner?: string }).provisioner ? [] : [required('provisioner', '')]),
});

export const csiDrivers = defineType({
  group: 'storage.k8s.io',
  kind: 'CSIDriver',
  plural: 'csidrivers',
  namespaced: false,
  storageVersionHash: 'hL6j/rwBV5w=',
  rngStream: 'csidrivers',
  prepareForCreate(obj) {
    const spec = (obj.spec ??= {}) as Record<string, unknown>;
    spec.attachRequired ??= true;
    spec.podInfoOnMount ??= false;
    spec.requiresRepublish ??= false;
    spec.storageCapacity ??= false;
    spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
    spec.seLinuxMount ??= false;
    spec.volumeLifecycleModes ??= ['Persistent'];
  },
});

export const csiNodes = defineType({ group: 'storage.k8s.io', kind: 'CSINode', plural: 'csinodes', namespaced: false, storageVersionHash: 'Pe62DkZtjuo=', rngStream: 'csinodes' });

export const csiStorageCapacities = defineType({
  group: 'storage.k8s.io',
  kind: 'CSIStorageCapacity',
  plural: 'csistoragecapacities',
  namespaced: true,
  storageVersionHash: 'xeVl+2Ly1kE=',
  rngStream: 'csistoragecapacities',
  validateCreate: (obj) => ((obj as { storageClassName?: string }).storageClassName ? [] : [required('storageClassName', '')]),
});

export const volumeAttachments = defineType({
  group: 'storage.k8s.io',
  kind: 'VolumeAttachment',
  plural: 'volumeattachments',
  namespaced: false,
  statusSubresource: true,
  subresources: ['status'],
  storageVersionHash: 'tJx/ezt6UDU=',
  rngStream: 'volumeattachments',
  prepareForCreate(obj) {
    obj.status = { attached: false };
  },
  validateCreate(obj) {
    const spec = (obj.spec ?? {}) as { attacher?: string; nodeName?: string };
    const errs: FieldError[] = [];
    if (!spec.attacher) errs.push(required('spec.attacher', ''));
    if (!spec.nodeName) errs.push(required('spec.nodeName', ''));
    return errs;
  },
});

// ------------------------------------------------------------------ certificates.k8s.io

export const certificateSigningRequests = defineType({
  group: 'certificates.k8s.io',
  kind: 'CertificateSigningRequest',
  plural: 'certificatesigningrequests',
  namespaced: false,
  shortNames: ['csr'],
  statusSubresource: true,
  subresources: ['approval', 'status'],
  storageVersionHash: '95fRKMXA+00=',
  rngStream: 'certificatesigningrequests',
  prepareForCreate(obj) {
    const spec = (obj.spec ??= {}) as Record<string, unknown>;
    // SIMPLIFICATION: the requesting user is always the admin kubeconfig's.
    spec.username = 'kubernetes-admin';
    spec.groups = ['kubeadm:cluster-admins', 'system:authenticated'];
    spec.usages ??= ['digital signature', 'key encipherment'];
    obj.status = {};
  },
  validateCreate(obj) {
    const spec = (obj.spec ?? {}) as { request?: string; signerName?: string };
    const errs: FieldError[] = [];
    if (!spec.request) errs.push(invalid('spec.request', [], 'PEM block type must be CERTIFICATE REQUEST'));
    if (!spec.signerName) errs.push(required('spec.signerName', ''));
    return errs;
  },
});

// ------------------------------------------------------------------ extension points

const extension = (group: string, kind: string, plural: string, hash: string, status = false) =>
  defineType({
    group,
    kind,
    plural,
    namespaced: false,
    categories: API_EXTENSIONS,
    storageVersionHash: hash,
    rngStream: plural,
    generation: status,
    statusSubresource: status,
    subresources: status ? ['status'] : [],
  });

export const mutatingWebhookConfigurations = extension('admissionregistration.k8s.io', 'MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', 'Sqi0GUgDaX0=');
export const validatingAdmissionPolicies = extension('admissionregistration.k8s.io', 'ValidatingAdmissionPolicy', 'validatingadmissionpolicies', '6OxvlMmQ6is=', true);
export const validatingAdmissionPolicyBindings = extension('admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', 'v9715VZqakg=');
export const validatingWebhookConfigurations = extension('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', 'B0wHjQmsGNk=');
export const customResourceDefinitions = defineType({
  ...extension('apiextensions.k8s.io', 'CustomResourceDefinition', 'customresourcedefinitions', 'jfWCUB31mvA=', true),
  shortNames: ['crd', 'crds'],
  generation: true,
});
export const apiServices = extension('apiregistration.k8s.io', 'APIService', 'apiservices', 'InPBPD7+PqM=', true);

const flowcontrol = (kind: string, plural: string, hash: string) =>
  defineType({
    group: 'flowcontrol.apiserver.k8s.io',
    kind,
    plural,
    namespaced: false,
    storageVersionHash: hash,
    rngStream: plural,
    generation: true,
    statusSubresource: true,
    subresources: ['status'],
  });
export const flowSchemas = flowcontrol('FlowSchema', 'flowschemas', 'GJVAJZSZBIw=');
export const priorityLevelConfigurations = flowcontrol('PriorityLevelConfiguration', 'prioritylevelconfigurations', 'Kir5PVfvNeI=');

// ------------------------------------------------------------------ reviews (create-only, never stored)

const review = (group: string, kind: string, plural: string, namespaced = false) =>
  defineType({ group, kind, plural, namespaced, verbs: ['create'] });

export const selfSubjectReviews = review('authentication.k8s.io', 'SelfSubjectReview', 'selfsubjectreviews');
export const tokenReviews = review('authentication.k8s.io', 'TokenReview', 'tokenreviews');
export const localSubjectAccessReviews = review('authorization.k8s.io', 'LocalSubjectAccessReview', 'localsubjectaccessreviews', true);
export const selfSubjectAccessReviews = review('authorization.k8s.io', 'SelfSubjectAccessReview', 'selfsubjectaccessreviews');
export const selfSubjectRulesReviews = review('authorization.k8s.io', 'SelfSubjectRulesReview', 'selfsubjectrulesreviews');
export const subjectAccessReviews = review('authorization.k8s.io', 'SubjectAccessReview', 'subjectaccessreviews');
