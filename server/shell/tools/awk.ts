/**
 * awk as GNU awk runs the one-liners people write: patterns and ranges, BEGIN/END, -F, -v,
 * fields and NF/NR/FNR/FS/OFS/ORS/RS/FILENAME, arrays (`in`, `delete`, `for (k in a)`),
 * control flow, user functions, printf, and the string and math built-ins. Errors are gawk's
 * `awk: cmd. line:1: ...` lines. Bounded: a program stops after a set number of steps.
 */
import type { CommandContext, CommandResult } from '../command.js';
import { translate } from './regex.js';
import { printf as shellPrintf } from '../printf.js';

class AwkSyntax extends Error {}
class AwkRuntime extends Error {}
class Next {}
class Exit {
  constructor(readonly code: number) {}
}
class Break {}
class Continue {}
class Return {
  constructor(readonly value: Val) {}
}

/** A value read from input that looks like a number compares as one (POSIX "strnum"). */
class StrNum {
  constructor(readonly s: string) {}
}
type Val = string | number | StrNum;

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'ere'; v: string } | { t: 'name'; v: string } | { t: 'func'; v: string } | { t: 'builtin'; v: string } | { t: 'kw'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];
const MAX_STEPS = 5_000_000;

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const operand = () => {
    const last = toks[toks.length - 1];
    if (!last) return false;
    return last.t === 'num' || last.t === 'str' || last.t === 'name' || last.t === 'ere' || (last.t === 'builtin' && last.v === 'length') || (last.t === 'op' && (last.v === ')' || last.v === ']' || last.v === '$' || last.v === '++' || last.v === '--'));
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ t: 'nl' });
      i++;
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new AwkSyntax('unterminated string');
        const ch = src[i]!;
        if (ch === '"') {
          i++;
          break;
        }
        if (ch === '\\') {
          const n = src[i + 1] ?? '';
          const oct = /^[0-7]{1,3}/.exec(src.slice(i + 1));
          if (oct) {
            s += String.fromCharCode(parseInt(oct[0], 8));
            i += 1 + oct[0].length;
            continue;
          }
          s += ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' } as Record<string, string>)[n] ?? `\\${n}`;
          i += 2;
          continue;
        }
        s += ch;
        i++;
      }
      toks.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && !operand()) {
      let s = '';
      i++;
      let inBracket = false;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new AwkSyntax('unterminated regexp');
        const ch = src[i]!;
        if (ch === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        if (ch === '\\') {
          s += ch + (src[i + 1] ?? '');
          i += 2;
          continue;
        }
        if (ch === '[') inBracket = true;
        else if (ch === ']') inBracket = false;
        else if (ch === '/' && !inBracket) {
          i++;
          break;
        }
        s += ch;
        i++;
      }
      toks.push({ t: 'ere', v: s });
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num) {
      toks.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      const w = name[0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ t: 'kw', v: w === 'func' ? 'function' : w });
      else if (BUILTINS.has(w)) toks.push({ t: 'builtin', v: w });
      else if (src[i] === '(') toks.push({ t: 'func', v: w });
      else toks.push({ t: 'name', v: w });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntax(`invalid char '${c}' in expression`);
    toks.push({ t: 'op', v: op });
    i += op.length;
  }
  toks.push({ t: 'eof' });
  return toks;
}

type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'ere'; v: string }
  | { k: 'var'; name: string }
  | { k: 'field'; e: Expr }
  | { k: 'index'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: Expr; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; op: string; prefix: boolean; target: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'builtin'; name: string; args: Expr[] }
  | { k: 'group'; e: Expr }
  | { k: 'getline' };

