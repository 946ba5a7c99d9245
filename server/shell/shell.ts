/**
 * The lab's bash: its grammar (syntax.ts), expansions (expand.ts), arithmetic (arith.ts) and
 * builtins, over the virtual filesystem; text tools come from coreutils.ts and kubectl from the
 * lab's CommandTable. `run` returns what bash would print, in the order it printed it, and never
 * throws. Every line is bounded: commands run, output, nesting; a runaway loop ends with a message.
 */
import type { CommandContext, CommandEffect, CommandResult, CommandTable } from './command.js';
import { parse, type AndOr, type Command, type List, type Pipeline, type Redirect } from './syntax.js';
import { normalize, Vfs } from './vfs.js';
import { COREUTILS, NOT_AVAILABLE, type Builtin } from './coreutils.js';
import { braceExpand, expandPattern, expandString, expandWord, ExpansionError, hasGlob, type ExpandHost } from './expand.js';
import { ArithError, evaluate } from './arith.js';
import { matchPattern } from './pattern.js';
import { printf } from './printf.js';
import { find } from './tools/find.js';
import { date } from './tools/date.js';

/** What is saved of the shell. `env`, `aliases`, `history`, `cwd`, `lastExit` are the first version's fields. */
export interface ShellSnapshot {
  env: Record<string, string>;
  aliases: Record<string, string>;
  history: string[];
  cwd: string;
  lastExit: number;
  /** Shell variables that are not exported, arrays, attributes (absent in older snapshots). */
  vars?: Record<string, SavedVar>;
  /** Function definitions as their source text. */
  functions?: Record<string, string>;
  options?: string[];
  completions?: Record<string, string>;
}

interface SavedVar {
  s?: string;
  a?: [number, string][];
  m?: [string, string][];
  x?: boolean;
  r?: boolean;
  i?: boolean;
}

export interface ShellOptions {
  commands: CommandTable;
  vfs: Vfs;
}

/** One piece of a line's output, in the order it was produced. */
export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface ShellRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  effects: CommandEffect[];
  /** stdout and stderr interleaved as produced (what a terminal shows). */
  output: OutputChunk[];
}

const MAX_HISTORY = 1000;
/** Commands (and loop rounds) one line may run: bash would go on, the lab stops the line. */
export const MAX_STEPS = 100_000;
const MAX_OUTPUT = 4 * 1024 * 1024;
const MAX_CAPTURE = 16 * 1024 * 1024;
const MAX_CALL_DEPTH = 200;
const MAX_PIPELINE = 100;
const MAX_SUBST_DEPTH = 32;
const MAX_VARS_BYTES = 4 * 1024 * 1024;
const HOME = '/root';
/** Programs the shell runs itself (they start commands or read the clock) but bash finds on PATH. */
const PROGRAMS = new Set(['bash', 'sh', 'find', 'xargs', 'date', 'timeout']);
const KEEP_PREFIX_ASSIGNMENTS = new Set(['export', 'readonly', 'declare', 'local', 'typeset', 'set']);
/** Wall time a line may take, when the caller gives a clock that moves. */
const MAX_LINE_MS = 1000;
const PLAIN_WORD = /^[A-Za-z0-9_.,:\/=+%@-]+$/;

type Value = { s: string } | { a: Map<number, string> } | { m: Map<string, string> };
interface Var {
  v: Value;
  x?: boolean;
  r?: boolean;
  i?: boolean;
}

interface Input {
  buf: string;
  pos: number;
}
interface Sink {
  write(s: string): void;
}
interface Io {
  in: Input;
  out: Sink;
  err: Sink;
}

class Limit extends Error {}
class Break {
  constructor(public n: number) {}
}
class Continue {
  constructor(public n: number) {}
}
class Return {
  constructor(readonly status: number) {}
}
class Exit {
  constructor(readonly status: number) {}
}
/** An expansion error or a fatal builtin error: the line (or script) stops with this status. */
class Fatal {
  constructor(readonly status: number) {}
}

/** Commands that read stdin when given no file: they drain the loop's input as bash's do. */
const STDIN_READERS = new Set(['cat', 'grep', 'sed', 'awk', 'sort', 'uniq', 'wc', 'head', 'tail', 'tr', 'cut', 'tee', 'xargs', 'base64', 'md5sum', 'sha256sum', 'tac', 'rev', 'nl', 'column', 'jq', 'yq', 'less', 'more', 'egrep', 'fgrep', 'paste', 'bash', 'sh']);
const SPECIAL_BUILTINS = ['cd', 'pwd', 'export', 'unset', 'alias', 'unalias', 'history', 'clear', 'exit', 'return', 'break', 'continue', 'source', '.', 'type', 'command', 'builtin', 'eval', 'read', 'mapfile', 'readarray', 'trap', 'set', 'shopt', 'local', 'declare', 'typeset', 'readonly', 'let', 'test', '[', 'printf', 'echo', 'true', 'false', ':', 'shift', 'getopts', 'help', 'complete', 'compgen', 'compopt', 'wait', 'jobs', 'hash', 'times', 'umask', 'exec', 'ulimit', 'enable', 'dirs', 'pushd', 'popd'];

class TerminalSink implements Sink {
  constructor(
    private readonly shell: Shell,
    private readonly stream: 'stdout' | 'stderr',
  ) {}
  write(s: string): void {
    if (s) this.shell.emit(this.stream, s);
  }
}
class CaptureSink implements Sink {
  text = '';
  write(s: string): void {
    this.text += s;
    if (this.text.length > MAX_CAPTURE) throw new Limit('output');
  }
}
const NULL_SINK: Sink = { write: () => undefined };

export class Shell {
  private vars = new Map<string, Var>();
  private locals: Map<string, Var | undefined>[] = [];
  private functions = new Map<string, { body: Command; src: string }>();
  private aliases: Record<string, string> = { k: 'kubectl' };
  private hist: string[] = [];
  private dir = HOME;
  private lastExit = 0;
  private positional: string[] = [];
  private options = new Set<string>(['braceexpand', 'hashall', 'interactive-comments', 'extglob']);
  private traps = new Map<string, string>();
  private completions: Record<string, string> = {};
  private seed = 1;
  // Per line:
  private output: OutputChunk[] = [];
  private outputBytes = 0;
  private truncated = false;
  private effects: CommandEffect[] = [];
  private steps = 0;
  private callDepth = 0;
  private substDepth = 0;
  private loopDepth = 0;
  private condDepth = 0;
  private funcNames: string[] = [];
  private scriptName: string | undefined;
  private lineNo = 1;
  private columns = 80;
  private procSubs: string[] = [];
  private pipeStatus: number[] = [0];
  readonly commands: CommandTable;
  readonly vfs: Vfs;

