/**
 * The plain reference evaluator: every pair against every policy, straight from the API text,
 * with no compilation, grouping or indexing. Tests run one case suite against it and the
 * engine; the bench reports the engine's speed-up over it.
 */
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod, Protocol } from './deps.js';
import { selectorMatches } from './deps.js';
import { cidrContains, parseCidr, parseIp } from './ip.js';
import type { NetpolWorld } from './world.js';
import { NAMESPACE_NAME_LABEL } from './world.js';

function nsLabels(world: NetpolWorld, ns: string): Record<string, string> {
  const o = world.namespaces.find((n) => n.metadata.name === ns);
  return { ...(o?.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: ns };
}

function types(p: NetworkPolicy): string[] {
  if (p.spec.policyTypes && p.spec.policyTypes.length) return p.spec.policyTypes;
  return (p.spec.egress ?? []).length ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerOk(world: NetpolWorld, peer: NetworkPolicyPeer, policyNs: string, other: Pod): boolean {
  if (peer.ipBlock) {
    const ip = other.status?.podIP ? parseIp(other.status.podIP) : undefined;
    const c = parseCidr(peer.ipBlock.cidr);
    if (!ip || !c || !cidrContains(c, ip)) return false;
    return !(peer.ipBlock.except ?? []).some((e) => {
      const x = parseCidr(e);
      return x !== undefined && cidrContains(x, ip);
    });
  }
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const ns = other.metadata.namespace ?? 'default';
  if (peer.namespaceSelector) {
    if (!selectorMatches(peer.namespaceSelector, nsLabels(world, ns))) return false;
  } else if (ns !== policyNs) return false;
  return !peer.podSelector || selectorMatches(peer.podSelector, other.metadata.labels ?? {});
}

function portOk(p: NetworkPolicyPort, port: number, protocol: Protocol, dst: Pod): boolean {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string')
    return dst.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === p.port && cp.containerPort === port && (cp.protocol ?? 'TCP') === protocol));
  return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
}

function directionOk(world: NetpolWorld, dir: 'Ingress' | 'Egress', subject: Pod, other: Pod, dst: Pod, port: number, protocol: Protocol): boolean {
  let isolated = false;
  for (const pol of world.policies) {
    const ns = pol.metadata.namespace ?? 'default';
    if (ns !== (subject.metadata.namespace ?? 'default')) continue;
    if (!types(pol).includes(dir)) continue;
    if (!selectorMatches(pol.spec.podSelector ?? {}, subject.metadata.labels ?? {})) continue;
    isolated = true;
    const rules = dir === 'Ingress' ? pol.spec.ingress ?? [] : pol.spec.egress ?? [];
    for (const r of rules) {
      const peers = (dir === 'Ingress' ? (r as { from?: NetworkPolicyPeer[] }).from : (r as { to?: NetworkPolicyPeer[] }).to) ?? [];
      const ports = r.ports ?? [];
      const peerHit = peers.length === 0 || peers.some((p) => peerOk(world, p, ns, other));
      const portHit = ports.length === 0 || ports.some((p) => portOk(p, port, protocol, dst));
      if (peerHit && portHit) return true;
    }
  }
  return !isolated;
}

/** Pod to pod, by `ns/name`. A pod always reaches itself. */
export function referenceAllowed(world: NetpolWorld, from: string, to: string, port: number, protocol: Protocol): boolean {
  const find = (k: string): Pod | undefined => world.pods.find((p) => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}` === k);
  const s = find(from);
  const d = find(to);
  if (!s || !d) return false;
  if (s === d) return true;
  return directionOk(world, 'Egress', s, d, d, port, protocol) && directionOk(world, 'Ingress', d, s, d, port, protocol);
}
