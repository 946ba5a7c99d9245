/**
 * The learner's NetworkPolicies against other ones — those the step began with (the
 * "unchanged" guard) or the expected ones (the "intent" check) — compared symbolically on
 * representative peers and every port (netpol/symbolic.ts). Each differing connection is
 * said in plain words, with the policies that decide it now and what was expected.
 */
import type { NetworkPolicy } from '../api/index.js';
import {
  compilePolicies,
  comparePolicySets,
  formatPortSet,
  FULL_PORTS,
  NO_PORTS,
  portSetEmpty,
  portSetEquals,
  portSetHas,
  portSetMinus,
  portSetOf,
  portSetUnion,
  repPeerText,
  type CompiledPolicy,
  type Engine,
  type PairPorts,
  type PeerClass,
  type PortProtocol,
  type PortSet,
  type ReachDifference,
} from '../netpol/index.js';
import type { EndpointRef } from '../scenarios/index.js';
import { resolveEnd } from './reach.js';
import type { Connection } from './types.js';
import { podName, selectorMatches } from './words.js';

/** A connection a check leaves alone: every field given must match. */
export interface Exclusion {
  from?: EndpointRef;
  to?: EndpointRef;
  port?: number;
  protocol?: string;
}

const compiled = new WeakMap<readonly NetworkPolicy[], CompiledPolicy[]>();
export function compiledOnce(list: readonly NetworkPolicy[]): CompiledPolicy[] {
  let c = compiled.get(list);
  if (!c) compiled.set(list, (c = compilePolicies(list)));
  return c;
}

function classMatches(engine: Engine, ref: EndpointRef, c: PeerClass): boolean {
  return c.members.some((m) => {
    switch (ref.kind) {
      case 'pod':
        return m.existing === `${ref.namespace}/${ref.name}`;
      case 'selector':
        return m.kind === 'pod' && m.namespace === ref.namespace && selectorMatches({ matchLabels: ref.labels }, m.labels);
      case 'external': {
        const host = engine.indexed.world.externalHosts.find((h) => h.name === ref.host || h.ip === ref.host);
        return m.kind === 'external' && (m.existing === (host?.name ?? ref.host) || m.ipText === (host?.ip ?? ref.host));
      }
      case 'service': {
        const svc = engine.indexed.services.find((s) => s.metadata.namespace === ref.namespace && s.metadata.name === ref.name);
        if (!svc) return false;
        return (svc.spec?.ports ?? []).some((sp) => {
          const r = resolveEnd(engine, ref, sp.port, (sp.protocol ?? 'TCP') as 'TCP');
          return r.ok && r.ends.some((e) => e.endpoint.kind === 'pod' && e.endpoint.pod.key === m.existing);
        });
      }
    }
  });
}

/** The ports an exclusion leaves alone between two classes (none when it does not apply). */
function excludedPorts(engine: Engine, e: Exclusion, from: PeerClass, to: PeerClass): PortSet {
  if (e.from && !classMatches(engine, e.from, from)) return NO_PORTS;
  if (e.to && !classMatches(engine, e.to, to)) return NO_PORTS;
  const protocol = e.protocol as PortProtocol | undefined;
  if (e.port === undefined) return protocol ? portSetOf(protocol) : FULL_PORTS;
  // A Service's port is named as the Service exposes it: its backends see the target port.
  if (e.to?.kind === 'service') {
    let set = NO_PORTS;
    for (const p of protocol ? [protocol] : (['TCP', 'UDP', 'SCTP'] as const)) {
      const r = resolveEnd(engine, e.to, e.port, p);
      if (r.ok) for (const end of r.ends) if (end.endpoint.kind === 'pod' && to.members.some((m) => m.existing === (end.endpoint as { pod: { key: string } }).pod.key)) set = portSetUnion(set, portSetOf(p, end.port, end.port));
    }
    return set;
  }
  return portSetOf(protocol, e.port, e.port);
}

const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

export interface PolicyDiff {
  from: PeerClass;
  to: PeerClass;
  /** Allowed now and not expected / denied now and expected. */
  opened: PortSet;
  closed: PortSet;
  now: PairPorts;
  expected: PairPorts;
}

/** Compares the live policies with `expected` on the live world; exclusions taken out. */
export function diffPolicies(engine: Engine, expected: readonly NetworkPolicy[], exclusions: readonly Exclusion[]): PolicyDiff[] {
  const cmp = comparePolicySets(engine.indexed, engine.policies, compiledOnce(expected));
  const out: PolicyDiff[] = [];
  for (const d of cmp.differences) {
    let opened = portSetMinus(d.a.ports, d.b.ports);
    let closed = portSetMinus(d.b.ports, d.a.ports);
    for (const e of exclusions) {
      const x = excludedPorts(engine, e, d.from, d.to);
      if (portSetEmpty(x)) continue;
      opened = portSetMinus(opened, x);
      closed = portSetMinus(closed, x);
    }
    if (portSetEmpty(opened) && portSetEmpty(closed)) continue;
    out.push({ from: d.from, to: d.to, opened, closed, now: d.a, expected: d.b });
  }
  // Pods that exist first, then imagined ones; outside addresses last.
  const rank = (c: PeerClass) => (c.rep.existing ? (c.rep.kind === 'pod' ? 0 : 1) : c.rep.kind === 'pod' ? 2 : 3);
  return out.sort((x, y) => rank(x.from) + rank(x.to) - (rank(y.from) + rank(y.to)));
}

