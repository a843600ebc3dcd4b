// Server-side Table printing: the printer for each kind and the meta.k8s.io/v1 Table the API
// server returns for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`, with
// includeObject=None|Metadata|Object. Models kubernetes/pkg/printers/tablegenerator.go and
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go (asTable). Leaves out noHeaders.
import type { KObject } from '../../api/types';
import * as more from './cluster-apis';
import { configMapPrinter } from './config-map';
import { componentStatusPrinter, limitRangePrinter, persistentVolumeClaimPrinter, persistentVolumePrinter, podTemplatePrinter, resourceQuotaPrinter } from './core-more';
import { clusterRoleBindingPrinter, roleBindingPrinter, rolePrinter } from './rbac';
import { controllerRevisionPrinter } from './controller-revision';
import { cronJobPrinter } from './cron-job';
import { daemonSetPrinter } from './daemon-set';
import { defaultTablePrinter } from './default';
import { deploymentPrinter } from './deployment';
import { endpointSlicePrinter } from './endpoint-slice';
import { endpointsPrinter } from './endpoints';
import { eventPrinter } from './event';
import { hpaPrinter } from './hpa';
import { ingressClassPrinter, ingressPrinter } from './ingress';
import { jobPrinter } from './job';
import { leasePrinter } from './lease';
import { namespacePrinter } from './namespace';
import { nodePrinter } from './node';
import { podPrinter } from './pod';
import { replicaSetPrinter } from './replica-set';
import { replicationControllerPrinter } from './replication-controller';
import { secretPrinter } from './secret';
import { serviceAccountPrinter } from './service-account';
import { servicePrinter } from './service';
import { statefulSetPrinter } from './stateful-set';
import type { Table, TablePrinter, TableRow } from './types';

export type { Table, TableColumnDefinition, TablePrinter, TableRow, TableRowCondition, PartialObjectMetadata } from './types';
export { defaultTablePrinter, customResourceTablePrinter } from './default';

// The per-kind printers are typed on their concrete kind; the registry hands them KObjects.
const printers: Record<string, TablePrinter> = {
  Pod: podPrinter as unknown as TablePrinter,
  ReplicationController: replicationControllerPrinter as unknown as TablePrinter,
  ReplicaSet: replicaSetPrinter as unknown as TablePrinter,
  Deployment: deploymentPrinter as unknown as TablePrinter,
  DaemonSet: daemonSetPrinter as unknown as TablePrinter,
  StatefulSet: statefulSetPrinter as unknown as TablePrinter,
  Job: jobPrinter as unknown as TablePrinter,
  CronJob: cronJobPrinter as unknown as TablePrinter,
  Service: servicePrinter as unknown as TablePrinter,
  Endpoints: endpointsPrinter as unknown as TablePrinter,
  EndpointSlice: endpointSlicePrinter as unknown as TablePrinter,
  Namespace: namespacePrinter as unknown as TablePrinter,
  Node: nodePrinter as unknown as TablePrinter,
  Event: eventPrinter as unknown as TablePrinter,
  Secret: secretPrinter as unknown as TablePrinter,
  ConfigMap: configMapPrinter as unknown as TablePrinter,
  ServiceAccount: serviceAccountPrinter as unknown as TablePrinter,
  Lease: leasePrinter as unknown as TablePrinter,
  Ingress: ingressPrinter as unknown as TablePrinter,
  IngressClass: ingressClassPrinter as unknown as TablePrinter,
  HorizontalPodAutoscaler: hpaPrinter as unknown as TablePrinter,
  ControllerRevision: controllerRevisionPrinter as unknown as TablePrinter,
  ComponentStatus: componentStatusPrinter,
  LimitRange: limitRangePrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  PodTemplate: podTemplatePrinter,
  ResourceQuota: resourceQuotaPrinter,
  Role: rolePrinter,
  ClusterRole: rolePrinter,
  RoleBinding: roleBindingPrinter,
  ClusterRoleBinding: clusterRoleBindingPrinter,
  NetworkPolicy: more.networkPolicyPrinter,
  RuntimeClass: more.runtimeClassPrinter,
  PodDisruptionBudget: more.podDisruptionBudgetPrinter,
  PriorityClass: more.priorityClassPrinter,
  StorageClass: more.storageClassPrinter,
  CSIDriver: more.csiDriverPrinter,
  CSINode: more.csiNodePrinter,
  VolumeAttachment: more.volumeAttachmentPrinter,
  CSIStorageCapacity: more.csiStorageCapacityPrinter,
  CertificateSigningRequest: more.csrPrinter,
  MutatingWebhookConfiguration: more.mutatingWebhookConfigurationPrinter,
  ValidatingWebhookConfiguration: more.validatingWebhookConfigurationPrinter,
  ValidatingAdmissionPolicy: more.validatingAdmissionPolicyPrinter,
  ValidatingAdmissionPolicyBinding: more.validatingAdmissionPolicyBindingPrinter,
  FlowSchema: more.flowSchemaPrinter,
  PriorityLevelConfiguration: more.priorityLevelConfigurationPrinter,
  APIService: more.apiServicePrinter,
};

/** The printer for a kind (`Pod`, `Deployment`...); the API server's default NAME/CREATED AT otherwise. */
export function tablePrinterFor(kind: string): TablePrinter {
  return printers[kind] ?? defaultTablePrinter;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface BuildTableContext {
  now: number;
  includeObject?: IncludeObject;
  listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  /** Use this printer instead of the kind's (custom resources). */
  printer?: TablePrinter;
}

function rowObject(obj: KObject, include: IncludeObject): TableRow['object'] {
  switch (include) {
    case 'None':
      return null;
    case 'Object':
      return obj;
    default:
      return { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: obj.metadata ?? {} };
  }
}

/** One Table for a list (or a single object) of one kind. */
export function buildTable(kind: string, objects: KObject[], ctx: BuildTableContext): Table {
  const printer = ctx.printer ?? tablePrinterFor(kind);
  const include = ctx.includeObject ?? 'Metadata';
  const rowCtx = { now: ctx.now };
  const rows: TableRow[] = new Array(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const row: TableRow = { cells: printer.row(obj, rowCtx), object: rowObject(obj, include) };
    const conditions = printer.conditions?.(obj);
    if (conditions) row.conditions = conditions;
    rows[i] = row;
  }
  const metadata: Table['metadata'] = {};
  if (ctx.listMeta?.resourceVersion) metadata.resourceVersion = ctx.listMeta.resourceVersion;
  if (ctx.listMeta?.continue) metadata.continue = ctx.listMeta.continue;
  if (ctx.listMeta?.remainingItemCount != null) metadata.remainingItemCount = ctx.listMeta.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: printer.columns,
    rows,
  };
}
