/**
 * GNU coreutils' line tools as people pipe kubectl into them: cat -n/-A, head/tail (-n ±N, -c),
 * sort (-k -t -n -h -r -u -V), uniq (-c -d -u -i), wc, tr (-d -s -c, classes, ranges), tac, rev,
 * nl, column -t, seq, basename, dirname, paste, expr. Output and messages match GNU's.
 */
import { md5, sha256 } from './digest.js';
import type { CommandContext, CommandResult } from '../command.js';

type Tool = (ctx: CommandContext) => CommandResult;

interface Parsed {
  flags: Map<string, string | true>;
  rest: string[];
  error?: string;
}

/** GNU getopt: clustered short flags, values attached or next, long options with `=`, `--`. */
function getopt(cmd: string, args: readonly string[], withValue: string, long: Record<string, string> = {}, numericShort = false): Parsed {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--') {
      rest.push(...args.slice(k + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const key = long[name];
      if (key === undefined) return { flags, rest, error: `${cmd}: unrecognized option '${a}'\nTry '${cmd} --help' for more information.\n` };
      if (withValue.includes(key)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++k];
        if (v === undefined) return { flags, rest, error: `${cmd}: option '--${name}' requires an argument\nTry '${cmd} --help' for more information.\n` };
        flags.set(key, v);
      } else flags.set(key, true);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (numericShort && /^-\d+$/.test(a)) {
        flags.set('n', a.slice(1));
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (withValue.includes(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++k];
          if (v === undefined) return { flags, rest, error: `${cmd}: option requires an argument -- '${c}'\nTry '${cmd} --help' for more information.\n` };
          flags.set(c, v);
          break;
        }
        flags.set(c, true);
      }
      continue;
    }
    rest.push(a);
  }
  return { flags, rest };
}

/** The text of the files (or stdin), with `cmd: f: No such file or directory` for each missing one. */
function readAll(cmd: string, files: string[], ctx: CommandContext): { texts: { name: string; text: string }[]; err: string } {
  if (files.length === 0) return { texts: [{ name: '-', text: ctx.stdin }], err: '' };
  const texts: { name: string; text: string }[] = [];
  let err = '';
  for (const f of files) {
    if (f === '-') {
      texts.push({ name: f, text: ctx.stdin });
      continue;
    }
    const r = ctx.fs.readFile(f);
    if (r.ok) texts.push({ name: f, text: r.value });
    else err += `${cmd}: ${f}: ${r.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`;
  }
  return { texts, err };
}

const splitLines = (t: string): string[] => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
const joinLines = (l: string[]): string => (l.length ? `${l.join('\n')}\n` : '');
const done = (stdout: string, err: string, fail = 1): CommandResult => ({ stdout, stderr: err, exitCode: err ? fail : 0 });