  constructor(opts: ShellOptions) {
    this.commands = opts.commands;
    this.vfs = opts.vfs;
    const env: Record<string, string> = { HOME, PWD: HOME, USER: 'root', SHELL: '/bin/bash', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm', HOSTNAME: 'controlplane', LANG: 'C.UTF-8' };
    for (const [k, v] of Object.entries(env)) this.vars.set(k, { v: { s: v }, x: true });
  }

  static restore(s: ShellSnapshot, opts: ShellOptions): Shell {
    const sh = new Shell(opts);
    sh.vars.clear();
    for (const [k, v] of Object.entries(s.env)) sh.vars.set(k, { v: { s: v }, x: true });
    for (const [k, v] of Object.entries(s.vars ?? {})) {
      const value: Value = v.a ? { a: new Map(v.a) } : v.m ? { m: new Map(v.m) } : { s: v.s ?? '' };
      sh.vars.set(k, { v: value, ...(v.x ? { x: true } : {}), ...(v.r ? { r: true } : {}), ...(v.i ? { i: true } : {}) });
    }
    sh.aliases = { ...s.aliases };
    sh.hist = [...s.history];
    sh.dir = s.cwd;
    sh.lastExit = s.lastExit;
    for (const [name, src] of Object.entries(s.functions ?? {})) {
      const p = parse(src);
      const f = p.kind === 'ok' ? p.list[0]?.first.cmds[0] : undefined;
      if (f?.t === 'func') sh.functions.set(name, { body: f.body, src: f.src });
    }
    if (s.options) sh.options = new Set(s.options);
    sh.completions = { ...(s.completions ?? {}) };
    return sh;
  }

  snapshot(): ShellSnapshot {
    const env: Record<string, string> = {};
    const vars: Record<string, SavedVar> = {};
    for (const [k, v] of this.vars) {
      if ('s' in v.v && v.x && !v.r && !v.i) env[k] = v.v.s;
      else vars[k] = { ...('s' in v.v ? { s: v.v.s } : 'a' in v.v ? { a: [...v.v.a] } : { m: [...v.v.m] }), ...(v.x ? { x: true } : {}), ...(v.r ? { r: true } : {}), ...(v.i ? { i: true } : {}) };
    }
    return {
      env,
      aliases: { ...this.aliases },
      history: [...this.hist],
      cwd: this.dir,
      lastExit: this.lastExit,
      ...(Object.keys(vars).length ? { vars } : {}),
      ...(this.functions.size ? { functions: Object.fromEntries([...this.functions].map(([k, f]) => [k, f.src])) } : {}),
      options: [...this.options].sort(),
      ...(Object.keys(this.completions).length ? { completions: { ...this.completions } } : {}),
    };
  }

  cwd(): string {
    return this.dir;
  }
  history(): readonly string[] {
    return this.hist;
  }
  /** The terminal interrupted the line being typed (Ctrl-C): `$?` is 130, as in bash. */
  interrupted(): void {
    this.lastExit = 130;
  }

  /** Tab completion: commands, aliases and functions first; a command's completer (kubectl, or a `complete -F` spec naming it); else files. */
  complete(line: string, cursor: number): { from: number; candidates: string[] } {
    const before = line.slice(0, cursor);
    const from = before.search(/[^\s;|&(]*$/);
    const current = before.slice(from);
    const segment = before.slice(0, from).split(/[;|&(]|\$\(/).pop() ?? '';
    const words = segment.trim().split(/\s+/).filter(Boolean);
    const pick = (xs: string[]) => [...new Set(xs)].filter((x) => x.startsWith(current)).sort();
    if (current.startsWith('$')) {
      const names = [...this.vars.keys()].map((n) => (current.startsWith('${') ? `\${${n}}` : `$${n}`));
      return { from, candidates: pick(names) };
    }
    if (words.length === 0) {
      return { from, candidates: pick([...Object.keys(this.aliases), ...this.functions.keys(), ...SPECIAL_BUILTINS, ...Object.keys(COREUTILS), ...this.commands.names()]) };
    }
    const first = words[0]!;
    const spec = this.completions[first];
    const aliased = this.aliases[first]?.trim().split(/\s+/) ?? [];
    let cmd = first;
    let argv = words;
    if (spec === '__start_kubectl') {
      cmd = 'kubectl';
      argv = aliased[0] === 'kubectl' ? [...aliased, ...words.slice(1)] : ['kubectl', ...words.slice(1)];
    } else if (aliased.length) {
      cmd = aliased[0]!;
      argv = [...aliased, ...words.slice(1)];
    }
    const completer = this.commands.completer?.(cmd);
    if (completer) {
      const c = completer([cmd, ...argv.slice(1)], current);
      if (c.length) return { from, candidates: c };
    }
    if (cmd === 'cd' || cmd === 'pushd') return { from, candidates: this.fileCandidates(current, true) };
    return { from, candidates: this.fileCandidates(current, false) };
  }

  private fileCandidates(current: string, dirsOnly: boolean): string[] {
    const expanded = current.startsWith('~/') ? `${HOME}${current.slice(1)}` : current;
    const slash = expanded.lastIndexOf('/');
    const dir = slash >= 0 ? expanded.slice(0, slash + 1) : '';
    const shown = slash >= 0 ? current.slice(0, current.lastIndexOf('/') + 1) : '';
    const fs = this.vfs.access(this.dir);
    const listing = fs.readDir(dir || '.');
    const base = expanded.slice(slash + 1);
    const names = listing.ok
      ? listing.value
          .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
          .filter((n) => !dirsOnly || fs.isDirectory(`${dir}${n}`))
          .map((n) => `${shown}${n}${fs.isDirectory(`${dir}${n}`) ? '/' : ''}`)
      : [];
    return [...new Set(names)].sort();
  }

  needsMore(text: string): boolean {
    return parse(text).kind === 'incomplete';
  }

  /** Runs a line (or several), recording it in history as bash does. */
  run(text: string, opts: { columns?: number; now?: () => number; tty?: boolean } = {}): ShellRunResult {
    this.now = opts.now;
    this.tty = opts.tty ?? true;
    this.started = opts.now?.() ?? 0;
    let line = text;
    let echoed = '';
    this.output = [];
    this.outputBytes = 0;
    this.truncated = false;
    this.effects = [];
    this.steps = 0;
    this.callDepth = 0;
    this.substDepth = 0;
    this.loopDepth = 0;
    this.condDepth = 0;
    this.columns = opts.columns ?? 80;
    if (/!(!|-?\d+|[A-Za-z])/.test(line) && !/^\s*#/.test(line)) {
      const expanded = this.expandHistory(line);
      if (!expanded.ok) {
        this.lastExit = 1;
        return this.result(`bash: ${expanded.event}: event not found\n`, 1);
      }
      if (expanded.value !== line) echoed = `${expanded.value}\n`;
      line = expanded.value;
    }
    if (line.trim() !== '' && !line.startsWith(' ')) {
      this.hist.push(line);
      if (this.hist.length > MAX_HISTORY) this.hist.shift();
    }
    if (echoed) this.emit('stdout', echoed);
    const io: Io = { in: { buf: '', pos: 0 }, out: new TerminalSink(this, 'stdout'), err: new TerminalSink(this, 'stderr') };
    try {
      this.lastExit = this.runScriptText(line, io, { interactive: true });
    } catch (e) {
      this.lastExit = this.endOfLine(e, io);
    } finally {
      this.cleanupProcSubs();
      this.locals = [];
      this.funcNames = [];
      this.hostCache = undefined;
      this.arithHostCache = undefined;
      this.errStack = [];
      this.now = undefined;
    }
    if (this.truncated) this.output.push({ stream: 'stderr', text: `bash: output truncated: a line may print at most ${MAX_OUTPUT / 1024 / 1024} MiB in this lab\n` });
    return this.result(undefined, this.lastExit);
  }

  private endOfLine(e: unknown, io: Io): number {
    if (e instanceof Exit) return e.status;
    if (e instanceof Fatal) return e.status;
    if (e instanceof Return) return e.status;
    if (e instanceof Limit) {
      const msg =
        e.message === 'output'
          ? 'bash: output too large: a command may produce at most 16 MiB in this lab\n'
          : `bash: CPU time limit exceeded: this lab stops a line after ${MAX_STEPS} commands or ${MAX_LINE_MS / 1000} s\n`;
      io.err.write(msg);
      return e.message === 'output' ? 1 : 152;
    }
    // A bug, never the learner's fault: say so plainly, keep the lab usable.
    io.err.write('bash: internal error\n');
    return 1;
  }

  private result(stderr: string | undefined, exitCode: number): ShellRunResult {
    if (stderr) this.output.push({ stream: 'stderr', text: stderr });
    let stdout = '';
    let err = '';
    for (const c of this.output) {
      if (c.stream === 'stdout') stdout += c.text;
      else err += c.text;
    }
    const r = { stdout, stderr: err, exitCode, effects: this.effects, output: this.output };
    this.output = [];
    this.effects = [];
    return r;
  }

  /** Output to the terminal, in order; past the bound it is dropped and the line says so. */
  emit(stream: 'stdout' | 'stderr', text: string): void {
    if (this.truncated) return;
    this.outputBytes += text.length;
    if (this.outputBytes > MAX_OUTPUT) {
      this.truncated = true;
      text = text.slice(0, Math.max(0, text.length - (this.outputBytes - MAX_OUTPUT)));
    }
    const last = this.output[this.output.length - 1];
    if (last && last.stream === stream) last.text += text;
    else if (text) this.output.push({ stream, text });
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

  // ---- errors -------------------------------------------------------------------------------

  /** bash's prefix for its own messages: `bash: ` at the prompt, `bash: line 3: ` in a script. */
  private pfx(): string {
    return this.scriptName === undefined ? 'bash: ' : `${this.scriptName}: line ${this.lineNo}: `;
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) throw new Limit('cpu');
    if ((this.steps & 1023) === 0 && this.now && this.now() - this.started > MAX_LINE_MS) throw new Limit('cpu');
  }
  private now: (() => number) | undefined;
  /** Whether the line's own stdout is a terminal (the lab's is; a test may say it is not). */
  private tty = true;
  private started = 0;

  // ---- running ------------------------------------------------------------------------------

  /** Parses and runs a script's text; syntax errors are reported as bash does for that kind of input. */
  private runScriptText(text: string, io: Io, mode: { interactive: boolean; name?: string }): number {
    const parsed = parse(text);
    if (parsed.kind !== 'ok') {
      const line = parsed.kind === 'error' ? parsed.line : text.split('\n').length;
      const where = mode.name === undefined ? 'bash: ' : mode.name === 'bash' ? `bash: -c: line ${line}: ` : `${mode.name}: line ${line}: `;
      let msg = `${where}${parsed.message}\n`;
      if (parsed.kind === 'error' && mode.name !== undefined) msg += `${where}\`${text.split('\n')[parsed.line - 1] ?? ''}'\n`;
      if (parsed.kind === 'incomplete' && parsed.message.startsWith('here-document')) {
        msg = `${where.replace(/line \d+: $/, `line ${line}: `)}warning: ${parsed.message}\n`;
        io.err.write(msg);
        const fixed = parse(`${text}\n${/wanted `([^']*)'/.exec(parsed.message)?.[1] ?? 'EOF'}`);
        if (fixed.kind === 'ok') return this.runList(fixed.list, io);
        return 2;
      }
      io.err.write(msg);
      return 2;
    }
    return this.runList(parsed.list, io);
  }

  private runList(list: List, io: Io): number {
    let status = this.lastExit;
    for (const ao of list) status = this.runAndOr(ao, io);
    return status;
  }

  private runAndOr(ao: AndOr, io: Io): number {
    const hasRest = ao.rest.length > 0;
    if (hasRest) this.condDepth++;
    let status: number;
    try {
      status = this.runPipeline(ao.first, io);
    } finally {
      if (hasRest) this.condDepth--;
    }
    for (let k = 0; k < ao.rest.length; k++) {
      const { op, pipeline } = ao.rest[k]!;
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      const lastOne = k === ao.rest.length - 1;
      if (!lastOne) this.condDepth++;
      try {
        status = this.runPipeline(pipeline, io);
      } finally {
        if (!lastOne) this.condDepth--;
      }
    }
    return status;
  }

  private runPipeline(p: Pipeline, io: Io): number {
    if (p.cmds.length > MAX_PIPELINE) {
      io.err.write(`${this.pfx()}pipeline of more than ${MAX_PIPELINE} commands is not supported in this lab\n`);
      this.lastExit = 1;
      return 1;
    }
    if (p.bang) this.condDepth++;
    let status: number;
    try {
      if (p.cmds.length === 1) {
        status = this.runCommand(p.cmds[0]!, io);
        this.pipeStatus = [status];
      } else {
        const statuses: number[] = [];
        let input = io.in;
        p.cmds.forEach((cmd, i) => {
          const last = i === p.cmds.length - 1;
          const cap = last ? undefined : new CaptureSink();
          const stageIo: Io = { in: input, out: cap ?? io.out, err: cap && p.errToPipe[i] ? cap : io.err };
          // Each stage of a pipeline runs in a subshell, as in bash.
          const s = this.subshell(() => this.runCommand(cmd, stageIo), stageIo);
          statuses.push(s);
          if (cap) input = { buf: cap.text, pos: 0 };
        });
        this.pipeStatus = statuses;
        status = statuses[statuses.length - 1]!;
        if (this.options.has('pipefail')) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
      }
    } finally {
      if (p.bang) this.condDepth--;
    }
    if (p.bang) status = status === 0 ? 1 : 0;
    this.lastExit = status;
    if (status !== 0 && !p.bang && this.options.has('errexit') && this.condDepth === 0) throw new Exit(status);
    return status;
  }

  /** Runs fn in a copy of the shell's state: variables, cwd, functions and options come back after. */
  private subshell(fn: () => number, io: Io): number {
    const saved = {
      vars: new Map([...this.vars].map(([k, v]) => [k, cloneVar(v)])),
      locals: this.locals.map((m) => new Map(m)),
      functions: new Map(this.functions),
      aliases: { ...this.aliases },
      dir: this.dir,
      positional: [...this.positional],
      options: new Set(this.options),
      traps: new Map(this.traps),
      loopDepth: this.loopDepth,
    };
    this.loopDepth = 0;
    this.subshellDepth++;
    let status: number;
    try {
      try {
        status = fn();
      } catch (e) {
        if (e instanceof Exit || e instanceof Fatal) status = e.status;
        else if (e instanceof Return) status = e.status;
        else if (e instanceof Break || e instanceof Continue) status = 0;
        else throw e;
      }
      const exitTrap = this.traps.get('EXIT');
      if (exitTrap !== undefined && saved.traps.get('EXIT') !== exitTrap) {
        this.lastExit = status;
        this.traps.delete('EXIT');
        this.evalText(exitTrap, io);
      }
    } finally {
      this.subshellDepth--;
      this.vars = saved.vars;
      this.locals = saved.locals;
      this.functions = saved.functions;
      this.aliases = saved.aliases;
      this.dir = saved.dir;
      this.positional = saved.positional;
      this.options = saved.options;
      this.traps = saved.traps;
      this.loopDepth = saved.loopDepth;
    }
    return status;
  }

  private runCommand(cmd: Command, io: Io): number {
    this.tick();
    this.lineNo = cmd.line;
    this.errStack.push(io.err);
    try {
      return this.runCommandInner(cmd, io);
    } finally {
      this.errStack.pop();
    }
  }

  private runCommandInner(cmd: Command, io: Io): number {
    if (cmd.t === 'simple') return this.runSimple(cmd, io);
    if (cmd.t === 'func') {
      this.functions.set(cmd.name, { body: cmd.body, src: cmd.src });
      return 0;
    }
    const redirected = this.redirect(cmd.redirects, io);
    if (typeof redirected === 'number') return redirected;
    try {
      return this.runCompound(cmd, redirected.io);
    } finally {
      redirected.close();
    }
  }

  private runCompound(cmd: Command, io: Io): number {
    switch (cmd.t) {
      case 'group':
        return this.runList(cmd.body, io);
      case 'subshell':
        return this.subshell(() => this.runList(cmd.body, io), io);
      case 'if': {
        for (const c of cmd.clauses) {
          if (this.condition(c.cond, io) === 0) return this.runList(c.body, io);
        }
        return cmd.otherwise ? this.runList(cmd.otherwise, io) : 0;
      }
      case 'while': {
        let status = 0;
        this.loopDepth++;
        try {
          for (;;) {
            this.tick();
            const c = this.condition(cmd.cond, io);
            if (cmd.until ? c === 0 : c !== 0) break;
            const r = this.loopBody(cmd.body, io);
            status = r.status;
            if (r.stop) break;
          }
        } finally {
          this.loopDepth--;
        }
        return status;
      }
      case 'for': {
        const words = cmd.words === null ? [...this.positional] : this.expandWords(cmd.words);
        let status = 0;
        this.loopDepth++;
        try {
          for (const w of words) {
            this.tick();
            this.setVar(cmd.name, w);
            const r = this.loopBody(cmd.body, io);
            status = r.status;
            if (r.stop) break;
          }
        } finally {
          this.loopDepth--;
        }
        return status;
      }
      case 'cfor': {
        let status = 0;
        this.loopDepth++;
        try {
          if (cmd.init.trim()) this.arith(cmd.init);
          for (;;) {
            this.tick();
            if (cmd.cond.trim() && this.arith(cmd.cond) === 0n) break;
            const r = this.loopBody(cmd.body, io);
            status = r.status;
            if (r.stop) break;
            if (cmd.step.trim()) this.arith(cmd.step);
          }
        } finally {
          this.loopDepth--;
        }
        return status;
      }
      case 'case': {
        const word = expandString(cmd.word, this.host);
        let fall = false;
        let status = 0;
        for (let k = 0; k < cmd.items.length; k++) {
          const item = cmd.items[k]!;
          if (fall || item.patterns.some((p) => matchPattern(expandPattern(p, this.host), word))) {
            status = this.runList(item.body, io);
            if (item.term === ';&') {
              fall = true;
              continue;
            }
            fall = false;
            if (item.term === ';;') return status;
          }
        }
        return status;
      }
      case 'arith': {
        const v = this.arith(cmd.expr);
        return v === undefined ? 1 : v !== 0n ? 0 : 1;
      }
      case 'cond':
        return this.condCommand(cmd.tokens);
      default:
        return 0;
    }
  }

  private condition(list: List, io: Io): number {
    this.condDepth++;
    try {
      return this.runList(list, io);
    } finally {
      this.condDepth--;
    }
  }

  private loopBody(body: List, io: Io): { status: number; stop: boolean } {
    try {
      return { status: this.runList(body, io), stop: false };
    } catch (e) {
      if (e instanceof Break) {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return { status: 0, stop: true };
      }
      if (e instanceof Continue) {
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        return { status: 0, stop: false };
      }
      throw e;
    }
  }

  private arith(expr: string): bigint {
    try {
      return evaluate(expandString(expr, this.host, true), this.arithHost);
    } catch (e) {
      if (e instanceof ArithError) return this.fatal(e.message);
      throw e;
    }
  }

  /** An expansion error: the message, then the command line stops (a script stops too). */
  private fatal(message: string, status = 1): never {
    this.currentErr.write(`${this.pfx()}${message}\n`);
    throw new Fatal(status === 127 && this.scriptName === undefined ? 1 : status);
  }

  private get arithHost(): { get(name: string): string | undefined; set(name: string, value: string): void } {
    return (this.arithHostCache ??= this.makeArithHost());
  }
  private arithHostCache: { get(name: string): string | undefined; set(name: string, value: string): void } | undefined;
  private makeArithHost() {
    return {
    get: (name: string) => {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/.exec(name);
      if (m) return this.element(m[1]!, m[2]!);
      const v = this.scalarOf(name);
      if (v === undefined && this.options.has('nounset')) this.fatal(`${name}: unbound variable`, 127);
      return v;
    },
    set: (name: string, value: string) => this.assignTo(name, value, false),
  };
  }

  private expandWords(words: readonly string[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      // A plain word expands to itself: the common case, kept cheap for loops.
      if (PLAIN_WORD.test(w)) {
        out.push(w);
        continue;
      }
      let braced: string[];
      try {
        braced = this.options.has('braceexpand') ? braceExpand(w) : [w];
      } catch (e) {
        if (e instanceof ExpansionError) this.fatal(e.message);
        throw e;
      }
      for (const b of braced) {
        for (const f of expandWord(b, this.host, { split: true })) {
          if (f.glob && !this.options.has('noglob') && hasGlob(f.pat)) {
            const matches = this.glob(f.pat);
            if (matches.length) out.push(...matches);
            else if (this.options.has('failglob')) this.fatal(`no match: ${f.text}`);
            else if (!this.options.has('nullglob')) out.push(f.text);
          } else out.push(f.text);
        }
      }
    }
    return out;
  }

  private glob(pattern: string): string[] {
    const abs = pattern.startsWith('/');
    const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
    let paths: string[] = [abs ? '/' : ''];
    for (let k = abs ? 1 : 0; k < parts.length; k++) {
      const part = parts[k]!;
      const next: string[] = [];
      for (const base of paths) {
        const dirAbs = this.vfs.access(this.dir).resolve(base === '' ? '.' : base);
        if (!hasGlob(part)) {
          const lit = part.replace(/\\(.)/g, '$1');
          const cand = base === '' ? lit : base === '/' ? `/${lit}` : `${base}/${lit}`;
          if (this.vfs.exists(this.vfs.access(this.dir).resolve(cand))) next.push(cand);
          continue;
        }
        if (!this.vfs.isDir(dirAbs)) continue;
        for (const name of this.vfs.list(dirAbs)) {
          if (name.startsWith('.') && !part.startsWith('.') && !part.startsWith('\\.') && !this.options.has('dotglob')) continue;
          if (matchPattern(part, name, this.options.has('extglob'))) next.push(base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`);
        }
      }
      paths = next;
      if (paths.length > 10_000) break;
    }
    return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  // ---- redirections -------------------------------------------------------------------------

  private redirect(redirects: Redirect[], io: Io): { io: Io; close(): void } | number {
    if (redirects.length === 0) return { io, close: () => undefined };
    const fds = new Map<number, Sink>([
      [1, io.out],
      [2, io.err],
    ]);
    let input = io.in;
    const files: { path: string; shown: string; sink: CaptureSink; append: boolean; existed: boolean }[] = [];
    const openFile = (target: string, append: boolean): Sink | number => {
      if (target === '/dev/null') return NULL_SINK;
      if (target === '/dev/stdout') return io.out;
      if (target === '/dev/stderr') return io.err;
      const fs = this.vfs.access(this.dir);
      const path = fs.resolve(target);
      const existing = files.find((f) => f.path === path);
      if (existing) return existing.sink;
      if (this.vfs.isDir(path)) {
        io.err.write(`${this.pfx()}${target}: Is a directory\n`);
        return 1;
      }
      const prev = append ? (this.vfs.read(path) ?? '') : '';
      const existed = this.vfs.isFile(path);
      const w = this.vfs.write(path, prev);
      if (!w.ok) {
        io.err.write(`${this.pfx()}${target}: ${errnoText(w.error)}\n`);
        return 1;
      }
      const sink = new CaptureSink();
      sink.text = prev;
      files.push({ path, shown: target, sink, append, existed });
      return sink;
    };
    for (const r of redirects) {
      if (r.op === '<<') {
        input = { buf: r.heredoc!.expand ? expandString(r.heredoc!.body, this.host, true) : r.heredoc!.body, pos: 0 };
        continue;
      }
      if (r.op === '<<<') {
        input = { buf: `${expandString(r.target, this.host)}\n`, pos: 0 };
        continue;
      }
      const words = this.expandWords([r.target]);
      if (words.length !== 1) {
        io.err.write(`${this.pfx()}${r.target}: ambiguous redirect\n`);
        return 1;
      }
      const target = words[0]!;
      if (r.op === '<' || r.op === '<>') {
        const f = this.vfs.access(this.dir).readFile(target);
        if (!f.ok) {
          io.err.write(`${this.pfx()}${target}: ${errnoText(f.error)}\n`);
          return 1;
        }
        input = { buf: f.value, pos: 0 };
        continue;
      }
      if (r.op === '>&' || r.op === '<&') {
        const fd = r.fd ?? (r.op === '>&' ? 1 : 0);
        if (target === '-') {
          fds.set(fd, NULL_SINK);
          continue;
        }
        if (/^\d+$/.test(target)) {
          const s = fds.get(Number(target));
          if (!s) {
            io.err.write(`${this.pfx()}${target}: Bad file descriptor\n`);
            return 1;
          }
          fds.set(fd, s);
          continue;
        }
        if (r.fd === null && r.op === '>&') {
          const s = openFile(target, false);
          if (typeof s === 'number') return s;
          fds.set(1, s);
          fds.set(2, s);
          continue;
        }
        io.err.write(`${this.pfx()}${target}: ambiguous redirect\n`);
        return 1;
      }
      const s = openFile(target, r.op === '>>' || r.op === '&>>');
      if (typeof s === 'number') return s;
      if (r.op === '&>' || r.op === '&>>') {
        fds.set(1, s);
        fds.set(2, s);
      } else fds.set(r.fd ?? 1, s);
    }
    return {
      io: { in: input, out: fds.get(1)!, err: fds.get(2)! },
      close: () => {
        for (const f of files) {
          const w = this.vfs.write(f.path, f.sink.text);
          if (!w.ok) {
            io.err.write(`${this.pfx()}${f.shown}: ${errnoText(w.error)}\n`);
            // A failed command changes nothing: the file it would have created is not left behind.
            if (!f.existed) this.vfs.remove(f.path);
            this.redirectFailed = true;
          }
        }
      },
    };
  }

  // ---- simple commands ----------------------------------------------------------------------

  private runSimple(cmd: Command & { t: 'simple' }, io: Io): number {
    let words = this.expandWords(cmd.words);
    // Alias expansion of the first word (recursively, each alias once).
    if (cmd.words.length > 0 && this.aliases[words[0]!] !== undefined && /^[A-Za-z0-9_.:@%+,-]+$/.test(cmd.words[0]!)) {
      const seen = new Set<string>();
      while (words.length && this.aliases[words[0]!] !== undefined && !seen.has(words[0]!)) {
        seen.add(words[0]!);
        const text = this.aliases[words[0]!]!;
        const p = parse(text);
        const simple = p.kind === 'ok' && p.list.length === 1 && p.list[0]!.rest.length === 0 && p.list[0]!.first.cmds.length === 1 ? p.list[0]!.first.cmds[0] : undefined;
        if (simple?.t === 'simple' && simple.assigns.length === 0 && simple.redirects.length === 0) words = [...this.expandWords(simple.words), ...words.slice(1)];
        else return this.evalText(`${text} ${words.slice(1).map(quote).join(' ')}`, io);
      }
    }
    if (words.length === 0) {
      for (const a of cmd.assigns) this.assignWord(a);
      const r = this.redirect(cmd.redirects, io);
      if (typeof r === 'number') return r;
      r.close();
      return this.lastExitAfterAssign ?? 0;
    }
    // Prefix assignments: for the command only (they persist for special builtins, as in bash).
    const saved: [string, Var | undefined][] = [];
    for (const a of cmd.assigns) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(a)![0];
      saved.push([name, this.vars.get(name) && cloneVar(this.vars.get(name)!)]);
      this.assignWord(a);
      const v = this.vars.get(name);
      if (v) v.x = true;
    }
    const r = this.redirect(cmd.redirects, io);
    if (typeof r === 'number') {
      this.restoreVars(saved);
      return r;
    }
    let status = 1;
    try {
      status = this.invoke(words, r.io);
    } finally {
      this.redirectFailed = false;
      r.close();
      if (this.redirectFailed) status = 1;
      if (saved.length && !KEEP_PREFIX_ASSIGNMENTS.has(words[0]!)) this.restoreVars(saved);
    }
    return status;
  }
  private redirectFailed = false;
  private lastExitAfterAssign: number | undefined;

  private restoreVars(saved: [string, Var | undefined][]): void {
    for (const [name, v] of saved.reverse()) {
      if (v) this.vars.set(name, v);
      else this.vars.delete(name);
    }
  }

  private assignWord(a: string): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)=([\s\S]*)$/.exec(a)!;
    const [, name, sub, plus, raw] = m as unknown as [string, string, string | undefined, string, string];
    this.lastExitAfterAssign = undefined;
    if (raw.startsWith('(') && raw.endsWith(')') && sub === undefined) {
      this.assignArray(name, raw.slice(1, -1), plus === '+');
      return;
    }
    const value = expandString(raw, this.host);
    if (this.substitutionStatus !== undefined) {
      this.lastExitAfterAssign = this.substitutionStatus;
      this.substitutionStatus = undefined;
    }
    const key = sub !== undefined ? `${name}${sub}` : name;
    if (plus) {
      const v = this.lookup(name);
      if (v?.i) this.assignTo(key, String(this.arith(`${this.elementOrScalar(key) || 0}+(${value})`)), false);
      else this.assignTo(key, (this.elementOrScalar(key) ?? '') + value, false);
    } else this.assignTo(key, value, false);
  }

  private elementOrScalar(key: string): string | undefined {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/.exec(key);
    return m ? this.element(m[1]!, m[2]!) : this.scalarOf(key);
  }

  private assignArray(name: string, body: string, append: boolean): void {
    const existing = this.lookup(name);
    if (existing?.r) this.fatal(`${name}: readonly variable`);
    const assoc = existing && 'm' in existing.v;
    const parsed = parse(`__ckalab_array ${body.replace(/\n/g, ' ')}`);
    const rawWords = parsed.kind === 'ok' && parsed.list[0]?.first.cmds[0]?.t === 'simple' ? [...parsed.list[0].first.cmds[0].assigns, ...parsed.list[0].first.cmds[0].words.slice(1)] : [];
    if (assoc) {
      const m = append && existing && 'm' in existing.v ? existing.v.m : new Map<string, string>();
      for (const w of rawWords) {
        const kv = /^\[([^\]]*)\]=([\s\S]*)$/.exec(w);
        if (kv) m.set(expandString(kv[1]!, this.host), expandString(kv[2]!, this.host));
      }
      this.setValue(name, { m });
      return;
    }
    const a = append && existing && 'a' in existing.v ? existing.v.a : append && existing && 's' in existing.v ? new Map([[0, existing.v.s]]) : new Map<number, string>();
    let idx = a.size ? Math.max(...a.keys()) + 1 : 0;
    for (const w of rawWords) {
      const kv = /^\[([^\]]*)\]=([\s\S]*)$/.exec(w);
      if (kv) {
        idx = Number(this.arith(kv[1]!));
        a.set(idx++, expandString(kv[2]!, this.host));
      } else for (const f of this.expandWords([w])) a.set(idx++, f);
    }
    this.setValue(name, { a });
  }

