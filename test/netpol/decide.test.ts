// decide() and explain() beyond the upstream tables: the Kubernetes documentation's examples
// (kubernetes.io/docs/concepts/services-networking/network-policies/), the seed's manifests,
// every corner of the v1 API, and the plain-English explanations learners read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkPolicy } from '../../server/api/index.js';
import { computeMatrix, createEngine, decide, explain, summarize, referenceAllowed, type NetpolWorld } from '../../server/netpol/index.js';
import { nsObject, podObject, policy } from './model.js';
import { denyAll, internalPolicy, internalPolicyWithDns, payrollPolicy, restrictEgress, seedWorld } from './seed.js';

function world(policies: NetworkPolicy[], extra: Partial<NetpolWorld> = {}): NetpolWorld {
  return {
    namespaces: [nsObject('default'), nsObject('myproject', { project: 'myproject' }), nsObject('other')],
    pods: [
      podObject('default', 'db', { role: 'db' }, '172.17.0.5', [{ port: 6379, protocol: 'TCP', name: 'redis' }]),
      podObject('default', 'frontend', { role: 'frontend', app: 'frontend' }, '172.17.0.6', [{ port: 80, protocol: 'TCP', name: 'http' }]),
      podObject('default', 'backend', { app: 'backend' }, '172.17.0.7', [{ port: 80, protocol: 'TCP', name: 'http' }, { port: 8080, protocol: 'TCP', name: 'alt' }]),
      podObject('default', 'client', { role: 'client' }, '172.17.1.9', []),
      podObject('myproject', 'mp', { role: 'x' }, '10.1.0.4', []),
      podObject('other', 'o', { role: 'frontend' }, '10.2.0.4', [{ port: 32000, protocol: 'TCP' }]),
    ],
    policies,
    services: [],
    externalHosts: [{ name: 'db-ext', ip: '10.0.0.10', ports: [{ port: 3306, protocol: 'TCP' }] }],
    appResponses: [],
    ...extra,
  };
}

const allowed = (w: NetpolWorld, from: string, to: string, port: number, protocol: 'TCP' | 'UDP' | 'SCTP' = 'TCP'): boolean => {
  const v = decide(w, from, to, port, protocol)!.allowed;
  assert.equal(referenceAllowed(w, from, to, port, protocol), v, `reference agrees on ${from} → ${to}:${port}/${protocol}`);
  return v;
};

// The docs' test-network-policy example.
const docsExample: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'test-network-policy', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  },
};

test('docs example test-network-policy: ipBlock with except, namespaceSelector, podSelector, ports', () => {
  const w = world([docsExample]);
  assert.equal(allowed(w, 'default/frontend', 'default/db', 6379), true);
  assert.equal(allowed(w, 'default/backend', 'default/db', 6379), true, '172.17.0.7 is in 172.17.0.0/16');
  assert.equal(allowed(w, 'default/client', 'default/db', 6379), false, '172.17.1.9 is excepted');
  assert.equal(allowed(w, 'myproject/mp', 'default/db', 6379), true);
  assert.equal(allowed(w, 'other/o', 'default/db', 6379), false, 'role=frontend in another namespace does not match a podSelector-only peer');
  assert.equal(allowed(w, 'default/frontend', 'default/db', 6380), false);
  assert.equal(allowed(w, 'default/db', 'default/frontend', 80), false, 'db is isolated for egress');
});

test('docs: default deny ingress, allow all ingress, default deny egress, allow all egress, deny all', () => {
  const denyIngress = policy('default-deny-ingress', 'default', {}, { policyTypes: ['Ingress'] });
  const allowAllIngress = policy('allow-all-ingress', 'default', {}, { ingress: [{}] });
  const denyEgress = policy('default-deny-egress', 'default', {}, { policyTypes: ['Egress'] });
  const allowAllEgress = policy('allow-all-egress', 'default', {}, { egress: [{}] });
  assert.equal(allowed(world([denyIngress]), 'other/o', 'default/db', 6379), false);
  assert.equal(allowed(world([denyIngress]), 'default/db', 'other/o', 32000), true);
  assert.equal(allowed(world([denyIngress, allowAllIngress]), 'other/o', 'default/db', 6379), true);
  assert.equal(allowed(world([denyEgress]), 'default/db', 'other/o', 32000), false);
  assert.equal(allowed(world([denyEgress]), 'other/o', 'default/db', 6379), true);
  assert.equal(allowed(world([denyEgress, allowAllEgress]), 'default/db', 'other/o', 32000), true);
  assert.equal(allowed(world([denyAll]), 'default/frontend', 'default/backend', 80), false);
  assert.equal(allowed(world([denyAll]), 'other/o', 'default/backend', 80), false);
});

