/**
 * The bash grammar people use at a prompt, lexed and parsed in one pass: quotes and escapes,
 * `$VAR`, `${VAR}`, `$?`, `$(...)` and backticks, `|`, `&&`, `||`, `;`, redirections
 * (`>`, `>>`, `2>`, `2>&1`, `&>`, `<`) and heredocs (`<<EOF`, `<<'EOF'`, `<<-EOF`).
 * An unfinished construct is reported as `incomplete`, so the terminal asks for more with `> `.
 */
export type Segment =
  | { t: 'lit'; s: string; quoted: boolean }
  | { t: 'var'; name: string; quoted: boolean; fallback?: string }
  | { t: 'cmd'; src: string; quoted: boolean };

export type Word = Segment[];

export interface Redirect {
  fd: 1 | 2 | 0 | 'both';
  op: '>' | '>>' | '<' | 'dup';
  target?: Word;
  heredoc?: { body: string; expand: boolean };
}

export interface SimpleCommand {
  words: Word[];
  assigns: { name: string; value: Word }[];
  redirects: Redirect[];
}

export type Pipeline = SimpleCommand[];
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export type ParseResult = { kind: 'ok'; list: AndOr[] } | { kind: 'incomplete' } | { kind: 'error'; message: string };

type Tok = { k: 'word'; w: Word; raw: string } | { k: 'op'; op: string } | { k: 'nl' };

const MAX_DEPTH = 16;
export const MAX_INPUT = 1024 * 1024;

class Incomplete {}

