/**
 * The "everything else unchanged" guard: every connection between the scenario's pods (and to
 * its external hosts) on the destination's declared ports keeps the reachability it had when
 * the step began, except the connections the step names. Without it an allow-all would pass.
 */
import { computeMatrix, decideEndpoints, type Endpoint, type Engine, type PodInfo } from '../netpol/index.js';
import type { ConnectionPattern, EndpointRef } from '../scenarios/index.js';
import { resolveEnd } from './reach.js';
import type { CheckResult, Connection } from './types.js';
import { allowedReason, connText, deniedReason, podName, selectorMatches } from './words.js';

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Reachability at one moment: `from|to|port/protocol` → allowed. */
export interface Reachability {
  entries: ReadonlyMap<string, boolean>;
}

const keyOf = (from: string, to: string, port: number, protocol: string) => `${from}|${to}|${port}/${protocol}`;

function scenarioPods(p: PodInfo): boolean {
  return !p.synthetic && !SYSTEM.has(p.namespace);
}

export function captureReachability(engine: Engine): Reachability {
  const m = computeMatrix(engine, { includePod: scenarioPods });
  const entries = new Map<string, boolean>();
  for (let i = 0; i < m.pods.length; i++) {
    const from = m.pods[i]!.key;
    for (let j = 0; j < m.destinations.length; j++) {
      const d = m.destinations[j]!;
      for (let k = 0; k < d.probes.length; k++) entries.set(keyOf(from, d.name, d.probes[k]!.port, d.probes[k]!.protocol), m.allowed(i, j, k));
    }
  }
  return { entries };
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

export function gradeUnchanged(engine: Engine, baseline: Reachability, exclusions: readonly Exclusion[]): Omit<CheckResult, 'index'> {
  const title = 'every other connection keeps its reachability';
  const now = captureReachability(engine);
  const changed: { from: string; to: string; port: number; protocol: string; was: boolean }[] = [];
  for (const [key, allowed] of now.entries) {
    const was = baseline.entries.get(key);
    if (was === undefined || was === allowed) continue;
    const [from, to, pp] = key.split('|') as [string, string, string];
    const [port, protocol] = pp.split('/') as [string, string];
    if (excluded(engine, exclusions, from, to, Number(port), protocol)) continue;
    changed.push({ from, to, port: Number(port), protocol, was });
  }
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
