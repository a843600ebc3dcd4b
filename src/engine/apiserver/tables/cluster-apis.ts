// Server-side printers for the cluster-wide API groups: NetworkPolicy, RuntimeClass,
// PodDisruptionBudget, PriorityClass, the storage.k8s.io kinds, CertificateSigningRequest,
// webhook configurations, validating admission policies (and bindings), FlowSchema,
// PriorityLevelConfiguration and APIService (kube-aggregator's own table).
// Models kubernetes/pkg/printers/internalversion/printers.go and
// staging/src/k8s.io/kube-aggregator/pkg/registry/apiservice/etcd (ConvertToTable).
// CustomResourceDefinition keeps the default NAME, CREATED AT table, as upstream.
import type { KObject } from '../../api/types';
import { humanDuration } from '../../core/duration';
import { ageColumn, ageOf, column, formatLabelSelector, nameColumn, nameOf } from './common';
import { swaggerDoc } from './swagger-doc';
import type { TablePrinter } from './types';

type Any = Record<string, unknown>;
const spec = (o: KObject): Any => (o.spec ?? {}) as Any;
const str = (v: unknown, dflt = ''): string => (v === undefined || v === null ? dflt : String(v));

export const networkPolicyPrinter: TablePrinter = {
  columns: [nameColumn, column('Pod-Selector', 'string', swaggerDoc('io.k8s.api.networking.v1.NetworkPolicySpec', 'podSelector')), ageColumn],
  row: (o, ctx) => [nameOf(o), formatLabelSelector(spec(o).podSelector as never), ageOf(o, ctx)],
};

export const runtimeClassPrinter: TablePrinter = {
  columns: [nameColumn, column('Handler', 'string', swaggerDoc('io.k8s.api.node.v1.RuntimeClass', 'handler')), ageColumn],
  row: (o, ctx) => [nameOf(o), str((o as Any).handler), ageOf(o, ctx)],
};

export const podDisruptionBudgetPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time'),
    ageColumn,
  ],
  row(o, ctx) {
    const s = spec(o);
    const st = (o.status ?? {}) as Any;
    return [nameOf(o), str(s.minAvailable, 'N/A'), str(s.maxUnavailable, 'N/A'), Number(st.disruptionsAllowed ?? 0), ageOf(o, ctx)];
  },
};

const PC = 'io.k8s.api.scheduling.v1.PriorityClass';
export const priorityClassPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Value', 'integer', swaggerDoc(PC, 'value')),
    column('Global-Default', 'boolean', swaggerDoc(PC, 'globalDefault')),
    ageColumn,
    column('PreemptionPolicy', 'string', swaggerDoc(PC, 'preemptionPolicy')),
  ],
  row(o, ctx) {
    const pc = o as Any;
    return [nameOf(o), Number(pc.value ?? 0), pc.globalDefault === true, ageOf(o, ctx), str(pc.preemptionPolicy)];
  },
};

// ------------------------------------------------------------------ storage.k8s.io

