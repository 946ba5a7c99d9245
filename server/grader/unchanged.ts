/**
 * The "everything else unchanged" guard: every connection between the scenario's pods (and to
 * its external hosts) on the destination's declared ports keeps the reachability it had when
 * the step began, except the connections the step names. Without it an allow-all would pass.
 */
import { computeMatrix, decideEndpoints, type Endpoint, type Engine, type PodInfo } from '../netpol/index.js';
import type { EndpointRef } from '../scenarios/index.js';
import { resolveEnd } from './reach.js';
import type { CheckResult, Connection } from './types.js';
import { allowedReason, connText, deniedReason, podName, selectorMatches } from './words.js';

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * Reachability at one moment, compact: the matrix's pods and destinations by name, each
 * destination's probes, and one byte per cell (a 500-pod scenario has ~300k cells).
 */
export interface Reachability {
  pods: readonly string[];
  destinations: readonly { name: string; probes: readonly string[] }[];
  /** Start of each destination's cells within a source's row. */
  offsets: readonly number[];
  rowLength: number;
  cells: Uint8Array;
}

const captured = new WeakMap<Engine, Reachability>();

function scenarioPods(p: PodInfo): boolean {
  return !p.synthetic && !SYSTEM.has(p.namespace);
}

export function captureReachability(engine: Engine): Reachability {
  const hit = captured.get(engine);
  if (hit) return hit;
  const m = computeMatrix(engine, { includePod: scenarioPods });
  const offsets: number[] = [];
  let rowLength = 0;
  const destinations = m.destinations.map((d) => {
    offsets.push(rowLength);
    rowLength += d.probes.length;
    return { name: d.name, probes: d.probes.map((p) => `${p.port}/${p.protocol}`) };
  });
  const cells = new Uint8Array(m.pods.length * rowLength);
  for (let i = 0; i < m.pods.length; i++) {
    for (let j = 0; j < destinations.length; j++) {
      const n = destinations[j]!.probes.length;
      for (let k = 0; k < n; k++) cells[i * rowLength + offsets[j]! + k] = m.allowed(i, j, k) ? 1 : 0;
    }
  }
  const r: Reachability = { pods: m.pods.map((p) => p.key), destinations, offsets, rowLength, cells };
  captured.set(engine, r);
  return r;
}

/** A named connection the guard leaves alone: a resolved reach check, or a pattern. */
export interface Exclusion {
  from?: EndpointRef;
  to?: EndpointRef;
  port?: number;
  protocol?: string;
}

function refMatches(engine: Engine, ref: EndpointRef, name: string, port: number, protocol: string, usePortOfService: boolean): boolean {
  switch (ref.kind) {
    case 'pod':
      return name === `${ref.namespace}/${ref.name}`;
    case 'selector': {
      const pod = engine.indexed.podByKey.get(name);
      return !!pod && pod.namespace === ref.namespace && selectorMatches({ matchLabels: ref.labels }, pod.labels);
    }
    case 'external': {
      const host = engine.indexed.world.externalHosts.find((h) => h.name === ref.host || h.ip === ref.host);
      return name === (host?.name ?? ref.host);
    }
    case 'service': {
      // Any backend, on the target port of any Service port (or the named one).
      const svc = engine.indexed.services.find((s) => s.metadata.namespace === ref.namespace && s.metadata.name === ref.name);
      if (!svc) return false;
      for (const sp of svc.spec?.ports ?? []) {
        const r = resolveEnd(engine, ref, sp.port, (sp.protocol ?? 'TCP') as 'TCP');
        if (r.ok && r.ends.some((e) => e.endpoint.kind === 'pod' && e.endpoint.pod.key === name && (!usePortOfService || (e.port === port && (sp.protocol ?? 'TCP') === protocol)))) return true;
      }
      return false;
    }
  }
}

