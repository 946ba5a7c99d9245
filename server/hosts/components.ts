/**
 * Whether a control-plane static pod would come up: its command's flags are ones the binary knows
 * (`Error: unknown flag: --x`, cobra's message), the files its flags name exist on the host and
 * are mounted into the container, and its image is one the registry has. A component that would
 * not start is a problem; the API server's or etcd's stops kubectl, the scheduler's leaves pods Pending.
 */
import type { Vfs } from '../shell/index.js';

export interface ComponentProblem {
  reason: 'flag' | 'file' | 'image' | 'manifest' | 'missing' | 'etcd';
  /** What the container prints before it exits (crictl logs, kubectl logs). */
  message: string;
}

const COMMON = ['v', 'vmodule', 'logging-format', 'log-flush-frequency', 'feature-gates', 'kubeconfig', 'bind-address', 'secure-port', 'tls-cert-file', 'tls-private-key-file', 'tls-cipher-suites', 'tls-min-version', 'authentication-kubeconfig', 'authorization-kubeconfig', 'leader-elect', 'profiling', 'master'];

const KNOWN: Record<string, string[]> = {
  'kube-apiserver': [
    'advertise-address', 'allow-privileged', 'authorization-mode', 'client-ca-file', 'enable-admission-plugins', 'disable-admission-plugins', 'enable-bootstrap-token-auth',
    'etcd-cafile', 'etcd-certfile', 'etcd-keyfile', 'etcd-servers', 'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-preferred-address-types',
    'proxy-client-cert-file', 'proxy-client-key-file', 'requestheader-allowed-names', 'requestheader-client-ca-file', 'requestheader-extra-headers-prefix',
    'requestheader-group-headers', 'requestheader-username-headers', 'service-account-issuer', 'service-account-key-file', 'service-account-signing-key-file',
    'service-cluster-ip-range', 'service-node-port-range', 'audit-log-path', 'audit-policy-file', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize',
    'encryption-provider-config', 'runtime-config', 'anonymous-auth', 'enable-aggregator-routing', 'event-ttl', 'max-requests-inflight', 'token-auth-file',
    'kubelet-certificate-authority', 'oidc-issuer-url', 'oidc-client-id', 'storage-backend', 'apiserver-count', 'endpoint-reconciler-type',
  ],
  'kube-controller-manager': [
    'allocate-node-cidrs', 'client-ca-file', 'cluster-cidr', 'cluster-name', 'cluster-signing-cert-file', 'cluster-signing-key-file', 'controllers', 'requestheader-client-ca-file',
    'root-ca-file', 'service-account-private-key-file', 'service-cluster-ip-range', 'use-service-account-credentials', 'node-monitor-grace-period', 'node-monitor-period',
    'terminated-pod-gc-threshold', 'node-cidr-mask-size', 'cluster-signing-duration', 'horizontal-pod-autoscaler-sync-period',
  ],
  'kube-scheduler': ['config', 'policy-config-file', 'leader-elect-lease-duration'],
  etcd: [
    'advertise-client-urls', 'cert-file', 'client-cert-auth', 'data-dir', 'experimental-initial-corrupt-check', 'experimental-watch-progress-notify-interval',
    'initial-advertise-peer-urls', 'initial-cluster', 'initial-cluster-state', 'initial-cluster-token', 'key-file', 'listen-client-urls', 'listen-metrics-urls',
    'listen-peer-urls', 'name', 'peer-cert-file', 'peer-client-cert-auth', 'peer-key-file', 'peer-trusted-ca-file', 'snapshot-count', 'trusted-ca-file', 'quota-backend-bytes', 'auto-compaction-retention',
  ],
};

const IMAGES = new Set(['v1.31.0', 'v1.31.1', 'v1.31.2', 'v1.31.3', 'v1.31.4', 'v1.31.5', 'v1.31.6', 'v1.32.0', 'v1.32.1', 'v1.32.2', 'v1.32.3']);
const ETCD_IMAGES = new Set(['3.5.15-0', '3.5.16-0', '3.5.21-0']);

/** File-valued flags (their files must exist on the host and be inside a mounted hostPath). */
const FILE_FLAG = /(file|cafile|certfile|keyfile|kubeconfig|certificate|client-key|-key|config)$/;

export function checkComponent(component: string, pod: any, fs: Vfs, _version: string, exists: (path: string) => boolean = (p) => fs.read(p) !== undefined): ComponentProblem | undefined {
  const c = pod?.spec?.containers?.[0];
  if (!c) return { reason: 'manifest', message: 'no container' };
  const image = String(c.image ?? '');
  const tag = image.slice(image.lastIndexOf(':') + 1);
  const repo = image.slice(0, image.lastIndexOf(':'));
  if (component === 'etcd' ? repo !== 'registry.k8s.io/etcd' || !ETCD_IMAGES.has(tag) : repo !== `registry.k8s.io/${component}` || !IMAGES.has(tag)) {
    return { reason: 'image', message: `failed to pull and unpack image "${image.includes('/') ? image : `docker.io/library/${image}`}": not found` };
  }
  const known = KNOWN[component];
  const command: string[] = (c.command ?? []).map(String);
  if (!known) return undefined;
  const mounts: string[] = (c.volumeMounts ?? []).map((m: any) => {
    const v = (pod.spec.volumes ?? []).find((x: any) => x.name === m.name);
    return `${m.mountPath}=${v?.hostPath?.path ?? ''}`;
  });
  for (const arg of command.slice(1)) {
    if (!arg.startsWith('--')) continue;
    const name = arg.slice(2).split('=')[0]!;
    if (!known.includes(name) && !COMMON.includes(name)) return { reason: 'flag', message: `Error: unknown flag: --${name}` };
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : '';
    if (FILE_FLAG.test(name) && value.startsWith('/')) {
      const mount = mounts.map((m) => m.split('=') as [string, string]).find(([mp]) => value === mp || value.startsWith(`${mp}/`));
      const hostPath = mount ? mount[1] + value.slice(mount[0].length) : undefined;
      if (!hostPath || !exists(hostPath)) return { reason: 'file', message: `open ${value}: no such file or directory` };
    }
    if (component === 'kube-apiserver' && name === 'etcd-servers' && !/^https:\/\/(127\.0\.0\.1|localhost|192\.168\.0\.2|controlplane):2379$/.test(value)) {
      return { reason: 'etcd', message: `F1130 00:00:00.000000       1 instance.go:226] Error creating leases: error creating storage factory: context deadline exceeded` };
    }
  }
  return undefined;
}