  private invoke(words: string[], io: Io): number {
    const [name, ...args] = words as [string, ...string[]];
    const fn = this.functions.get(name);
    if (fn) return this.callFunction(name, fn.body, args, io);
    return this.invokeCommand(name, args, io);
  }

  private invokeCommand(name: string, args: string[], io: Io): number {
    const builtin = Shell.BUILTINS[name];
    if (builtin) return builtin(this, args, io);
    // The lab's table wins over a coreutil of the same name: on a node, `hostname` is that node's.
    const external = this.commands.get(name);
    const util: Builtin | undefined = external ? undefined : COREUTILS[name];
    if (util || external) {
      const ctx = this.context([name, ...args], io, STDIN_READERS.has(name) || external !== undefined);
      const r = util ? util(ctx, this.vfs) : external!(ctx);
      return this.deliver(r, io);
    }
    if (name.includes('/')) return this.runScriptFile(name, name, args, io);
    if (NOT_AVAILABLE.includes(name)) {
      io.err.write(`${this.pfx()}${name}: not available in this lab\n`);
      return 127;
    }
    io.err.write(`${this.pfx()}${name}: command not found\n`);
    return 127;
  }

  /** What a command of the table or a coreutil is given; `consume` takes the rest of stdin. */
  private context(argv: string[], io: Io, consume = true): CommandContext {
    const stdin = io.in.buf.slice(io.in.pos);
    if (consume) io.in.pos = io.in.buf.length;
    return { argv, stdin, env: this.exported(), cwd: this.dir, fs: this.vfs.access(this.dir), columns: this.columns, isatty: this.tty && io.out instanceof TerminalSink };
  }

