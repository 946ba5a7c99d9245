/**
 * The upstream e2e model (kubernetes/kubernetes test/e2e/network/netpol/model.go and
 * reachability.go), rebuilt as a NetpolWorld: namespaces x, y, z labelled `ns=<name>` (plus the
 * API server's kubernetes.io/metadata.name), pods labelled `pod=<name>`, one container per
 * port×protocol named `cont-<port>-<proto>` serving the port named `serve-<port>-<proto>`.
 */
import type { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, LabelSelector, Namespace, Pod, Protocol, Service } from '../../server/api/index.js';
import type { NetpolWorld } from '../../server/netpol/index.js';

export function nsObject(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

export function podObject(
  ns: string,
  name: string,
  labels: Record<string, string>,
  ip: string | undefined,
  ports: { port: number; protocol: Protocol; name?: string; container?: string }[],
  image = 'registry.k8s.io/e2e-test-images/agnhost:2.52',
): Pod {
  const containers = ports.length
    ? ports.map((p) => ({
        name: p.container ?? `cont-${p.port}-${p.protocol.toLowerCase()}`,
        image,
        ports: [{ containerPort: p.port, protocol: p.protocol, ...(p.name ? { name: p.name } : {}) }],
      }))
    : [{ name: 'main', image }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels },
    spec: { containers, nodeName: 'node01' },
    status: { phase: 'Running', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), hostIP: '192.168.0.11' },
  };
}

export interface ModelOptions {
  pods: readonly string[];
  ports: readonly number[];
  protocols: readonly Protocol[];
}

const NS_INDEX: Record<string, number> = { x: 1, y: 2, z: 3 };
const POD_INDEX: Record<string, number> = { a: 10, b: 11, c: 12 };

/** Pod IPs are fixed: x/a = 10.244.1.10, y/b = 10.244.2.11, ... */
export function modelIp(podString: string): string {
  const [ns, pod] = podString.split('/') as [string, string];
  return `10.244.${NS_INDEX[ns]}.${POD_INDEX[pod]}`;
}

export function modelWorld(o: ModelOptions, nsLabels: Record<string, Record<string, string>> = {}, podLabels: Record<string, Record<string, string>> = {}): NetpolWorld {
  const namespaces = ['x', 'y', 'z'].map((n) => nsObject(n, { ns: n, ...(nsLabels[n] ?? {}) }));
  const pods = o.pods.map((ps) => {
    const [ns, name] = ps.split('/') as [string, string];
    const ports = o.ports.flatMap((port) => o.protocols.map((protocol) => ({ port, protocol, name: `serve-${port}-${protocol.toLowerCase()}` })));
    return podObject(ns, name, podLabels[ps] ?? { pod: name }, modelIp(ps), ports);
  });
  const services: Service[] = [];
  return { namespaces, pods, policies: [], services, externalHosts: [], appResponses: [] };
}

// ---- policies.go builders ----
export function policy(
  name: string,
  namespace: string,
  podSelector: LabelSelector,
  opts: { ingress?: NetworkPolicyIngressRule[]; egress?: NetworkPolicyEgressRule[]; policyTypes?: ('Ingress' | 'Egress')[] },
): NetworkPolicy {
  const policyTypes: ('Ingress' | 'Egress')[] = opts.policyTypes ?? [...(opts.ingress ? ['Ingress' as const] : []), ...(opts.egress ? ['Egress' as const] : [])];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: { podSelector, ...(opts.ingress ? { ingress: opts.ingress } : {}), ...(opts.egress ? { egress: opts.egress } : {}), policyTypes },
  };
}

// ---- reachability.go ----
export interface Peer {
  namespace?: string;
  pod?: string;
}

function peerMatches(p: Peer, podString: string): boolean {
  const [ns, pod] = podString.split('/');
  return (p.namespace === undefined || p.namespace === ns) && (p.pod === undefined || p.pod === pod);
}

export class Reachability {
  readonly expected = new Map<string, boolean>();
  constructor(readonly pods: readonly string[], def: boolean) {
    for (const a of pods) for (const b of pods) this.expected.set(`${a}>${b}`, def);
  }
  expect(from: string, to: string, v: boolean): void {
    this.expected.set(`${from}>${to}`, v);
  }
  expectPeer(from: Peer, to: Peer, v: boolean): void {
    for (const a of this.pods) for (const b of this.pods) if (peerMatches(from, a) && peerMatches(to, b)) this.expect(a, b, v);
  }
  expectAllIngress(pod: string, v: boolean): void {
    for (const a of this.pods) this.expect(a, pod, v);
  }
  expectAllEgress(pod: string, v: boolean): void {
    for (const b of this.pods) this.expect(pod, b, v);
  }
  get(from: string, to: string): boolean {
    return this.expected.get(`${from}>${to}`)!;
  }
}

/** truthtable.go's layout: a header of destinations, one row per source, `.` connected, `X` not. */
export function printTruthTable(pods: readonly string[], at: (from: string, to: string) => boolean): string {
  const lines = ['-\t' + pods.join('\t')];
  for (const a of pods) lines.push(a + '\t' + pods.map((b) => (at(a, b) ? '.' : 'X')).join('\t'));
  return lines.join('\n') + '\n';
}
