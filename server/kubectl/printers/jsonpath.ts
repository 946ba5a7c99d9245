/**
 * The part of kubectl's JSONPath people use: `{.a.b}`, `[n]`, `[*]`, `['key']`, `..name`,
 * filters `[?(@.x=="y")]`, `{range ...}{...}{end}` and literal text. Several results are
 * joined by spaces; maps and lists print as json.Marshal prints them (keys sorted), as
 * client-go's jsonpath printResults does; `jsonpath-as-json` prints each action's results as
 * one indented JSON array. `evalJsonPath` gives the raw values, for custom-columns.
 */
import { goJson } from './go-format.js';

type R = { ok: true; value: string } | { ok: false; message: string };

type Node = { kind: 'text'; text: string } | { kind: 'expr'; path: string } | { kind: 'range'; path: string; body: Node[] };

function tokenize(template: string): Node[] | string {
  const nodes: Node[] = [];
  const stack: Node[][] = [nodes];
  const ranges: { path: string; body: Node[] }[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack.at(-1)!.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) stack.at(-1)!.push({ kind: 'text', text: template.slice(i, open) });
    let depth = 0;
    let j = open;
    let quote: string | null = null;
    for (; j < template.length; j++) {
      const c = template[j]!;
      if (quote) {
        if (c === quote) quote = null;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (j >= template.length) return 'unclosed action';
    const inner = template.slice(open + 1, j).trim();
    i = j + 1;
    if (inner.startsWith('range ')) {
      const r = { path: inner.slice(6).trim(), body: [] as Node[] };
      ranges.push(r);
      stack.push(r.body);
    } else if (inner === 'end') {
      const r = ranges.pop();
      if (!r) return 'not in range, nothing to end';
      stack.pop();
      stack.at(-1)!.push({ kind: 'range', path: r.path, body: r.body });
    } else if (/^".*"$/s.test(inner) || /^'.*'$/s.test(inner)) {
      stack.at(-1)!.push({ kind: 'text', text: inner.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t') });
    } else stack.at(-1)!.push({ kind: 'expr', path: inner });
  }
  if (ranges.length) return 'unclosed range';
  return nodes;
}

function evalPath(path: string, root: unknown, cur: unknown): unknown[] | string {
  let p = path.trim();
  let values: unknown[];
  if (p.startsWith('$')) {
    values = [root];
    p = p.slice(1);
  } else if (p.startsWith('@')) {
    values = [cur];
    p = p.slice(1);
  } else values = [cur];
  // A field name may escape its dots (`.kubectl\.kubernetes\.io/last-applied-configuration`).
  const re = /^(\.\.([A-Za-z0-9_-]+)|\.((?:[A-Za-z0-9_\-/]|\\\.)+)|\[(\*|-?\d+|'[^']*'|"[^"]*"|\?\((.*?)\))\]|\.)/;
  while (p.length) {
    const m = p.match(re);
    if (!m) return `unrecognized identifier ${p}`;
    p = p.slice(m[0].length);
    if (m[2]) {
      const acc: unknown[] = [];
      const walk = (v: unknown) => {
        if (v && typeof v === 'object') {
          if (!Array.isArray(v) && m[2]! in (v as object)) acc.push((v as Record<string, unknown>)[m[2]!]);
          for (const x of Object.values(v as object)) walk(x);
        }
      };
      values.forEach(walk);
      values = acc;
    } else if (m[3]) {
      const key = m[3].replace(/\\\./g, '.');
      values = values.flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && key in (v as object) ? [(v as Record<string, unknown>)[key]] : []));
    } else if (m[4] !== undefined) {
      const sel = m[4];
      if (sel === '*') values = values.flatMap((v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []));
      else if (/^-?\d+$/.test(sel)) {
        const n = Number(sel);
        values = values.flatMap((v) => (Array.isArray(v) ? (n < 0 ? v.slice(n, n + 1 || undefined) : v.slice(n, n + 1)) : []));
      } else if (m[5] !== undefined) {
        const f = m[5].match(/^@(\.[A-Za-z0-9_.\-]+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?\d+))$/);
        const ex = m[5].match(/^@(\.[A-Za-z0-9_.\-]+)$/);
        values = values.flatMap((v) =>
          (Array.isArray(v) ? v : []).filter((item) => {
            if (ex) {
              const r = evalPath(`@${ex[1]}`, root, item);
              return Array.isArray(r) && r.length > 0;
            }
            if (!f) return false;
            const r = evalPath(`@${f[1]}`, root, item);
            const want = f[3] ?? f[4] ?? Number(f[5]);
            const got = Array.isArray(r) ? r[0] : undefined;
            return f[2] === '==' ? got === want || String(got) === String(want) : String(got) !== String(want);
          }),
        );
      } else {
        const key = sel.slice(1, -1);
        values = values.flatMap((v) => (v && typeof v === 'object' && key in (v as object) ? [(v as Record<string, unknown>)[key]] : []));
      }
    }
  }
  return values;
}

const show = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null ? goJson(v) : String(v));

/** The values one path (`.spec.ports[*].port`) finds, as custom-columns' FindResults gives them. */
export function evalJsonPath(path: string, data: unknown): { ok: true; value: unknown[] } | { ok: false; message: string } {
  const v = evalPath(path, data, data);
  return typeof v === 'string' ? { ok: false, message: v } : { ok: true, value: v };
}

export function renderJsonPath(template: string, data: unknown, opts: { json?: boolean } = {}): R {
  const t = template.replace(/^'(.*)'$/s, '$1');
  const nodes = tokenize(t.includes('{') ? t : `{${t}}`);
  if (typeof nodes === 'string') return { ok: false, message: `error parsing jsonpath ${template}, ${nodes}` };
  const run = (list: Node[], cur: unknown): string | { error: string } => {
    let s = '';
    for (const n of list) {
      if (n.kind === 'text') s += n.text;
      else if (n.kind === 'expr') {
        const v = evalPath(n.path, data, cur);
        if (typeof v === 'string') return { error: `error parsing jsonpath ${template}, ${v}` };
        s += opts.json ? `${goJson(v, '    ')}\n` : v.map(show).join(' ');
      } else {
        const v = evalPath(n.path, data, cur);
        if (typeof v === 'string') return { error: `error parsing jsonpath ${template}, ${v}` };
        for (const item of v) {
          const r = run(n.body, item);
          if (typeof r !== 'string') return r;
          s += r;
        }
      }
    }
    return s;
  };
  const r = run(nodes, data);
  return typeof r === 'string' ? { ok: true, value: r } : { ok: false, message: r.error };
}