type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print'; args: Expr[]; printf: boolean }
  | { k: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt; doWhile: boolean }
  | { k: 'for'; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: 'forin'; v: string; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' }
  | { k: 'exit'; e?: Expr }
  | { k: 'return'; e?: Expr }
  | { k: 'break' }
  | { k: 'continue' }
  | { k: 'delete'; name: string; subs?: Expr[] };

interface Rule {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  range?: [Expr, Expr];
  action?: Stmt;
  inRange?: boolean;
}

interface Program {
  rules: Rule[];
  funcs: Map<string, { params: string[]; body: Stmt }>;
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}
  private peek(): Tok {
    return this.toks[this.p]!;
  }
  private isOp(v: string, t = this.peek()) {
    return t.t === 'op' && t.v === v;
  }
  private isKw(v: string, t = this.peek()) {
    return t.t === 'kw' && t.v === v;
  }
  /** mawk's wording (Debian's and Ubuntu's awk): `line N: syntax error at or near X`. */
  private fail(): never {
    const t = this.peek();
    const line = this.toks.slice(0, this.p).filter((x) => x.t === 'nl').length + 1;
    if (t.t === 'eof') throw new AwkSyntax(`line ${line + 1}: missing } near end of file`);
    const text = t.t === 'nl' ? 'end of line' : t.t === 'str' ? `"${t.v}"` : t.t === 'ere' ? `/${t.v}/` : String(t.v);
    throw new AwkSyntax(`line ${line}: syntax error at or near ${text}`);
  }
  private expectOp(v: string) {
    if (!this.isOp(v)) this.fail();
    this.p++;
  }
  private nls() {
    while (this.peek().t === 'nl') this.p++;
  }
  private terms() {
    while (this.peek().t === 'nl' || this.isOp(';')) this.p++;
  }

  program(): Program {
    const rules: Rule[] = [];
    const funcs = new Map<string, { params: string[]; body: Stmt }>();
    this.terms();
    while (this.peek().t !== 'eof') {
      if (this.isKw('BEGIN') || this.isKw('END')) {
        const kind = (this.peek() as { v: string }).v === 'BEGIN' ? 'begin' : 'end';
        this.p++;
        this.nls();
        if (!this.isOp('{')) this.fail();
        rules.push({ kind, action: this.block() });
      } else if (this.isKw('function')) {
        this.p++;
        const n = this.peek();
        if (n.t !== 'func' && n.t !== 'name') this.fail();
        this.p++;
        this.expectOp('(');
        const params: string[] = [];
        while (!this.isOp(')')) {
          const pt = this.peek();
          if (pt.t !== 'name') this.fail();
          params.push(pt.v);
          this.p++;
          if (this.isOp(',')) {
            this.p++;
            this.nls();
          }
        }
        this.p++;
        this.nls();
        funcs.set(n.v, { params, body: this.block() });
      } else {
        const rule: Rule = { kind: 'main' };
        if (!this.isOp('{')) {
          const a = this.expr();
          if (this.isOp(',')) {
            this.p++;
            this.nls();
            rule.range = [a, this.expr()];
          } else rule.pattern = a;
        }
        if (this.isOp('{')) rule.action = this.block();
        rules.push(rule);
      }
      this.terms();
    }
    return { rules, funcs };
  }

  private block(): Stmt {
    this.expectOp('{');
    const body: Stmt[] = [];
    this.terms();
    while (!this.isOp('}')) {
      if (this.peek().t === 'eof') this.fail();
      body.push(this.stmt());
      this.terms();
    }
    this.p++;
    return { k: 'block', body };
  }

  private simpleEnd() {
    if (this.isOp(';') || this.peek().t === 'nl') {
      this.p++;
      return;
    }
    if (this.isOp('}') || this.peek().t === 'eof') return;
    this.fail();
  }

  private stmt(): Stmt {
    const t = this.peek();
    if (this.isOp('{')) return this.block();
    if (this.isOp(';')) {
      this.p++;
      return { k: 'block', body: [] };
    }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          this.p++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.nls();
          const a = this.stmt();
          this.terms();
          if (this.isKw('else')) {
            this.p++;
            this.nls();
            return { k: 'if', c, a, b: this.stmt() };
          }
          return { k: 'if', c, a };
        }
        case 'while': {
          this.p++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          if (this.isOp(';')) {
            this.p++;
            return { k: 'while', c, body: { k: 'block', body: [] }, doWhile: false };
          }
          this.nls();
          return { k: 'while', c, body: this.stmt(), doWhile: false };
        }
        case 'do': {
          this.p++;
          this.nls();
          const body = this.stmt();
          this.terms();
          if (!this.isKw('while')) this.fail();
          this.p++;
          this.expectOp('(');
          const c = this.expr();
          this.expectOp(')');
          this.simpleEnd();
          return { k: 'while', c, body, doWhile: true };
        }
        case 'for': {
          this.p++;
          this.expectOp('(');
          const a = this.peek();
          const b = this.toks[this.p + 1];
          const c = this.toks[this.p + 2];
          if (a.t === 'name' && b && this.isKw('in', b) && c && c.t === 'name' && this.isOp(')', this.toks[this.p + 3])) {
            this.p += 4;
            this.nls();
            return { k: 'forin', v: a.v, arr: c.v, body: this.stmt() };
          }
          const init = this.isOp(';') ? undefined : { k: 'expr' as const, e: this.expr() };
          this.expectOp(';');
          this.nls();
          const cond = this.isOp(';') ? undefined : this.expr();
          this.expectOp(';');
          this.nls();
          const step = this.isOp(')') ? undefined : { k: 'expr' as const, e: this.expr() };
          this.expectOp(')');
          if (this.isOp(';')) {
            this.p++;
            return { k: 'for', ...(init ? { init } : {}), ...(cond ? { c: cond } : {}), ...(step ? { step } : {}), body: { k: 'block', body: [] } };
          }
          this.nls();
          return { k: 'for', ...(init ? { init } : {}), ...(cond ? { c: cond } : {}), ...(step ? { step } : {}), body: this.stmt() };
        }
        case 'next':
        case 'nextfile':
          this.p++;
          this.simpleEnd();
          return { k: 'next' };
        case 'break':
          this.p++;
          this.simpleEnd();
          return { k: 'break' };
        case 'continue':
          this.p++;
          this.simpleEnd();
          return { k: 'continue' };
        case 'exit':
        case 'return': {
          this.p++;
          const e = this.isOp(';') || this.isOp('}') || this.peek().t === 'nl' || this.peek().t === 'eof' ? undefined : this.expr();
          this.simpleEnd();
          return t.v === 'exit' ? { k: 'exit', ...(e ? { e } : {}) } : { k: 'return', ...(e ? { e } : {}) };
        }
        case 'delete': {
          this.p++;
          const n = this.peek();
          if (n.t !== 'name') this.fail();
          this.p++;
          let subs: Expr[] | undefined;
          if (this.isOp('[')) {
            this.p++;
            subs = this.exprList(']');
          }
          this.simpleEnd();
          return { k: 'delete', name: n.v, ...(subs ? { subs } : {}) };
        }
        case 'print':
        case 'printf': {
          this.p++;
          let args: Expr[] = [];
          const end = () => this.isOp(';') || this.isOp('}') || this.peek().t === 'nl' || this.peek().t === 'eof' || this.isOp('>') || this.isOp('|') || this.isOp('>>');
          if (this.isOp('(')) {
            const save = this.p;
            this.p++;
            const list = this.exprList(')', true);
            if (end()) args = list;
            else {
              this.p = save;
              args = this.printArgs(end);
            }
          } else if (!end()) args = this.printArgs(end);
          if (this.isOp('>') || this.isOp('>>') || this.isOp('|')) throw new AwkSyntax('output redirection is not available in this lab');
          this.simpleEnd();
          if (t.v === 'printf' && args.length === 0) throw new AwkSyntax('printf: no format');
          return { k: 'print', args, printf: t.v === 'printf' };
        }
      }
    }
    const e = this.expr();
    this.simpleEnd();
    return { k: 'expr', e };
  }

  private printArgs(end: () => boolean): Expr[] {
    const args = [this.expr(true)];
    while (this.isOp(',')) {
      this.p++;
      this.nls();
      args.push(this.expr(true));
    }
    void end;
    return args;
  }

  private exprList(close: string, noGt = false): Expr[] {
    const out: Expr[] = [];
    this.nls();
    while (!this.isOp(close)) {
      out.push(this.expr(noGt && false));
      this.nls();
      if (this.isOp(',')) {
        this.p++;
        this.nls();
      } else if (!this.isOp(close)) this.fail();
    }
    this.p++;
    return out;
  }

  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }

  private ternary(noGt: boolean): Expr {
    const c = this.or(noGt);
    if (this.isOp('?')) {
      this.p++;
      this.nls();
      const a = this.ternary(noGt);
      this.nls();
      this.expectOp(':');
      this.nls();
      const b = this.ternary(noGt);
      return { k: 'cond', c, a, b };
    }
    if (this.peek().t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^=', '**='].includes((this.peek() as { v: string }).v) && (c.k === 'var' || c.k === 'field' || c.k === 'index')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      this.nls();
      return { k: 'assign', op: op === '**=' ? '^=' : op, target: c, e: this.ternary(noGt) };
    }
    return c;
  }
  private or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.isOp('||')) {
      this.p++;
      this.nls();
      a = { k: 'bin', op: '||', a, b: this.and(noGt) };
    }
    return a;
  }
  private and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.isOp('&&')) {
      this.p++;
      this.nls();
      a = { k: 'bin', op: '&&', a, b: this.inExpr(noGt) };
    }
    return a;
  }
  private inExpr(noGt: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (this.isKw('in')) {
      this.p++;
      const n = this.peek();
      if (n.t !== 'name') this.fail();
      this.p++;
      a = { k: 'in', subs: a.k === 'group' && false ? [a] : [a], name: n.v };
    }
    return a;
  }
  private matchExpr(noGt: boolean): Expr {
    let a = this.rel(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const neg = this.isOp('!~');
      this.p++;
      a = { k: 'match', neg, a, re: this.rel(noGt) };
    }
    return a;
  }
  private rel(noGt: boolean): Expr {
    const a = this.concat(noGt);
    const t = this.peek();
    if (t.t === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v) && !(noGt && t.v === '>')) {
      this.p++;
      return { k: 'bin', op: t.v, a, b: this.concat(noGt) };
    }
    return a;
  }
  private startsOperand(): boolean {
    const t = this.peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 'ere' || t.t === 'name' || t.t === 'func' || t.t === 'builtin') return true;
    if (t.t === 'op') return ['$', '!', '(', '-', '+', '++', '--'].includes(t.v);
    return false;
  }
  private concat(noGt: boolean): Expr {
    let a = this.additive();
    while (this.startsOperand() && !this.isKw('in')) {
      a = { k: 'bin', op: 'concat', a, b: this.additive() };
    }
    void noGt;
    return a;
  }
  private additive(): Expr {
    let a = this.mul();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      a = { k: 'bin', op, a, b: this.mul() };
    }
    return a;
  }
  private mul(): Expr {
    let a = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }
  private unary(): Expr {
    if (this.isOp('!')) {
      this.p++;
      return { k: 'un', op: '!', e: this.unary() };
    }
    if (this.isOp('-') || this.isOp('+')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      return { k: 'un', op, e: this.unary() };
    }
    return this.pow();
  }
  private pow(): Expr {
    const a = this.postfix();
    if (this.isOp('^') || this.isOp('**')) {
      this.p++;
      return { k: 'bin', op: '^', a, b: this.unaryPow() };
    }
    return a;
  }
  private unaryPow(): Expr {
    if (this.isOp('-') || this.isOp('+') || this.isOp('!')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      return { k: 'un', op, e: this.unaryPow() };
    }
    return this.pow();
  }
  private postfix(): Expr {
    if (this.isOp('++') || this.isOp('--')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      return { k: 'incdec', op, prefix: true, target: this.primary() };
    }
    const e = this.primary();
    if ((this.isOp('++') || this.isOp('--')) && (e.k === 'var' || e.k === 'field' || e.k === 'index')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }
  private primary(): Expr {
    const t = this.peek();
    this.p++;
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'str', v: t.v };
      case 'ere':
        return { k: 'ere', v: t.v };
      case 'name':
        if (this.isOp('[')) {
          this.p++;
          return { k: 'index', name: t.v, subs: this.exprList(']') };
        }
        return { k: 'var', name: t.v };
      case 'func': {
        this.expectOp('(');
        return { k: 'call', name: t.v, args: this.exprList(')') };
      }
      case 'builtin': {
        if (!this.isOp('(')) {
          if (t.v === 'length') return { k: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.p++;
        return { k: 'builtin', name: t.v, args: this.exprList(')') };
      }
      case 'kw':
        if (t.v === 'getline') return { k: 'getline' };
        this.p--;
        return this.fail();
      case 'op':
        if (t.v === '$') {
          const e = this.isOp('++') || this.isOp('--') ? this.postfix() : this.primary();
          return { k: 'field', e };
        }
        if (t.v === '(') {
          this.nls();
          const e = this.expr();
          this.nls();
          if (this.isOp(',')) {
            // (a, b) in arr
            const subs = [e];
            while (this.isOp(',')) {
              this.p++;
              subs.push(this.expr());
            }
            this.expectOp(')');
            if (!this.isKw('in')) this.fail();
            this.p++;
            const n = this.peek();
            if (n.t !== 'name') this.fail();
            this.p++;
            return { k: 'in', subs, name: n.v };
          }
          this.expectOp(')');
          return { k: 'group', e };
        }
        this.p--;
        return this.fail();
      default:
        this.p--;
        return this.fail();
    }
  }
}

