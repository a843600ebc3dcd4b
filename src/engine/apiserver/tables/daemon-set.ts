// Server-side printer for DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR
// AGE, wide CONTAINERS IMAGES SELECTOR. Models kubernetes/pkg/printers/internalversion/printers.go
// (printDaemonSet).
import type { DaemonSet } from '../../api/types';
import {
  ageColumn,
  ageOf,
  column,
  containersColumn,
  formatLabels,
  formatLabelSelector,
  imagesColumn,
  layoutContainerCells,
  nameColumn,
} from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const daemonSetPrinter: TablePrinter<DaemonSet> = {
  columns: [
    nameColumn,
    column('Desired', 'integer', doc.dsDesired),
    column('Current', 'integer', doc.dsCurrent),
    column('Ready', 'integer', doc.dsReady),
    column('Up-to-date', 'integer', doc.dsUpdated),
    column('Available', 'integer', doc.dsAvailable),
    column('Node Selector', 'string', doc.nodeSelector),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.dsSelector, 1),
  ],
  row(ds, ctx) {
    const st = ds.status;
    const [names, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
    return [
      ds.metadata?.name ?? '',
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      ageOf(ds, ctx),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};
