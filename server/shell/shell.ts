/**
 * The lab's bash: expansion, aliases, pipes, redirections, `&&`/`||`, `$?`, history expansion,
 * and builtins, over the virtual filesystem. Every command is pure: `run` returns what bash
 * would print, and never throws.
 */
import type { CommandEffect, CommandResult, CommandTable } from './command.js';
import { parse, type AndOr, type SimpleCommand, type Word } from './syntax.js';
import { normalize, Vfs } from './vfs.js';
import { COREUTILS, NOT_AVAILABLE, type Builtin } from './coreutils.js';

export interface ShellSnapshot {
  env: Record<string, string>;
  aliases: Record<string, string>;
  history: string[];
  cwd: string;
  lastExit: number;
}

export interface ShellOptions {
  commands: CommandTable;
  vfs: Vfs;
}

export interface ShellRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  effects: CommandEffect[];
}

const MAX_HISTORY = 1000;
const MAX_PIPELINE = 100;
const MAX_OUTPUT = 4 * 1024 * 1024;

export class Shell {
  private env: Record<string, string> = { HOME: '/root', PWD: '/root', USER: 'root', SHELL: '/bin/bash', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm' };
  private aliases: Record<string, string> = { k: 'kubectl' };
  private hist: string[] = [];
  private dir = '/root';
  private lastExit = 0;
  private depth = 0;
  readonly commands: CommandTable;
  readonly vfs: Vfs;

  constructor(opts: ShellOptions) {
    this.commands = opts.commands;
    this.vfs = opts.vfs;
  }

  static restore(s: ShellSnapshot, opts: ShellOptions): Shell {
    const sh = new Shell(opts);
    sh.env = { ...s.env };
    sh.aliases = { ...s.aliases };
    sh.hist = [...s.history];
    sh.dir = s.cwd;
    sh.lastExit = s.lastExit;
    return sh;
  }

  snapshot(): ShellSnapshot {
    return { env: { ...this.env }, aliases: { ...this.aliases }, history: [...this.hist], cwd: this.dir, lastExit: this.lastExit };
  }

  cwd(): string {
    return this.dir;
  }
  history(): readonly string[] {
    return this.hist;
  }

  /** Tab completion: commands and aliases first, kubectl's own completer after it, else files. */
  complete(line: string, cursor: number): { from: number; candidates: string[] } {
    const before = line.slice(0, cursor);
    const from = before.search(/[^\s]*$/);
    const current = before.slice(from);
    const words = before.slice(0, from).trim().split(/\s+/).filter(Boolean);
    const pick = (xs: string[]) => [...new Set(xs)].filter((x) => x.startsWith(current)).sort();
    if (words.length === 0) {
      return { from, candidates: pick([...Object.keys(this.aliases), ...Object.keys(this.builtins), ...Object.keys(COREUTILS), ...this.commands.names()]) };
    }
    const cmd = this.aliases[words[0]!] ?? words[0]!;
    const completer = this.commands.completer?.(cmd.split(' ')[0]!);
    if (completer) {
      const c = completer([cmd.split(' ')[0]!, ...words.slice(1)], current);
      if (c.length) return { from, candidates: c };
    }
    const slash = current.lastIndexOf('/');
    const dir = slash >= 0 ? current.slice(0, slash + 1) : '';
    const fs = this.vfs.access(this.dir);
    const listing = fs.readDir(dir || '.');
    const names = listing.ok ? listing.value.map((n) => `${dir}${n}${fs.isDirectory(`${dir}${n}`) ? '/' : ''}`) : [];
    return { from, candidates: pick(names) };
  }

  needsMore(text: string): boolean {
    return parse(text).kind === 'incomplete';
  }

  /** Runs a line (or several), recording it in history as bash does. */
  run(text: string, opts: { columns?: number } = {}): ShellRunResult {
    let line = text;
    let echoed = '';
    if (/!(!|-?\d+|[A-Za-z])/.test(line) && !/^\s*#/.test(line)) {
      const expanded = this.expandHistory(line);
      if (!expanded.ok) {
        this.lastExit = 1;
        return { stdout: '', stderr: `bash: ${expanded.event}: event not found\n`, exitCode: 1, effects: [] };
      }
      if (expanded.value !== line) echoed = `${expanded.value}\n`;
      line = expanded.value;
    }
    if (line.trim() !== '' && !line.startsWith(' ')) {
      this.hist.push(line);
      if (this.hist.length > MAX_HISTORY) this.hist.shift();
    }
    try {
      const r = this.exec(line, '', opts.columns ?? 80);
      return { ...r, stdout: echoed + r.stdout, effects: r.effects };
    } catch {
      // A bug, never the learner's fault: say so plainly, keep the lab usable.
      this.depth = 0;
      this.lastExit = 1;
      return { stdout: echoed, stderr: 'bash: internal error\n', exitCode: 1, effects: [] };
    }
  }

  private expandHistory(line: string): { ok: true; value: string } | { ok: false; event: string } {
    let bad: string | undefined;
    let inSingle = false;
    let out = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (c === "'") inSingle = !inSingle;
      if (c !== '!' || inSingle) {
        out += c;
        continue;
      }
      const m = line.slice(i).match(/^!(!|-?\d+|[A-Za-z][^\s]*)/);
      if (!m) {
        out += c;
        continue;
      }
      const ev = m[1]!;
      let found: string | undefined;
      if (ev === '!') found = this.hist.at(-1);
      else if (/^-?\d+$/.test(ev)) {
        const n = Number(ev);
        found = n < 0 ? this.hist.at(n) : this.hist[n - 1];
      } else found = [...this.hist].reverse().find((h) => h.startsWith(ev));
      if (found === undefined) {
        bad = m[0];
        break;
      }
      out += found;
      i += m[0].length - 1;
    }
    return bad ? { ok: false, event: bad } : { ok: true, value: out };
  }

