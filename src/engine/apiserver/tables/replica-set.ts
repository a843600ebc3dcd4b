// Server-side printer for ReplicaSets: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES
// SELECTOR. Models kubernetes/pkg/printers/internalversion/printers.go (printReplicaSet).
import type { ReplicaSet } from '../../api/types';
import { ageColumn, ageOf, column, containersColumn, formatLabelSelector, imagesColumn, layoutContainerCells, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const replicaSetPrinter: TablePrinter<ReplicaSet> = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.rsSpecReplicas),
    column('Current', 'integer', doc.rsStatusReplicas),
    column('Ready', 'integer', doc.rsReady),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.rsSelector, 1),
  ],
  row(rs, ctx) {
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata?.name ?? '',
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      ageOf(rs, ctx),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};
