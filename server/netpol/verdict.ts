/** A decision, as data rich enough to explain itself (explain.ts only prints it). */
import type { ExternalHost } from './deps.js';
import type { ConnProtocol } from './compile.js';
import type { PodInfo } from './world.js';

/** One end of a connection, after Services and DNS names are resolved. */
export type Endpoint =
  | { kind: 'pod'; pod: PodInfo }
  /** A node's own address (kubelet, host-network pods). */
  | { kind: 'node'; ip: string }
  /** A host outside the cluster: declared by the scenario, or the internet at large. */
  | { kind: 'external'; ip: string; host?: ExternalHost };

export type PeerMiss =
  /** podSelector-only peer: the pod is in another namespace than the policy. */
  | { peer: number; reason: 'namespace'; policyNamespace: string; namespace: string }
  | { peer: number; reason: 'namespace-labels'; selector: string; namespace: string; labels: Readonly<Record<string, string>> }
  | { peer: number; reason: 'pod-labels'; selector: string; labels: Readonly<Record<string, string>> }
  | { peer: number; reason: 'cidr'; cidr: string; ip: string | undefined }
  | { peer: number; reason: 'except'; cidr: string; except: string; ip: string }
  /** A pod/namespace selector peer never matches an address outside the pod network. */
  | { peer: number; reason: 'not-a-pod'; ip: string }
  | { peer: number; reason: 'empty-peer' };

export type PeerResult =
  | { matched: true; via: 'all-peers' }
  | { matched: true; via: 'peer'; peer: number; description: string }
  | { matched: false; misses: readonly PeerMiss[] };

export type PortResult =
  | { matched: true; via: 'all-ports' }
  | { matched: true; via: 'port'; port: number; description: string }
  | { matched: false; allowed: readonly string[]; icmp: boolean };

export interface RuleResult {
  /** Index in spec.ingress / spec.egress. */
  index: number;
  peer: PeerResult;
  port: PortResult;
  admits: boolean;
}

export interface PolicyResult {
  namespace: string;
  name: string;
  rules: readonly RuleResult[];
  admits: boolean;
}

export type DirectionResult =
  /** The subject is no pod (a node or an outside host): nothing governs this direction here. */
  | { direction: 'Ingress' | 'Egress'; status: 'not-a-pod'; allowed: true }
  /** The node's own traffic into its pods: always allowed (NetworkPolicy API docs). */
  | { direction: 'Ingress'; status: 'from-node'; allowed: true }
  /** No policy selects the pod for this direction. */
  | { direction: 'Ingress' | 'Egress'; status: 'not-isolated'; subject: string; namespace: string; allowed: true }
  | { direction: 'Ingress' | 'Egress'; status: 'isolated'; subject: string; policies: readonly PolicyResult[]; allowed: boolean };

export interface Verdict {
  allowed: boolean;
  from: string;
  to: string;
  port: number;
  protocol: ConnProtocol;
  /** A pod talking to itself: always allowed (upstream leaves it undefined; the lab follows Calico and Cilium). */
  loopback: boolean;
  egress: DirectionResult;
  ingress: DirectionResult;
}

export function endpointName(e: Endpoint): string {
  switch (e.kind) {
    case 'pod':
      return e.pod.key;
    case 'node':
      return `node ${e.ip}`;
    case 'external':
      return e.host ? `${e.host.name} (${e.ip})` : e.ip;
  }
}
