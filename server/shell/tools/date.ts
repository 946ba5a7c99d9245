/**
 * date on the lab's clock, always UTC (the exam's hosts run in UTC): `+FORMAT` with the common
 * conversions, `-d @EPOCH` and `-d DATE`, `-u`, `-I`/`--iso-8601`, `-R`. The time comes in from
 * the shell (the lab clock); with none, the epoch.
 */
import type { CommandContext, CommandResult } from '../command.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number) => String(n).padStart(2, '0');

export function formatDate(ms: number, fmt: string): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  return fmt.replace(/%([-_0^#]?)([a-zA-Z%+:]|:z)/g, (_m, _flag: string, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'Y': return String(Y);
      case 'y': return p2(Y % 100);
      case 'C': return p2(Math.floor(Y / 100));
      case 'm': return p2(m + 1);
      case 'd': return p2(day);
      case 'e': return String(day).padStart(2, ' ');
      case 'H': return p2(H);
      case 'I': return p2(H % 12 || 12);
      case 'M': return p2(M);
      case 'S': return p2(S);
      case 'N': return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 'p': return H < 12 ? 'AM' : 'PM';
      case 'P': return H < 12 ? 'am' : 'pm';
      case 'a': return DAYS[wd]!.slice(0, 3);
      case 'A': return DAYS[wd]!;
      case 'b':
      case 'h': return MONTHS[m]!.slice(0, 3);
      case 'B': return MONTHS[m]!;
      case 'j': return String(yday).padStart(3, '0');
      case 'u': return String(wd === 0 ? 7 : wd);
      case 'w': return String(wd);
      case 's': return String(Math.floor(ms / 1000));
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case ':z': return '+00:00';
      case 'F': return `${Y}-${p2(m + 1)}-${p2(day)}`;
      case 'T': return `${p2(H)}:${p2(M)}:${p2(S)}`;
      case 'R': return `${p2(H)}:${p2(M)}`;
      case 'D': return `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
      case 'c': return `${DAYS[wd]!.slice(0, 3)} ${MONTHS[m]!.slice(0, 3)} ${String(day).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`;
      case 'x': return `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
      case 'X': return `${p2(H)}:${p2(M)}:${p2(S)}`;
      case 'n': return '\n';
      case 't': return '\t';
      default: return `%${c}`;
    }
  });
}

export function date(ctx: CommandContext, now: number): CommandResult {
  let t = now;
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  const args = ctx.argv.slice(1);
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '-u' || a === '--utc' || a === '--universal') continue;
    if (a === '-d' || a === '--date' || a.startsWith('--date=') || (a.startsWith('-d') && a.length > 2)) {
      const v = a === '-d' || a === '--date' ? args[++k] : a.startsWith('--date=') ? a.slice(7) : a.slice(2);
      if (v === undefined) return { stdout: '', stderr: "date: option requires an argument -- 'd'\nTry 'date --help' for more information.\n", exitCode: 1 };
      const parsed = v.startsWith('@') && /^@-?\d+(\.\d+)?$/.test(v) ? Number(v.slice(1)) * 1000 : v === 'now' ? now : v === 'yesterday' ? now - 86400000 : v === 'tomorrow' ? now + 86400000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$|UTC|GMT/.test(v) ? v : `${v}${/\d:\d/.test(v) ? 'Z' : /^\d{4}-\d\d-\d\d$/.test(v) ? 'T00:00:00Z' : ''}`);
      if (Number.isNaN(parsed)) return { stdout: '', stderr: `date: invalid date ‘${v}’\n`, exitCode: 1 };
      t = parsed;
    } else if (a === '-I' || a.startsWith('--iso-8601') || a.startsWith('-I')) {
      const prec = a.includes('=') ? a.slice(a.indexOf('=') + 1) : a.length > 2 && a.startsWith('-I') ? a.slice(2) : 'date';
      fmt = prec === 'seconds' ? '%Y-%m-%dT%H:%M:%S%:z' : prec === 'minutes' ? '%Y-%m-%dT%H:%M%:z' : prec === 'hours' ? '%Y-%m-%dT%H%:z' : '%Y-%m-%d';
    } else if (a === '-R' || a === '--rfc-email') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (a.startsWith('+')) fmt = a.slice(1);
    else return { stdout: '', stderr: `date: invalid date ‘${a}’\n`, exitCode: 1 };
  }
  return { stdout: `${formatDate(t, fmt)}\n`, stderr: '', exitCode: 0 };
}
