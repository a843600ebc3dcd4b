// Server-side printers for the core/v1 kinds added beside the workloads: ComponentStatus,
// LimitRange, PersistentVolume, PersistentVolumeClaim, PodTemplate and ResourceQuota.
// Models kubernetes/pkg/printers/internalversion/printers.go (printComponentStatus,
// printLimitRange, printPersistentVolume, printPersistentVolumeClaim, printPodTemplate, printResourceQuota).
// SIMPLIFICATION: quantities are printed as written, not re-canonicalised (Quantity.String()).
import type { KObject } from '../../api/types';
import { ageColumn, ageOf, column, formatLabels, layoutContainerCells, nameColumn, nameOf } from './common';
import { defaultTablePrinter } from './default';
import { swaggerDoc } from './swagger-doc';
import type { TablePrinter } from './types';

const CORE = 'io.k8s.api.core.v1';

interface Cond {
  type?: string;
  status?: string;
  message?: string;
  error?: string;
}

export const componentStatusPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the component conditions'),
    column('Message', 'string', 'Message of the component conditions'),
    column('Error', 'string', 'Error of the component conditions'),
  ],
  row(obj) {
    let status = 'Unknown';
    let message = '';
    let error = '';
    for (const c of ((obj as { conditions?: Cond[] }).conditions ?? [])) {
      if (c.type !== 'Healthy') continue;
      status = c.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = c.message ?? '';
      error = c.error ?? '';
      break;
    }
    return [nameOf(obj), status, message, error];
  },
};

/** LimitRange prints NAME and CREATED AT, as the default convertor. */
export const limitRangePrinter: TablePrinter = defaultTablePrinter;

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order, comma-separated. */
export function accessModesString(modes: string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

interface PVLike extends KObject {
  spec?: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string };
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
    volumeName?: string;
    resources?: { requests?: Record<string, string> };
  };
  status?: { phase?: string; reason?: string; capacity?: Record<string, string>; accessModes?: string[] };
}

/** GetPersistentVolume(Claim)Class: the beta annotation first, then spec.storageClassName. */
function storageClassOf(obj: PVLike): string {
  return obj.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? obj.spec?.storageClassName ?? '';
}

export const persistentVolumePrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Capacity', 'string', swaggerDoc(`${CORE}.PersistentVolumeSpec`, 'capacity')),
    column('Access Modes', 'string', swaggerDoc(`${CORE}.PersistentVolumeSpec`, 'accessModes')),
    column('Reclaim Policy', 'string', swaggerDoc(`${CORE}.PersistentVolumeSpec`, 'persistentVolumeReclaimPolicy')),
    column('Status', 'string', swaggerDoc(`${CORE}.PersistentVolumeStatus`, 'phase')),
    column('Claim', 'string', swaggerDoc(`${CORE}.PersistentVolumeSpec`, 'claimRef')),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', swaggerDoc(`${CORE}.PersistentVolumeStatus`, 'reason')),
    ageColumn,
    column('VolumeMode', 'string', swaggerDoc(`${CORE}.PersistentVolumeSpec`, 'volumeMode'), 1),
  ],
  row(o, ctx) {
    const pv = o as PVLike;
    const ref = pv.spec?.claimRef;
    const claim = ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
    const phase = pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? '');
    return [
      nameOf(pv),
      pv.spec?.capacity?.storage ?? '0',
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      phase,
      claim,
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      ageOf(pv, ctx),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Status', 'string', swaggerDoc(`${CORE}.PersistentVolumeClaimStatus`, 'phase')),
    column('Volume', 'string', swaggerDoc(`${CORE}.PersistentVolumeClaimSpec`, 'volumeName')),
    column('Capacity', 'string', swaggerDoc(`${CORE}.PersistentVolumeClaimStatus`, 'capacity')),
    column('Access Modes', 'string', swaggerDoc(`${CORE}.PersistentVolumeClaimStatus`, 'accessModes')),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    column('VolumeMode', 'string', swaggerDoc(`${CORE}.PersistentVolumeClaimSpec`, 'volumeMode'), 1),
  ],
  row(o, ctx) {
    const pvc = o as PVLike;
    const phase = pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? '');
    let capacity = '';
    let modes = '';
    if (pvc.spec?.volumeName) {
      modes = accessModesString(pvc.status?.accessModes);
      capacity = pvc.status?.capacity?.storage ?? '0';
    }
    return [
      nameOf(pvc),
      phase,
      pvc.spec?.volumeName ?? '',
      capacity,
      modes,
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      ageOf(pvc, ctx),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

interface PodTemplateLike extends KObject {
  template?: { metadata?: { labels?: Record<string, string> }; spec?: { containers?: { name?: string; image?: string }[] } };
}

export const podTemplatePrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels for the pod template.'),
  ],
  row(o) {
    const pt = o as PodTemplateLike;
    const [names, images] = layoutContainerCells(pt.template?.spec?.containers);
    return [nameOf(pt), names, images, formatLabels(pt.template?.metadata?.labels)];
  },
};

/** SortableResourceNames: resource names in byte order. */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const resourceQuotaPrinter: TablePrinter = {
  columns: [
    nameColumn,
    { ...ageColumn },
    column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
  ],
  row(o, ctx) {
    const st = ((o as { status?: { hard?: Record<string, string>; used?: Record<string, string> } }).status ?? {});
    const hard = st.hard ?? {};
    const used = st.used ?? {};
    const req: string[] = [];
    const lim: string[] = [];
    for (const r of Object.keys(hard).sort(byName)) {
      const cell = `${r}: ${used[r] ?? '0'}/${hard[r]}`;
      const pieces = r.split('.');
      if (pieces.length > 1 && pieces[0] === 'limits') lim.push(cell);
      else req.push(cell);
    }
    return [nameOf(o), ageOf(o, ctx), req.join(', '), lim.join(', ')];
  },
};
