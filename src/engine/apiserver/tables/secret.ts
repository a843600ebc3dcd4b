// Server-side printer for Secrets: NAME TYPE DATA AGE.
// Models kubernetes/pkg/printers/internalversion/printers.go (printSecret).
import type { Secret } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const secretPrinter: TablePrinter<Secret> = {
  columns: [nameColumn, column('Type', 'string', doc.secretType), column('Data', 'string', doc.secretData), ageColumn],
  row(s, ctx) {
    return [s.metadata?.name ?? '', s.type ?? '', Object.keys(s.data ?? {}).length, ageOf(s, ctx)];
  },
};