const SC = 'io.k8s.api.storage.v1.StorageClass';
export const storageClassPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Provisioner', 'string', swaggerDoc(SC, 'provisioner')),
    column('ReclaimPolicy', 'string', swaggerDoc(SC, 'reclaimPolicy')),
    column('VolumeBindingMode', 'string', swaggerDoc(SC, 'volumeBindingMode')),
    column('AllowVolumeExpansion', 'string', swaggerDoc(SC, 'allowVolumeExpansion')),
    ageColumn,
  ],
  row(o, ctx) {
    const sc = o as Any;
    const ann = o.metadata?.annotations ?? {};
    const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${nameOf(o)} (default)` : nameOf(o),
      str(sc.provisioner),
      str(sc.reclaimPolicy, 'Delete'),
      str(sc.volumeBindingMode, 'Immediate'),
      sc.allowVolumeExpansion === true,
      ageOf(o, ctx),
    ];
  },
};

const CSID = 'io.k8s.api.storage.v1.CSIDriverSpec';
export const csiDriverPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('AttachRequired', 'boolean', swaggerDoc(CSID, 'attachRequired')),
    column('PodInfoOnMount', 'boolean', swaggerDoc(CSID, 'podInfoOnMount')),
    column('StorageCapacity', 'boolean', swaggerDoc(CSID, 'storageCapacity')),
    column('TokenRequests', 'string', swaggerDoc(CSID, 'tokenRequests')),
    column('RequiresRepublish', 'boolean', swaggerDoc(CSID, 'requiresRepublish')),
    column('Modes', 'string', swaggerDoc(CSID, 'volumeLifecycleModes')),
    ageColumn,
  ],
  row(o, ctx) {
    const s = spec(o);
    const tr = s.tokenRequests as { audience?: string }[] | undefined;
    const modes = ((s.volumeLifecycleModes as string[] | undefined) ?? []).join(',');
    return [
      nameOf(o),
      s.attachRequired !== false,
      s.podInfoOnMount === true,
      s.storageCapacity === true,
      tr ? tr.map((t) => t.audience ?? '').join(',') : '<unset>',
      s.requiresRepublish === true,
      modes || '<none>',
      ageOf(o, ctx),
    ];
  },
};

export const csiNodePrinter: TablePrinter = {
  columns: [nameColumn, column('Drivers', 'integer', swaggerDoc('io.k8s.api.storage.v1.CSINodeSpec', 'drivers')), ageColumn],
  row: (o, ctx) => [nameOf(o), ((spec(o).drivers as unknown[] | undefined) ?? []).length, ageOf(o, ctx)],
};

const VA = 'io.k8s.api.storage.v1.VolumeAttachmentSpec';
export const volumeAttachmentPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Attacher', 'string', swaggerDoc(VA, 'attacher')),
    column('PV', 'string', swaggerDoc('io.k8s.api.storage.v1.VolumeAttachmentSource', 'persistentVolumeName')),
    column('Node', 'string', swaggerDoc(VA, 'nodeName')),
    column('Attached', 'boolean', swaggerDoc('io.k8s.api.storage.v1.VolumeAttachmentStatus', 'attached')),
    ageColumn,
  ],
  row(o, ctx) {
    const s = spec(o);
    const src = (s.source ?? {}) as Any;
    return [nameOf(o), str(s.attacher), str(src.persistentVolumeName), str(s.nodeName), ((o.status ?? {}) as Any).attached === true, ageOf(o, ctx)];
  },
};

const CSC = 'io.k8s.api.storage.v1.CSIStorageCapacity';
export const csiStorageCapacityPrinter: TablePrinter = {
  columns: [nameColumn, column('StorageClassName', 'string', swaggerDoc(CSC, 'storageClassName')), column('Capacity', 'string', swaggerDoc(CSC, 'capacity'))],
  row: (o) => [nameOf(o), str((o as Any).storageClassName), str((o as Any).capacity, '<unset>')],
};

// ------------------------------------------------------------------ certificates.k8s.io

/** extractCSRStatus: Approved/Denied/Failed from the conditions, Issued once a certificate exists. */
export function csrCondition(o: KObject): string {
  const st = (o.status ?? {}) as { conditions?: { type?: string }[]; certificate?: string };
  const parts: string[] = [];
  const has = (t: string) => (st.conditions ?? []).some((c) => c.type === t);
  if (has('Approved')) parts.push('Approved');
  if (has('Denied')) parts.push('Denied');
  if (has('Failed')) parts.push('Failed');
  if (parts.length === 0) parts.push('Pending');
  if (st.certificate) parts.push('Issued');
  return parts.join(',');
}

const CSRS = 'io.k8s.api.certificates.v1.CertificateSigningRequestSpec';
export const csrPrinter: TablePrinter = {
  columns: [
    nameColumn,
    ageColumn,
    column('SignerName', 'string', swaggerDoc(CSRS, 'signerName')),
    column('Requestor', 'string', swaggerDoc(CSRS, 'request')),
    column('RequestedDuration', 'string', swaggerDoc(CSRS, 'expirationSeconds')),
    column('Condition', 'string', swaggerDoc('io.k8s.api.certificates.v1.CertificateSigningRequestStatus', 'conditions')),
  ],
  row(o, ctx) {
    const s = spec(o);
    const exp = s.expirationSeconds as number | undefined;
    const dur = exp === undefined ? '<none>' : humanDuration(exp * 1000);
    return [nameOf(o), ageOf(o, ctx), str(s.signerName) || '<none>', str(s.username), dur, csrCondition(o)];
  },
};

// ------------------------------------------------------------------ admissionregistration, flowcontrol, apiregistration

const webhookConfigurationPrinter = (def: string): TablePrinter => ({
  columns: [nameColumn, column('Webhooks', 'integer', swaggerDoc(def, 'webhooks')), ageColumn],
  row: (o, ctx) => [nameOf(o), (((o as Any).webhooks as unknown[] | undefined) ?? []).length, ageOf(o, ctx)],
});
export const mutatingWebhookConfigurationPrinter = webhookConfigurationPrinter('io.k8s.api.admissionregistration.v1.MutatingWebhookConfiguration');
export const validatingWebhookConfigurationPrinter = webhookConfigurationPrinter('io.k8s.api.admissionregistration.v1.ValidatingWebhookConfiguration');

const VAP = 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicySpec';
export const validatingAdmissionPolicyPrinter: TablePrinter = {
  columns: [nameColumn, column('Validations', 'integer', swaggerDoc(VAP, 'validations')), column('ParamKind', 'string', swaggerDoc(VAP, 'paramKind')), ageColumn],
  row(o, ctx) {
    const s = spec(o);
    const pk = s.paramKind as { apiVersion?: string; kind?: string } | undefined;
    return [nameOf(o), ((s.validations as unknown[] | undefined) ?? []).length, pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>', ageOf(o, ctx)];
  },
};

const VAPB = 'io.k8s.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec';
export const validatingAdmissionPolicyBindingPrinter: TablePrinter = {
  columns: [nameColumn, column('PolicyName', 'string', swaggerDoc(VAPB, 'policyName')), column('ParamRef', 'string', swaggerDoc(VAPB, 'paramRef')), ageColumn],
  row(o, ctx) {
    const s = spec(o);
    const ref = s.paramRef as { name?: string; namespace?: string } | undefined;
    let param = '<unset>';
    if (ref?.name) param = ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
    return [nameOf(o), str(s.policyName), param, ageOf(o, ctx)];
  },
};

const FS = 'io.k8s.api.flowcontrol.v1.FlowSchemaSpec';
export const flowSchemaPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('PriorityLevel', 'string', swaggerDoc(FS, 'priorityLevelConfiguration')),
    column('MatchingPrecedence', 'string', swaggerDoc(FS, 'matchingPrecedence')),
    column('DistinguisherMethod', 'string', swaggerDoc(FS, 'distinguisherMethod')),
    ageColumn,
    column('MissingPL', 'string', 'references a broken or non-existent PriorityLevelConfiguration'),
  ],
  row(o, ctx) {
    const s = spec(o);
    const dm = s.distinguisherMethod as { type?: string } | undefined;
    const conds = (((o.status ?? {}) as Any).conditions as { type?: string; status?: string }[] | undefined) ?? [];
    const dangling = conds.find((c) => c.type === 'Dangling');
    return [nameOf(o), str((s.priorityLevelConfiguration as Any | undefined)?.name), Number(s.matchingPrecedence ?? 0), dm?.type ?? '<none>', ageOf(o, ctx), dangling?.status ?? '?'];
  },
};

const PLC = 'io.k8s.api.flowcontrol.v1.LimitedPriorityLevelConfiguration';
const QC = 'io.k8s.api.flowcontrol.v1.QueuingConfiguration';
export const priorityLevelConfigurationPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Type', 'string', swaggerDoc('io.k8s.api.flowcontrol.v1.PriorityLevelConfigurationSpec', 'type')),
    column('NominalConcurrencyShares', 'string', swaggerDoc(PLC, 'nominalConcurrencyShares')),
    column('Queues', 'string', swaggerDoc(QC, 'queues')),
    column('HandSize', 'string', swaggerDoc(QC, 'handSize')),
    column('QueueLengthLimit', 'string', swaggerDoc(QC, 'queueLengthLimit')),
    ageColumn,
  ],
  row(o, ctx) {
    const s = spec(o);
    const lim = s.limited as { nominalConcurrencyShares?: number; limitResponse?: { queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } } } | undefined;
    let ncs: unknown = '<none>';
    let queues: unknown = '<none>';
    let hand: unknown = '<none>';
    let qll: unknown = '<none>';
    if (lim) {
      ncs = lim.nominalConcurrencyShares ?? 0;
      const q = lim.limitResponse?.queuing;
      if (q) {
        queues = q.queues ?? 0;
        hand = q.handSize ?? 0;
        qll = q.queueLengthLimit ?? 0;
      }
    }
    return [nameOf(o), str(s.type), ncs, queues, hand, qll, ageOf(o, ctx)];
  },
};

export const apiServicePrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Service', 'string', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'string', 'Whether this service is available.'),
    ageColumn,
  ],
  row(o, ctx) {
    const s = spec(o);
    const svc = s.service as { namespace?: string; name?: string } | undefined;
    const conds = (((o.status ?? {}) as Any).conditions as { type?: string; status?: string; reason?: string }[] | undefined) ?? [];
    const c = conds.find((x) => x.type === 'Available');
    let status = 'Unknown';
    if (c) status = c.status === 'True' || !c.reason ? str(c.status) : `${str(c.status)} (${c.reason})`;
    return [nameOf(o), svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local', status, ageOf(o, ctx)];
  },
};
