/**
 * The bench's cluster (issue 4, Performance): 5,000 pods in 50 namespaces with 500 policies,
 * each pod declaring 2 ports. Deterministic; policies mix every feature: default deny,
 * pod and namespace selectors (AND and OR), matchExpressions, ipBlock with except, named
 * ports, endPort ranges, DNS egress.
 */
import type { NetworkPolicy, Pod } from '../../server/api/index.js';
import type { NetpolWorld } from '../../server/netpol/index.js';
import { nsObject, podObject } from './model.js';

export function benchWorld(namespaces = 50, podsPerNs = 100, policiesPerNs = 10): NetpolWorld {
  const nss = Array.from({ length: namespaces }, (_, i) => nsObject(`ns-${i}`, { team: `t${i % 5}`, env: i % 2 ? 'prod' : 'dev' }));
  const pods: Pod[] = [];
  const tiers = ['web', 'api', 'db'];
  for (let n = 0; n < namespaces; n++)
    for (let j = 0; j < podsPerNs; j++)
      pods.push(
        podObject(`ns-${n}`, `app${j % 20}-${j}`, { app: `app${j % 20}`, tier: tiers[j % 3]!, version: `v${j % 2}` }, `10.${16 + (n >> 6)}.${(n & 63) * 4 + (j >> 8)}.${j & 255}`, [
          { port: 8080, protocol: 'TCP', name: 'http' },
          { port: 9000 + (j % 3), protocol: 'TCP', name: 'metrics' },
        ]),
      );
  const policies: NetworkPolicy[] = [];
  const np = (ns: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });
  for (let n = 0; n < namespaces; n++) {
    const ns = `ns-${n}`;
    const list: NetworkPolicy[] = [
      np(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
      np(ns, 'allow-web-to-api', { podSelector: { matchLabels: { tier: 'api' } }, ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'web' } } }], ports: [{ port: 'http' }] }], policyTypes: ['Ingress'] }),
      np(ns, 'allow-team', {
        podSelector: { matchLabels: { tier: 'web' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${n % 5}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] } }], ports: [{ port: 8080 }] }],
        policyTypes: ['Ingress'],
      }),
      np(ns, 'db-egress', {
        podSelector: { matchLabels: { tier: 'db' } },
        egress: [
          { to: [{ ipBlock: { cidr: '10.0.0.0/8', except: [`10.16.${(n & 63) * 4}.0/24`] } }], ports: [{ port: 9000, endPort: 9002 }] },
          { ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
        ],
        policyTypes: ['Egress'],
      }),
      np(ns, 'metrics-from-prod', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['app1', 'app2', 'app3'] }] },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } } }, { ipBlock: { cidr: '10.16.0.0/16' } }], ports: [{ port: 'metrics' }] }],
      }),
    ];
    for (let k = list.length; k < policiesPerNs; k++) {
      list.push(
        np(ns, `app-${k}`, {
          podSelector: { matchLabels: { app: `app${(k * 3 + n) % 20}` } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: `app${(k * 7 + n) % 20}` } }, namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } }], ports: [{ port: 8080 }, { port: 9001 }] }],
          egress: k % 2 ? [{ to: [{ podSelector: {} }] }] : [],
          policyTypes: k % 3 ? ['Ingress'] : ['Ingress', 'Egress'],
        }),
      );
    }
    policies.push(...list);
  }
  return { namespaces: nss, pods, policies, services: [], externalHosts: [], appResponses: [] };
}
