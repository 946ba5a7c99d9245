/**
 * A real terminal emulator (xterm.js's headless build, the one the browser runs) that reads what
 * the server writes, so terminal tests can assert what a learner sees — rows and the cursor —
 * instead of the escape sequences that draw them.
 */
import xterm from '@xterm/headless';

export interface Screen {
  write(data: string): Promise<void>;
  /** The visible rows, trailing spaces trimmed, trailing empty rows dropped. */
  rows(): string[];
  cursor(): { x: number; y: number };
}

export function screen(cols: number, rows = 24): Screen {
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true });
  return {
    write: (data) => new Promise((resolve) => term.write(data, resolve)),
    rows() {
      const b = term.buffer.active;
      const out: string[] = [];
      for (let y = 0; y < rows; y++) out.push(b.getLine(b.viewportY + y)?.translateToString(true) ?? '');
      while (out.length && out[out.length - 1] === '') out.pop();
      return out;
    },
    cursor() {
      const b = term.buffer.active;
      return { x: b.cursorX, y: b.cursorY };
    },
  };
}