const cat: Tool = (ctx) => {
  const o = getopt('cat', ctx.argv.slice(1), '', { number: 'n', 'number-nonblank': 'b', 'show-all': 'A', 'show-ends': 'E', 'show-tabs': 'T', 'squeeze-blank': 's', 'show-nonprinting': 'v' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const f = o.flags;
  const { texts, err } = readAll('cat', o.rest, ctx);
  let text = texts.map((t) => t.text).join('');
  if (f.size === 0 || (f.size === 1 && f.has('u'))) return done(text, err);
  const showEnds = f.has('A') || f.has('E') || f.has('e');
  const showTabs = f.has('A') || f.has('T') || f.has('t');
  const showNp = f.has('A') || f.has('v') || f.has('e') || f.has('t');
  const hasFinal = text.endsWith('\n');
  let lines = text === '' ? [] : (hasFinal ? text.slice(0, -1) : text).split('\n');
  if (f.has('s')) lines = lines.filter((l, i) => !(l === '' && lines[i - 1] === ''));
  let n = 0;
  text = lines
    .map((l, i) => {
      let s = l;
      if (showNp) s = [...s].map((ch) => { const c = ch.charCodeAt(0); return ch === '\t' ? ch : c < 32 ? `^${String.fromCharCode(c + 64)}` : c === 127 ? '^?' : ch; }).join('');
      if (showTabs) s = s.replace(/\t/g, '^I');
      if (showEnds && (i < lines.length - 1 || hasFinal)) s += '$';
      if (f.has('b') ? l !== '' : f.has('n')) s = `${String(++n).padStart(6)}\t${s}`;
      return s;
    })
    .join('\n');
  return done(text + (hasFinal ? '\n' : ''), err);
};

function countArg(v: string): { n: number; fromStart: boolean; negative: boolean } | undefined {
  const m = /^([+-]?)(\d+)([bkKmMgG]?)$/.exec(v);
  if (!m) return undefined;
  const mult = { '': 1, b: 512, k: 1024, K: 1024, m: 1048576, M: 1048576, g: 1073741824, G: 1073741824 }[m[3]!] ?? 1;
  return { n: Number(m[2]) * mult, fromStart: m[1] === '+', negative: m[1] === '-' };
}

const headTail = (which: 'head' | 'tail'): Tool => (ctx) => {
  const o = getopt(which, ctx.argv.slice(1), 'nc', { lines: 'n', bytes: 'c', quiet: 'q', silent: 'q', verbose: 'v' }, true);
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const bytes = o.flags.get('c');
  const linesArg = o.flags.get('n');
  const spec = typeof bytes === 'string' ? bytes : typeof linesArg === 'string' ? linesArg : '10';
  const c = countArg(spec);
  if (!c) {
    const what = typeof bytes === 'string' ? 'bytes' : 'lines';
    return { stdout: '', stderr: `${which}: invalid number of ${what}: ‘${spec}’\n`, exitCode: 1 };
  }
  const { texts, err } = readAll(which, o.rest, ctx);
  const many = texts.length > 1 || o.flags.has('v');
  let out = '';
  texts.forEach((t, i) => {
    if (many && !o.flags.has('q')) out += `${i > 0 ? '\n' : ''}==> ${t.name === '-' ? 'standard input' : t.name} <==\n`;
    if (typeof bytes === 'string') {
      const b = Buffer.from(t.text);
      if (which === 'head') out += (c.negative ? b.subarray(0, Math.max(0, b.length - c.n)) : b.subarray(0, c.n)).toString();
      else out += (c.fromStart ? b.subarray(Math.max(0, c.n - 1)) : b.subarray(Math.max(0, b.length - c.n))).toString();
      return;
    }
    const hasFinal = t.text.endsWith('\n');
    const lines = t.text === '' ? [] : (hasFinal ? t.text.slice(0, -1) : t.text).split('\n');
    let sel: string[];
    let endsWithLast: boolean;
    if (which === 'head') {
      sel = c.negative ? lines.slice(0, Math.max(0, lines.length - c.n)) : lines.slice(0, c.n);
      endsWithLast = sel.length === lines.length;
    } else {
      sel = c.fromStart ? lines.slice(Math.max(0, c.n - 1)) : c.n === 0 ? [] : lines.slice(-c.n);
      endsWithLast = sel.length > 0;
    }
    out += sel.join('\n') + (sel.length && (!endsWithLast || hasFinal) ? '\n' : '');
  });
  return done(out, err);
};

/** sort's key: fields split on blanks (leading blanks belong to the field) or on -t. */
interface Key {
  f1: number;
  c1: number;
  f2: number;
  c2: number;
  opts: string;
}

function parseKey(spec: string): Key | undefined {
  const m = /^(\d+)(?:\.(\d+))?([bdfghinMrRV]*)(?:,(\d+)(?:\.(\d+))?([bdfghinMrRV]*))?$/.exec(spec);
  if (!m || m[1] === '0') return undefined;
  return { f1: Number(m[1]), c1: Number(m[2] ?? 1), f2: m[4] ? Number(m[4]) : Infinity, c2: Number(m[5] ?? 0), opts: (m[3] ?? '') + (m[6] ?? '') };
}

function fieldsOf(line: string, sep: string | undefined): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (sep !== undefined) {
    let s = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i === line.length || line[i] === sep) {
        out.push({ start: s, end: i });
        s = i + 1;
      }
    }
    return out;
  }
  let i = 0;
  while (i < line.length) {
    const s = i;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    out.push({ start: s, end: i });
  }
  return out;
}

