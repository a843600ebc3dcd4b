// Server-side printer for ControllerRevisions: NAME CONTROLLER REVISION AGE, the controller as
// `daemonset.apps/kube-proxy` (lower-cased Kind.group of the controller reference).
// Models kubernetes/pkg/printers/internalversion/printers.go (printControllerRevision, formatResourceName).
import type { KObject } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import type { TablePrinter } from './types';

export const controllerRevisionPrinter: TablePrinter<KObject & { revision?: number }> = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', 'Revision indicates the revision of the state represented by Data.'),
    ageColumn,
  ],
  row(cr, ctx) {
    const ref = (cr.metadata?.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (ref) {
      const av = ref.apiVersion ?? '';
      const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
      const gk = group ? `${ref.kind}.${group}` : ref.kind;
      controller = gk ? `${gk.toLowerCase()}/${ref.name}` : ref.name;
    }
    return [cr.metadata?.name ?? '', controller, cr.revision ?? 0, ageOf(cr, ctx)];
  },
};
