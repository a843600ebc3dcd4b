// Server-side printer for StatefulSets: NAME READY AGE, wide CONTAINERS IMAGES.
// Models kubernetes/pkg/printers/internalversion/printers.go (printStatefulSet).
import type { StatefulSet } from 'kubernetes-types/apps/v1';
import { ageColumn, ageOf, column, containersColumn, imagesColumn, layoutContainerCells, nameColumn } from './common';
import type { TablePrinter } from './types';

export const statefulSetPrinter: TablePrinter<StatefulSet> = {
  columns: [nameColumn, column('Ready', 'string', 'Number of the pod with ready state'), ageColumn, containersColumn, imagesColumn],
  row(ss, ctx) {
    const [names, images] = layoutContainerCells(ss.spec?.template?.spec?.containers);
    return [ss.metadata?.name ?? '', `${ss.status?.readyReplicas ?? 0}/${ss.spec?.replicas ?? 1}`, ageOf(ss, ctx), names, images];
  },
};
