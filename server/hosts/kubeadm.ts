/**
 * kubeadm 1.32 on a node: version, token create --print-join-command, join, upgrade plan|apply|node,
 * certs check-expiration|renew. Messages are kubeadm's (cmd/kubeadm/app/phases/upgrade/policy.go
 * EnforceVersionPolicies; cmd/kubeadm/app/cmd/upgrade/apply.go's closing lines; the preflight error
 * format "error execution phase preflight: ..." and "To see the stack trace of this error execute
 * with --v=5 or higher"). Long progress output is cut to the lines a learner reads.
 */
import type { CommandContext, CommandResult } from '../shell/index.js';
import { CONTROL_PLANE, etcdImageFor, hash, type Hosts } from './hosts.js';
import { parseCertificate, renewCertificate } from './pki/index.js';

const STACK = 'To see the stack trace of this error execute with --v=5 or higher\n';
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stdout: string, stderr: string): CommandResult => ({ stdout, stderr, exitCode: 1 });

type V = [number, number, number];
const parse = (v: string): V | undefined => {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
};
const cmp = (a: V, b: V) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

export function kubeadm(ctx: CommandContext, hosts: Hosts, host: string, now: number): CommandResult {
  const words = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const [verb, sub, arg] = words;
  const r = hosts.record(host);
  if (verb === 'version') {
    const v = r.versions.kubeadm;
    const oi = ctx.argv.findIndex((a) => a === '-o' || a === '--output');
    const o = oi >= 0 ? ctx.argv[oi + 1] : ctx.argv.find((a) => a.startsWith('--output=') || (a.startsWith('-o') && a.length > 2))?.replace(/^(--output=|-o)/, '');
    if (o === 'short') return ok(`${v}\n`);
    return ok(`kubeadm version: &version.Info{Major:"1", Minor:"${v.split('.')[1]}", GitVersion:"${v}", GitCommit:"${hash(v).slice(0, 32)}${hash(`${v}x`).slice(0, 8)}", GitTreeState:"clean", BuildDate:"2025-01-15T14:39:14Z", GoVersion:"go1.23.4", Compiler:"gc", Platform:"linux/amd64"}\n`);
  }
  if (verb === 'token' && sub === 'create') {
    if (host !== CONTROL_PLANE) return fail('', `failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\n${STACK}`);
    const tok = `${hash(`token${now}${hosts.tokens.length}`).slice(0, 6)}.${hash(`secret${now}${hosts.tokens.length}`).slice(0, 16)}`;
    hosts.tokens.push(tok);
    if (ctx.argv.includes('--print-join-command')) return ok(`kubeadm join 192.168.0.2:6443 --token ${tok} --discovery-token-ca-cert-hash sha256:${caHash(hosts)} \n`);
    return ok(`${tok}\n`);
  }
  if (verb === 'token' && sub === 'list') {
    let out = 'TOKEN                     TTL         EXPIRES                USAGES                   DESCRIPTION                                                EXTRA GROUPS\n';
    for (const t of hosts.tokens) out += `${t}   23h         ${new Date(now + 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')}   authentication,signing   <none>                                                     system:bootstrappers:kubeadm:default-node-token\n`;
    return ok(out);
  }
  if (verb === 'join') return join(ctx, hosts, host);
  if (verb === 'upgrade' && sub === 'plan') return plan(hosts, host);
  if (verb === 'upgrade' && sub === 'apply') return apply(ctx, hosts, host, arg);
  if (verb === 'upgrade' && sub === 'node') return upgradeNode(hosts, host);
  if (verb === 'certs' && sub === 'check-expiration') return certsCheckExpiration(hosts, host, now);
  if (verb === 'certs' && sub === 'renew') return renew(hosts, host, arg, now);
  return fail('', `unknown command "${verb ?? ''}" for "kubeadm"\n${STACK}`);
}

function caHash(hosts: Hosts): string {
  return hash(hosts.pki?.['ca.crt'] ?? 'ca') + hash(`${hosts.pki?.['ca.crt'] ?? 'ca'}2`);
}

