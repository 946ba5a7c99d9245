/**
 * GNU grep: -E -F -G -P, -i -v -w -x, -c -l -L -q -s, -n -h -H -o, -m N, -A/-B/-C with `--`
 * between groups, -e repeated, -f FILE, -r over the virtual filesystem, --include, --color.
 * Messages and exit statuses are grep's: 0 a match, 1 none, 2 trouble.
 */
import type { CommandContext, CommandResult } from '../command.js';
import type { Vfs } from '../vfs.js';
import { compile, RegexError } from './regex.js';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
const WITH_VALUE = new Set(['A', 'B', 'C', 'e', 'f', 'm', 'd', 'D']);
const LONG_VALUE: Record<string, string> = { '--after-context': 'A', '--before-context': 'B', '--context': 'C', '--regexp': 'e', '--file': 'f', '--max-count': 'm' };
const LONG_FLAG: Record<string, string> = {
  '--extended-regexp': 'E', '--fixed-strings': 'F', '--basic-regexp': 'G', '--perl-regexp': 'P', '--ignore-case': 'i', '--invert-match': 'v', '--word-regexp': 'w',
  '--line-regexp': 'x', '--count': 'c', '--files-with-matches': 'l', '--files-without-match': 'L', '--quiet': 'q', '--silent': 'q', '--no-messages': 's',
  '--line-number': 'n', '--no-filename': 'h', '--with-filename': 'H', '--only-matching': 'o', '--recursive': 'r', '--dereference-recursive': 'R', '--text': 'a',
  '--null': 'Z', '--ignore-case ': 'i',
};