  private deliver(r: CommandResult, io: Io): number {
    if (r.output) for (const c of r.output) (c.stream === 'stdout' ? io.out : io.err).write(c.text);
    else {
      io.out.write(r.stdout);
      io.err.write(r.stderr);
    }
    for (const e of r.effects ?? []) {
      // Waits in a row (sleep in a loop) add up, to a minute at most: one wait, not thousands.
      const last = this.effects[this.effects.length - 1];
      if (e.type === 'wait' && last?.type === 'wait') last.ms = Math.min(60_000, last.ms + e.ms);
      else if (this.effects.length < 1000) this.effects.push(e.type === 'wait' ? { ...e } : e);
    }
    return r.exitCode;
  }

  private exported(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [k, v] of this.vars) if (v.x && 's' in v.v) env[k] = v.v.s;
    return env;
  }

  private callFunction(name: string, body: Command, args: string[], io: Io): number {
    if (this.callDepth >= MAX_CALL_DEPTH) {
      io.err.write(`${this.pfx()}${name}: maximum function nesting level exceeded (${MAX_CALL_DEPTH})\n`);
      throw new Fatal(1);
    }
    const savedPos = this.positional;
    const savedLoop = this.loopDepth;
    this.positional = args;
    this.callDepth++;
    this.funcNames.unshift(name);
    this.locals.push(new Map());
    this.loopDepth = 0;
    try {
      return this.runCommand(body, io);
    } catch (e) {
      if (e instanceof Return) return e.status;
      throw e;
    } finally {
      const frame = this.locals.pop()!;
      for (const [k, v] of frame) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
      this.funcNames.shift();
      this.callDepth--;
      this.positional = savedPos;
      this.loopDepth = savedLoop;
    }
  }

  /** `./script.sh`, `bash script.sh`: a file of the virtual filesystem, run in a child shell. */
  private runScriptFile(path: string, shown: string, args: string[], io: Io, viaBash = false): number {
    const fs = this.vfs.access(this.dir);
    const abs = fs.resolve(path);
    if (this.vfs.isDir(abs)) {
      io.err.write(viaBash ? `bash: ${shown}: Is a directory\n` : `${this.pfx()}${shown}: Is a directory\n`);
      return viaBash ? 126 : 126;
    }
    const text = this.vfs.read(abs);
    if (text === undefined) {
      io.err.write(viaBash ? `bash: ${shown}: No such file or directory\n` : `${this.pfx()}${shown}: No such file or directory\n`);
      return 127;
    }
    if (!viaBash && !this.vfs.isExecutable(abs)) {
      io.err.write(`${this.pfx()}${shown}: Permission denied\n`);
      return 126;
    }
    return this.childShell(text, shown, args, io);
  }

  private childShell(text: string, name: string, args: string[], io: Io): number {
    const savedName = this.scriptName;
    const savedLine = this.lineNo;
    const savedCall = this.callDepth;
    const savedFuncs = this.funcNames;
    if (this.substDepth >= MAX_SUBST_DEPTH) {
      io.err.write(`${this.pfx()}maximum nesting of shells exceeded (${MAX_SUBST_DEPTH})\n`);
      return 1;
    }
    this.substDepth++;
    try {
      return this.subshell(() => {
        this.scriptName = name;
        this.positional = args;
        this.funcNames = [];
        this.traps = new Map();
        // A child bash: only exported variables and no functions nor aliases come along.
        for (const [k, v] of [...this.vars]) if (!v.x) this.vars.delete(k);
        this.functions = new Map();
        this.aliases = {};
        this.locals = [];
        this.callDepth = 0;
        for (const o of ['errexit', 'nounset', 'pipefail', 'xtrace']) this.options.delete(o);
        return this.runScriptText(text, io, { interactive: false, name });
      }, io);
    } finally {
      this.substDepth--;
      this.scriptName = savedName;
      this.lineNo = savedLine;
      this.callDepth = savedCall;
      this.funcNames = savedFuncs;
    }
  }

  private evalText(text: string, io: Io): number {
    const parsed = parse(text);
    if (parsed.kind !== 'ok') {
      io.err.write(`${this.pfx()}${parsed.kind === 'incomplete' ? 'syntax error: unexpected end of file' : parsed.message}\n`);
      if (parsed.kind === 'error' && this.scriptName !== undefined) io.err.write(`${this.pfx()}\`${text}'\n`);
      return 2;
    }
    return this.runList(parsed.list, io);
  }

  // ---- variables ----------------------------------------------------------------------------

  private lookup(name: string): Var | undefined {
    return this.vars.get(name);
  }

  private scalarOf(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.lastExit);
      case '#':
        return String(this.positional.length);
      case '$':
        return '4242';
      case '!':
        return '';
      case '-':
        return `${this.options.has('errexit') ? 'e' : ''}hB${this.scriptName === undefined ? 'i' : ''}${this.options.has('nounset') ? 'u' : ''}`;
      case '0':
        return this.scriptName ?? 'bash';
      case 'RANDOM':
        this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
        return String(this.seed % 32768);
      case 'LINENO':
        return String(this.lineNo);
      case 'FUNCNAME':
        return this.funcNames[0];
      case 'PWD':
        return this.lookup('PWD') ? this.dir : undefined;
      case 'SECONDS':
        return '0';
      case 'BASH_VERSION':
        return '5.2.15(1)-release';
    }
    if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
    const v = this.lookup(name);
    if (!v) return undefined;
    if ('s' in v.v) return v.v.s;
    if ('a' in v.v) return v.v.a.get(0);
    return v.v.m.get('0');
  }

  private arrayValues(name: string): string[] | undefined {
    if (name === 'PIPESTATUS') return this.pipeStatus.map(String);
    if (name === 'FUNCNAME') return this.funcNames.length ? [...this.funcNames] : undefined;
    const v = this.lookup(name);
    if (!v) return name === '@' ? this.positional : undefined;
    if ('s' in v.v) return [v.v.s];
    if ('a' in v.v) return [...v.v.a.entries()].sort((x, y) => x[0] - y[0]).map((e) => e[1]);
    return [...v.v.m.values()];
  }

  private element(name: string, index: string): string | undefined {
    if (name === 'PIPESTATUS') return this.pipeStatus[Number(this.arith(index))]?.toString();
    const v = this.lookup(name);
    if (v && 'm' in v.v) return v.v.m.get(expandString(index, this.host));
    if (!v) {
      this.arith(index);
      return undefined;
    }
    let i = Number(this.arith(index));
    if ('s' in v.v) return i === 0 || i === -1 ? v.v.s : undefined;
    const arr = (v.v as { a: Map<number, string> }).a;
    if (i < 0) {
      const max = arr.size ? Math.max(...arr.keys()) : -1;
      i = max + 1 + i;
      if (i < 0) this.fatal(`${name}: bad array subscript`);
    }
    return arr.get(i);
  }

  private setValue(name: string, value: Value): void {
    const v = this.lookup(name);
    if (v?.r) this.fatal(`${name}: readonly variable`);
    this.checkMemory(value);
    if (v) v.v = value;
    else this.vars.set(name, { v: value, ...(this.options.has('allexport') ? { x: true } : {}) });
  }

  private checkMemory(value: Value): void {
    if ('s' in value && value.s.length > MAX_VARS_BYTES) this.fatal('xrealloc: cannot allocate memory (a variable may hold at most 4 MiB in this lab)');
  }

  /** NAME or NAME[i]=value; integer variables evaluate arithmetic. */
  private assignTo(key: string, value: string, _local: boolean): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/.exec(key);
    if (!m) {
      const v = this.lookup(key);
      if (v?.i) value = String(this.arith(value || '0'));
      if (v && !('s' in v.v)) {
        if (v.r) this.fatal(`${key}: readonly variable`);
        if ('a' in v.v) v.v.a.set(0, value);
        else v.v.m.set('0', value);
        return;
      }
      this.setValue(key, { s: value });
      return;
    }
    const [, name, idx] = m as unknown as [string, string, string];
    const v = this.lookup(name);
    if (v?.r) this.fatal(`${name}: readonly variable`);
    if (v && 'm' in v.v) {
      v.v.m.set(expandString(idx, this.host), value);
      return;
    }
    let i = Number(this.arith(idx));
    const a = v && 'a' in v.v ? v.v.a : new Map<number, string>(v && 's' in v.v ? [[0, v.v.s]] : []);
    if (i < 0) i = (a.size ? Math.max(...a.keys()) + 1 : 0) + i;
    if (i < 0) this.fatal(`${name}[${idx}]: bad array subscript`);
    a.set(i, value);
    if (v) v.v = { a };
    else this.vars.set(name, { v: { a } });
  }

  private setVar(name: string, value: string): void {
    this.assignTo(name, value, false);
  }

  private makeLocal(name: string): void {
    const frame = this.locals[this.locals.length - 1];
    if (!frame) return;
    if (!frame.has(name)) {
      const cur = this.vars.get(name);
      frame.set(name, cur && cloneVar(cur));
    }
  }

  private substitutionStatus: number | undefined;

  /** Made on first use in a line and dropped after it: an idle lab keeps no closures. */
  get host(): ExpandHost {
    return (this.hostCache ??= this.makeHost());
  }
  private hostCache: ExpandHost | undefined;
  private makeHost(): ExpandHost {
    return {
    scalar: (name) => this.scalarOf(name),
    elements: (name) => this.arrayValues(name),
    keys: (name) => {
      const v = this.lookup(name);
      if (!v) return [];
      if ('s' in v.v) return ['0'];
      if ('a' in v.v) return [...v.v.a.keys()].sort((x, y) => x - y).map(String);
      return [...v.v.m.keys()];
    },
    element: (name, index) => this.element(name, index),
    assign: (name, value) => this.assignTo(name, value, false),
    positional: () => this.positional,
    names: (prefix) => [...this.vars.keys()].filter((k) => k.startsWith(prefix)).sort(),
    commandSubstitution: (src) => this.commandSubstitution(src),
    processSubstitution: (src, dir) => this.processSubstitution(src, dir),
    arithmetic: (expr) => {
      try {
        return String(evaluate(expr, this.arithHost));
      } catch (e) {
        if (e instanceof ArithError) return this.fatal(e.message);
        throw e;
      }
    },
    home: () => this.scalarOf('HOME') ?? HOME,
    ifs: () => this.scalarOf('IFS') ?? ' \t\n',
    nounset: () => this.options.has('nounset'),
    error: (message, status) => this.fatal(message, status),
  };
  }

  /** $(...): runs in a subshell; its stderr goes where the command's does, its stdout (trailing newlines cut) is the value. */
  private commandSubstitution(src: string): string {
    if (this.substDepth >= MAX_SUBST_DEPTH) this.fatal('maximum $(...) nesting exceeded');
    this.substDepth++;
    const cap = new CaptureSink();
    const io: Io = { in: { buf: '', pos: 0 }, out: cap, err: this.currentErr };
    try {
      const parsed = parse(src);
      if (parsed.kind !== 'ok') {
        this.currentErr.write(`${this.pfx()}${parsed.kind === 'incomplete' ? 'syntax error: unexpected end of file' : parsed.message}\n`);
        this.substitutionStatus = 2;
        return '';
      }
      this.substitutionStatus = this.subshell(() => this.runList(parsed.list, io), io);
      this.lastExit = this.substitutionStatus;
    } finally {
      this.substDepth--;
    }
    return cap.text.replace(/\n+$/, '');
  }

  private procCount = 0;
  private processSubstitution(src: string, dir: '<' | '>'): string {
    const path = `/dev/fd/${63 - (this.procCount++ % 20)}`;
    const cap = new CaptureSink();
    if (dir === '<') {
      const io: Io = { in: { buf: '', pos: 0 }, out: cap, err: this.currentErr };
      const parsed = parse(src);
      if (parsed.kind === 'ok') this.subshell(() => this.runList(parsed.list, io), io);
    }
    this.vfs.writeFileCreatingDirs(path, cap.text);
    this.procSubs.push(path);
    return path;
  }

  private cleanupProcSubs(): void {
    for (const p of this.procSubs) this.vfs.remove(p);
    if (this.procSubs.length) {
      if (this.vfs.list('/dev/fd').length === 0) this.vfs.remove('/dev/fd');
      if (this.vfs.list('/dev').length === 0) this.vfs.remove('/dev');
    }
    this.procSubs = [];
    this.procCount = 0;
  }

  /** Where expansion errors and $()'s stderr go: the current command's stderr. */
  private get currentErr(): Sink {
    return this.errStack[this.errStack.length - 1] ?? new TerminalSink(this, 'stderr');
  }
  private errStack: Sink[] = [];

  // ---- [[ ]] and test -----------------------------------------------------------------------

  private condCommand(tokens: import('./syntax.js').CondToken[]): number {
    let p = 0;
    const peekOp = (op: string) => {
      const t = tokens[p];
      return t !== undefined && 'op' in t && t.op === op;
    };
    const peekWord = (w: string) => {
      const t = tokens[p];
      return t !== undefined && 'word' in t && t.word === w;
    };
    const bad = (): never => this.fatal(`syntax error in conditional expression`, 2);
    const or = (): boolean => {
      let v = and();
      while (peekOp('||')) {
        p++;
        const r = and();
        v = v || r;
      }
      return v;
    };
    const and = (): boolean => {
      let v = not();
      while (peekOp('&&')) {
        p++;
        const r = not();
        v = v && r;
      }
      return v;
    };
    const not = (): boolean => {
      if (peekWord('!')) {
        p++;
        return !not();
      }
      return primary();
    };
    const primary = (): boolean => {
      if (peekOp('(')) {
        p++;
        const v = or();
        if (!peekOp(')')) bad();
        p++;
        return v;
      }
      const t = tokens[p];
      if (!t) return bad();
      const next = tokens[p + 1];
      const nextOp = next === undefined ? undefined : 'op' in next ? next.op : next.word;
      if ('word' in t && /^-[a-zA-Z]$/.test(t.word) && next && 'word' in next && !isBinary(tokens[p + 2])) {
        p += 2;
        return this.unaryTest(t.word, expandString(next.word, this.host));
      }
      const left = 'word' in t ? expandString(t.word, this.host) : t.op;
      p++;
      if (nextOp !== undefined && isBinary(next)) {
        p++;
        const rt = tokens[p++];
        if (!rt) return bad();
        const rraw = 'word' in rt ? rt.word : rt.op;
        if (nextOp === '==' || nextOp === '=' || nextOp === '!=') {
          const m = matchPattern(expandPattern(rraw, this.host), left);
          return nextOp === '!=' ? !m : m;
        }
        if (nextOp === '=~') {
          const re = this.condRegex(rraw);
          const m = re.exec(left);
          if (m) this.vars.set('BASH_REMATCH', { v: { a: new Map(m.map((x, i) => [i, x ?? ''])) } });
          else this.vars.set('BASH_REMATCH', { v: { a: new Map() } });
          return !!m;
        }
        const right = expandString(rraw, this.host);
        if (nextOp === '<') return left < right;
        if (nextOp === '>') return left > right;
        const a = this.arith(left);
        const b = this.arith(right);
        return intCompare(nextOp, a, b);
      }
      return left !== '';
    };
    const v = or();
    if (p < tokens.length) bad();
    return v ? 0 : 1;
  }

  private condRegex(raw: string): RegExp {
    // Quoted parts of the regex match literally.
    let src = '';
    for (const f of expandWord(raw, this.host, { split: false })) src += f.pat.replace(/\\([*?[\]\\])/g, (_m, c: string) => `\\${c}`);
    try {
      return new RegExp(src.replace(/\[\[:(alpha|digit|alnum|upper|lower|space|blank|punct|xdigit):\]\]/g, (_m, k: string) => `[${POSIX_CLASS[k]}]`).replace(/\[:(alpha|digit|alnum|upper|lower|space|blank|punct|xdigit):\]/g, (_m, k: string) => POSIX_CLASS[k]!));
    } catch {
      return /(?!)/;
    }
  }

  private unaryTest(op: string, arg: string): boolean {
    const fs = this.vfs.access(this.dir);
    const path = arg === '' ? '' : fs.resolve(arg);
    switch (op) {
      case '-z':
        return arg === '';
      case '-n':
        return arg !== '';
      case '-e':
      case '-a':
        return arg !== '' && this.vfs.exists(path);
      case '-f':
        return arg !== '' && this.vfs.isFile(path);
      case '-d':
        return arg !== '' && this.vfs.isDir(path);
      case '-s':
        return arg !== '' && (this.vfs.read(path)?.length ?? 0) > 0;
      case '-r':
      case '-w':
        return arg !== '' && this.vfs.exists(path);
      case '-x':
        return arg !== '' && (this.vfs.isDir(path) || this.vfs.isExecutable(path));
      case '-L':
      case '-h':
        return false;
      case '-v':
        return this.lookup(arg) !== undefined;
      case '-o':
        return this.options.has(arg);
      case '-t':
        return false;
      default:
        return this.fatal(`${op}: unary operator expected`, 2);
    }
  }

  /** `test` and `[`: POSIX's argument-count rules, then -a/-o. */
  private test(args: string[], name: string, io: Io): number {
    const err = (msg: string) => {
      io.err.write(`${this.pfx()}${name}: ${msg}\n`);
      return 2;
    };
    if (name === '[') {
      if (args[args.length - 1] !== ']') return err("missing `]'");
      args = args.slice(0, -1);
    }
    let p = 0;
    const intOf = (s: string): bigint | string => (/^\s*-?\d+\s*$/.test(s) ? BigInt(s.trim()) : `${s}: integer expression expected`);
    const binary = (l: string, op: string, r: string): boolean | string => {
      switch (op) {
        case '=':
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return l < r;
        case '>':
          return l > r;
        case '-eq':
        case '-ne':
        case '-lt':
        case '-le':
        case '-gt':
        case '-ge': {
          const a = intOf(l);
          if (typeof a === 'string') return a;
          const b = intOf(r);
          if (typeof b === 'string') return b;
          return intCompare(op, a, b);
        }
        case '-nt':
        case '-ot':
        case '-ef':
          return false;
      }
      return `${op}: binary operator expected`;
    };
    const isBin = (s: string | undefined) => s !== undefined && ['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'].includes(s);
    const primary = (): boolean | string => {
      const a = args[p];
      if (a === undefined) return 'argument expected';
      if (a === '!') {
        p++;
        const v = primary();
        return typeof v === 'string' ? v : !v;
      }
      if (a === '(' && args.indexOf(')', p) > p) {
        p++;
        const v = orExpr();
        if (args[p] !== ')') return "`)' expected";
        p++;
        return v;
      }
      if (isBin(args[p + 1]) && args[p + 2] !== undefined) {
        p += 3;
        return binary(a, args[p - 2]!, args[p - 1]!);
      }
      if (/^-[a-zA-Z]$/.test(a) && args[p + 1] !== undefined) {
        p += 2;
        try {
          return this.unaryTest(a, args[p - 1]!);
        } catch {
          return `${a}: unary operator expected`;
        }
      }
      p++;
      return a !== '';
    };
    const andExpr = (): boolean | string => {
      let v = primary();
      while (typeof v !== 'string' && args[p] === '-a') {
        p++;
        const r = primary();
        if (typeof r === 'string') return r;
        v = v && r;
      }
      return v;
    };
    const orExpr = (): boolean | string => {
      let v = andExpr();
      while (typeof v !== 'string' && args[p] === '-o') {
        p++;
        const r = andExpr();
        if (typeof r === 'string') return r;
        v = v || r;
      }
      return v;
    };
    if (args.length === 0) return 1;
    if (args.length === 1) return args[0] !== '' ? 0 : 1;
    if (args.length === 2) {
      if (args[0] === '!') return args[1] !== '' ? 1 : 0;
      if (/^-[a-zA-Z]$/.test(args[0]!)) {
        try {
          return this.unaryTest(args[0]!, args[1]!) ? 0 : 1;
        } catch {
          return err(`${args[0]}: unary operator expected`);
        }
      }
      return err(`${args[0]}: unary operator expected`);
    }
    if (args.length === 3 && isBin(args[1])) {
      const v = binary(args[0]!, args[1]!, args[2]!);
      return typeof v === 'string' ? err(v) : v ? 0 : 1;
    }
    const v = orExpr();
    if (typeof v === 'string') return err(v);
    if (p < args.length) return err('too many arguments');
    return v ? 0 : 1;
  }

  // ---- builtins -----------------------------------------------------------------------------

  /** The builtins, shared by every shell (one table, not closures per lab: an idle lab stays small). */
  private static readonly BUILTINS: Record<string, (sh: Shell, args: string[], io: Io) => number> = {
    ':': (_sh) => 0,
    true: (_sh) => 0,
    false: (_sh) => 1,
    echo: (_sh, args, io) => {
      let newline = true;
      let escapes = false;
      let k = 0;
      while (k < args.length && /^-[neE]+$/.test(args[k]!)) {
        const f = args[k++]!;
        for (const c of f.slice(1)) {
          if (c === 'n') newline = false;
          else if (c === 'e') escapes = true;
          else escapes = false;
        }
      }
      let s = args.slice(k).join(' ');
      if (escapes) {
        const cut = s.indexOf('\\c');
        if (cut >= 0) {
          s = s.slice(0, cut);
          newline = false;
        }
        s = s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\])/g, (_m, e: string) => (e[0] === '0' ? String.fromCharCode(parseInt(e.slice(1) || '0', 8)) : e[0] === 'x' ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' } as Record<string, string>)[e]!));
      }
      io.out.write(newline ? `${s}\n` : s);
      return 0;
    },
    printf: (sh, args, io) => {
      let target: string | undefined;
      if (args[0] === '-v') {
        target = args[1];
        args = args.slice(2);
      }
      if (args[0] === '--') args = args.slice(1);
      if (args.length === 0) {
        io.err.write(`${sh.pfx()}printf: usage: printf [-v var] format [arguments]\n`);
        return 2;
      }
      const r = printf(args[0]!, args.slice(1));
      for (const e of r.errors) io.err.write(`${sh.pfx()}printf: ${e}\n`);
      if (target !== undefined) sh.assignTo(target, r.out, false);
      else io.out.write(r.out);
      return r.errors.length ? 1 : 0;
    },
    cd: (sh, args, io) => {
      const a = args.filter((x) => x !== '-P' && x !== '-L' && x !== '--');
      if (a.length > 1) {
        io.err.write(`${sh.pfx()}cd: too many arguments\n`);
        return 1;
      }
      const target = a[0] === undefined ? (sh.scalarOf('HOME') ?? HOME) : a[0] === '-' ? sh.scalarOf('OLDPWD') : a[0];
      if (target === undefined) {
        io.err.write(`${sh.pfx()}cd: OLDPWD not set\n`);
        return 1;
      }
      const p = sh.vfs.access(sh.dir).resolve(target);
      if (sh.vfs.isFile(p)) {
        io.err.write(`${sh.pfx()}cd: ${a[0]}: Not a directory\n`);
        return 1;
      }
      if (!sh.vfs.isDir(p)) {
        io.err.write(`${sh.pfx()}cd: ${a[0]}: No such file or directory\n`);
        return 1;
      }
      sh.setVar('OLDPWD', sh.dir);
      sh.dir = normalize(p);
      const pwd = sh.lookup('PWD');
      if (pwd) pwd.v = { s: sh.dir };
      else sh.vars.set('PWD', { v: { s: sh.dir }, x: true });
      if (a[0] === '-') io.out.write(`${sh.dir}\n`);
      return 0;
    },
    pwd: (sh, _args, io) => {
      io.out.write(`${sh.dir}\n`);
      return 0;
    },
    export: (sh, args, io) => sh.declare(args.filter((a) => a !== '-n'), io, 'export', args.includes('-n') ? '+x' : '-x'),
    readonly: (sh, args, io) => sh.declare(args, io, 'readonly', '-r'),
    declare: (sh, args, io) => sh.declare(args, io, 'declare', ''),
    typeset: (sh, args, io) => sh.declare(args, io, 'typeset', ''),
    local: (sh, args, io) => {
      if (sh.locals.length === 0) {
        io.err.write(`${sh.pfx()}local: can only be used in a function\n`);
        return 1;
      }
      return sh.declare(args, io, 'local', '', true);
    },
    unset: (sh, args, io) => {
      let fn = false;
      let status = 0;
      for (const a of args) {
        if (a === '-f') fn = true;
        else if (a === '-v') fn = false;
        else if (fn) sh.functions.delete(a);
        else {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\[(.*)\])?$/.exec(a);
          if (!m) {
            io.err.write(`${sh.pfx()}unset: \`${a}': not a valid identifier\n`);
            status = 1;
            continue;
          }
          const v = sh.lookup(m[1]!);
          if (v?.r) {
            io.err.write(`${sh.pfx()}unset: ${m[1]}: cannot unset: readonly variable\n`);
            status = 1;
            continue;
          }
          if (m[2] !== undefined && v) {
            if ('a' in v.v) v.v.a.delete(Number(sh.arith(m[2])));
            else if ('m' in v.v) v.v.m.delete(expandString(m[2], sh.host));
            else if (m[2] === '0') sh.vars.delete(m[1]!);
          } else if (v) sh.vars.delete(m[1]!);
          else if (m[2] === undefined && sh.functions.has(m[1]!)) sh.functions.delete(m[1]!);
        }
      }
      return status;
    },
    alias: (sh, args, io) => {
      if (args.length === 0 || (args.length === 1 && args[0] === '-p')) {
        io.out.write(Object.keys(sh.aliases).sort().map((k) => `alias ${k}=${quoteAlias(sh.aliases[k]!)}\n`).join(''));
        return 0;
      }
      let code = 0;
      for (const a of args) {
        const i = a.indexOf('=');
        if (i > 0) sh.aliases[a.slice(0, i)] = a.slice(i + 1);
        else if (sh.aliases[a] !== undefined) io.out.write(`alias ${a}=${quoteAlias(sh.aliases[a]!)}\n`);
        else {
          io.err.write(`${sh.pfx()}alias: ${a}: not found\n`);
          code = 1;
        }
      }
      return code;
    },
    unalias: (sh, args, io) => {
      let code = 0;
      for (const a of args) {
        if (a === '-a') sh.aliases = {};
        else if (sh.aliases[a] === undefined) {
          io.err.write(`${sh.pfx()}unalias: ${a}: not found\n`);
          code = 1;
        } else delete sh.aliases[a];
      }
      return code;
    },
    history: (sh, args, io) => {
      if (args[0] === '-c') {
        sh.hist = [];
        return 0;
      }
      if (args[0] !== undefined && !/^\d+$/.test(args[0])) {
        io.err.write(`${sh.pfx()}history: ${args[0]}: numeric argument required\n`);
        return 1;
      }
      const n = args[0] !== undefined ? Number(args[0]) : sh.hist.length;
      const start = Math.max(0, sh.hist.length - n);
      io.out.write(sh.hist.slice(start).map((h, i) => `${String(start + i + 1).padStart(5)}  ${h}\n`).join(''));
      return 0;
    },
    clear: (sh) => {
      sh.effects.push({ type: 'clear' });
      return 0;
    },
    exit: (sh, args, io) => {
      const status = args[0] === undefined ? sh.lastExit : Number(args[0]) & 255;
      if (args[0] !== undefined && !/^-?\d+$/.test(args[0])) {
        io.err.write(`${sh.pfx()}exit: ${args[0]}: numeric argument required\n`);
        throw new Exit(2);
      }
      if (sh.scriptName === undefined && sh.substDepth === 0 && !sh.inSubshell()) {
        // The command table may own an interactive `exit` (it ends an ssh session on a node).
        const own = sh.commands.get('exit');
        if (own) throw new Exit(sh.deliver(own(sh.context(['exit', ...args], io)), io) === 0 ? status : 1);
        io.out.write('exit\n');
        io.err.write('The lab session stays open: close the tab to leave.\n');
      }
      throw new Exit(status);
    },
    logout: (sh, args, io) => {
      const own = sh.scriptName === undefined && sh.substDepth === 0 && !sh.inSubshell() ? sh.commands.get('exit') : undefined;
      if (own) {
        const code = sh.deliver(own(sh.context(['logout', ...args], io)), io);
        if (code !== 0) return code;
        throw new Exit(sh.lastExit);
      }
      io.err.write(`${sh.pfx()}logout: not login shell: use \`exit'\n`);
      return 1;
    },
    return: (sh, args, io) => {
      if (sh.callDepth === 0 && !sh.sourcing) {
        io.err.write(`${sh.pfx()}return: can only \`return' from a function or sourced script\n`);
        return 1;
      }
      if (args[0] !== undefined && !/^-?\d+$/.test(args[0])) {
        io.err.write(`${sh.pfx()}return: ${args[0]}: numeric argument required\n`);
        throw new Return(2);
      }
      throw new Return(args[0] === undefined ? sh.lastExit : Number(args[0]) & 255);
    },
    break: (sh, args, io) => sh.loopControl('break', args, io),
    continue: (sh, args, io) => sh.loopControl('continue', args, io),
    shift: (sh, args, io) => {
      const n = args[0] === undefined ? 1 : Number(args[0]);
      if (!Number.isInteger(n) || n < 0) {
        io.err.write(`${sh.pfx()}shift: ${args[0]}: numeric argument required\n`);
        return 1;
      }
      if (n > sh.positional.length) return 1;
      sh.positional = sh.positional.slice(n);
      return 0;
    },
    source: (sh, args, io) => sh.source(args, io, 'source'),
    '.': (sh, args, io) => sh.source(args, io, '.'),
    eval: (sh, args, io) => sh.evalText(args.join(' '), io),
    type: (sh, args, io) => sh.type(args, io),
    command: (sh, args, io) => {
      if (args[0] === '-v' || args[0] === '-V') {
        let status = 0;
        for (const a of args.slice(1)) {
          const kind = sh.kindOf(a);
          if (!kind) {
            status = 1;
            if (args[0] === '-V') io.err.write(`${sh.pfx()}command: ${a}: not found\n`);
          } else if (args[0] === '-v') io.out.write(kind.kind === 'alias' ? `alias ${a}=${quoteAlias(sh.aliases[a]!)}\n` : kind.kind === 'file' ? `${kind.path}\n` : `${a}\n`);
          else sh.type([a], io);
        }
        return status;
      }
      const rest = args[0] === '-p' ? args.slice(1) : args;
      if (rest.length === 0) return 0;
      return sh.invokeCommand(rest[0]!, rest.slice(1), io);
    },
    builtin: (sh, args, io) => {
      if (args.length === 0) return 0;
      const b = Shell.BUILTINS[args[0]!];
      if (!b) {
        io.err.write(`${sh.pfx()}builtin: ${args[0]}: not a shell builtin\n`);
        return 1;
      }
      return b(sh, args.slice(1), io);
    },
    test: (sh, args, io) => sh.test(args, 'test', io),
    '[': (sh, args, io) => sh.test(args, '[', io),
    let: (sh, args, io) => {
      if (args.length === 0) {
        io.err.write(`${sh.pfx()}let: expression expected\n`);
        return 1;
      }
      let v = 0n;
      for (const a of args) v = sh.arith(a);
      return v !== 0n ? 0 : 1;
    },
    read: (sh, args, io) => sh.read(args, io),
    mapfile: (sh, args, io) => sh.mapfile(args, io, 'mapfile'),
    readarray: (sh, args, io) => sh.mapfile(args, io, 'readarray'),
    set: (sh, args, io) => sh.set(args, io),
    shopt: (sh, args, io) => {
      const known = ['autocd', 'cdspell', 'dotglob', 'expand_aliases', 'extglob', 'failglob', 'globstar', 'histappend', 'nocaseglob', 'nocasematch', 'nullglob', 'lastpipe', 'checkwinsize'];
      const mode = args[0] === '-s' ? 's' : args[0] === '-u' ? 'u' : args[0] === '-q' ? 'q' : '';
      const names = mode ? args.slice(1) : args;
      let status = 0;
      for (const n of names) {
        if (!known.includes(n)) {
          io.err.write(`${sh.pfx()}shopt: ${n}: invalid shell option name\n`);
          status = 1;
          continue;
        }
        if (mode === 's') sh.options.add(n);
        else if (mode === 'u') sh.options.delete(n);
        else if (mode === 'q') status = sh.options.has(n) ? status : 1;
        else io.out.write(`${n.padEnd(16)}\t${sh.options.has(n) ? 'on' : 'off'}\n`);
      }
      if (names.length === 0 && mode !== 'q') for (const n of known) if (!mode || (mode === 's') === sh.options.has(n)) io.out.write(`${n.padEnd(16)}\t${sh.options.has(n) ? 'on' : 'off'}\n`);
      return status;
    },
    trap: (sh, args, io) => {
      if (args.length === 0 || args[0] === '-p') {
        for (const [sig, cmd] of sh.traps) io.out.write(`trap -- ${quote(cmd)} ${sig}\n`);
        return 0;
      }
      if (args[0] === '-l') {
        io.out.write(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 9) SIGKILL\t15) SIGTERM\n');
        return 0;
      }
      const [action, ...sigs] = args;
      for (const s of sigs) {
        const sig = s.replace(/^SIG/, '').toUpperCase() === '0' ? 'EXIT' : s.replace(/^SIG/, '').toUpperCase();
        if (!['EXIT', 'ERR', 'INT', 'TERM', 'HUP', 'QUIT', 'DEBUG', 'RETURN', 'USR1', 'USR2'].includes(sig)) {
          io.err.write(`${sh.pfx()}trap: ${s}: invalid signal specification\n`);
          return 1;
        }
        if (action === '-') sh.traps.delete(sig);
        else sh.traps.set(sig, action!);
      }
      return 0;
    },
    getopts: (sh, args, io) => {
      const [spec = '', name = 'OPTARG'] = args;
      const argv = args.length > 2 ? args.slice(2) : sh.positional;
      let ind = Number(sh.scalarOf('OPTIND') ?? '1') || 1;
      const charPos = Number(sh.scalarOf('__ckalab_optpos') ?? '1');
      const arg = argv[ind - 1];
      if (arg === undefined || !arg.startsWith('-') || arg === '-' || arg === '--') {
        if (arg === '--') sh.setVar('OPTIND', String(ind + 1));
        sh.setVar(name, '?');
        return 1;
      }
      const ch = arg[charPos]!;
      const idx = spec.indexOf(ch);
      let nextPos = charPos + 1;
      const advance = () => {
        if (nextPos >= arg.length) {
          ind++;
          nextPos = 1;
        }
      };
      if (idx < 0 || ch === ':') {
        if (!spec.startsWith(':')) io.err.write(`${sh.scriptName ?? 'bash'}: illegal option -- ${ch}\n`);
        sh.setVar(name, '?');
        advance();
      } else if (spec[idx + 1] === ':') {
        let val = arg.slice(charPos + 1);
        ind++;
        nextPos = 1;
        if (val === '') {
          val = argv[ind - 1] ?? '';
          ind++;
        }
        sh.setVar(name, ch);
        sh.setVar('OPTARG', val);
      } else {
        sh.setVar(name, ch);
        advance();
      }
      sh.setVar('OPTIND', String(ind));
      sh.setVar('__ckalab_optpos', String(nextPos));
      return 0;
    },
    complete: (sh, args, io) => {
      if (args.length === 0 || args[0] === '-p') {
        for (const [k, f] of Object.entries(sh.completions)) io.out.write(`complete -o default -F ${f} ${k}\n`);
        return 0;
      }
      let fn: string | undefined;
      const names: string[] = [];
      for (let k = 0; k < args.length; k++) {
        const a = args[k]!;
        if (a === '-F') fn = args[++k];
        else if (a === '-o' || a === '-A' || a === '-W' || a === '-C' || a === '-G' || a === '-X' || a === '-P' || a === '-S') k++;
        else if (a === '-r') {
          for (const n of args.slice(k + 1)) delete sh.completions[n];
          return 0;
        } else if (!a.startsWith('-')) names.push(a);
      }
      if (fn !== undefined) {
        if (!sh.functions.has(fn) && fn !== '__start_kubectl') {
          // bash registers it anyway; the function is looked up on Tab.
        }
        for (const n of names) sh.completions[n] = fn;
      }
      return 0;
    },
    compgen: (sh, args, io) => {
      const w = args[args.length - 1] ?? '';
      if (args[0] === '-W') {
        const words = (args[1] ?? '').split(/\s+/).filter((x) => x && x.startsWith(args[2] ?? ''));
        io.out.write(words.map((x) => `${x}\n`).join(''));
        return words.length ? 0 : 1;
      }
      const c = sh.complete(w, w.length).candidates;
      io.out.write(c.map((x) => `${x}\n`).join(''));
      return c.length ? 0 : 1;
    },
    compopt: (_sh) => 0,
    wait: (_sh) => 0,
    jobs: (_sh) => 0,
    hash: (_sh) => 0,
    umask: (_sh, args, io) => {
      if (args.length === 0) io.out.write('0022\n');
      return 0;
    },
    ulimit: (_sh, _args, io) => {
      io.out.write('unlimited\n');
      return 0;
    },
    times: (_sh, _args, io) => {
      io.out.write('0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n');
      return 0;
    },
    exec: (sh, args, io) => {
      if (args.length === 0) return 0;
      const s = sh.invokeCommand(args[0]!, args.slice(1), io);
      throw new Exit(s);
    },
    bash: (sh, args, io) => sh.bash(args, io),
    find: (sh, args, io) =>
      find(args, {
        vfs: sh.vfs,
        resolve: (p) => sh.vfs.access(sh.dir).resolve(p),
        run: (argv) => sh.invoke(argv, { in: { buf: '', pos: 0 }, out: io.out, err: io.err }),
        out: (s) => io.out.write(s),
        err: (s) => io.err.write(s),
      }),
    xargs: (sh, args, io) => sh.xargs(args, io),
    timeout: (sh, args, io) => {
      // timeout DURATION CMD...: the lab's commands finish at once; a simulated wait is capped at DURATION.
      const rest = args.filter((a, i) => !(a.startsWith('-') && i === 0) && !(args[0] === '-s' && i === 1));
      const [dur, ...cmd] = rest;
      const secs = dur === undefined ? NaN : Number(dur.replace(/[smhd]$/, '')) * ({ s: 1, m: 60, h: 3600, d: 86400 }[dur.slice(-1)] ?? 1);
      if (dur === undefined || Number.isNaN(secs)) {
        io.err.write(dur === undefined ? "timeout: missing operand\nTry 'timeout --help' for more information.\n" : `timeout: invalid time interval ‘${dur}’\nTry 'timeout --help' for more information.\n`);
        return 125;
      }
      if (cmd.length === 0) {
        io.err.write(`timeout: missing operand after ‘${dur}’\nTry 'timeout --help' for more information.\n`);
        return 125;
      }
      const before = sh.effects.length;
      const s = sh.invoke(cmd, io);
      const waits = sh.effects.slice(before).filter((e): e is CommandEffect & { type: 'wait' } => e.type === 'wait');
      const total = waits.reduce((n, e) => n + e.ms, 0);
      if (total > secs * 1000) {
        for (const w of waits) w.ms = Math.min(w.ms, secs * 1000);
        return 124;
      }
      return s;
    },
    date: (sh, args, io) => sh.deliver(date({ argv: ['date', ...args], stdin: '', env: {}, cwd: sh.dir, fs: sh.vfs.access(sh.dir), columns: sh.columns }, sh.now?.() ?? 0), io),
    sh: (sh, args, io) => sh.bash(args, io),
    help: (_sh, _args, io) => {
      io.out.write(
        'ckalab shell: a simulated bash on a simulated cluster.\n\n' +
          `Commands: kubectl (alias k), ${Object.keys(COREUTILS).filter((c) => !['vim', 'nano'].includes(c)).sort().join(', ')}\n` +
          `Builtins: ${Object.keys(Shell.BUILTINS).sort().join(', ')}\n` +
          'Syntax: bash\'s: quotes, expansions, pipes, lists, redirections, heredocs, if/for/while/until/case, functions, [[ ]], (( )), arrays.\n' +
          'Editors: vi, vim and nano open a full-screen editor.\n',
      );
      return 0;
    },
  };

  /** xargs: builds command lines from its input (-n, -L, -I, -0, -d, -r, -t) and runs them. */
  private xargs(args: string[], io: Io): number {
    let k = 0;
    let maxArgs = Infinity;
    let replace: string | undefined;
    let nul = false;
    let delim: string | undefined;
    let noEmpty = false;
    let trace = false;
    let perLine = 0;
    for (; k < args.length; k++) {
      const a = args[k]!;
      if (a === '--') {
        k++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-n' || a === '--max-args') maxArgs = Number(args[++k]);
      else if (/^-n\d+$/.test(a)) maxArgs = Number(a.slice(2));
      else if (a === '-L') perLine = Number(args[++k]);
      else if (/^-L\d+$/.test(a)) perLine = Number(a.slice(2));
      else if (a === '-I' || a === '-i') replace = a === '-i' ? '{}' : args[++k];
      else if (a.startsWith('-I')) replace = a.slice(2);
      else if (a === '-0' || a === '--null') nul = true;
      else if (a === '-d') delim = args[++k];
      else if (a === '-r' || a === '--no-run-if-empty') noEmpty = true;
      else if (a === '-t' || a === '--verbose') trace = true;
      else if (a === '-P' || a === '-s') k++;
      else if (/^-P\d+$/.test(a)) continue;
      else {
        io.err.write(`xargs: invalid option -- '${a.slice(1, 2)}'\nUsage: xargs [OPTION]... COMMAND [INITIAL-ARGS]...\nTry 'xargs --help' for more information.\n`);
        return 1;
      }
    }
    const cmd = args.slice(k);
    if (cmd.length === 0) cmd.push('echo');
    const text = io.in.buf.slice(io.in.pos);
    io.in.pos = io.in.buf.length;
    let items: string[];
    if (nul) items = text.split('\0').filter((x, i, all) => x !== '' || i < all.length - 1);
    else if (delim !== undefined) items = text.split(delim === '\\n' ? '\n' : delim).filter((x, i, all) => !(x === '' && i === all.length - 1));
    else if (replace !== undefined) items = text.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
    else {
      items = [];
      const re = /"([^"]*)"|'([^']*)'|((?:\\.|[^\s'"])+)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text)) !== null) items.push(m[1] ?? m[2] ?? m[3]!.replace(/\\(.)/g, '$1'));
    }
    const runOne = (argv: string[]): number => {
      this.tick();
      if (trace) io.err.write(`${argv.join(' ')}\n`);
      const s = this.invoke(argv, { in: { buf: '', pos: 0 }, out: io.out, err: io.err });
      return s;
    };
    let status = 0;
    const note = (s: number) => {
      if (s === 127) status = 127;
      else if (s !== 0 && status === 0) status = 123;
    };
    if (replace !== undefined) {
      for (const it of items) note(runOne(cmd.map((c) => c.split(replace!).join(it))));
      return status;
    }
    if (items.length === 0) {
      if (!noEmpty) note(runOne(cmd));
      return status;
    }
    const size = perLine > 0 ? perLine : maxArgs;
    for (let i = 0; i < items.length; i += size === Infinity ? items.length : size) note(runOne([...cmd, ...items.slice(i, size === Infinity ? undefined : i + size)]));
    return status;
  }

  private inSubshell(): boolean {
    return this.subshellDepth > 0;
  }
  private subshellDepth = 0;
  private sourcing = 0;

  private loopControl(name: 'break' | 'continue', args: string[], io: Io): number {
    if (this.loopDepth === 0) {
      io.err.write(`${this.pfx()}${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      return 0;
    }
    const n = args[0] === undefined ? 1 : Number(args[0]);
    if (!Number.isInteger(n) || n < 1) {
      io.err.write(`${this.pfx()}${name}: ${args[0]}: loop count out of range\n`);
      return 1;
    }
    throw name === 'break' ? new Break(Math.min(n, this.loopDepth)) : new Continue(Math.min(n, this.loopDepth));
  }

  private bash(args: string[], io: Io): number {
    let k = 0;
    const opts: string[] = [];
    while (k < args.length && /^[-+][a-zA-Z]+$/.test(args[k]!) && args[k] !== '-c') opts.push(args[k++]!);
    if (args[k] === '-c') {
      const script = args[k + 1];
      if (script === undefined) {
        io.err.write('bash: -c: option requires an argument\n');
        return 2;
      }
      return this.childShell(script, args[k + 2] ?? 'bash', args.slice(k + 3), io);
    }
    if (args[k] === undefined) {
      const script = io.in.buf.slice(io.in.pos);
      io.in.pos = io.in.buf.length;
      return this.childShell(script, 'bash', [], io);
    }
    return this.runScriptFile(args[k]!, args[k]!, args.slice(k + 1), io, true);
  }

  private source(args: string[], io: Io, name: string): number {
    if (!args[0]) {
      io.err.write(`${this.pfx()}${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`);
      return 2;
    }
    const abs = this.vfs.access(this.dir).resolve(args[0]);
    const text = this.vfs.read(abs);
    if (text === undefined) {
      io.err.write(`${this.pfx()}${args[0]}: ${this.vfs.isDir(abs) ? 'is a directory' : 'No such file or directory'}\n`);
      return 1;
    }
    const savedPos = this.positional;
    if (args.length > 1) this.positional = args.slice(1);
    this.sourcing++;
    try {
      return this.runScriptText(text, io, { interactive: this.scriptName === undefined, ...(this.scriptName !== undefined ? { name: args[0] } : {}) });
    } catch (e) {
      if (e instanceof Return) return e.status;
      throw e;
    } finally {
      this.sourcing--;
      if (args.length > 1) this.positional = savedPos;
    }
  }

  private kindOf(a: string): { kind: 'alias' | 'keyword' | 'function' | 'builtin' | 'file'; path?: string } | undefined {
    if (this.aliases[a] !== undefined) return { kind: 'alias' };
    if (['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', 'in', 'function', 'select', 'time', '{', '}', '!', '[[', ']]'].includes(a)) return { kind: 'keyword' };
    if (this.functions.has(a)) return { kind: 'function' };
    if (Shell.BUILTINS[a] && !PROGRAMS.has(a)) return { kind: 'builtin' };
    if (COREUTILS[a] || this.commands.get(a) || PROGRAMS.has(a)) return { kind: 'file', path: `/usr/bin/${a}` };
    if (a.includes('/') && this.vfs.isExecutable(this.vfs.access(this.dir).resolve(a))) return { kind: 'file', path: a };
    return undefined;
  }

  private type(args: string[], io: Io): number {
    let flag = '';
    const names = args.filter((a) => {
      if (/^-[tpaP]$/.test(a)) {
        flag = a;
        return false;
      }
      return true;
    });
    let status = 0;
    for (const a of names) {
      const k = this.kindOf(a);
      if (!k) {
        status = 1;
        if (!flag) io.err.write(`${this.pfx()}type: ${a}: not found\n`);
        continue;
      }
      if (flag === '-t') io.out.write(`${k.kind}\n`);
      else if (flag === '-p' || flag === '-P') {
        if (k.kind === 'file') io.out.write(`${k.path}\n`);
      } else if (k.kind === 'alias') io.out.write(`${a} is aliased to \`${this.aliases[a]}'\n`);
      else if (k.kind === 'keyword') io.out.write(`${a} is a shell keyword\n`);
      else if (k.kind === 'function') io.out.write(`${a} is a function\n${formatFunction(a, this.functions.get(a)!.src)}`);
      else if (k.kind === 'builtin') io.out.write(`${a} is a shell builtin\n`);
      else io.out.write(`${a} is ${k.path}\n`);
    }
    return status;
  }

  private declare(args: string[], io: Io, name: string, preset: string, local = false): number {
    const flags = new Set<string>();
    const unflags = new Set<string>();
    if (preset === '-x') flags.add('x');
    if (preset === '+x') unflags.add('x');
    if (preset === '-r') flags.add('r');
    const rest: string[] = [];
    for (const a of args) {
      if (/^-[aAfFgilnprtux]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
      else if (/^\+[aAfFgilnprtux]+$/.test(a)) for (const c of a.slice(1)) unflags.add(c);
      else rest.push(a);
    }
    if (local === false && name !== 'export' && name !== 'readonly' && this.locals.length > 0 && !flags.has('g')) local = true;
    if (flags.has('f') || flags.has('F')) {
      const names = rest.length ? rest : [...this.functions.keys()].sort();
      let status = 0;
      for (const n of names) {
        const f = this.functions.get(n);
        if (!f) status = 1;
        else io.out.write(flags.has('F') ? `declare -f ${n}\n` : formatFunction(n, f.src));
      }
      return status;
    }
    if (rest.length === 0) {
      const keys = [...this.vars.keys()].sort();
      for (const k of keys) {
        const v = this.vars.get(k)!;
        if (flags.has('x') && !v.x) continue;
        if (flags.has('r') && !v.r) continue;
        if (name === 'export' || flags.has('x')) io.out.write(`declare -x ${k}${'s' in v.v ? `="${v.v.s.replace(/(["\\$`])/g, '\\$1')}"` : ''}\n`);
        else io.out.write(this.describeVar(k, v));
      }
      return 0;
    }
    let status = 0;
    for (const a of rest) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?=([\s\S]*))?$/.exec(a);
      if (!m) {
        io.err.write(`${this.pfx()}${name}: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      const n = m[1]!;
      if (flags.has('p')) {
        const v = this.vars.get(n);
        if (v) io.out.write(this.describeVar(n, v));
        else {
          io.err.write(`${this.pfx()}declare: ${n}: not found\n`);
          status = 1;
        }
        continue;
      }
      if (local) this.makeLocal(n);
      const existing = this.vars.get(n);
      if (existing?.r && (m[3] !== undefined || unflags.has('r'))) {
        io.err.write(`${this.pfx()}${n}: readonly variable\n`);
        status = 1;
        continue;
      }
      if (!existing || (local && this.locals.length && !this.locals[this.locals.length - 1]!.get(n) && m[3] === undefined && existing === this.vars.get(n) && false)) {
        this.vars.set(n, { v: flags.has('A') ? { m: new Map() } : flags.has('a') ? { a: new Map() } : { s: '' } });
        if (m[3] === undefined && !flags.has('A') && !flags.has('a')) this.vars.delete(n);
      } else if (local && m[3] === undefined && !flags.has('A') && !flags.has('a')) {
        // `local x` makes an unset local.
        this.vars.delete(n);
      }
      if (flags.has('A') && (!this.vars.get(n) || !('m' in this.vars.get(n)!.v))) this.vars.set(n, { v: { m: new Map() } });
      if (flags.has('a') && (!this.vars.get(n) || 's' in this.vars.get(n)!.v)) {
        const cur = this.vars.get(n);
        this.vars.set(n, { v: { a: new Map(cur && 's' in cur.v ? [[0, cur.v.s]] : []) } });
      }
      if (flags.has('i')) {
        const v = this.vars.get(n) ?? { v: { s: '' } };
        v.i = true;
        this.vars.set(n, v);
      }
      if (m[3] !== undefined) {
        this.assignWord(quoteAssignment(a));
      }
      let v = this.vars.get(n);
      if (!v && (flags.has('x') || flags.has('r'))) {
        // export NAME of an unset variable: bash marks it; the lab keeps it empty but unset-looking.
        if (flags.has('x')) continue;
        v = { v: { s: '' } };
        this.vars.set(n, v);
      }
      if (!v) continue;
      if (flags.has('x')) v.x = true;
      if (unflags.has('x')) delete v.x;
      if (flags.has('r')) v.r = true;
      if (flags.has('l') && 's' in v.v) v.v.s = v.v.s.toLowerCase();
      if (flags.has('u') && 's' in v.v) v.v.s = v.v.s.toUpperCase();
    }
    return status;
  }

  private describeVar(k: string, v: Var): string {
    const attrs = `${'a' in v.v ? 'a' : 'm' in v.v ? 'A' : ''}${v.i ? 'i' : ''}${v.r ? 'r' : ''}${v.x ? 'x' : ''}` || '-';
    const q = (s: string) => `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
    if ('s' in v.v) return `declare -${attrs} ${k}=${q(v.v.s)}\n`;
    if ('a' in v.v) return `declare -${attrs} ${k}=(${[...v.v.a.entries()].sort((x, y) => x[0] - y[0]).map(([i, s]) => `[${i}]=${q(s)}`).join(' ')})\n`;
    return `declare -${attrs} ${k}=(${[...v.v.m.entries()].map(([i, s]) => `[${i}]=${q(s)} `).join('')})\n`;
  }

  private set(args: string[], io: Io): number {
    if (args.length === 0) {
      for (const [k, v] of [...this.vars].sort(([a], [b]) => (a < b ? -1 : 1))) io.out.write(this.describeVar(k, v).replace(/^declare -\S+ /, ''));
      return 0;
    }
    const names: Record<string, string> = { e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', a: 'allexport', C: 'noclobber', v: 'verbose', B: 'braceexpand', h: 'hashall', n: 'noexec', m: 'monitor' };
    const longNames = new Set([...Object.values(names), 'pipefail', 'vi', 'emacs', 'posix', 'ignoreeof', 'history', 'histexpand']);
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!;
      if (a === '--' || a === '-') {
        this.positional = args.slice(k + 1);
        return 0;
      }
      if (a === '-o' || a === '+o') {
        const o = args[++k];
        if (o === undefined) {
          for (const n of [...longNames].sort()) io.out.write(a === '-o' ? `${n.padEnd(15)}\t${this.options.has(n) ? 'on' : 'off'}\n` : `set ${this.options.has(n) ? '-' : '+'}o ${n}\n`);
          continue;
        }
        if (!longNames.has(o)) {
          io.err.write(`${this.pfx()}set: ${o}: invalid option name\n`);
          return 2;
        }
        if (a === '-o') this.options.add(o);
        else this.options.delete(o);
        continue;
      }
      if (/^[-+][a-zA-Z]+$/.test(a)) {
        for (const c of a.slice(1)) {
          const n = names[c];
          if (!n) {
            io.err.write(`${this.pfx()}set: ${a[0]}${c}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`);
            return 2;
          }
          if (a[0] === '-') this.options.add(n);
          else this.options.delete(n);
        }
        continue;
      }
      this.positional = args.slice(k);
      return 0;
    }
    return 0;
  }

  private read(args: string[], io: Io): number {
    let raw = false;
    let arrayName: string | undefined;
    let delim = '\n';
    let nchars: number | undefined;
    let prompt = '';
    const names: string[] = [];
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!;
      if (a === '-r') raw = true;
      else if (a === '-a') arrayName = args[++k];
      else if (a === '-d') delim = args[++k] ?? '\n';
      else if (a === '-n' || a === '-N') nchars = Number(args[++k]);
      else if (a === '-p') prompt = args[++k] ?? '';
      else if (a === '-s' || a === '-e') continue;
      else if (a === '-t' || a === '-u') k++;
      else if (/^-[rs]+$/.test(a)) raw = raw || a.includes('r');
      else if (/^-[rs]*a$/.test(a)) {
        raw = raw || a.includes('r');
        arrayName = args[++k];
      } else names.push(a);
    }
    void prompt;
    const inp = io.in;
    if (inp.pos >= inp.buf.length) {
      if (arrayName) this.setValue(arrayName, { a: new Map() });
      for (const n of names.length ? names : ['REPLY']) this.setVar(n, '');
      return 1;
    }
    let line: string;
    let hitEnd = false;
    if (nchars !== undefined) {
      line = inp.buf.slice(inp.pos, inp.pos + nchars);
      inp.pos += line.length;
    } else {
      const d = delim === '' ? '\0' : delim[0]!;
      let end = inp.buf.indexOf(d, inp.pos);
      // A backslash-newline continues the line unless -r.
      while (!raw && end > 0 && d === '\n' && inp.buf[end - 1] === '\\') end = inp.buf.indexOf(d, end + 1);
      if (end < 0) {
        line = inp.buf.slice(inp.pos);
        inp.pos = inp.buf.length;
        hitEnd = true;
      } else {
        line = inp.buf.slice(inp.pos, end);
        inp.pos = end + 1;
      }
    }
    if (!raw) line = line.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
    const ifs = this.scalarOf('IFS') ?? ' \t\n';
    const white = [...ifs].filter((c) => ' \t\n'.includes(c)).join('');
    const isIfs = (c: string) => ifs.includes(c);
    if (arrayName) {
      const fields = splitFields(line, ifs, white);
      this.setValue(arrayName, { a: new Map(fields.map((f, i) => [i, f])) });
      return hitEnd ? 1 : 0;
    }
    const targets = names.length ? names : ['REPLY'];
    if (!names.length) {
      this.setVar('REPLY', line);
      return hitEnd ? 1 : 0;
    }
    let rest = line.replace(new RegExp(`^[${escapeClass(white)}]+`), '');
    for (let t = 0; t < targets.length; t++) {
      if (t === targets.length - 1) {
        this.setVar(targets[t]!, rest.replace(new RegExp(`[${escapeClass(white)}]+$`), ''));
        break;
      }
      let j = 0;
      while (j < rest.length && !isIfs(rest[j]!)) j++;
      this.setVar(targets[t]!, rest.slice(0, j));
      rest = rest.slice(j);
      // Skip one separator: IFS whitespace around at most one non-whitespace IFS char.
      let m = 0;
      while (m < rest.length && white.includes(rest[m]!)) m++;
      if (m < rest.length && isIfs(rest[m]!) && !white.includes(rest[m]!)) {
        m++;
        while (m < rest.length && white.includes(rest[m]!)) m++;
      }
      rest = rest.slice(m);
    }
    return hitEnd ? 1 : 0;
  }

  private mapfile(args: string[], io: Io, name: string): number {
    let strip = false;
    let delim = '\n';
    let target = 'MAPFILE';
    for (let k = 0; k < args.length; k++) {
      const a = args[k]!;
      if (a === '-t') strip = true;
      else if (a === '-d') delim = args[++k] ?? '\n';
      else if (['-n', '-O', '-s', '-u', '-C', '-c'].includes(a)) k++;
      else if (a.startsWith('-')) {
        io.err.write(`${this.pfx()}${name}: ${a}: invalid option\n`);
        return 2;
      } else target = a;
    }
    const text = io.in.buf.slice(io.in.pos);
    io.in.pos = io.in.buf.length;
    const d = delim === '' ? '\0' : delim;
    const items: string[] = [];
    let start = 0;
    while (start < text.length) {
      const e = text.indexOf(d, start);
      const end = e < 0 ? text.length : e + 1;
      const item = text.slice(start, end);
      items.push(strip && item.endsWith(d) ? item.slice(0, -1) : item);
      start = end;
    }
    this.setValue(target, { a: new Map(items.map((x, i) => [i, x])) });
    return 0;
  }
}


function cloneVar(v: Var): Var {
  const value: Value = 's' in v.v ? { s: v.v.s } : 'a' in v.v ? { a: new Map(v.v.a) } : { m: new Map(v.v.m) };
  return { ...v, v: value };
}

function isBinary(t: import('./syntax.js').CondToken | undefined): boolean {
  if (!t) return false;
  if ('op' in t) return t.op === '<' || t.op === '>';
  return ['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef'].includes(t.word);
}

function intCompare(op: string, a: bigint, b: bigint): boolean {
  switch (op) {
    case '-eq':
      return a === b;
    case '-ne':
      return a !== b;
    case '-lt':
      return a < b;
    case '-le':
      return a <= b;
    case '-gt':
      return a > b;
    default:
      return a >= b;
  }
}

const POSIX_CLASS: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f' };

function escapeClass(s: string): string {
  return s.replace(/[\]\\^-]/g, '\\$&') || '\\s';
}

function splitFields(line: string, ifs: string, white: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < line.length && white.includes(line[i]!)) i++;
  let pending = false;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (ifs.includes(c)) {
      if (white.includes(c)) {
        if (cur !== '' || pending) {
          out.push(cur);
          cur = '';
          pending = false;
        }
        continue;
      }
      out.push(cur);
      cur = '';
      pending = false;
      continue;
    }
    cur += c;
    pending = true;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** A word quoted for reuse as shell input. */
export function quote(s: string): string {
  if (/^[A-Za-z0-9_./=:,+@%-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

function quoteAlias(s: string): string {
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** declare NAME=VALUE: VALUE was already expanded as a word; keep it literal. */
function quoteAssignment(a: string): string {
  const i = a.indexOf('=');
  const head = a.slice(0, i + 1);
  const value = a.slice(i + 1);
  if (value.startsWith('(') && value.endsWith(')')) return a;
  return `${head}'${value.replace(/'/g, "'\\''")}'`;
}

/** `declare -f` and `type` print a function as bash reformats it (approximately: the source, indented). */
function formatFunction(name: string, src: string): string {
  const body = src.replace(/^\s*(function\s+)?[^\s(]+\s*(\(\s*\))?\s*/, '').trim();
  const inner = body.startsWith('{') && body.endsWith('}') ? body.slice(1, -1).trim().replace(/;\s*$/, '') : body;
  const lines = inner.split(/;\s*|\n\s*/).filter((l) => l.trim() !== '');
  return `${name} () \n{ \n${lines.map((l) => `    ${l.trim()}`).join(';\n')}\n}\n`;
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
