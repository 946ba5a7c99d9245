/**
 * Verdicts in a learner's words: pods by name (namespace shown only outside `default`),
 * peers by the pods they select when there are few, rules as "who:port".
 */
import { formatLabels, selectorMatches } from '../api/index.js';
import type { CompiledPolicy, CompiledRule, Engine, PeerMatcher, PortMatcher, Verdict, DirectionResult, Endpoint } from '../netpol/index.js';
import { compiledSelectorMatches, describePort } from '../netpol/index.js';

export function podName(key: string): string {
  return key.startsWith('default/') ? key.slice('default/'.length) : key;
}

export function endpointText(e: Endpoint): string {
  switch (e.kind) {
    case 'pod':
      return podName(e.pod.key);
    case 'node':
      return `node ${e.ip}`;
    case 'external':
      return e.host ? e.host.name : e.ip;
  }
}

export function connText(from: string, to: string, port: number, protocol: string): string {
  return `${from} → ${to}:${port}/${protocol}`;
}

function peerText(engine: Engine, peer: PeerMatcher): string {
  switch (peer.kind) {
    case 'none':
      return 'nothing';
    case 'ipBlock':
      return `${peer.cidrText}${peer.except.length ? ` (except ${peer.except.map((e) => e.text).join(', ')})` : ''}`;
    case 'pods': {
      const matched = engine.indexed.pods.filter((p) => {
        if (p.synthetic) return false;
        const nsOk = peer.namespaceSelector
          ? compiledSelectorMatches(peer.namespaceSelector, engine.indexed.namespaceLabels.get(p.namespace) ?? {})
          : p.namespace === peer.policyNamespace;
        return nsOk && (!peer.podSelector || compiledSelectorMatches(peer.podSelector, p.labels));
      });
      if (matched.length > 0 && matched.length <= 3) return matched.map((p) => podName(p.key)).join(' or ');
      const pods = peer.podSelector && !peer.podSelector.empty ? `pods ${peer.podSelector.text}` : 'every pod';
      if (!peer.namespaceSelector) return `${pods} in namespace ${peer.policyNamespace}`;
      return peer.namespaceSelector.empty ? `${pods} in every namespace` : `${pods} in namespaces ${peer.namespaceSelector.text}`;
    }
  }
}

function portsText(ports: readonly PortMatcher[]): string {
  return ports.map(describePort).join(', ');
}

export function ruleText(engine: Engine, rule: CompiledRule): string {
  const anyone = rule.direction === 'Egress' ? 'any destination' : 'any source';
  if (rule.allPeers && rule.allPorts) return 'everything';
  if (rule.allPeers) return `${anyone} on ${portsText(rule.ports)}`;
  const peers = rule.peers.map((p) => peerText(engine, p)).join(', ');
  if (rule.allPorts) return `${peers} on any port`;
  // `payroll:8080/TCP` reads well for a named pod or a CIDR; anything with words gets `on`.
  return rule.ports.length === 1 && rule.peers.length === 1 && !peers.includes(' ') ? `${peers}:${portsText(rule.ports)}` : `${peers} on ${portsText(rule.ports)}`;
}

function policiesOf(engine: Engine, d: DirectionResult & { status: 'isolated' }): CompiledPolicy[] {
  return d.policies.flatMap((r) => engine.policies.filter((p) => p.namespace === r.namespace && p.name === r.name));
}

/** Why a denied connection is denied: each isolated direction that admits nothing. */
export function deniedReason(engine: Engine, v: Verdict): string {
  const reasons: string[] = [];
  for (const d of [v.egress, v.ingress]) {
    if (d.status !== 'isolated' || d.allowed) continue;
    const word = d.direction === 'Ingress' ? 'ingress' : 'egress';
    const pols = policiesOf(engine, d);
    const rules = pols.flatMap((p) => (d.direction === 'Ingress' ? p.ingress : p.egress) ?? []);
    const names = d.policies.map((p) => p.name).join(' and ');
    const who = podName(d.subject);
    reasons.push(
      rules.length === 0
        ? `${who} is isolated for ${word} by ${names}, which allow${d.policies.length === 1 ? 's' : ''} no ${word} at all`
        : `${who} is isolated for ${word} by ${names}, whose rules allow only ${rules.map((r) => ruleText(engine, r)).join('; ')}`,
    );
  }
  return reasons.join('; and ');
}

/** Why an allowed connection is allowed. */
export function allowedReason(engine: Engine, v: Verdict, fromText: string, toText: string): string {
  if (v.loopback) return 'a pod may always reach itself';
  const parts: string[] = [];
  for (const d of [v.egress, v.ingress]) {
    const word = d.direction === 'Ingress' ? 'ingress' : 'egress';
    const who = d.direction === 'Egress' ? fromText : toText;
    if (d.status === 'not-isolated') parts.push(`no NetworkPolicy selects ${who} for ${word}`);
    else if (d.status === 'isolated') {
      const p = d.policies.find((x) => x.admits)!;
      const r = p.rules.find((x) => x.admits)!;
      const compiled = engine.policies.find((c) => c.namespace === p.namespace && c.name === p.name);
      const rule = compiled && ((d.direction === 'Ingress' ? compiled.ingress : compiled.egress) ?? [])[r.index];
      parts.push(`${p.name} lets ${who} ${d.direction === 'Egress' ? 'send' : 'receive'} it${rule ? ` (${ruleText(engine, rule)})` : ''}`);
    }
  }
  return parts.join(', and ');
}

export function labelsText(labels: Readonly<Record<string, string>>): string {
  return formatLabels(labels) || '{}';
}

export { selectorMatches };
