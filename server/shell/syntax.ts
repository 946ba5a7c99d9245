/**
 * bash's grammar, lexed and parsed into a tree: simple commands with assignments and
 * redirections, pipelines, `&&`/`||` lists, compound commands (`if`, `for`, `for ((;;))`,
 * `while`, `until`, `case`, `{ }`, `( )`, `(( ))`, `[[ ]]`) and function definitions.
 * Words stay as their source text; the interpreter expands them (quotes, `$`, globs) when it
 * runs them, as bash does. An unfinished construct is `incomplete`, so the terminal asks for
 * more with `> `; a wrong one is bash's own `syntax error near unexpected token`.
 */

/** A word as written (quotes and all); expanded at run time. */
export type Word = string;

export interface Redirect {
  /** The file descriptor written before the operator (`2>`), if any. */
  fd: number | null;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<<<' | '>|' | '<>' | '<<';
  target: Word;
  heredoc?: Heredoc;
}

export interface Heredoc {
  body: string;
  expand: boolean;
}

interface Base {
  redirects: Redirect[];
  line: number;
}

export type Command =
  | (Base & { t: 'simple'; assigns: Word[]; words: Word[] })
  | (Base & { t: 'if'; clauses: { cond: List; body: List }[]; otherwise?: List })
  | (Base & { t: 'for'; name: string; words: Word[] | null; body: List })
  | (Base & { t: 'cfor'; init: string; cond: string; step: string; body: List })
  | (Base & { t: 'while'; until: boolean; cond: List; body: List })
  | (Base & { t: 'case'; word: Word; items: { patterns: Word[]; body: List; term: ';;' | ';&' | ';;&' }[] })
  | (Base & { t: 'group'; body: List })
  | (Base & { t: 'subshell'; body: List })
  | (Base & { t: 'func'; name: string; body: Command; src: string })
  | (Base & { t: 'arith'; expr: string })
  | (Base & { t: 'cond'; tokens: CondToken[] });

/** A `[[ ]]` token: an operator (`&&`, `||`, `!`, `(`, `)`, `<`, `>`) or a word. */
export type CondToken = { op: string } | { word: Word; regex?: boolean };

export interface Pipeline {
  bang: boolean;
  cmds: Command[];
  /** `|&` after each stage but the last: its stderr goes down the pipe too. */
  errToPipe: boolean[];
}
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}
export type List = AndOr[];

export type ParseResult = { kind: 'ok'; list: List } | { kind: 'incomplete'; message: string } | { kind: 'error'; message: string; line: number };

export const MAX_INPUT = 1024 * 1024;
const MAX_NESTING = 100;

type Tok =
  | { k: 'word'; w: string; start: number; end: number; line: number }
  | { k: 'op'; op: string; fd: number | null; start: number; end: number; line: number; heredoc?: Heredoc & { delim?: string; strip?: boolean } }
  | { k: 'arith'; expr: string; start: number; end: number; line: number }
  | { k: 'nl'; start: number; end: number; line: number }
  | { k: 'eof'; start: number; end: number; line: number };

class Incomplete {
  constructor(readonly message: string) {}
}
class SyntaxError {
  constructor(
    readonly message: string,
    readonly line: number,
  ) {}
}

const OPS = [';;&', ';;', ';&', '&&', '||', '|&', '&>>', '&>', '>>', '>&', '>|', '<<<', '<<-', '<<', '<&', '<>', '>', '<', '|', ';', '&', '(', ')'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const KEEPS_COMMAND_START = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '{', '!', 'time', '}', 'fi', 'done']);
export const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', 'function', '{', '}', '!', '[[', ']]', 'select', 'time']);

