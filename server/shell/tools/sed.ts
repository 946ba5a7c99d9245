/**
 * GNU sed: scripts of several commands (`;` and newlines, `-e` repeated, `-f`), addresses
 * (line, `$`, `/re/`, `first~step`, ranges, `addr,+N`, `!`), `s` with flags and `& \1 \U \L`,
 * `y`, `p P d D n N g G h H x = q Q a i c l z`, blocks, labels and branches, `-n`, `-E`, `-s`,
 * `-z`, `-i[SUFFIX]`. Errors are GNU's (`-e expression #1, char 7: unterminated `s' command`).
 */
import type { CommandContext, CommandResult } from '../command.js';
import type { Vfs } from '../vfs.js';
import { compile, RegexError, skipBracket } from './regex.js';
import { SED_USAGE } from './sed-usage.js';

type Addr = { t: 'line'; n: number } | { t: 'last' } | { t: 're'; re: RegExp | null } | { t: 'step'; first: number; step: number } | { t: 'zero' };
interface Cmd {
  a1?: Addr;
  a2?: Addr | { t: 'plus'; n: number } | { t: 'mult'; n: number };
  neg: boolean;
  name: string;
  // s
  re?: RegExp | null;
  rep?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  // y
  from?: string;
  to?: string;
  text?: string;
  label?: string;
  target?: number;
  exitCode?: number;
  // range state
  active?: boolean;
  endLine?: number;
}

class SedError extends Error {}

const MAX_STEPS = 2_000_000;

export function sed(ctx: CommandContext, vfs: Vfs): CommandResult {
  const args = ctx.argv.slice(1);
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace: string | undefined;
  let separate = false;
  let nul = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--') {
      files.push(...args.slice(k + 1));
      break;
    }
    if (a === '-e' || a === '--expression') {
      if (args[k + 1] === undefined) return { stdout: '', stderr: "sed: option requires an argument -- 'e'\n" + SED_USAGE, exitCode: 1 };
      scripts.push(args[++k]!);
    } else if (a.startsWith('--expression=')) scripts.push(a.slice(13));
    else if (a === '-f' || a === '--file') {
      const f = ctx.fs.readFile(args[++k] ?? '');
      if (!f.ok) return { stdout: '', stderr: `sed: couldn't open file ${args[k] ?? ''}: No such file or directory\n`, exitCode: 1 };
      scripts.push(f.value.replace(/\n$/, ''));
    } else if (a === '-n' || a === '--quiet' || a === '--silent') quiet = true;
    else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
    else if (a === '-s' || a === '--separate') separate = true;
    else if (a === '-z' || a === '--null-data') nul = true;
    else if (a === '-u' || a === '--posix' || a === '--debug' || a === '--sandbox' || a === '--follow-symlinks') continue;
    else if (a === '-i' || a === '--in-place') inPlace = '';
    else if (a.startsWith('--in-place=')) inPlace = a.slice(11);
    else if (a === '--help') return { stdout: SED_USAGE, stderr: '', exitCode: 0 };
    else if (a === '--version') return { stdout: 'sed (GNU sed) 4.9\n', stderr: '', exitCode: 0 };
    else if (/^-[nErsuz]*i/.test(a) && a.startsWith('-') && !a.startsWith('--')) {
      const m = /^-([nErsuz]*)i(.*)$/.exec(a)!;
      for (const c of m[1]!) {
        if (c === 'n') quiet = true;
        if (c === 'E' || c === 'r') extended = true;
        if (c === 's') separate = true;
        if (c === 'z') nul = true;
      }
      inPlace = m[2]!;
    } else if (/^-[nErsuz]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'n') quiet = true;
        if (c === 'E' || c === 'r') extended = true;
        if (c === 's') separate = true;
        if (c === 'z') nul = true;
      }
    } else if (/^-[nErsuz]*e$/.test(a)) {
      for (const c of a.slice(1, -1)) {
        if (c === 'n') quiet = true;
        if (c === 'E' || c === 'r') extended = true;
      }
      scripts.push(args[++k] ?? '');
    } else if (a.startsWith('-') && a !== '-') {
      const bad = a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`;
      return { stdout: '', stderr: `sed: ${bad}\n${SED_USAGE}`, exitCode: 1 };
    } else files.push(a);
  }
  if (scripts.length === 0) {
    if (files.length === 0) return { stdout: '', stderr: SED_USAGE, exitCode: 1 };
    scripts.push(files.shift()!);
  }
  let program: Cmd[];
  try {
    program = parseProgram(scripts, extended);
  } catch (e) {
    if (e instanceof SedError) return { stdout: '', stderr: `sed: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  if (inPlace !== undefined && files.length === 0) return { stdout: '', stderr: 'sed: no input files\n', exitCode: 1 };
  const sep = nul ? '\0' : '\n';
  let err = '';
  let status = 0;
  const read = (f: string): string | undefined => {
    if (f === '-') return ctx.stdin;
    const r = ctx.fs.readFile(f);
    if (r.ok) return r.value;
    err += r.error === 'EISDIR' ? `sed: couldn't edit ${f}: not a regular file\n` : `sed: can't read ${f}: No such file or directory\n`;
    status = 2;
    return undefined;
  };
  if (inPlace !== undefined) {
    for (const f of files) {
      const text = read(f);
      if (text === undefined) continue;
      const r = execute(program, [text], quiet, sep);
      if (r.error) return { stdout: '', stderr: err + r.error, exitCode: 1 };
      if (inPlace) ctx.fs.writeFile(`${f}${inPlace.includes('*') ? '' : inPlace}`.replace(/^(.*)$/, (m) => (inPlace!.includes('*') ? inPlace!.replace('*', f) : m)), text);
      const w = ctx.fs.writeFile(f, r.out);
      if (!w.ok) err += `sed: couldn't open temporary file ${f}: ${w.error === 'ENOSPC' ? 'No space left on device' : 'Permission denied'}\n`;
      if (r.quit !== undefined) return { stdout: '', stderr: err, exitCode: r.quit };
    }
    void vfs;
    return { stdout: '', stderr: err, exitCode: err ? Math.max(status, 1) : 0 };
  }
  const inputs = files.length === 0 ? [ctx.stdin] : files.map(read).filter((x): x is string => x !== undefined);
  const groups = separate ? inputs.map((t) => [t]) : [inputs];
  let out = '';
  for (const g of groups) {
    const r = execute(program, g, quiet, sep);
    out += r.out;
    if (r.error) return { stdout: out, stderr: err + r.error, exitCode: 1 };
    if (r.quit !== undefined) return { stdout: out, stderr: err, exitCode: r.quit };
  }
  return { stdout: out, stderr: err, exitCode: status };
}