function keyText(line: string, k: Key, sep: string | undefined, skipBlanks: boolean): string {
  const fs = fieldsOf(line, sep);
  const f1 = fs[k.f1 - 1];
  if (!f1) return '';
  let start = f1.start;
  if (skipBlanks || k.opts.includes('b')) while (start < f1.end && (line[start] === ' ' || line[start] === '\t')) start++;
  start += k.c1 - 1;
  let end: number;
  if (k.f2 === Infinity) end = line.length;
  else {
    const f2 = fs[k.f2 - 1];
    end = f2 ? (k.c2 ? Math.min(f2.end, f2.start + k.c2) : f2.end) : line.length;
  }
  return line.slice(Math.min(start, line.length), Math.max(start, end));
}

function numericPrefix(s: string): number {
  const m = /^\s*(-?\d*(?:\.\d+)?)/.exec(s);
  const v = m && m[1] !== '' && m[1] !== '-' ? Number(m[1]) : 0;
  return Number.isNaN(v) ? 0 : v;
}

function humanValue(s: string): number {
  const m = /^\s*(-?\d*(?:\.\d+)?)([KMGTPEZYkmgtpezy]?)/.exec(s);
  if (!m || m[1] === '' || m[1] === '-') return 0;
  const units = 'KMGTPEZY';
  const u = m[2] ? units.indexOf(m[2].toUpperCase()) + 1 : 0;
  const sign = Number(m[1]) < 0 ? -1 : 1;
  // GNU -h orders by the unit first, then the number.
  return sign * (u * 1e6 + Math.abs(Number(m[1])) / 1e12 + (u === 0 ? Math.abs(Number(m[1])) / 1e6 : 0));
}

function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (/^\d/.test(x) && /^\d/.test(y)) {
      if (Number(x) !== Number(y)) return Number(x) - Number(y);
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

const byteCompare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const sort: Tool = (ctx) => {
  const o = getopt('sort', ctx.argv.slice(1), 'ktoST', {
    key: 'k', 'field-separator': 't', output: 'o', numeric: 'n', 'numeric-sort': 'n', 'human-numeric-sort': 'h', reverse: 'r', unique: 'u',
    'ignore-case': 'f', 'version-sort': 'V', 'ignore-leading-blanks': 'b', stable: 's', 'general-numeric-sort': 'g', 'month-sort': 'M', check: 'c',
  });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 2 };
  const keys: Key[] = [];
  for (let k = 1; k < ctx.argv.length; k++) {
    const a = ctx.argv[k]!;
    const m = /^-k(.*)$/.exec(a) ?? (a.startsWith('--key=') ? [a, a.slice(6)] : null);
    const spec = m ? (m[1] === '' ? ctx.argv[++k] : m[1]) : undefined;
    if (spec === undefined) continue;
    const key = parseKey(spec);
    if (!key) return { stdout: '', stderr: `sort: invalid number at field start: invalid count at start of '${spec}'\n`, exitCode: 2 };
    keys.push(key);
  }
  const t = o.flags.get('t');
  const sep = typeof t === 'string' ? t : undefined;
  if (sep !== undefined && sep.length !== 1) return { stdout: '', stderr: `sort: multi-character tab '${sep}'\n`, exitCode: 2 };
  const { texts, err } = readAll('sort', o.rest, ctx);
  if (err) return { stdout: '', stderr: err.replace(/^sort: (.*): No such file or directory$/gm, 'sort: cannot read: $1: No such file or directory'), exitCode: 2 };
  const lines = texts.flatMap((x) => splitLines(x.text));
  const g = o.flags;
  const cmpWith = (opts: string) => (a: string, b: string): number => {
    let r: number;
    if (opts.includes('n')) r = numericPrefix(a) - numericPrefix(b);
    else if (opts.includes('g')) r = (parseFloat(a) || 0) - (parseFloat(b) || 0);
    else if (opts.includes('h')) r = humanValue(a) - humanValue(b);
    else if (opts.includes('V')) r = versionCompare(a, b);
    else if (opts.includes('f')) r = byteCompare(a.toUpperCase(), b.toUpperCase());
    else r = byteCompare(a, b);
    return opts.includes('r') ? -r : r;
  };
  const globalOpts = ['n', 'h', 'g', 'V', 'f', 'b'].filter((c) => g.has(c)).join('');
  const compare = (a: string, b: string): number => {
    for (const k of keys) {
      const opts = /[nhgVfMbr]/.test(k.opts) ? k.opts : globalOpts;
      const r = cmpWith(opts.replace('r', ''))(keyText(a, k, sep, g.has('b')), keyText(b, k, sep, g.has('b')));
      if (r !== 0) return k.opts.includes('r') ? -r : r;
    }
    if (keys.length === 0) {
      const r = cmpWith(globalOpts)(a, b);
      if (r !== 0 || g.has('u')) return r;
    } else if (g.has('u')) return 0;
    if (g.has('s')) return 0;
    // Last resort: the whole line, bytewise.
    return byteCompare(a, b);
  };
  const rev = g.has('r');
  const sorted = [...lines].sort((a, b) => (rev ? -compare(a, b) : compare(a, b)));
  const out = g.has('u') ? sorted.filter((l, i) => i === 0 || compare(sorted[i - 1]!, l) !== 0) : sorted;
  return { stdout: joinLines(out), stderr: '', exitCode: 0 };
};

