/**
 * What a fresh kubeadm cluster holds before anyone types anything: the four namespaces,
 * the control-plane node, the kube-system pods and the `kubernetes` and `kube-dns` services.
 * Manifests here go through the same create path as a learner's.
 */
export const CLUSTER_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export const KUBE_DNS_IP = '10.96.0.10';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';

export interface NodeSpec {
  name: string;
  ip: string;
  controlPlane: boolean;
  podCidrIndex: number;
}

/**
 * `tainted`: kubeadm taints the control-plane node NoSchedule; a lab with worker nodes keeps that
 * taint (as KodeKloud's and killer.sh's clusters do), a single-node lab has it removed so its
 * pods can run, as single-node playgrounds do.
 */
export function nodeManifest(n: NodeSpec, created: string, tainted = false): Record<string, unknown> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': n.name,
    'kubernetes.io/os': 'linux',
  };
  if (n.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `10.244.${n.podCidrIndex}.0/24`,
      podCIDRs: [`10.244.${n.podCidrIndex}.0/24`],
      ...(n.controlPlane && tainted ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
    },
    status: {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: { cpu: '16', 'ephemeral-storage': '712126563583', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '65735884Ki', pods: '110' },
      capacity: { cpu: '16', 'ephemeral-storage': '772706776Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '65838284Ki', pods: '110' },
      conditions: [
        ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
      ].map(([type, status, reason, message]) => ({ lastHeartbeatTime: created, lastTransitionTime: created, message, reason, status, type })),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: '5f3e5b7e-4a53-4c1c-9a53-7c1f1f4b2a6e',
        containerRuntimeVersion: 'containerd://1.6.26',
        kernelVersion: '5.15.0-1083-gcp',
        kubeProxyVersion: 'v1.32.0',
        kubeletVersion: 'v1.32.0',
        machineID: 'b8f3c1d1e9a64a3b8f2f6c5d4e3a2b1c',
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.5 LTS',
        systemUUID: 'b8f3c1d1-e9a6-4a3b-8f2f-6c5d4e3a2b1c',
      },
    },
  };
}

/** A stable 32-hex-digit stand-in for the kubelet's md5 of a static pod's manifest. */
function configHash(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * A kubeadm static pod as its mirror pod shows it: the kubelet's config.* annotations (which also
 * keep the ServiceAccount admission away) and the cpu/memory requests kubeadm's manifests set.
 */
const staticPod = (name: string, component: string, image: string, node: string, created: string, requests: Record<string, string>) => {
  const hash = configHash(`${name}-${node}`);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${name}-${node}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': hash,
        'kubernetes.io/config.mirror': hash,
        'kubernetes.io/config.seen': created,
        'kubernetes.io/config.source': 'file',
      },
    },
    spec: {
      hostNetwork: true,
      nodeName: node,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      containers: [{ name, image, resources: { requests } }],
    },
  };
};

/** kube-system's pods and services on a kubeadm control plane. */
/** The control-plane node's address (cluster.ts gives it to the node). */
const CONTROL_PLANE_IP = '192.168.0.2';

export function systemManifests(controlPlane: string, created: string): Record<string, unknown>[] {
  return [
    staticPod('etcd', 'etcd', 'registry.k8s.io/etcd:3.5.16-0', controlPlane, created, { cpu: '100m', memory: '100Mi' }),
    staticPod('kube-apiserver', 'kube-apiserver', 'registry.k8s.io/kube-apiserver:v1.32.0', controlPlane, created, { cpu: '250m' }),
    staticPod('kube-controller-manager', 'kube-controller-manager', 'registry.k8s.io/kube-controller-manager:v1.32.0', controlPlane, created, { cpu: '200m' }),
    staticPod('kube-scheduler', 'kube-scheduler', 'registry.k8s.io/kube-scheduler:v1.32.0', controlPlane, created, { cpu: '100m' }),
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.3',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
              },
            ],
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: KUBE_DNS_IP,
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: KUBERNETES_SERVICE_IP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    },
    {
      // The API server keeps the kubernetes Service's Endpoints itself (no selector): its own address.
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: CONTROL_PLANE_IP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
    },
  ];
}
