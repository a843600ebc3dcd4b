// kubectl's client-side layout of server-side Tables: hides priority>0 columns unless wide,
// adds NAMESPACE (-A), -L label columns and LABELS (--show-labels), prefixes NAME with kind/
// for multi-type gets, sorts (--sort-by), escapes/truncates cells and aligns with the tabwriter.
// Models staging/src/k8s.io/cli-runtime/pkg/printers/tableprinter.go (decorateTable, printTable),
// kubectl/pkg/cmd/get/get.go (blank line between resource types) and get/sorter.go (TableSorter).
import type { Table, TableColumnDefinition, TableRow } from '../../../../engine/apiserver/tables/types';
import { TabWriter, runeCount } from './tabwriter';

export interface PrintOptions {
  noHeaders?: boolean;
  wide?: boolean;
  showLabels?: boolean;
  /** `-L key` label keys, in order. */
  labelColumns?: string[];
  withNamespace?: boolean;
  /** Lower-case kind with group, e.g. 'pod' or 'deployment.apps': NAME becomes kind/name. */
  withKind?: string;
  /** JSONPath (`.metadata.name`, `{.status.startTime}`); needs rows with full objects. */
  sortBy?: string;
}

interface Meta {
  namespace?: string;
  labels?: Record<string, string>;
}

function metaOf(row: TableRow): Meta | undefined {
  const obj = row.object as { metadata?: Meta } | null | undefined;
  return obj && typeof obj === 'object' && obj.metadata ? obj.metadata : undefined;
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return '<none>';
  const keys = Object.keys(labels);
  if (keys.length === 0) return '<none>';
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let s = '';
  for (let i = 0; i < keys.length; i++) s += (i > 0 ? ',' : '') + keys[i] + '=' + labels[keys[i]];
  return s;
}

/** `-L app.kubernetes.io/name` heads a column NAME. */
function labelHeader(key: string): string {
  const i = key.lastIndexOf('/');
  return (i >= 0 ? key.slice(i + 1) : key).toUpperCase();
}

/** Go's fmt.Sprint for values decoded from JSON (int64, float64, bool, string, slices, maps). */
function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) ? String(v) : goFloat(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (Array.isArray(v)) return '[' + v.map(goSprint).join(' ') + ']';
      if (typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o).sort();
        return 'map[' + keys.map((k) => `${k}:${goSprint(o[k])}`).join(' ') + ']';
      }
      return String(v);
  }
}

/** %v of a float64: shortest repr, exponent form from 1e21 up and below 1e-4. */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf';
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) {
    const [mant, exp] = f.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(f);
}

/**
 * Rune count of a cell that needs no escaping, or -1 when it holds ESC, \n, \f, \r, \t or \v
 * (the slow path). One pass per cell: no regular expressions on the hot path.
 */
function plainCellWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0x1b || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x09 || c === 0x0b) return -1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/**
 * Truncates at the first \f, \n or \r (adding "...") and escapes ESC as "^[", as kubectl does
 * against terminal escape attacks (a CR never survives the truncation).
 */
function sanitizeCell(s: string): string {
  let cut = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0a || c === 0x0c || c === 0x0d) {
      cut = i;
      break;
    }
  }
  const body = cut >= 0 ? s.slice(0, cut) : s;
  const escaped = body.split('\x1b').join('^[');
  return cut >= 0 ? escaped + '...' : escaped;
}

/** Pushes the cell, splitting on tabs/vertical tabs as Go's tabwriter would. */
function pushCell(line: string[], widths: number[], raw: string): void {
  const w = plainCellWidth(raw);
  if (w >= 0) {
    line.push(raw);
    widths.push(w);
    return;
  }
  const text = sanitizeCell(raw);
  let cur = '';
  for (const ch of text) {
    if (ch === '\t' || ch === '\v') {
      line.push(cur);
      widths.push(runeCount(cur));
      cur = '';
    } else cur += ch;
  }
  line.push(cur);
  widths.push(runeCount(cur));
}