function join(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const flag = (n: string) => {
    const i = ctx.argv.findIndex((a) => a === `--${n}` || a.startsWith(`--${n}=`));
    if (i < 0) return undefined;
    const a = ctx.argv[i]!;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : ctx.argv[i + 1];
  };
  const endpoint = ctx.argv.slice(2).find((a) => !a.startsWith('-') && /:\d+$/.test(a));
  const pre = '[preflight] Running pre-flight checks\n';
  if (hosts.isJoined(host)) {
    return fail(pre, `error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n\t[ERROR Port-10250]: Port 10250 is in use\n\t[ERROR FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\n${STACK}`);
  }
  const token = flag('token');
  if (!endpoint || !/^(192\.168\.0\.2|controlplane):6443$/.test(endpoint)) {
    return fail(pre, `error execution phase preflight: couldn't validate the identity of the API Server: Get "https://${endpoint ?? ''}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${endpoint ?? ''}: connect: connection refused\n${STACK}`);
  }
  if (!token || !hosts.tokens.includes(token)) {
    return fail(pre, `error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${(token ?? '').split('.')[0]}"\n${STACK}`);
  }
  const caHashGiven = flag('discovery-token-ca-cert-hash');
  if (caHashGiven !== `sha256:${caHash(hosts)}` && !ctx.argv.includes('--discovery-token-unsafe-skip-ca-verification')) {
    return fail(pre, `error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:${caHash(hosts)}" are pinned\n${STACK}`);
  }
  hosts.join(host);
  return ok(`${pre}[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[preflight] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.
[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"
[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"
[kubelet-start] Starting the kubelet
[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s
[kubelet-check] The kubelet is healthy after 1.001928836s
[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap

This node has joined the cluster:
* Certificate signing request was sent to apiserver and a response was received.
* The Kubelet was informed of the new secure connection details.

Run 'kubectl get nodes' on the control-plane to see this node join the cluster.

`);
}

function plan(hosts: Hosts, host: string): CommandResult {
  if (host !== CONTROL_PLANE) return fail('', `[upgrade/config] FATAL: failed to get config map: configmaps "kubeadm-config" is forbidden: User "system:node:${host}" cannot get resource "configmaps" in API group "" in the namespace "kube-system"\n${STACK}`);
  const cluster = hosts.clusterVersion;
  const kubeadmV = hosts.record(host).versions.kubeadm;
  const c = parse(cluster)!;
  const k = parse(kubeadmV)!;
  let out = `[preflight] Running pre-flight checks.
[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[upgrade/config] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.
[upgrade] Running cluster health checks
[upgrade] Fetching available versions to upgrade to
[upgrade/versions] Cluster version: ${cluster}
[upgrade/versions] kubeadm version: ${kubeadmV}
`;
  const target = cmp(k, c) > 0 ? kubeadmV : undefined;
  if (!target) return ok(`${out}[upgrade/versions] Target version: ${kubeadmV}\n[upgrade/versions] Latest version in the v${c[0]}.${c[1]} series: ${cluster}\n\nAwesome, you're up-to-date! Enjoy!\n`);
  out += `[upgrade/versions] Target version: ${target}\n[upgrade/versions] Latest version in the v${c[0]}.${c[1]} series: ${cluster}\n\n`;
  out += "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\nCOMPONENT   NODE           CURRENT   TARGET\n";
  const nodes = hosts.nodeNames().filter((n) => hosts.isJoined(n));
  for (const n of nodes) {
    const node = (hostsCluster(hosts, n) ?? {}) as any;
    out += `kubelet     ${n.padEnd(15)}${String(node.status?.nodeInfo?.kubeletVersion ?? cluster).padEnd(10)}${target}\n`;
  }
  const etcdNow = etcdImageFor(cluster).split(':')[1]!;
  const etcdNext = etcdImageFor(target).split(':')[1]!;
  out += `\nUpgrade to the latest stable version:\n\nCOMPONENT                 NODE           CURRENT    TARGET\n`;
  for (const comp of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) out += `${comp.padEnd(26)}controlplane   ${cluster.padEnd(11)}${target}\n`;
  out += `kube-proxy                               ${cluster.slice(1).padEnd(11)}${target}\nCoreDNS                                  v1.11.3    v1.11.3\netcd                      controlplane   ${etcdNow.padEnd(11)}${etcdNext}\n`;
  out += `\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${target}\n\n_____________________________________________________________________\n\n`;
  out += `\nThe table below shows the current state of component configs as understood by this version of kubeadm.
Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or
resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually
upgrade to is denoted in the "PREFERRED VERSION" column.

API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED
kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no
kubelet.config.k8s.io     v1beta1           v1beta1             no
_____________________________________________________________________

`;
  return ok(out);
}