test('docs: endPort targets a range of ports', () => {
  const p = policy('multi-port-egress', 'default', { matchLabels: { role: 'db' } }, {
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }],
  });
  const w = world([p]);
  assert.equal(allowed(w, 'default/db', 'other/o', 32000), true);
  assert.equal(allowed(w, 'default/db', 'other/o', 32768), true);
  assert.equal(allowed(w, 'default/db', 'other/o', 32769), false);
  assert.equal(allowed(w, 'default/db', 'other/o', 31999), false);
  assert.equal(allowed(w, 'default/db', 'default/frontend', 32000), false, '172.17.0.6 is not in 10.0.0.0/8');
});

test('docs: namespaceSelector and podSelector in one peer (AND) versus two peers (OR)', () => {
  const and = policy('and', 'default', { matchLabels: { role: 'db' } }, {
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { project: 'myproject' } }, podSelector: { matchLabels: { role: 'client' } } }] }],
  });
  const or = policy('or', 'default', { matchLabels: { role: 'db' } }, {
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }],
  });
  assert.equal(allowed(world([and]), 'myproject/mp', 'default/db', 6379), false, 'mp has role=x');
  assert.equal(allowed(world([and]), 'default/client', 'default/db', 6379), false, 'default has no project label');
  assert.equal(allowed(world([or]), 'myproject/mp', 'default/db', 6379), true);
  assert.equal(allowed(world([or]), 'default/client', 'default/db', 6379), true);
  assert.equal(allowed(world([or]), 'other/o', 'default/db', 6379), false);
});

test('NotIn and DoesNotExist match pods that lack the key (apimachinery semantics)', () => {
  const p = policy('notin', 'default', { matchLabels: { role: 'db' } }, {
    ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['backend'] }] } }] }],
  });
  const w = world([p]);
  assert.equal(allowed(w, 'default/client', 'default/db', 6379), true, 'client has no app label: NotIn matches');
  assert.equal(allowed(w, 'default/backend', 'default/db', 6379), false);
  const q = policy('dne', 'default', { matchLabels: { role: 'db' } }, { ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] } }] }] });
  assert.equal(allowed(world([q]), 'default/client', 'default/db', 6379), true);
  assert.equal(allowed(world([q]), 'default/frontend', 'default/db', 6379), false);
});

test('named ports resolve on the destination pod, for ingress and for egress', () => {
  const ing = policy('named', 'default', { matchLabels: { app: 'backend' } }, { ingress: [{ ports: [{ port: 'alt' }] }] });
  assert.equal(allowed(world([ing]), 'default/client', 'default/backend', 8080), true);
  assert.equal(allowed(world([ing]), 'default/client', 'default/backend', 80), false);
  const eg = policy('named-egress', 'default', { matchLabels: { role: 'client' } }, { egress: [{ ports: [{ port: 'http' }] }] });
  assert.equal(allowed(world([eg]), 'default/client', 'default/backend', 80), true);
  assert.equal(allowed(world([eg]), 'default/client', 'default/backend', 8080), false);
  assert.equal(allowed(world([eg]), 'default/client', 'default/db', 6379), false, 'db names 6379 "redis", not "http"');
  const udp = policy('named-udp', 'default', { matchLabels: { app: 'backend' } }, { ingress: [{ ports: [{ port: 'http', protocol: 'UDP' }] }] });
  assert.equal(allowed(world([udp]), 'default/client', 'default/backend', 80), false, 'the named port is TCP, the rule UDP');
});

test('policyTypes defaulting: absent policyTypes means Ingress, plus Egress when egress rules exist', () => {
  const onlyEgressRules: NetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'eg', namespace: 'default' },
    spec: { podSelector: { matchLabels: { role: 'db' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] },
  };
  const w = world([onlyEgressRules]);
  assert.equal(allowed(w, 'default/frontend', 'default/db', 6379), false, 'ingress isolated with no ingress rules');
  assert.equal(allowed(w, 'default/db', 'default/frontend', 80), false, 'egress isolated: only 53/UDP');
  assert.equal(allowed(w, 'default/db', 'default/frontend', 53, 'UDP'), true);
  const noRules: NetworkPolicy = { ...onlyEgressRules, metadata: { name: 'none', namespace: 'default' }, spec: { podSelector: { matchLabels: { role: 'db' } } } };
  assert.equal(allowed(world([noRules]), 'default/db', 'default/frontend', 80), true, 'egress untouched');
  assert.equal(allowed(world([noRules]), 'default/frontend', 'default/db', 6379), false);
});