  /** Parses and runs text with the given stdin: used for lines and for $(...). */
  private exec(text: string, stdin: string, columns: number): ShellRunResult {
    const parsed = parse(text, this.depth);
    if (parsed.kind === 'incomplete') {
      this.lastExit = 2;
      return { stdout: '', stderr: 'bash: syntax error: unexpected end of file\n', exitCode: 2, effects: [] };
    }
    if (parsed.kind === 'error') {
      this.lastExit = 2;
      return { stdout: '', stderr: `${parsed.message}\n`, exitCode: 2, effects: [] };
    }
    const acc: ShellRunResult = { stdout: '', stderr: '', exitCode: this.lastExit, effects: [] };
    for (const ao of parsed.list) this.runAndOr(ao, stdin, columns, acc);
    return acc;
  }

  private runAndOr(ao: AndOr, stdin: string, columns: number, acc: ShellRunResult): void {
    let status = this.runPipeline(ao.first, stdin, columns, acc);
    for (const { op, pipeline } of ao.rest) {
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = this.runPipeline(pipeline, stdin, columns, acc);
    }
  }

  private runPipeline(cmds: SimpleCommand[], stdin: string, columns: number, acc: ShellRunResult): number {
    if (cmds.length > MAX_PIPELINE) {
      acc.stderr += `bash: pipeline of more than ${MAX_PIPELINE} commands is not supported in this lab\n`;
      this.lastExit = acc.exitCode = 1;
      return 1;
    }
    let input = stdin;
    let status = 0;
    cmds.forEach((cmd, i) => {
      const last = i === cmds.length - 1;
      const r = this.runCommand(cmd, input, columns);
      acc.stderr += r.stderr;
      if (r.effects) acc.effects.push(...r.effects);
      if (last) {
        acc.stdout += r.stdout;
        if (acc.stdout.length > MAX_OUTPUT) acc.stdout = `${acc.stdout.slice(0, MAX_OUTPUT)}\n[output truncated]\n`;
      } else input = r.stdout;
      status = r.exitCode;
    });
    this.lastExit = acc.exitCode = status;
    return status;
  }

  /** Expands a word into fields: quoted parts stay whole, unquoted expansions split on blanks. */
  private expandWord(w: Word, columns: number): string[] {
    const fields: string[] = [];
    let cur = '';
    let has = false;
    const pushSplit = (text: string) => {
      const parts = text.split(/[ \t\n]+/);
      parts.forEach((part, idx) => {
        if (idx > 0) {
          if (has || cur) fields.push(cur);
          cur = '';
          has = false;
        }
        if (part) {
          cur += part;
          has = true;
        }
      });
    };
    for (const s of w) {
      if (s.t === 'lit') {
        cur += s.s;
        has = has || s.quoted || s.s.length > 0;
        continue;
      }
      const value = s.t === 'var' ? this.variable(s.name, s.fallback) : this.substitute(s.src, columns);
      if (s.quoted) {
        cur += value;
        has = true;
      } else pushSplit(value);
    }
    if (has || cur) fields.push(cur);
    return fields.flatMap((f, i) => (i >= 0 && /[*?]/.test(f) && w.every((s) => s.t !== 'lit' || !s.quoted) ? this.glob(f) : [f]));
  }

