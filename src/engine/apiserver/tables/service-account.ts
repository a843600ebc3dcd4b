// Server-side printer for ServiceAccounts: NAME SECRETS AGE.
// Models kubernetes/pkg/printers/internalversion/printers.go (printServiceAccount).
import type { ServiceAccount } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const serviceAccountPrinter: TablePrinter<ServiceAccount> = {
  columns: [nameColumn, column('Secrets', 'string', doc.saSecrets), ageColumn],
  row(sa, ctx) {
    return [sa.metadata?.name ?? '', sa.secrets?.length ?? 0, ageOf(sa, ctx)];
  },
};
