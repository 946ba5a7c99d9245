/**
 * A host's journal: systemd's and the kubelet's lines, kept as data and printed as journalctl
 * prints them (`Nov 30 03:38:39 node01 kubelet[2345]: E1130 03:38:39.123456    2345 run.go:72] ...`,
 * klog's header from k8s.io/klog/v2 `formatHeader`: severity, MMDD hh:mm:ss.uuuuuu, %7d thread id, file:line).
 */
export interface JournalEntry {
  /** ms since the epoch */
  t: number;
  unit: string;
  /** `systemd`, `kubelet`, `containerd` */
  ident: string;
  pid: number;
  text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export function syslogTime(t: number): string {
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** klog's header: `E1130 03:38:39.123456    2345 run.go:72] `. */
export function klog(severity: 'I' | 'W' | 'E', t: number, pid: number, where: string, msg: string): string {
  const d = new Date(t);
  const us = String((t % 1000) * 1000 + 123).padStart(6, '0');
  return `${severity}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${us} ${String(pid).padStart(7)} ${where}] ${msg}`;
}

export function formatEntry(host: string, e: JournalEntry): string {
  return `${syslogTime(e.t)} ${host} ${e.ident}[${e.pid}]: ${e.text}`;
}

/** `journalctl` for one host: `-u UNIT`, `-n N`, `-f` (prints what there is; the lab has no live stream), `--no-pager`. */
export function journalctl(host: string, entries: readonly JournalEntry[], argv: readonly string[], now: number): { stdout: string; stderr: string; exitCode: number } {
  let unit: string | undefined;
  let lines: number | undefined;
  let follow = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-u' || a === '--unit') unit = argv[++i];
    else if (a.startsWith('--unit=')) unit = a.slice(7);
    else if (a.startsWith('-u') && a.length > 2) unit = a.slice(2);
    else if (a === '-n' || a === '--lines') lines = Number(argv[++i]);
    else if (a.startsWith('--lines=')) lines = Number(a.slice(8));
    else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
    else if (a === '-f' || a === '--follow') follow = true;
    else if (a === '--no-pager' || a === '-l' || a === '--full' || a === '-e' || a === '-x' || a === '--pager-end' || a === '-xe' || a === '-xeu') {
      if (a === '-xeu') unit = argv[++i];
    } else if (a === '-fu') {
      follow = true;
      unit = argv[++i];
    } else return { stdout: '', stderr: `journalctl: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\n`, exitCode: 1 };
  }
  if (lines !== undefined && (!Number.isInteger(lines) || lines < 0)) return { stdout: '', stderr: `Failed to parse lines '${argv[argv.indexOf('-n') + 1] ?? ''}'\n`, exitCode: 1 };
  if (unit && !unit.includes('.')) unit = `${unit}.service`;
  let picked = entries.filter((e) => e.t <= now && (!unit || e.unit === unit));
  if (follow && lines === undefined) lines = 10;
  if (lines !== undefined) picked = picked.slice(Math.max(0, picked.length - lines));
  if (picked.length === 0) return { stdout: '-- No entries --\n', stderr: '', exitCode: 0 };
  return { stdout: picked.map((e) => `${formatEntry(host, e)}\n`).join(''), stderr: '', exitCode: 0 };
}
