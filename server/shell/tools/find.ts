/**
 * find over the virtual filesystem: paths, -name/-iname/-path, -type f|d, -maxdepth/-mindepth,
 * -empty, -mtime (the lab's files are all from today), -newer, -not/!, -a, -o, ( ), -print,
 * -delete, and -exec CMD {} ; or + (run through the shell's own command runner).
 */
import type { Vfs } from '../vfs.js';
import { matchPattern } from '../pattern.js';

type Node =
  | { k: 'test'; f: (path: string, shown: string, depth: number) => boolean }
  | { k: 'exec'; argv: string[]; plus: boolean }
  | { k: 'print' }
  | { k: 'delete' }
  | { k: 'not'; e: Node }
  | { k: 'and'; a: Node; b: Node }
  | { k: 'or'; a: Node; b: Node };

export interface FindHost {
  vfs: Vfs;
  resolve(p: string): string;
  /** Runs a command line; its output goes where find's does. Returns its status. */
  run(argv: string[]): number;
  out(s: string): void;
  err(s: string): void;
}

export function find(args: string[], host: FindHost): number {
  const paths: string[] = [];
  let k = 0;
  while (k < args.length && !args[k]!.startsWith('-') && args[k] !== '!' && args[k] !== '(') paths.push(args[k++]!);
  if (paths.length === 0) paths.push('.');
  let maxDepth = Infinity;
  let minDepth = 0;
  let hasAction = false;
  const pending: { argv: string[]; files: string[] }[] = [];
  let status = 0;
  const toks = args.slice(k);
  let p = 0;
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  const primary = (): Node => {
    const t = toks[p++];
    if (t === undefined) return fail('find: expected an expression');
    const arg = () => {
      const v = toks[p++];
      if (v === undefined) fail(`find: missing argument to \`${t}'`);
      return v!;
    };
    switch (t) {
      case '(': {
        const e = orExpr();
        if (toks[p++] !== ')') fail("find: invalid expression; I was expecting to find a ')' somewhere but did not see one.");
        return e;
      }
      case '!':
      case '-not':
        return { k: 'not', e: primary() };
      case '-name':
      case '-iname': {
        const pat = arg();
        const ci = t === '-iname';
        return { k: 'test', f: (_p, shown) => matchPattern(ci ? pat.toLowerCase() : pat, (ci ? shown.toLowerCase() : shown).replace(/\/+$/, '').split('/').pop() || '/') };
      }
      case '-path':
      case '-wholename': {
        const pat = arg();
        return { k: 'test', f: (_p, shown) => matchPattern(pat, shown) };
      }
      case '-type': {
        const ty = arg();
        if (!/^[fdl]$/.test(ty)) fail(`find: Unknown argument to -type: ${ty}`);
        return { k: 'test', f: (path) => (ty === 'f' ? host.vfs.isFile(path) : ty === 'd' ? host.vfs.isDir(path) : false) };
      }
      case '-maxdepth':
        maxDepth = Number(arg());
        return { k: 'test', f: () => true };
      case '-mindepth':
        minDepth = Number(arg());
        return { k: 'test', f: () => true };
      case '-empty':
        return { k: 'test', f: (path) => (host.vfs.isDir(path) ? host.vfs.list(path).length === 0 : (host.vfs.read(path) ?? '') === '') };
      case '-mtime':
      case '-mmin':
      case '-ctime':
      case '-atime': {
        const v = arg();
        if (!/^[-+]?\d+$/.test(v)) fail(`find: invalid argument \`${v}' to \`${t}'`);
        // Every file of the lab was written today: age 0.
        return { k: 'test', f: () => (v.startsWith('+') ? false : v.startsWith('-') ? Number(v.slice(1)) > 0 : Number(v) === 0) };
      }
      case '-newer':
        arg();
        return { k: 'test', f: () => false };
      case '-size': {
        const v = arg();
        const m = /^([-+]?)(\d+)([ckMG]?)$/.exec(v);
        if (!m) fail(`find: invalid -size type \`${v}'`);
        const unit = { '': 512, c: 1, k: 1024, M: 1048576, G: 1073741824 }[m![3]!]!;
        return { k: 'test', f: (path) => {
          const size = Math.ceil((host.vfs.read(path)?.length ?? 0) / unit);
          const n = Number(m![2]);
          return m![1] === '+' ? size > n : m![1] === '-' ? size < n : size === n;
        } };
      }
      case '-print':
      case '-print0':
        hasAction = true;
        return { k: 'print' };
      case '-delete':
        hasAction = true;
        return { k: 'delete' };
      case '-exec':
      case '-execdir':
      case '-ok': {
        hasAction = true;
        const argv: string[] = [];
        for (;;) {
          const a = toks[p++];
          if (a === undefined) fail(`find: missing argument to \`${t}'`);
          if (a === ';') return { k: 'exec', argv, plus: false };
          if (a === '+' && argv[argv.length - 1] === '{}') return { k: 'exec', argv: argv.slice(0, -1), plus: true };
          argv.push(a!);
        }
      }
      case '-true':
        return { k: 'test', f: () => true };
      case '-false':
        return { k: 'test', f: () => false };
      default:
        return fail(t.startsWith('-') ? `find: unknown predicate \`${t}'` : `find: paths must precede expression: \`${t}'`);
    }
  };
  const andExpr = (): Node => {
    let a = primary();
    while (p < toks.length && toks[p] !== '-o' && toks[p] !== '-or' && toks[p] !== ')') {
      if (toks[p] === '-a' || toks[p] === '-and') p++;
      a = { k: 'and', a, b: primary() };
    }
    return a;
  };
  const orExpr = (): Node => {
    let a = andExpr();
    while (toks[p] === '-o' || toks[p] === '-or') {
      p++;
      a = { k: 'or', a, b: andExpr() };
    }
    return a;
  };
  let expr: Node;
  try {
    expr = toks.length ? orExpr() : { k: 'test', f: () => true };
    if (p < toks.length) fail(`find: paths must precede expression: \`${toks[p]}'`);
  } catch (e) {
    host.err(`${(e as Error).message}\n`);
    return 1;
  }
  const evalNode = (n: Node, path: string, shown: string, depth: number): boolean => {
    switch (n.k) {
      case 'test':
        return n.f(path, shown, depth);
      case 'print':
        host.out(`${shown}\n`);
        return true;
      case 'delete':
        host.vfs.remove(path);
        return true;
      case 'exec': {
        if (n.plus) {
          let entry = pending.find((x) => x.argv === n.argv);
          if (!entry) pending.push((entry = { argv: n.argv, files: [] }));
          entry.files.push(shown);
          return true;
        }
        const s = host.run(n.argv.map((a) => a.split('{}').join(shown)));
        return s === 0;
      }
      case 'not':
        return !evalNode(n.e, path, shown, depth);
      case 'and':
        return evalNode(n.a, path, shown, depth) && evalNode(n.b, path, shown, depth);
      case 'or':
        return evalNode(n.a, path, shown, depth) || evalNode(n.b, path, shown, depth);
    }
  };
  let visited = 0;
  const walk = (path: string, shown: string, depth: number) => {
    if (++visited > 100_000) return;
    if (depth >= minDepth) {
      const r = evalNode(expr, path, shown, depth);
      if (r && !hasAction) host.out(`${shown}\n`);
    }
    if (depth < maxDepth && host.vfs.isDir(path)) {
      for (const name of host.vfs.list(path)) walk(`${path === '/' ? '' : path}/${name}`, `${shown.endsWith('/') ? shown : `${shown}/`}${name}`, depth + 1);
    }
  };
  for (const start of paths) {
    const abs = host.resolve(start);
    if (!host.vfs.exists(abs)) {
      host.err(`find: ‘${start}’: No such file or directory\n`);
      status = 1;
      continue;
    }
    walk(abs, start, 0);
  }
  for (const e of pending) if (host.run([...e.argv, ...e.files]) !== 0) status = 1;
  return status;
}
