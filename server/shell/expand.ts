/**
 * bash's word expansions, in bash's order: brace expansion, then tilde, parameter, arithmetic
 * and command substitution, field splitting on IFS, pathname expansion and quote removal.
 * A field remembers which of its characters were quoted, so `"*"` never globs.
 */
import { hasGlob, matchPattern, removeAffix, replacePattern } from './pattern.js';

/** What expansion needs from the shell. */
export interface ExpandHost {
  scalar(name: string): string | undefined;
  /** All elements of an array (or the scalar as one), for `${a[@]}`; undefined when unset. */
  elements(name: string): string[] | undefined;
  keys(name: string): string[];
  element(name: string, index: string): string | undefined;
  assign(name: string, value: string): void;
  positional(): string[];
  names(prefix: string): string[];
  commandSubstitution(src: string): string;
  processSubstitution(src: string, dir: '<' | '>'): string;
  arithmetic(expr: string): string;
  home(): string;
  ifs(): string;
  nounset(): boolean;
  /** Reports an expansion error and stops the line; 127 for unset parameters (`-u`, `${v:?}`). */
  error(message: string, status?: number): never;
}

export interface Field {
  text: string;
  /** The text as a pattern: quoted characters escaped with a backslash. */
  pat: string;
  glob: boolean;
}

const MAX_BRACE = 10_000;

export class ExpansionError extends Error {}

/** `a{b,c}d` and `{1..5}`: unquoted braces only. */
export function braceExpand(word: string, budget = { n: 0 }): string[] {
  let i = 0;
  let quote: string | null = null;
  for (; i < word.length; i++) {
    const c = word[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === '$' && word[i + 1] === '{') {
      i = skipBraces(word, i + 1);
      continue;
    }
    if (c === '$' && word[i + 1] === '(') {
      i = skipParens(word, i + 1);
      continue;
    }
    if (c !== '{') continue;
    const close = matchBrace(word, i);
    if (close < 0) continue;
    const inner = word.slice(i + 1, close);
    const parts = splitTopCommas(inner);
    let alts: string[] | undefined;
    if (parts.length > 1) alts = parts;
    else {
      const seq = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(inner);
      if (seq) alts = sequence(seq[1]!, seq[2]!, seq[3]);
    }
    if (!alts) continue;
    const pre = word.slice(0, i);
    const post = word.slice(close + 1);
    const out: string[] = [];
    for (const a of alts) {
      for (const x of braceExpand(pre + a + post, budget)) {
        if (++budget.n > MAX_BRACE) throw new ExpansionError('brace expansion: too many words');
        out.push(x);
      }
    }
    return out;
  }
  return [word];
}

function sequence(a: string, b: string, step?: string): string[] | undefined {
  const num = /^-?\d+$/;
  if (num.test(a) !== num.test(b)) return undefined;
  let inc = Math.abs(Number(step ?? 1)) || 1;
  if (num.test(a)) {
    const x = Number(a);
    const y = Number(b);
    if (Math.abs(y - x) / inc > MAX_BRACE) throw new ExpansionError('brace expansion: too many words');
    const width = /^-?0\d/.test(a) || /^-?0\d/.test(b) ? Math.max(a.length, b.length) : 0;
    const out: string[] = [];
    if (x > y) inc = -inc;
    for (let v = x; inc > 0 ? v <= y : v >= y; v += inc) out.push(width ? (v < 0 ? `-${String(-v).padStart(width - 1, '0')}` : String(v).padStart(width, '0')) : String(v));
    return out;
  }
  const x = a.charCodeAt(0);
  const y = b.charCodeAt(0);
  if (x > y) inc = -inc;
  const out: string[] = [];
  for (let v = x; inc > 0 ? v <= y : v >= y; v += inc) out.push(String.fromCharCode(v));
  return out;
}

function matchBrace(w: string, open: number): number {
  let d = 0;
  let quote: string | null = null;
  for (let j = open; j < w.length; j++) {
    const c = w[j]!;
    if (quote) {
      if (c === '\\' && quote === '"') j++;
      else if (c === quote) quote = null;
    } else if (c === '\\') j++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '$' && w[j + 1] === '{') j = skipBraces(w, j + 1);
    else if (c === '{') d++;
    else if (c === '}' && --d === 0) return j;
  }
  return -1;
}

