/**
 * Go's text/tabwriter for the cases kubectl uses: cells separated by tabs, each column as wide
 * as its widest cell plus padding (at least minWidth), the last cell of a line unpadded.
 * Columns are aligned over runs of consecutive lines that have that column, as Go does.
 */
export interface TabOptions {
  minWidth: number;
  padding: number;
}

/** printers.GetNewTabWriter: minwidth 6, padding 3. */
export const TABLE_TABS: TabOptions = { minWidth: 6, padding: 3 };
/** describe's tabbedString: minwidth 0, padding 2. */
export const DESCRIBE_TABS: TabOptions = { minWidth: 0, padding: 2 };

// Code points, as Go counts runes; ASCII (nearly every cell) is just its length.
const width = (s: string) => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return [...s].length;
  return s.length;
};

const SPACES = ' '.repeat(256);
const pad = (n: number) => (n <= 256 ? SPACES.slice(0, n) : ' '.repeat(n));

export function tabwrite(text: string, opts: TabOptions): string {
  return tabwriteRows(text.split('\n').map((l) => l.split('\t')), opts);
}

/** The same, from cells already split (a table of thousands of rows need not be joined and split again). */
export function tabwriteRows(cells: readonly (readonly string[])[], opts: TabOptions): string {
  const lines = cells;
  const out: string[] = new Array(lines.length);
  // Column by column: a block is a run of lines that have a cell terminated by a tab in this column.
  const widths: number[][] = cells.map(() => []);
  const walk = (col: number, from: number, to: number) => {
    let i = from;
    while (i < to) {
      if (cells[i]!.length - 1 <= col) {
        i++;
        continue;
      }
      let j = i;
      let w = 0;
      while (j < to && cells[j]!.length - 1 > col) {
        w = Math.max(w, width(cells[j]![col]!) + opts.padding);
        j++;
      }
      w = Math.max(w, opts.minWidth);
      for (let k = i; k < j; k++) widths[k]![col] = w;
      walk(col + 1, i, j);
      i = j;
    }
  };
  walk(0, 0, lines.length);
  for (let i = 0; i < lines.length; i++) {
    const row = cells[i]!;
    let s = '';
    const w = widths[i]!;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c]!;
      if (c < row.length - 1) s += cell + pad(Math.max(0, (w[c] ?? 0) - width(cell)));
      else s += cell;
    }
    out[i] = s;
  }
  return out.join('\n');
}
