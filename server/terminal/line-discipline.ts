/**
 * The terminal's line discipline, server side, as a pty and readline would do it: it takes the
 * raw input xterm.js sends (keys, escape sequences, bracketed paste), echoes and edits the line,
 * keeps history, and hands complete commands to the executor. Pure: no sockets, no timers.
 */
import type { CommandEffect } from '../shell/index.js';

export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  effects: CommandEffect[];
  /** stdout and stderr interleaved as produced; when absent, stdout then stderr. */
  output?: { stream: 'stdout' | 'stderr'; text: string }[];
}

/** What the discipline needs from the lab behind it. */
export interface LineExecutor {
  promptDir(): string;
  /** The host the prompt names (default controlplane); the learner may ssh to a node. */
  promptHost?(): string;
  /** Ctrl-D on an empty line: leaving an ssh session prints this; undefined at the lab's own host. */
  endOfInput?(): ExecOutcome | undefined;
  needsMore(text: string): boolean;
  execute(text: string, columns: number): ExecOutcome;
  complete(line: string, cursor: number): { from: number; candidates: string[] };
  history(): readonly string[];
  /** Ctrl-C discarded the line: the shell's `$?` becomes 130. */
  interrupted?(): void;
}

export type DisciplineEvent = { type: 'output'; data: string } | { type: 'effect'; effect: CommandEffect };

const MAX_LINE = 64 * 1024;

