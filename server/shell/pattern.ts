/**
 * bash's patterns (globs in `case`, `[[ == ]]`, `${v#p}` and file names) compiled to regular
 * expressions. A pattern arrives with quoted characters escaped by a backslash, so `"*"` stays
 * a star.
 */
const cache = new Map<string, RegExp>();

export function patternSource(pat: string, opts: { extglob?: boolean } = {}): string {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\') {
      const n = pat[i + 1];
      if (n === undefined) re += '\\\\';
      else re += n.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      i++;
    } else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const close = findClass(pat, i);
      if (close < 0) re += '\\[';
      else {
        let body = pat.slice(i + 1, close);
        let neg = false;
        if (body.startsWith('!') || body.startsWith('^')) {
          neg = true;
          body = body.slice(1);
        }
        const cls = body
          .replace(/\[:(alpha|digit|alnum|upper|lower|space|blank|punct|xdigit|print|graph|cntrl):\]/g, (_m, k: string) => CLASSES[k] ?? '')
          .replace(/\\(.)/g, (_m, ch: string) => `\\${ch}`)
          .replace(/([\]^])/g, (m, _c, off: number) => (off === 0 && m === ']' ? '\\]' : m === '^' ? '\\^' : m));
        re += `[${neg ? '^' : ''}${cls}]`;
        i = close;
      }
    } else if (opts.extglob && '@?*+!'.includes(c) && pat[i + 1] === '(') {
      const close = pat.indexOf(')', i);
      if (close > 0) {
        const alts = pat.slice(i + 2, close).split('|').map((a) => patternSource(a, opts)).join('|');
        re += c === '@' ? `(?:${alts})` : c === '?' ? `(?:${alts})?` : c === '*' ? `(?:${alts})*` : c === '+' ? `(?:${alts})+` : `(?!(?:${alts})$)[\\s\\S]*`;
        i = close;
      } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return re;
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f',
};

function findClass(pat: string, i: number): number {
  let j = i + 1;
  if (pat[j] === '!' || pat[j] === '^') j++;
  if (pat[j] === ']') j++;
  for (; j < pat.length; j++) {
    if (pat[j] === '[' && pat[j + 1] === ':') {
      const e = pat.indexOf(':]', j + 2);
      if (e > 0) j = e + 1;
    } else if (pat[j] === ']') return j;
  }
  return -1;
}

/** The whole string matches the pattern. */
export function matchPattern(pat: string, s: string, extglob = true): boolean {
  let re = cache.get(pat);
  if (!re) {
    re = new RegExp(`^(?:${patternSource(pat, { extglob })})$`);
    if (cache.size > 500) cache.clear();
    cache.set(pat, re);
  }
  return re.test(s);
}

export function hasGlob(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    if (pat[i] === '\\') i++;
    else if (pat[i] === '*' || pat[i] === '?' || (pat[i] === '[' && findClass(pat, i) > 0)) return true;
  }
  return false;
}

/** `${v#p}` and friends: the shortest or longest prefix or suffix that matches. */
export function removeAffix(s: string, pat: string, where: 'prefix' | 'suffix', longest: boolean): string {
  if (where === 'prefix') {
    if (longest) {
      for (let k = s.length; k >= 0; k--) if (matchPattern(pat, s.slice(0, k))) return s.slice(k);
    } else for (let k = 0; k <= s.length; k++) if (matchPattern(pat, s.slice(0, k))) return s.slice(k);
  } else if (longest) {
    for (let k = 0; k <= s.length; k++) if (matchPattern(pat, s.slice(k))) return s.slice(0, k);
  } else for (let k = s.length; k >= 0; k--) if (matchPattern(pat, s.slice(k))) return s.slice(0, k);
  return s;
}

/** `${v/p/r}`: replace the first (or every) longest match; `#` anchors at the start, `%` at the end. */
export function replacePattern(s: string, pat: string, rep: string, mode: 'first' | 'all' | 'start' | 'end'): string {
  if (pat === '') return s;
  const src = patternSource(pat, { extglob: true });
  if (mode === 'start') {
    const m = new RegExp(`^(?:${src})`).exec(s);
    return m ? rep + s.slice(m[0].length) : s;
  }
  if (mode === 'end') {
    for (let k = 0; k <= s.length; k++) if (matchPattern(pat, s.slice(k))) return s.slice(0, k) + rep;
    return s;
  }
  const re = new RegExp(src, mode === 'all' ? 'g' : '');
  return s.replace(re, (m) => (m === '' ? m : rep.replace(/\$/g, '$$$$'))).replace(/\$\$/g, '$');
}