function splitTopCommas(s: string): string[] {
  const out: string[] = [];
  let d = 0;
  let cur = '';
  let quote: string | null = null;
  for (let j = 0; j < s.length; j++) {
    const c = s[j]!;
    if (quote) {
      if (c === quote) quote = null;
      cur += c;
      continue;
    }
    if (c === '\\') {
      cur += c + (s[j + 1] ?? '');
      j++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === '{') d++;
    if (c === '}') d--;
    if (c === ',' && d === 0) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function skipBraces(w: string, open: number): number {
  let d = 0;
  for (let j = open; j < w.length; j++) {
    const c = w[j]!;
    if (c === '\\') j++;
    else if (c === "'" ) {
      const e = w.indexOf("'", j + 1);
      if (e > 0) j = e;
    } else if (c === '{') d++;
    else if (c === '}' && --d === 0) return j;
  }
  return w.length;
}

function skipParens(w: string, open: number): number {
  let d = 0;
  let quote: string | null = null;
  for (let j = open; j < w.length; j++) {
    const c = w[j]!;
    if (quote) {
      if (c === '\\' && quote === '"') j++;
      else if (c === quote) quote = null;
    } else if (c === '\\') j++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '(') d++;
    else if (c === ')' && --d === 0) return j;
  }
  return w.length;
}

const escapeGlob = (s: string) => s.replace(/[\\*?[\]]/g, '\\$&');

export function ansiC(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|c.|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'e':
      case 'E': return '\x1b';
      case 'f': return '\f';
      case 'v': return '\v';
      case 'x': return String.fromCharCode(parseInt(e.slice(1), 16));
      case 'u': return String.fromCharCode(parseInt(e.slice(1), 16));
      case 'c': return String.fromCharCode(e.charCodeAt(1) & 31);
      default:
        if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8) & 255);
        return e === "'" || e === '"' || e === '\\' || e === '?' ? e : `\\${e}`;
    }
  });
}

/**
 * Expands one word (after brace expansion) into fields. `split` false is the assignment and
 * `[[ ]]` context: no field splitting, no globbing, `$@` joined.
 */
