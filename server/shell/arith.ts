/**
 * bash's arithmetic (`$(( ))`, `(( ))`, `let`, `for ((;;))`, `declare -i`): 64-bit integers,
 * C's operators and precedence, bases (`0x1f`, `017`, `2#101`), assignments to variables.
 * Errors carry bash's own wording (`division by 0 (error token is "0")`).
 */
export interface ArithHost {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {}

const MAX_DEPTH = 200;

type Tok = { t: 'num'; v: bigint } | { t: 'name'; v: string; sub?: string } | { t: 'op'; v: string };
const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', ',', '(', ')'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F]+|\d+#[0-9a-zA-Z@_]+|\d+)/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: parseNumber(num[1]!, src.slice(i)) });
      i += num[1]!.length;
      if (/[A-Za-z_]/.test(src[i] ?? '')) throw new ArithError(`${src.trim()}: value too great for base (error token is "${src.slice(i - num[1]!.length).trim()}")`);
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      i += name[0].length;
      if (src[i] === '[') {
        const close = src.indexOf(']', i);
        if (close < 0) throw new ArithError(`${src.trim()}: syntax error: invalid arithmetic operator`);
        out.push({ t: 'name', v: name[0], sub: src.slice(i + 1, close) });
        i = close + 1;
      } else out.push({ t: 'name', v: name[0] });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new ArithError(`${src.trim()}: syntax error: invalid arithmetic operator (error token is "${src.slice(i).trim()}")`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(text: string, rest: string): bigint {
  if (/^0[xX]/.test(text)) return BigInt(text);
  const hash = text.indexOf('#');
  if (hash > 0) {
    const base = Number(text.slice(0, hash));
    if (base < 2 || base > 64) throw new ArithError(`${rest.trim()}: invalid arithmetic base (error token is "${text}")`);
    let v = 0n;
    for (const ch of text.slice(hash + 1)) {
      const d = base <= 36 ? parseInt(ch, 36) : '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ@_'.indexOf(ch);
      if (Number.isNaN(d) || d < 0 || d >= base) throw new ArithError(`${rest.trim()}: value too great for base (error token is "${text}")`);
      v = v * BigInt(base) + BigInt(d);
    }
    return v;
  }
  if (text.length > 1 && text.startsWith('0')) {
    if (/[89]/.test(text)) throw new ArithError(`${text}: value too great for base (error token is "${text}")`);
    return BigInt(`0o${text.slice(1)}`);
  }
  return BigInt(text);
}

const BIN: Record<string, number> = { ',': 1, '||': 4, '&&': 5, '|': 6, '^': 7, '&': 8, '==': 9, '!=': 9, '<': 10, '>': 10, '<=': 10, '>=': 10, '<<': 11, '>>': 11, '+': 12, '-': 12, '*': 13, '/': 13, '%': 13, '**': 14 };
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

export function evaluate(src: string, host: ArithHost, depth = 0): bigint {
  if (depth > MAX_DEPTH) throw new ArithError(`${src}: expression recursion level exceeded`);
  const toks = tokenize(src);
  if (toks.length === 0) return 0n;
  let p = 0;
  const whole = src.trim();
  const errTok = () => {
    const rest = toks.slice(p).map((t) => (t.t === 'num' ? String(t.v) : t.v)).join(' ');
    return rest;
  };
  const operandExpected = (): never => {
    throw new ArithError(`${whole}: syntax error: operand expected (error token is "${errTok() || whole.slice(-1)}")`);
  };
  const varValue = (name: string, sub?: string): bigint => {
    const key = sub !== undefined ? `${name}[${sub}]` : name;
    const raw = host.get(key);
    if (raw === undefined || raw.trim() === '') return 0n;
    if (/^-?\d+$/.test(raw.trim())) return BigInt(raw.trim());
    return evaluate(raw, host, depth + 1);
  };
  const wrap = (v: bigint) => BigInt.asIntN(64, v);
  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) throw new ArithError(`${whole}: division by 0 (error token is "${errTok() || String(b)}")`);
        return op === '/' ? a / b : a % b;
      case '**':
        if (b < 0n) throw new ArithError(`${whole}: exponent less than 0 (error token is "${errTok()}")`);
        return wrap(a ** (b > 4096n ? 4096n : b));
      case '<<': return wrap(a << (b & 63n));
      case '>>': return a >> (b & 63n);
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '^': return a ^ b;
      case '|': return a | b;
      case ',': return b;
      default: return 0n;
    }
  };
  // `skip` evaluates without side effects nor errors (the untaken side of && || ?:).
  const expr = (minPrec: number, skip: boolean): bigint => {
    let left = unary(skip);
    for (;;) {
      const t = toks[p];
      if (!t || t.t !== 'op') break;
      if (t.v === '?' && minPrec <= 3) {
        p++;
        const a = expr(1, skip || left === 0n);
        if (toks[p]?.v !== ':') throw new ArithError(`${whole}: expected \`:' (error token is "${errTok()}")`);
        p++;
        const b = expr(3, skip || left !== 0n);
        left = left !== 0n ? a : b;
        continue;
      }
      const prec = BIN[t.v];
      if (prec === undefined || prec < minPrec) break;
      p++;
      if (t.v === '&&') {
        const r = expr(prec + 1, skip || left === 0n);
        left = left !== 0n && r !== 0n ? 1n : 0n;
      } else if (t.v === '||') {
        const r = expr(prec + 1, skip || left !== 0n);
        left = left !== 0n || r !== 0n ? 1n : 0n;
      } else {
        const r = expr(t.v === '**' ? prec : prec + 1, skip);
        left = skip ? 0n : apply(t.v, left, r);
      }
    }
    return left;
  };
  const unary = (skip: boolean): bigint => {
    const t = toks[p];
    if (!t) return operandExpected();
    if (t.t === 'op') {
      if (t.v === '(') {
        p++;
        const v = expr(1, skip);
        if (toks[p]?.v !== ')') throw new ArithError(`${whole}: missing \`)' (error token is "${errTok()}")`);
        p++;
        return v;
      }
      if (t.v === '++' || t.v === '--') {
        p++;
        const n = toks[p];
        if (!n || n.t !== 'name') return operandExpected();
        p++;
        const v = varValue(n.v, n.sub) + (t.v === '++' ? 1n : -1n);
        if (!skip) host.set(n.sub !== undefined ? `${n.v}[${n.sub}]` : n.v, String(v));
        return v;
      }
      if (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~') {
        p++;
        const v = unary(skip);
        return t.v === '-' ? wrap(-v) : t.v === '+' ? v : t.v === '!' ? (v === 0n ? 1n : 0n) : ~v;
      }
      return operandExpected();
    }
    p++;
    if (t.t === 'num') return t.v;
    const key = t.sub !== undefined ? `${t.v}[${t.sub}]` : t.v;
    const n = toks[p];
    if (n && n.t === 'op' && ASSIGN.has(n.v)) {
      p++;
      const r = expr(2, skip);
      const v = n.v === '=' ? r : apply(n.v.slice(0, -1), varValue(t.v, t.sub), r);
      if (!skip) host.set(key, String(v));
      return v;
    }
    if (n && n.t === 'op' && (n.v === '++' || n.v === '--')) {
      p++;
      const v = varValue(t.v, t.sub);
      if (!skip) host.set(key, String(v + (n.v === '++' ? 1n : -1n)));
      return v;
    }
    return skip ? 0n : varValue(t.v, t.sub);
  };
  const v = expr(1, false);
  if (p < toks.length) throw new ArithError(`${whole}: syntax error in expression (error token is "${errTok()}")`);
  return v;
}
