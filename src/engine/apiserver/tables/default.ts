// Tables for kinds without a dedicated printer. Built-in kinds get the API server's default
// convertor (NAME, CREATED AT as an RFC 3339 timestamp), custom resources without
// additionalPrinterColumns get NAME, AGE. Models staging/src/k8s.io/apiserver/pkg/registry/rest/table.go
// and apiextensions-apiserver tableconvertor (serveDefaultColumnsIfEmpty).
import type { KObject } from '../../api/types';
import { ageColumn, ageOf, column, nameColumn } from './common';
import { doc } from './descriptions';
import type { TablePrinter } from './types';

/** metav1.Time in RFC 3339 UTC, seconds precision; a missing time prints Go's zero time. */
function createdAt(obj: KObject): string {
  const ts = obj.metadata?.creationTimestamp;
  if (!ts) return '0001-01-01T00:00:00Z';
  const t = Date.parse(ts);
  if (Number.isNaN(t)) return ts;
  return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const defaultTablePrinter: TablePrinter = {
  columns: [nameColumn, column('Created At', 'date', doc.creationTimestamp)],
  row(obj) {
    return [obj.metadata?.name ?? '', createdAt(obj)];
  },
};

export const customResourceTablePrinter: TablePrinter = {
  columns: [nameColumn, { ...ageColumn, type: 'date' }],
  row(obj, ctx) {
    return [obj.metadata?.name ?? '', ageOf(obj, ctx)];
  },
};