function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  const s = v instanceof StrNum ? v.s : v;
  const m = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(s);
  return m ? Number(m[0]) : 0;
}

function fmtNum(n: number, fmt: string): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (Number.isNaN(n)) return n > 0 ? 'nan' : '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return shellPrintf(fmt, [String(n)]).out;
}

const looksNumeric = (s: string) => /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/.test(s);

export function awk(ctx: CommandContext): CommandResult {
  const args = ctx.argv.slice(1);
  let fs: string | undefined;
  const assigns: [string, string][] = [];
  let src: string | undefined;
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (src === undefined && a === '--') {
      src = args[++k];
      continue;
    }
    if (src === undefined && a.startsWith('-F')) {
      fs = a.length > 2 ? a.slice(2) : args[++k];
      if (fs === undefined) return { stdout: '', stderr: "awk: option requires an argument -- F\n", exitCode: 2 };
      continue;
    }
    if (src === undefined && a.startsWith('-v')) {
      const as = a.length > 2 ? a.slice(2) : args[++k];
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(as ?? '');
      if (!m) return { stdout: '', stderr: `awk: fatal: \`${as ?? ''}' argument to \`-v' not in \`var=value' form\n`, exitCode: 2 };
      assigns.push([m[1]!, unescape(m[2]!)]);
      continue;
    }
    if (src === undefined && a === '-f') {
      const r = ctx.fs.readFile(args[++k] ?? '');
      if (!r.ok) return { stdout: '', stderr: `awk: fatal: can't open source file \`${args[k] ?? ''}' for reading: No such file or directory\n`, exitCode: 2 };
      src = r.value;
      continue;
    }
    if (src === undefined && /^-[a-zA-Z]/.test(a)) return { stdout: '', stderr: `awk: not an option: ${a}\n`, exitCode: 2 };
    if (src === undefined) src = a;
    else files.push(a);
  }
  if (src === undefined) return { stdout: '', stderr: 'Usage: awk [POSIX or GNU style options] -f progfile [--] file ...\nUsage: awk [POSIX or GNU style options] [--] \'program\' file ...\n', exitCode: 2 };
  let program: Program;
  try {
    program = new Parser(lex(src)).program();
  } catch (e) {
    if (e instanceof AwkSyntax) return { stdout: '', stderr: `awk: ${e.message.startsWith('line ') ? e.message : `line 1: ${e.message}`}\n`, exitCode: 2 };
    throw e;
  }
  return new Interp(program, ctx, fs, assigns, files).run();
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|"|\/)/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/' })[c]!);
}

