/**
 * YAML as kubectl prints it: sigs.k8s.io/yaml turns the object into JSON, reads that back with
 * go-yaml v2 and marshals it again, so the output follows go-yaml v2's encoder and emitter
 * (gopkg.in/yaml.v2 encode.go, resolve.go, sorter.go, emitterc.go):
 * - a string that would read back as something else (`yes`, `on`, `1.0`, `0755`, `~`, a timestamp,
 *   `1:30`) is double-quoted; one the emitter cannot write plain (`a: b`, `*x`, ` lead`) is
 *   single-quoted; one with a character it cannot print (a tab) is double-quoted with escapes;
 * - a string with a newline is a literal block (`|-`, `|`, `|+`) unless that is not allowed;
 * - long scalars fold at a space once the line is past column 80;
 * - map keys sorted by go-yaml's keyList order (letters after other characters, digit runs by value);
 * - sequences in a mapping are not indented.
 */

const BEST_WIDTH = 80;
const INDENT = 2;

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** strconv.ParseInt(s, 0, 64) or ParseUint: an optional sign, then decimal, 0x, 0o, 0b or a leading-0 octal. */
function goParsesAsInt(s: string): boolean {
  const m = s.match(/^[-+]?(.*)$/s)!;
  const body = m[1]!;
  if (body === '') return false;
  if (/^0[xX][0-9a-fA-F]+$/.test(body)) return true;
  if (/^0[bB][01]+$/.test(body)) return true;
  if (/^0[oO][0-7]+$/.test(body)) return true;
  if (/^0[0-7]*$/.test(body)) return true;
  return /^[1-9][0-9]*$/.test(body);
}

const TS_DATE = '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}';
const TS_TIME = '[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?';
const TIMESTAMPS = [
  new RegExp(`^${TS_DATE}$`),
  new RegExp(`^${TS_DATE}[Tt]${TS_TIME}(Z|[-+][0-9]{2}:[0-9]{2})$`),
  new RegExp(`^${TS_DATE} ${TS_TIME}$`),
];

/** time.Parse with one of go-yaml's timestamp layouts (a simplified but faithful check). */
function isTimestamp(s: string): boolean {
  return /^[0-9]{4}-/.test(s) && TIMESTAMPS.some((re) => re.test(s));
}