function lex(src: string, depth: number): Tok[] {
  const toks: Tok[] = [];
  const pendingHeredocs: Redirect[] = [];
  let i = 0;
  const n = src.length;
  const readUntilClose = (open: number): string => {
    // $( ... ) with nesting and quotes.
    let d = 1;
    let j = open;
    let q: string | null = null;
    while (j < n) {
      const c = src[j]!;
      if (q) {
        if (c === q) q = null;
        else if (c === '\\' && q === '"') j++;
      } else if (c === "'" || c === '"') q = c;
      else if (c === '\\') j++;
      else if (c === '(') d++;
      else if (c === ')' && --d === 0) return src.slice(open, j);
      j++;
    }
    throw new Incomplete();
  };
  while (i < n) {
    const c = src[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ k: 'nl' });
      i++;
      for (const h of pendingHeredocs.splice(0)) {
        const delim = (h as Redirect & { delim: string }).delim;
        const strip = (h as Redirect & { strip: boolean }).strip;
        const lines: string[] = [];
        for (;;) {
          if (i >= n) throw new Incomplete();
          const end = src.indexOf('\n', i);
          const line = end < 0 ? src.slice(i) : src.slice(i, end);
          if (end < 0 && line !== delim && (strip ? line.replace(/^\t+/, '') : line) !== delim) throw new Incomplete();
          i = end < 0 ? n : end + 1;
          const cmp = strip ? line.replace(/^\t+/, '') : line;
          if (cmp === delim) break;
          lines.push(cmp);
        }
        h.heredoc!.body = lines.length ? `${lines.join('\n')}\n` : '';
      }
      continue;
    }
    const ops = ['2>&1', '&>', '2>>', '2>', '>>', '<<-', '<<', '&&', '||', '>', '<', '|', ';', '&', '(', ')'];
    const op = ops.find((o) => src.startsWith(o, i) && !(o.startsWith('2') && i > 0 && /[^\s;|&<>]/.test(src[i - 1]!)));
    if (op) {
      i += op.length;
      if (op === '<<' || op === '<<-') {
        while (src[i] === ' ' || src[i] === '\t') i++;
        let delim = '';
        let quoted = false;
        while (i < n && !/[\s;|&<>]/.test(src[i]!)) {
          const ch = src[i]!;
          if (ch === "'" || ch === '"') {
            quoted = true;
            const close = src.indexOf(ch, i + 1);
            if (close < 0) throw new Incomplete();
            delim += src.slice(i + 1, close);
            i = close + 1;
          } else if (ch === '\\') {
            quoted = true;
            delim += src[i + 1] ?? '';
            i += 2;
          } else {
            delim += ch;
            i++;
          }
        }
        if (!delim) throw new SyntaxErr(src[i] === undefined || src[i] === '\n' ? 'newline' : src[i]!);
        const r = { fd: 0 as const, op: '<' as const, heredoc: { body: '', expand: !quoted }, delim, strip: op === '<<-' };
        pendingHeredocs.push(r);
        toks.push({ k: 'op', op: 'heredoc' }, { k: 'word', w: [], raw: '', ...({ redirect: r } as object) } as Tok);
        continue;
      }
      toks.push({ k: 'op', op });
      continue;
    }
    // A word.
    const w: Word = [];
    const start = i;
    let lit = '';
    const flush = (quoted: boolean) => {
      if (lit) w.push({ t: 'lit', s: lit, quoted });
      lit = '';
    };
    const dollar = (quoted: boolean) => {
      // at src[i] === '$'
      const nx = src[i + 1];
      if (nx === '(') {
        flush(quoted);
        if (depth >= MAX_DEPTH) throw new SyntaxErr('$(', 'maximum $(...) nesting exceeded');
        const body = readUntilClose(i + 2);
        w.push({ t: 'cmd', src: body, quoted });
        i += body.length + 3;
      } else if (nx === '{') {
        const close = src.indexOf('}', i);
        if (close < 0) throw new Incomplete();
        flush(quoted);
        const inner = src.slice(i + 2, close);
        const m = inner.match(/^([A-Za-z_][A-Za-z0-9_]*|\?)(?::-(.*))?$/s);
        if (!m) throw new SyntaxErr('', `\${${inner}}: bad substitution`);
        w.push({ t: 'var', name: m[1]!, quoted, ...(m[2] !== undefined ? { fallback: m[2] } : {}) });
        i = close + 1;
      } else if (nx !== undefined && /[A-Za-z_?$#0-9]/.test(nx)) {
        flush(quoted);
        let j = i + 1;
        if (/[?$#0-9]/.test(nx)) j++;
        else while (j < n && /[A-Za-z0-9_]/.test(src[j]!)) j++;
        w.push({ t: 'var', name: src.slice(i + 1, j), quoted });
        i = j;
      } else {
        lit += '$';
        i++;
      }
    };
    while (i < n && !/[\s;|&<>()]/.test(src[i]!)) {
      const ch = src[i]!;
      if (ch === "'") {
        flush(false);
        const close = src.indexOf("'", i + 1);
        if (close < 0) throw new Incomplete();
        w.push({ t: 'lit', s: src.slice(i + 1, close), quoted: true });
        i = close + 1;
      } else if (ch === '"') {
        flush(false);
        i++;
        let closed = false;
        w.push({ t: 'lit', s: '', quoted: true });
        while (i < n) {
          const d = src[i]!;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(src[i + 1]!)) {
            if (src[i + 1] !== '\n') lit += src[i + 1];
            i += 2;
          } else if (d === '$') dollar(true);
          else if (d === '`') {
            flush(true);
            const close = src.indexOf('`', i + 1);
            if (close < 0) throw new Incomplete();
            w.push({ t: 'cmd', src: src.slice(i + 1, close), quoted: true });
            i = close + 1;
          } else {
            lit += d;
            i++;
          }
        }
        if (!closed) throw new Incomplete();
        flush(true);
      } else if (ch === '\\') {
        if (i + 1 >= n) throw new Incomplete();
        flush(false);
        if (src[i + 1] !== '\n') w.push({ t: 'lit', s: src[i + 1]!, quoted: true });
        i += 2;
      } else if (ch === '$') dollar(false);
      else if (ch === '`') {
        flush(false);
        const close = src.indexOf('`', i + 1);
        if (close < 0) throw new Incomplete();
        w.push({ t: 'cmd', src: src.slice(i + 1, close), quoted: false });
        i = close + 1;
      } else {
        lit += ch;
        i++;
      }
    }
    flush(false);
    toks.push({ k: 'word', w, raw: src.slice(start, i) });
  }
  if (pendingHeredocs.length) throw new Incomplete();
  return toks;
}

class SyntaxErr {
  constructor(
    readonly token: string,
    readonly message?: string,
  ) {}
}

const REDIRECT_OPS: Record<string, Redirect['fd']> = { '>': 1, '>>': 1, '2>': 2, '2>>': 2, '<': 0, '&>': 'both' };

