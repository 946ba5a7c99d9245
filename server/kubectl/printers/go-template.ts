/**
 * `-o go-template=...`: the part of Go's text/template that kubectl users write — text, `{{-`
 * and `-}}` trimming, comments, fields (`.metadata.name`), variables (`$`, `$x`, `$i, $e :=`),
 * literals, pipelines (`|`), parentheses, `if`/`else if`/`else`, `range` (with `else`), `with`,
 * and the functions index, len, printf, print, println, eq, ne, lt, le, gt, ge, and, or, not,
 * plus kubectl's own exists and base64decode. Other Go template features (define, template,
 * block, break, continue, html, js, slice, call, urlquery) give an error saying so rather than
 * a wrong answer. Messages follow text/template's (`template: output:1: unclosed action`,
 * `executing "output" at <.x.y>: can't evaluate field y in type interface {}`), and values print
 * as fmt prints unstructured data (`map[a:b]`, `<no value>`).
 */
import { goJson, goSprint } from './go-format.js';

type Tok =
  | { t: 'field'; names: string[]; pos: number; text: string }
  | { t: 'var'; name: string; names: string[]; pos: number; text: string }
  | { t: 'dot'; pos: number; text: string }
  | { t: 'str'; value: string; pos: number; text: string }
  | { t: 'num'; value: number; pos: number; text: string }
  | { t: 'bool'; value: boolean; pos: number; text: string }
  | { t: 'nil'; pos: number; text: string }
  | { t: 'ident'; name: string; pos: number; text: string }
  | { t: 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma'; pos: number; text: string };

type Arg =
  | { k: 'field'; base: 'dot' | { v: string }; names: string[]; pos: number; text: string }
  | { k: 'lit'; value: unknown; text: string; pos: number }
  | { k: 'fn'; name: string; pos: number; text: string }
  | { k: 'sub'; pipe: Pipe; pos: number; text: string; names: string[] };

interface Command {
  args: Arg[];
  pos: number;
  text: string;
}
interface Pipe {
  decl: string[];
  cmds: Command[];
  pos: number;
}

type TNode =
  | { n: 'text'; text: string }
  | { n: 'action'; pipe: Pipe }
  | { n: 'if' | 'with' | 'range'; pipe: Pipe; list: TNode[]; elseList: TNode[] };

class TemplateError extends Error {}
class ExecError extends Error {}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue']);
const FUNCS = new Set(['index', 'len', 'printf', 'print', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'and', 'or', 'not', 'exists', 'base64decode']);
const GO_ONLY = new Set(['html', 'js', 'slice', 'call', 'urlquery']);

const lineOf = (src: string, pos: number) => 1 + (src.slice(0, pos).match(/\n/g)?.length ?? 0);

function lexAction(src: string, start: number, end: number): Tok[] {
  const toks: Tok[] = [];
  let i = start;
  const fail = (msg: string): never => {
    throw new TemplateError(`template: output:${lineOf(src, i)}: ${msg}`);
  };
  while (i < end) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const from = i;
    const take = (re: RegExp) => {
      const m = src.slice(i, end).match(re);
      if (!m) return '';
      i += m[0].length;
      return m[0];
    };
    if (c === '|') {
      i++;
      toks.push({ t: 'pipe', pos: from, text: '|' });
    } else if (c === '(') {
      i++;
      toks.push({ t: 'lparen', pos: from, text: '(' });
    } else if (c === ')') {
      i++;
      toks.push({ t: 'rparen', pos: from, text: ')' });
    } else if (c === ',') {
      i++;
      toks.push({ t: 'comma', pos: from, text: ',' });
    } else if (src.startsWith(':=', i)) {
      i += 2;
      toks.push({ t: 'declare', pos: from, text: ':=' });
    } else if (c === '=') {
      i++;
      toks.push({ t: 'assign', pos: from, text: '=' });
    } else if (c === '"') {
      const s = take(/^"(?:[^"\\\n]|\\.)*"/);
      if (!s) fail('unterminated quoted string');
      let value: string;
      try {
        value = JSON.parse(s.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'").replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as string;
      } catch {
        return fail(`bad character U+005C '\\'`);
      }
      toks.push({ t: 'str', value, pos: from, text: s });
    } else if (c === '`') {
      const s = take(/^`[^`]*`/);
      if (!s) fail('unterminated raw quoted string');
      toks.push({ t: 'str', value: s.slice(1, -1), pos: from, text: s });
    } else if (c === '.' || c === '$') {
      let text = c === '$' ? take(/^\$[A-Za-z0-9_]*/) : '';
      const names: string[] = [];
      const fieldStarts: number[] = [];
      for (;;) {
        const at = i;
        const f = take(/^\.[A-Za-z0-9_]+/);
        if (!f) break;
        fieldStarts.push(at);
        names.push(f.slice(1));
        text += f;
      }
      if (c === '.' && names.length === 0) {
        i++;
        toks.push({ t: 'dot', pos: from, text: '.' });
      } else if (c === '$') toks.push({ t: 'var', name: text.split('.')[0]!, names, pos: from, text });
      // A chain's position is its second field's, as the parser's newChain gives it.
      else toks.push({ t: 'field', names, pos: fieldStarts[1] ?? from, text });
    } else if (/[-+0-9]/.test(c)) {
      const s = take(/^[-+]?(0x[0-9a-fA-F]+|[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?)/);
      if (!s) fail(`bad number syntax: "${src[i]}"`);
      toks.push({ t: 'num', value: Number(s), pos: from, text: s });
    } else if (/[A-Za-z_]/.test(c)) {
      const s = take(/^[A-Za-z_][A-Za-z0-9_]*/);
      if (s === 'true' || s === 'false') toks.push({ t: 'bool', value: s === 'true', pos: from, text: s });
      else if (s === 'nil') toks.push({ t: 'nil', pos: from, text: s });
      else toks.push({ t: 'ident', name: s, pos: from, text: s });
    } else fail(`unexpected "${c}" in command`);
  }
  return toks;
}

type Action = { kind: 'text'; text: string } | { kind: 'action'; toks: Tok[]; pos: number };

function split(src: string): Action[] {
  const out: Action[] = [];
  let i = 0;
  let trimNext = false;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    let text = src.slice(i, open < 0 ? src.length : open);
    if (trimNext) text = text.replace(/^\s+/, '');
    trimNext = false;
    if (open < 0) {
      if (text) out.push({ kind: 'text', text });
      break;
    }
    const trimLeft = /^\{\{- /.test(src.slice(open, open + 4)) || src.slice(open, open + 4) === '{{-\t' || src.slice(open, open + 4) === '{{-\n';
    if (trimLeft) text = text.replace(/\s+$/, '');
    if (text) out.push({ kind: 'text', text });
    let start = open + 2 + (trimLeft ? 2 : 0);
    // Comments: {{/* ... */}}.
    if (src.startsWith('/*', start)) {
      const endc = src.indexOf('*/', start);
      if (endc < 0) throw new TemplateError(`template: output:${lineOf(src, open)}: unclosed comment`);
      let after = endc + 2;
      if (src.startsWith(' -}}', after)) {
        trimNext = true;
        after += 4;
      } else if (src.startsWith('}}', after)) after += 2;
      else throw new TemplateError(`template: output:${lineOf(src, open)}: comment ends before closing delimiter`);
      i = after;
      continue;
    }
    // Find the closing delimiter outside quotes.
    let j = start;
    let quote: string | null = null;
    for (; j < src.length; j++) {
      const c = src[j]!;
      if (quote) {
        if (c === '\\' && quote === '"') j++;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === '`') quote = c;
      else if (src.startsWith('}}', j)) break;
    }
    if (j >= src.length) throw new TemplateError(`template: output:${lineOf(src, open)}: unclosed action`);
    let end = j;
    if (/\s-$/.test(src.slice(start, end))) {
      trimNext = true;
      end -= 2;
    }
    if (start > end) start = end;
    out.push({ kind: 'action', toks: lexAction(src, start, end), pos: open });
    i = j + 2;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(
    private readonly src: string,
    private readonly items: Action[],
  ) {}

  private fail(pos: number, msg: string): never {
    throw new TemplateError(`template: output:${lineOf(this.src, pos)}: ${msg}`);
  }

  parse(): TNode[] {
    const { list, stop } = this.list();
    if (stop) this.fail(stop.pos, `unexpected {{${stop.word}}}`);
    return list;
  }

  /** Nodes up to an {{end}} or {{else}} (returned as `stop`), or the end of input. */
  private list(): { list: TNode[]; stop?: { word: 'end' | 'else'; pos: number; toks: Tok[] } } {
    const list: TNode[] = [];
    while (this.i < this.items.length) {
      const it = this.items[this.i++]!;
      if (it.kind === 'text') {
        list.push({ n: 'text', text: it.text });
        continue;
      }
      const first = it.toks[0];
      if (!first) this.fail(it.pos, 'missing value for command');
      if (first.t === 'ident' && KEYWORDS.has(first.name)) {
        switch (first.name) {
          case 'end':
          case 'else':
            return { list, stop: { word: first.name, pos: it.pos, toks: it.toks.slice(1) } };
          case 'if':
          case 'with':
          case 'range':
            list.push(this.control(first.name, it.toks.slice(1), it.pos));
            break;
          default:
            this.fail(it.pos, `{{${first.name}}} is not supported by this lab's go-template`);
        }
        continue;
      }
      list.push({ n: 'action', pipe: this.pipeline(it.toks, it.pos) });
    }
    return { list };
  }

  private control(word: 'if' | 'with' | 'range', toks: Tok[], pos: number): TNode {
    const pipe = this.pipeline(toks, pos, word === 'range');
    if (pipe.cmds.length === 0) this.fail(pos, `missing value for ${word}`);
    const body = this.list();
    if (!body.stop) this.fail(this.src.length, 'unexpected EOF');
    let elseList: TNode[] = [];
    if (body.stop.word === 'else') {
      const rest = body.stop.toks;
      if (rest.length > 0 && rest[0]!.t === 'ident' && (rest[0] as { name: string }).name === 'if' && word !== 'range') {
        // {{else if ...}} chains: the rest is an if inside the else, sharing this {{end}}.
        elseList = [this.control('if', rest.slice(1), body.stop.pos)];
        return { n: word, pipe, list: body.list, elseList };
      }
      const tail = this.list();
      if (!tail.stop) this.fail(this.src.length, 'unexpected EOF');
      if (tail.stop.word !== 'end') this.fail(tail.stop.pos, `expected end; found {{else}}`);
      elseList = tail.list;
    }
    return { n: word, pipe, list: body.list, elseList };
  }

  private pipeline(toks: Tok[], pos: number, allowTwo = false): Pipe {
    let k = 0;
    const decl: string[] = [];
    // `$x :=` or (range) `$i, $e :=`.
    const declAt = toks.findIndex((t) => t.t === 'declare' || t.t === 'assign');
    if (declAt > 0) {
      const names = toks.slice(0, declAt).filter((t) => t.t !== 'comma');
      if (names.every((t) => t.t === 'var' && t.names.length === 0) && names.length <= (allowTwo ? 2 : 1)) {
        decl.push(...names.map((t) => (t as { name: string }).name));
        k = declAt + 1;
      } else if (names.length > 1) this.fail(pos, 'too many declarations in command');
    }
    const cmds: Command[] = [];
    let cur: Arg[] = [];
    let curPos = toks[k]?.pos ?? pos;
    let curText: string[] = [];
    const flush = () => {
      if (cur.length === 0) this.fail(pos, 'missing command');
      cmds.push({ args: cur, pos: curPos, text: curText.join(' ') });
      cur = [];
      curText = [];
    };
    while (k < toks.length) {
      const t = toks[k]!;
      if (t.t === 'pipe') {
        flush();
        k++;
        curPos = toks[k]?.pos ?? pos;
        continue;
      }
      const [arg, next] = this.operand(toks, k, pos);
      cur.push(arg);
      curText.push(arg.text);
      k = next;
    }
    if (cur.length) flush();
    else if (cmds.length) this.fail(pos, 'missing command');
    return { decl, cmds, pos };
  }

  private operand(toks: Tok[], k: number, pos: number): [Arg, number] {
    const t = toks[k]!;
    switch (t.t) {
      case 'field':
        return [{ k: 'field', base: 'dot', names: t.names, pos: t.pos, text: t.text }, k + 1];
      case 'dot':
        return [{ k: 'field', base: 'dot', names: [], pos: t.pos, text: '.' }, k + 1];
      case 'var':
        return [{ k: 'field', base: { v: t.name }, names: t.names, pos: t.pos, text: t.text }, k + 1];
      case 'str':
      case 'num':
      case 'bool':
        return [{ k: 'lit', value: t.value, text: t.text, pos: t.pos }, k + 1];
      case 'nil':
        return [{ k: 'lit', value: null, text: 'nil', pos: t.pos }, k + 1];
      case 'ident':
        if (GO_ONLY.has(t.name)) this.fail(pos, `function "${t.name}" is not supported by this lab's go-template`);
        if (!FUNCS.has(t.name)) this.fail(pos, `function "${t.name}" not defined`);
        return [{ k: 'fn', name: t.name, pos: t.pos, text: t.name }, k + 1];
      case 'lparen': {
        let depth = 0;
        let j = k;
        for (; j < toks.length; j++) {
          if (toks[j]!.t === 'lparen') depth++;
          else if (toks[j]!.t === 'rparen' && --depth === 0) break;
        }
        if (j >= toks.length) this.fail(pos, 'unclosed left paren');
        const inner = toks.slice(k + 1, j);
        const pipe = this.pipeline(inner, t.pos);
        // `(index .x 0).name`: a field chain right after the parenthesis applies to its value.
        const after = toks[j + 1];
        const chained = after && after.t === 'field' && src_adjacent(toks[j]!, after) ? after.names : [];
        const text = `(${inner.map((x) => x.text).join(' ')})${chained.map((n) => `.${n}`).join('')}`;
        return [{ k: 'sub', pipe, pos: t.pos, text, names: chained }, j + 1 + (chained.length ? 1 : 0)];
      }
      case 'rparen':
        return this.fail(pos, 'unexpected right paren');
      default:
        return this.fail(pos, `unexpected "${t.text}" in operand`);
    }
  }
}

/** Whether a token starts right where the previous one ended (no space between). */
function src_adjacent(prev: Tok, next: Tok): boolean {
  return next.pos === prev.pos + prev.text.length || (next.t === 'field' && next.text.length > 0 && next.pos <= prev.pos + prev.text.length + 1 && next.pos > prev.pos);
}

const MISSING = Symbol('no value');

function truth(v: unknown): boolean {
  if (v === MISSING || v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

function printValue(v: unknown): string {
  if (v === MISSING || v === null || v === undefined) return '<no value>';
  return goSprint(v);
}

/** fmt.Sprintf with the verbs templates use: %s %v %d %q %f %t %%, flags -, 0 and a width. */
function sprintf(format: string, args: unknown[]): string {
  let n = 0;
  return format.replace(/%([-0+ ]*)(\d*)(?:\.(\d+))?([svdqftxX%])/g, (_m, flags: string, width: string, prec: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (n >= args.length) return `%!${verb}(MISSING)`;
    const a = args[n++];
    let s: string;
    switch (verb) {
      case 'd':
        s = typeof a === 'number' && Number.isInteger(a) ? String(a) : `%!d(${typeName(a)}=${printValue(a)})`;
        break;
      case 'q':
        s = typeof a === 'string' ? JSON.stringify(a) : `%!q(${typeName(a)}=${printValue(a)})`;
        break;
      case 'f':
        s = typeof a === 'number' ? a.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${typeName(a)}=${printValue(a)})`;
        break;
      case 'x':
      case 'X':
        s = typeof a === 'number' ? a.toString(16) : Buffer.from(String(a)).toString('hex');
        if (verb === 'X') s = s.toUpperCase();
        break;
      default:
        s = a === null || a === MISSING ? '<nil>' : goSprint(a);
    }
    const w = Number(width || 0);
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && verb === 'd' ? '0' : ' ');
    return s;
  }) + (n < args.length ? `%!(EXTRA ${args.slice(n).map((a) => `${typeName(a)}=${printValue(a)}`).join(', ')})` : '');
}

const typeName = (v: unknown) =>
  v === null || v === MISSING ? '<nil>' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? (Number.isInteger(v) ? 'int64' : 'float64') : Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';

class Exec {
  out = '';
  private vars: { name: string; value: unknown }[][] = [];
  constructor(
    private readonly src: string,
    root: unknown,
  ) {
    this.vars.push([{ name: '$', value: root }]);
  }

  private fail(pos: number, context: string, msg: string): never {
    const line = lineOf(this.src, pos);
    const nl = this.src.lastIndexOf('\n', pos - 1);
    const col = nl < 0 ? pos : pos - nl - 1;
    throw new ExecError(`template: output:${line}:${col}: executing "output" at <${context}>: ${msg}`);
  }

  private lookup(name: string, pos: number): unknown {
    for (let s = this.vars.length - 1; s >= 0; s--) {
      const hit = this.vars[s]!.findLast((v) => v.name === name);
      if (hit) return hit.value;
    }
    return this.fail(pos, name, `undefined variable: ${name}`);
  }

  run(list: TNode[], dot: unknown): void {
    for (const node of list) {
      switch (node.n) {
        case 'text':
          this.out += node.text;
          break;
        case 'action': {
          const v = this.pipe(node.pipe, dot);
          if (node.pipe.decl.length === 0) this.out += printValue(v);
          break;
        }
        case 'if':
        case 'with': {
          this.vars.push([]);
          const v = this.pipe(node.pipe, dot);
          if (truth(v)) this.run(node.list, node.n === 'with' ? v : dot);
          else this.run(node.elseList, dot);
          this.vars.pop();
          break;
        }
        case 'range': {
          this.vars.push([]);
          const v = this.pipe(node.pipe, dot, true);
          const entries: [unknown, unknown][] = Array.isArray(v)
            ? v.map((x, i) => [i, x])
            : v && typeof v === 'object'
              ? Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])
              : typeof v === 'number' && Number.isInteger(v)
                ? Array.from({ length: Math.max(0, v) }, (_x, i) => [i, i])
                : v === MISSING || v === null
                  ? []
                  : this.fail(node.pipe.pos, node.pipe.cmds.map((c) => c.text).join(' | '), `range can't iterate over ${printValue(v)}`);
          if (entries.length === 0) this.run(node.elseList, dot);
          for (const [k, x] of entries) {
            const scope = this.vars.at(-1)!;
            const decl = node.pipe.decl;
            if (decl.length === 1) scope.push({ name: decl[0]!, value: x });
            if (decl.length === 2) scope.push({ name: decl[0]!, value: k }, { name: decl[1]!, value: x });
            this.run(node.list, x);
          }
          this.vars.pop();
          break;
        }
      }
    }
  }

  /** A pipeline's value; a declaration binds it in the current scope (range binds per item). */
  private pipe(p: Pipe, dot: unknown, isRange = false): unknown {
    let v: unknown = MISSING;
    let first = true;
    for (const c of p.cmds) {
      v = this.command(c, dot, first ? undefined : v);
      first = false;
    }
    if (p.decl.length && !isRange) this.vars.at(-1)!.push({ name: p.decl[0]!, value: v });
    return v;
  }

  private command(c: Command, dot: unknown, piped: unknown): unknown {
    const [head, ...rest] = c.args;
    if (head!.k === 'fn') {
      const args = rest.map((a) => this.arg(a, dot));
      if (piped !== undefined) args.push(piped);
      return this.call(head!.name, args, c);
    }
    if (rest.length > 0 || piped !== undefined) this.fail(c.pos, c.text, `can't give argument to non-function ${head!.text}`);
    return this.arg(head!, dot);
  }

  private arg(a: Arg, dot: unknown): unknown {
    switch (a.k) {
      case 'lit':
        return a.value;
      case 'sub': {
        let v = this.pipe(a.pipe, dot);
        for (const name of a.names) {
          if (v === MISSING || v === null || v === undefined) return MISSING;
          if (typeof v !== 'object' || Array.isArray(v)) this.fail(a.pos, a.text, `can't evaluate field ${name} in type interface {}`);
          const o = v as Record<string, unknown>;
          v = Object.prototype.hasOwnProperty.call(o, name) ? o[name] : MISSING;
        }
        return v;
      }
      case 'fn':
        return this.call(a.name, [], { args: [a], pos: a.pos, text: a.text });
      case 'field': {
        let v = a.base === 'dot' ? dot : this.lookup(a.base.v, a.pos);
        for (const name of a.names) {
          if (v === MISSING || v === null || v === undefined) return MISSING;
          if (typeof v !== 'object' || Array.isArray(v)) this.fail(a.pos, a.text, `can't evaluate field ${name} in type interface {}`);
          const o = v as Record<string, unknown>;
          v = Object.prototype.hasOwnProperty.call(o, name) ? o[name] : MISSING;
        }
        return v;
      }
    }
  }

  private call(name: string, args: unknown[], c: Command): unknown {
    const want = (n: number) => {
      if (args.length !== n) this.fail(c.pos, c.text, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    const bare = (v: unknown) => (v === MISSING ? null : v);
    switch (name) {
      case 'index': {
        if (args.length < 1) this.fail(c.pos, c.text, 'wrong number of args for index: want at least 1 got 0');
        let v = bare(args[0]);
        for (const key of args.slice(1)) {
          if (Array.isArray(v)) {
            if (typeof key !== 'number' || !Number.isInteger(key)) this.fail(c.pos, c.text, `error calling index: cannot index slice/array with type ${typeName(key)}`);
            if (key < 0 || key >= v.length) this.fail(c.pos, c.text, `error calling index: index out of range: ${key}`);
            v = v[key];
          } else if (v && typeof v === 'object') {
            if (typeof key !== 'string') this.fail(c.pos, c.text, `error calling index: value has type ${typeName(key)}; should be string`);
            v = (v as Record<string, unknown>)[key] ?? null;
          } else if (v === null) this.fail(c.pos, c.text, 'error calling index: index of untyped nil');
          else this.fail(c.pos, c.text, `error calling index: can't index item of type ${typeName(v)}`);
        }
        return v;
      }
      case 'len': {
        want(1);
        const v = bare(args[0]);
        if (typeof v === 'string') return Buffer.byteLength(v);
        if (Array.isArray(v)) return v.length;
        if (v && typeof v === 'object') return Object.keys(v).length;
        return this.fail(c.pos, c.text, `error calling len: len of ${v === null ? 'nil pointer' : `type ${typeName(v)}`}`);
      }
      case 'printf':
        if (args.length < 1) this.fail(c.pos, c.text, 'wrong number of args for printf: want at least 1 got 0');
        if (typeof args[0] !== 'string') this.fail(c.pos, c.text, `wrong type for value; expected string; got ${typeName(args[0])}`);
        return sprintf(args[0], args.slice(1).map(bare));
      case 'print':
      case 'println': {
        // fmt.Sprint adds spaces between operands when neither is a string.
        let s = '';
        args.forEach((a, i) => {
          const str = a === MISSING || a === null ? '<nil>' : goSprint(a);
          if (name === 'println' && i > 0) s += ' ';
          else if (i > 0 && typeof args[i - 1] !== 'string' && typeof a !== 'string') s += ' ';
          s += str;
        });
        return name === 'println' ? `${s}\n` : s;
      }
      case 'not':
        want(1);
        return !truth(args[0]);
      case 'and': {
        if (args.length < 1) this.fail(c.pos, c.text, 'wrong number of args for and: want at least 1 got 0');
        for (const a of args) if (!truth(a)) return a;
        return args.at(-1);
      }
      case 'or': {
        if (args.length < 1) this.fail(c.pos, c.text, 'wrong number of args for or: want at least 1 got 0');
        for (const a of args) if (truth(a)) return a;
        return args.at(-1);
      }
      case 'eq':
      case 'ne': {
        if (args.length < 2) this.fail(c.pos, c.text, `wrong number of args for ${name}: want at least 1 got ${args.length}`);
        const [x, ...ys] = args.map(bare);
        for (const y of ys) {
          if (x !== null && y !== null && typeof x !== typeof y) this.fail(c.pos, c.text, `error calling ${name}: incompatible types for comparison`);
          if (typeof x === 'object' && x !== null) this.fail(c.pos, c.text, `error calling ${name}: non-comparable type ${printValue(x)}: ${typeName(x)}`);
        }
        const eq = ys.some((y) => y === x);
        return name === 'eq' ? eq : !eq;
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        want(2);
        const [x, y] = args.map(bare) as [unknown, unknown];
        if (typeof x !== typeof y || (typeof x !== 'number' && typeof x !== 'string')) this.fail(c.pos, c.text, `error calling ${name}: incompatible types for comparison`);
        const a = x as number | string;
        const b = y as number | string;
        return name === 'lt' ? a < b : name === 'le' ? a <= b : name === 'gt' ? a > b : a >= b;
      }
      case 'exists': {
        // kubectl's exists: whether the path of keys leads to a value.
        let v = bare(args[0]);
        for (const k of args.slice(1)) {
          if (!v || typeof v !== 'object' || Array.isArray(v) || typeof k !== 'string' || !(k in v)) return false;
          v = (v as Record<string, unknown>)[k];
        }
        return true;
      }
      case 'base64decode': {
        want(1);
        const s = String(bare(args[0]) ?? '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) this.fail(c.pos, c.text, `error calling base64decode: base64 decode failed: illegal base64 data at input byte ${Math.max(0, s.search(/[^A-Za-z0-9+/=]/))}`);
        return Buffer.from(s, 'base64').toString('utf8');
      }
    }
    return this.fail(c.pos, c.text, `function "${name}" not defined`);
  }
}

export type GoTemplateResult =
  | { ok: true; value: string }
  | { ok: false; stage: 'parse'; message: string }
  | { ok: false; stage: 'exec'; partial: string; message: string };

/** Parses a template once; `parse` errors read `template: output:1: ...` as text/template's do. */
export function parseGoTemplate(src: string): { ok: true; run: (data: unknown) => GoTemplateResult } | { ok: false; message: string } {
  let tree: TNode[];
  try {
    tree = new Parser(src, split(src)).parse();
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, message: e.message };
    throw e;
  }
  return {
    ok: true,
    run: (data) => {
      const ex = new Exec(src, data);
      try {
        ex.run(tree, data);
        return { ok: true, value: ex.out };
      } catch (e) {
        if (e instanceof ExecError) return { ok: false, stage: 'exec', partial: ex.out, message: e.message };
        throw e;
      }
    },
  };
}

/**
 * What kubectl's go-template printer writes for a value: stdout (with the debugging dump on an
 * execution error) and the error checkErr prints after it.
 */
export function printGoTemplate(text: string, value: unknown): { stdout: string; error?: string } {
  const parsed = parseGoTemplate(text);
  if (!parsed.ok) return { stdout: '', error: `error parsing template ${text}, ${parsed.message}` };
  const r = parsed.run(value);
  if (r.ok) return { stdout: r.value };
  if (r.stage !== 'exec') return { stdout: '', error: r.message };
  return {
    stdout:
      `${r.partial}Error executing template: ${r.message}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${text}\n\traw data was:\n\t\t${goJson(value)}\n\tobject given to template engine was:\n\t\t${goSprint(value)}\n\n`,
    error: `error executing template "${text}": ${r.message}`,
  };
}
