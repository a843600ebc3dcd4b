// Go text/tabwriter (liggitt/tabwriter fork) as kubectl configures it: minwidth 6, tabwidth 4,
// padding 3, padchar ' ', RememberWidths. Cells are tab-terminated: the last cell of a line is
// not part of a column and is never padded; column widths are computed per block of adjacent
// lines that have that column; widths count runes, not bytes or display width.
// Models staging/src/k8s.io/cli-runtime/pkg/printers/tabwriter.go and Go's text/tabwriter format().
// Leaves out AlignRight, DiscardEmptyColumns, Debug and escaped (0xff) text.

export const TABWRITER_MIN_WIDTH = 6;
export const TABWRITER_PADDING = 3;

/** utf8.RuneCountInString for a JS string (surrogate pairs count once). */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

const spaceCache: string[] = [];
function spaces(n: number): string {
  if (n <= 0) return '';
  if (n < 256) {
    let s = spaceCache[n];
    if (s === undefined) {
      s = ' '.repeat(n);
      spaceCache[n] = s;
    }
    return s;
  }
  return ' '.repeat(n);
}

/**
 * A tabwriter over whole lines. Each line is its list of cells (a line with n tabs has n+1
 * cells). `remembered` keeps the widest width seen per column across flushes (RememberWidths);
 * reset it with `resetWidths()` as kubectl does between resource types.
 */
export class TabWriter {
  private remembered: number[] = [];

  constructor(
    private readonly minwidth = TABWRITER_MIN_WIDTH,
    private readonly padding = TABWRITER_PADDING,
  ) {}

  resetWidths(): void {
    this.remembered = [];
  }

  /**
   * Formats the lines (one flush) and returns the text, each line terminated by '\n'.
   * `cellWidths` (rune counts per cell) may be passed when the caller already knows them.
   */
  format(lines: string[][], cellWidths?: number[][]): string {
    let widthsOfCells = cellWidths;
    if (!widthsOfCells) {
      widthsOfCells = new Array(lines.length);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const ws = new Array<number>(line.length);
        for (let j = 0; j < line.length; j++) ws[j] = runeCount(line[j]);
        widthsOfCells[i] = ws;
      }
    }
    const out: string[] = [];
    const cw = widthsOfCells;
    // A line with a single cell forces a flush in Go (it cannot affect later columns):
    // format each run between such lines separately, remembering widths across runs.
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].length <= 1) {
        this.formatBlock(lines, cw, start, i + 1, [], out);
        start = i + 1;
      }
    }
    if (start < lines.length) this.formatBlock(lines, cw, start, lines.length, [], out);
    return out.join('');
  }

  private formatBlock(lines: string[][], cellWidths: number[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      // A cell exists in this column: print the lines before the block, then size the block.
      this.writeLines(lines, cellWidths, line0, cur, widths, out);
      line0 = cur;
      let width = this.minwidth;
      for (; cur < line1; cur++) {
        if (column >= lines[cur].length - 1) break;
        const w = cellWidths[cur][column] + this.padding;
        if (w > width) width = w;
      }
      // RememberWidths: never narrower than a width already used for this column.
      const r = this.remembered;
      if (r.length < widths.length) for (let k = r.length; k < widths.length; k++) r.push(widths[k]);
      if (r.length === widths.length) r.push(width);
      else if (r[column] > width) width = r[column];
      else if (r[column] < width) r[column] = width;

      widths.push(width);
      this.formatBlock(lines, cellWidths, line0, cur, widths, out);
      widths.pop();
      line0 = cur;
    }
    this.writeLines(lines, cellWidths, line0, line1, widths, out);
  }

  private writeLines(lines: string[][], cellWidths: number[][], line0: number, line1: number, widths: number[], out: string[]): void {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      const ws = cellWidths[i];
      let s = '';
      for (let j = 0; j < line.length; j++) {
        s += line[j];
        if (j < widths.length) s += spaces(widths[j] - ws[j]);
      }
      out.push(s + '\n');
    }
  }
}

/** One-shot formatting with a fresh writer. */
export function formatTabbed(lines: string[][]): string {
  return new TabWriter().format(lines);
}