// ---- sorting (kubectl get --sort-by) ----

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** github.com/fvbommel/sortorder NaturalLess, as kubectl uses for strings. */
export function naturalLess(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const c1 = a.charCodeAt(i);
    const c2 = b.charCodeAt(j);
    const d1 = isDigit(c1);
    const d2 = isDigit(c2);
    if (d1 !== d2) return d1;
    if (!d1) {
      if (c1 !== c2) return c1 < c2;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    const nz1 = i;
    const nz2 = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const len1 = i - nz1;
    const len2 = j - nz2;
    if (len1 !== len2) return len1 < len2;
    const n1 = a.slice(nz1, i);
    const n2 = b.slice(nz2, j);
    if (n1 !== n2) return n1 < n2;
    if (nz1 !== nz2) return nz1 < nz2;
  }
  return a.length < b.length;
}

type PathStep = string | number;

/** Relaxed JSONPath as kubectl accepts for --sort-by: `{.a.b[0].c}`, `.a.b`, `a.b`. */
function parseSortPath(field: string): PathStep[] {
  let f = field.trim();
  if (f.startsWith('{') && f.endsWith('}')) f = f.slice(1, -1);
  if (f.startsWith('.')) f = f.slice(1);
  const steps: PathStep[] = [];
  for (const part of f.split('.')) {
    if (part === '') continue;
    const br = part.indexOf('[');
    if (br < 0) {
      steps.push(part);
      continue;
    }
    if (br > 0) steps.push(part.slice(0, br));
    let rest = part.slice(br);
    while (rest.startsWith('[')) {
      const end = rest.indexOf(']');
      if (end < 0) break;
      const idx = rest.slice(1, end);
      steps.push(/^\d+$/.test(idx) ? Number(idx) : idx.replace(/^['"]|['"]$/g, ''));
      rest = rest.slice(end + 1);
    }
  }
  return steps;
}

function lookup(obj: unknown, steps: PathStep[]): unknown {
  let cur: unknown = obj;
  for (const s of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[s];
  }
  return cur;
}

/** kubectl's isLess over decoded JSON values; mismatched or unsortable types are not less. */
function isLess(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'string' && typeof b === 'string') return naturalLess(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (isLess(a[i], b[i])) return true;
      if (isLess(b[i], a[i])) return false;
    }
    return a.length < b.length;
  }
  return false;
}

/**
 * Sorts rows by a field of their objects (TableSorter); rows without the field sort first.
 * SIMPLIFICATION: a stable sort, where kubectl's sort.Sort leaves the order of ties unspecified.
 */
function sortRows(rows: TableRow[], sortBy: string): TableRow[] {
  const steps = parseSortPath(sortBy);
  const keyed = rows.map((row, i) => ({ row, i, v: lookup(row.object, steps) }));
  keyed.sort((x, y) => {
    const xm = x.v === undefined || x.v === null;
    const ym = y.v === undefined || y.v === null;
    if (xm || ym) return xm && ym ? x.i - y.i : xm ? -1 : 1;
    if (isLess(x.v, y.v)) return -1;
    if (isLess(y.v, x.v)) return 1;
    return x.i - y.i;
  });
  return keyed.map((k) => k.row);
}

// ---- layout ----

interface Decorated {
  columns: TableColumnDefinition[];
  rows: unknown[][];
}

/** decorateTable: NAMESPACE first, then the server columns, -L columns, LABELS last. */
function decorate(table: Table, rows: TableRow[], opts: PrintOptions): Decorated {
  const labelKeys = opts.labelColumns ?? [];
  const base = table.columnDefinitions;
  let width = base.length + labelKeys.length;
  if (opts.withNamespace) width++;
  if (opts.showLabels) width++;

  let nameColumn = -1;
  if (opts.withKind) {
    for (let i = 0; i < base.length; i++) {
      if (base[i].format === 'name' && base[i].type === 'string') {
        nameColumn = i;
        break;
      }
    }
  }

  let columns = base;
  if (width !== base.length) {
    columns = [];
    if (opts.withNamespace) columns.push({ name: 'Namespace', type: 'string', format: '', description: '', priority: 0 });
    columns.push(...base);
    for (const key of labelKeys) columns.push({ name: labelHeader(key), type: 'string', format: '', description: '', priority: 0 });
    if (opts.showLabels) columns.push({ name: 'Labels', type: 'string', format: '', description: '', priority: 0 });
  }

  const includeLabels = labelKeys.length > 0 || !!opts.showLabels;
  const decorateRows = includeLabels || !!opts.withNamespace || nameColumn !== -1;
  const out: unknown[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!decorateRows) {
      out[r] = row.cells;
      continue;
    }
    let cells = row.cells.slice();
    if (nameColumn !== -1) cells[nameColumn] = `${opts.withKind}/${goSprint(cells[nameColumn])}`;
    const m = metaOf(row);
    if (!m) {
      // No metadata to read: fill the added columns with empty cells (kubectl's loop adds
      // fewer than needed when several are missing; reproduced as is).
      if (opts.withNamespace) cells = [null, ...cells];
      for (let j = 0; j < width - cells.length; j++) cells.push(null);
      out[r] = cells;
      continue;
    }
    if (opts.withNamespace) cells = [m.namespace ?? '', ...cells];
    if (includeLabels) {
      const labels = m.labels ?? {};
      for (const key of labelKeys) cells.push(labels[key] ?? '');
      if (opts.showLabels) cells.push(formatLabels(m.labels));
    }
    out[r] = cells;
  }
  return { columns, rows: out };
}

