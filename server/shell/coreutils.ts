/**
 * The text tools and file commands people pipe kubectl into, over the virtual filesystem,
 * with coreutils' and busybox-free GNU messages. Each takes the CommandContext and the Vfs.
 */
import type { CommandContext, CommandResult } from './command.js';
import type { Vfs } from './vfs.js';

export type Builtin = (ctx: CommandContext, vfs: Vfs) => CommandResult;

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1, stdout = ''): CommandResult => ({ stdout, stderr, exitCode });

/** Real commands the lab does not simulate: said honestly. */
export const NOT_AVAILABLE = ['systemctl', 'journalctl', 'docker', 'crictl', 'ssh', 'scp', 'apt', 'apt-get', 'etcdctl', 'kubeadm', 'kubelet', 'helm', 'sudo', 'su', 'ip', 'iptables', 'ping', 'curl', 'wget', 'nc', 'telnet', 'nslookup', 'dig', 'python3', 'python', 'node', 'top', 'ps', 'kill', 'watch'];

function split(args: readonly string[]): { flags: Set<string>; values: Map<string, string>; rest: string[] } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (/^-[A-Za-z]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
    else if (/^-\d+$/.test(a)) values.set('n', a.slice(1));
    else rest.push(a);
  }
  return { flags, values, rest };
}

/** Reads the named files (or stdin when none), with `cmd: f: No such file or directory`. */
function inputs(cmd: string, files: string[], ctx: CommandContext): { text: string; err: string } {
  if (files.length === 0) return { text: ctx.stdin, err: '' };
  let text = '';
  let err = '';
  for (const f of files) {
    if (f === '-') {
      text += ctx.stdin;
      continue;
    }
    const r = ctx.fs.readFile(f);
    if (r.ok) text += r.value;
    else err += `${cmd}: ${f}: ${r.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`;
  }
  return { text, err };
}

const lines = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
const unlines = (l: string[]) => (l.length ? `${l.join('\n')}\n` : '');

function valueFlag(args: readonly string[], short: string): { value?: string; rest: string[] } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `-${short}`) value = args[++i];
    else if (a.startsWith(`-${short}`) && a.length > 2) value = a.slice(2);
    else rest.push(a);
  }
  return value === undefined ? { rest } : { value, rest };
}