/** Index just past the construct opened at `i` (a quote, `$(`, `${`, backtick), or Incomplete. */
function skipQuoted(src: string, i: number, depth = 0): number {
  if (depth > MAX_NESTING) throw new SyntaxError('maximum nesting exceeded', 1);
  const c = src[i]!;
  if (c === "'") {
    const j = src.indexOf("'", i + 1);
    if (j < 0) throw new Incomplete("unexpected EOF while looking for matching `''");
    return j + 1;
  }
  if (c === '`') {
    for (let j = i + 1; j < src.length; j++) {
      if (src[j] === '\\') j++;
      else if (src[j] === '`') return j + 1;
    }
    throw new Incomplete('unexpected EOF while looking for matching ``\'');
  }
  if (c === '"') {
    for (let j = i + 1; j < src.length; ) {
      const d = src[j]!;
      if (d === '\\') j += 2;
      else if (d === '"') return j + 1;
      else if (d === '$' && (src[j + 1] === '(' || src[j + 1] === '{')) j = skipQuoted(src, j, depth + 1);
      else if (d === '`') j = skipQuoted(src, j, depth + 1);
      else j++;
    }
    throw new Incomplete('unexpected EOF while looking for matching `"\'');
  }
  if (c === '$' && src[i + 1] === "'") {
    for (let j = i + 2; j < src.length; j++) {
      if (src[j] === '\\') j++;
      else if (src[j] === "'") return j + 1;
    }
    throw new Incomplete("unexpected EOF while looking for matching `''");
  }
  if (c === '$' && src[i + 1] === '{') {
    for (let j = i + 2; j < src.length; ) {
      const d = src[j]!;
      if (d === '}') return j + 1;
      if (d === '\\') j += 2;
      else if (d === "'" || d === '"' || d === '`' || (d === '$' && (src[j + 1] === '(' || src[j + 1] === '{'))) j = skipQuoted(src, j, depth + 1);
      else j++;
    }
    throw new Incomplete("unexpected EOF while looking for matching `}'");
  }
  // $( ... ), $(( ... )), <( ... ), >( ... ), NAME=( ... ): balanced parentheses.
  const open = src.indexOf('(', i);
  let d = 0;
  for (let j = open; j < src.length; ) {
    const ch = src[j]!;
    if (ch === '(') {
      d++;
      j++;
    } else if (ch === ')') {
      d--;
      j++;
      if (d === 0) return j;
    } else if (ch === '\\') j += 2;
    else if (ch === "'" || ch === '"' || ch === '`' || (ch === '$' && (src[j + 1] === '{' || src[j + 1] === "'"))) j = skipQuoted(src, j, depth + 1);
    else if (ch === '#' && (j === 0 || /[\s;(]/.test(src[j - 1]!))) {
      while (j < src.length && src[j] !== '\n') j++;
    } else j++;
  }
  throw new Incomplete("unexpected EOF while looking for matching `)'");
}

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  const pending: (Heredoc & { delim?: string; strip?: boolean })[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  let cmdStart = true;
  let cond = false;
  let regexNext = false;
  let wantHeredocWord: (Heredoc & { delim?: string; strip?: boolean }) | undefined;
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '\\' && i + 1 === n) throw new Incomplete('syntax error: unexpected end of file');
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ k: 'nl', start: i, end: i + 1, line });
      i++;
      line++;
      cmdStart = true;
      for (const h of pending.splice(0)) {
        const lines: string[] = [];
        for (;;) {
          if (i >= n) throw new Incomplete(`here-document delimited by end-of-file (wanted \`${h.delim}')`);
          const end = src.indexOf('\n', i);
          const raw = end < 0 ? src.slice(i) : src.slice(i, end);
          const cmp = h.strip ? raw.replace(/^\t+/, '') : raw;
          if (end < 0 && cmp !== h.delim) throw new Incomplete(`here-document delimited by end-of-file (wanted \`${h.delim}')`);
          i = end < 0 ? n : end + 1;
          line++;
          if (cmp === h.delim) break;
          lines.push(cmp);
        }
        h.body = lines.length ? `${lines.join('\n')}\n` : '';
      }
      continue;
    }
    if (cmdStart && !cond && c === '(' && src[i + 1] === '(') {
      // (( arithmetic )): up to the matching `))`.
      let d = 0;
      let j = i;
      for (; j < n; j++) {
        if (src[j] === '(') d++;
        else if (src[j] === ')') {
          d--;
          if (d === 0) break;
        }
      }
      if (j >= n) throw new Incomplete("unexpected EOF while looking for matching `)'");
      if (src[j - 1] === ')' && d === 0) {
        toks.push({ k: 'arith', expr: src.slice(i + 2, j - 1), start: i, end: j + 1, line });
        i = j + 1;
        cmdStart = false;
        continue;
      }
    }
    const procSub = (c === '<' || c === '>') && src[i + 1] === '(';
    const op = META.has(c) && !procSub ? OPS.find((o) => src.startsWith(o, i)) : undefined;
    if (op && !(cond && regexNext)) {
      const tok: Tok = { k: 'op', op, fd: null, start: i, end: i + op.length, line };
      i += op.length;
      if (op === '<<' || op === '<<-') {
        const h = { body: '', expand: true, strip: op === '<<-' };
        tok.heredoc = h;
        wantHeredocWord = h;
      }
      toks.push(tok);
      cmdStart = !['>', '>>', '<', '>&', '<&', '&>', '&>>', '<<<', '>|', '<>', '<<', '<<-', ')'].includes(op);
      continue;
    }
    // A word.
    const start = i;
    if (cond && regexNext) {
      let d = 0;
      while (i < n) {
        const ch = src[i]!;
        if ((ch === ' ' || ch === '\t' || ch === '\n') && d === 0) break;
        if (ch === '\\') i += 2;
        else if (ch === "'" || ch === '"' || (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{'))) i = skipQuoted(src, i);
        else {
          if (ch === '(') d++;
          else if (ch === ')') {
            if (d === 0) break;
            d--;
          }
          i++;
        }
      }
      regexNext = false;
      toks.push({ k: 'word', w: src.slice(start, i), start, end: i, line });
      continue;
    }
    while (i < n) {
      const ch = src[i]!;
      if ((ch === '<' || ch === '>') && src[i + 1] === '(' && i === start) {
        i = skipQuoted(src, i);
        continue;
      }
      if (META.has(ch)) {
        if (ch === '(' && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=$/.test(src.slice(start, i))) {
          i = skipQuoted(src, i);
          continue;
        }
        if (ch === '(' && /^[@?*+!]$/.test(src[i - 1] ?? '') && i > start) {
          i = skipQuoted(src, i);
          continue;
        }
        break;
      }
      if (ch === '\\') {
        if (src[i + 1] === '\n') line++;
        i += 2;
      } else if (ch === "'" || ch === '"' || ch === '`' || (ch === '$' && (src[i + 1] === '(' || src[i + 1] === '{' || src[i + 1] === "'"))) {
        const from = i;
        i = skipQuoted(src, i);
        for (let k = from; k < i; k++) if (src[k] === '\n') line++;
      } else i++;
    }
    if (i > n) i = n;
    const w = src.slice(start, i);
    if (/^\d+$/.test(w) && (src[i] === '<' || src[i] === '>')) {
      const o = OPS.find((x) => src.startsWith(x, i))!;
      const tok: Tok = { k: 'op', op: o, fd: Number(w), start, end: i + o.length, line };
      i += o.length;
      if (o === '<<' || o === '<<-') {
        const h = { body: '', expand: true, strip: o === '<<-' };
        tok.heredoc = h;
        wantHeredocWord = h;
      }
      toks.push(tok);
      cmdStart = false;
      continue;
    }
    if (wantHeredocWord) {
      wantHeredocWord.delim = w.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
      wantHeredocWord.expand = !/['"\\]/.test(w);
      pending.push(wantHeredocWord);
      wantHeredocWord = undefined;
    }
    toks.push({ k: 'word', w, start, end: i, line });
    const wasStart = cmdStart;
    if (wasStart && w === '[[') cond = true;
    else if (cond && w === ']]') cond = false;
    else if (cond && w === '=~') regexNext = true;
    cmdStart = wasStart && (KEEPS_COMMAND_START.has(w) || w === 'for');
  }
  if (wantHeredocWord) throw new SyntaxError("syntax error near unexpected token `newline'", line);
  if (pending.length) throw new Incomplete(`here-document delimited by end-of-file (wanted \`${pending[0]!.delim}')`);
  toks.push({ k: 'eof', start: n, end: n, line });
  return toks;
}

const REDIR_OPS = new Set(['>', '>>', '<', '>&', '<&', '&>', '&>>', '<<<', '>|', '<>', '<<', '<<-']);

class Parser {
  private p = 0;
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
  ) {}

  private peek(): Tok {
    return this.toks[this.p]!;
  }
  private next(): Tok {
    return this.toks[this.p++]!;
  }
  private isWord(w: string, t = this.peek()): boolean {
    return t.k === 'word' && t.w === w;
  }
  private isOp(op: string, t = this.peek()): boolean {
    return t.k === 'op' && t.op === op;
  }
  private fail(t: Tok): never {
    if (t.k === 'eof') throw new Incomplete('syntax error: unexpected end of file');
    const text = t.k === 'nl' ? 'newline' : t.k === 'word' ? t.w : t.k === 'op' ? t.op : this.src.slice(t.start, t.end);
    throw new SyntaxError(`syntax error near unexpected token \`${text}'`, t.line);
  }
  private skipNewlines(): void {
    while (this.peek().k === 'nl') this.p++;
  }
  private expectWord(w: string): void {
    this.skipNewlines();
    const t = this.next();
    if (!this.isWord(w, t)) this.fail(t);
  }

  program(): List {
    const list = this.list(new Set());
    const t = this.peek();
    if (t.k !== 'eof') this.fail(t);
    return list;
  }

  /** A list up to one of the reserved words in `stop` (not consumed), `)`, `;;` or the end. */
  private list(stop: Set<string>): List {
    if (++this.depth > MAX_NESTING) throw new SyntaxError('maximum nesting exceeded', this.peek().line);
    const out: List = [];
    for (;;) {
      while (this.peek().k === 'nl' || (out.length > 0 && this.isOp(';'))) this.p++;
      const t = this.peek();
      if (t.k === 'eof' || (t.k === 'word' && stop.has(t.w)) || (t.k === 'op' && [')', ';;', ';&', ';;&'].includes(t.op))) break;
      if (t.k === 'op' && (t.op === ';' || t.op === '&' || t.op === '|' || t.op === '&&' || t.op === '||')) this.fail(t);
      out.push(this.andOr());
      const s = this.peek();
      if (s.k === 'op' && (s.op === ';' || s.op === '&')) {
        this.p++;
        continue;
      }
      if (s.k === 'nl') continue;
      if (s.k === 'eof' || (s.k === 'word' && stop.has(s.w)) || (s.k === 'op' && [')', ';;', ';&', ';;&'].includes(s.op))) break;
      this.fail(s);
    }
    this.depth--;
    return out;
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.next() as { op: '&&' | '||' }).op;
      this.skipNewlines();
      rest.push({ op, pipeline: this.pipeline() });
    }
    return { first, rest };
  }

  private pipeline(): Pipeline {
    let bang = false;
    while (this.isWord('!') || this.isWord('time')) {
      if (this.isWord('!')) bang = !bang;
      this.p++;
    }
    const cmds = [this.command()];
    const errToPipe: boolean[] = [];
    while (this.isOp('|') || this.isOp('|&')) {
      errToPipe.push(this.isOp('|&'));
      this.p++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    return { bang, cmds, errToPipe };
  }

  private redirects(into: Redirect[]): void {
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || !REDIR_OPS.has(t.op)) return;
      this.p++;
      const target = this.next();
      if (target.k !== 'word') this.fail(target);
      const op = (t.op === '<<-' ? '<<' : t.op) as Redirect['op'];
      into.push({ fd: t.fd, op, target: target.w, ...(t.heredoc ? { heredoc: t.heredoc } : {}) });
    }
  }

  private command(): Command {
    const t = this.peek();
    const line = t.line;
    if (++this.depth > MAX_NESTING) throw new SyntaxError('maximum nesting exceeded', line);
    let cmd: Command;
    if (t.k === 'arith') {
      this.p++;
      cmd = { t: 'arith', expr: t.expr, redirects: [], line };
    } else if (this.isOp('(')) {
      this.p++;
      const body = this.list(new Set());
      const close = this.next();
      if (!this.isOp(')', close)) this.fail(close);
      if (body.length === 0) this.fail(close);
      cmd = { t: 'subshell', body, redirects: [], line };
    } else if (t.k === 'word' && RESERVED.has(t.w)) {
      cmd = this.compound(t.w, line);
    } else if (t.k === 'word' && this.isOp('(', this.toks[this.p + 1]) && this.isOp(')', this.toks[this.p + 2])) {
      this.p += 3;
      cmd = this.funcBody(t.w, t.start, line);
    } else {
      cmd = this.simple();
    }
    this.redirects(cmd.redirects);
    this.depth--;
    return cmd;
  }

  private funcBody(name: string, start: number, line: number): Command {
    this.skipNewlines();
    const bodyStart = this.peek();
    if (!(bodyStart.k === 'word' && ['{', 'if', 'for', 'while', 'until', 'case', '[['].includes(bodyStart.w)) && !this.isOp('(') && bodyStart.k !== 'arith') this.fail(bodyStart);
    const body = this.command();
    const end = this.toks[this.p - 1]!.end;
    return { t: 'func', name, body, src: this.src.slice(start, end), redirects: [], line };
  }

  private compound(w: string, line: number): Command {
    const start = this.peek().start;
    this.p++;
    switch (w) {
      case '{': {
        const body = this.list(new Set(['}']));
        const close = this.next();
        if (!this.isWord('}', close) || body.length === 0) this.fail(close);
        return { t: 'group', body, redirects: [], line };
      }
      case 'if': {
        const clauses: { cond: List; body: List }[] = [];
        let otherwise: List | undefined;
        for (;;) {
          const cond = this.nonEmpty(new Set(['then']));
          this.expectWord('then');
          const body = this.nonEmpty(new Set(['elif', 'else', 'fi']));
          clauses.push({ cond, body });
          const k = this.next();
          if (this.isWord('elif', k)) continue;
          if (this.isWord('else', k)) {
            otherwise = this.nonEmpty(new Set(['fi']));
            this.expectWord('fi');
          } else if (!this.isWord('fi', k)) this.fail(k);
          break;
        }
        return { t: 'if', clauses, ...(otherwise ? { otherwise } : {}), redirects: [], line };
      }
      case 'while':
      case 'until': {
        const cond = this.nonEmpty(new Set(['do']));
        this.expectWord('do');
        const body = this.nonEmpty(new Set(['done']));
        this.expectWord('done');
        return { t: 'while', until: w === 'until', cond, body, redirects: [], line };
      }
      case 'for': {
        const nt = this.next();
        if (nt.k === 'arith') {
          const parts = nt.expr.split(';');
          if (parts.length !== 3) this.fail(nt);
          if (this.isOp(';')) this.p++;
          this.skipNewlines();
          const body = this.doGroup();
          return { t: 'cfor', init: parts[0]!, cond: parts[1]!, step: parts[2]!, body, redirects: [], line };
        }
        if (nt.k !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nt.w)) this.fail(nt);
        let words: Word[] | null = null;
        this.skipNewlines();
        if (this.isWord('in')) {
          this.p++;
          words = [];
          while (this.peek().k === 'word') words.push((this.next() as { w: string }).w);
          const s = this.next();
          if (!(s.k === 'nl' || this.isOp(';', s))) this.fail(s);
        } else if (this.isOp(';')) this.p++;
        this.skipNewlines();
        const body = this.doGroup();
        return { t: 'for', name: nt.w, words, body, redirects: [], line };
      }
      case 'case': {
        const wt = this.next();
        if (wt.k !== 'word') this.fail(wt);
        this.skipNewlines();
        this.expectWord('in');
        const items: { patterns: Word[]; body: List; term: ';;' | ';&' | ';;&' }[] = [];
        for (;;) {
          this.skipNewlines();
          if (this.isWord('esac')) {
            this.p++;
            break;
          }
          if (this.isOp('(')) this.p++;
          const patterns: Word[] = [];
          for (;;) {
            const pt = this.next();
            if (pt.k !== 'word') this.fail(pt);
            patterns.push(pt.w);
            if (this.isOp('|')) {
              this.p++;
              continue;
            }
            const close = this.next();
            if (!this.isOp(')', close)) this.fail(close);
            break;
          }
          const body = this.list(new Set(['esac']));
          const term = this.peek();
          if (term.k === 'op' && (term.op === ';;' || term.op === ';&' || term.op === ';;&')) {
            this.p++;
            items.push({ patterns, body, term: term.op });
          } else {
            items.push({ patterns, body, term: ';;' });
            this.skipNewlines();
            if (!this.isWord('esac')) this.fail(this.peek());
          }
        }
        return { t: 'case', word: wt.w, items, redirects: [], line };
      }
      case 'function': {
        const nt = this.next();
        if (nt.k !== 'word') this.fail(nt);
        if (this.isOp('(') && this.isOp(')', this.toks[this.p + 1])) this.p += 2;
        return this.funcBody(nt.w, start, line);
      }
      case '[[': {
        const tokens: CondToken[] = [];
        for (;;) {
          const ct = this.next();
          if (ct.k === 'eof') this.fail(ct);
          if (ct.k === 'nl') continue;
          if (ct.k === 'word' && ct.w === ']]') break;
          if (ct.k === 'word') {
            const prev = tokens[tokens.length - 1];
            tokens.push({ word: ct.w, ...(prev && 'word' in prev && prev.word === '=~' ? { regex: true } : {}) });
          } else if (ct.k === 'op' && ['&&', '||', '(', ')', '<', '>'].includes(ct.op)) tokens.push({ op: ct.op });
          else this.fail(ct);
        }
        if (tokens.length === 0) this.fail(this.toks[this.p - 1]!);
        return { t: 'cond', tokens, redirects: [], line };
      }
      default:
        this.p--;
        return this.fail(this.peek());
    }
  }

  private doGroup(): List {
    const t = this.next();
    if (this.isWord('{', t)) {
      const body = this.nonEmpty(new Set(['}']));
      this.expectWord('}');
      return body;
    }
    if (!this.isWord('do', t)) this.fail(t);
    const body = this.nonEmpty(new Set(['done']));
    this.expectWord('done');
    return body;
  }

  private nonEmpty(stop: Set<string>): List {
    const l = this.list(stop);
    if (l.length === 0) this.fail(this.peek());
    return l;
  }

  private simple(): Command {
    const line = this.peek().line;
    const assigns: Word[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k === 'word') {
        if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(t.w)) assigns.push(t.w);
        else words.push(t.w);
        this.p++;
      } else if (t.k === 'op' && REDIR_OPS.has(t.op)) this.redirects(redirects);
      else break;
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) this.fail(this.peek());
    if (words.length === 1 && assigns.length === 0 && this.isOp('(')) {
      // `name (` starts a function definition: bash wants `)` next.
      this.p++;
      const t = this.peek();
      if (t.k === 'eof' || t.k === 'nl') throw new SyntaxError("syntax error near unexpected token `newline'", t.line);
      this.fail(t);
    }
    return { t: 'simple', assigns, words, redirects, line };
  }
}

export function parse(src: string): ParseResult {
  if (src.length > MAX_INPUT) return { kind: 'error', message: `input longer than ${MAX_INPUT} bytes`, line: 1 };
  try {
    const toks = lex(src);
    return { kind: 'ok', list: new Parser(toks, src).program() };
  } catch (e) {
    if (e instanceof Incomplete) return { kind: 'incomplete', message: e.message };
    if (e instanceof SyntaxError) return { kind: 'error', message: e.message, line: e.line };
    if (e instanceof RangeError) return { kind: 'error', message: 'maximum nesting exceeded', line: 1 };
    throw e;
  }
}