function excluded(engine: Engine, ex: readonly Exclusion[], from: string, to: string, port: number, protocol: string): boolean {
  return ex.some((e) => {
    if (e.protocol !== undefined && e.protocol !== protocol) return false;
    // A pattern's port is the port as named: a Service's port maps to its backends' target port.
    const portIsService = e.to?.kind === 'service';
    if (e.port !== undefined && !portIsService && e.port !== port) return false;
    if (e.from && !refMatches(engine, e.from, from, port, protocol, false)) return false;
    if (e.to && !refMatches(engine, e.to, to, port, protocol, e.port !== undefined && portIsService)) return false;
    return true;
  });
}

function endpointOf(engine: Engine, name: string): Endpoint | undefined {
  const pod = engine.indexed.podByKey.get(name);
  if (pod) return { kind: 'pod', pod };
  const host = engine.indexed.world.externalHosts.find((h) => h.name === name);
  return host ? { kind: 'external', ip: host.ip, host } : undefined;
}

/** Cells whose value differs, for pods, destinations and probes present at both moments. */
function differences(before: Reachability, now: Reachability): { from: string; to: string; port: number; protocol: string; was: boolean }[] {
  const podIndex = new Map(before.pods.map((k, i) => [k, i]));
  const destIndex = new Map(before.destinations.map((d, j) => [d.name, j]));
  const out: { from: string; to: string; port: number; protocol: string; was: boolean }[] = [];
  // Per destination of `now`: its index and each probe's index in `before` (-1: not there).
  const map = now.destinations.map((d) => {
    const bj = destIndex.get(d.name);
    if (bj === undefined) return undefined;
    const bp = before.destinations[bj]!.probes;
    return { bj, probes: d.probes.map((p) => bp.indexOf(p)) };
  });
  for (let i = 0; i < now.pods.length; i++) {
    const bi = podIndex.get(now.pods[i]!);
    if (bi === undefined) continue;
    for (let j = 0; j < now.destinations.length; j++) {
      const m = map[j];
      if (!m) continue;
      for (let k = 0; k < m.probes.length; k++) {
        const bk = m.probes[k]!;
        if (bk < 0) continue;
        const a = now.cells[i * now.rowLength + now.offsets[j]! + k]!;
        const b = before.cells[bi * before.rowLength + before.offsets[m.bj]! + bk]!;
        if (a === b) continue;
        const [port, protocol] = now.destinations[j]!.probes[k]!.split('/') as [string, string];
        out.push({ from: now.pods[i]!, to: now.destinations[j]!.name, port: Number(port), protocol, was: b === 1 });
      }
    }
  }
  return out;
}

export function gradeUnchanged(engine: Engine, baseline: Reachability, exclusions: readonly Exclusion[]): Omit<CheckResult, 'index'> {
  const title = 'every other connection keeps its reachability';
  const changed = differences(baseline, captureReachability(engine)).filter((c) => !excluded(engine, exclusions, c.from, c.to, c.port, c.protocol));
  if (changed.length === 0) return { kind: 'unchanged', passed: true, title, explanation: 'No other connection changed.', connections: [] };
  const connections: Connection[] = changed.map((c) => ({ from: podName(c.from), to: podName(c.to), port: c.port, protocol: c.protocol, expected: c.was, actual: !c.was }));
  const lines = changed.slice(0, 5).map((c) => {
    const conn = connText(podName(c.from), podName(c.to), c.port, c.protocol);
    const s = endpointOf(engine, c.from);
    const d = endpointOf(engine, c.to);
    const v = s && d ? decideEndpoints(engine, s, d, c.port, c.protocol as 'TCP') : undefined;
    const why = v ? (v.allowed ? allowedReason(engine, v, podName(c.from), podName(c.to)) : deniedReason(engine, v)) : '';
    return `${conn} was ${c.was ? 'allowed' : 'denied'} and is now ${c.was ? 'denied' : 'allowed'}${why ? `: ${why}` : ''}`;
  });
  const more = changed.length > 5 ? `\n(and ${changed.length - 5} more)` : '';
  return {
    kind: 'unchanged',
    passed: false,
    title,
    explanation: `${changed.length} connection${changed.length === 1 ? '' : 's'} the task does not ask about changed:\n${lines.join('.\n')}.${more}`,
    connections,
  };
}
