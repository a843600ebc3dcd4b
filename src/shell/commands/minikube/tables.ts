// minikube's ASCII tables (olekukonko/tablewriter v0.0.5 as minikube v1.35 configures it):
// `|---|` borders, centred headers, left-aligned cells, numbers right-aligned.
// Models minikube cmd/minikube/cmd/config/addons_list.go, profile_list.go, service.go tables.
// Leaves out: tablewriter's automatic wrapping of long cells (pre-wrapped rows are passed in).

/** Display width (✅ is two columns wide). */
const width = (s: string) => [...s].length + (s.includes('✅') ? 1 : 0);
/**
 * The width a cell claims for its column: minikube's "enabled ✅" makes the STATUS column 12
 * wide although it displays in 10 (seen in every `minikube addons list`).
 */
const claimed = (s: string) => width(s) + (s.includes('✅') ? 2 : 0);

function pad(s: string, w: number, align: 'left' | 'right' | 'center'): string {
  const n = w - width(s);
  if (n <= 0) return s;
  if (align === 'right') return ' '.repeat(n) + s;
  if (align === 'center') {
    const l = Math.floor(n / 2);
    return ' '.repeat(l) + s + ' '.repeat(n - l);
  }
  return s + ' '.repeat(n);
}

const numeric = (s: string) => /^-?\d+(\.\d+)?$/.test(s.trim());

/** Renders a table; `rows` cells that are numbers are right-aligned, as tablewriter does. */
export function renderTable(headers: string[], rows: string[][]): string {
  const w = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => claimed(r[i] ?? ''))));
  const sep = '|' + w.map((n) => '-'.repeat(n + 2)).join('|') + '|\n';
  const line = (cells: string[], header: boolean) =>
    '|' + cells.map((c, i) => ` ${pad(c, w[i], header ? 'center' : numeric(c) ? 'right' : 'left')} `).join('|') + '|\n';
  let out = sep + line(headers, true) + sep;
  for (const r of rows) out += line(r, false);
  return out + sep;
}
