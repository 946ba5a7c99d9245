/** `-l` selectors in labels.Parse's grammar: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. */
import type { Requirement } from '../api/index.js';

export function parseSelector(s: string): { ok: true; value: Requirement[] } | { ok: false; message: string } {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  const reqs: Requirement[] = [];
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') {
      if (s.trim() === '') return { ok: true, value: [] };
      return { ok: false, message: `unable to parse requirement: found '', expected: identifier` };
    }
    let m: RegExpMatchArray | null;
    if ((m = p.match(/^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
      reqs.push({ key: m[1]!, operator: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((v) => v.trim()) });
    } else if ((m = p.match(/^([A-Za-z0-9_./-]+)\s*(==|!=|=)\s*([A-Za-z0-9_.-]*)$/))) {
      reqs.push({ key: m[1]!, operator: m[2] as '=' | '==' | '!=', values: [m[3]!] });
    } else if ((m = p.match(/^!\s*([A-Za-z0-9_./-]+)$/))) {
      reqs.push({ key: m[1]!, operator: '!', values: [] });
    } else if ((m = p.match(/^([A-Za-z0-9_./-]+)$/))) {
      reqs.push({ key: m[1]!, operator: 'exists', values: [] });
    } else {
      return { ok: false, message: `unable to parse requirement: <nil>: Invalid value: "${p}": invalid label key or value` };
    }
  }
  return { ok: true, value: reqs };
}