function parseProgram(scripts: string[], extended: boolean): Cmd[] {
  const cmds: Cmd[] = [];
  const blocks: number[] = [];
  let lastRe: RegExp | null = null;
  scripts.forEach((script, exprIndex) => {
    const fail = (pos: number, msg: string): never => {
      throw new SedError(`-e expression #${exprIndex + 1}, char ${pos}: ${msg}`);
    };
    let i = 0;
    const n = script.length;
    const ws = () => {
      while (i < n && (script[i] === ' ' || script[i] === '\t')) i++;
    };
    const regexUntil = (delim: string, what: string): string => {
      let re = '';
      for (;;) {
        if (i >= n) fail(n, what);
        const c = script[i]!;
        if (c === '\\') {
          const nx = script[i + 1];
          if (nx === undefined) fail(n, what);
          if (nx === delim) re += delim === '/' ? '\\/' : delim;
          else if (nx === 'n') re += '\\n';
          else re += c + nx;
          i += 2;
          continue;
        }
        if (c === '[') {
          const e = skipBracket(script, i);
          if (e < 0) fail(n, what);
          re += script.slice(i, e);
          i = e;
          continue;
        }
        if (c === delim) {
          i++;
          return re;
        }
        if (c === '\n' && what.includes('`s\'')) fail(i + 1, what);
        re += c;
        i++;
      }
    };
    const makeRe = (src: string, flags: { i?: boolean; m?: boolean }, pos: number): RegExp | null => {
      if (src === '') {
        return lastRe;
      }
      try {
        const r = compile(src, { extended, ignoreCase: !!flags.i, multiline: !!flags.m });
        lastRe = r;
        return r;
      } catch (e) {
        if (e instanceof RegexError) fail(pos, e.message);
        throw e;
      }
    };
    const address = (): Addr | undefined => {
      const c = script[i];
      if (c === undefined) return undefined;
      if (/\d/.test(c)) {
        let num = '';
        while (i < n && /\d/.test(script[i]!)) num += script[i++];
        if (script[i] === '~') {
          i++;
          let step = '';
          while (i < n && /\d/.test(script[i]!)) step += script[i++];
          return { t: 'step', first: Number(num), step: Number(step || 0) };
        }
        if (Number(num) === 0) return { t: 'zero' };
        return { t: 'line', n: Number(num) };
      }
      if (c === '$') {
        i++;
        return { t: 'last' };
      }
      if (c === '/' || c === '\\') {
        let delim = '/';
        if (c === '\\') {
          delim = script[i + 1] ?? '';
          i++;
        }
        i++;
        const src = regexUntil(delim, 'unterminated address regex');
        const flags: { i?: boolean; m?: boolean } = {};
        while (script[i] === 'I' || script[i] === 'M') {
          if (script[i] === 'I') flags.i = true;
          else flags.m = true;
          i++;
        }
        return { t: 're', re: makeRe(src, flags, i) };
      }
      return undefined;
    };
    const readText = (): string => {
      // a\ NEWLINE text, a\text, a text (GNU one-liner).
      ws();
      if (script[i] === '\\') {
        i++;
        if (script[i] === '\n') i++;
        else ws();
      }
      let text = '';
      while (i < n) {
        const c = script[i]!;
        if (c === '\\') {
          const nx = script[i + 1];
          if (nx === '\n') {
            text += '\n';
            i += 2;
            continue;
          }
          text += nx ?? '';
          i += 2;
          continue;
        }
        if (c === '\n') break;
        text += c;
        i++;
      }
      return text;
    };
    const label = (): string => {
      ws();
      let l = '';
      while (i < n && script[i] !== ';' && script[i] !== '\n') l += script[i++];
      return l.trim();
    };
    while (i < n) {
      while (i < n && /[\s;]/.test(script[i]!)) i++;
      if (i >= n) break;
      if (script[i] === '#') {
        while (i < n && script[i] !== '\n') i++;
        continue;
      }
      const cmd: Cmd = { neg: false, name: '' };
      const a1 = address();
      if (a1) {
        cmd.a1 = a1;
        ws();
        if (script[i] === ',') {
          i++;
          ws();
          if (script[i] === '+' || script[i] === '~') {
            const kind = script[i++];
            let num = '';
            while (i < n && /\d/.test(script[i]!)) num += script[i++];
            cmd.a2 = kind === '+' ? { t: 'plus', n: Number(num) } : { t: 'mult', n: Number(num) };
          } else {
            const a2 = address();
            if (!a2) fail(i, 'unexpected `,\'');
            cmd.a2 = a2!.t === 'zero' ? fail(i, 'invalid usage of line address 0') : a2;
          }
        }
        if (a1.t === 'zero' && !(cmd.a2 && cmd.a2.t === 're')) fail(i, 'invalid usage of line address 0');
      }
      ws();
      while (script[i] === '!') {
        cmd.neg = true;
        i++;
        ws();
      }
      const c = script[i];
      if (c === undefined) fail(i, 'missing command');
      i++;
      cmd.name = c!;
      switch (c) {
        case '{':
          blocks.push(cmds.length);
          cmds.push(cmd);
          continue;
        case '}':
          if (a1) fail(i, '} doesn\'t want any addresses');
          if (blocks.length === 0) fail(i, "unexpected `}'");
          cmds[blocks.pop()!]!.target = cmds.length + 1;
          cmds.push(cmd);
          break;
        case 's': {
          const delim = script[i];
          if (delim === undefined || delim === '\n' || delim === '\\') fail(i, "unterminated `s' command");
          i++;
          const reSrc = regexUntil(delim!, "unterminated `s' command");
          let rep = '';
          for (;;) {
            if (i >= n) fail(n, "unterminated `s' command");
            const ch = script[i]!;
            if (ch === '\\') {
              const nx = script[i + 1];
              if (nx === undefined) fail(n, "unterminated `s' command");
              rep += nx === delim ? `\\${delim === '&' ? '&' : delim}` : `\\${nx}`;
              i += 2;
              continue;
            }
            if (ch === delim) {
              i++;
              break;
            }
            rep += ch;
            i++;
          }
          const flags: { i?: boolean; m?: boolean } = {};
          while (i < n && !/[;\n}#]/.test(script[i]!)) {
            const f = script[i]!;
            if (f === 'g') {
              if (cmd.global) fail(i + 1, "multiple `g' options to `s' command");
              cmd.global = true;
            } else if (f === 'p') {
              if (cmd.print) fail(i + 1, "multiple `p' options to `s' command");
              cmd.print = true;
            } else if (f === 'i' || f === 'I') flags.i = true;
            else if (f === 'm' || f === 'M') flags.m = true;
            else if (f === 'e') {
              /* e: run the pattern space as a command: not in this lab */
            } else if (/\d/.test(f)) {
              if (cmd.nth !== undefined) fail(i + 1, "multiple number options to `s' command");
              let num = '';
              while (i < n && /\d/.test(script[i]!)) num += script[i++];
              if (Number(num) === 0) fail(i, "number option to `s' command may not be zero");
              cmd.nth = Number(num);
              continue;
            } else if (f === 'w') {
              while (i < n && script[i] !== '\n') i++;
              break;
            } else if (f === ' ' || f === '\t') {
              i++;
              continue;
            } else fail(i + 1, "unknown option to `s'");
            i++;
          }
          cmd.re = makeRe(reSrc, flags, i);
          if (cmd.re) {
            const groups = new RegExp(`${cmd.re.source}|`).exec('')!.length - 1;
            const refs = [...rep.matchAll(/\\(\d)/g)].map((m) => Number(m[1]));
            const max = Math.max(0, ...refs);
            if (max > groups) fail(i, `invalid reference \\${max} on \`s' command's RHS`);
          }
          cmd.rep = rep;
          cmds.push(cmd);
          break;
        }
        case 'y': {
          const delim = script[i++];
          const parts: string[] = [];
          for (let k = 0; k < 2; k++) {
            let s = '';
            for (;;) {
              if (i >= n) fail(n, "unterminated `y' command");
              const ch = script[i]!;
              if (ch === '\\') {
                const nx = script[i + 1];
                s += nx === 'n' ? '\n' : nx === 't' ? '\t' : (nx ?? '');
                i += 2;
                continue;
              }
              if (ch === delim) {
                i++;
                break;
              }
              s += ch;
              i++;
            }
            parts.push(s);
          }
          if ([...parts[0]!].length !== [...parts[1]!].length) fail(i, "strings for `y' command are different lengths");
          cmd.from = parts[0]!;
          cmd.to = parts[1]!;
          cmds.push(cmd);
          break;
        }
        case 'a':
        case 'i':
        case 'c': {
          const t = readText();
          if (t === '' && script[i - 1] !== '\\' && !/\S/.test(script.slice(0, i)) === false && i >= n && script.endsWith(c!)) fail(i, `expected \\ after \`a', \`c' or \`i'`);
          cmd.text = t;
          cmds.push(cmd);
          break;
        }
        case ':': {
          if (a1) fail(i, ': doesn\'t want any addresses');
          const l = label();
          if (!l) fail(i, '":" lacks a label');
          cmd.label = l;
          cmds.push(cmd);
          break;
        }
        case 'b':
        case 't':
        case 'T':
          cmd.label = label();
          cmds.push(cmd);
          break;
        case 'q':
        case 'Q':
        case 'l':
        case 'L': {
          ws();
          let num = '';
          while (i < n && /\d/.test(script[i]!)) num += script[i++];
          if (num) cmd.exitCode = Number(num);
          cmds.push(cmd);
          break;
        }
        case 'r':
        case 'R':
        case 'w':
        case 'W':
          cmd.text = label();
          cmds.push(cmd);
          break;
        case 'p':
        case 'P':
        case 'd':
        case 'D':
        case 'n':
        case 'N':
        case 'g':
        case 'G':
        case 'h':
        case 'H':
        case 'x':
        case '=':
        case 'z':
        case 'F':
          cmds.push(cmd);
          break;
        default:
          fail(i, `unknown command: \`${c}'`);
      }
      ws();
      if (i < n && !/[;\n}#]/.test(script[i]!)) fail(i + 1, `extra characters after command`);
    }
    if (blocks.length) throw new SedError(`-e expression #${exprIndex + 1}, char 0: unmatched \`{'`);
  });
  for (const c of cmds) {
    if ((c.name === 'b' || c.name === 't' || c.name === 'T') && c.label) {
      const at = cmds.findIndex((x) => x.name === ':' && x.label === c.label);
      if (at < 0) throw new SedError(`can't find label for jump to \`${c.label}'`);
      c.target = at;
    }
  }
  return cmds;
}

function execute(program: Cmd[], inputs: string[], quiet: boolean, sep: string): { out: string; quit?: number; error?: string } {
  const text = inputs.join('');
  const lines = text === '' ? [] : text.split(sep);
  const trailing = text.endsWith(sep);
  if (trailing) lines.pop();
  let out = '';
  let hold = '';
  let lineNo = 0;
  let idx = 0;
  let steps = 0;
  for (const c of program) {
    c.active = false;
    c.endLine = undefined;
  }
  const isLast = () => idx >= lines.length;
  const emit = (s: string, newline = true) => {
    out += s + (newline && (!isLast() || trailing || true) ? sep : '');
  };
  const matches = (a: Addr, ps: string): boolean => {
    switch (a.t) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return isLast();
      case 're':
        return a.re ? testRe(a.re, ps) : false;
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      case 'zero':
        return false;
    }
  };
  const selected = (c: Cmd, ps: string): boolean => {
    if (!c.a1) return true;
    if (!c.a2) return matches(c.a1, ps) !== c.neg;
    let on: boolean;
    if (c.active) {
      const a2 = c.a2;
      let ends: boolean;
      if (a2.t === 'line') ends = lineNo >= a2.n;
      else if (a2.t === 'plus' || a2.t === 'mult') ends = lineNo >= (c.endLine ?? 0);
      else ends = matches(a2 as Addr, ps);
      if (ends) c.active = false;
      on = true;
    } else if (c.a1.t === 'zero' ? lineNo === 1 || false : matches(c.a1, ps)) {
      on = true;
      const a2 = c.a2;
      if (c.a1.t === 'zero') {
        c.active = !matches(a2 as Addr, ps);
      } else if (a2.t === 'line') c.active = a2.n > lineNo;
      else if (a2.t === 'plus') {
        c.endLine = lineNo + a2.n;
        c.active = a2.n > 0;
      } else if (a2.t === 'mult') {
        c.endLine = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
        c.active = c.endLine > lineNo;
      } else c.active = true;
    } else on = false;
    return on !== c.neg;
  };
  let appendQueue: string[] = [];
  const flushAppends = () => {
    for (const a of appendQueue) out += a;
    appendQueue = [];
  };
  let ps = '';
  let lastLineNewline = true;
  const readLine = (): boolean => {
    if (idx >= lines.length) return false;
    ps = lines[idx++]!;
    lineNo++;
    lastLineNewline = idx < lines.length || trailing;
    return true;
  };
  const print = (s: string) => {
    out += s;
    out += isLast() && !lastLineNewline ? '' : sep;
  };
  let restartWithoutRead = false;
  while (restartWithoutRead || readLine()) {
    restartWithoutRead = false;
    let subst = false;
    let pc = 0;
    let deleted = false;
    let quitCode: number | undefined;
    let quitPrint = true;
    while (pc < program.length) {
      if (++steps > MAX_STEPS) return { out, error: 'sed: stopped: the script ran more than 2000000 commands (a loop?) in this lab\n' };
      const c = program[pc]!;
      if (!selected(c, ps)) {
        pc = c.name === '{' ? c.target! : pc + 1;
        continue;
      }
      pc++;
      switch (c.name) {
        case '{':
        case '}':
        case ':':
          break;
        case 's': {
          const re = c.re;
          if (!re) return { out, error: 'sed: no previous regular expression\n' };
          const r = substitute(ps, re, c.rep!, !!c.global, c.nth ?? 1);
          if (r !== undefined) {
            ps = r;
            subst = true;
            if (c.print) print(ps);
          }
          break;
        }
        case 'y': {
          const from = [...c.from!];
          const to = [...c.to!];
          ps = [...ps].map((ch) => {
            const k = from.indexOf(ch);
            return k < 0 ? ch : to[k]!;
          }).join('');
          break;
        }
        case 'p':
          print(ps);
          break;
        case 'P':
          out += ps.split('\n')[0] + sep;
          break;
        case 'd':
          deleted = true;
          pc = program.length;
          break;
        case 'D': {
          const nl = ps.indexOf('\n');
          if (nl < 0) {
            deleted = true;
            pc = program.length;
          } else {
            ps = ps.slice(nl + 1);
            flushAppends();
            restartWithoutRead = true;
            deleted = true;
            pc = program.length;
          }
          break;
        }
        case 'n':
          if (isLast()) {
            pc = program.length;
            quitCode = undefined;
            break;
          }
          if (!quiet) print(ps);
          flushAppends();
          readLine();
          break;
        case 'N':
          if (isLast()) {
            // GNU prints the pattern space when N finds no next line.
            pc = program.length;
            break;
          }
          {
            const prev = ps;
            readLine();
            ps = `${prev}\n${ps}`;
          }
          break;
        case 'g':
          ps = hold;
          break;
        case 'G':
          ps = `${ps}\n${hold}`;
          break;
        case 'h':
          hold = ps;
          break;
        case 'H':
          hold = `${hold}\n${ps}`;
          break;
        case 'x':
          [ps, hold] = [hold, ps];
          break;
        case '=':
          out += `${lineNo}\n`;
          break;
        case 'z':
          ps = '';
          break;
        case 'F':
          out += '-\n';
          break;
        case 'l':
          out += `${[...ps].map((ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : ch.charCodeAt(0) < 32 ? `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}` : ch)).join('')}$\n`;
          break;
        case 'a':
          appendQueue.push(`${c.text}\n`);
          break;
        case 'i':
          out += `${c.text}\n`;
          break;
        case 'c':
          if (!c.a2 || !c.active) out += `${c.text}\n`;
          deleted = true;
          pc = program.length;
          break;
        case 'r':
        case 'R':
        case 'w':
        case 'W':
          break;
        case 'b':
          pc = c.label ? c.target! : program.length;
          break;
        case 't':
          if (subst) {
            subst = false;
            pc = c.label ? c.target! : program.length;
          }
          break;
        case 'T':
          if (!subst) pc = c.label ? c.target! : program.length;
          else subst = false;
          break;
        case 'q':
          quitCode = c.exitCode ?? 0;
          pc = program.length;
          break;
        case 'Q':
          quitCode = c.exitCode ?? 0;
          quitPrint = false;
          pc = program.length;
          break;
      }
    }
    if (!deleted && !quiet && quitPrint) print(ps);
    flushAppends();
    if (quitCode !== undefined) return { out, quit: quitCode };
  }
  void emit;
  return { out };
}