  private glob(pattern: string): string[] {
    const abs = pattern.startsWith('/');
    const dir = pattern.includes('/') ? pattern.slice(0, pattern.lastIndexOf('/')) || '/' : '.';
    const base = pattern.slice(pattern.lastIndexOf('/') + 1);
    const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const dirPath = this.vfs.access(this.dir).resolve(dir);
    const matches = this.vfs.list(dirPath).filter((n) => re.test(n) && !n.startsWith('.'));
    if (matches.length === 0) return [pattern];
    return matches.map((m) => (dir === '.' && !abs ? m : `${dir === '/' ? '' : dir}/${m}`));
  }

  private variable(name: string, fallback?: string): string {
    const v = name === '?' ? String(this.lastExit) : name === '$' ? '1' : name === '#' ? '0' : name === '0' ? 'bash' : this.env[name];
    return v === undefined || v === '' ? (fallback ?? '') : v;
  }

  /** $(...): runs the text, its stderr goes to the terminal, its stdout (trailing newlines cut) is the value. */
  private substitute(src: string, columns: number): string {
    if (this.depth >= 16) {
      this.tooDeep = true;
      return '';
    }
    this.depth++;
    try {
      const r = this.exec(src, '', columns);
      this.expansionStderr += r.stderr;
      return r.stdout.replace(/\n+$/, '');
    } finally {
      this.depth--;
    }
  }
  private expansionStderr = '';
  private tooDeep = false;

  private runCommand(cmd: SimpleCommand, stdin: string, columns: number): CommandResult {
    const fs = this.vfs.access(this.dir);
    let words = cmd.words.flatMap((w) => this.expandWord(w, columns));
    if (this.tooDeep && this.depth === 0) {
      this.tooDeep = false;
      this.expansionStderr = '';
      return { stdout: '', stderr: 'bash: maximum $(...) nesting exceeded\n', exitCode: 1 };
    }
    const expansionStderr = this.expansionStderr;
    this.expansionStderr = '';
    for (const a of cmd.assigns) {
      if (cmd.words.length === 0) this.env[a.name] = this.expandWord(a.value, columns).join(' ');
    }
    // Alias expansion of the first word (one level, and again if the alias ends in a space-less name).
    const first = cmd.words[0];
    if (first && first.length === 1 && first[0]!.t === 'lit' && !first[0]!.quoted && this.aliases[words[0]!] !== undefined) {
      const aliasParsed = parse(this.aliases[words[0]!]!);
      if (aliasParsed.kind === 'ok' && aliasParsed.list.length === 1 && aliasParsed.list[0]!.rest.length === 0 && aliasParsed.list[0]!.first.length === 1) {
        const aw = aliasParsed.list[0]!.first[0]!.words.flatMap((w) => this.expandWord(w, columns));
        words = [...aw, ...words.slice(1)];
      }
    }
    // Redirections: input first.
    let input = stdin;
    for (const r of cmd.redirects) {
      if (r.heredoc) input = r.heredoc.expand ? this.expandHeredoc(r.heredoc.body, columns) : r.heredoc.body;
      else if (r.op === '<') {
        const target = this.expandWord(r.target!, columns).join(' ');
        const f = fs.readFile(target);
        if (!f.ok) return { stdout: '', stderr: `bash: ${target}: ${errnoText(f.error)}\n`, exitCode: 1 };
        input = f.value;
      }
    }
    let result: CommandResult = words.length === 0 ? { stdout: '', stderr: '', exitCode: 0 } : this.invoke(words, input, columns);
    // Output redirections, in order.
    let stdout = result.stdout;
    let stderr = result.stderr;
    const writes: { path: string; append: boolean; fd: 1 | 2 | 'both' }[] = [];
    let errToOut = false;
    for (const r of cmd.redirects) {
      if (r.op === 'dup') errToOut = true;
      else if (r.op === '>' || r.op === '>>') {
        const target = this.expandWord(r.target!, columns).join(' ');
        writes.push({ path: target, append: r.op === '>>', fd: r.fd as 1 | 2 | 'both' });
      }
    }
    if (errToOut && !writes.some((w) => w.fd === 1)) {
      stdout += stderr;
      stderr = '';
    }
    for (const w of writes) {
      let content = w.fd === 1 ? stdout : w.fd === 2 ? stderr : stdout + stderr;
      if (w.fd === 1 && errToOut) {
        content = stdout + stderr;
        stderr = '';
      }
      if (w.fd === 1 || w.fd === 'both') stdout = '';
      if (w.fd === 2 || w.fd === 'both') stderr = '';
      if (w.path === '/dev/null') continue;
      const prev = w.append ? (fs.readFile(w.path).ok ? (fs.readFile(w.path) as { value: string }).value : '') : '';
      const wr = fs.writeFile(w.path, prev + content);
      if (!wr.ok) return { stdout, stderr: `${stderr}bash: ${w.path}: ${errnoText(wr.error)}\n`, exitCode: 1, ...(result.effects ? { effects: result.effects } : {}) };
    }
    result = { ...result, stdout, stderr: expansionStderr + stderr };
    return result;
  }