function peerText(c: PeerClass): string {
  return repPeerText(c.rep, podName);
}

/** The two ends; a class paired with itself is "a pod like it" on the far side. */
function endsText(d: PolicyDiff): [string, string] {
  const from = peerText(d.from);
  if (d.from !== d.to) return [from, peerText(d.to)];
  const other = d.to.members.find((m) => m !== d.to.rep);
  return [from, other && !other.existing ? repPeerText(other, podName) : `another pod like ${from}`];
}

/** `a → b:8080/TCP` for one port, `a → b on 1-79/TCP, 81-65535/TCP` for more. */
export function pairText(from: string, to: string, ports: PortSet): string {
  const text = formatPortSet(ports);
  return /^\d+\/[A-Z]+$/.test(text) && !to.includes(' ') ? `${from} → ${to}:${text}` : `${from} → ${to} on ${text}`;
}

function names(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** Which policies let the connection through on these ports, or that nothing restricts it. */
function whyAllowed(p: PairPorts, from: string, to: string): string {
  const parts: string[] = [];
  const dir = (d: PairPorts['egress'], word: string, who: string) => {
    if (d.open) return;
    const by = d.policies.filter((x) => !portSetEmpty(x.ports)).map((x) => x.name);
    parts.push(`${names(by)} let${by.length === 1 ? 's' : ''} ${who} ${word} it`);
  };
  dir(p.egress, 'send', from);
  dir(p.ingress, 'receive', to);
  return parts.length ? parts.join(' and ') : `no NetworkPolicy selects ${from} for egress or ${to} for ingress`;
}

function whyDenied(p: PairPorts, ports: PortSet, from: string, to: string): string {
  const parts: string[] = [];
  const dir = (d: PairPorts['egress'], word: string, who: string) => {
    if (d.open || portSetEquals(portSetMinus(ports, d.ports), NO_PORTS)) return;
    parts.push(`${who} is isolated for ${word} by ${names(d.policies.map((x) => x.name))}${portSetEmpty(d.ports) ? `, which allow${d.policies.length === 1 ? 's' : ''} none of it` : `, which allow${d.policies.length === 1 ? 's' : ''} only ${formatPortSet(d.ports)} here`}`);
  };
  dir(p.egress, 'egress', from);
  dir(p.ingress, 'ingress', to);
  return parts.join(' and ');
}

/** Lines for the "intent" check: what is allowed or denied that the expected policies do not. */
export function intentLines(diffs: readonly PolicyDiff[], expectedWho: string): string[] {
  return diffs.flatMap((d) => {
    const [from, to] = endsText(d);
    const want = portSetEmpty(d.expected.ports) ? `${expectedWho} denies ${from} → ${to}` : `${expectedWho} allows ${from} → ${to} only on ${formatPortSet(d.expected.ports)}`;
    const lines: string[] = [];
    if (!portSetEmpty(d.opened)) lines.push(`${pairText(from, to, d.opened)} is allowed (${whyAllowed(d.now, from, to)}), but ${want}`);
    if (!portSetEmpty(d.closed)) lines.push(`${pairText(from, to, d.closed)} is denied (${whyDenied(d.now, d.closed, from, to) || 'no rule admits it'}), but ${expectedWho} allows it`);
    return lines;
  });
}

/** Lines for the "unchanged" guard: what changed since the step began. */
export function changeLines(diffs: readonly PolicyDiff[]): string[] {
  return diffs.flatMap((d) => {
    const [from, to] = endsText(d);
    const lines: string[] = [];
    if (!portSetEmpty(d.opened)) lines.push(`${pairText(from, to, d.opened)} was denied and is now allowed: ${whyAllowed(d.now, from, to)}`);
    if (!portSetEmpty(d.closed)) lines.push(`${pairText(from, to, d.closed)} was allowed and is now denied: ${whyDenied(d.now, d.closed, from, to) || 'no rule admits it'}`);
    return lines;
  });
}

/** The map's red marks: per differing pair of existing pods, each declared port of the destination that differs (the map draws those). */
export function diffConnections(diffs: readonly PolicyDiff[]): Connection[] {
  const out: Connection[] = [];
  for (const d of diffs) {
    if (!d.from.rep.existing || !d.to.rep.existing || d.from === d.to) continue;
    if (SYSTEM.has(d.from.rep.namespace ?? '') || SYSTEM.has(d.to.rep.namespace ?? '')) continue;
    const from = podName(d.from.rep.existing);
    const to = podName(d.to.rep.existing);
    for (const [set, actual] of [[d.opened, true], [d.closed, false]] as const) {
      if (portSetEmpty(set)) continue;
      for (const p of d.to.rep.ports) if (portSetHas(set, p.port, p.protocol)) out.push({ from, to, port: p.port, protocol: p.protocol, expected: !actual, actual });
    }
  }
  return out;
}

export function linesText(lines: readonly string[], max = 5): string {
  const shown = lines.slice(0, max);
  return `${shown.join('.\n')}.${lines.length > max ? `\n(and ${lines.length - max} more)` : ''}`;
}

export type { ReachDifference };
