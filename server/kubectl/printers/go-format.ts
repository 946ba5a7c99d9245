/**
 * How Go prints the unstructured values kubectl holds (map[string]interface{}, []interface{},
 * string, int64, float64, bool, nil): encoding/json with its sorted map keys and HTML-safe
 * escapes, and fmt.Sprint's `map[k:v]` / `[a b]` forms.
 */

const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A JSON string as encoding/json writes it (HTMLEscape on). */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c]!);
}

/** A number as encoding/json writes a float64 ('f' unless the exponent is below -6 or from 21). */
function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    const [mant, e] = n.toExponential().split('e') as [string, string];
    const exp = Number(e);
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/**
 * json.Marshal / json.MarshalIndent(v, "", indent) of an unstructured value: map keys sorted
 * byte-wise, as kubectl prints an object it read from the server (`-o json`, jsonpath).
 */
export function goJson(value: unknown, indent = ''): string {
  const walk = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return goJsonString(v);
    if (typeof v === 'number') return goJsonNumber(v);
    if (typeof v === 'boolean') return String(v);
    const nl = indent ? `\n${indent.repeat(depth + 1)}` : '';
    const close = indent ? `\n${indent.repeat(depth)}` : '';
    const sep = indent ? ': ' : ':';
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[${v.map((x) => `${nl}${walk(x, depth + 1)}`).join(',')}${close}]`;
    }
    const keys = Object.keys(v as object)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort(byteCompare);
    if (keys.length === 0) return '{}';
    return `{${keys.map((k) => `${nl}${goJsonString(k)}${sep}${walk((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}${close}}`;
  };
  return walk(value, 0);
}

/** Go's sort.Strings: byte order of the UTF-8 encoding. */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return Buffer.compare(x, y);
}

/** fmt.Sprint of an unstructured value: `map[a:1 b:[x y]]`, `<nil>`, floats as %v. */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 63) return String(v);
    const [mant, e] = v.toExponential().split('e') as [string, string];
    const exp = Number(e);
    if (exp < -4 || exp >= 6) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o).sort(byteCompare).map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
}
