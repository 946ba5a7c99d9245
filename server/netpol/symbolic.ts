/**
 * Reachability as sets: for a pair of peers, every (protocol, port) the policies allow, as
 * interval sets (port-set.ts), with the policies that decided each direction. Two policy sets are
 * compared on representative peers (representatives.ts) class by class, so "equal" means equal
 * for every pod and address there could be, on every port — not on the ports that were probed.
 * The semantics are decide.ts's (the property tests hold them together).
 */
import type { CompiledPolicy, CompiledRule, CompiledSelector, PeerMatcher } from './compile.js';
import { compiledSelectorMatches } from './compile.js';
import { cidrContains } from './ip.js';
import { FULL_PORTS, NO_PORTS, portSetEquals, portSetIntersect, portSetOf, portSetUnion, type PortSet } from './port-set.js';
import { peerClasses, representativePeers, type PeerClass, type RepPeer, type RepWorld } from './representatives.js';

function matches(sel: CompiledSelector, labels: Readonly<Record<string, string>>): boolean {
  return sel.empty || compiledSelectorMatches(sel, labels);
}

export function repPeerMatches(m: PeerMatcher, other: RepPeer): boolean {
  switch (m.kind) {
    case 'none':
      return false;
    case 'pods':
      if (other.kind !== 'pod') return false;
      if (m.namespaceSelector ? !matches(m.namespaceSelector, other.nsLabels) : other.namespace !== m.policyNamespace) return false;
      return !m.podSelector || matches(m.podSelector, other.labels);
    case 'ipBlock':
      if (!other.ip || !m.cidr || !cidrContains(m.cidr, other.ip)) return false;
      return !m.except.some((e) => e.cidr && cidrContains(e.cidr, other.ip!));
  }
}

/** The ports a rule admits to `dst` (named ports resolve on it). */
export function rulePorts(rule: CompiledRule, dst: RepPeer): PortSet {
  if (rule.allPorts) return FULL_PORTS;
  let set = NO_PORTS;
  for (const p of rule.ports) {
    if (p.kind === 'protocol') set = portSetUnion(set, portSetOf(p.protocol));
    else if (p.kind === 'number') set = portSetUnion(set, portSetOf(p.protocol, p.port, p.endPort ?? p.port));
    else if (dst.kind === 'pod') for (const d of dst.ports) if (d.name === p.name && d.protocol === p.protocol) set = portSetUnion(set, portSetOf(p.protocol, d.port, d.port));
  }
  return set;
}

/** Policies grouped by namespace, compiled once per set. */
export interface PolicySet {
  policies: readonly CompiledPolicy[];
  byNamespace: ReadonlyMap<string, readonly CompiledPolicy[]>;
  /** Per namespace, a text equal for equal policies: pairs whose namespaces agree cannot differ. */
  fingerprint: ReadonlyMap<string, string>;
}

const sets = new WeakMap<readonly CompiledPolicy[], PolicySet>();

/** The set for a list of compiled policies; computed once per list. */
export function policySet(policies: readonly CompiledPolicy[]): PolicySet {
  let hit = sets.get(policies);
  if (!hit) sets.set(policies, (hit = buildPolicySet(policies)));
  return hit;
}

function buildPolicySet(policies: readonly CompiledPolicy[]): PolicySet {
  const byNamespace = new Map<string, CompiledPolicy[]>();
  for (const p of policies) {
    const l = byNamespace.get(p.namespace);
    if (l) l.push(p);
    else byNamespace.set(p.namespace, [p]);
  }
  const fingerprint = new Map<string, string>();
  for (const [ns, list] of byNamespace) {
    fingerprint.set(ns, JSON.stringify([...list].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => [p.name, p.policy.spec ?? {}])));
  }
  return { policies, byNamespace, fingerprint };
}

export interface DirectionPorts {
  /** Not isolated (no policy selects the subject for this direction, or it is no pod). */
  open: boolean;
  ports: PortSet;
  /** Selecting policies and, per policy, what it admits for this pair. */
  policies: readonly { name: string; namespace: string; ports: PortSet }[];
}

const selectingCache = new WeakMap<PolicySet, WeakMap<RepPeer, { Ingress: CompiledPolicy[]; Egress: CompiledPolicy[] }>>();

