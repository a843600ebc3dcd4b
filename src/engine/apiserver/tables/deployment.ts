// Server-side printer for Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS
// IMAGES SELECTOR. READY is "ready/desired"; SELECTOR is the raw selector string (no <none>).
// Models kubernetes/pkg/printers/internalversion/printers.go (printDeployment).
import type { Deployment } from '../../api/types';
import { ageColumn, ageOf, column, containersColumn, imagesColumn, labelSelectorString, layoutContainerCells, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const deploymentPrinter: TablePrinter<Deployment> = {
  columns: [
    nameColumn,
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', doc.deployUpdated),
    column('Available', 'string', doc.deployAvailable),
    ageColumn,
    containersColumn,
    imagesColumn,
    column('Selector', 'string', doc.deploySelector, 1),
  ],
  row(d, ctx) {
    const [names, images] = layoutContainerCells(d.spec?.template?.spec?.containers);
    const selector = labelSelectorString(d.spec?.selector);
    return [
      d.metadata?.name ?? '',
      `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      d.status?.updatedReplicas ?? 0,
      d.status?.availableReplicas ?? 0,
      ageOf(d, ctx),
      names,
      images,
      selector === undefined ? '<invalid>' : selector,
    ];
  },
};
