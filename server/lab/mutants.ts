/**
 * Mutants of a task's solution, for `scenario check` to warn of weak checks: each policy the
 * solution creates or changes, made wrong in one of the ways learners get it wrong (no ports, a
 * peer dropped, a selector widened to {}, 0.0.0.0/0 added, policyTypes swapped, endPort widened,
 * except dropped). A mutant the step's checks still accept is a hole in them.
 */
import type { NetworkPolicy, NetworkPolicyPeer } from '../api/index.js';

export interface Mutant {
  /** Plain words, completing "the checks of step X accept …". */
  what: string;
  policy: NetworkPolicy;
}

type Rule = { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[]; ports?: { port?: number | string; endPort?: number; protocol?: string }[] };

function clone(p: NetworkPolicy): NetworkPolicy {
  return JSON.parse(JSON.stringify(p)) as NetworkPolicy;
}

function nonEmpty(sel: { matchLabels?: object; matchExpressions?: unknown[] } | undefined): boolean {
  return !!sel && (Object.keys(sel.matchLabels ?? {}).length > 0 || (sel.matchExpressions ?? []).length > 0);
}

export function mutants(p: NetworkPolicy): Mutant[] {
  const name = p.metadata.name;
  const out: Mutant[] = [];
  const add = (what: string, edit: (q: NetworkPolicy) => void) => {
    const q = clone(p);
    edit(q);
    out.push({ what, policy: q });
  };
  const spec = p.spec as unknown as { podSelector?: object; policyTypes?: string[]; ingress?: Rule[]; egress?: Rule[] };
  if (nonEmpty(spec.podSelector)) add(`${name} with its podSelector widened to {}`, (q) => ((q.spec as { podSelector: object }).podSelector = {}));
  for (const dir of ['ingress', 'egress'] as const) {
    const peersKey = dir === 'ingress' ? 'from' : 'to';
    (spec[dir] ?? []).forEach((rule, i) => {
      const where = `${dir} rule ${i + 1} of ${name}`;
      const at = (q: NetworkPolicy) => (q.spec as unknown as Record<string, Rule[]>)[dir]![i]!;
      if ((rule.ports ?? []).length) add(`a policy without ports (${where})`, (q) => delete at(q).ports);
      const peers = rule[peersKey] ?? [];
      peers.forEach((peer, k) => {
        add(`a policy without one of its peers (${where}, peer ${k + 1})`, (q) => at(q)[peersKey]!.splice(k, 1));
        if (nonEmpty(peer.podSelector)) add(`a peer's podSelector widened to {} (${where}, peer ${k + 1})`, (q) => (at(q)[peersKey]![k]!.podSelector = {}));
        if (nonEmpty(peer.namespaceSelector)) add(`a peer's namespaceSelector widened to {} (${where}, peer ${k + 1})`, (q) => (at(q)[peersKey]![k]!.namespaceSelector = {}));
        if (peer.ipBlock?.except?.length) add(`an ipBlock without its except (${where}, peer ${k + 1})`, (q) => delete at(q)[peersKey]![k]!.ipBlock!.except);
      });
      if (peers.length) add(`0.0.0.0/0 added to the peers (${where})`, (q) => at(q)[peersKey]!.push({ ipBlock: { cidr: '0.0.0.0/0' } }));
      (rule.ports ?? []).forEach((port, k) => {
        if (typeof port.endPort === 'number' && port.endPort < 65535) add(`an endPort widened to ${port.endPort + 1} (${where}, port ${k + 1})`, (q) => (at(q).ports![k]!.endPort = port.endPort! + 1));
      });
    });
  }
  const types = spec.policyTypes ?? [];
  const swapped = (t: string[]) => (q: NetworkPolicy) => ((q.spec as { policyTypes?: string[] }).policyTypes = t);
  if (types.length === 1) {
    const other = types[0] === 'Ingress' ? 'Egress' : 'Ingress';
    add(`policyTypes swapped to [${other}] (${name})`, swapped([other]));
  } else if (types.length === 2) {
    add(`policyTypes [Ingress] only (${name})`, swapped(['Ingress']));
    add(`policyTypes [Egress] only (${name})`, swapped(['Egress']));
  }
  return out;
}