const uniq: Tool = (ctx) => {
  const o = getopt('uniq', ctx.argv.slice(1), 'fsw', { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i', 'skip-fields': 'f', 'skip-chars': 's' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const [input, output] = o.rest;
  const r = input && input !== '-' ? ctx.fs.readFile(input) : { ok: true as const, value: ctx.stdin };
  if (!r.ok) return { stdout: '', stderr: `uniq: ${input}: No such file or directory\n`, exitCode: 1 };
  const skipF = Number(o.flags.get('f') === undefined ? 0 : o.flags.get('f'));
  const skipC = Number(o.flags.get('s') === undefined ? 0 : o.flags.get('s'));
  const norm = (l: string) => {
    let s = l;
    for (let k = 0; k < skipF; k++) s = s.replace(/^\s*\S+/, '');
    s = s.slice(skipC);
    return o.flags.has('i') ? s.toLowerCase() : s;
  };
  const groups: { line: string; n: number }[] = [];
  for (const l of splitLines(r.value)) {
    const last = groups[groups.length - 1];
    if (last && norm(last.line) === norm(l)) last.n++;
    else groups.push({ line: l, n: 1 });
  }
  const sel = groups.filter((gr) => (o.flags.has('d') ? gr.n > 1 : true) && (o.flags.has('u') ? gr.n === 1 : true));
  const out = joinLines(sel.map((gr) => (o.flags.has('c') ? `${String(gr.n).padStart(7)} ${gr.line}` : gr.line)));
  if (output) {
    ctx.fs.writeFile(output, out);
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  return { stdout: out, stderr: '', exitCode: 0 };
};

/** Only the counts asked for: wc -l over a big listing must stay cheap. */
function countText(text: string, cols: string[]): Record<string, number> {
  const v: Record<string, number> = {};
  if (cols.includes('l')) {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    v.l = n;
  }
  if (cols.includes('w')) v.w = (text.match(/\S+/g) ?? []).length;
  if (cols.includes('c')) v.c = Buffer.byteLength(text);
  if (cols.includes('m')) v.m = [...text].length;
  if (cols.includes('L')) v.L = text.split('\n').reduce((m, x) => Math.max(m, x.length), 0);
  return v;
}

const wc: Tool = (ctx) => {
  const o = getopt('wc', ctx.argv.slice(1), '', { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const which = ['l', 'w', 'm', 'c', 'L'].filter((c) => o.flags.has(c));
  const cols = which.length ? which : ['l', 'w', 'c'];
  const { texts, err } = readAll('wc', o.rest, ctx);
  const counts = texts.map((t) => ({
    name: t.name === '-' && o.rest.length === 0 ? '' : t.name,
    v: countText(t.text, cols),
  }));
  if (counts.length > 1) counts.push({ name: 'total', v: Object.fromEntries(cols.map((c) => [c, c === 'L' ? Math.max(...counts.map((x) => x.v[c]!)) : counts.reduce((s, x) => s + x.v[c]!, 0)])) });
  // GNU pads to the widest count when more than one number or file is shown (stdin alone: width 7 for several columns).
  const single = cols.length === 1 && counts.length === 1;
  const fromStdin = o.rest.length === 0;
  const width = single ? 0 : fromStdin ? 7 : Math.max(...counts.flatMap((x) => cols.map((c) => String(x.v[c]).length)));
  const out = counts.map((x) => `${cols.map((c) => String(x.v[c]).padStart(width)).join(' ')}${x.name ? ` ${x.name}` : ''}\n`).join('');
  return done(out, err);
};

function expandSet(set: string): string[] {
  const out: string[] = [];
  const classes: Record<string, string> = { lower: 'abcdefghijklmnopqrstuvwxyz', upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', digit: '0123456789', space: ' \t\n\r\f\v', blank: ' \t', alpha: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', alnum: '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', xdigit: '0123456789ABCDEFabcdef' };
  const chars: string[] = [];
  for (let i = 0; i < set.length; i++) {
    const c = set[i]!;
    if (c === '[' && set[i + 1] === ':') {
      const e = set.indexOf(':]', i + 2);
      const name = e > 0 ? set.slice(i + 2, e) : '';
      if (classes[name]) {
        chars.push(...`\u0000CLASS:${name}`);
        out.push(...classes[name]!);
        i = e + 1;
        chars.length = 0;
        continue;
      }
    }
    if (c === '\\' && i + 1 < set.length) {
      const n = set[++i]!;
      out.push(({ n: '\n', t: '\t', r: '\r', '\\': '\\' } as Record<string, string>)[n] ?? n);
      continue;
    }
    if (set[i + 1] === '-' && i + 2 < set.length) {
      const a = c.charCodeAt(0);
      const b = set.charCodeAt(i + 2);
      for (let x = a; x <= b; x++) out.push(String.fromCharCode(x));
      i += 2;
      continue;
    }
    out.push(c);
  }
  return out;
}

const tr: Tool = (ctx) => {
  const o = getopt('tr', ctx.argv.slice(1), '', { delete: 'd', 'squeeze-repeats': 's', complement: 'c', truncate: 't' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const [a, b] = o.rest;
  if (a === undefined) return { stdout: '', stderr: "tr: missing operand\nTry 'tr --help' for more information.\n", exitCode: 1 };
  const del = o.flags.has('d');
  const sq = o.flags.has('s');
  if (!del && !sq && b === undefined) return { stdout: '', stderr: `tr: missing operand after ‘${a}’\nTry 'tr --help' for more information.\n`, exitCode: 1 };
  const set1 = expandSet(a);
  const comp = o.flags.has('c') || o.flags.has('C');
  const in1 = (ch: string) => set1.includes(ch) !== comp;
  let s = ctx.stdin;
  if (del) s = [...s].filter((ch) => !in1(ch)).join('');
  else if (b !== undefined) {
    const set2 = expandSet(b);
    s = [...s].map((ch) => {
      if (!in1(ch)) return ch;
      if (comp) return set2[set2.length - 1] ?? ch;
      const k = set1.lastIndexOf(ch);
      return set2[Math.min(k, set2.length - 1)] ?? ch;
    }).join('');
  }
  if (sq) {
    const sqSet = del || b === undefined ? set1 : expandSet(b);
    const inSq = (ch: string) => (del || b === undefined ? sqSet.includes(ch) !== comp : sqSet.includes(ch));
    let out = '';
    for (const ch of s) if (!(out.length && out[out.length - 1] === ch && inSq(ch))) out += ch;
    s = out;
  }
  return { stdout: s, stderr: '', exitCode: 0 };
};

const tac: Tool = (ctx) => {
  const { texts, err } = readAll('tac', ctx.argv.slice(1), ctx);
  return done(texts.map((t) => joinLines(splitLines(t.text).reverse())).join(''), err);
};

const rev: Tool = (ctx) => {
  const { texts, err } = readAll('rev', ctx.argv.slice(1), ctx);
  return done(texts.map((t) => t.text.split('\n').map((l) => [...l].reverse().join('')).join('\n')).join(''), err);
};

const nl: Tool = (ctx) => {
  const o = getopt('nl', ctx.argv.slice(1), 'bwsv', { 'body-numbering': 'b', 'number-width': 'w', 'number-separator': 's' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const all = o.flags.get('b') === 'a';
  const w = Number(typeof o.flags.get('w') === 'string' ? o.flags.get('w') : 6);
  const sepv = o.flags.get('s');
  const sep = typeof sepv === 'string' ? sepv : '\t';
  const { texts, err } = readAll('nl', o.rest, ctx);
  let n = Number(typeof o.flags.get('v') === 'string' ? o.flags.get('v') : 1) - 1;
  const out = texts.map((t) => joinLines(splitLines(t.text).map((l) => (l === '' && !all ? ' '.repeat(w + sep.length) : `${String(++n).padStart(w)}${sep}${l}`)))).join('');
  return done(out, err);
};

const column: Tool = (ctx) => {
  const o = getopt('column', ctx.argv.slice(1), 'soc', { table: 't', separator: 's', 'output-separator': 'o' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const { texts, err } = readAll('column', o.rest, ctx);
  const lines = texts.flatMap((t) => splitLines(t.text)).filter((l) => l.trim() !== '');
  if (!o.flags.has('t')) return done(joinLines(lines), err);
  const sv = o.flags.get('s');
  const osv = o.flags.get('o');
  const outSep = typeof osv === 'string' ? osv : '  ';
  const rows = lines.map((l) => (typeof sv === 'string' ? l.split(new RegExp(`[${sv.replace(/[\]\\^-]/g, '\\$&')}]`)) : l.trim().split(/\s+/)));
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return done(joinLines(rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join(outSep))), err);
};

const seq: Tool = (ctx) => {
  const o = getopt('seq', ctx.argv.slice(1).map((a) => (/^-\d/.test(a) ? `\u0000${a}` : a)), 'sf', { separator: 's', 'equal-width': 'w', format: 'f' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const nums = o.rest.map((a) => a.replace(/^\u0000/, ''));
  if (nums.length === 0 || nums.length > 3) return { stdout: '', stderr: nums.length ? `seq: extra operand ‘${nums[3]}’\nTry 'seq --help' for more information.\n` : "seq: missing operand\nTry 'seq --help' for more information.\n", exitCode: 1 };
  for (const n of nums) if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(n)) return { stdout: '', stderr: `seq: invalid floating point argument: ‘${n}’\nTry 'seq --help' for more information.\n`, exitCode: 1 };
  const [first, inc, last] = nums.length === 1 ? ['1', '1', nums[0]!] : nums.length === 2 ? [nums[0]!, '1', nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  const a = Number(first);
  const s = Number(inc);
  const b = Number(last);
  if (s === 0) return { stdout: '', stderr: `seq: invalid Zero increment value: ‘${inc}’\nTry 'seq --help' for more information.\n`, exitCode: 1 };
  const decimals = Math.max(...[first, inc].map((x) => (x.includes('.') ? x.split('.')[1]!.length : 0)));
  const out: string[] = [];
  for (let k = 0; ; k++) {
    const v = a + k * s;
    if (s > 0 ? v > b + 1e-9 : v < b - 1e-9) break;
    if (out.length > 1_000_000) return { stdout: '', stderr: 'seq: this lab prints at most 1000000 numbers\n', exitCode: 1 };
    out.push(decimals ? v.toFixed(decimals) : String(Math.round(v)));
  }
  if (o.flags.has('w')) {
    const w = Math.max(...out.map((x) => x.length));
    for (let i = 0; i < out.length; i++) out[i] = out[i]!.startsWith('-') ? `-${out[i]!.slice(1).padStart(w - 1, '0')}` : out[i]!.padStart(w, '0');
  }
  const sepv = o.flags.get('s');
  const sep = typeof sepv === 'string' ? sepv : '\n';
  return { stdout: out.length ? `${out.join(sep)}\n` : '', stderr: '', exitCode: 0 };
};

const basename: Tool = (ctx) => {
  const o = getopt('basename', ctx.argv.slice(1), 's', { multiple: 'a', suffix: 's', zero: 'z' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  if (o.rest.length === 0) return { stdout: '', stderr: "basename: missing operand\nTry 'basename --help' for more information.\n", exitCode: 1 };
  const sv = o.flags.get('s');
  const multiple = o.flags.has('a') || typeof sv === 'string';
  if (!multiple && o.rest.length > 2) return { stdout: '', stderr: `basename: extra operand ‘${o.rest[2]}’\nTry 'basename --help' for more information.\n`, exitCode: 1 };
  const names = multiple ? o.rest : [o.rest[0]!];
  const suffix = typeof sv === 'string' ? sv : multiple ? '' : (o.rest[1] ?? '');
  const base = (p: string) => {
    const t = p.replace(/\/+$/, '');
    if (t === '' && p.startsWith('/')) return '/';
    let b = t.slice(t.lastIndexOf('/') + 1);
    if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
    return b;
  };
  return { stdout: names.map((n) => `${base(n)}\n`).join(''), stderr: '', exitCode: 0 };
};

const dirname: Tool = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  if (args.length === 0) return { stdout: '', stderr: "dirname: missing operand\nTry 'dirname --help' for more information.\n", exitCode: 1 };
  const dir = (p: string) => {
    const t = p.replace(/\/+$/, '');
    if (t === '') return p.startsWith('/') ? '/' : '.';
    const i = t.lastIndexOf('/');
    if (i < 0) return '.';
    return t.slice(0, i).replace(/\/+$/, '') || '/';
  };
  return { stdout: args.map((a) => `${dir(a)}\n`).join(''), stderr: '', exitCode: 0 };
};

const paste: Tool = (ctx) => {
  const o = getopt('paste', ctx.argv.slice(1), 'd', { delimiters: 'd', serial: 's' });
  if (o.error) return { stdout: '', stderr: o.error, exitCode: 1 };
  const dv = o.flags.get('d');
  const delims = typeof dv === 'string' ? [...dv.replace(/\\n/g, '\n').replace(/\\t/g, '\t')] : ['\t'];
  const { texts, err } = readAll('paste', o.rest, ctx);
  const cols = texts.map((t) => splitLines(t.text));
  const join = (xs: string[]) => xs.reduce((s, x, i) => (i === 0 ? x : s + (delims[(i - 1) % delims.length] ?? '') + x), '');
  if (o.flags.has('s')) return done(cols.map((c) => `${join(c)}\n`).join(''), err);
  const n = Math.max(0, ...cols.map((c) => c.length));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(join(cols.map((c) => c[i] ?? '')));
  return done(joinLines(out), err);
};

const digest = (algo: 'md5' | 'sha256', cmd: string): Tool => (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-') || a === '-');
  const { texts, err } = readAll(cmd, files, ctx);
  return done(texts.map((t) => `${algo === 'md5' ? md5(t.text) : sha256(t.text)}  ${t.name}\n`).join(''), err);
};

const expr: Tool = (ctx) => {
  const a = ctx.argv.slice(1);
  const num = (s: string | undefined) => (s !== undefined && /^-?\d+$/.test(s) ? BigInt(s) : undefined);
  if (a.length === 1) return { stdout: `${a[0]}\n`, stderr: '', exitCode: a[0] === '' || a[0] === '0' ? 1 : 0 };
  if (a.length === 3) {
    const [x, op, y] = a as [string, string, string];
    const nx = num(x);
    const ny = num(y);
    let r: string;
    if (['+', '-', '*', '/', '%'].includes(op)) {
      if (nx === undefined || ny === undefined) return { stdout: '', stderr: 'expr: non-integer argument\n', exitCode: 2 };
      if ((op === '/' || op === '%') && ny === 0n) return { stdout: '', stderr: 'expr: division by zero\n', exitCode: 2 };
      r = String(op === '+' ? nx + ny : op === '-' ? nx - ny : op === '*' ? nx * ny : op === '/' ? nx / ny : nx % ny);
    } else if (['<', '<=', '=', '==', '!=', '>=', '>'].includes(op)) {
      const c = nx !== undefined && ny !== undefined ? (nx < ny ? -1 : nx > ny ? 1 : 0) : x < y ? -1 : x > y ? 1 : 0;
      r = String(Number(op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>=' ? c >= 0 : c > 0));
    } else if (op === ':') {
      const m = new RegExp(`^(?:${y})`).exec(x);
      r = m ? (m[1] ?? String(m[0].length)) : '0';
    } else return { stdout: '', stderr: 'expr: syntax error: unexpected argument ‘' + y + '’\n', exitCode: 2 };
    return { stdout: `${r}\n`, stderr: '', exitCode: r === '0' || r === '' ? 1 : 0 };
  }
  if (a.length === 0) return { stdout: '', stderr: "expr: missing operand\nTry 'expr --help' for more information.\n", exitCode: 2 };
  return { stdout: '', stderr: `expr: syntax error: unexpected argument ‘${a[a.length - 1]}’\n`, exitCode: 2 };
};

export const TEXT_TOOLS: Record<string, Tool> = {
  cat,
  head: headTail('head'),
  tail: headTail('tail'),
  sort,
  uniq,
  wc,
  tr,
  tac,
  rev,
  nl,
  column,
  seq,
  basename,
  dirname,
  paste,
  expr,
  md5sum: digest('md5', 'md5sum'),
  sha256sum: digest('sha256', 'sha256sum'),
};