function tableLines(table: Table, opts: PrintOptions): { lines: string[][]; widths: number[][] } {
  let rows = table.rows;
  if (opts.sortBy && rows.length > 1) rows = sortRows(rows, opts.sortBy);
  const { columns, rows: cellRows } = decorate(table, rows, opts);
  const wide = !!opts.wide;
  const lines: string[][] = [];
  const widths: number[][] = [];
  if (!opts.noHeaders) {
    // kubectl prints nothing (not even headers) for an empty table
    if (cellRows.length === 0) return { lines, widths };
    const header: string[] = [];
    const hw: number[] = [];
    for (const c of columns) if (wide || c.priority === 0) pushCell(header, hw, c.name.toUpperCase());
    lines.push(header);
    widths.push(hw);
  }
  const n = columns.length;
  const visible: boolean[] = columns.map((c) => wide || c.priority === 0);
  for (const cells of cellRows) {
    const line: string[] = [];
    const lw: number[] = [];
    const limit = Math.min(cells.length, n);
    for (let i = 0; i < limit; i++) {
      if (!visible[i]) continue;
      const cell = cells[i];
      if (cell === null || cell === undefined) {
        line.push('');
        lw.push(0);
      } else pushCell(line, lw, typeof cell === 'string' ? cell : goSprint(cell));
    }
    lines.push(line);
    widths.push(lw);
  }
  return { lines, widths };
}

/** What `kubectl get` prints for one Table (with a fresh tabwriter). */
export function printTable(table: Table, opts: PrintOptions): string {
  const { lines, widths } = tableLines(table, opts);
  return new TabWriter().format(lines, widths);
}

/**
 * Several resource types in one `kubectl get` (`get all`, `get rc,pods`): one tabwriter, widths
 * reset per type, and a blank line before each new type that has headers once output was written.
 */
export function printTables(parts: Array<{ table: Table; opts: PrintOptions }>): string {
  const tw = new TabWriter();
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const { table, opts } = parts[i];
    tw.resetWidths();
    const { lines, widths } = tableLines(table, opts);
    const text = tw.format(lines, widths);
    if (i > 0 && !opts.noHeaders && out.length > 0 && text.length > 0) out += '\n';
    out += text;
  }
  return out;
}
