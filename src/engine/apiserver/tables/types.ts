// The meta.k8s.io/v1 Table types served for `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`
// and the per-kind printer contract (columns + row function) behind them.
// Models staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (Table, TableRow, ...).
// Leaves out metav1beta1 Tables and protobuf.
import type { KObject } from '../../api/types';

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  /** 0 = always shown; >0 only with `-o wide`. */
  priority: number;
}

export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

export interface PartialObjectMetadata {
  apiVersion: 'meta.k8s.io/v1';
  kind: 'PartialObjectMetadata';
  metadata: NonNullable<KObject['metadata']>;
}

export interface TableRow {
  /** Strings, numbers (int64 in Go), booleans; never re-formatted by the client except for printing. */
  cells: unknown[];
  conditions?: TableRowCondition[];
  /** PartialObjectMetadata (includeObject=Metadata, the default), the full object, or null (None). */
  object: PartialObjectMetadata | KObject | null;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export interface TableContext {
  /** Virtual epoch milliseconds. */
  now: number;
}

export interface TablePrinter<T = KObject> {
  columns: TableColumnDefinition[];
  /** Cells for one object, wide columns included (the server always prints wide). */
  row(obj: T, ctx: TableContext): unknown[];
  /** Row conditions (pods: Completed for Succeeded/Failed). */
  conditions?(obj: T): TableRowCondition[] | undefined;
}