class Interp {
  private vars = new Map<string, Val>();
  private arrays = new Map<string, Map<string, Val>>();
  private fields: Val[] = [new StrNum('')];
  private nf = 0;
  private out = '';
  private err = '';
  private steps = 0;
  private frames: Map<string, Val | Map<string, Val>>[] = [];
  private reCache = new Map<string, RegExp>();
  private seed = 0;

  constructor(
    private readonly prog: Program,
    private readonly ctx: CommandContext,
    fs: string | undefined,
    assigns: [string, string][],
    private readonly files: string[],
  ) {
    this.vars.set('FS', fs === undefined ? ' ' : fs === 't' ? '\t' : unescape(fs));
    this.vars.set('OFS', ' ');
    this.vars.set('ORS', '\n');
    this.vars.set('RS', '\n');
    this.vars.set('NR', 0);
    this.vars.set('FNR', 0);
    this.vars.set('SUBSEP', '\x1c');
    this.vars.set('CONVFMT', '%.6g');
    this.vars.set('OFMT', '%.6g');
    this.vars.set('RSTART', 0);
    this.vars.set('RLENGTH', -1);
    this.vars.set('FILENAME', '');
    const env = new Map<string, Val>(Object.entries(ctx.env).map(([k, v]) => [k, new StrNum(v)]));
    this.arrays.set('ENVIRON', env);
    for (const [k, v] of assigns) this.vars.set(k, new StrNum(v));
  }

