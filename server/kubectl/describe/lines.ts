/**
 * describe.go's shared line printers that PrefixWriter does not have: printAnnotationsMultiline,
 * printPodTolerationsMultiline, printNodeTaintsMultiline, and times as RFC1123Z.
 */
import type { PrefixWriter } from './writer.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** time.RFC1123Z in UTC (the lab's time zone): `Tue, 04 Feb 2025 05:40:00 +0000`. */
export function rfc1123z(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** A metav1.Time field: Go prints the zero time for an unset one. */
export function timeField(ts: string | undefined): string {
  return ts ? rfc1123z(Date.parse(ts)) : 'Mon, 01 Jan 0001 00:00:00 +0000';
}

/** stringOrNone. */
export const orNone = (s: string | undefined): string => (s ? s : '<none>');

const shorten = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}...` : s);

/** printAnnotationsMultiline: `key: value`, long or multi-line values on their own indented lines. */
export function annotations(w: PrefixWriter, title: string, m: Record<string, string> | undefined): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(m ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  keys.forEach((key, i) => {
    if (i > 0) w.write(0, '\t');
    const value = m![key]!.replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(0, `\t  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else w.write(0, `${key}: ${value}\n`);
  });
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** printTolerationsMultilineWithIndent: sorted by key; `key=value:Effect op=Exists for Ns`. */
export function tolerations(w: PrefixWriter, title: string, list: Toleration[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!list || list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const sorted = [...list].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    // operator Exists without a value tolerates everything with that key (or everything at all).
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** printTaintsMultilineWithIndent: sorted by effect then key; Taint.ToString is `key=value:Effect`. */
export function taints(w: PrefixWriter, title: string, list: Taint[] | undefined): void {
  w.write(0, `${title}:\t`);
  if (!list || list.length === 0) {
    w.write(0, '<none>\n');
    return;
  }
  const cmpKey = (t: Taint) => `${t.effect},${t.key}`;
  const sorted = [...list].sort((a, b) => (cmpKey(a) < cmpKey(b) ? -1 : cmpKey(a) > cmpKey(b) ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i > 0) w.write(0, '\t');
    const shown = t.effect ? `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}` : t.value ? `${t.key}=${t.value}:` : t.key;
    w.write(0, `${shown}\n`);
  });
}
