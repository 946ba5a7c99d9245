/** Verdicts in plain English: explain() prints every step, summarize() one sentence for the grader. */
import { formatLabels } from './deps.js';
import type { DirectionResult, PeerMiss, PolicyResult, RuleResult, Verdict } from './verdict.js';

function missText(m: PeerMiss): string {
  const n = `peer ${m.peer + 1}`;
  switch (m.reason) {
    case 'namespace':
      return `${n} (a podSelector alone) only selects pods in namespace ${m.policyNamespace}, and the pod is in ${m.namespace}`;
    case 'namespace-labels':
      return `${n}: namespace ${m.namespace} (labels ${formatLabels(m.labels) || '<none>'}) does not match namespaceSelector ${m.selector}`;
    case 'pod-labels':
      return `${n}: the pod's labels (${formatLabels(m.labels) || '<none>'}) do not match podSelector ${m.selector}`;
    case 'cidr':
      return `${n}: ${m.ip ?? 'the pod (no IP)'} is not in ipBlock ${m.cidr}`;
    case 'except':
      return `${n}: ${m.ip} is in ipBlock ${m.cidr} but excluded by except ${m.except}`;
    case 'not-a-pod':
      return `${n}: ${m.ip} is outside the pod network, and pod/namespace selectors only match pods`;
    case 'empty-peer':
      return `${n} names nothing`;
  }
}

function ruleLines(dir: 'Ingress' | 'Egress', r: RuleResult): string[] {
  const field = dir === 'Ingress' ? 'ingress' : 'egress';
  const head = `rule ${field}[${r.index}]`;
  const peerWord = dir === 'Ingress' ? 'from' : 'to';
  const lines: string[] = [];
  if (r.admits) {
    const peer = r.peer.matched && r.peer.via === 'peer' ? `${peerWord} ${r.peer.description}` : `(no '${peerWord}': every peer)`;
    const port = r.port.matched && r.port.via === 'port' ? `on ${r.port.description}` : `(no 'ports': every port)`;
    return [`${head} admits it: ${peer} ${port}`];
  }
  if (!r.peer.matched) {
    lines.push(`${head} does not match the peer:`);
    for (const m of r.peer.misses) lines.push(`  ${missText(m)}`);
  }
  if (!r.port.matched) {
    lines.push(
      r.port.icmp
        ? `${head}: ICMP has no port, and this rule only allows ${r.port.allowed.join(', ')}`
        : `${head} does not match the port: it allows only ${r.port.allowed.join(', ')}`,
    );
  }
  return lines;
}

function policyLines(dir: 'Ingress' | 'Egress', p: PolicyResult): string[] {
  const lines = [`policy ${p.namespace}/${p.name}:`];
  if (p.rules.length === 0) lines.push(`  has no ${dir === 'Ingress' ? 'ingress' : 'egress'} rules: it allows nothing`);
  for (const r of p.rules) for (const l of ruleLines(dir, r)) lines.push(`  ${l}`);
  return lines;
}

function directionLines(d: DirectionResult, conn: string): string[] {
  const word = d.direction === 'Ingress' ? 'ingress' : 'egress';
  switch (d.status) {
    case 'not-a-pod':
      return [];
    case 'from-node':
      return [`Ingress: traffic from a node into its pods is always allowed.`];
    case 'not-isolated':
      return [`${d.direction}: no NetworkPolicy in namespace ${d.namespace} selects ${d.subject} for ${word}, so its ${word} is not restricted.`];
    case 'isolated': {
      const names = d.policies.map((p) => p.name).join(', ');
      const lines = [`${d.direction}: ${d.subject} is isolated for ${word} by ${names}.`];
      for (const p of d.policies) for (const l of policyLines(d.direction, p)) lines.push(`  ${l}`);
      lines.push(d.allowed ? `  → ${word} allowed.` : `  → no ${word} rule admits ${conn}: ${word} denied.`);
      return lines;
    }
  }
}

export function connectionText(v: Verdict): string {
  return `${v.from} → ${v.to} on ${v.protocol === 'ICMP' ? 'ICMP' : `${v.port}/${v.protocol}`}`;
}

export function explain(v: Verdict): string[] {
  const conn = connectionText(v);
  const lines = [`${conn}: ${v.allowed ? 'allowed' : 'denied'}`];
  if (v.loopback) {
    lines.push('A pod connecting to itself is always allowed.');
    return lines;
  }
  lines.push(...directionLines(v.egress, conn));
  lines.push(...directionLines(v.ingress, conn));
  return lines;
}

/** One sentence: why a connection is allowed or denied. */
export function summarize(v: Verdict): string {
  const conn = connectionText(v);
  if (v.loopback) return `${conn} is allowed: a pod may always reach itself`;
  if (v.allowed) {
    const parts: string[] = [];
    for (const d of [v.egress, v.ingress]) {
      if (d.status === 'isolated') {
        const p = d.policies.find((x) => x.admits)!;
        const r = p.rules.find((x) => x.admits)!;
        parts.push(`${d.direction === 'Ingress' ? 'ingress' : 'egress'} rule ${r.index + 1} of ${p.name} admits it`);
      }
    }
    return parts.length ? `${conn} is allowed: ${parts.join('; ')}` : `${conn} is allowed: no policy restricts it`;
  }
  const reasons: string[] = [];
  for (const d of [v.egress, v.ingress]) {
    if (d.status !== 'isolated' || d.allowed) continue;
    const word = d.direction === 'Ingress' ? 'ingress' : 'egress';
    const allow = d.policies
      .flatMap((p) => p.rules)
      .map((r) => (r.port.matched ? undefined : r.port.allowed.join(', ')))
      .filter((x): x is string => !!x);
    const what = d.policies.every((p) => p.rules.length === 0) ? 'which allow nothing' : `and no ${word} rule admits it${allow.length ? ` (ports allowed: ${[...new Set(allow)].join(', ')})` : ''}`;
    reasons.push(`${d.subject} is isolated for ${word} by ${d.policies.map((p) => p.name).join(', ')}, ${what}`);
  }
  return `${conn} is denied: ${reasons.join('; ')}`;
}
