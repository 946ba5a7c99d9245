/**
 * decide(src, dst, port, protocol): whether a connection goes through under the NetworkPolicies,
 * as the v1 API defines it: the source's egress (if some policy selects it for Egress) and the
 * destination's ingress (if some policy selects it for Ingress) must both admit it; policies add up;
 * a rule admits when one of its peers matches (empty list: any) and one of its ports does (empty: any).
 *
 * Documented choices where upstream leaves room:
 * - ipBlock matches pod IPs too (the e2e "egress access to server in CIDR block" tests rely on it).
 * - A pod to itself is always allowed (upstream's e2e ignores loopback; Calico and Cilium allow it).
 * - Traffic from a node's own address into a pod is allowed (API docs: "connections from the pod's node").
 * - ICMP has no port: only a rule without `ports` admits it.
 */
import {
  type CompiledPolicy,
  type CompiledRule,
  type ConnProtocol,
  type PeerMatcher,
  type PortMatcher,
  compiledSelectorMatches,
} from './compile.js';
import { type Engine, createEngine, isEngine } from './engine.js';
import { cidrContains, parseIp } from './ip.js';
import type { DirectionResult, Endpoint, PeerMiss, PeerResult, PolicyResult, PortResult, RuleResult, Verdict } from './verdict.js';
import { endpointName } from './verdict.js';
import type { NetpolWorld, PodInfo } from './world.js';

/** An endpoint from `ns/pod`, a pod, or an endpoint; undefined for an unknown pod. */
export function toEndpoint(engine: Engine, x: string | PodInfo | Endpoint): Endpoint | undefined {
  if (typeof x === 'string') {
    const pod = engine.indexed.podByKey.get(x.includes('/') ? x : `default/${x}`);
    return pod ? { kind: 'pod', pod } : undefined;
  }
  if ('kind' in x && (x.kind === 'pod' || x.kind === 'node' || x.kind === 'external')) return x;
  return { kind: 'pod', pod: x as PodInfo };
}

function peerMatches(engine: Engine, peer: PeerMatcher, other: Endpoint): PeerMiss | undefined {
  switch (peer.kind) {
    case 'none':
      return { peer: peer.index, reason: 'empty-peer' };
    case 'pods': {
      if (other.kind !== 'pod') return { peer: peer.index, reason: 'not-a-pod', ip: other.ip };
      const pod = other.pod;
      if (!peer.namespaceSelector) {
        if (pod.namespace !== peer.policyNamespace)
          return { peer: peer.index, reason: 'namespace', policyNamespace: peer.policyNamespace, namespace: pod.namespace };
      } else {
        const nsLabels = engine.indexed.namespaceLabels.get(pod.namespace) ?? {};
        if (!compiledSelectorMatches(peer.namespaceSelector, nsLabels))
          return { peer: peer.index, reason: 'namespace-labels', selector: peer.namespaceSelector.text, namespace: pod.namespace, labels: nsLabels };
      }
      if (peer.podSelector && !compiledSelectorMatches(peer.podSelector, pod.labels))
        return { peer: peer.index, reason: 'pod-labels', selector: peer.podSelector.text, labels: pod.labels };
      return undefined;
    }
    case 'ipBlock': {
      const ipText = other.kind === 'pod' ? other.pod.ip : other.ip;
      const ip = ipText ? parseIp(ipText) : undefined;
      if (!ip || !peer.cidr || !cidrContains(peer.cidr, ip)) return { peer: peer.index, reason: 'cidr', cidr: peer.cidrText, ip: ipText };
      for (const e of peer.except) if (e.cidr && cidrContains(e.cidr, ip)) return { peer: peer.index, reason: 'except', cidr: peer.cidrText, except: e.text, ip: ipText! };
      return undefined;
    }
  }
}

export function describePeer(peer: PeerMatcher): string {
  switch (peer.kind) {
    case 'none':
      return 'an empty peer';
    case 'ipBlock':
      return `ipBlock ${peer.cidrText}${peer.except.length ? ` except ${peer.except.map((e) => e.text).join(', ')}` : ''}`;
    case 'pods': {
      const parts: string[] = [];
      if (peer.namespaceSelector) parts.push(`namespaceSelector ${peer.namespaceSelector.empty ? '{} (all namespaces)' : peer.namespaceSelector.text}`);
      if (peer.podSelector) parts.push(`podSelector ${peer.podSelector.empty ? '{} (all pods)' : peer.podSelector.text}`);
      if (!peer.namespaceSelector) parts.push(`in namespace ${peer.policyNamespace}`);
      return parts.join(' ');
    }
  }
}

export function describePort(p: PortMatcher): string {
  switch (p.kind) {
    case 'number':
      return p.endPort !== undefined ? `${p.port}-${p.endPort}/${p.protocol}` : `${p.port}/${p.protocol}`;
    case 'named':
      return `${p.name}/${p.protocol}`;
    case 'protocol':
      return `any port/${p.protocol}`;
  }
}