test('IPv6 CIDRs match IPv6 pod IPs and never IPv4 ones', () => {
  const w = world([policy('v6', 'default', { matchLabels: { role: 'db' } }, { ingress: [{ from: [{ ipBlock: { cidr: 'fd00:10:244::/48', except: ['fd00:10:244:1::/64'] } }] }] })]);
  w.pods = [
    ...w.pods,
    podObject('default', 'v6a', { k: 'a' }, 'fd00:10:244::5', []),
    podObject('default', 'v6b', { k: 'b' }, 'fd00:10:244:1::5', []),
  ];
  assert.equal(allowed(w, 'default/v6a', 'default/db', 6379), true);
  assert.equal(allowed(w, 'default/v6b', 'default/db', 6379), false);
  assert.equal(allowed(w, 'default/frontend', 'default/db', 6379), false);
});

test('egress to an external host by ipBlock; selectors never match outside addresses', () => {
  const e = createEngine(world([restrictEgress]));
  const ext = { kind: 'external' as const, ip: '10.0.0.10', host: e.indexed.world.externalHosts[0]! };
  assert.equal(decide(e, 'default/backend', ext, 3306)!.allowed, true);
  assert.equal(decide(e, 'default/backend', ext, 3307)!.allowed, false);
  assert.equal(decide(e, 'default/backend', { kind: 'external', ip: '8.8.8.8' }, 443)!.allowed, false);
  assert.equal(decide(e, 'default/frontend', { kind: 'external', ip: '8.8.8.8' }, 443)!.allowed, true, 'the internet is allowed to pods not isolated for egress');
  const sel = createEngine(world([policy('sel', 'default', { matchLabels: { app: 'backend' } }, { egress: [{ to: [{ namespaceSelector: {} }] }] })]));
  assert.equal(decide(sel, 'default/backend', { kind: 'external', ip: '8.8.8.8' }, 443)!.allowed, false);
  assert.equal(decide(sel, 'default/backend', 'other/o', 32000)!.allowed, true);
});

test('loopback, node traffic and ICMP', () => {
  const w = world([denyAll]);
  assert.equal(decide(w, 'default/db', 'default/db', 6379)!.allowed, true);
  assert.deepEqual(explain(decide(w, 'default/db', 'default/db', 6379)!), ['default/db → default/db on 6379/TCP: allowed', 'A pod connecting to itself is always allowed.']);
  assert.equal(decide(w, { kind: 'node', ip: '192.168.0.11' }, 'default/db', 6379)!.allowed, true);
  const hostNet = podObject('other', 'kube-proxy', { k8s: 'proxy' }, '192.168.0.11', []);
  hostNet.spec.hostNetwork = true;
  const withHost = { ...w, pods: [...w.pods, hostNet] };
  assert.equal(decide(withHost, 'other/kube-proxy', 'default/db', 6379)!.allowed, true, 'a host-network pod is node traffic');
  assert.deepEqual(explain(decide(withHost, 'other/kube-proxy', 'default/db', 6379)!), [
    'other/kube-proxy → default/db on 6379/TCP: allowed',
    'Ingress: traffic from a node into its pods is always allowed.',
  ]);
  const m = computeMatrix(withHost, { probes: [{ port: 6379, protocol: 'TCP' }] });
  const hi = m.pods.findIndex((p) => p.key === 'other/kube-proxy');
  const di = m.pods.findIndex((p) => p.key === 'default/db');
  assert.equal(m.allowed(hi, di, 0), true);
  assert.equal(m.allowed(di, hi, 0), false, 'db is isolated for egress by deny-all');
  const ports = world([policy('p', 'default', { matchLabels: { role: 'db' } }, { ingress: [{ ports: [{ port: 6379 }] }] })]);
  assert.equal(decide(ports, 'default/frontend', 'default/db', 0, 'ICMP')!.allowed, false);
  const any = world([policy('p', 'default', { matchLabels: { role: 'db' } }, { ingress: [{}] })]);
  assert.equal(decide(any, 'default/frontend', 'default/db', 0, 'ICMP')!.allowed, true);
});

