/**
 * GNU diff's normal and unified (-u, -U N) output over an LCS of the lines; -q, -s, -w, -i, -B.
 * Exit status 0 same, 1 different, 2 trouble. Timestamps in -u headers come from the lab clock's
 * epoch (the virtual files carry none), so the header lines are the part a learner should not diff.
 */
import type { CommandContext, CommandResult } from '../command.js';

const MAX_CELLS = 25_000_000;

function lcsOps(a: string[], b: string[], eq: (x: string, y: string) => boolean): ('=' | '-' | '+')[] {
  // Trim common prefix and suffix, then an LCS table on the middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && eq(a[pre]!, b[pre]!)) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && eq(a[a.length - 1 - suf]!, b[b.length - 1 - suf]!)) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const ops: ('=' | '-' | '+')[] = Array(pre).fill('=');
  if (A.length * B.length > MAX_CELLS) {
    ops.push(...Array(A.length).fill('-'), ...Array(B.length).fill('+'));
  } else {
    const n = A.length;
    const m = B.length;
    const t = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i * (m + 1) + j] = eq(A[i]!, B[j]!) ? t[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(t[(i + 1) * (m + 1) + j]!, t[i * (m + 1) + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && eq(A[i]!, B[j]!)) {
        ops.push('=');
        i++;
        j++;
      } else if (j < m && (i >= n || t[i * (m + 1) + j + 1]! >= t[(i + 1) * (m + 1) + j]!)) {
        // GNU lists deletions before insertions within a change.
        if (i < n && t[(i + 1) * (m + 1) + j]! === t[i * (m + 1) + j + 1]!) {
          ops.push('-');
          i++;
        } else {
          ops.push('+');
          j++;
        }
      } else {
        ops.push('-');
        i++;
      }
    }
  }
  ops.push(...Array(suf).fill('='));
  return ops;
}

interface Hunk {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
}

function hunks(ops: ('=' | '-' | '+')[]): Hunk[] {
  const out: Hunk[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === '=') {
      i++;
      j++;
      k++;
      continue;
    }
    const h: Hunk = { a0: i, a1: i, b0: j, b1: j };
    while (k < ops.length && ops[k] !== '=') {
      if (ops[k] === '-') h.a1 = ++i;
      else h.b1 = ++j;
      k++;
    }
    out.push(h);
  }
  return out;
}

const range = (from: number, to: number) => (to - from <= 1 ? `${to - from === 1 ? from + 1 : from}` : `${from + 1},${to}`);

export function diff(ctx: CommandContext): CommandResult {
  const args = ctx.argv.slice(1);
  let unified: number | undefined;
  let brief = false;
  let same = false;
  let ignoreCase = false;
  let ignoreWs = false;
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '-u' || a === '--unified') unified = 3;
    else if (a === '-U') unified = Number(args[++k]);
    else if (/^-U\d+$/.test(a)) unified = Number(a.slice(2));
    else if (a === '-q' || a === '--brief') brief = true;
    else if (a === '-s' || a === '--report-identical-files') same = true;
    else if (a === '-i') ignoreCase = true;
    else if (a === '-w' || a === '-b') ignoreWs = true;
    else if (a === '-N' || a === '-a' || a === '--color=never' || a === '-B') continue;
    else if (a.startsWith('-') && a !== '-') return { stdout: '', stderr: `diff: invalid option -- '${a.slice(1, 2)}'\ndiff: Try 'diff --help' for more information.\n`, exitCode: 2 };
    else files.push(a);
  }
  if (files.length < 2) return { stdout: '', stderr: `diff: missing operand after '${files[0] ?? 'diff'}'\ndiff: Try 'diff --help' for more information.\n`, exitCode: 2 };
  if (files.length > 2) return { stdout: '', stderr: `diff: extra operand '${files[2]}'\ndiff: Try 'diff --help' for more information.\n`, exitCode: 2 };
  const read = (f: string) => (f === '-' ? { ok: true as const, value: ctx.stdin } : ctx.fs.readFile(f));
  const ra = read(files[0]!);
  const rb = read(files[1]!);
  let err = '';
  if (!ra.ok) err += `diff: ${files[0]}: ${ra.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`;
  if (!rb.ok) err += `diff: ${files[1]}: ${rb.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}\n`;
  if (!ra.ok || !rb.ok) return { stdout: '', stderr: err, exitCode: 2 };
  const split = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  const a = split(ra.value);
  const b = split(rb.value);
  const norm = (s: string) => {
    let x = ignoreCase ? s.toLowerCase() : s;
    if (ignoreWs) x = x.replace(/\s+/g, ' ').trim();
    return x;
  };
  const ops = lcsOps(a, b, (x, y) => norm(x) === norm(y));
  const hs = hunks(ops);
  if (hs.length === 0) return { stdout: same ? `Files ${files[0]} and ${files[1]} are identical\n` : '', stderr: '', exitCode: 0 };
  if (brief) return { stdout: `Files ${files[0]} and ${files[1]} differ\n`, stderr: '', exitCode: 1 };
  const noNl = (t: string, last: boolean) => (last && t !== '' && !t.endsWith('\n') ? '\n\\ No newline at end of file\n' : '\n');
  let out = '';
  if (unified === undefined) {
    for (const h of hs) {
      const kind = h.a0 === h.a1 ? 'a' : h.b0 === h.b1 ? 'd' : 'c';
      const left = kind === 'a' ? `${h.a0}` : range(h.a0, h.a1);
      const right = kind === 'd' ? `${h.b0}` : range(h.b0, h.b1);
      out += `${left}${kind}${right}\n`;
      for (let i = h.a0; i < h.a1; i++) out += `< ${a[i]}${noNl(ra.value, i === a.length - 1)}`;
      if (kind === 'c') out += '---\n';
      for (let j = h.b0; j < h.b1; j++) out += `> ${b[j]}${noNl(rb.value, j === b.length - 1)}`;
    }
    return { stdout: out, stderr: '', exitCode: 1 };
  }
  const ctxN = unified;
  const stamp = '1970-01-01 00:00:00.000000000 +0000';
  out += `--- ${files[0]}\t${stamp}\n+++ ${files[1]}\t${stamp}\n`;
  // Group hunks whose context overlaps.
  const groups: Hunk[][] = [];
  for (const h of hs) {
    const g = groups[groups.length - 1];
    if (g && h.a0 - g[g.length - 1]!.a1 <= 2 * ctxN) g.push(h);
    else groups.push([h]);
  }
  for (const g of groups) {
    const first = g[0]!;
    const last = g[g.length - 1]!;
    const a0 = Math.max(0, first.a0 - ctxN);
    const b0 = Math.max(0, first.b0 - ctxN);
    const a1 = Math.min(a.length, last.a1 + ctxN);
    const b1 = Math.min(b.length, last.b1 + ctxN);
    const ur = (from: number, to: number) => (to - from === 1 ? `${from + 1}` : `${to - from === 0 ? from : from + 1},${to - from}`);
    out += `@@ -${ur(a0, a1)} +${ur(b0, b1)} @@\n`;
    let i = a0;
    let j = b0;
    for (const h of g) {
      while (i < h.a0) {
        out += ` ${a[i]}\n`;
        i++;
        j++;
      }
      for (; i < h.a1; i++) out += `-${a[i]}${noNl(ra.value, i === a.length - 1)}`;
      for (; j < h.b1; j++) out += `+${b[j]}${noNl(rb.value, j === b.length - 1)}`;
    }
    while (i < a1) {
      out += ` ${a[i]}\n`;
      i++;
    }
  }
  return { stdout: out, stderr: '', exitCode: 1 };
}
