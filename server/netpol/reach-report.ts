/**
 * `ckalab reach` without the CLI: a truth table per port/protocol (rows sources, columns
 * destinations, `.` allowed, `X` denied, as upstream's truthtable.go prints), one explanation,
 * or JSON results.
 */
import type { Protocol } from './deps.js';
import { decide, decideEndpoints } from './decide.js';
import { createEngine } from './engine.js';
import { explain } from './explain.js';
import { parseIp } from './ip.js';
import { type Probe, computeMatrix } from './matrix.js';
import type { Endpoint } from './verdict.js';
import type { NetpolWorld, PodInfo } from './world.js';

export interface ReachOptions {
  probes?: readonly Probe[];
  explain?: { from: string; to: string; probe: Probe };
  json?: boolean;
}

export interface ReachOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** `80`, `80/TCP`, `53/udp`. */
export function parseProbe(text: string): Probe | undefined {
  const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/i.exec(text.trim());
  if (!m) return undefined;
  const port = Number(m[1]);
  if (port < 1 || port > 65535) return undefined;
  return { port, protocol: (m[2]?.toUpperCase() ?? 'TCP') as Protocol };
}

function table(rows: readonly string[], cols: readonly string[], at: (r: number, c: number) => boolean): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const colW = cols.map((c) => Math.max(c.length, 1));
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));
  const lines = [[pad('-', width), ...cols.map((c, i) => pad(c, colW[i]!))].join('  ').trimEnd()];
  rows.forEach((r, i) => lines.push([pad(r, width), ...cols.map((_, j) => pad(at(i, j) ? '.' : 'X', colW[j]!))].join('  ').trimEnd()));
  return lines.join('\n') + '\n';
}

export function reachReport(world: NetpolWorld, options: ReachOptions = {}): ReachOutput {
  const engine = createEngine(world);
  if (options.explain) {
    const { from, to, probe } = options.explain;
    const key = (s: string): string => (s.includes('/') ? s : `default/${s}`);
    const src = engine.indexed.podByKey.get(key(from));
    if (!src) return { stdout: '', stderr: `error: pod "${key(from)}" not found\n`, exitCode: 1 };
    let dst: Endpoint | undefined;
    const pod = engine.indexed.podByKey.get(key(to));
    if (pod) dst = { kind: 'pod', pod };
    else {
      const host = world.externalHosts.find((h) => h.name === to || h.ip === to);
      if (host) dst = { kind: 'external', ip: host.ip, host };
      else if (parseIp(to)) dst = engine.indexed.podByIp.get(to) ? { kind: 'pod', pod: engine.indexed.podByIp.get(to)! } : { kind: 'external', ip: to };
    }
    if (!dst) return { stdout: '', stderr: `error: "${to}" is neither a pod nor an external host\n`, exitCode: 1 };
    const v = decideEndpoints(engine, { kind: 'pod', pod: src }, dst, probe.port, probe.protocol);
    if (options.json) return { stdout: JSON.stringify({ ...summaryOf(v), explanation: explain(v) }, null, 2) + '\n', stderr: '', exitCode: 0 };
    return { stdout: explain(v).join('\n') + '\n', stderr: '', exitCode: 0 };
  }
  // The system namespace (CoreDNS, control plane) stays out of the tables, as the lab's map does.
  const includePod = (p: PodInfo): boolean => !p.synthetic && p.namespace !== 'kube-system';
  const m = computeMatrix(engine, { includePod, ...(options.probes ? { probes: options.probes } : {}) });
  if (options.json) {
    return { stdout: JSON.stringify({ results: m.entries() }, null, 2) + '\n', stderr: '', exitCode: 0 };
  }
  if (m.pods.length === 0) return { stdout: 'No pods.\n', stderr: '', exitCode: 0 };
  // One table per port/protocol, in port order; columns are the destinations probed on it.
  const keys = new Map<string, Probe>();
  for (const d of m.destinations) for (const p of d.probes) keys.set(`${p.port}/${p.protocol}`, p);
  const order = [...keys.values()].sort((a, b) => a.port - b.port || a.protocol.localeCompare(b.protocol));
  if (order.length === 0) return { stdout: 'No ports to probe: no destination declares a container port (use --probe PORT/PROTO).\n', stderr: '', exitCode: 0 };
  const rows = m.pods.map((p) => p.key);
  const parts = order.map((probe) => {
    const cols: { j: number; k: number }[] = [];
    m.destinations.forEach((d, j) => {
      const k = d.probes.findIndex((p) => p.port === probe.port && p.protocol === probe.protocol);
      if (k >= 0) cols.push({ j, k });
    });
    return `${probe.port}/${probe.protocol}\n` + table(rows, cols.map((c) => m.destinations[c.j]!.name), (i, c) => m.allowed(i, cols[c]!.j, cols[c]!.k));
  });
  return { stdout: parts.join('\n'), stderr: '', exitCode: 0 };
}

function summaryOf(v: ReturnType<typeof decide> & object): { from: string; to: string; port: number; protocol: string; allowed: boolean } {
  return { from: v.from, to: v.to, port: v.port, protocol: v.protocol, allowed: v.allowed };
}