test('odd but valid worlds never throw: thousands of rules, overlapping CIDRs, empty selectors everywhere', () => {
  const rules = Array.from({ length: 2000 }, (_, i) => ({
    from: [{ ipBlock: { cidr: `172.${i % 256}.0.0/16`, except: [`172.${i % 256}.1.0/24`, `172.${i % 256}.0.0/17`] } }, { podSelector: {}, namespaceSelector: {} }],
    ports: [{ port: 1000 + i, endPort: 1000 + i + 5 }, { port: 'http' }, { protocol: 'SCTP' as const }],
  }));
  const w = world([policy('big', 'default', {}, { ingress: rules, egress: [{ to: [{ ipBlock: { cidr: '::/0' } }, { ipBlock: { cidr: '0.0.0.0/0' } }] }] })]);
  assert.equal(allowed(w, 'other/o', 'default/backend', 80), true);
  assert.equal(allowed(w, 'other/o', 'default/backend', 999), false);
  assert.equal(allowed(w, 'other/o', 'default/backend', 2005), true);
  assert.equal(allowed(w, 'other/o', 'default/backend', 3005), false);
});

test('the seed: before and after internal-policy', () => {
  const before = seedWorld([payrollPolicy]);
  assert.equal(allowed(before, 'default/internal', 'default/payroll', 8080), true);
  assert.equal(allowed(before, 'default/external', 'default/payroll', 8080), false);
  assert.equal(allowed(before, 'default/internal', 'default/external', 8080), true);
  const after = seedWorld([payrollPolicy, internalPolicy]);
  assert.equal(allowed(after, 'default/internal', 'default/payroll', 8080), true);
  assert.equal(allowed(after, 'default/internal', 'default/mysql', 3306), true);
  assert.equal(allowed(after, 'default/internal', 'default/external', 8080), false);
  assert.equal(allowed(after, 'default/external', 'default/internal', 8080), true);
  assert.equal(allowed(seedWorld([payrollPolicy, internalPolicyWithDns]), 'default/internal', 'default/external', 8080), false);
});

test('explain and summarize print the verdict (seed: internal → external after internal-policy)', () => {
  const v = decide(seedWorld([payrollPolicy, internalPolicy]), 'default/internal', 'default/external', 8080, 'TCP')!;
  assert.deepEqual(explain(v), [
    'default/internal → default/external on 8080/TCP: denied',
    'Egress: default/internal is isolated for egress by internal-policy.',
    '  policy default/internal-policy:',
    '    rule egress[0] does not match the peer:',
    "      peer 1: the pod's labels (name=external) do not match podSelector name=payroll",
    '    rule egress[1] does not match the peer:',
    "      peer 1: the pod's labels (name=external) do not match podSelector name=mysql",
    '    rule egress[1] does not match the port: it allows only 3306/TCP',
    '  → no egress rule admits default/internal → default/external on 8080/TCP: egress denied.',
    'Ingress: no NetworkPolicy in namespace default selects default/external for ingress, so its ingress is not restricted.',
  ]);
  assert.equal(
    summarize(v),
    'default/internal → default/external on 8080/TCP is denied: default/internal is isolated for egress by internal-policy, and no egress rule admits it (ports allowed: 3306/TCP)',
  );
  const ok = decide(seedWorld([payrollPolicy, internalPolicy]), 'default/internal', 'default/payroll', 8080, 'TCP')!;
  assert.equal(summarize(ok), 'default/internal → default/payroll on 8080/TCP is allowed: egress rule 1 of internal-policy admits it; ingress rule 1 of payroll-policy admits it');
});

test('explain names namespace, namespace-label, CIDR and except misses', () => {
  const w = world([docsExample]);
  const lines = explain(decide(w, 'default/client', 'default/db', 6379)!);
  assert.deepEqual(lines.slice(4, 9), [
    '    rule ingress[0] does not match the peer:',
    '      peer 1: 172.17.1.9 is in ipBlock 172.17.0.0/16 but excluded by except 172.17.1.0/24',
    '      peer 2: namespace default (labels kubernetes.io/metadata.name=default) does not match namespaceSelector project=myproject',
    "      peer 3: the pod's labels (role=client) do not match podSelector role=frontend",
    '  → no ingress rule admits default/client → default/db on 6379/TCP: ingress denied.',
  ]);
  const other = explain(decide(w, 'other/o', 'default/db', 6379)!);
  assert.ok(other.includes('      peer 1: 10.2.0.4 is not in ipBlock 172.17.0.0/16'));
  assert.ok(other.includes('      peer 3 (a podSelector alone) only selects pods in namespace default, and the pod is in other'));
});