export function parse(src: string, depth = 0): ParseResult {
  if (src.length > MAX_INPUT) return { kind: 'error', message: `bash: input longer than ${MAX_INPUT} bytes` };
  let toks: Tok[];
  try {
    toks = lex(src, depth);
  } catch (e) {
    if (e instanceof Incomplete) return { kind: 'incomplete' };
    if (e instanceof SyntaxErr) return { kind: 'error', message: e.message ? `bash: ${e.message}` : `bash: syntax error near unexpected token \`${e.token}'` };
    throw e;
  }
  let p = 0;
  const unexpected = (t: Tok | undefined) => new SyntaxErr(t === undefined ? 'newline' : t.k === 'nl' ? 'newline' : t.k === 'op' ? t.op : t.raw);
  const command = (): SimpleCommand => {
    const cmd: SimpleCommand = { words: [], assigns: [], redirects: [] };
    for (;;) {
      const t = toks[p];
      if (!t) break;
      if (t.k === 'word') {
        const m = t.raw.match(/^([A-Za-z_][A-Za-z0-9_]*)=/);
        if (m && cmd.words.length === 0) {
          const eqIdx = m[0].length;
          // Re-lex the value part: drop the NAME= prefix from the first literal.
          const value = structuredClone(t.w);
          let cut = eqIdx;
          while (cut > 0 && value.length) {
            const s = value[0]!;
            if (s.t !== 'lit') break;
            if (s.s.length <= cut) {
              cut -= s.s.length;
              value.shift();
            } else {
              value[0] = { ...s, s: s.s.slice(cut) };
              cut = 0;
            }
          }
          cmd.assigns.push({ name: m[1]!, value });
        } else cmd.words.push(t.w);
        p++;
        continue;
      }
      if (t.k === 'op' && t.op === 'heredoc') {
        cmd.redirects.push((toks[p + 1] as unknown as { redirect: Redirect }).redirect);
        p += 2;
        continue;
      }
      if (t.k === 'op' && t.op === '2>&1') {
        cmd.redirects.push({ fd: 2, op: 'dup' });
        p++;
        continue;
      }
      if (t.k === 'op' && t.op in REDIRECT_OPS) {
        const target = toks[p + 1];
        if (!target || target.k !== 'word') throw unexpected(target);
        cmd.redirects.push({ fd: REDIRECT_OPS[t.op]!, op: t.op.endsWith('>>') ? '>>' : t.op === '<' ? '<' : '>', target: target.w });
        p += 2;
        continue;
      }
      break;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) throw unexpected(toks[p]);
    return cmd;
  };
  const pipeline = (): Pipeline => {
    const cmds = [command()];
    while (toks[p]?.k === 'op' && (toks[p] as { op: string }).op === '|') {
      p++;
      while (toks[p]?.k === 'nl') p++;
      if (!toks[p]) return incompleteMarker();
      cmds.push(command());
    }
    return cmds;
  };
  const list: AndOr[] = [];
  try {
    while (p < toks.length) {
      const t = toks[p]!;
      if (t.k === 'nl') {
        p++;
        continue;
      }
      if (t.k === 'op' && (t.op === ';' || t.op === '&' || t.op === ')' || t.op === '|' || t.op === '&&' || t.op === '||')) throw unexpected(t);
      if (t.k === 'op' && t.op === '(') throw new SyntaxErr('', 'subshells are not available in this lab');
      const ao: AndOr = { first: pipeline(), rest: [] };
      while (toks[p]?.k === 'op' && ['&&', '||'].includes((toks[p] as { op: string }).op)) {
        const op = (toks[p] as { op: '&&' | '||' }).op;
        p++;
        while (toks[p]?.k === 'nl') p++;
        if (!toks[p]) return { kind: 'incomplete' };
        ao.rest.push({ op, pipeline: pipeline() });
      }
      list.push(ao);
      const sep = toks[p];
      if (sep && sep.k === 'op' && (sep.op === ';' || sep.op === '&')) {
        p++;
        if (toks[p]?.k === 'op' && [';', '&'].includes((toks[p] as { op: string }).op)) throw unexpected(toks[p]);
      } else if (sep && sep.k !== 'nl') throw unexpected(sep);
    }
  } catch (e) {
    if (e instanceof IncompleteMarker) return { kind: 'incomplete' };
    if (e instanceof SyntaxErr) return { kind: 'error', message: e.message ? `bash: ${e.message}` : `bash: syntax error near unexpected token \`${e.token}'` };
    throw e;
  }
  return { kind: 'ok', list };
}

class IncompleteMarker {}
function incompleteMarker(): never {
  throw new IncompleteMarker();
}
