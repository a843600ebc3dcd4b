// The table printer behind `kubectl get -w`: one tabwriter for the whole watch, so each event's
// row reuses (and may widen) the column widths of what was printed before, and headers are
// printed once, with the first rows. Decoration matches printers/table-printer.ts (NAMESPACE,
// kind/name, -L, LABELS) for single tables.
// Models cli-runtime/pkg/printers/tableprinter.go (printedHeaders) and kubectl get.go watch().
// SIMPLIFICATION: a tab inside a cell is printed as is instead of starting a new cell.
import type { Table, TableRow } from '../../../engine';
import { TabWriter, runeCount } from './printers/tabwriter';
import type { PrintOptions } from './printers/table-printer';

function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (!labels || keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels[k]}`).join(',');
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function escapeCell(s: string): string {
  const m = /[\n\r\f]/.exec(s);
  const body = m ? s.slice(0, m.index) : s;
  return body.split('\x1b').join('^[') + (m ? '...' : '');
}

export class WatchTablePrinter {
  private readonly tw = new TabWriter();
  private printedHeaders = false;

  constructor(private readonly opts: PrintOptions) {}

  private header(table: Table): string[] {
    const o = this.opts;
    const cols: string[] = [];
    if (o.withNamespace) cols.push('NAMESPACE');
    for (const c of table.columnDefinitions) if (o.wide || c.priority === 0) cols.push(c.name.toUpperCase());
    for (const k of o.labelColumns ?? []) cols.push((k.includes('/') ? k.slice(k.lastIndexOf('/') + 1) : k).toUpperCase());
    if (o.showLabels) cols.push('LABELS');
    return cols;
  }

  private row(table: Table, row: TableRow): string[] {
    const o = this.opts;
    const meta = (row.object as { metadata?: { namespace?: string; labels?: Record<string, string> } } | null)?.metadata;
    const cells: string[] = [];
    if (o.withNamespace) cells.push(meta?.namespace ?? '');
    table.columnDefinitions.forEach((c, i) => {
      if (!(o.wide || c.priority === 0)) return;
      let v = cellText(row.cells[i]);
      if (o.withKind && c.format === 'name' && c.type === 'string') v = `${o.withKind}/${v}`;
      cells.push(v);
    });
    for (const k of o.labelColumns ?? []) cells.push(meta?.labels?.[k] ?? '');
    if (o.showLabels) cells.push(formatLabels(meta?.labels));
    return cells.map(escapeCell);
  }

  /** Text for the rows of a table (headers the first time rows are printed). */
  print(table: Table): string {
    if (table.rows.length === 0) return '';
    const lines: string[][] = [];
    if (!this.printedHeaders && !this.opts.noHeaders) lines.push(this.header(table));
    this.printedHeaders = true;
    for (const r of table.rows) lines.push(this.row(table, r));
    return this.tw.format(lines, lines.map((l) => l.map(runeCount)));
  }
}