/** The policies of the set that select the peer for a direction (memoized per set and peer). */
function selecting(set: PolicySet, subject: RepPeer, direction: 'Ingress' | 'Egress'): CompiledPolicy[] {
  if (subject.kind !== 'pod' || subject.hostNetwork) return [];
  let perSet = selectingCache.get(set);
  if (!perSet) selectingCache.set(set, (perSet = new WeakMap()));
  let hit = perSet.get(subject);
  if (!hit) {
    const mine = (set.byNamespace.get(subject.namespace!) ?? []).filter((p) => matches(p.podSelector, subject.labels));
    hit = { Ingress: mine.filter((p) => p.ingress), Egress: mine.filter((p) => p.egress) };
    perSet.set(subject, hit);
  }
  return hit[direction];
}

function direction(set: PolicySet, direction: 'Ingress' | 'Egress', subject: RepPeer, other: RepPeer, dst: RepPeer, withPolicies: boolean): DirectionPorts {
  if (direction === 'Ingress' && other.kind === 'pod' && other.hostNetwork) return { open: true, ports: FULL_PORTS, policies: [] };
  const pols = selecting(set, subject, direction);
  if (pols.length === 0) return { open: true, ports: FULL_PORTS, policies: [] };
  let ports = NO_PORTS;
  const per: { name: string; namespace: string; ports: PortSet }[] = [];
  for (const p of pols) {
    let mine = NO_PORTS;
    for (const rule of (direction === 'Ingress' ? p.ingress : p.egress) ?? []) {
      if (rule.allPeers || rule.peers.some((m) => repPeerMatches(m, other))) mine = portSetUnion(mine, rulePorts(rule, dst));
    }
    ports = portSetUnion(ports, mine);
    if (withPolicies) per.push({ name: p.name, namespace: p.namespace, ports: mine });
  }
  return { open: false, ports, policies: per };
}

export interface PairPorts {
  ports: PortSet;
  egress: DirectionPorts;
  ingress: DirectionPorts;
}

/** What `src` may open to `dst` (two distinct endpoints) under a policy set. */
export function allowedPorts(set: PolicySet, src: RepPeer, dst: RepPeer, withPolicies = false): PairPorts {
  const egress = direction(set, 'Egress', src, dst, dst, withPolicies);
  const ingress = direction(set, 'Ingress', dst, src, dst, withPolicies);
  return { ports: portSetIntersect(egress.ports, ingress.ports), egress, ingress };
}

export interface ReachDifference {
  from: PeerClass;
  to: PeerClass;
  /** Allowed under the first set (e.g. the learner's). */
  a: PairPorts;
  /** Allowed under the second set (e.g. the expected). */
  b: PairPorts;
}

export interface Comparison {
  classes: readonly PeerClass[];
  differences: ReachDifference[];
}

/**
 * Compares two policy sets on this world's representative peers (built from both sets), pair
 * of classes by pair of classes; a class is paired with itself when it has two members.
 */
export function comparePolicySets(w: RepWorld, a: readonly CompiledPolicy[], b: readonly CompiledPolicy[]): Comparison {
  const sa = policySet(a);
  const sb = policySet(b);
  const sameNs = (ns: string | undefined) => ns === undefined || sa.fingerprint.get(ns) === sb.fingerprint.get(ns);
  // Policies only act on their own namespace's pods: where every namespace's policies are the
  // same, nothing can differ (the usual case after a command that touched no policy).
  const namespaces = new Set([...sa.fingerprint.keys(), ...sb.fingerprint.keys()]);
  if ([...namespaces].every(sameNs)) return { classes: [], differences: [] };
  const union = [...a, ...b];
  const classes = peerClasses(representativePeers(w, union), union);
  const differences: ReachDifference[] = [];
  // A direction can differ only where the namespace's policies differ and select the peer.
  const isolated = (c: PeerClass, d: 'Ingress' | 'Egress') => selecting(sa, c.rep, d).length > 0 || selecting(sb, c.rep, d).length > 0;
  const egressMayDiffer = new Map(classes.map((c) => [c, !sameNs(c.rep.namespace) && isolated(c, 'Egress')]));
  const ingressMayDiffer = new Map(classes.map((c) => [c, !sameNs(c.rep.namespace) && isolated(c, 'Ingress')]));
  for (const from of classes) {
    const fromDiffers = egressMayDiffer.get(from)!;
    for (const to of classes) {
      if (from === to && from.members.length < 2) continue;
      if (!fromDiffers && !ingressMayDiffer.get(to)) continue;
      const pa = allowedPorts(sa, from.rep, to.rep);
      const pb = allowedPorts(sb, from.rep, to.rep);
      if (!portSetEquals(pa.ports, pb.ports)) differences.push({ from, to, a: allowedPorts(sa, from.rep, to.rep, true), b: allowedPorts(sb, from.rep, to.rep, true) });
    }
  }
  return { classes, differences };
}