export const COREUTILS: Record<string, Builtin> = {
  echo: (ctx) => {
    const args = [...ctx.argv.slice(1)];
    let newline = true;
    let escapes = false;
    while (args[0] && /^-[neE]+$/.test(args[0])) {
      const f = args.shift()!;
      if (f.includes('n')) newline = false;
      if (f.includes('e')) escapes = true;
    }
    let s = args.join(' ');
    if (escapes) s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
    return ok(newline ? `${s}\n` : s);
  },
  true: () => ok(),
  false: () => fail('', 1),
  cat: (ctx) => {
    const { rest } = split(ctx.argv.slice(1));
    const r = inputs('cat', rest, ctx);
    return { stdout: r.text, stderr: r.err, exitCode: r.err ? 1 : 0 };
  },
  less: (ctx) => COREUTILS.cat!(ctx, undefined as never),
  more: (ctx) => COREUTILS.cat!(ctx, undefined as never),
  ls: (ctx, vfs) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    const targets = rest.length ? rest : ['.'];
    let out = '';
    let err = '';
    for (const t of targets) {
      const p = ctx.fs.resolve(t);
      if (vfs.isFile(p)) {
        out += flags.has('l') ? `-rw-r--r-- 1 root root ${String(vfs.read(p)!.length).padStart(5)} Jan  1 00:00 ${t}\n` : `${t}\n`;
        continue;
      }
      if (!vfs.isDir(p)) {
        err += `ls: cannot access '${t}': No such file or directory\n`;
        continue;
      }
      let names = vfs.list(p);
      if (!flags.has('a')) names = names.filter((n) => !n.startsWith('.'));
      else names = ['.', '..', ...names];
      if (targets.length > 1) out += `${t}:\n`;
      if (flags.has('l')) {
        out += `total ${names.length * 4}\n`;
        for (const n of names) {
          const full = n === '.' ? p : n === '..' ? p : `${p === '/' ? '' : p}/${n}`;
          const dir = vfs.isDir(full);
          out += `${dir ? 'drwxr-xr-x 2' : '-rw-r--r-- 1'} root root ${String(dir ? 4096 : (vfs.read(full) ?? '').length).padStart(5)} Jan  1 00:00 ${n}\n`;
        }
      } else if (flags.has('1')) out += unlines(names);
      else if (names.length) out += `${names.join('  ')}\n`;
    }
    return { stdout: out, stderr: err, exitCode: err ? 2 : 0 };
  },
  mkdir: (ctx, vfs) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    let err = '';
    for (const d of rest) {
      const p = ctx.fs.resolve(d);
      if (flags.has('p')) {
        const parts = p.split('/').filter(Boolean);
        let cur = '';
        for (const part of parts) {
          cur += `/${part}`;
          if (!vfs.exists(cur)) vfs.mkdir(cur);
          else if (vfs.isFile(cur)) {
            err += `mkdir: cannot create directory '${d}': Not a directory\n`;
            break;
          }
        }
        continue;
      }
      const r = vfs.mkdir(p);
      if (!r.ok) err += `mkdir: cannot create directory '${d}': ${r.error === 'EEXIST' ? 'File exists' : r.error === 'ENOTDIR' ? 'Not a directory' : r.error === 'ENOSPC' ? 'No space left on device' : 'No such file or directory'}\n`;
    }
    if (rest.length === 0) return fail("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  touch: (ctx, vfs) => {
    const { rest } = split(ctx.argv.slice(1));
    let err = '';
    for (const f of rest) {
      const p = ctx.fs.resolve(f);
      if (vfs.exists(p)) continue;
      const r = vfs.write(p, '');
      if (!r.ok) err += `touch: cannot touch '${f}': ${r.error === 'ENOSPC' ? 'No space left on device' : 'No such file or directory'}\n`;
    }
    if (rest.length === 0) return fail("touch: missing file operand\nTry 'touch --help' for more information.\n");
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  rm: (ctx, vfs) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    let err = '';
    if (rest.length === 0 && !flags.has('f')) return fail("rm: missing operand\nTry 'rm --help' for more information.\n");
    for (const f of rest) {
      const p = ctx.fs.resolve(f);
      if (vfs.isDir(p) && !(flags.has('r') || flags.has('R'))) err += `rm: cannot remove '${f}': Is a directory\n`;
      else if (!vfs.exists(p)) {
        if (!flags.has('f')) err += `rm: cannot remove '${f}': No such file or directory\n`;
      } else vfs.remove(p);
    }
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  cp: (ctx, vfs) => {
    const { rest } = split(ctx.argv.slice(1));
    if (rest.length < 2) return fail(`cp: missing ${rest.length ? `destination file operand after '${rest[0]}'` : 'file operand'}\nTry 'cp --help' for more information.\n`);
    const dest = rest.at(-1)!;
    let err = '';
    for (const src of rest.slice(0, -1)) {
      const s = ctx.fs.readFile(src);
      if (!s.ok) {
        err += s.error === 'EISDIR' ? `cp: -r not specified; omitting directory '${src}'\n` : `cp: cannot stat '${src}': No such file or directory\n`;
        continue;
      }
      const d = ctx.fs.resolve(dest);
      const target = vfs.isDir(d) ? `${d}/${src.split('/').pop()}` : d;
      const w = vfs.write(target, s.value);
      if (!w.ok) err += `cp: cannot create regular file '${dest}': ${w.error === 'ENOSPC' ? 'No space left on device' : 'No such file or directory'}\n`;
    }
    return { stdout: '', stderr: err, exitCode: err ? 1 : 0 };
  },
  mv: (ctx, vfs) => {
    const { rest } = split(ctx.argv.slice(1));
    if (rest.length < 2) return fail(`mv: missing ${rest.length ? `destination file operand after '${rest[0]}'` : 'file operand'}\nTry 'mv --help' for more information.\n`);
    const [src, dest] = [rest[0]!, rest[1]!];
    const s = ctx.fs.readFile(src);
    if (!s.ok) return fail(`mv: cannot stat '${src}': No such file or directory\n`);
    const d = ctx.fs.resolve(dest);
    const target = vfs.isDir(d) ? `${d}/${src.split('/').pop()}` : d;
    const w = vfs.write(target, s.value);
    if (!w.ok) return fail(`mv: cannot move '${src}' to '${dest}': No such file or directory\n`);
    vfs.remove(ctx.fs.resolve(src));
    return ok();
  },
  grep: (ctx) => {
    const args = ctx.argv.slice(1);
    const flags = new Set<string>();
    const rest: string[] = [];
    let pattern: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-e') pattern = args[++i];
      else if (/^-[a-zA-Z]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
      else if (a === '--color=auto' || a === '--color') continue;
      else if (pattern === undefined) pattern = a;
      else rest.push(a);
    }
    if (pattern === undefined) return fail("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", 2);
    let src = flags.has('E') ? pattern : pattern.replace(/\\\|/g, '|').replace(/([+?(){}|])/g, (_m, c, off, s) => (s[off - 1] === '\\' ? c : `\\${c}`)).replace(/\\\\([+?(){}|])/g, '$1');
    if (flags.has('F')) src = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (flags.has('w')) src = `\\b(?:${src})\\b`;
    let re: RegExp;
    try {
      re = new RegExp(src, flags.has('i') ? 'gi' : 'g');
    } catch {
      return fail(`grep: Unmatched ( or \\(\n`, 2);
    }
    const r = inputs('grep', rest, ctx);
    const many = rest.length > 1;
    let out = '';
    let count = 0;
    const prefixFor = (file: string | undefined) => (many && file ? `${file}:` : '');
    const files = rest.length ? rest : [undefined];
    for (const file of files) {
      const text = file === undefined ? ctx.stdin : (() => {
        const f = ctx.fs.readFile(file);
        return f.ok ? f.value : '';
      })();
      let fileCount = 0;
      lines(text).forEach((line, idx) => {
        re.lastIndex = 0;
        const hit = re.test(line);
        if (hit === flags.has('v')) return;
        fileCount++;
        if (flags.has('c') || flags.has('q') || flags.has('l')) return;
        const num = flags.has('n') ? `${idx + 1}:` : '';
        if (flags.has('o') && !flags.has('v')) {
          re.lastIndex = 0;
          for (const m of line.matchAll(re)) out += `${prefixFor(file)}${num}${m[0]}\n`;
        } else out += `${prefixFor(file)}${num}${line}\n`;
      });
      if (flags.has('c')) out += `${prefixFor(file)}${fileCount}\n`;
      if (flags.has('l') && fileCount) out += `${file ?? '(standard input)'}\n`;
      count += fileCount;
    }
    return { stdout: flags.has('q') ? '' : out, stderr: r.err, exitCode: r.err ? 2 : count > 0 ? 0 : 1 };
  },
  head: (ctx) => {
    const { value, rest } = valueFlag(ctx.argv.slice(1), 'n');
    const s = split(rest);
    const n = Number(value ?? s.values.get('n') ?? 10);
    const r = inputs('head', s.rest, ctx);
    const l = lines(r.text);
    return { stdout: unlines(n < 0 ? l.slice(0, n) : l.slice(0, n)), stderr: r.err, exitCode: r.err ? 1 : 0 };
  },
  tail: (ctx) => {
    const { value, rest } = valueFlag(ctx.argv.slice(1), 'n');
    const s = split(rest);
    const v = value ?? s.values.get('n') ?? '10';
    const r = inputs('tail', s.rest, ctx);
    const l = lines(r.text);
    const out = v.startsWith('+') ? l.slice(Number(v.slice(1)) - 1) : l.slice(Math.max(0, l.length - Number(v)));
    return { stdout: unlines(out), stderr: r.err, exitCode: r.err ? 1 : 0 };
  },
  wc: (ctx) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    const r = inputs('wc', rest, ctx);
    const l = (r.text.match(/\n/g) ?? []).length;
    const w = r.text.split(/\s+/).filter(Boolean).length;
    const c = Buffer.byteLength(r.text);
    const pick = flags.size ? [flags.has('l') ? l : null, flags.has('w') ? w : null, flags.has('c') ? c : null].filter((x) => x !== null) : [l, w, c];
    const name = rest.length ? ` ${rest[0]}` : '';
    const out = pick.length === 1 && !rest.length ? `${pick[0]}\n` : `${pick.map((x) => String(x).padStart(rest.length ? 1 : 7)).join(' ')}${name}\n`;
    return { stdout: out, stderr: r.err, exitCode: r.err ? 1 : 0 };
  },
  sort: (ctx) => {
    const { value: key, rest } = valueFlag(ctx.argv.slice(1), 'k');
    const { flags, rest: files } = split(rest);
    const r = inputs('sort', files, ctx);
    const field = (s: string) => (key ? (s.trim().split(/\s+/)[Number(key.split(',')[0]) - 1] ?? '') : s);
    let l = lines(r.text).sort((a, b) => {
      const x = field(a);
      const y = field(b);
      if (flags.has('n')) return parseFloat(x) - parseFloat(y) || (a < b ? -1 : 1);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    if (flags.has('r')) l = l.reverse();
    if (flags.has('u')) l = l.filter((x, i) => i === 0 || x !== l[i - 1]);
    return { stdout: unlines(l), stderr: r.err, exitCode: r.err ? 2 : 0 };
  },
  uniq: (ctx) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    const r = inputs('uniq', rest, ctx);
    const out: string[] = [];
    let prev: string | undefined;
    let n = 0;
    const emit = () => {
      if (prev !== undefined) out.push(flags.has('c') ? `${String(n).padStart(7)} ${prev}` : prev);
    };
    for (const line of lines(r.text)) {
      if (line === prev) n++;
      else {
        emit();
        prev = line;
        n = 1;
      }
    }
    emit();
    return { stdout: unlines(out), stderr: r.err, exitCode: 0 };
  },
  cut: (ctx) => {
    let args = ctx.argv.slice(1);
    const d = valueFlag(args, 'd');
    args = d.rest;
    const f = valueFlag(args, 'f');
    args = f.rest;
    const c = valueFlag(args, 'c');
    const delim = d.value ?? '\t';
    const sel = f.value ?? c.value;
    if (!sel) return fail("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n");
    const pick = (n: number) =>
      sel.split(',').some((part) => {
        const [a, b] = part.includes('-') ? part.split('-') : [part, part];
        return n >= (a ? Number(a) : 1) && n <= (b ? Number(b) : Infinity);
      });
    const r = inputs('cut', c.rest, ctx);
    const out = lines(r.text).map((line) =>
      f.value !== undefined
        ? line.includes(delim)
          ? line.split(delim).filter((_, i) => pick(i + 1)).join(delim)
          : line
        : [...line].filter((_, i) => pick(i + 1)).join(''),
    );
    return { stdout: unlines(out), stderr: r.err, exitCode: r.err ? 1 : 0 };
  },
  tr: (ctx) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    const expand = (s: string) => s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/(.)-(.)/g, (_m, a: string, b: string) => {
      let o = '';
      for (let x = a.charCodeAt(0); x <= b.charCodeAt(0); x++) o += String.fromCharCode(x);
      return o;
    });
    const set1 = expand(rest[0] ?? '');
    const set2 = expand(rest[1] ?? '');
    let out = '';
    for (const ch of ctx.stdin) {
      const i = set1.indexOf(ch);
      if (flags.has('d')) out += i >= 0 ? '' : ch;
      else out += i >= 0 ? (set2[Math.min(i, set2.length - 1)] ?? ch) : ch;
    }
    if (flags.has('s') && set2) out = out.replace(new RegExp(`([${set2.replace(/[\]\\^-]/g, '\\$&')}])\\1+`, 'g'), '$1');
    return ok(out);
  },
  base64: (ctx) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    const r = inputs('base64', rest, ctx);
    if (flags.has('d') || ctx.argv.includes('--decode')) return ok(Buffer.from(r.text, 'base64').toString('utf8'));
    const enc = Buffer.from(r.text, 'utf8').toString('base64');
    return ok(`${(enc.match(/.{1,76}/g) ?? ['']).join('\n')}\n`);
  },
  tee: (ctx) => {
    const { flags, rest } = split(ctx.argv.slice(1));
    for (const f of rest) {
      const prev = flags.has('a') ? ((r) => (r.ok ? r.value : ''))(ctx.fs.readFile(f)) : '';
      ctx.fs.writeFile(f, prev + ctx.stdin);
    }
    return ok(ctx.stdin);
  },
  awk: (ctx) => {
    const args = ctx.argv.slice(1);
    const fs = valueFlag(args, 'F');
    const [program, ...files] = fs.rest;
    if (!program) return fail('usage: awk [-F fs] program [file ...]\n', 2);
    const m = program.match(/^\s*(?:(NR\s*[><=!]=?\s*\d+|\/[^/]*\/|\$\d+\s*==\s*"[^"]*")\s*)?\{\s*print\s*([^}]*)\}\s*$/);
    if (!m) return fail(`awk: this lab's awk supports '{print $N}', '/re/{print ...}' and 'NR>1{print ...}'\n`, 2);
    const r = inputs('awk', files, ctx);
    const out: string[] = [];
    lines(r.text).forEach((line, idx) => {
      const fields = fs.value ? line.split(fs.value) : line.trim().split(/\s+/);
      const cond = m[1];
      if (cond) {
        if (cond.startsWith('/')) {
          if (!new RegExp(cond.slice(1, -1)).test(line)) return;
        } else if (cond.startsWith('NR')) {
          const c = cond.match(/NR\s*([><=!]=?)\s*(\d+)/)!;
          const nr = idx + 1;
          const v = Number(c[2]);
          const pass = c[1] === '>' ? nr > v : c[1] === '<' ? nr < v : c[1] === '>=' ? nr >= v : c[1] === '<=' ? nr <= v : c[1] === '!=' ? nr !== v : nr === v;
          if (!pass) return;
        } else {
          const c = cond.match(/\$(\d+)\s*==\s*"([^"]*)"/)!;
          if ((Number(c[1]) === 0 ? line : fields[Number(c[1]) - 1]) !== c[2]) return;
        }
      }
      const expr = (m[2] ?? '').trim() || '$0';
      const parts = expr.split(/\s*,\s*/).map((e) =>
        e
          .split(/\s+/)
          .map((t) => (t === '$0' ? line : /^\$\d+$/.test(t) ? (fields[Number(t.slice(1)) - 1] ?? '') : t === 'NF' ? String(fields.length) : t === 'NR' ? String(idx + 1) : t === '$NF' ? (fields.at(-1) ?? '') : t.replace(/^"(.*)"$/, '$1')))
          .join(''),
      );
      out.push(parts.join(' '));
    });
    return { stdout: unlines(out), stderr: r.err, exitCode: r.err ? 2 : 0 };
  },
  sed: (ctx, vfs) => {
    const args = ctx.argv.slice(1);
    const inPlace = args.includes('-i');
    const quiet = args.includes('-n');
    const rest = args.filter((a) => a !== '-i' && a !== '-n' && a !== '-e');
    const [script, ...files] = rest;
    if (!script) return fail('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n', 1);
    const s = script.match(/^s(.)(.*?)\1(.*?)\1([gi]*)$/);
    const d = script.match(/^\/(.*)\/d$/);
    const pr = script.match(/^(\d+)p$/);
    const apply = (text: string) => {
      if (s) {
        const re = new RegExp(s[2]!, s[4]!.includes('g') ? (s[4]!.includes('i') ? 'gi' : 'g') : s[4]!.includes('i') ? 'i' : '');
        return unlines(lines(text).map((l) => l.replace(re, s[3]!.replace(/\\(\d)/g, '$$$1').replace(/&/g, '$&'))));
      }
      if (d) return unlines(lines(text).filter((l) => !new RegExp(d[1]!).test(l)));
      if (pr) {
        const l = lines(text);
        const n = Number(pr[1]);
        return quiet ? unlines(l.slice(n - 1, n)) : unlines(l.flatMap((x, i) => (i === n - 1 ? [x, x] : [x])));
      }
      return undefined;
    };
    if (inPlace) {
      for (const f of files) {
        const r = ctx.fs.readFile(f);
        if (!r.ok) return fail(`sed: can't read ${f}: No such file or directory\n`, 2);
        const out = apply(r.value);
        if (out === undefined) return fail(`sed: -e expression #1, char ${script.length}: unknown command\n`, 1);
        ctx.fs.writeFile(f, out);
      }
      void vfs;
      return ok();
    }
    const r = inputs('sed', files, ctx);
    const out = apply(r.text);
    if (out === undefined) return fail(`sed: -e expression #1, char ${script.length}: this lab's sed knows s/a/b/[g], /re/d and Np\n`, 1);
    return { stdout: out, stderr: r.err, exitCode: r.err ? 2 : 0 };
  },
  sleep: (ctx) => {
    const n = Number((ctx.argv[1] ?? '').replace(/s$/, ''));
    if (!Number.isFinite(n) || n < 0) return fail(`sleep: invalid time interval '${ctx.argv[1] ?? ''}'\nTry 'sleep --help' for more information.\n`);
    return { stdout: '', stderr: '', exitCode: 0, effects: [{ type: 'wait', ms: Math.min(n, 60) * 1000 }] };
  },
  vi: (ctx) => editor('vim', ctx),
  vim: (ctx) => editor('vim', ctx),
  nano: (ctx) => editor('nano', ctx),
  which: (ctx) => {
    const known = new Set([...Object.keys(COREUTILS), 'kubectl']);
    const found = ctx.argv.slice(1).filter((a) => known.has(a));
    return { stdout: unlines(found.map((a) => `/usr/bin/${a}`)), stderr: '', exitCode: found.length === ctx.argv.length - 1 ? 0 : 1 };
  },
  env: (ctx) => ok(unlines(Object.keys(ctx.env).sort().map((k) => `${k}=${ctx.env[k]}`))),
};

function editor(kind: 'vim' | 'nano', ctx: CommandContext): CommandResult {
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+'));
  if (!file) return fail(`${kind}: this lab's editor needs a file name: ${kind} FILE\n`);
  const r = ctx.fs.readFile(file);
  if (!r.ok && r.error === 'EISDIR') return fail(`"${file}" is a directory\n`);
  // The exam's usual ~/.vimrc (set expandtab tabstop=2 shiftwidth=2) travels with the file.
  const rc = kind === 'vim' ? ctx.fs.readFile('/root/.vimrc') : undefined;
  return {
    stdout: '',
    stderr: '',
    exitCode: 0,
    effects: [{ type: 'open-editor', editor: kind, path: ctx.fs.resolve(file), content: r.ok ? r.value : '', purpose: 'file', ...(rc?.ok ? { vimrc: rc.value } : {}) }],
  };
}