  private expandHeredoc(body: string, columns: number): string {
    return body.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*|\?)\}|\$([A-Za-z_][A-Za-z0-9_]*|\?)|\$\(([^()]*)\)/g, (_m, a, b, c) =>
      c !== undefined ? this.substitute(c, columns) : this.variable(a ?? b),
    );
  }

  private invoke(words: string[], stdin: string, columns: number): CommandResult {
    const [name, ...args] = words as [string, ...string[]];
    const builtin = this.builtins[name];
    if (builtin) return builtin(args, stdin, columns);
    const util: Builtin | undefined = COREUTILS[name];
    const fs = this.vfs.access(this.dir);
    if (util) return util({ argv: words, stdin, env: this.env, cwd: this.dir, fs, columns }, this.vfs);
    const external = this.commands.get(name);
    if (external) return external({ argv: words, stdin, env: this.env, cwd: this.dir, fs, columns });
    if (NOT_AVAILABLE.includes(name)) return { stdout: '', stderr: `bash: ${name}: not available in this lab\n`, exitCode: 127 };
    if (name.includes('/')) return { stdout: '', stderr: `bash: ${name}: No such file or directory\n`, exitCode: 127 };
    return { stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 };
  }

  private builtins: Record<string, (args: string[], stdin: string, columns: number) => CommandResult> = {
    cd: (args) => {
      const target = args[0] === undefined || args[0] === '~' ? '/root' : args[0] === '-' ? (this.env.OLDPWD ?? this.dir) : args[0];
      const p = this.vfs.access(this.dir).resolve(target);
      if (this.vfs.isFile(p)) return { stdout: '', stderr: `bash: cd: ${args[0]}: Not a directory\n`, exitCode: 1 };
      if (!this.vfs.isDir(p)) return { stdout: '', stderr: `bash: cd: ${args[0]}: No such file or directory\n`, exitCode: 1 };
      this.env.OLDPWD = this.dir;
      this.dir = normalize(p);
      this.env.PWD = this.dir;
      return { stdout: args[0] === '-' ? `${this.dir}\n` : '', stderr: '', exitCode: 0 };
    },
    pwd: () => ({ stdout: `${this.dir}\n`, stderr: '', exitCode: 0 }),
    export: (args) => {
      for (const a of args) {
        const i = a.indexOf('=');
        if (i > 0) {
          const name = a.slice(0, i);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { stdout: '', stderr: `bash: export: \`${a}': not a valid identifier\n`, exitCode: 1 };
          this.env[name] = a.slice(i + 1);
        }
      }
      if (args.length === 0) {
        return { stdout: Object.keys(this.env).sort().map((k) => `declare -x ${k}="${this.env[k]}"\n`).join(''), stderr: '', exitCode: 0 };
      }
      return { stdout: '', stderr: '', exitCode: 0 };
    },
    unset: (args) => {
      for (const a of args) delete this.env[a];
      return { stdout: '', stderr: '', exitCode: 0 };
    },
    alias: (args) => {
      if (args.length === 0) {
        return { stdout: Object.keys(this.aliases).sort().map((k) => `alias ${k}='${this.aliases[k]}'\n`).join(''), stderr: '', exitCode: 0 };
      }
      let out = '';
      let err = '';
      let code = 0;
      for (const a of args) {
        const i = a.indexOf('=');
        if (i > 0) this.aliases[a.slice(0, i)] = a.slice(i + 1);
        else if (this.aliases[a] !== undefined) out += `alias ${a}='${this.aliases[a]}'\n`;
        else {
          err += `bash: alias: ${a}: not found\n`;
          code = 1;
        }
      }
      return { stdout: out, stderr: err, exitCode: code };
    },
    unalias: (args) => {
      let err = '';
      for (const a of args) {
        if (a === '-a') this.aliases = {};
        else if (this.aliases[a] === undefined) err += `bash: unalias: ${a}: not found\n`;
        else delete this.aliases[a];
      }
      return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
    },
    history: (args) => {
      if (args[0] === '-c') {
        this.hist = [];
        return { stdout: '', stderr: '', exitCode: 0 };
      }
      const n = args[0] !== undefined ? Number(args[0]) : this.hist.length;
      const start = Math.max(0, this.hist.length - n);
      return { stdout: this.hist.slice(start).map((h, i) => `${String(start + i + 1).padStart(5)}  ${h}\n`).join(''), stderr: '', exitCode: 0 };
    },
    clear: () => ({ stdout: '', stderr: '', exitCode: 0, effects: [{ type: 'clear' }] }),
    // The command table may own `exit` (leaving an ssh session on a node); otherwise the lab stays.
    exit: (args, stdin, columns) =>
      this.commands.get('exit')?.({ argv: ['exit', ...args], stdin, env: this.env, cwd: this.dir, fs: this.vfs.access(this.dir), columns }) ??
      { stdout: 'exit\n', stderr: 'The lab session stays open: close the tab to leave.\n', exitCode: 0 },
    logout: (args, stdin, columns) =>
      this.commands.get('exit')?.({ argv: ['logout', ...args], stdin, env: this.env, cwd: this.dir, fs: this.vfs.access(this.dir), columns }) ??
      { stdout: '', stderr: 'bash: logout: not login shell: use `exit\'\n', exitCode: 1 },
    source: (args) => this.sourceFile(args),
    '.': (args) => this.sourceFile(args),
    type: (args) => {
      let out = '';
      let code = 0;
      for (const a of args) {
        if (this.aliases[a] !== undefined) out += `${a} is aliased to \`${this.aliases[a]}'\n`;
        else if (this.builtins[a]) out += `${a} is a shell builtin\n`;
        else if (COREUTILS[a] || this.commands.get(a)) out += `${a} is /usr/bin/${a}\n`;
        else {
          code = 1;
          out += '';
        }
      }
      return { stdout: out, stderr: code ? `bash: type: ${args.find((a) => !this.aliases[a] && !this.builtins[a] && !COREUTILS[a] && !this.commands.get(a))}: not found\n` : '', exitCode: code };
    },
    help: () => ({
      stdout:
        'ckalab shell: a simulated bash on a simulated cluster.\n\n' +
        `Commands: kubectl (alias k), ${Object.keys(COREUTILS).filter((c) => !['vim', 'nano'].includes(c)).sort().join(', ')}\n` +
        `Builtins: ${Object.keys(this.builtins).sort().join(', ')}\n` +
        'Syntax: quotes, $VAR and ${VAR}, $(...), |, &&, ||, ;, >, >>, 2>, 2>&1, <, heredocs (<<EOF), !! and !N.\n' +
        'Editors: vi, vim and nano open a full-screen editor.\n',
      stderr: '',
      exitCode: 0,
    }),
  };

  private sourceFile(args: string[]): CommandResult {
    if (!args[0]) return { stdout: '', stderr: 'bash: source: filename argument required\n', exitCode: 2 };
    const f = this.vfs.access(this.dir).readFile(args[0]);
    if (!f.ok) return { stdout: '', stderr: `bash: ${args[0]}: No such file or directory\n`, exitCode: 1 };
    return this.exec(f.value, '', 80);
  }
}

export function errnoText(e: string): string {
  switch (e) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EISDIR':
      return 'Is a directory';
    case 'ENOTDIR':
      return 'Not a directory';
    case 'ENOSPC':
      return 'No space left on device';
    case 'EFBIG':
      return 'File too large';
    case 'EEXIST':
      return 'File exists';
    default:
      return e;
  }
}