/** Whether go-yaml's resolve() reads the plain scalar as anything but a string. */
function resolvesToNonString(s: string): boolean {
  if (RESOLVE_MAP.has(s)) return true;
  const hint = s[0]!;
  if (hint === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) || /^\.(inf|Inf|INF|nan|NaN|NAN)$/.test(s);
  if (!/[-+0-9]/.test(hint)) return false;
  if (isTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  if (goParsesAsInt(plain)) return true;
  if (YAML_FLOAT.test(plain)) return true;
  if (/^-0b[01]+$/.test(plain)) return true;
  return false;
}

/** The encoder's choice: a string that reads back as another type is double-quoted. */
function needsDoubleQuotes(s: string): boolean {
  // resolve() only looks further at strings starting with one of its hint characters.
  if (s.length > 0 && !'+-0123456789yYnNtTfFoO~.<'.includes(s[0]!)) return false;
  return resolvesToNonString(s) || (/^[-+0-9]/.test(s) && s.includes(':') && BASE60_FLOAT.test(s));
}

const isBreak = (c: string) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isPrintable = (c: string) => {
  const n = c.codePointAt(0)!;
  return n === 0x0a || (n >= 0x20 && n <= 0x7e) || (n >= 0xa0 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd && n !== 0xfeff) || n >= 0x10000;
};

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  flowPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar. */
function analyze(value: string): Analysis {
  if (value.length === 0) return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  const chars = [...value];
  let precededByWs = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const followedByWs = next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowInd = true;
        blockInd = true;
      } else if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (c === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else if (',?[]{}'.includes(c)) flowInd = true;
    else if (c === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (c === '#' && precededByWs) {
      flowInd = true;
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = c === ' ' || c === '\t' || isBreak(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlainAllowed = a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = false;
  if (spaceBreak || special) a.flowPlainAllowed = a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
  if (lineBreaks) a.flowPlainAllowed = a.blockPlainAllowed = false;
  if (flowInd) a.flowPlainAllowed = false;
  if (blockInd) a.blockPlainAllowed = false;
  return a;
}

type Style = 'plain' | 'single' | 'double' | 'literal';

/** encoder.stringv's request, then yaml_emitter_select_scalar_style (block context, no flow). */
function scalarStyle(s: string, simpleKey: boolean, requested: Style): Style {
  const a = analyze(s);
  let style = requested;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain') {
    if (!a.blockPlainAllowed) style = 'single';
    if (s.length === 0 && simpleKey) style = 'single';
  }
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

/** The emitter's output with its column, as yaml_emitter_t keeps them. */
class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;

  put(s: string): void {
    this.out += s;
    // Columns count characters, not UTF-16 units.
    this.column += /[\ud800-\udfff]/.test(s) ? [...s].length : s.length;
  }

  newline(): void {
    this.out += '\n';
    this.column = 0;
  }

  /** yaml_emitter_write_indent. */
  writeIndent(indent: number): void {
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.newline();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  plain(value: string, indent: number, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  single(value: string, indent: number, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ') this.writeIndent(indent);
        else this.put(c);
        spaces = true;
      } else {
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  double(value: string, indent: number, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const chars = [...value];
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const n = c.codePointAt(0)!;
      if (!isPrintable(c) || n === 0xfeff || isBreak(c) || c === '"' || c === '\\') {
        const named: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
          0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        };
        const esc = named[n] ?? (n <= 0xff ? `x${hex(n, 2)}` : n <= 0xffff ? `u${hex(n, 4)}` : `U${hex(n, 8)}`);
        this.put(`\\${esc}`);
        spaces = false;
      } else if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  literal(value: string, indent: number): void {
    this.indicator('|', true, false, false);
    const chars = [...value];
    if (chars[0] === ' ' || isBreak(chars[0] ?? '')) this.indicator(String(INDENT), false, false, false);
    const last = chars.length - 1;
    let chomp = '';
    if (chars.length === 0 || !isBreak(chars[last]!)) chomp = '-';
    else if (last === 0 || isBreak(chars[last - 1]!)) chomp = '+';
    if (chomp) this.indicator(chomp, false, false, false);
    this.newline();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isBreak(c)) {
        if (c === '\r' && chars[i + 1] === '\n') i++;
        this.newline();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent(indent);
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }

  /** A scalar: its style chosen, written at the scalar's indent (increase_indent(flow) in emit_scalar). */
  scalar(text: string, requested: Style, parentIndent: number, simpleKey: boolean): void {
    // Most scalars (names, labels, numbers as text) need no analysis: plain, no space to fold at.
    if (requested === 'plain' && SIMPLE.test(text)) {
      if (!this.whitespace) this.put(' ');
      this.put(text);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const style = scalarStyle(text, simpleKey, requested);
    const indent = parentIndent < 0 ? INDENT : parentIndent + INDENT;
    const allowBreaks = !simpleKey;
    if (style === 'plain') this.plain(text, indent, allowBreaks);
    else if (style === 'single') this.single(text, indent, allowBreaks);
    else if (style === 'double') this.double(text, indent, allowBreaks);
    else this.literal(text, indent);
  }
}

/** Starts with a letter or digit, no spaces, no indicators the emitter cares about. */
const SIMPLE = /^[A-Za-z0-9][A-Za-z0-9_./=+-]*$/;

const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');

/** go-yaml v2's keyList.Less for string keys. */
export function goYamlKeyLess(a: string, b: string): boolean {
  // Keys of ASCII letters only compare as bytes.
  if (LETTERS.test(a) && LETTERS.test(b)) return a < b;
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && /\p{Nd}/u.test(c);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]!);
    const bl = isLetter(br[i]!);
    if (al && bl) return ar[i]! < br[i]!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i]! < br[i]!;
  }
  return ar.length < br.length;
}

const LETTERS = /^[A-Za-z]*$/;

const goYamlKeyCompare = (a: string, b: string) => (a === b ? 0 : goYamlKeyLess(a, b) ? -1 : 1);

/** strconv.FormatFloat(f, 'g', -1, 64), as go-yaml writes a float (%e from an exponent of 6, or below -4). */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const [mant, e] = f.toExponential().split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(f);
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function scalarText(v: Json): { text: string; style: Style } {
  if (v === null || v === undefined) return { text: 'null', style: 'plain' };
  if (typeof v === 'boolean') return { text: String(v), style: 'plain' };
  if (typeof v === 'number') return { text: Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? BigInt(v).toString() : goFloat(v), style: 'plain' };
  const s = String(v);
  return { text: s, style: s.includes('\n') ? 'literal' : needsDoubleQuotes(s) ? 'double' : 'plain' };
}

const isCollection = (v: unknown): v is Json[] | { [k: string]: Json } => v !== null && typeof v === 'object';
const isEmpty = (v: Json[] | { [k: string]: Json }) => (Array.isArray(v) ? v.length === 0 : !Object.keys(v).some((k) => v[k] !== undefined));

/** go-yaml's emitter over a JSON value; `indent` is the enclosing block's indent (-1 at the root). */
function emitNode(e: Emitter, v: Json, indent: number, ctx: 'root' | 'mapping' | 'sequence'): void {
  if (isCollection(v) && !isEmpty(v)) {
    if (Array.isArray(v)) {
      // A sequence in a mapping value is indentless; at the root or in a sequence it indents.
      const own = indent < 0 ? 0 : ctx === 'mapping' && !e.indention ? indent : indent + INDENT;
      for (const item of v) {
        e.writeIndent(own);
        e.indicator('-', true, false, true);
        emitNode(e, item, own, 'sequence');
      }
    } else {
      const own = indent < 0 ? 0 : indent + INDENT;
      for (const k of Object.keys(v).filter((x) => v[x] !== undefined).sort(goYamlKeyCompare)) {
        e.writeIndent(own);
        const key = scalarText(k);
        e.scalar(key.text, key.style === 'literal' ? 'double' : key.style, own, true);
        e.indicator(':', false, false, false);
        emitNode(e, v[k]!, own, 'mapping');
      }
    }
    return;
  }
  if (isCollection(v)) {
    e.indicator(Array.isArray(v) ? '[]' : '{}', true, false, false);
    return;
  }
  const s = scalarText(v);
  e.scalar(s.text, s.style, indent, false);
}

/** What sigs.k8s.io/yaml.Marshal prints for a JSON-shaped value. */
export function goYaml(value: unknown): string {
  const e = new Emitter();
  emitNode(e, (value ?? null) as Json, -1, 'root');
  return e.out.endsWith('\n') ? e.out : `${e.out}\n`;
}
