/**
 * The files kubeadm 1.32 writes on a control-plane node and a worker: static pod manifests, the
 * kubelet's config and drop-in, kubeconfigs. The texts are what `kubeadm init` / `kubeadm join`
 * 1.32 leave on disk (cmd/kubeadm/app/phases/controlplane/manifests.go, etcd/local.go,
 * kubelet/config.go, the kubeadm deb's 10-kubeadm.conf) for a control plane at 192.168.0.2,
 * podSubnet 10.244.0.0/16, serviceSubnet 10.96.0.0/12, the containerd socket.
 */

export interface ControlPlaneParams {
  ip: string;
  /** e.g. 'v1.32.0' */
  version: string;
  etcdImage: string;
}

const probe = (host: string, path: string, port: number, scheme: string, extra: string) =>
  `      failureThreshold: ${extra === 'readiness' ? 3 : extra === 'startup' ? 24 : 8}
      httpGet:
        host: ${host}
        path: ${path}
        port: ${port}
        scheme: ${scheme}
${extra === 'readiness' ? '' : '      initialDelaySeconds: 10\n'}      periodSeconds: ${extra === 'readiness' ? 1 : 10}
      timeoutSeconds: 15
`;

const tail = (volumes: string) => `  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${volumes}status: {}
`;

const hostPath = (name: string, path: string, type: string) => `  - hostPath:
      path: ${path}
      type: ${type}
    name: ${name}
`;

export function etcdManifest(p: ControlPlaneParams): string {
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://${p.ip}:2379
  creationTimestamp: null
  labels:
    component: etcd
    tier: control-plane
  name: etcd
  namespace: kube-system
spec:
  containers:
  - command:
    - etcd
    - --advertise-client-urls=https://${p.ip}:2379
    - --cert-file=/etc/kubernetes/pki/etcd/server.crt
    - --client-cert-auth=true
    - --data-dir=/var/lib/etcd
    - --experimental-initial-corrupt-check=true
    - --experimental-watch-progress-notify-interval=5s
    - --initial-advertise-peer-urls=https://${p.ip}:2380
    - --initial-cluster=controlplane=https://${p.ip}:2380
    - --key-file=/etc/kubernetes/pki/etcd/server.key
    - --listen-client-urls=https://127.0.0.1:2379,https://${p.ip}:2379
    - --listen-metrics-urls=http://127.0.0.1:2381
    - --listen-peer-urls=https://${p.ip}:2380
    - --name=controlplane
    - --peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt
    - --peer-client-cert-auth=true
    - --peer-key-file=/etc/kubernetes/pki/etcd/peer.key
    - --peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    - --snapshot-count=10000
    - --trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt
    image: ${p.etcdImage}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('127.0.0.1', '/livez', 2381, 'HTTP', 'liveness')}    name: etcd
    readinessProbe:
${probe('127.0.0.1', '/readyz', 2381, 'HTTP', 'readiness')}    resources:
      requests:
        cpu: 100m
        memory: 100Mi
    startupProbe:
${probe('127.0.0.1', '/readyz', 2381, 'HTTP', 'startup')}    volumeMounts:
    - mountPath: /var/lib/etcd
      name: etcd-data
    - mountPath: /etc/kubernetes/pki/etcd
      name: etcd-certs
