// Server-side printer for ReplicationControllers: NAME DESIRED CURRENT READY AGE, wide
// CONTAINERS IMAGES SELECTOR. Models kubernetes/pkg/printers/internalversion/printers.go
// (printReplicationController). Replicas default to 1 as the API defaults them.
import type { ReplicationController } from '../../api/types';
import { ageColumn, ageOf, column, containersColumn, formatLabels, imagesColumn, layoutContainerCells, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const replicationControllerPrinter: TablePrinter<ReplicationController> = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.rcSpecReplicas),
    column('Current', 'integer', doc.rcStatusReplicas),
    column('Ready', 'integer', doc.rcReady),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.rcSelector, 1),
  ],
  row(rc, ctx) {
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata?.name ?? '',
      rc.spec?.replicas ?? 1,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      ageOf(rc, ctx),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};
