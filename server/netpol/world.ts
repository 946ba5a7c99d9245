/**
 * What the engine reasons about: plain objects, so it can be fed by the cluster, a scenario,
 * a test or `ckalab reach`. `indexWorld` derives the lookups once (namespace labels, pods by
 * IP, services by ClusterIP) and adds the cluster DNS (CoreDNS) when the world has none.
 */
import type {
  AppResponse,
  ClusterApi,
  ExternalHost,
  Namespace,
  NetworkPolicy,
  Node,
  Pod,
  Protocol,
  Service,
} from './deps.js';
import { resourceTypeForKind } from './deps.js';

export interface NetpolWorld {
  namespaces: readonly Namespace[];
  pods: readonly Pod[];
  policies: readonly NetworkPolicy[];
  services: readonly Service[];
  externalHosts: readonly ExternalHost[];
  appResponses: readonly AppResponse[];
  nodes?: readonly Node[];
}

export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
export const CLUSTER_DOMAIN = 'cluster.local';
export const KUBE_DNS_IP = '10.96.0.10';
/** Where the simulated CoreDNS pods live when the world has none of its own. */
export const COREDNS_POD_IPS = ['10.244.0.2', '10.244.0.3'] as const;

/** A pod as the engine sees it: identity, labels, IP, ports and image. */
export interface PodInfo {
  namespace: string;
  name: string;
  /** `ns/name`, as upstream's PodString. */
  key: string;
  labels: Readonly<Record<string, string>>;
  ip?: string;
  nodeName?: string;
  hostNetwork: boolean;
  ports: readonly DeclaredPort[];
  containers: readonly { name: string; image: string; ports: readonly DeclaredPort[] }[];
  /** Not part of the world the user wrote (the simulated CoreDNS). */
  synthetic: boolean;
  pod: Pod;
}

export interface DeclaredPort {
  port: number;
  protocol: Protocol;
  name?: string;
  container: string;
}

export interface IndexedWorld {
  world: NetpolWorld;
  pods: readonly PodInfo[];
  podByKey: ReadonlyMap<string, PodInfo>;
  podByIp: ReadonlyMap<string, PodInfo>;
  namespaceLabels: ReadonlyMap<string, Readonly<Record<string, string>>>;
  servicesByIp: ReadonlyMap<string, Service>;
  /** The world's Services, plus kube-dns when the world has none. */
  services: readonly Service[];
  nodeIps: ReadonlySet<string>;
  /** The pods answering kube-dns (k8s-app=kube-dns in kube-system). */
  dnsPods: readonly PodInfo[];
}

export function podInfo(pod: Pod, synthetic = false): PodInfo {
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const containers = (pod.spec?.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image ?? '',
    ports: (c.ports ?? []).map((p) => ({
      port: p.containerPort,
      protocol: p.protocol ?? 'TCP',
      ...(p.name !== undefined ? { name: p.name } : {}),
      container: c.name,
    })),
  }));
  const ip = pod.status?.podIP;
  return {
    namespace,
    name,
    key: `${namespace}/${name}`,
    labels: pod.metadata.labels ?? {},
    ...(ip ? { ip } : {}),
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    hostNetwork: pod.spec?.hostNetwork === true,
    ports: containers.flatMap((c) => c.ports),
    containers,
    synthetic,
    pod,
  };
}

/** The kube-dns Service of a kubeadm cluster, for worlds that do not list it. */
export function syntheticKubeDnsService(): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: KUBE_DNS_IP,
      clusterIPs: [KUBE_DNS_IP],
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  };
}

/** The CoreDNS pods a kubeadm cluster runs, for worlds that do not list them. */
export function syntheticDnsPods(): Pod[] {
  return COREDNS_POD_IPS.map((ip, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `coredns-668d6bf9bc-${['4kq7x', 'z9d2m'][i]}`, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' } },
    spec: {
      containers: [
        {
          name: 'coredns',
          image: 'registry.k8s.io/coredns/coredns:v1.11.3',
          ports: [
            { name: 'dns', containerPort: 53, protocol: 'UDP' },
            { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
            { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
          ],
        },
      ],
      nodeName: 'controlplane',
    },
    status: { phase: 'Running', podIP: ip },
  }));
}

export function indexWorld(world: NetpolWorld): IndexedWorld {
  const namespaceLabels = new Map<string, Readonly<Record<string, string>>>();
  for (const ns of world.namespaces) {
    const name = ns.metadata.name ?? '';
    namespaceLabels.set(name, { ...(ns.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: name });
  }
  const pods = world.pods.map((p) => podInfo(p));
  const isDns = (p: PodInfo): boolean => p.namespace === 'kube-system' && p.labels['k8s-app'] === 'kube-dns';
  let dnsPods = pods.filter(isDns);
  const all = [...pods];
  if (dnsPods.length === 0) {
    dnsPods = syntheticDnsPods().map((p) => podInfo(p, true));
    all.push(...dnsPods);
  }
  for (const p of all) {
    if (!namespaceLabels.has(p.namespace)) namespaceLabels.set(p.namespace, { [NAMESPACE_NAME_LABEL]: p.namespace });
  }
  for (const pol of world.policies) {
    const ns = pol.metadata.namespace ?? 'default';
    if (!namespaceLabels.has(ns)) namespaceLabels.set(ns, { [NAMESPACE_NAME_LABEL]: ns });
  }
  const podByKey = new Map<string, PodInfo>();
  const podByIp = new Map<string, PodInfo>();
  for (const p of all) {
    podByKey.set(p.key, p);
    if (p.ip && !p.hostNetwork && !podByIp.has(p.ip)) podByIp.set(p.ip, p);
  }
  const servicesByIp = new Map<string, Service>();
  const services = [...world.services];
  if (!services.some((s) => s.spec?.clusterIP === KUBE_DNS_IP)) services.push(syntheticKubeDnsService());
  for (const s of services) {
    for (const ip of [s.spec?.clusterIP, ...(s.spec?.clusterIPs ?? [])]) if (ip && ip !== 'None') servicesByIp.set(ip, s);
  }
  const nodeIps = new Set<string>();
  for (const n of world.nodes ?? []) {
    const addresses = (n.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
    for (const a of addresses) if (a.type === 'InternalIP' || a.type === 'ExternalIP') nodeIps.add(a.address);
  }
  for (const p of all) {
    const hostIP = p.pod.status?.hostIP;
    if (hostIP) nodeIps.add(hostIP);
    if (p.hostNetwork && p.ip) nodeIps.add(p.ip);
  }
  return { world, pods: all, podByKey, podByIp, namespaceLabels, servicesByIp, services, nodeIps, dnsPods };
}

/** The world as a cluster holds it now. */
export function worldFromCluster(cluster: ClusterApi): NetpolWorld {
  const list = <T>(kind: string): T[] => {
    const t = resourceTypeForKind(kind);
    return t ? (cluster.list(t) as unknown as T[]) : [];
  };
  return {
    namespaces: list<Namespace>('Namespace'),
    pods: list<Pod>('Pod'),
    policies: list<NetworkPolicy>('NetworkPolicy'),
    services: list<Service>('Service'),
    nodes: list<Node>('Node'),
    externalHosts: cluster.externalHosts,
    appResponses: cluster.appResponses,
  };
}