  run(): CommandResult {
    let code = 0;
    try {
      try {
        for (const r of this.prog.rules) if (r.kind === 'begin') this.exec(r.action!);
        const hasMain = this.prog.rules.some((r) => r.kind !== 'begin');
        if (hasMain) this.readInput();
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        code = e.code;
      }
      try {
        for (const r of this.prog.rules) if (r.kind === 'end') this.exec(r.action!);
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        code = e.code;
      }
    } catch (e) {
      if (e instanceof AwkRuntime) return { stdout: this.out, stderr: `${this.err}awk: run time error: ${e.message}\n`, exitCode: 2 };
      throw e;
    }
    return { stdout: this.out, stderr: this.err, exitCode: code || (this.err ? 2 : 0) };
  }

  private readInput(): void {
    const sources = this.files.length ? this.files : ['-'];
    for (const f of sources) {
      const assign = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(f);
      if (assign) {
        this.vars.set(assign[1]!, new StrNum(unescape(assign[2]!)));
        continue;
      }
      let text: string;
      if (f === '-') text = this.ctx.stdin;
      else {
        const r = this.ctx.fs.readFile(f);
        if (!r.ok) {
          this.err += `awk: cannot open ${f} (${r.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'})\n`;
          throw new Exit(2);
        }
        text = r.value;
      }
      this.vars.set('FILENAME', f === '-' ? '' : f);
      this.vars.set('FNR', 0);
      const rs = this.str(this.vars.get('RS')!);
      const records = rs === '' ? text.replace(/^\n+/, '').split(/\n\n+/).filter((x, i, a) => x !== '' || i < a.length - 1) : text.split(rs.length === 1 ? rs : new RegExp(rs));
      if (records.length && records[records.length - 1] === '') records.pop();
      for (const rec of records) {
        this.vars.set('NR', toNum(this.vars.get('NR')!) + 1);
        this.vars.set('FNR', toNum(this.vars.get('FNR')!) + 1);
        this.setRecord(rec);
        try {
          for (const r of this.prog.rules) {
            if (r.kind !== 'main') continue;
            if (this.matches(r)) {
              if (r.action) this.exec(r.action);
              else this.out += this.str(this.fields[0]!) + this.str(this.vars.get('ORS')!);
            }
          }
        } catch (e) {
          if (!(e instanceof Next)) throw e;
        }
      }
    }
  }

  private matches(r: Rule): boolean {
    if (r.range) {
      if (r.inRange) {
        if (this.truth(this.eval(r.range[1]))) r.inRange = false;
        return true;
      }
      if (this.truth(this.eval(r.range[0]))) {
        r.inRange = !this.truth(this.eval(r.range[1]));
        return true;
      }
      return false;
    }
    return r.pattern ? this.truth(this.eval(r.pattern)) : true;
  }