function hostsCluster(hosts: Hosts, node: string): unknown {
  return hosts.node(node);
}

function apply(ctx: CommandContext, hosts: Hosts, host: string, target: string | undefined): CommandResult {
  if (host !== CONTROL_PLANE) return fail('', `[upgrade/config] FATAL: failed to get config map: configmaps "kubeadm-config" is forbidden: User "system:node:${host}" cannot get resource "configmaps" in API group "" in the namespace "kube-system"\n${STACK}`);
  if (!target) return fail('', `error execution phase preflight: missing version argument\n${STACK}`);
  const want = parse(target);
  const tv = `v${target.replace(/^v/, '')}`;
  const cluster = hosts.clusterVersion;
  const kubeadmV = hosts.record(host).versions.kubeadm;
  let out = `[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[upgrade] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.
[upgrade/preflight] Running preflight checks
[upgrade] Running cluster health checks
[upgrade/preflight] You have chosen to upgrade the cluster version to "${tv}"
[upgrade/versions] Cluster version: ${cluster}
[upgrade/versions] kubeadm version: ${kubeadmV}
`;
  if (!want) return fail(out, `error execution phase preflight: the version argument is invalid: unable to parse version "${target}"\n${STACK}`);
  const c = parse(cluster)!;
  const k = parse(kubeadmV)!;
  const errors: string[] = [];
  if (cmp(want, c) < 0) errors.push(`Specified version to upgrade to "${tv}" is equal to or lower than the cluster version "${cluster}". Downgrades are not supported yet`);
  if (want[1] - c[1] > 1) errors.push(`Specified version to upgrade to "${tv}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (cmp(want, k) > 0) {
    if (want[1] > k[1]) errors.push(`Specified version to upgrade to "${tv}" is at least one minor release higher than the kubeadm minor release (${want[1]} > ${k[1]}). Such an upgrade is not supported`);
    else errors.push(`Specified version to upgrade to "${tv}" is higher than the kubeadm version "${kubeadmV}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  }
  if (errors.length) {
    return fail(out, `error execution phase preflight: the version argument is invalid due to these errors:\n\n${errors.map((e) => `\t- ${e}\n`).join('')}\nCan be bypassed if you pass the --force flag\n${STACK}`);
  }
  const yes = ctx.argv.includes('-y') || ctx.argv.includes('--yes') || ctx.argv.includes('-f') || ctx.argv.includes('--force') || /^y/i.test(ctx.stdin.trim());
  out += '[upgrade] Are you sure you want to proceed? [y/N]: ';
  if (!yes) return fail(out, `\nerror execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\n${STACK}`);
  out += `\n[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster
[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection
[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'
[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${tv}" (timeout: 5m0s)...
`;
  for (const comp of hosts.upgradeControlPlane(tv)) out += `[upgrade/staticpods] Component "${comp}" upgraded successfully!\n`;
  out += `[upgrade/control-plane] The control plane instance for this node was successfully upgraded!
[upgrade/kubeconfig] The kubeconfig files for this node were successfully upgraded!
W1130 00:00:00.000000   12345 postupgrade.go:117] Using temporary directory /etc/kubernetes/tmp/kubeadm-kubelet-config1234567890 for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR
[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config1234567890/config.yaml
[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"
[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!
[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules
[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes
[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials
[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token
[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster
[addons] Applied essential addon: CoreDNS
[addons] Applied essential addon: kube-proxy

[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "${tv}".

[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.
`;
  return ok(out);
}

function upgradeNode(hosts: Hosts, host: string): CommandResult {
  const r = hosts.record(host);
  const k = parse(r.versions.kubeadm)!;
  const c = parse(hosts.clusterVersion)!;
  if (cmp(k, c) > 0 && host !== CONTROL_PLANE) {
    return fail('[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n', `error execution phase preflight: the kubeadm version ${r.versions.kubeadm} is newer than the cluster version ${hosts.clusterVersion}: upgrade the control plane first\n${STACK}`);
  }
  if (host === CONTROL_PLANE) hosts.upgradeControlPlane(hosts.clusterVersion);
  return ok(`[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...
[upgrade] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.
[upgrade/preflight] Running pre-flight checks
[upgrade/preflight] Skipping prepull. Not a control plane node.
[upgrade/control-plane] Skipping phase. Not a control plane node.
[upgrade/kubeconfig] Skipping phase. Not a control plane node.
W1130 00:00:00.000000   12345 postupgrade.go:117] Using temporary directory /etc/kubernetes/tmp/kubeadm-kubelet-config1234567890 for kubelet config. To override it set the environment variable KUBEADM_UPGRADE_DRYRUN_DIR
[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config1234567890/config.yaml
[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"
[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!
[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.
[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.
`);
}

function certsCheckExpiration(hosts: Hosts, host: string, now: number): CommandResult {
  if (host !== CONTROL_PLANE) return fail('', `failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\n${STACK}`);
  const fs = hosts.fs(host);
  const fmt = (d: Date) => {
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
    return `${mon} ${String(d.getUTCDate()).padStart(2, '0')}, ${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
  };
  const residual = (d: Date) => {
    const days = Math.floor((d.getTime() - now) / 86400_000);
    // apimachinery duration.ShortHumanDuration: days under two years, then years.
    return days < 0 ? '<invalid>' : days >= 730 ? `${Math.floor(days / 365)}y` : `${days}d`;
  };
  const embedded = (conf: string) => {
    const m = /client-certificate-data: (\S+)/.exec(fs.read(`/etc/kubernetes/${conf}`) ?? '');
    try {
      return m ? atob(m[1]!) : undefined;
    } catch {
      return undefined;
    }
  };
  const certs: [string, string | undefined, string][] = [
    ['admin.conf', embedded('admin.conf'), 'ca'],
    ['apiserver', fs.read('/etc/kubernetes/pki/apiserver.crt'), 'ca'],
    ['apiserver-etcd-client', fs.read('/etc/kubernetes/pki/apiserver-etcd-client.crt'), 'etcd-ca'],
    ['apiserver-kubelet-client', fs.read('/etc/kubernetes/pki/apiserver-kubelet-client.crt'), 'ca'],
    ['controller-manager.conf', embedded('controller-manager.conf'), 'ca'],
    ['etcd-healthcheck-client', fs.read('/etc/kubernetes/pki/etcd/healthcheck-client.crt'), 'etcd-ca'],
    ['etcd-peer', fs.read('/etc/kubernetes/pki/etcd/peer.crt'), 'etcd-ca'],
    ['etcd-server', fs.read('/etc/kubernetes/pki/etcd/server.crt'), 'etcd-ca'],
    ['front-proxy-client', fs.read('/etc/kubernetes/pki/front-proxy-client.crt'), 'front-proxy-ca'],
    ['scheduler.conf', embedded('scheduler.conf'), 'ca'],
    ['super-admin.conf', embedded('super-admin.conf'), 'ca'],
  ];
  let out = "[check-expiration] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"...\n[check-expiration] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n\n";
  out += 'CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED\n';
  for (const [name, pem, ca] of certs) {
    const c = pem ? parseCertificate(pem) : undefined;
    if (!c) continue;
    out += `${name.padEnd(27)}${fmt(c.notAfter).padEnd(25)}${residual(c.notAfter).padEnd(16)}${ca.padEnd(24)}no\n`;
  }
  out += '\nCERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED\n';
  for (const [name, path] of [['ca', 'ca.crt'], ['etcd-ca', 'etcd/ca.crt'], ['front-proxy-ca', 'front-proxy-ca.crt']] as const) {
    const pem = fs.read(`/etc/kubernetes/pki/${path}`);
    const c = pem ? parseCertificate(pem) : undefined;
    if (!c) continue;
    out += `${name.padEnd(24)}${fmt(c.notAfter).padEnd(25)}${residual(c.notAfter).padEnd(16)}no\n`;
  }
  return ok(out);
}


/** What `kubeadm certs renew` renews, in its order (cmd/kubeadm/app/cmd/phases/certs: renewal's long names). */
const RENEWABLE: { name: string; what: string; file?: string; conf?: string; ca: string }[] = [
  { name: 'admin.conf', what: 'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself', conf: 'admin.conf', ca: 'ca' },
  { name: 'apiserver', what: 'certificate for serving the Kubernetes API', file: 'apiserver.crt', ca: 'ca' },
  { name: 'apiserver-etcd-client', what: 'certificate the apiserver uses to access etcd', file: 'apiserver-etcd-client.crt', ca: 'etcd/ca' },
  { name: 'apiserver-kubelet-client', what: 'certificate for the API server to connect to kubelet', file: 'apiserver-kubelet-client.crt', ca: 'ca' },
  { name: 'controller-manager.conf', what: 'certificate embedded in the kubeconfig file for the controller manager to use', conf: 'controller-manager.conf', ca: 'ca' },
  { name: 'etcd-healthcheck-client', what: 'certificate for liveness probes to healthcheck etcd', file: 'etcd/healthcheck-client.crt', ca: 'etcd/ca' },
  { name: 'etcd-peer', what: 'certificate for etcd nodes to communicate with each other', file: 'etcd/peer.crt', ca: 'etcd/ca' },
  { name: 'etcd-server', what: 'certificate for serving etcd', file: 'etcd/server.crt', ca: 'etcd/ca' },
  { name: 'front-proxy-client', what: 'certificate for the front proxy client', file: 'front-proxy-client.crt', ca: 'front-proxy-ca' },
  { name: 'scheduler.conf', what: 'certificate embedded in the kubeconfig file for the scheduler manager to use', conf: 'scheduler.conf', ca: 'ca' },
  { name: 'super-admin.conf', what: 'certificate embedded in the kubeconfig file for the super-admin', conf: 'super-admin.conf', ca: 'ca' },
];

function renew(hosts: Hosts, host: string, which: string | undefined, now: number): CommandResult {
  if (host !== CONTROL_PLANE) return fail('', `failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\n${STACK}`);
  if (!which) return fail('', `missing subcommand; "renew" is not meant to be run on its own\n${STACK}`);
  const picked = which === 'all' ? RENEWABLE : RENEWABLE.filter((r) => r.name === which);
  if (!picked.length) return fail('', `unknown command "${which}" for "kubeadm certs renew"\n${STACK}`);
  const fs = hosts.fs(host);
  let out = "[renew] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"...\n[renew] Use 'kubeadm init phase upload-config --config your-config.yaml' to re-upload it.\n\n";
  for (const r of picked) {
    const caCrt = fs.read(`/etc/kubernetes/pki/${r.ca}.crt`);
    const caKey = fs.read(`/etc/kubernetes/pki/${r.ca}.key`);
    if (!caCrt || !caKey) return fail(out, `error execution phase renew: failed to load CA ${r.ca}: couldn't load the certificate file /etc/kubernetes/pki/${r.ca}.crt: open /etc/kubernetes/pki/${r.ca}.crt: no such file or directory\n${STACK}`);
    if (r.file) {
      const pem = fs.read(`/etc/kubernetes/pki/${r.file}`);
      if (!pem) return fail(out, `error execution phase renew: open /etc/kubernetes/pki/${r.file}: no such file or directory\n${STACK}`);
      const n = renewCertificate(pem, caCrt, caKey, now, `${r.name}${now}`);
      if (!n.ok) return fail(out, `error execution phase renew: ${n.error}\n${STACK}`);
      fs.write(`/etc/kubernetes/pki/${r.file}`, n.pem);
    } else {
      const path = `/etc/kubernetes/${r.conf}`;
      const text = fs.read(path) ?? '';
      const m = /client-certificate-data: (\S+)/.exec(text);
      let pem: string | undefined;
      try {
        pem = m ? atob(m[1]!) : undefined;
      } catch {
        pem = undefined;
      }
      if (!pem) return fail(out, `error execution phase renew: failed to load ${path}: no client certificate in it\n${STACK}`);
      const n = renewCertificate(pem, caCrt, caKey, now, `${r.name}${now}`);
      if (!n.ok) return fail(out, `error execution phase renew: ${n.error}\n${STACK}`);
      fs.write(path, text.replace(m![1]!, btoa(n.pem)));
    }
    out += `${r.what} renewed\n`;
  }
  out += '\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n';
  return ok(out);
}