/** Display width: CJK and other wide characters take two cells. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 32) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}
const width = (s: string) => [...s].reduce((n, c) => n + charWidth(c), 0);

export class LineDiscipline {
  private line: string[] = [];
  private cursor = 0;
  private pending: string[] = [];
  private lastExit = 0;
  private histIndex = -1;
  private saved = '';
  private search: { query: string; match: string } | undefined;
  private lastTab = false;
  private pasting = false;
  private escBuf = '';
  columns = 80;

  constructor(private readonly exec: LineExecutor) {}

  prompt(): string {
    if (this.pending.length) return '> ';
    return `${this.exec.promptHost?.() ?? 'controlplane'} ${this.exec.promptDir()} ${this.lastExit === 0 ? '➜' : '✖'}  `;
  }

  /**
   * The prompt printed after a command, as the seed lab's PS1 prints it: an empty line first
   * (its PS1 starts with a newline: the transcript shows a blank line between a command's output
   * and the next prompt). Redraws and the `> ` continuation prompt have no such line.
   */
  private nextPrompt(): string {
    return this.pending.length ? this.prompt() : `\r\n${this.prompt()}`;
  }

  /** The editor closed: what the command printed then (kubectl edit), and a fresh prompt. */
  afterEditor(r?: { stdout: string; stderr: string; exitCode: number }): DisciplineEvent[] {
    if (r) this.lastExit = r.exitCode;
    const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
    const text = r ? crlf(r.stdout) + crlf(r.stderr) : '';
    return [...(text ? [this.write(text)] : []), this.write(this.nextPrompt())];
  }

  /** The first prompt, when a terminal attaches. */
  start(): DisciplineEvent[] {
    return [{ type: 'output', data: this.prompt() }];
  }

  feed(input: string): DisciplineEvent[] {
    const out: DisciplineEvent[] = [];
    let data = this.escBuf + input;
    this.escBuf = '';
    let i = 0;
    while (i < data.length) {
      if (data.startsWith('\x1b[200~', i)) {
        this.pasting = true;
        i += 6;
        continue;
      }
      if (data.startsWith('\x1b[201~', i)) {
        this.pasting = false;
        i += 6;
        continue;
      }
      const ch = data[i]!;
      if (ch === '\x1b') {
        const m = data.slice(i).match(/^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|[bfd]|\x7f)?/);
        if (!m || !m[1]) {
          if (i + 1 >= data.length || (data[i + 1] === '[' && !/[A-Za-z~]/.test(data.slice(i + 2)))) {
            this.escBuf = data.slice(i);
            break;
          }
          i++;
          continue;
        }
        out.push(...this.key(m[0]));
        i += m[0].length;
        continue;
      }
      if (this.pasting && (ch === '\r' || ch === '\n')) {
        out.push(...this.enter());
        i += ch === '\r' && data[i + 1] === '\n' ? 2 : 1;
        continue;
      }
      const cp = data.codePointAt(i)!;
      const s = String.fromCodePoint(cp);
      out.push(...this.key(s));
      i += s.length;
    }
    return out;
  }

  private write(s: string): DisciplineEvent {
    return { type: 'output', data: s };
  }

  /** Redraws from the prompt: carriage return, move up over wrapped rows, prompt and line, clear the rest. */
  private redraw(): DisciplineEvent {
    const p = this.prompt();
    const before = width(p) + width(this.line.slice(0, this.cursor).join(''));
    const total = width(p) + width(this.line.join(''));
    const rowsUp = Math.floor(Math.max(0, this.drawnCursor) / this.columns);
    let s = `${rowsUp > 0 ? `\x1b[${rowsUp}A` : ''}\r\x1b[J${p}${this.line.join('')}`;
    // Put the cursor back where it belongs.
    const endRow = Math.floor(total / this.columns);
    const curRow = Math.floor(before / this.columns);
    if (total % this.columns === 0 && total > 0) s += ' \r';
    if (endRow > curRow) s += `\x1b[${endRow - curRow}A`;
    s += '\r';
    const col = before % this.columns;
    if (col > 0) s += `\x1b[${col}C`;
    this.drawnCursor = before;
    return this.write(s);
  }
  private drawnCursor = 0;

  private setLine(text: string): DisciplineEvent {
    this.line = [...text];
    this.cursor = this.line.length;
    return this.redraw();
  }

  private key(k: string): DisciplineEvent[] {
    const tab = k === '\t';
    const wasTab = this.lastTab;
    this.lastTab = tab;
    if (this.search) return this.searchKey(k);
    switch (k) {
      case '\r':
      case '\n':
        return this.enter();
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return [];
        this.line.splice(this.cursor - 1, 1);
        this.cursor--;
        return [this.redraw()];
      case '\x1b[3~':
      case '\x04':
        if (k === '\x04' && this.line.length === 0 && this.pending.length === 0) {
          const left = this.exec.endOfInput?.();
          if (left) {
            this.lastExit = left.exitCode;
            this.drawnCursor = 0;
            return [this.write(`${left.stdout}${left.stderr}`.replace(/\r?\n/g, '\r\n')), this.write(this.nextPrompt())];
          }
          return [this.write('exit\r\nThe lab stays open: close the tab to leave it.\r\n'), this.write(this.nextPrompt())].map((e) => {
            this.drawnCursor = 0;
            return e;
          });
        }
        if (this.cursor >= this.line.length) return [];
        this.line.splice(this.cursor, 1);
        return [this.redraw()];
      case '\x1b[D':
      case '\x1bOD':
      case '\x02':
        if (this.cursor > 0) this.cursor--;
        return [this.redraw()];
      case '\x1b[C':
      case '\x1bOC':
      case '\x06':
        if (this.cursor < this.line.length) this.cursor++;
        return [this.redraw()];
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        this.cursor = 0;
        return [this.redraw()];
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        this.cursor = this.line.length;
        return [this.redraw()];
      case '\x15':
        this.line.splice(0, this.cursor);
        this.cursor = 0;
        return [this.redraw()];
      case '\x0b':
        this.line.splice(this.cursor);
        return [this.redraw()];
      case '\x17': {
        let j = this.cursor;
        while (j > 0 && this.line[j - 1] === ' ') j--;
        while (j > 0 && this.line[j - 1] !== ' ') j--;
        this.line.splice(j, this.cursor - j);
        this.cursor = j;
        return [this.redraw()];
      }
      case '\x03':
        this.line = [];
        this.cursor = 0;
        this.pending = [];
        this.histIndex = -1;
        this.lastExit = 130;
        this.exec.interrupted?.();
        this.drawnCursor = 0;
        return [this.write(`^C\r\n${this.nextPrompt()}`)];
      case '\x0c':
        this.drawnCursor = 0;
        return [{ type: 'effect', effect: { type: 'clear' } }, this.write(`\x1b[H\x1b[2J`), this.redraw()];
      case '\x1b[A':
      case '\x1bOA':
      case '\x10':
        return this.history(-1);
      case '\x1b[B':
      case '\x1bOB':
      case '\x0e':
        return this.history(1);
      case '\x12':
        this.search = { query: '', match: '' };
        return [this.searchDraw()];
      case '\t':
        return this.tab(wasTab);
      default:
        if (k.startsWith('\x1b') || k < ' ') return [];
        if (this.line.length >= MAX_LINE) return [this.write('\x07')];
        this.line.splice(this.cursor, 0, k);
        this.cursor++;
        if (this.cursor === this.line.length && !this.wrapsAt(k)) {
          this.drawnCursor += charWidth(k);
          return [this.write(k)];
        }
        return [this.redraw()];
    }
  }

  private wrapsAt(k: string): boolean {
    const total = width(this.prompt()) + width(this.line.join(''));
    return total % this.columns === 0 || total % this.columns < charWidth(k);
  }

  private history(dir: -1 | 1): DisciplineEvent[] {
    const h = this.exec.history();
    if (h.length === 0) return [];
    if (this.histIndex === -1) {
      if (dir === 1) return [];
      this.saved = this.line.join('');
      this.histIndex = h.length;
    }
    const next = this.histIndex + dir;
    if (next < 0) return [];
    if (next >= h.length) {
      this.histIndex = -1;
      return [this.setLine(this.saved)];
    }
    this.histIndex = next;
    return [this.setLine(h[next]!)];
  }

  private searchDraw(): DisciplineEvent {
    const s = this.search!;
    this.drawnCursor = 0;
    return this.write(`\r\x1b[J(reverse-i-search)\`${s.query}': ${s.match}`);
  }

  private searchKey(k: string): DisciplineEvent[] {
    const s = this.search!;
    if (k === '\x7f') s.query = s.query.slice(0, -1);
    else if (k === '\x12') {
      const h = this.exec.history();
      const idx = h.lastIndexOf(s.match);
      const older = [...h.slice(0, idx)].reverse().find((x) => x.includes(s.query));
      if (older) s.match = older;
      return [this.searchDraw()];
    } else if (k === '\x03' || k === '\x07') {
      this.search = undefined;
      return [this.setLine('')];
    } else if (k.length === 1 && k >= ' ') s.query += k;
    else {
      // Enter or any editing key accepts the match, as readline does.
      this.search = undefined;
      this.line = [...s.match];
      this.cursor = this.line.length;
      this.drawnCursor = 0;
      const accept = this.write(`\r\x1b[J${this.prompt()}${s.match}`);
      this.drawnCursor = width(this.prompt()) + width(s.match);
      if (k === '\r') return [accept, ...this.enter()];
      return [accept];
    }
    s.match = [...this.exec.history()].reverse().find((x) => x.includes(s.query)) ?? '';
    return [this.searchDraw()];
  }

  private tab(second: boolean): DisciplineEvent[] {
    const text = this.line.join('');
    const { from, candidates } = this.exec.complete(text, this.cursor);
    if (candidates.length === 0) return [this.write('\x07')];
    const current = [...text.slice(0, this.cursor)].slice(from).join('');
    const prefix = candidates.reduce((a, b) => {
      let n = 0;
      while (n < a.length && a[n] === b[n]) n++;
      return a.slice(0, n);
    });
    if (candidates.length === 1) {
      const done = candidates[0]!;
      const insert = done.slice(current.length) + (done.endsWith('/') ? '' : ' ');
      this.line.splice(this.cursor, 0, ...insert);
      this.cursor += [...insert].length;
      return [this.redraw()];
    }
    if (prefix.length > current.length) {
      const insert = prefix.slice(current.length);
      this.line.splice(this.cursor, 0, ...insert);
      this.cursor += [...insert].length;
      return [this.redraw()];
    }
    if (!second) return [this.write('\x07')];
    this.drawnCursor = 0;
    return [this.write(`\r\n${candidates.join('  ')}\r\n`), this.redraw()];
  }

  private enter(): DisciplineEvent[] {
    const text = this.line.join('');
    this.line = [];
    this.cursor = 0;
    this.histIndex = -1;
    this.drawnCursor = 0;
    const out: DisciplineEvent[] = [this.write('\r\n')];
    this.pending.push(text);
    const all = this.pending.join('\n');
    if (this.exec.needsMore(all)) {
      out.push(this.write(this.prompt()));
      return out;
    }
    this.pending = [];
    if (all.trim() === '') {
      out.push(this.write(this.nextPrompt()));
      return out;
    }
    const r = this.exec.execute(all, this.columns);
    this.lastExit = r.exitCode;
    const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
    for (const e of r.effects) out.push({ type: 'effect', effect: e });
    if (r.effects.some((e) => e.type === 'clear')) out.push(this.write('\x1b[H\x1b[2J'));
    out.push(this.write(r.output ? r.output.map((c) => crlf(c.text)).join('') : crlf(r.stdout) + crlf(r.stderr)));
    out.push(this.write(this.nextPrompt()));
    return out;
  }
}