/** Whether a port matcher admits (port, protocol) to the destination (named ports resolve on it). */
export function portMatches(p: PortMatcher, port: number, protocol: ConnProtocol, dst: Endpoint): boolean {
  if (protocol === 'ICMP' || p.protocol !== protocol) return false;
  switch (p.kind) {
    case 'protocol':
      return true;
    case 'number':
      return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
    case 'named':
      return dst.kind === 'pod' && dst.pod.ports.some((d) => d.name === p.name && d.port === port && d.protocol === p.protocol);
  }
}

function evalRule(engine: Engine, rule: CompiledRule, other: Endpoint, dst: Endpoint, port: number, protocol: ConnProtocol): RuleResult {
  let peer: PeerResult;
  if (rule.allPeers) peer = { matched: true, via: 'all-peers' };
  else {
    const misses: PeerMiss[] = [];
    let hit: PeerMatcher | undefined;
    for (const p of rule.peers) {
      const miss = peerMatches(engine, p, other);
      if (!miss) {
        hit = p;
        break;
      }
      misses.push(miss);
    }
    peer = hit ? { matched: true, via: 'peer', peer: hit.index, description: describePeer(hit) } : { matched: false, misses };
  }
  let portResult: PortResult;
  if (rule.allPorts) portResult = { matched: true, via: 'all-ports' };
  else {
    const hit = rule.ports.find((p) => portMatches(p, port, protocol, dst));
    portResult = hit
      ? { matched: true, via: 'port', port: hit.index, description: describePort(hit) }
      : { matched: false, allowed: rule.ports.map(describePort), icmp: protocol === 'ICMP' };
  }
  return { index: rule.index, peer, port: portResult, admits: peer.matched && portResult.matched };
}

function selecting(engine: Engine, pod: PodInfo, direction: 'Ingress' | 'Egress'): CompiledPolicy[] {
  const out: CompiledPolicy[] = [];
  for (const p of engine.policiesByNamespace.get(pod.namespace) ?? []) {
    const rules = direction === 'Ingress' ? p.ingress : p.egress;
    if (rules && compiledSelectorMatches(p.podSelector, pod.labels)) out.push(p);
  }
  // Results never depend on input order: policies are reported by name.
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.order - b.order));
}

function evalDirection(
  engine: Engine,
  direction: 'Ingress' | 'Egress',
  subject: Endpoint,
  other: Endpoint,
  dst: Endpoint,
  port: number,
  protocol: ConnProtocol,
): DirectionResult {
  if (subject.kind !== 'pod' || subject.pod.hostNetwork) return { direction, status: 'not-a-pod', allowed: true };
  if (direction === 'Ingress' && (other.kind === 'node' || (other.kind === 'pod' && other.pod.hostNetwork))) return { direction: 'Ingress', status: 'from-node', allowed: true };
  const pod = subject.pod;
  const policies = selecting(engine, pod, direction);
  if (policies.length === 0) return { direction, status: 'not-isolated', subject: pod.key, namespace: pod.namespace, allowed: true };
  const results: PolicyResult[] = policies.map((p) => {
    const rules = ((direction === 'Ingress' ? p.ingress : p.egress) ?? []).map((r) => evalRule(engine, r, other, dst, port, protocol));
    return { namespace: p.namespace, name: p.name, rules, admits: rules.some((r) => r.admits) };
  });
  return { direction, status: 'isolated', subject: pod.key, policies: results, allowed: results.some((r) => r.admits) };
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.kind === 'pod' && b.kind === 'pod') return a.pod.key === b.pod.key;
  return false;
}

/**
 * Decides one connection. `src`/`dst` are `ns/pod` strings, pods, or resolved endpoints
 * (see resolve.ts for Services, DNS names and IPs). An unknown pod name gives undefined.
 */
export function decide(
  engineOrWorld: Engine | NetpolWorld,
  src: string | PodInfo | Endpoint,
  dst: string | PodInfo | Endpoint,
  port: number,
  protocol: ConnProtocol = 'TCP',
): Verdict | undefined {
  const engine = isEngine(engineOrWorld) ? engineOrWorld : createEngine(engineOrWorld);
  const s = toEndpoint(engine, src);
  const d = toEndpoint(engine, dst);
  if (!s || !d) return undefined;
  return decideEndpoints(engine, s, d, port, protocol);
}

export function decideEndpoints(engine: Engine, s: Endpoint, d: Endpoint, port: number, protocol: ConnProtocol): Verdict {
  const base = { from: endpointName(s), to: endpointName(d), port, protocol };
  if (sameEndpoint(s, d)) {
    const loop: DirectionResult = { direction: 'Egress', status: 'not-a-pod', allowed: true };
    return { ...base, allowed: true, loopback: true, egress: loop, ingress: { ...loop, direction: 'Ingress' } };
  }
  const egress = evalDirection(engine, 'Egress', s, d, d, port, protocol);
  const ingress = evalDirection(engine, 'Ingress', d, s, d, port, protocol);
  return { ...base, allowed: egress.allowed && ingress.allowed, loopback: false, egress, ingress };
}
