/**
 * bash's printf builtin: the format is reused until the arguments run out; %s %b %q %d %i %u
 * %o %x %X %c %e %f %g with flags, width and precision (`*` too); C escapes in the format.
 */
import { ansiC } from './expand.js';

export function printf(format: string, args: string[]): { out: string; errors: string[] } {
  let out = '';
  const errors: string[] = [];
  let k = 0;
  let rounds = 0;
  const next = () => args[k++];
  do {
    const before = k;
    let stop = false;
    for (let i = 0; i < format.length && !stop; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const m = /^\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|[0-7]{1,3}|c|.)/.exec(format.slice(i));
        if (!m) {
          out += '\\';
          continue;
        }
        if (m[1] === 'c') return { out, errors };
        out += /^[0-7]/.test(m[1]!) ? String.fromCharCode(parseInt(m[1]!, 8) & 255) : ansiC(m[0]);
        i += m[0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([a-zA-Z%])/.exec(format.slice(i));
      if (!m) {
        errors.push(`\`${format.slice(i + 1, i + 2) || '%'}': invalid format character`);
        stop = true;
        return { out, errors };
      }
      i += m[0].length - 1;
      const [, flags = '', w, p, , conv] = m as unknown as [string, string, string | undefined, string | undefined, string, string];
      if (conv === '%') {
        out += '%';
        continue;
      }
      const width = w === '*' ? Number(next() ?? 0) : w !== undefined ? Number(w) : undefined;
      const prec = p === '*' ? Number(next() ?? 0) : p !== undefined ? Number(p || 0) : undefined;
      const arg = next();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          break;
        case 'b':
          s = ansiC((arg ?? '').replace(/\\0([0-7]{1,3})/g, '\\$1'));
          break;
        case 'q':
          s = arg === undefined || arg === '' ? "''" : /^[A-Za-z0-9_./=:,+@%-]+$/.test(arg) ? arg : arg.replace(/([^A-Za-z0-9_./=:,+@%-])/g, '\\$1');
          break;
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const n = toInt(arg, errors);
          const neg = n < 0n;
          const abs = neg ? -n : n;
          let digits = conv === 'o' ? abs.toString(8) : conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : abs.toString();
          if (prec !== undefined) digits = digits.padStart(prec, '0');
          if (flags.includes('#') && abs !== 0n) digits = conv === 'o' ? `0${digits}` : conv === 'x' ? `0x${digits}` : conv === 'X' ? `0X${digits}` : digits;
          const sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          s = sign + digits;
          if (flags.includes('0') && !flags.includes('-') && prec === undefined && width !== undefined) s = sign + digits.padStart(width - sign.length, '0');
          break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
          const n = toFloat(arg, errors);
          const pr = prec ?? 6;
          let body = conv === 'f' || conv === 'F' ? n.toFixed(pr) : conv === 'e' || conv === 'E' ? cExp(n, pr) : cG(n, pr === 0 ? 1 : pr, flags.includes('#'));
          if (conv === 'E' || conv === 'G') body = body.toUpperCase();
          const sign = n < 0 || Object.is(n, -0) ? '' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          s = sign + body;
          if (flags.includes('0') && !flags.includes('-') && width !== undefined) {
            const neg = s.startsWith('-') || s.startsWith('+') || s.startsWith(' ');
            s = neg ? s[0] + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
          }
          break;
        }
        default:
          errors.push(`%${conv}: invalid directive`);
          return { out, errors };
      }
      if (width !== undefined) s = flags.includes('-') || width < 0 ? s.padEnd(Math.abs(width)) : s.padStart(width);
      out += s;
    }
    if (k === before) break;
    rounds++;
  } while (k < args.length && rounds < 100_000);
  return { out, errors };
}

function toInt(arg: string | undefined, errors: string[]): bigint {
  if (arg === undefined || arg === '') return 0n;
  const t = arg.trim();
  if (/^[-+]?\d+$/.test(t)) return BigInt(t);
  if (/^[-+]?0[xX][0-9a-fA-F]+$/.test(t)) return t.startsWith('-') ? -BigInt(t.slice(1)) : BigInt(t.replace(/^\+/, ''));
  if (/^['"]/.test(t)) return BigInt(t.codePointAt(1) ?? 0);
  const m = /^[-+]?\d+/.exec(t);
  errors.push(`${arg}: invalid number`);
  return m ? BigInt(m[0]) : 0n;
}

function toFloat(arg: string | undefined, errors: string[]): number {
  if (arg === undefined || arg === '') return 0;
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    errors.push(`${arg}: invalid number`);
    return 0;
  }
  return n;
}

function cExp(n: number, p: number): string {
  const s = n.toExponential(p);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function cG(n: number, p: number, alt: boolean): string {
  if (n === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(n)));
  let s: string;
  if (e < -4 || e >= p) {
    s = cExp(n, p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
  } else {
    s = n.toFixed(Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}
