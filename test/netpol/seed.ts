/**
 * The seed's cluster (/work/shared/seeds/000_53140d27f0182da5.txt: the CKA "Network Policies"
 * lab): pods external, internal, mysql and payroll in default, their services, payroll-policy,
 * and the learner's internal-policy; plus the seed's three example manifests.
 */
import type { NetworkPolicy, Service } from '../../server/api/index.js';
import type { NetpolWorld } from '../../server/netpol/index.js';
import { nsObject, podObject } from './model.js';

export const payrollPolicy: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'payroll-policy', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { name: 'payroll' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { name: 'internal' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
  },
};

export const internalPolicy: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'internal-policy', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { name: 'internal' } },
    policyTypes: ['Egress'],
    egress: [
      { to: [{ podSelector: { matchLabels: { name: 'payroll' } } }], ports: [{ protocol: 'TCP', port: 8080 }] },
      { to: [{ podSelector: { matchLabels: { name: 'mysql' } } }], ports: [{ protocol: 'TCP', port: 3306 }] },
    ],
  },
};

/** internal-policy plus DNS, as the lab's full solution. */
export const internalPolicyWithDns: NetworkPolicy = {
  ...internalPolicy,
  spec: { ...internalPolicy.spec, egress: [...internalPolicy.spec.egress!, { ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] },
};

export const allowFrontendToBackend: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'allow-frontend-to-backend', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { app: 'backend' } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 80 }] }],
  },
};

export const restrictEgress: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'restrict-egress', namespace: 'default' },
  spec: {
    podSelector: { matchLabels: { app: 'backend' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.10/32' } }], ports: [{ protocol: 'TCP', port: 3306 }] }],
  },
};

export const denyAll: NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny-all', namespace: 'default' },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
};

function svc(name: string, selector: Record<string, string>, clusterIP: string, port: number, nodePort?: number): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: {
      type: nodePort ? 'NodePort' : 'ClusterIP',
      selector,
      clusterIP,
      clusterIPs: [clusterIP],
      ports: [{ port, protocol: 'TCP', targetPort: port, ...(nodePort ? { nodePort } : {}) }],
    },
  };
}

export function seedWorld(policies: NetworkPolicy[] = [payrollPolicy]): NetpolWorld {
  const conntest = 'kodekloud/webapp-conntest';
  return {
    namespaces: [nsObject('default'), nsObject('kube-system')],
    pods: [
      podObject('default', 'external', { name: 'external' }, '10.244.0.5', [{ port: 8080, protocol: 'TCP', container: 'external' }], conntest),
      podObject('default', 'internal', { name: 'internal' }, '10.244.0.6', [{ port: 8080, protocol: 'TCP', container: 'internal' }], conntest),
      podObject('default', 'mysql', { name: 'mysql' }, '10.244.0.7', [{ port: 3306, protocol: 'TCP', container: 'mysql-container' }], 'mysql:5.6'),
      podObject('default', 'payroll', { name: 'payroll' }, '10.244.0.8', [{ port: 8080, protocol: 'TCP', container: 'payroll' }], 'kodekloud/webapp-color'),
    ],
    services: [
      svc('external-service', { name: 'external' }, '10.96.43.2', 8080, 30080),
      svc('internal-service', { name: 'internal' }, '10.96.43.3', 8080, 30082),
      svc('payroll-service', { name: 'payroll' }, '10.96.43.4', 8080, 30083),
      svc('db-service', { name: 'mysql' }, '10.96.43.5', 3306),
    ],
    policies,
    externalHosts: [],
    appResponses: [],
  };
}