export function grep(ctx: CommandContext, vfs: Vfs, name = 'grep'): CommandResult {
  const flags = new Set<string>(name === 'egrep' ? ['E'] : name === 'fgrep' ? ['F'] : []);
  const patterns: string[] = [];
  const files: string[] = [];
  const include: string[] = [];
  let after = 0;
  let before = 0;
  let max = Infinity;
  let patternGiven = false;
  const args = ctx.argv.slice(1);
  const bad = (msg: string): CommandResult => ({ stdout: '', stderr: `grep: ${msg}\n${USAGE}`, exitCode: 2 });
  const setValue = (f: string, v: string): CommandResult | undefined => {
    if (f === 'e') {
      patterns.push(v);
      patternGiven = true;
    } else if (f === 'f') {
      const r = ctx.fs.readFile(v);
      if (!r.ok) return { stdout: '', stderr: `grep: ${v}: No such file or directory\n`, exitCode: 2 };
      patterns.push(...r.value.replace(/\n$/, '').split('\n'));
      patternGiven = true;
    } else if (f === 'A' || f === 'B' || f === 'C') {
      if (!/^\d+$/.test(v)) return { stdout: '', stderr: `grep: ${v}: invalid context length argument\n`, exitCode: 2 };
      if (f !== 'B') after = Number(v);
      if (f !== 'A') before = Number(v);
    } else if (f === 'm') {
      if (!/^-?\d+$/.test(v)) return { stdout: '', stderr: `grep: invalid max count\n`, exitCode: 2 };
      max = Number(v) < 0 ? Infinity : Number(v);
    }
    return undefined;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--') {
      const rest = args.slice(k + 1);
      if (!patternGiven && rest.length) {
        patterns.push(...rest.shift()!.split('\n'));
        patternGiven = true;
      }
      files.push(...rest);
      break;
    }
    if (a.startsWith('--')) {
      const [key, val] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      if (key.startsWith('--color') || key === '--colour') continue;
      if (key === '--include') {
        include.push(val ?? args[++k] ?? '');
        continue;
      }
      if (key === '--exclude' || key === '--exclude-dir' || key === '--label' || key === '--binary-files') {
        if (val === undefined) k++;
        continue;
      }
      if (LONG_VALUE[key]) {
        const v = val ?? args[++k];
        if (v === undefined) return bad(`option '${key}' requires an argument`);
        const r = setValue(LONG_VALUE[key]!, v);
        if (r) return r;
        continue;
      }
      if (LONG_FLAG[key]) {
        flags.add(LONG_FLAG[key]!);
        continue;
      }
      return bad(`unrecognized option '${a}'`);
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d+$/.test(a)) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (WITH_VALUE.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++k];
          if (v === undefined) return bad(`option requires an argument -- '${c}'`);
          if (c !== 'd' && c !== 'D') {
            const r = setValue(c, v);
            if (r) return r;
          }
          break;
        }
        if (/\d/.test(c)) {
          const num = /^\d+/.exec(a.slice(j))![0];
          after = before = Number(num);
          j += num.length - 1;
          continue;
        }
        if (!'EFGPivwxclLqsnhHorRaZIyUTzbu'.includes(c)) return bad(`invalid option -- '${c}'`);
        flags.add(c === 'y' ? 'i' : c === 'R' ? 'r' : c);
      }
      continue;
    }
    if (/^-\d+$/.test(a)) {
      after = before = Number(a.slice(1));
      continue;
    }
    if (!patternGiven) {
      patterns.push(...a.split('\n'));
      patternGiven = true;
    } else files.push(a);
  }
  if (!patternGiven) return { stdout: '', stderr: USAGE, exitCode: 2 };
  const extended = flags.has('E') || flags.has('P');
  let regexes: RegExp[];
  try {
    regexes = patterns.map((p) => {
      let src: string;
      if (flags.has('F')) src = p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      else if (flags.has('P')) src = p;
      else src = compile(p, { extended }).source;
      if (flags.has('x')) src = `^(?:${src})$`;
      else if (flags.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
      return new RegExp(src, `g${flags.has('i') ? 'i' : ''}`);
    });
  } catch (e) {
    if (e instanceof RegexError) return { stdout: '', stderr: `grep: ${e.message}\n`, exitCode: 2 };
    return { stdout: '', stderr: 'grep: Invalid regular expression\n', exitCode: 2 };
  }
  const recursive = flags.has('r');
  let err = '';
  let trouble = false;
  const sources: { name: string; text: string }[] = [];
  const addPath = (shown: string) => {
    if (shown === '-') {
      sources.push({ name: '(standard input)', text: ctx.stdin });
      return;
    }
    const abs = ctx.fs.resolve(shown);
    if (vfs.isDir(abs)) {
      if (!recursive) {
        err += `grep: ${shown}: Is a directory\n`;
        trouble = true;
        return;
      }
      for (const child of vfs.list(abs)) addPath(shown.endsWith('/') ? `${shown}${child}` : `${shown}/${child}`);
      return;
    }
    const r = ctx.fs.readFile(shown);
    if (!r.ok) {
      if (!flags.has('s')) err += `grep: ${shown}: No such file or directory\n`;
      trouble = true;
      return;
    }
    if (include.length && !include.some((g) => globMatch(g, shown.slice(shown.lastIndexOf('/') + 1)))) return;
    sources.push({ name: shown, text: r.value });
  };
  if (files.length === 0) {
    if (recursive) addPath('.');
    else sources.push({ name: '(standard input)', text: ctx.stdin });
  } else for (const f of files) addPath(f);
  const showNames = flags.has('H') || (!flags.has('h') && (files.length > 1 || recursive));
  let out = '';
  let anyMatch = false;
  const invert = flags.has('v');
  for (const src of sources) {
    const displayName = recursive && files.length === 0 && src.name.startsWith('./') ? src.name.slice(2) : src.name;
    const lines = src.text === '' ? [] : src.text.replace(/\n$/, '').split('\n');
    let count = 0;
    let lastPrinted = -1;
    let pendingAfter = 0;
    let printedAny = false;
    const prefix = (i: number, sepChar: string) => `${showNames ? `${displayName}${sepChar}` : ''}${flags.has('n') ? `${i + 1}${sepChar}` : ''}`;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const hit = regexes.some((re) => {
        re.lastIndex = 0;
        return re.test(line);
      });
      if (hit !== invert && count < max) {
        count++;
        anyMatch = true;
        if (flags.has('q')) return { stdout: '', stderr: '', exitCode: 0 };
        if (flags.has('c') || flags.has('l') || flags.has('L')) continue;
        if (before || after) {
          const from = Math.max(lastPrinted + 1, i - before);
          if (printedAny && from > lastPrinted + 1) out += '--\n';
          for (let j = from; j < i; j++) out += `${prefix(j, '-')}${lines[j]}\n`;
        }
        if (flags.has('o') && !invert) {
          for (const re of regexes) {
            re.lastIndex = 0;
            let m: RegExpExecArray | null;
            const found: [number, string][] = [];
            while ((m = re.exec(line)) !== null) {
              if (m[0] === '') {
                re.lastIndex++;
                continue;
              }
              found.push([m.index, m[0]]);
            }
            for (const [, text] of found.sort((x, y) => x[0] - y[0])) out += `${prefix(i, ':')}${text}\n`;
          }
        } else if (!flags.has('o')) out += `${prefix(i, ':')}${line}\n`;
        lastPrinted = i;
        printedAny = true;
        pendingAfter = after;
        if (count >= max) {
          // grep -m stops reading, but prints the trailing context.
          for (let j = i + 1; j < lines.length && j <= i + after; j++) {
            out += `${prefix(j, '-')}${lines[j]}\n`;
            lastPrinted = j;
          }
          break;
        }
      } else if (pendingAfter > 0) {
        out += `${prefix(i, '-')}${line}\n`;
        lastPrinted = i;
        pendingAfter--;
      }
    }
    if (flags.has('c')) out += `${showNames ? `${displayName}:` : ''}${count}\n`;
    if (flags.has('l') && count > 0) out += `${displayName}\n`;
    if (flags.has('L') && count === 0) out += `${displayName}\n`;
  }
  if (flags.has('q')) return { stdout: '', stderr: err, exitCode: trouble ? 2 : 1 };
  return { stdout: out, stderr: err, exitCode: trouble && !(anyMatch && flags.has('s')) ? 2 : anyMatch ? 0 : 1 };
}

function globMatch(glob: string, name: string): boolean {
  const re = new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(name);
}