function testRe(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

/** s///: the nth match (and every one after it with g); & and \1..\9, \n, \U \L \u \l \E. */
function substitute(ps: string, re: RegExp, rep: string, global: boolean, nth: number): string | undefined {
  const g = new RegExp(re.source, `g${re.flags.replace('g', '')}`);
  let count = 0;
  let changed = false;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = g.exec(ps)) !== null) {
    count++;
    if (count >= nth) {
      out += ps.slice(last, m.index) + expandReplacement(rep, m);
      last = m.index + m[0].length;
      changed = true;
      if (!global) break;
    }
    if (m[0] === '') {
      if (g.lastIndex >= ps.length) break;
      g.lastIndex++;
    }
  }
  if (!changed) return undefined;
  return out + ps.slice(last);
}

function expandReplacement(rep: string, m: RegExpExecArray): string {
  let out = '';
  let mode: 'U' | 'L' | '' = '';
  let once: 'u' | 'l' | '' = '';
  const add = (s: string) => {
    for (const ch of s) {
      let c = mode === 'U' ? ch.toUpperCase() : mode === 'L' ? ch.toLowerCase() : ch;
      if (once) {
        c = once === 'u' ? c.toUpperCase() : c.toLowerCase();
        once = '';
      }
      out += c;
    }
  };
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '&') add(m[0]);
    else if (c === '\\') {
      const n = rep[++i];
      if (n === undefined) break;
      if (/\d/.test(n)) add(m[Number(n)] ?? '');
      else if (n === 'n') add('\n');
      else if (n === 't') add('\t');
      else if (n === 'U' || n === 'L') mode = n;
      else if (n === 'E') mode = '';
      else if (n === 'u' || n === 'l') once = n;
      else add(n);
    } else add(c);
  }
  return out;
}
