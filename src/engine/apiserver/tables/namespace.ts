// Server-side printer for Namespaces: NAME STATUS AGE.
// Models kubernetes/pkg/printers/internalversion/printers.go (printNamespace).
import type { Namespace } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import type { TablePrinter } from './types';

export const namespacePrinter: TablePrinter<Namespace> = {
  columns: [nameColumn, column('Status', 'string', 'The status of the namespace'), ageColumn],
  row(ns, ctx) {
    return [ns.metadata?.name ?? '', ns.status?.phase ?? '', ageOf(ns, ctx)];
  },
};
