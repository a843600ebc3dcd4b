// Server-side printer for ConfigMaps: NAME DATA AGE (DATA counts data and binaryData keys).
// Models kubernetes/pkg/printers/internalversion/printers.go (printConfigMap).
import type { ConfigMap } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

export const configMapPrinter: TablePrinter<ConfigMap> = {
  columns: [nameColumn, column('Data', 'string', doc.cmData), ageColumn],
  row(cm, ctx) {
    const n = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
    return [cm.metadata?.name ?? '', n, ageOf(cm, ctx)];
  },
};
