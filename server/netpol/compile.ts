/**
 * NetworkPolicies compiled once into targets with peer and port matchers (the shape of
 * policy-assistant's matcher package), so that deciding a connection only walks data.
 * Selectors keep apimachinery's semantics (server/api/labels.ts): `NotIn` matches an object
 * that lacks the key. Policies are expected validated and defaulted; where a field is missing
 * the API server's defaults are applied here too (protocol TCP, policyTypes from the rules).
 */
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Protocol, Requirement } from './deps.js';
import { formatLabelSelector, requirementMatches, selectorRequirements } from './deps.js';
import { type Cidr, parseCidr } from './ip.js';

/** A connection's protocol; ICMP (ping) is no NetworkPolicy protocol: only port-less rules admit it. */
export type ConnProtocol = Protocol | 'ICMP';

export interface CompiledSelector {
  requirements: readonly Requirement[];
  /** `{}`: matches everything. */
  empty: boolean;
  /** As kubectl describe prints it (`pod=b`, `<none>` for empty). */
  text: string;
}

export function compileSelector(sel: LabelSelector): CompiledSelector {
  const requirements = selectorRequirements(sel);
  return { requirements, empty: requirements.length === 0, text: formatLabelSelector(sel) };
}

export function compiledSelectorMatches(sel: CompiledSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const r of sel.requirements) if (!requirementMatches(r, labels)) return false;
  return true;
}

export type PeerMatcher =
  | {
      kind: 'pods';
      /** Absent: every pod of the selected namespaces. */
      podSelector?: CompiledSelector;
      /** Absent: only the policy's own namespace. */
      namespaceSelector?: CompiledSelector;
      policyNamespace: string;
      /** Position in the rule's from/to list. */
      index: number;
    }
  | { kind: 'ipBlock'; cidr: Cidr | undefined; cidrText: string; except: readonly { cidr: Cidr | undefined; text: string }[]; index: number }
  /** A peer naming nothing (the API server refuses it): matches nothing. */
  | { kind: 'none'; index: number };

export type PortMatcher =
  | { kind: 'number'; protocol: Protocol; port: number; endPort?: number; index: number }
  | { kind: 'named'; protocol: Protocol; name: string; index: number }
  /** `protocol` only, no port: every port of that protocol. */
  | { kind: 'protocol'; protocol: Protocol; index: number };

export interface CompiledRule {
  direction: 'Ingress' | 'Egress';
  /** Index in spec.ingress / spec.egress. */
  index: number;
  /** Empty `from`/`to`: every peer, pods and IPs alike. */
  allPeers: boolean;
  peers: readonly PeerMatcher[];
  /** Empty `ports`: every port and protocol. */
  allPorts: boolean;
  ports: readonly PortMatcher[];
}

export interface CompiledPolicy {
  namespace: string;
  name: string;
  /** Position in the input list (results never depend on it). */
  order: number;
  podSelector: CompiledSelector;
  /** Rules for ingress, or undefined when the policy does not affect ingress (policyTypes). */
  ingress: readonly CompiledRule[] | undefined;
  egress: readonly CompiledRule[] | undefined;
  policy: NetworkPolicy;
}

function compilePeer(peer: NetworkPolicyPeer, index: number, policyNamespace: string): PeerMatcher {
  if (peer.ipBlock) {
    return {
      kind: 'ipBlock',
      cidr: parseCidr(peer.ipBlock.cidr ?? ''),
      cidrText: peer.ipBlock.cidr ?? '',
      except: (peer.ipBlock.except ?? []).map((text) => ({ cidr: parseCidr(text), text })),
      index,
    };
  }
  if (!peer.podSelector && !peer.namespaceSelector) return { kind: 'none', index };
  return {
    kind: 'pods',
    ...(peer.podSelector ? { podSelector: compileSelector(peer.podSelector) } : {}),
    ...(peer.namespaceSelector ? { namespaceSelector: compileSelector(peer.namespaceSelector) } : {}),
    policyNamespace,
    index,
  };
}

function compilePort(p: NetworkPolicyPort, index: number): PortMatcher {
  const protocol: Protocol = p.protocol ?? 'TCP';
  if (p.port === undefined || p.port === null) return { kind: 'protocol', protocol, index };
  if (typeof p.port === 'string') {
    // An int-or-string holding digits is a number (intstr with Type String is still a name upstream,
    // but YAML `port: "80"` is refused by validation, so a digit string here means the number).
    if (/^\d+$/.test(p.port)) return { kind: 'number', protocol, port: Number(p.port), index };
    return { kind: 'named', protocol, name: p.port, index };
  }
  return { kind: 'number', protocol, port: p.port, ...(p.endPort !== undefined && p.endPort !== null ? { endPort: p.endPort } : {}), index };
}

function compileRules(
  direction: 'Ingress' | 'Egress',
  rules: readonly { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[],
  namespace: string,
): CompiledRule[] {
  return rules.map((r, index) => {
    const peers = (direction === 'Ingress' ? r.from : r.to) ?? [];
    const ports = r.ports ?? [];
    return {
      direction,
      index,
      allPeers: peers.length === 0,
      peers: peers.map((p, i) => compilePeer(p ?? {}, i, namespace)),
      allPorts: ports.length === 0,
      ports: ports.map((p, i) => compilePort(p ?? {}, i)),
    };
  });
}

/** policyTypes as the API server defaults them: Ingress always, Egress when egress rules exist. */
export function effectivePolicyTypes(policy: NetworkPolicy): { ingress: boolean; egress: boolean } {
  const types = policy.spec?.policyTypes;
  if (types && types.length > 0) return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  return { ingress: true, egress: (policy.spec?.egress?.length ?? 0) > 0 };
}

export function compilePolicy(policy: NetworkPolicy, order = 0): CompiledPolicy {
  const namespace = policy.metadata?.namespace ?? 'default';
  const spec = policy.spec ?? { podSelector: {} };
  const types = effectivePolicyTypes(policy);
  return {
    namespace,
    name: policy.metadata?.name ?? '',
    order,
    podSelector: compileSelector(spec.podSelector ?? {}),
    ingress: types.ingress ? compileRules('Ingress', spec.ingress ?? [], namespace) : undefined,
    egress: types.egress ? compileRules('Egress', spec.egress ?? [], namespace) : undefined,
    policy,
  };
}

export function compilePolicies(policies: readonly NetworkPolicy[]): CompiledPolicy[] {
  return policies.map((p, i) => compilePolicy(p, i));
}