  private setRecord(rec: string): void {
    this.fields = [new StrNum(rec)];
    const fs = this.str(this.vars.get('FS')!);
    let parts: string[];
    if (fs === ' ') parts = rec.split(/[ \t\n]+/).filter((x) => x !== '');
    else if (rec === '') parts = [];
    else if (fs.length === 1 && fs !== '\\') parts = rec.split(fs);
    else parts = rec.split(this.regex(fs));
    for (const p of parts) this.fields.push(new StrNum(p));
    this.nf = parts.length;
  }

  private rebuild(): void {
    const ofs = this.str(this.vars.get('OFS')!);
    this.fields[0] = new StrNum(this.fields.slice(1, this.nf + 1).map((f) => this.str(f ?? '')).join(ofs));
  }

  private regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      try {
        re = new RegExp(translate(src, true));
      } catch (e) {
        throw new AwkRuntime(`invalid regexp /${src}/: ${(e as Error).message}`);
      }
      this.reCache.set(src, re);
    }
    return re;
  }

  private str(v: Val): string {
    if (typeof v === 'string') return v;
    if (v instanceof StrNum) return v.s;
    return fmtNum(v, this.vars.get('CONVFMT') as string);
  }
  private outStr(v: Val): string {
    if (typeof v === 'number') return fmtNum(v, this.str(this.vars.get('OFMT')!));
    return this.str(v);
  }
  private truth(v: Val): boolean {
    if (typeof v === 'number') return v !== 0;
    if (v instanceof StrNum) return looksNumeric(v.s) ? toNum(v) !== 0 : v.s !== '';
    return v !== '';
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new AwkRuntime('this lab stops an awk program after 5000000 steps (an endless loop?)');
  }

  private exec(s: Stmt): void {
    this.tick();
    switch (s.k) {
      case 'block':
        for (const x of s.body) this.exec(x);
        return;
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        if (s.printf) {
          const [f, ...rest] = s.args.map((a) => this.eval(a));
          this.out += this.sprintf(this.str(f!), rest);
        } else {
          const vals = s.args.length ? s.args.map((a) => this.outStr(this.eval(a))) : [this.str(this.fields[0]!)];
          this.out += vals.join(this.str(this.vars.get('OFS')!)) + this.str(this.vars.get('ORS')!);
        }
        if (this.out.length > 16 * 1024 * 1024) throw new AwkRuntime('output too large for this lab');
        return;
      }
      case 'if':
        if (this.truth(this.eval(s.c))) this.exec(s.a);
        else if (s.b) this.exec(s.b);
        return;
      case 'while':
        if (s.doWhile) {
          do {
            try {
              this.exec(s.body);
            } catch (e) {
              if (e instanceof Break) break;
              if (!(e instanceof Continue)) throw e;
            }
            this.tick();
          } while (this.truth(this.eval(s.c)));
          return;
        }
        while (this.truth(this.eval(s.c))) {
          this.tick();
          try {
            this.exec(s.body);
          } catch (e) {
            if (e instanceof Break) break;
            if (!(e instanceof Continue)) throw e;
          }
        }
        return;
      case 'for':
        if (s.init) this.exec(s.init);
        while (!s.c || this.truth(this.eval(s.c))) {
          this.tick();
          try {
            this.exec(s.body);
          } catch (e) {
            if (e instanceof Break) break;
            if (!(e instanceof Continue)) throw e;
          }
          if (s.step) this.exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this.array(s.arr);
        for (const key of [...arr.keys()]) {
          this.tick();
          this.assignVar(s.v, new StrNum(key));
          try {
            this.exec(s.body);
          } catch (e) {
            if (e instanceof Break) break;
            if (!(e instanceof Continue)) throw e;
          }
        }
        return;
      }
      case 'next':
        throw new Next();
      case 'exit':
        throw new Exit(s.e ? toNum(this.eval(s.e)) : 0);
      case 'return':
        throw new Return(s.e ? this.eval(s.e) : '');
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs) arr.delete(this.subscript(s.subs));
        else arr.clear();
        return;
      }
    }
  }

  private subscript(subs: Expr[]): string {
    return subs.map((e) => this.str(this.eval(e))).join(this.str(this.vars.get('SUBSEP')!));
  }

  private array(name: string): Map<string, Val> {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(name)) {
      let v = frame.get(name);
      if (!(v instanceof Map)) {
        v = new Map<string, Val>();
        frame.set(name, v);
      }
      return v;
    }
    let a = this.arrays.get(name);
    if (!a) {
      if (this.vars.has(name)) throw new AwkRuntime(`attempt to use scalar \`${name}' as an array`);
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  private getVar(name: string): Val {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(name)) {
      const v = frame.get(name)!;
      if (v instanceof Map) throw new AwkRuntime(`attempt to use array \`${name}' in a scalar context`);
      return v;
    }
    if (name === 'NF') return this.nf;
    if (this.arrays.has(name)) throw new AwkRuntime(`attempt to use array \`${name}' in a scalar context`);
    return this.vars.get(name) ?? '';
  }

  private assignVar(name: string, v: Val): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(name)) {
      frame.set(name, v);
      return;
    }
    if (name === 'NF') {
      const n = Math.max(0, Math.trunc(toNum(v)));
      while (this.fields.length <= n) this.fields.push(new StrNum(''));
      this.nf = n;
      this.fields.length = n + 1;
      this.rebuild();
      return;
    }
    this.vars.set(name, v);
  }

  private assign(target: Expr, v: Val): Val {
    if (target.k === 'var') this.assignVar(target.name, v);
    else if (target.k === 'index') this.array(target.name).set(this.subscript(target.subs), v);
    else if (target.k === 'field') {
      const i = Math.trunc(toNum(this.eval(target.e)));
      if (i < 0) throw new AwkRuntime(`attempt to access field ${i}`);
      if (i > 100_000) throw new AwkRuntime('field index too large for this lab');
      if (i === 0) this.setRecord(this.str(v));
      else {
        while (this.fields.length <= i) this.fields.push(new StrNum(''));
        this.fields[i] = v;
        if (i > this.nf) this.nf = i;
        this.rebuild();
      }
    }
    return v;
  }

  private compare(a: Val, b: Val): number {
    const num = (v: Val) => typeof v === 'number' || (v instanceof StrNum && looksNumeric(v.s));
    if (num(a) && num(b)) {
      const x = toNum(a);
      const y = toNum(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private matchRe(e: Expr): RegExp {
    if (e.k === 'ere') return this.regex(e.v);
    return this.regex(this.str(this.eval(e)));
  }

  private eval(e: Expr): Val {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'ere':
        return this.regex(e.v).test(this.str(this.fields[0]!)) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
        return this.getVar(e.name);
      case 'field': {
        const i = Math.trunc(toNum(this.eval(e.e)));
        if (i < 0) throw new AwkRuntime(`attempt to access field ${i}`);
        return this.fields[i] ?? new StrNum('');
      }
      case 'index':
        return this.array(e.name).get(this.subscript(e.subs)) ?? (this.array(e.name).set(this.subscript(e.subs), ''), '');
      case 'in':
        return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'assign': {
        const v = this.eval(e.e);
        if (e.op === '=') return this.assign(e.target, v instanceof StrNum ? v : v);
        const cur = toNum(this.eval(e.target));
        const r = this.arith(e.op.slice(0, -1), cur, toNum(v));
        return this.assign(e.target, r);
      }
      case 'cond':
        return this.truth(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'un': {
        const v = this.eval(e.e);
        return e.op === '!' ? (this.truth(v) ? 0 : 1) : e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const cur = toNum(this.eval(e.target));
        const next = e.op === '++' ? cur + 1 : cur - 1;
        this.assign(e.target, next);
        return e.prefix ? next : cur;
      }
      case 'match': {
        const r = this.matchRe(e.re).test(this.str(this.eval(e.a)));
        return r !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (e.op === '&&') return this.truth(this.eval(e.a)) && this.truth(this.eval(e.b)) ? 1 : 0;
        if (e.op === '||') return this.truth(this.eval(e.a)) || this.truth(this.eval(e.b)) ? 1 : 0;
        const a = this.eval(e.a);
        const b = this.eval(e.b);
        if (e.op === 'concat') {
          const s = this.str(a) + this.str(b);
          if (s.length > 16 * 1024 * 1024) throw new AwkRuntime('string too long for this lab');
          return s;
        }
        if (['<', '<=', '==', '!=', '>=', '>'].includes(e.op)) {
          const c = this.compare(a, b);
          return (e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '==' ? c === 0 : e.op === '!=' ? c !== 0 : e.op === '>=' ? c >= 0 : c > 0) ? 1 : 0;
        }
        return this.arith(e.op, toNum(a), toNum(b));
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return 0;
    }
  }

  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '%':
        return a % b;
      case '^':
        return a ** b;
    }
    return 0;
  }

  private call(name: string, args: Expr[]): Val {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntime(`function \`${name}' not defined`);
    if (this.frames.length > 500) throw new AwkRuntime('function call nesting too deep for this lab');
    const frame = new Map<string, Val | Map<string, Val>>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (a && a.k === 'var' && (this.arrays.has(a.name) || this.frames[this.frames.length - 1]?.get(a.name) instanceof Map)) frame.set(p, this.array(a.name));
      else frame.set(p, a ? this.eval(a) : '');
    });
    this.frames.push(frame);
    try {
      this.exec(f.body);
      return '';
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.frames.pop();
    }
  }

  private sprintf(fmt: string, vals: Val[]): string {
    // awk's printf: %c of a number is the character; %d truncates; otherwise as printf(1).
    const args: string[] = [];
    let k = 0;
    const re = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/g;
    let m: RegExpExecArray | null;
    let out = '';
    let last = 0;
    while ((m = re.exec(fmt)) !== null) {
      out += fmt.slice(last, m.index);
      last = m.index + m[0].length;
      if (m[4] === '%') {
        out += '%';
        continue;
      }
      let spec = m[0];
      if (m[2] === '*') spec = spec.replace('*', String(Math.trunc(toNum(vals[k++] ?? 0))));
      if (m[3] === '*') spec = spec.replace('.*', `.${Math.trunc(toNum(vals[k++] ?? 0))}`);
      const v = vals[k++] ?? '';
      const conv = m[4]!;
      let arg: string;
      if ('diouxX'.includes(conv)) arg = String(Math.trunc(toNum(v)));
      else if ('eEfgG'.includes(conv)) arg = String(toNum(v));
      else if (conv === 'c') arg = typeof v === 'number' ? String.fromCharCode(v) : this.str(v).slice(0, 1);
      else arg = this.str(v);
      out += shellPrintf(conv === 'c' ? spec.replace(/c$/, 's') : conv === 'i' ? spec.replace(/i$/, 'd') : spec, [arg]).out;
      args.push(arg);
    }
    return out + fmt.slice(last).replace(/\\n/g, '\n');
  }

  private builtin(name: string, args: Expr[]): Val {
    const arg = (i: number) => (args[i] ? this.eval(args[i]!) : '');
    switch (name) {
      case 'length': {
        if (args.length === 0) return [...this.str(this.fields[0]!)].length;
        const a = args[0]!;
        if (a.k === 'var' && (this.arrays.has(a.name) || this.frames[this.frames.length - 1]?.get(a.name) instanceof Map)) return this.array(a.name).size;
        return [...this.str(this.eval(a))].length;
      }
      case 'substr': {
        const s = [...this.str(arg(0))];
        const start = Math.round(toNum(arg(1)));
        const len = args.length > 2 ? Math.round(toNum(arg(2))) : Infinity;
        const from = Math.max(1, start);
        const to = len === Infinity ? s.length + 1 : start + len;
        return s.slice(from - 1, Math.max(from - 1, to - 1)).join('');
      }
      case 'index': {
        const i = this.str(arg(0)).indexOf(this.str(arg(1)));
        return i + 1;
      }
      case 'split': {
        const s = this.str(arg(0));
        const target = args[1];
        if (!target || target.k !== 'var') throw new AwkRuntime('split: second argument is not an array');
        const arr = this.array(target.name);
        arr.clear();
        let parts: string[];
        const sepE = args[2];
        const sep = sepE ? (sepE.k === 'ere' ? null : this.str(this.eval(sepE))) : this.str(this.vars.get('FS')!);
        if (s === '') parts = [];
        else if (sep === ' ') parts = s.split(/[ \t\n]+/).filter((x) => x !== '');
        else if (sep !== null && sep.length === 1) parts = s.split(sep);
        else parts = s.split(sepE && sepE.k === 'ere' ? this.regex(sepE.v) : this.regex(sep ?? ' '));
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.matchRe(args[0]!);
        const rep = this.str(arg(1));
        const target: Expr = args[2] ?? { k: 'field', e: { k: 'num', v: 0 } };
        const s = this.str(this.eval(target));
        let n = 0;
        const g = new RegExp(re.source, name === 'gsub' ? 'g' : '');
        const out = s.replace(g, (m) => {
          n++;
          return rep.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? m : x === '\\&' ? '&' : '\\'));
        });
        if (n) this.assign(target, out);
        return n;
      }
      case 'match': {
        const m = this.matchRe(args[1]!).exec(this.str(arg(0)));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const [f, ...rest] = args.map((a) => this.eval(a));
        return this.sprintf(this.str(f ?? ''), rest);
      }
      case 'tolower':
        return this.str(arg(0)).toLowerCase();
      case 'toupper':
        return this.str(arg(0)).toUpperCase();
      case 'int':
        return Math.trunc(toNum(arg(0)));
      case 'sqrt':
        return Math.sqrt(toNum(arg(0)));
      case 'exp':
        return Math.exp(toNum(arg(0)));
      case 'log':
        return Math.log(toNum(arg(0)));
      case 'sin':
        return Math.sin(toNum(arg(0)));
      case 'cos':
        return Math.cos(toNum(arg(0)));
      case 'atan2':
        return Math.atan2(toNum(arg(0)), toNum(arg(1)));
      case 'rand':
        this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
        return this.seed / 2147483648;
      case 'srand': {
        const old = this.seed;
        this.seed = Math.trunc(toNum(arg(0)));
        return old;
      }
      case 'system':
        this.err += 'awk: system() is not available in this lab\n';
        return 127;
      default:
        return 0;
    }
  }
}