export function expandWord(raw: string, host: ExpandHost, opts: { split: boolean; assignment?: boolean; heredoc?: boolean }): Field[] {
  const fields: Field[] = [];
  let cur: Field = { text: '', pat: '', glob: false };
  let has = false;
  const lit = (s: string, quoted: boolean) => {
    cur.text += s;
    cur.pat += quoted ? escapeGlob(s) : s;
    if (!quoted && /[*?[]/.test(s)) cur.glob = true;
    has = has || quoted || s !== '';
  };
  const breakField = () => {
    fields.push(cur);
    cur = { text: '', pat: '', glob: false };
    has = false;
  };
  const ifs = host.ifs();
  const ifsWhite = [...ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  // An unquoted expansion's value: split on IFS when splitting.
  const value = (v: string, quoted: boolean) => {
    if (quoted || !opts.split) return lit(v, quoted);
    if (ifs === '') return lit(v, false);
    let i = 0;
    let pendingBreak = false;
    while (i < v.length) {
      const c = v[i]!;
      if (ifs.includes(c)) {
        // A run of IFS whitespace with at most one non-whitespace IFS char is one separator.
        let j = i;
        while (j < v.length && ifsWhite.includes(v[j]!)) j++;
        let hard = false;
        if (j < v.length && ifs.includes(v[j]!) && !ifsWhite.includes(v[j]!)) {
          hard = true;
          j++;
          while (j < v.length && ifsWhite.includes(v[j]!)) j++;
        }
        if (has || hard) breakField();
        else if (cur.text !== '') breakField();
        pendingBreak = false;
        i = j;
        continue;
      }
      pendingBreak = false;
      lit(c, false);
      i++;
    }
    void pendingBreak;
  };
  const fieldsValue = (xs: string[], quoted: boolean) => {
    if (!opts.split) return lit(xs.join(' '), quoted);
    if (!quoted) {
      xs.forEach((x, k) => {
        if (k > 0 && has) breakField();
        value(x, false);
      });
      return;
    }
    xs.forEach((x, k) => {
      if (k > 0) breakField();
      lit(x, true);
    });
    if (xs.length === 0 && !has) cur = { text: '', pat: '', glob: false };
  };
  let i = 0;
  let dq = false;
  let sawAtEmpty = false;
  if (!opts.heredoc && raw.startsWith('~')) {
    const m = /^~([A-Za-z0-9_.-]*)(?=\/|$|:)/.exec(raw);
    if (m && (m[1] === '' || m[1] === 'root')) {
      lit(host.home(), true);
      i = m[0].length;
    }
  }
  while (i < raw.length) {
    const c = raw[i]!;
    if (!dq && !opts.heredoc && c === "'") {
      const e = raw.indexOf("'", i + 1);
      lit(raw.slice(i + 1, e), true);
      has = true;
      i = e + 1;
      continue;
    }
    if (!dq && !opts.heredoc && c === '$' && raw[i + 1] === "'") {
      let e = i + 2;
      while (e < raw.length && raw[e] !== "'") e += raw[e] === '\\' ? 2 : 1;
      lit(ansiC(raw.slice(i + 2, e)), true);
      has = true;
      i = e + 1;
      continue;
    }
    if (!dq && !opts.heredoc && c === '$' && raw[i + 1] === '"') {
      // $"...": a locale-translated string; untranslated here, as in the C locale.
      i++;
      continue;
    }
    if (!opts.heredoc && c === '"') {
      dq = !dq;
      has = true;
      i++;
      continue;
    }
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === undefined) {
        lit('\\', dq);
        i++;
      } else if (dq || opts.heredoc) {
        if ('$`"\\\n'.includes(n) && !(opts.heredoc && n === '"')) lit(n === '\n' ? '' : n, true);
        else lit(`\\${n}`, true);
        i += 2;
      } else {
        lit(n === '\n' ? '' : n, true);
        i += 2;
      }
      continue;
    }
    if (c === '`') {
      let e = i + 1;
      let body = '';
      while (e < raw.length && raw[e] !== '`') {
        if (raw[e] === '\\' && '`\\$'.includes(raw[e + 1] ?? '')) {
          body += raw[e + 1];
          e += 2;
        } else body += raw[e++];
      }
      value(host.commandSubstitution(body), dq);
      i = e + 1;
      continue;
    }
    if ((c === '<' || c === '>') && raw[i + 1] === '(' && i === 0 && !dq && !opts.heredoc) {
      const e = skipParens(raw, i + 1);
      lit(host.processSubstitution(raw.slice(i + 2, e), c), true);
      i = e + 1;
      continue;
    }
    if (c === '$') {
      const n = raw[i + 1];
      if (n === '(' && raw[i + 2] === '(') {
        const e = skipParens(raw, i + 1);
        if (raw[e - 1] === ')') {
          const expr = raw.slice(i + 3, e - 1);
          value(host.arithmetic(expandString(expr, host, true)), dq);
          i = e + 1;
          continue;
        }
      }
      if (n === '(') {
        const e = skipParens(raw, i + 1);
        value(host.commandSubstitution(raw.slice(i + 2, e)), dq);
        i = e + 1;
        continue;
      }
      if (n === '{') {
        const e = skipBraces(raw, i + 1);
        const r = parameter(raw.slice(i + 2, e), host, dq);
        if (r.kind === 'fields') {
          if (r.values.length === 0 && dq) sawAtEmpty = true;
          fieldsValue(r.values, dq);
        } else value(r.value, dq);
        i = e + 1;
        continue;
      }
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?#@*$!\-])/.exec(raw.slice(i + 1));
      if (m) {
        const name = m[1]!;
        if (name === '@' || name === '*') {
          const xs = host.positional();
          if (name === '*' && dq) lit(xs.join(ifs.slice(0, 1)), true);
          else {
            if (xs.length === 0 && dq) sawAtEmpty = true;
            fieldsValue(xs, dq);
          }
        } else {
          const v = host.scalar(name);
          if (v === undefined && host.nounset() && !'?#$!-0'.includes(name)) host.error(`${name}: unbound variable`, 127);
          value(v ?? '', dq);
        }
        i += 1 + name.length;
        continue;
      }
      lit('$', dq);
      i++;
      continue;
    }
    if (!dq && !opts.heredoc && opts.assignment && c === ':' && raw[i + 1] === '~') {
      lit(':', false);
      const m = /^~(?=\/|$|:)/.exec(raw.slice(i + 1));
      if (m) {
        lit(host.home(), true);
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    lit(c, dq || !!opts.heredoc);
    i++;
  }
  if (has || cur.text !== '') fields.push(cur);
  else if (sawAtEmpty) return fields;
  return fields;
}

/** A word expanded to one string (assignments, redirection targets, `[[ ]]` operands). */
export function expandString(raw: string, host: ExpandHost, heredoc = false): string {
  return expandWord(raw, host, { split: false, assignment: true, heredoc })
    .map((f) => f.text)
    .join(' ');
}

/** A word expanded as a pattern: quoted parts are escaped. */
export function expandPattern(raw: string, host: ExpandHost): string {
  return expandWord(raw, host, { split: false })
    .map((f) => f.pat)
    .join(' ');
}

type ParamResult = { kind: 'scalar'; value: string } | { kind: 'fields'; values: string[] };

function parameter(body: string, host: ExpandHost, dq: boolean): ParamResult {
  const bad = (): never => host.error(`\${${body}}: bad substitution`);
  // ${#name}, ${#a[@]}
  if (body.startsWith('#') && body.length > 1) {
    const m = /^#([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])(?:\[([^\]]*)\])?$/.exec(body);
    if (!m) return bad();
    const name = m[1]!;
    if (m[2] === '@' || m[2] === '*') return { kind: 'scalar', value: String(host.elements(name)?.length ?? 0) };
    if (name === '@' || name === '*') return { kind: 'scalar', value: String(host.positional().length) };
    const v = m[2] !== undefined ? host.element(name, m[2]) : host.scalar(name);
    if (v === undefined && host.nounset()) host.error(`${name}: unbound variable`, 127);
    return { kind: 'scalar', value: String([...(v ?? '')].length) };
  }
  if (body.startsWith('!')) {
    const keys = /^!([A-Za-z_][A-Za-z0-9_]*)\[([@*])\]$/.exec(body);
    if (keys) return { kind: 'fields', values: host.keys(keys[1]!) };
    const pre = /^!([A-Za-z_][A-Za-z0-9_]*)([@*])$/.exec(body);
    if (pre) return { kind: 'fields', values: host.names(pre[1]!) };
    const ind = /^!([A-Za-z_][A-Za-z0-9_]*)(.*)$/.exec(body);
    if (!ind) return bad();
    const target = host.scalar(ind[1]!) ?? '';
    if (target === '') return ind[2] ? parameter(`__ckalab_empty${ind[2]}`, host, dq) : { kind: 'scalar', value: '' };
    if (!/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?$|^[0-9]+$/.test(target)) host.error(`${target}: invalid indirect expansion`);
    return parameter(target + ind[2], host, dq);
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])(?:\[([^\]]*)\])?([\s\S]*)$/.exec(body);
  if (!m) return bad();
  const name = m[1]!;
  const sub = m[2];
  const rest = m[3]!;
  const isArray = sub === '@' || sub === '*' || name === '@' || name === '*';
  let values: string[] | undefined;
  let value: string | undefined;
  if (name === '@' || name === '*') values = host.positional();
  else if (sub === '@' || sub === '*') values = host.elements(name);
  else if (sub !== undefined) value = host.element(name, sub);
  else value = host.scalar(name);
  const isSet = isArray ? values !== undefined && values.length > 0 : value !== undefined;
  const joined = () => (values ?? []).join(sub === '*' || name === '*' ? host.ifs().slice(0, 1) : ' ');
  const result = (xs: string[] | string): ParamResult => (typeof xs === 'string' ? { kind: 'scalar', value: xs } : sub === '*' || name === '*' ? { kind: 'scalar', value: xs.join(dq ? host.ifs().slice(0, 1) : ' ') } : { kind: 'fields', values: xs });
  if (rest === '') {
    if (!isSet && !isArray && host.nounset() && !/^[?#$!-]$/.test(name)) host.error(`${name}: unbound variable`, 127);
    return isArray ? result(values ?? []) : { kind: 'scalar', value: value ?? '' };
  }
  const current = isArray ? joined() : (value ?? '');
  const op = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|\/\/|\/#|\/%|\/|\^\^|\^|,,|,|~~|~|:|@)([\s\S]*)$/.exec(rest);
  if (!op) return bad();
  const [, o, arg] = op as unknown as [string, string, string];
  const empty = !isSet || (o.startsWith(':') && current === '');
  switch (o) {
    case ':-':
    case '-':
      return empty ? { kind: 'scalar', value: expandString(arg, host) } : isArray ? result(values!) : { kind: 'scalar', value: current };
    case ':=':
    case '=': {
      if (!empty) return { kind: 'scalar', value: current };
      const v = expandString(arg, host);
      if (/^[0-9?#@*$!-]/.test(name)) host.error(`$${name}: cannot assign in this way`);
      host.assign(sub !== undefined ? `${name}[${sub}]` : name, v);
      return { kind: 'scalar', value: v };
    }
    case ':+':
    case '+':
      return empty ? { kind: 'scalar', value: '' } : { kind: 'scalar', value: expandString(arg, host) };
    case ':?':
    case '?':
      if (empty) host.error(`${name}: ${arg === '' ? (o === ':?' ? 'parameter null or not set' : 'parameter not set') : expandString(arg, host)}`, 127);
      return { kind: 'scalar', value: current };
    case ':': {
      const mm = /^([^:]*)(?::([\s\S]*))?$/.exec(arg)!;
      const off = Number(host.arithmetic(mm[1]!.trim() === '' ? '0' : mm[1]!));
      const hasLen = mm[2] !== undefined;
      const len = hasLen ? Number(host.arithmetic(mm[2]!.trim() === '' ? '0' : mm[2]!)) : 0;
      if (isArray) {
        const xs = values ?? [];
        const start = off < 0 ? Math.max(0, xs.length + off) : off;
        if (hasLen && len < 0) host.error(`${mm[2]}: substring expression < 0`);
        return result(xs.slice(start, hasLen ? start + len : undefined));
      }
      const chars = [...current];
      const start = off < 0 ? chars.length + off : off;
      if (start < 0 || start > chars.length) return { kind: 'scalar', value: '' };
      let end = chars.length;
      if (hasLen) {
        end = len < 0 ? chars.length + len : start + len;
        if (end < start) host.error(`${mm[2]!.trim()}: substring expression < 0`);
      }
      return { kind: 'scalar', value: chars.slice(start, end).join('') };
    }
    case '@': {
      const f = (s: string) =>
        arg === 'Q' ? `'${s.replace(/'/g, "'\\''")}'` : arg === 'U' ? s.toUpperCase() : arg === 'L' ? s.toLowerCase() : arg === 'u' ? s.charAt(0).toUpperCase() + s.slice(1) : arg === 'E' ? ansiC(s) : arg === 'A' ? `${name}='${s}'` : bad();
      return isArray ? result((values ?? []).map(f)) : { kind: 'scalar', value: isSet ? f(current) : '' };
    }
  }
  const mapEach = (f: (s: string) => string): ParamResult => (isArray ? result((values ?? []).map(f)) : { kind: 'scalar', value: f(current) });
  switch (o) {
    case '#':
    case '##': {
      const p = expandPattern(arg, host);
      return mapEach((s) => removeAffix(s, p, 'prefix', o === '##'));
    }
    case '%':
    case '%%': {
      const p = expandPattern(arg, host);
      return mapEach((s) => removeAffix(s, p, 'suffix', o === '%%'));
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const slash = findUnescapedSlash(arg);
      const p = expandPattern(slash < 0 ? arg : arg.slice(0, slash), host);
      const r = slash < 0 ? '' : expandString(arg.slice(slash + 1), host);
      return mapEach((s) => replacePattern(s, p, r, o === '//' ? 'all' : o === '/#' ? 'start' : o === '/%' ? 'end' : 'first'));
    }
    case '^':
    case '^^':
    case ',':
    case ',,':
    case '~':
    case '~~': {
      const p = arg === '' ? '?' : expandPattern(arg, host);
      const conv = (ch: string) => (o[0] === '^' ? ch.toUpperCase() : o[0] === ',' ? ch.toLowerCase() : ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase());
      return mapEach((s) => {
        const chars = [...s];
        if (o.length === 2) return chars.map((ch) => (matchPattern(p, ch) ? conv(ch) : ch)).join('');
        return chars.length && matchPattern(p, chars[0]!) ? conv(chars[0]!) + chars.slice(1).join('') : s;
      });
    }
  }
  return bad();
}

function findUnescapedSlash(s: string): number {
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (c === '/') return i;
  }
  return -1;
}

export { hasGlob };
