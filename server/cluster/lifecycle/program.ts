/**
 * What a container's process does, read from its command and args the way the runtime and a
 * POSIX shell would run them: how long it runs, how it ends, and what it prints. The lab runs
 * no process; this is enough to make `sleep 10`, `sh -c 'exit 1'`, `while true; do echo x;
 * sleep 5; done` and a typo in a command behave as they do on a node.
 */
import type { ImageInfo } from './images.js';

export interface LogLine {
  /** Seconds after the process started. */
  at: number;
  text: string;
}

export type Program =
  | { kind: 'runs'; logs: LogLine[]; /** A loop printing `lines` every `period` seconds, from `from`. */ loop?: { from: number; period: number; lines: string[] } }
  | { kind: 'exits'; after: number; code: number; logs: LogLine[] }
  /** The runtime could not start it (exit code 128, reason StartError). */
  | { kind: 'cannot-start'; message: string };

export interface ContainerCommand {
  command?: string[];
  args?: string[];
  stdin?: boolean;
  tty?: boolean;
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
const SERVERS = new Set(['nginx', 'httpd', 'httpd-foreground', 'redis-server', 'mysqld', 'postgres', 'memcached', 'python', 'pause', 'docker-entrypoint.sh', '/docker-entrypoint.sh', '/entrypoint.sh', '/pause', 'agnhost', '/agnhost', 'coredns', '/coredns', 'stress']);

const base = (p: string) => p.split('/').pop() ?? p;

/** The argv the runtime executes: command replaces the entrypoint (and drops the image's cmd), args replace cmd. */
export function effectiveArgv(c: ContainerCommand, image: ImageInfo): string[] {
  const entry = c.command ?? [...image.entrypoint];
  const args = c.args ?? (c.command ? [] : [...image.cmd]);
  return [...entry, ...args];
}

function notFound(name: string): Program {
  return {
    kind: 'cannot-start',
    message: `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`,
  };
}

/** Reads the process a container runs. */
export function programOf(c: ContainerCommand, image: ImageInfo): Program {
  const argv = effectiveArgv(c, image);
  const [cmd, ...rest] = argv;
  if (cmd === undefined) return { kind: 'cannot-start', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown' };
  const name = base(cmd);
  const onPath = image.programs.includes(name) || SERVERS.has(cmd) || SERVERS.has(name);
  if (!onPath) return notFound(cmd);
  if (SHELLS.has(name)) {
    const i = rest.indexOf('-c');
    if (i >= 0 && rest[i + 1] !== undefined) return runScript(rest[i + 1]!, image);
    if (rest.length === 0) {
      // An interactive shell with no terminal reads EOF and exits 0; with stdin and a tty it waits.
      return c.stdin || c.tty ? { kind: 'runs', logs: [] } : { kind: 'exits', after: 0, code: 0, logs: [] };
    }
    return { kind: 'exits', after: 0, code: 127, logs: [{ at: 0, text: `${name}: can't open '${rest[0]}': No such file or directory` }] };
  }
  if (SERVERS.has(cmd) || SERVERS.has(name)) {
    const isDefault = c.command === undefined && c.args === undefined;
    return { kind: 'runs', logs: (isDefault ? image.startupLogs : []).map((text) => ({ at: 0, text })) };
  }
  return runScript(argv.map(quoteWord).join(' '), image);
}

function quoteWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** Splits a script into simple statements on `;`, `&&`, `||` and newlines, keeping `while ...; do ...; done` whole. */
function statements(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      cur += ch;
      continue;
    }
    const word = /^(while|until|for)\b/.exec(script.slice(i));
    if (word && /(^|[\s;&|])$/.test(cur.slice(-1) || ' ')) depth++;
    if (/^done\b/.test(script.slice(i)) && /(^|[\s;])$/.test(cur.slice(-1) || ' ')) depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === ';' || ch === '\n' || (ch === '&' && script[i + 1] === '&') || (ch === '|' && script[i + 1] === '|'))) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      if (ch === '&' || ch === '|') i++;
      continue;
    }
    cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function words(s: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:\\.|[^"])*)"|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] ?? m[2]?.replace(/\\(.)/g, '$1') ?? m[3]!);
  return out;
}

/** `sleep 5`, `sleep 1m`, `sleep infinity`: seconds, or Infinity. */
function sleepSeconds(arg: string | undefined): number | undefined {
  if (arg === undefined) return undefined;
  if (arg === 'infinity' || arg === 'inf') return Infinity;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]!;
}

/** Runs a shell script's statements in order, accumulating time and output, until it ends or loops forever. */
function runScript(script: string, image: ImageInfo): Program {
  let t = 0;
  let code = 0;
  const logs: LogLine[] = [];
  for (const stmt of statements(script)) {
    const loop = /^(while|until)\s+(.+?)\s*;?\s*do\s+(.*?)\s*;?\s*done$/s.exec(stmt);
    if (loop) {
      const cond = loop[2]!.trim();
      const forever = (loop[1] === 'while' && /^(true|:|\[ 1 \])$/.test(cond)) || (loop[1] === 'until' && cond === 'false');
      if (!forever) continue;
      let period = 0;
      const lines: string[] = [];
      for (const inner of statements(loop[3]!)) {
        const [c, ...a] = words(inner);
        if (c === 'sleep') period += sleepSeconds(a[0]) ?? 0;
        else if (c === 'echo') lines.push(a.join(' '));
        else if (c === 'date') lines.push('$(date)');
      }
      return { kind: 'runs', logs, ...(lines.length ? { loop: { from: t, period: period || 1, lines } } : {}) };
    }
    const [c, ...a] = words(stmt);
    if (c === undefined) continue;
    const name = base(c);
    if (name === 'exit') return { kind: 'exits', after: t, code: Number(a[0] ?? code) & 255, logs };
    if (name === 'sleep') {
      const s = sleepSeconds(a[0]);
      if (s === undefined) {
        logs.push({ at: t, text: `sleep: invalid number '${a[0] ?? ''}'` });
        code = 1;
      } else if (s === Infinity) return { kind: 'runs', logs };
      else {
        t += s;
        code = 0;
      }
    } else if (name === 'echo') {
      logs.push({ at: t, text: a.join(' ') });
      code = 0;
    } else if (name === 'true' || name === ':') code = 0;
    else if (name === 'false') code = 1;
    else if (SERVERS.has(c) || SERVERS.has(name)) return { kind: 'runs', logs };
    else if (name === 'tail' && a.includes('-f')) return { kind: 'runs', logs };
    else if (!image.programs.includes(name)) {
      logs.push({ at: t, text: `sh: ${c}: not found` });
      code = 127;
    } else code = 0;
  }
  return { kind: 'exits', after: t, code, logs };
}
