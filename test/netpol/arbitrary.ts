/** fast-check generators of small, valid, odd worlds: few label values so selectors collide often. */
import fc from 'fast-check';
import type { LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Protocol } from '../../server/api/index.js';
import type { NetpolWorld } from '../../server/netpol/index.js';
import { nsObject, podObject } from './model.js';

const NS = ['x', 'y', 'z'] as const;
const KEYS = ['app', 'tier', 'pod'] as const;
const VALUES = ['a', 'b', 'c'] as const;
const PROTOS: Protocol[] = ['TCP', 'UDP', 'SCTP'];

export const selectorArb: fc.Arbitrary<LabelSelector> = fc.record(
  {
    matchLabels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 2 }),
    matchExpressions: fc.array(
      fc.oneof(
        fc.record({ key: fc.constantFrom(...KEYS, 'ns'), operator: fc.constantFrom('In' as const, 'NotIn' as const), values: fc.uniqueArray(fc.constantFrom(...VALUES, 'x', 'y'), { minLength: 1, maxLength: 2 }) }),
        fc.record({ key: fc.constantFrom(...KEYS, 'ns'), operator: fc.constantFrom('Exists' as const, 'DoesNotExist' as const) }),
      ),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: [] },
);

const peerArb: fc.Arbitrary<NetworkPolicyPeer> = fc.oneof(
  fc.record({ podSelector: selectorArb }),
  fc.record({ namespaceSelector: selectorArb }),
  fc.record({ podSelector: selectorArb, namespaceSelector: selectorArb }),
  fc.record({
    ipBlock: fc.record(
      { cidr: fc.constantFrom('10.244.0.0/16', '10.244.1.0/24', '10.244.2.0/24', '10.244.1.10/32', '0.0.0.0/0', 'fd00::/8'), except: fc.array(fc.constantFrom('10.244.1.0/24', '10.244.2.11/32', '10.244.3.0/25'), { maxLength: 2 }) },
      { requiredKeys: ['cidr'] },
    ),
  }),
);

const portArb: fc.Arbitrary<NetworkPolicyPort> = fc.oneof(
  fc.record({ protocol: fc.constantFrom(...PROTOS), port: fc.constantFrom(80, 81) }, { requiredKeys: [] }),
  fc.record({ protocol: fc.constantFrom(...PROTOS), port: fc.constant(79), endPort: fc.constantFrom(80, 81) }),
  fc.record({ protocol: fc.constantFrom(...PROTOS), port: fc.constantFrom('serve-80-tcp', 'serve-81-tcp', 'serve-80-udp', 'http') }, { requiredKeys: ['port'] }),
);

const ruleArb = fc.record({ peers: fc.option(fc.array(peerArb, { maxLength: 3 }), { nil: undefined }), ports: fc.option(fc.array(portArb, { maxLength: 2 }), { nil: undefined }) });

export const policyArb = (name: string): fc.Arbitrary<NetworkPolicy> =>
  fc
    .record({
      ns: fc.constantFrom(...NS),
      podSelector: selectorArb,
      ingress: fc.option(fc.array(ruleArb, { maxLength: 3 }), { nil: undefined }),
      egress: fc.option(fc.array(ruleArb, { maxLength: 3 }), { nil: undefined }),
      types: fc.constantFrom(undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress']),
    })
    .map(({ ns, podSelector, ingress, egress, types }) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: ns },
      spec: {
        podSelector,
        ...(ingress ? { ingress: ingress.map((r) => ({ ...(r.peers ? { from: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })) } : {}),
        ...(egress ? { egress: egress.map((r) => ({ ...(r.peers ? { to: r.peers } : {}), ...(r.ports ? { ports: r.ports } : {}) })) } : {}),
        ...(types ? { policyTypes: [...types] as ('Ingress' | 'Egress')[] } : {}),
      },
    }));

export const policiesArb = (max = 5): fc.Arbitrary<NetworkPolicy[]> =>
  fc.integer({ min: 0, max }).chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => policyArb(`p${i}`)))));

export const podsArb = fc.uniqueArray(
  fc.record({ ns: fc.constantFrom(...NS), name: fc.constantFrom('a', 'b', 'c', 'd'), labels: fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 3 }), named: fc.boolean() }),
  { minLength: 1, maxLength: 7, selector: (p) => `${p.ns}/${p.name}` },
);

const IPS: Record<string, number> = { x: 1, y: 2, z: 3 };

export const worldArb = (maxPolicies = 5): fc.Arbitrary<NetpolWorld> =>
  fc.record({ pods: podsArb, policies: policiesArb(maxPolicies), nsLabels: fc.dictionary(fc.constantFrom(...NS), fc.constantFrom(...VALUES)) }).map(({ pods, policies, nsLabels }) => ({
    namespaces: NS.map((n) => nsObject(n, { ns: n, ...(nsLabels[n] ? { app: nsLabels[n]! } : {}) })),
    pods: pods.map((p) =>
      podObject(p.ns, p.name, p.labels, `10.244.${IPS[p.ns]}.${10 + p.name.charCodeAt(0) - 97}`, [
        { port: 80, protocol: 'TCP', ...(p.named ? { name: 'serve-80-tcp' } : { name: 'http' }) },
        { port: 81, protocol: 'TCP', name: 'serve-81-tcp' },
        { port: 80, protocol: 'UDP', name: 'serve-80-udp' },
      ]),
    ),
    policies,
    services: [],
    externalHosts: [],
    appResponses: [],
  }));

export const PROBES = [
  { port: 80, protocol: 'TCP' as const },
  { port: 81, protocol: 'TCP' as const },
  { port: 80, protocol: 'UDP' as const },
  { port: 81, protocol: 'SCTP' as const },
];