${tail(hostPath('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate') + hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate'))}`;
}

const caVolumes = ['ca-certs:/etc/ssl/certs', 'etc-ca-certificates:/etc/ca-certificates'];
const shareVolumes = ['usr-local-share-ca-certificates:/usr/local/share/ca-certificates', 'usr-share-ca-certificates:/usr/share/ca-certificates'];

function mountsAndVolumes(list: string[], files: Record<string, string> = {}): { mounts: string; volumes: string } {
  const sorted = [...list].sort((a, b) => (a.split(':')[1]! < b.split(':')[1]! ? -1 : 1));
  const mounts = sorted
    .map((e) => {
      const [name, path] = e.split(':') as [string, string];
      return `    - mountPath: ${path}\n      name: ${name}\n${files[name] ? '' : '      readOnly: true\n'}`;
    })
    .join('');
  const volumes = [...list]
    .sort((a, b) => (a.split(':')[0]! < b.split(':')[0]! ? -1 : 1))
    .map((e) => {
      const [name, path] = e.split(':') as [string, string];
      return hostPath(name, path, files[name] ?? 'DirectoryOrCreate');
    })
    .join('');
  return { mounts, volumes };
}

export function apiServerManifest(p: ControlPlaneParams): string {
  const { mounts, volumes } = mountsAndVolumes([...caVolumes, 'k8s-certs:/etc/kubernetes/pki', ...shareVolumes]);
  return `apiVersion: v1
kind: Pod
metadata:
  annotations:
    kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint: ${p.ip}:6443
  creationTimestamp: null
  labels:
    component: kube-apiserver
    tier: control-plane
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-apiserver
    - --advertise-address=${p.ip}
    - --allow-privileged=true
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --enable-bootstrap-token-auth=true
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname
    - --proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt
    - --proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key
    - --requestheader-allowed-names=front-proxy-client
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --requestheader-extra-headers-prefix=X-Remote-Extra-
    - --requestheader-group-headers=X-Remote-Group
    - --requestheader-username-headers=X-Remote-User
    - --secure-port=6443
    - --service-account-issuer=https://kubernetes.default.svc.cluster.local
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=10.96.0.0/12
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
    image: registry.k8s.io/kube-apiserver:${p.version}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe(p.ip, '/livez', 6443, 'HTTPS', 'liveness')}    name: kube-apiserver
    readinessProbe:
${probe(p.ip, '/readyz', 6443, 'HTTPS', 'readiness')}    resources:
      requests:
        cpu: 250m
    startupProbe:
${probe(p.ip, '/livez', 6443, 'HTTPS', 'startup')}    volumeMounts:
${mounts}${tail(volumes)}`;
}

export function controllerManagerManifest(p: ControlPlaneParams): string {
  const { mounts, volumes } = mountsAndVolumes(
    [...caVolumes, 'flexvolume-dir:/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'k8s-certs:/etc/kubernetes/pki', 'kubeconfig:/etc/kubernetes/controller-manager.conf', ...shareVolumes],
    { 'flexvolume-dir': 'DirectoryOrCreate', kubeconfig: 'FileOrCreate' },
  );
  return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-controller-manager
    tier: control-plane
  name: kube-controller-manager
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-controller-manager
    - --allocate-node-cidrs=true
    - --authentication-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --authorization-kubeconfig=/etc/kubernetes/controller-manager.conf
    - --bind-address=127.0.0.1
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --cluster-cidr=10.244.0.0/16
    - --cluster-name=kubernetes
    - --cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt
    - --cluster-signing-key-file=/etc/kubernetes/pki/ca.key
    - --controllers=*,bootstrapsigner,tokencleaner
    - --kubeconfig=/etc/kubernetes/controller-manager.conf
    - --leader-elect=true
    - --requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt
    - --root-ca-file=/etc/kubernetes/pki/ca.crt
    - --service-account-private-key-file=/etc/kubernetes/pki/sa.key
    - --service-cluster-ip-range=10.96.0.0/12
    - --use-service-account-credentials=true
    image: registry.k8s.io/kube-controller-manager:${p.version}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('127.0.0.1', '/healthz', 10257, 'HTTPS', 'liveness')}    name: kube-controller-manager
    resources:
      requests:
        cpu: 200m
    startupProbe:
${probe('127.0.0.1', '/healthz', 10257, 'HTTPS', 'startup')}    volumeMounts:
${mounts}${tail(volumes)}`;
}

export function schedulerManifest(p: ControlPlaneParams): string {
  return `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    component: kube-scheduler
    tier: control-plane
  name: kube-scheduler
  namespace: kube-system
spec:
  containers:
  - command:
    - kube-scheduler
    - --authentication-kubeconfig=/etc/kubernetes/scheduler.conf
    - --authorization-kubeconfig=/etc/kubernetes/scheduler.conf
    - --bind-address=127.0.0.1
    - --kubeconfig=/etc/kubernetes/scheduler.conf
    - --leader-elect=true
    image: registry.k8s.io/kube-scheduler:${p.version}
    imagePullPolicy: IfNotPresent
    livenessProbe:
${probe('127.0.0.1', '/healthz', 10259, 'HTTPS', 'liveness')}    name: kube-scheduler
    resources:
      requests:
        cpu: 100m
    startupProbe:
${probe('127.0.0.1', '/healthz', 10259, 'HTTPS', 'startup')}    volumeMounts:
    - mountPath: /etc/kubernetes/scheduler.conf
      name: kubeconfig
      readOnly: true
${tail(hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate'))}`;
}

/** /var/lib/kubelet/config.yaml as kubeadm 1.32 writes it (the KubeletConfiguration with its defaults). */
export function kubeletConfig(): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
crashLoopBackOff: {}
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/** The kubeadm deb's drop-in (kubernetes/release, cmd/krel/templates/latest/kubeadm/10-kubeadm.conf). */
export const KUBEADM_DROP_IN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** The kubelet deb's unit (kubernetes/release, cmd/krel/templates/latest/kubelet/kubelet.service). */
export const KUBELET_UNIT = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

export const KUBEADM_FLAGS_ENV = `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"
`;

export const CNI_CONFLIST = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

const b64 = (s: string) => {
  // Base64 of ASCII text (PEM), without Buffer: the pure core stays free of node globals it does not need.
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < s.length; i += 3) {
    const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
    const n = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += chars[(n >> 18) & 63]! + chars[(n >> 12) & 63]! + (i + 1 < s.length ? chars[(n >> 6) & 63]! : '=') + (i + 2 < s.length ? chars[n & 63]! : '=');
  }
  return out;
};

/** A kubeconfig as kubeadm writes it: the CA, the server, a client certificate embedded. */
export function kubeconfig(opts: { server: string; user: string; caPem: string; certPem: string; keyPem: string }): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(opts.caPem)}
    server: ${opts.server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${opts.user}
  name: ${opts.user}@kubernetes
current-context: ${opts.user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${opts.user}
  user:
    client-certificate-data: ${b64(opts.certPem)}
    client-key-data: ${b64(opts.keyPem)}
`;
}

/** The kubelet's kubeconfig after the TLS bootstrap: it points at the rotated pair on disk. */
export function kubeletKubeconfig(opts: { server: string; node: string; caPem: string }): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${b64(opts.caPem)}
    server: ${opts.server}
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: system:node:${opts.node}
  name: system:node:${opts.node}@kubernetes
current-context: system:node:${opts.node}@kubernetes
kind: Config
preferences: {}
users:
- name: system:node:${opts.node}
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem
`;
}
