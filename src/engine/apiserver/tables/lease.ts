// Server-side printer for Leases: NAME HOLDER AGE.
// Models kubernetes/pkg/printers/internalversion/printers.go (printLease).
import type { Lease } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const leasePrinter: TablePrinter<Lease> = {
  columns: [nameColumn, column('Holder', 'string', doc.leaseHolder), ageColumn],
  row(lease, ctx) {
    return [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', ageOf(lease, ctx)];
  },
};
