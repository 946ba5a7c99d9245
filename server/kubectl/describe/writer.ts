/** describe's PrefixWriter levels (two spaces each) and tabbedString's alignment. */
import { DESCRIBE_TABS, tabwrite } from '../printers/tabwriter.js';

export class PrefixWriter {
  private buf = '';
  write(level: number, text: string): void {
    this.buf += '  '.repeat(level) + text;
  }
  /** printLabelsMultiline: `<none>`, or one `k=v` a line, sorted, aligned under the first. */
  labels(title: string, m: Record<string, string> | undefined, skip: string[] = []): void {
    const keys = Object.keys(m ?? {}).filter((k) => !skip.includes(k)).sort();
    this.write(0, `${title}:\t`);
    if (keys.length === 0) {
      this.buf += '<none>\n';
      return;
    }
    keys.forEach((k, i) => {
      if (i > 0) this.write(0, '\t');
      this.buf += `${k}=${m![k]}\n`;
    });
  }
  toString(): string {
    return tabwrite(this.buf, DESCRIBE_TABS);
  }
}

/** metav1.Time printed with %s: `2025-02-04 05:42:30 +0000 UTC`. */
export function goTime(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  return `${new Date(ts).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')} +0000 UTC`;
}
