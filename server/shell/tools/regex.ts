/**
 * POSIX regular expressions (basic and extended, with GNU's extensions `\+ \? \| \w \s \< \>`)
 * translated to JavaScript's, for sed, grep and awk. Errors carry GNU's wording
 * (`Unmatched ( or \(`, `Invalid preceding regular expression`).
 */
export class RegexError extends Error {}

const CLASS: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f',
};

/** Translates a bracket expression starting at `[`; returns the JS text and the index after `]`. */
function bracket(re: string, i: number): { text: string; end: number } {
  let j = i + 1;
  let out = '[';
  if (re[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (; j < re.length; j++) {
    const c = re[j]!;
    if (c === ']' && !first) return { text: `${out}]`, end: j + 1 };
    first = false;
    if (c === '[' && re[j + 1] === ':') {
      const e = re.indexOf(':]', j + 2);
      if (e < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      const name = re.slice(j + 2, e);
      const cls = CLASS[name];
      if (cls === undefined) throw new RegexError('Invalid character class name');
      out += cls;
      j = e + 1;
      continue;
    }
    if (c === '[' && (re[j + 1] === '.' || re[j + 1] === '=')) {
      const e = re.indexOf(`${re[j + 1]}]`, j + 2);
      if (e < 0) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      out += re.slice(j + 2, e).replace(/[\]\\^-]/g, '\\$&');
      j = e + 1;
      continue;
    }
    if (c === '\\' || c === ']' || (c === '^' && out.length > 1) || c === '[') out += `\\${c}`;
    else out += c;
  }
  throw new RegexError('Unmatched [, [^, [:, [., or [=');
}

/** The index after a bracket expression at `[` (the delimiter does not end a regex inside one), or -1. */
export function skipBracket(re: string, i: number): number {
  let j = i + 1;
  if (re[j] === '^') j++;
  if (re[j] === ']') j++;
  for (; j < re.length; j++) {
    if (re[j] === '[' && (re[j + 1] === ':' || re[j + 1] === '.' || re[j + 1] === '=')) {
      const e = re.indexOf(`${re[j + 1]}]`, j + 2);
      if (e < 0) return -1;
      j = e + 1;
    } else if (re[j] === ']') return j + 1;
  }
  return -1;
}

/** POSIX regex source → JavaScript regex source. */
export function translate(re: string, extended: boolean): string {
  let out = '';
  let depth = 0;
  // Whether a repetition operator here has something to repeat.
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    if (c === '[') {
      const b = bracket(re, i);
      out += b.text;
      i = b.end - 1;
      atStart = false;
      continue;
    }
    if (c === '\\') {
      const n = re[i + 1];
      i++;
      if (n === undefined) throw new RegexError('Trailing backslash');
      if (!extended && n === '(') {
        out += '(';
        depth++;
        atStart = true;
        continue;
      }
      if (!extended && n === ')') {
        if (depth === 0) throw new RegexError('Unmatched ) or \\)');
        out += ')';
        depth--;
        atStart = false;
        continue;
      }
      if (!extended && n === '{') {
        const e = re.indexOf('\\}', i);
        if (e < 0) throw new RegexError('Unmatched \\{');
        const body = re.slice(i + 1, e);
        if (!/^\d*(,\d*)?$/.test(body)) throw new RegexError('Invalid content of \\{\\}');
        if (atStart) throw new RegexError('Invalid preceding regular expression');
        out += `{${body.startsWith(',') ? `0${body}` : body}}`;
        i = e + 1;
        continue;
      }
      if (!extended && n === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (!extended && (n === '+' || n === '?')) {
        if (atStart) out += `\\${n}`;
        else out += n;
        continue;
      }
      if (/[1-9]/.test(n)) {
        out += `\\${n}`;
        atStart = false;
        continue;
      }
      const map: Record<string, string> = { n: '\\n', t: '\\t', w: '\\w', W: '\\W', s: '\\s', S: '\\S', b: '\\b', B: '\\B', '<': '\\b(?=\\w)', '>': '\\b(?<=\\w)', '`': '^', "'": '$' };
      out += map[n] ?? n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      atStart = false;
      continue;
    }
    if (extended) {
      if (c === '(') {
        out += '(';
        depth++;
        atStart = true;
        continue;
      }
      if (c === ')') {
        if (depth === 0) throw new RegexError('Unmatched ) or \\)');
        out += ')';
        depth--;
        atStart = false;
        continue;
      }
      if (c === '|') {
        out += '|';
        atStart = true;
        continue;
      }
      if (c === '{') {
        const e = re.indexOf('}', i);
        if (e < 0) throw new RegexError('Unmatched { or \\{'.replace(' or \\{', '').replace('{', '\\{'));
        const body = re.slice(i + 1, e);
        if (!/^\d*(,\d*)?$/.test(body)) {
          out += '\\{';
          continue;
        }
        if (atStart) throw new RegexError('Invalid preceding regular expression');
        out += `{${body.startsWith(',') ? `0${body}` : body}}`;
        i = e;
        continue;
      }
      if (c === '*' || c === '+' || c === '?') {
        if (atStart) {
          // GNU ERE: a leading repetition operator matches the empty string... once.
          if (out === '' || out.endsWith('(') || out.endsWith('|')) continue;
          throw new RegexError('Invalid preceding regular expression');
        }
        if (/[*+?]$/.test(out) && !out.endsWith('\\*') && !out.endsWith('\\+') && !out.endsWith('\\?')) throw new RegexError('Invalid preceding regular expression');
        out += c;
        continue;
      }
    } else {
      if (c === '*') {
        if (atStart) out += '\\*';
        else if (out.endsWith('*') && !out.endsWith('\\*')) continue;
        else out += '*';
        atStart = false;
        continue;
      }
      if ('(){}+?|'.includes(c)) {
        out += `\\${c}`;
        atStart = false;
        continue;
      }
    }
    if (c === '^') {
      if (extended || atStart) out += '^';
      else out += '\\^';
      continue;
    }
    if (c === '$') {
      const end = i === re.length - 1 || (!extended && re.startsWith('\\)', i + 1)) || (!extended && re.startsWith('\\|', i + 1)) || (extended && (re[i + 1] === ')' || re[i + 1] === '|'));
      out += extended || end ? '$' : '\\$';
      atStart = false;
      continue;
    }
    if (c === '/') {
      out += '\\/';
      atStart = false;
      continue;
    }
    out += c === '.' ? '.' : c.replace(/[{}]/g, '\\$&');
    atStart = false;
  }
  if (depth > 0) throw new RegexError('Unmatched ( or \\(');
  return out;
}

export function compile(re: string, opts: { extended: boolean; ignoreCase?: boolean; global?: boolean; multiline?: boolean }): RegExp {
  const src = translate(re, opts.extended);
  try {
    return new RegExp(src, `${opts.global ? 'g' : ''}${opts.ignoreCase ? 'i' : ''}${opts.multiline ? 'm' : ''}`);
  } catch {
    throw new RegexError('Invalid regular expression');
  }
}
