/**
 * The nodes as hosts a learner logs into: each has its own filesystem (kubeadm's files, made the
 * first time anything looks at them, so a lab that never does pays nothing), a kubelet run by
 * systemd, a journal, and the static pods its kubelet runs. After each command the lab calls
 * `reconcile`: kubelets that stopped posting turn their node NotReady after the node monitor grace
 * period (40 s, kube-controller-manager's --node-monitor-grace-period), static pod manifests become
 * mirror pods, a broken control-plane component takes the API server or the scheduler down, and an
 * etcd pointed at another data dir brings that data's cluster back. Pure: time comes from the clock.
 */
import { parseAllDocuments } from 'yaml';
import { rfc3339, type Clock } from '../core/index.js';
import type { KubeObject } from '../api/index.js';
import { resolveResourceType, type Cluster, type ClusterSnapshot } from '../cluster/index.js';
import { Vfs, type VfsSnapshot } from '../shell/index.js';
import { startKubelet, type KubeletStart } from './kubelet.js';
import { type JournalEntry, klog } from './journal.js';
import {
  apiServerManifest, controllerManagerManifest, etcdManifest, schedulerManifest, kubeletConfig, kubeconfig, kubeletKubeconfig,
  KUBEADM_DROP_IN, KUBEADM_FLAGS_ENV, KUBELET_UNIT, CNI_CONFLIST,
} from './manifests.js';
import { CONTROL_PLANE_PKI_FILES, type Pki } from './pki/index.js';
import { checkComponent, type ComponentProblem } from './components.js';

export const NODE_MONITOR_GRACE_MS = 40_000;
export const DROP_IN_PATH = '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf';
export const CONTROL_PLANE = 'controlplane';
const MAX_JOURNAL = 400;
const SNAPSHOT_MAGIC = 'ckalab-etcd-snapshot v1\n';

export type KubeletActive = 'running' | 'auto-restart' | 'inactive' | 'failed';

export interface KubeletState {
  active: KubeletActive;
  enabled: boolean;
  /** When it entered this state. */
  since: number;
  pid: number;
  /** The start's outcome (running, or why it failed). */
  start?: KubeletStart;
  /** The kubelet binary's version when this process started (an installed upgrade shows after a restart). */
  version: string;
  /** The drop-in as systemd loaded it (daemon-reload). */
  loadedDropIn: string;
  /** Since when the node has not posted its status (undefined: posting). */
  silentSince?: number;
  /** The node's conditions were set Unknown by the node controller. */
  markedDown?: boolean;
}

export interface HostRecord {
  kubelet: KubeletState;
  journal: JournalEntry[];
  versions: { kubeadm: string; kubelet: string; kubectl: string };
  held: string[];
  aptUpdated: boolean;
  /** The repository minor (`v1.32`) the package lists came from at the last apt-get update. */
  aptMinor?: string;
  /** Mirror pods this host's kubelet made: name → hash of its manifest. */
  mirrors: Record<string, string>;
  /** Generated files the learner deleted (the baseline is not stored, so deletions are). */
  removed: string[];
  /** A worker's files as they differ from the baseline (snapshots only). */
  files?: Record<string, string>;
  dirs?: string[];
}

export interface HostsSnapshot {
  version: 1;
  /** ssh sessions open, innermost last (empty: on controlplane). */
  stack: string[];
  hosts: Record<string, HostRecord>;
  etcdDataDir: string;
  apiServerDown?: string;
  /** The cluster's version (`v1.32.0`): static pod images and node versions. */
  clusterVersion: string;
  /** The version kubeadm installed the cluster at: the baseline files follow it. */
  baseVersion?: string;
  /** Host names a scenario gives nodes: alias → node. */
  aliases?: Record<string, string>;
  /** Hosts that are not (yet) nodes of the cluster, with their addresses. */
  unjoined?: Record<string, string>;
  /** Bootstrap tokens `kubeadm token create` made. */
  tokens?: string[];
  /** Components whose manifest is broken: name → problem. */
  problems?: Record<string, ComponentProblem>;
  /** What etcd holds in data dirs it was moved away from: dir → serialized cluster. */
  etcdData?: Record<string, string>;
}

export interface HostsDeps {
  clock: Clock;
  cluster(): Cluster;
  /** etcd now serves another data dir: the cluster becomes that data (undefined: an empty etcd). */
  replaceCluster(s: ClusterSnapshot | undefined): void;
  /** The controlplane's filesystem (the lab's own). */
  controlPlaneFs: Vfs;
  /** The installation's PKI, asked for only when a host's files are first made. */
  pki?: () => Pki;
}

export interface EtcdSnapshotFile {
  takenAt: number;
  revision: number;
  cluster: ClusterSnapshot;
}

/** Parses a file etcdctl wrote; undefined when it is not a snapshot. */
export function readEtcdSnapshot(text: string | undefined): EtcdSnapshotFile | undefined {
  if (!text?.startsWith(SNAPSHOT_MAGIC)) return undefined;
  try {
    const v = JSON.parse(text.slice(SNAPSHOT_MAGIC.length)) as EtcdSnapshotFile;
    return v && typeof v.takenAt === 'number' && v.cluster?.objects ? v : undefined;
  } catch {
    return undefined;
  }
}

export function writeEtcdSnapshot(s: EtcdSnapshotFile): string {
  return SNAPSHOT_MAGIC + JSON.stringify(s);
}

const newRecord = (now: number, version: string, pid: number): HostRecord => ({
  kubelet: { active: 'running', enabled: true, since: now - 3600_000, pid, version, loadedDropIn: KUBEADM_DROP_IN },
  journal: [],
  versions: { kubeadm: version, kubelet: version, kubectl: version },
  held: ['kubeadm', 'kubectl', 'kubelet'],
  aptUpdated: false,
  mirrors: {},
  removed: [],
});

/**
 * Parsed manifests by their text, shared by every lab (the same kubeadm manifests are parsed once,
 * not once per lab): a pure memo of a pure function, bounded. Entries are never mutated.
 */
const PARSED = new Map<string, { pod: any } | { error: string }>();

export class Hosts {
  private readonly records = new Map<string, HostRecord>();
  private readonly fss = new Map<string, Vfs>();
  private stack: string[] = [];
  private etcdDataDir = '/var/lib/etcd';
  private apiDown: string | undefined;
  private problems: Record<string, ComponentProblem> = {};
  private etcdData: Record<string, string> = {};
  private nextPid = 2000;
  /** What each host's static pods were last reconciled from: unchanged inputs, nothing to do. */
  private readonly staticSeen = new Map<string, string>();
  clusterVersion = 'v1.32.0';
  private baseVersion = 'v1.32.0';
  private aliases: Record<string, string> = {};
  private unjoined: Record<string, string> = {};
  tokens: string[] = [];

  constructor(private readonly deps: HostsDeps) {
    this.fss.set(CONTROL_PLANE, deps.controlPlaneFs);
  }

  static restore(deps: HostsDeps, s: HostsSnapshot | undefined): Hosts {
    const h = new Hosts(deps);
    if (!s) return h;
    h.stack = [...s.stack];
    h.etcdDataDir = s.etcdDataDir;
    h.apiDown = s.apiServerDown;
    h.clusterVersion = s.clusterVersion;
    h.baseVersion = s.baseVersion ?? 'v1.32.0';
    h.aliases = { ...(s.aliases ?? {}) };
    h.unjoined = { ...(s.unjoined ?? {}) };
    h.tokens = [...(s.tokens ?? [])];
    h.problems = { ...(s.problems ?? {}) };
    h.etcdData = { ...(s.etcdData ?? {}) };
    for (const [name, r] of Object.entries(s.hosts)) {
      const { files, dirs, ...rest } = structuredClone(r);
      h.records.set(name, rest);
      if (name !== CONTROL_PLANE) {
        const fs = Vfs.restore({ files: files ?? {}, dirs: dirs ?? [] });
        h.fss.set(name, fs);
      }
      h.materialize(name, new Set(rest.removed));
    }
    return h;
  }

  /** Undefined while no host was ever touched: old snapshots and idle labs carry nothing. */
  snapshot(): HostsSnapshot | undefined {
    if (this.records.size === 0) return undefined;
    const hosts: Record<string, HostRecord> = {};
    for (const [name, r] of this.records) {
      const rec: HostRecord = structuredClone(r);
      const fs = this.fss.get(name)!;
      rec.removed = Object.keys(this.baseline(name)).filter((p) => !fs.isFile(p));
      if (name !== CONTROL_PLANE) {
        const snap = fs.snapshot();
        rec.files = this.diff(name, snap);
        rec.dirs = snap.dirs;
      }
      hosts[name] = rec;
    }
    return {
      version: 1,
      stack: [...this.stack],
      hosts,
      etcdDataDir: this.etcdDataDir,
      clusterVersion: this.clusterVersion,
      ...(this.baseVersion !== 'v1.32.0' ? { baseVersion: this.baseVersion } : {}),
      ...(Object.keys(this.aliases).length ? { aliases: { ...this.aliases } } : {}),
      ...(Object.keys(this.unjoined).length ? { unjoined: { ...this.unjoined } } : {}),
      ...(this.tokens.length ? { tokens: [...this.tokens] } : {}),
      ...(this.apiDown ? { apiServerDown: this.apiDown } : {}),
      ...(Object.keys(this.problems).length ? { problems: { ...this.problems } } : {}),
      ...(Object.keys(this.etcdData).length ? { etcdData: { ...this.etcdData } } : {}),
    };
  }

  /** The controlplane's files that differ from what kubeadm wrote (the lab snapshot's vfs). */
  controlPlaneFiles(s: VfsSnapshot): VfsSnapshot {
    if (!this.records.has(CONTROL_PLANE)) return s;
    return { files: this.diff(CONTROL_PLANE, s), dirs: s.dirs };
  }

  private diff(name: string, s: VfsSnapshot): Record<string, string> {
    const base = this.baseline(name);
    const out: Record<string, string> = {};
    for (const [p, c] of Object.entries(s.files)) if (base[p] !== c) out[p] = c;
    return out;
  }

  // ---- hosts and sessions ----

  /** The hosts one can log into: the cluster's nodes and the machines not joined yet. */
  nodeNames(): string[] {
    return [...this.deps.cluster().list(resolveResourceType('nodes')!).map((n) => n.metadata.name!), ...Object.keys(this.unjoined)];
  }

  /** A host by name, address or scenario alias. */
  resolveHost(name: string): string | undefined {
    const names = this.nodeNames();
    if (names.includes(name)) return name;
    if (this.aliases[name] && names.includes(this.aliases[name]!)) return this.aliases[name];
    return names.find((n) => this.nodeIp(n) === name);
  }

  nodeIp(name: string): string | undefined {
    if (this.unjoined[name]) return this.unjoined[name];
    const n = this.deps.cluster().get(resolveResourceType('nodes')!, undefined, name) as any;
    return n?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address;
  }

  /** The repository minor the nodes were installed from (`v1.31`). */
  baseMinor(): string {
    return this.baseVersion.split('.').slice(0, 2).join('.');
  }

  isJoined(host: string): boolean {
    return !this.unjoined[host];
  }

  /** A scenario's setup: the cluster's version, host aliases, machines to join. Call before anything is made. */
  configure(opts: { version?: string; aliases?: Readonly<Record<string, string>>; unjoined?: readonly string[] }): void {
    if (opts.version) this.clusterVersion = this.baseVersion = opts.version;
    if (opts.aliases) this.aliases = { ...opts.aliases };
    const base = this.deps.cluster().list(resolveResourceType('nodes')!).length;
    (opts.unjoined ?? []).forEach((n, i) => (this.unjoined[n] = `192.168.0.${2 + base + i}`));
  }

  /** `kubeadm join` succeeded: the host is a node now. */
  joined(host: string): void {
    delete this.unjoined[host];
  }

  current(): string {
    return this.stack[this.stack.length - 1] ?? CONTROL_PLANE;
  }

  depth(): number {
    return this.stack.length;
  }

  enter(host: string): void {
    this.ensure(host);
    this.stack.push(host);
  }

  leave(): string | undefined {
    return this.stack.pop();
  }

  isMaterialized(host: string): boolean {
    return this.records.has(host);
  }

  /** The host's filesystem, with kubeadm's files. */
  fs(host: string): Vfs {
    this.ensure(host);
    return this.fss.get(host)!;
  }

  record(host: string): HostRecord {
    this.ensure(host);
    return this.records.get(host)!;
  }

  get pki(): Pki | undefined {
    return this.deps.pki?.();
  }

  ensure(host: string): void {
    if (this.records.has(host)) return;
    const rec = newRecord(this.deps.clock.now(), this.clusterVersion, this.nextPid++ * 7);
    if (this.unjoined[host]) {
      // Before `kubeadm join`: the packages are installed, the kubelet restarts every 10 s without its config.
      rec.kubelet = { ...rec.kubelet, active: 'auto-restart', since: this.deps.clock.now() - 600_000, silentSince: this.deps.clock.now() - 600_000 };
    }
    this.records.set(host, rec);
    if (!this.fss.has(host)) this.fss.set(host, new Vfs());
    this.materialize(host, new Set());
    if (this.unjoined[host]) rec.kubelet.start = startKubelet(this.fss.get(host)!, host, rec.kubelet.loadedDropIn, (path) => this.exists(host, path));
    else this.journalBoot(host);
    if (host === CONTROL_PLANE) this.reconcile();
  }

  private materialize(host: string, removed: Set<string>): void {
    const fs = this.fss.get(host)!;
    for (const [p, c] of Object.entries(this.baseline(host))) {
      if (removed.has(p) || fs.exists(p)) continue;
      fs.writeFileCreatingDirs(p, c);
    }
    for (const d of ['/etc/kubernetes/manifests', '/var/log/pods', '/var/log/containers', '/opt', '/var/lib/etcd/member/snap', '/var/lib/etcd/member/wal', '/etc/cni/net.d', '/home', '/usr/bin']) {
      if (host !== CONTROL_PLANE && d.startsWith('/var/lib/etcd')) continue;
      if (!fs.exists(d)) fs.writeFileCreatingDirs(`${d}/.ckalab-dir`, ''), fs.remove(`${d}/.ckalab-dir`);
    }
  }

  /** kubeadm's files on a host, as `kubeadm init`/`join` left them (a pure function of the cluster version and the PKI). */
  baseline(host: string): Record<string, string> {
    const cp = host === CONTROL_PLANE;
    const minor = this.baseVersion.split('.').slice(0, 2).join('.');
    const common: Record<string, string> = {
      '/etc/apt/sources.list.d/kubernetes.list': `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/${minor}/deb/ /\n`,
      [DROP_IN_PATH]: KUBEADM_DROP_IN,
      '/lib/systemd/system/kubelet.service': KUBELET_UNIT,
      '/etc/hostname': `${host}\n`,
    };
    if (this.unjoined[host]) return common;
    const pki = this.pki ?? {};
    const ip = this.nodeIp(host) ?? '192.168.0.2';
    const out: Record<string, string> = { ...common };
    const server = 'https://controlplane:6443';
    const ca = pki['ca.crt'] ?? '';
    out['/var/lib/kubelet/config.yaml'] = kubeletConfig();
    out['/var/lib/kubelet/kubeadm-flags.env'] = KUBEADM_FLAGS_ENV;
    out[DROP_IN_PATH] = KUBEADM_DROP_IN;
    out['/lib/systemd/system/kubelet.service'] = KUBELET_UNIT;
    out['/etc/cni/net.d/10-flannel.conflist'] = CNI_CONFLIST;
    out['/etc/kubernetes/kubelet.conf'] = kubeletKubeconfig({ server, node: host, caPem: ca });
    const kubeletPair = `clients/kubelet-${pki[`clients/kubelet-${host}.crt`] ? host : 'node01'}`;
    out['/var/lib/kubelet/pki/kubelet-client-current.pem'] = (pki[`${kubeletPair}.crt`] ?? '') + (pki[`${kubeletPair}.key`] ?? '');
    if (ca) out['/etc/kubernetes/pki/ca.crt'] = ca;
    out['/etc/hostname'] = `${host}\n`;
    if (cp) {
      const params = { ip, version: this.baseVersion, etcdImage: etcdImageFor(this.baseVersion) };
      out['/etc/kubernetes/manifests/etcd.yaml'] = etcdManifest(params);
      out['/etc/kubernetes/manifests/kube-apiserver.yaml'] = apiServerManifest(params);
      out['/etc/kubernetes/manifests/kube-controller-manager.yaml'] = controllerManagerManifest(params);
      out['/etc/kubernetes/manifests/kube-scheduler.yaml'] = schedulerManifest(params);
      for (const f of CONTROL_PLANE_PKI_FILES) if (pki[f]) out[`/etc/kubernetes/pki/${f}`] = pki[f]!;
      const conf = (user: string, pair: string, srv = server) => kubeconfig({ server: srv, user, caPem: ca, certPem: pki[`clients/${pair}.crt`] ?? '', keyPem: pki[`clients/${pair}.key`] ?? '' });
      out['/etc/kubernetes/admin.conf'] = conf('kubernetes-admin', 'admin');
      out['/etc/kubernetes/super-admin.conf'] = conf('kubernetes-super-admin', 'super-admin');
      out['/etc/kubernetes/controller-manager.conf'] = conf('system:kube-controller-manager', 'controller-manager', `https://${ip}:6443`);
      out['/etc/kubernetes/scheduler.conf'] = conf('system:kube-scheduler', 'scheduler', `https://${ip}:6443`);
      out['/root/.kube/config'] = out['/etc/kubernetes/admin.conf'];
    }
    return out;
  }

  // ---- the journal ----

  log(host: string, unit: string, ident: string, pid: number, text: string, t = this.deps.clock.now()): void {
    const j = this.record(host).journal;
    j.push({ t, unit, ident, pid, text });
    if (j.length > MAX_JOURNAL) j.splice(0, j.length - MAX_JOURNAL);
  }

  private journalBoot(host: string): void {
    const r = this.records.get(host)!;
    const t = r.kubelet.since;
    const pid = r.kubelet.pid;
    this.log(host, 'kubelet.service', 'systemd', 1, 'Started kubelet: The Kubernetes Node Agent.', t);
    this.log(host, 'kubelet.service', 'kubelet', pid, klog('I', t + 150, pid, 'server.go:486', `"Kubelet version" kubeletVersion="${r.versions.kubelet}"`), t + 150);
    this.log(host, 'kubelet.service', 'kubelet', pid, klog('I', t + 151, pid, 'server.go:488', '"Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""'), t + 151);
    this.log(host, 'kubelet.service', 'kubelet', pid, klog('I', t + 160, pid, 'kubelet_node_status.go:75', `"Attempting to register node" node="${host}"`), t + 160);
    this.log(host, 'kubelet.service', 'kubelet', pid, klog('I', t + 420, pid, 'kubelet_node_status.go:78', `"Successfully registered node" node="${host}"`), t + 420);
  }

  /** The kubelet failing and systemd restarting it every RestartSec=10s, up to now (bounded). */
  journal(host: string): JournalEntry[] {
    const r = this.record(host);
    const k = r.kubelet;
    if (k.active !== 'auto-restart' || !k.start || k.start.kind === 'running') return r.journal;
    const now = this.deps.clock.now();
    const extra: JournalEntry[] = [];
    const cycles = Math.min(50, Math.floor((now - k.since) / 10_000));
    for (let i = Math.max(1, cycles - 49); i <= cycles; i++) {
      const t = k.since + i * 10_000;
      const pid = k.pid + i * 3;
      extra.push({ t, unit: 'kubelet.service', ident: 'systemd', pid: 1, text: `kubelet.service: Scheduled restart job, restart counter is at ${i}.` });
      extra.push({ t, unit: 'kubelet.service', ident: 'systemd', pid: 1, text: 'Stopped kubelet: The Kubernetes Node Agent.' });
      extra.push(...this.failureLines(host, k.start, t, pid));
    }
    return [...r.journal, ...extra];
  }

  private failureLines(_host: string, s: KubeletStart, t: number, pid: number): JournalEntry[] {
    const sys = (text: string): JournalEntry => ({ t, unit: 'kubelet.service', ident: 'systemd', pid: 1, text });
    if (s.kind === 'exec') {
      return [
        sys('Started kubelet: The Kubernetes Node Agent.'),
        { t, unit: 'kubelet.service', ident: '(kubelet)', pid, text: `kubelet.service: Failed to locate executable ${s.path}: No such file or directory` },
        { t, unit: 'kubelet.service', ident: '(kubelet)', pid, text: `kubelet.service: Failed at step EXEC spawning ${s.path}: No such file or directory` },
        sys('kubelet.service: Main process exited, code=exited, status=203/EXEC'),
        sys("kubelet.service: Failed with result 'exit-code'."),
      ];
    }
    if (s.kind === 'exit') {
      return [
        sys('Started kubelet: The Kubernetes Node Agent.'),
        { t, unit: 'kubelet.service', ident: 'kubelet', pid, text: klog('E', t + 40, pid, 'run.go:72', `"command failed" err="${s.error}"`) },
        sys('kubelet.service: Main process exited, code=exited, status=1/FAILURE'),
        sys("kubelet.service: Failed with result 'exit-code'."),
      ];
    }
    return [];
  }

  // ---- systemd's side of the kubelet ----

  /** `systemctl start|restart kubelet`: run the checks the kubelet does on start. */
  startKubelet(host: string): void {
    const r = this.record(host);
    const fs = this.fs(host);
    const now = this.deps.clock.now();
    const s = startKubelet(fs, host, r.kubelet.loadedDropIn, (path) => this.exists(host, path));
    const pid = this.nextPid++ * 7 + 3;
    const wasPosting = r.kubelet.silentSince === undefined;
    r.kubelet = { ...r.kubelet, pid, since: now, start: s, version: r.versions.kubelet, active: s.kind === 'running' ? 'running' : 'auto-restart' };
    if (s.kind === 'running') {
      this.log(host, 'kubelet.service', 'systemd', 1, 'Started kubelet: The Kubernetes Node Agent.');
      this.log(host, 'kubelet.service', 'kubelet', pid, klog('I', now + 150, pid, 'server.go:486', `"Kubelet version" kubeletVersion="${r.versions.kubelet}"`), now);
      if (s.apiError) {
        this.log(host, 'kubelet.service', 'kubelet', pid, klog('I', now + 160, pid, 'kubelet_node_status.go:75', `"Attempting to register node" node="${host}"`), now);
        this.log(host, 'kubelet.service', 'kubelet', pid, klog('E', now + 170, pid, 'kubelet_node_status.go:107', `"Unable to register node with API server" err="${s.apiError}" node="${host}"`), now);
        if (wasPosting) r.kubelet.silentSince = now;
      } else {
        r.kubelet.silentSince = undefined;
      }
    } else {
      for (const e of this.failureLines(host, s, now, pid)) this.log(host, e.unit, e.ident, e.pid, e.text, e.t);
      if (wasPosting) r.kubelet.silentSince = now;
    }
    this.reconcile();
  }

  stopKubelet(host: string): void {
    const r = this.record(host);
    const now = this.deps.clock.now();
    if (r.kubelet.active === 'inactive') return;
    if (r.kubelet.active === 'running') {
      this.log(host, 'kubelet.service', 'systemd', 1, 'Stopping kubelet: The Kubernetes Node Agent...');
      this.log(host, 'kubelet.service', 'systemd', 1, 'kubelet.service: Deactivated successfully.');
    }
    this.log(host, 'kubelet.service', 'systemd', 1, 'Stopped kubelet: The Kubernetes Node Agent.');
    if (r.kubelet.silentSince === undefined) r.kubelet.silentSince = now;
    r.kubelet = { ...r.kubelet, active: 'inactive', since: now };
    this.reconcile();
  }

  /** The node is posting its status: its kubelet runs and reaches the API server. */
  posting(host: string): boolean {
    const k = this.record(host).kubelet;
    return k.active === 'running' && !(k.start?.kind === 'running' && k.start.apiError);
  }

  apiServerDown(): string | undefined {
    return this.apiDown;
  }

  problem(component: string): ComponentProblem | undefined {
    return this.problems[component];
  }

  // ---- reconciling with the cluster ----

  /** Brings the cluster in line with the hosts; cheap when nothing changed. Never throws. */
  reconcile(): void {
    if (this.records.size === 0) return;
    const now = this.deps.clock.now();
    for (const [host, r] of this.records) {
      this.reconcileNode(host, r, now);
      if (r.kubelet.active === 'running') this.reconcileStaticPods(host, r);
    }
  }

  private reconcileNode(host: string, r: HostRecord, now: number): void {
    const cluster = this.deps.cluster();
    const type = resolveResourceType('nodes')!;
    const node = cluster.get(type, undefined, host) as any;
    if (!node) return;
    const k = r.kubelet;
    if (k.silentSince !== undefined && this.posting(host)) k.silentSince = undefined;
    if (k.silentSince !== undefined && !k.markedDown && now - k.silentSince >= NODE_MONITOR_GRACE_MS) {
      const at = rfc3339(k.silentSince + NODE_MONITOR_GRACE_MS);
      const heartbeat = rfc3339(k.silentSince);
      const status = structuredClone(node.status);
      status.conditions = (status.conditions ?? []).map((c: any) => ({ ...c, lastHeartbeatTime: heartbeat, lastTransitionTime: at, message: 'Kubelet stopped posting node status.', reason: 'NodeStatusUnknown', status: 'Unknown' }));
      const spec = { ...node.spec, taints: [...(node.spec.taints ?? []).filter((t: any) => !String(t.key).startsWith('node.kubernetes.io/unreachable')), { effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable', timeAdded: at }, { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: at }] };
      cluster.setStatus(type, undefined, host, status, spec);
      k.markedDown = true;
    } else if (k.silentSince === undefined && k.markedDown) {
      const at = rfc3339(now);
      const healthy: Record<string, [string, string, string]> = {
        MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
        DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
        PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
        Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
      };
      const status = structuredClone(node.status);
      status.conditions = (status.conditions ?? []).map((c: any) => {
        const h = healthy[c.type];
        return h ? { ...c, lastHeartbeatTime: at, lastTransitionTime: at, status: h[0], reason: h[1], message: h[2] } : c;
      });
      status.nodeInfo = { ...status.nodeInfo, kubeletVersion: r.kubelet.version, kubeProxyVersion: r.kubelet.version };
      const taints = (node.spec.taints ?? []).filter((t: any) => !String(t.key).startsWith('node.kubernetes.io/unreachable'));
      const spec = { ...node.spec };
      if (taints.length) spec.taints = taints;
      else delete spec.taints;
      cluster.setStatus(type, undefined, host, status, spec);
      k.markedDown = false;
    }
    if (this.posting(host) && node.status?.nodeInfo?.kubeletVersion !== r.kubelet.version) {
      const status = structuredClone(node.status);
      status.nodeInfo = { ...status.nodeInfo, kubeletVersion: r.kubelet.version, kubeProxyVersion: r.kubelet.version };
      cluster.setStatus(type, undefined, host, status);
    }
  }

  /** The kubelet's file source: every manifest in staticPodPath becomes a mirror pod `<name>-<node>`. */
  private reconcileStaticPods(host: string, r: HostRecord): void {
    const start = r.kubelet.start;
    const dir = start?.kind === 'running' ? start.staticPodPath : '/etc/kubernetes/manifests';
    const fs = this.fs(host);
    const names = dir && fs.isDir(dir) ? fs.list(dir) : [];
    const seen = `${this.deps.cluster().revision}|${this.apiDown ?? ''}|${this.etcdDataDir}|${dir}|${names.map((n) => `${n}\0${fs.read(`${dir}/${n}`) ?? ''}`).join('\0')}`;
    if (this.staticSeen.get(host) === seen) return;
    const desired = new Map<string, { pod: any; hash: string; component?: string; problem?: ComponentProblem }>();
    const cp = host === CONTROL_PLANE;
    const componentsSeen = new Set<string>();
    if (dir && fs.isDir(dir)) {
      for (const name of fs.list(dir)) {
        if (name.startsWith('.')) continue;
        const text = fs.read(`${dir}/${name}`);
        if (text === undefined) continue;
        const p = this.parse(text);
        if ('error' in p) {
          const comp = cp ? componentOfFile(name) : undefined;
          if (comp) {
            componentsSeen.add(comp);
            this.setProblem(comp, { reason: 'manifest', message: `could not process manifest file "${dir}/${name}": ${p.error}` });
          }
          continue;
        }
        const pod = structuredClone(p.pod);
        if (!pod || pod.kind !== 'Pod' || !pod.metadata?.name || !Array.isArray(pod.spec?.containers)) continue;
        const component = cp && pod.metadata.namespace === 'kube-system' ? String(pod.metadata.labels?.component ?? pod.metadata.name) : undefined;
        const problem = component ? checkComponent(component, pod, fs, this.clusterVersion, (path) => this.exists(host, path)) : undefined;
        if (component) {
          componentsSeen.add(component);
          this.setProblem(component, problem);
        }
        const mirrorName = `${pod.metadata.name}-${host}`;
        desired.set(mirrorName, { pod, hash: hash(`${host}\n${text}`), ...(component ? { component } : {}), ...(problem ? { problem } : {}) });
      }
    }
    if (cp) for (const c of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) if (!componentsSeen.has(c)) this.setProblem(c, { reason: 'missing', message: `no static pod manifest for ${c}` });
    this.applyComponents();
    if (this.apiDown) return; // the kubelet cannot reach the API server to post mirror pods
    const cluster = this.deps.cluster();
    const podType = resolveResourceType('pods')!;
    // Mirror pods of this node whose manifest is gone.
    for (const p of cluster.list(podType)) {
      const a = p.metadata.annotations ?? {};
      if (a['kubernetes.io/config.source'] !== 'file' || (p as any).spec?.nodeName !== host) continue;
      if (!desired.has(p.metadata.name!) || (desired.get(p.metadata.name!)!.pod.metadata.namespace ?? 'default') !== p.metadata.namespace) {
        cluster.delete(podType, p.metadata.namespace, p.metadata.name!);
        delete r.mirrors[`${p.metadata.namespace}/${p.metadata.name}`];
      }
    }
    for (const [name, d] of desired) {
      const ns = d.pod.metadata.namespace ?? 'default';
      const key = `${ns}/${name}`;
      const existing = cluster.get(podType, ns, name);
      const stateHash = `${d.hash}:${d.problem ? d.problem.reason : 'ok'}`;
      if (existing && r.mirrors[key] === stateHash) continue;
      const adopt = existing && r.mirrors[key] === undefined;
      if (existing) cluster.delete(podType, ns, name);
      const mirror = mirrorPod(d.pod, name, ns, host, d.hash, rfc3339(this.deps.clock.now()), adopt ? existing!.metadata.creationTimestamp : undefined);
      const res = cluster.create(mirror);
      if (!res.ok) {
        this.log(host, 'kubelet.service', 'kubelet', r.kubelet.pid, klog('E', this.deps.clock.now(), r.kubelet.pid, 'kubelet.go:1915', `"Failed creating a mirror pod for" err="${res.error.message.replace(/"/g, '\\"')}" pod="${ns}/${name}"`));
        r.mirrors[key] = stateHash;
        continue;
      }
      if (d.problem) {
        const created = res.value as any;
        const status = structuredClone(created.status);
        const restarts = 4;
        status.conditions = (status.conditions ?? []).map((c: any) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${created.spec.containers[0].name}]` } : c));
        status.containerStatuses = (status.containerStatuses ?? []).map((c: any) => ({
          ...c,
          ready: false,
          started: false,
          restartCount: d.problem!.reason === 'image' ? 0 : restarts,
          state: d.problem!.reason === 'image'
            ? { waiting: { message: `Back-off pulling image "${c.image}"`, reason: 'ImagePullBackOff' } }
            : { waiting: { message: `back-off 1m20s restarting failed container=${c.name} pod=${name}_${ns}(${created.metadata.uid})`, reason: 'CrashLoopBackOff' } },
          lastState: d.problem!.reason === 'image' ? {} : { terminated: { exitCode: 1, reason: 'Error', startedAt: created.metadata.creationTimestamp, finishedAt: created.metadata.creationTimestamp } },
        }));
        cluster.setStatus(podType, ns, name, status);
      }
      r.mirrors[key] = stateHash;
    }
    this.reconcileEtcdData();
    this.staticSeen.set(host, `${this.deps.cluster().revision}|${this.apiDown ?? ''}|${this.etcdDataDir}|${dir}|${names.map((n) => `${n}\0${fs.read(`${dir}/${n}`) ?? ''}`).join('\0')}`);
  }

  /**
   * Whether a file a component or the kubelet needs is there. A lab made without the installation's
   * PKI (unit tests, tools that never log in) has no certificates on disk: kubeadm's own paths count
   * as present there, so touching a node never takes its control plane down.
   */
  private exists(host: string, path: string): boolean {
    if (this.fs(host).read(path) !== undefined) return true;
    return !this.pki?.['ca.crt'] && /^\/etc\/kubernetes\/pki\/[\w./-]+\.(crt|key|pub)$/.test(path) && !this.fs(host).isFile(path) && !this.removedByLearner(host, path);
  }

  /** A kubeadm PKI path is only "present" without a PKI while the learner did not point elsewhere: names kubeadm uses. */
  private removedByLearner(_host: string, path: string): boolean {
    const name = path.slice('/etc/kubernetes/pki/'.length);
    return !([...CONTROL_PLANE_PKI_FILES, 'ca.crt'] as string[]).includes(name);
  }

  /** A command ran: files a manifest names may have come or gone, so the next reconcile looks again. */
  invalidate(): void {
    this.staticSeen.clear();
  }

  private parse(text: string): { pod: any } | { error: string } {
    const hit = PARSED.get(text);
    if (hit) return hit;
    let r: { pod: any } | { error: string };
    try {
      const docs = parseAllDocuments(text);
      if (docs.length !== 1 || docs[0]!.errors.length) throw new Error(docs[0]?.errors[0]?.message ?? 'no document');
      r = { pod: docs[0]!.toJS() };
    } catch (e) {
      r = { error: (e as Error).message.split('\n')[0]! };
    }
    if (PARSED.size >= 64) PARSED.delete(PARSED.keys().next().value!);
    PARSED.set(text, r);
    return r;
  }

  private setProblem(component: string, p: ComponentProblem | undefined): void {
    if (p) this.problems[component] = p;
    else delete this.problems[component];
  }

  private applyComponents(): void {
    const etcd = this.problems['etcd'];
    const api = this.problems['kube-apiserver'];
    const wasDown = this.apiDown;
    this.apiDown = api ? `kube-apiserver: ${api.message}` : etcd ? `etcd: ${etcd.message}` : undefined;
    const cluster = this.deps.cluster();
    if (!this.apiDown) cluster.setSchedulerRunning(!this.problems['kube-scheduler']);
    if (wasDown && !this.apiDown) {
      // The API server is back: the kubelets post their mirror pods again.
      for (const r of this.records.values()) r.mirrors = {};
    }
  }

  /** etcd's data dir on the host (the hostPath behind --data-dir), when its manifest is sound. */
  private etcdHostDir(): string | undefined {
    const text = this.fs(CONTROL_PLANE).read('/etc/kubernetes/manifests/etcd.yaml');
    if (!text || this.problems['etcd']) return undefined;
    try {
      const parsed = this.parse(text);
      if ('error' in parsed) return undefined;
      const pod = parsed.pod;
      const c = pod.spec.containers[0];
      const dataDir = String((c.command ?? []).find((a: string) => a.startsWith('--data-dir='))?.slice(11) ?? '/var/lib/etcd');
      const mount = (c.volumeMounts ?? []).find((m: any) => dataDir === m.mountPath || dataDir.startsWith(`${m.mountPath}/`));
      const vol = mount && (pod.spec.volumes ?? []).find((v: any) => v.name === mount.name);
      if (!vol?.hostPath?.path) return `(container)${dataDir}`;
      return vol.hostPath.path + dataDir.slice(mount.mountPath.length);
    } catch {
      return undefined;
    }
  }

  private reconcileEtcdData(): void {
    const dir = this.etcdHostDir();
    if (!dir || dir === this.etcdDataDir) return;
    const fs = this.fs(CONTROL_PLANE);
    const cluster = this.deps.cluster();
    this.etcdData[this.etcdDataDir] = JSON.stringify(cluster.snapshot());
    const restored = fs.read(`${dir}/member/snap/db`);
    const snap = readEtcdSnapshot(restored);
    this.etcdDataDir = dir;
    if (snap) this.deps.replaceCluster(snap.cluster);
    else if (this.etcdData[dir]) this.deps.replaceCluster(JSON.parse(this.etcdData[dir]!) as ClusterSnapshot);
    else this.deps.replaceCluster(undefined);
    delete this.etcdData[dir];
    for (const r of this.records.values()) r.mirrors = {};
    for (const [host, r] of this.records) if (r.kubelet.active === 'running') this.reconcileStaticPods(host, r);
  }

  /** What `etcdctl snapshot save` writes: the cluster's state now. */
  takeSnapshot(now: number): string {
    const c = this.deps.cluster().snapshot();
    return writeEtcdSnapshot({ takenAt: now, revision: c.resourceVersion, cluster: c });
  }

  takeSnapshotRevision(): number {
    return this.deps.cluster().snapshot({ clone: false }).resourceVersion;
  }

  node(name: string): KubeObject | undefined {
    return this.deps.cluster().get(resolveResourceType('nodes')!, undefined, name);
  }

  /** `kubeadm join` on an unjoined host: kubeadm's files, the kubelet started, the Node registered. */
  join(host: string): void {
    const ip = this.unjoined[host]!;
    delete this.unjoined[host];
    const fs = this.fs(host);
    for (const [p, c] of Object.entries(this.baseline(host))) if (!fs.isFile(p)) fs.writeFileCreatingDirs(p, c);
    this.deps.cluster().joinNode(host, ip);
    const r = this.record(host);
    r.kubelet.markedDown = false;
    r.kubelet.silentSince = undefined;
    this.startKubelet(host);
  }

  /** `kubeadm upgrade apply`: the control-plane manifests move to `version`; the components that changed. */
  upgradeControlPlane(version: string): string[] {
    const fs = this.fs(CONTROL_PLANE);
    const changed: string[] = [];
    for (const comp of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const path = `/etc/kubernetes/manifests/${comp}.yaml`;
      const text = fs.read(path);
      if (text === undefined) continue;
      const next = comp === 'etcd'
        ? text.replace(/image: registry\.k8s\.io\/etcd:\S+/, `image: ${etcdImageFor(version)}`)
        : text.replace(new RegExp(`image: registry\\.k8s\\.io/${comp}:\\S+`), `image: registry.k8s.io/${comp}:${version}`);
      if (next !== text) {
        fs.write(path, next);
        changed.push(comp);
      }
    }
    this.clusterVersion = version;
    this.reconcile();
    return changed;
  }

  /** The pods the kubelet of `host` runs (its containers, for crictl). */
  podsOn(host: string): KubeObject[] {
    return this.deps.cluster().list(resolveResourceType('pods')!).filter((p) => (p as any).spec?.nodeName === host);
  }

  get dataDir(): string {
    return this.etcdDataDir;
  }
}

/** The etcd image kubeadm of that minor version deploys (cmd/kubeadm/app/constants SupportedEtcdVersion). */
export function etcdImageFor(version: string): string {
  return `registry.k8s.io/etcd:${version.startsWith('v1.31.') ? '3.5.15-0' : '3.5.16-0'}`;
}

function componentOfFile(file: string): string | undefined {
  const base = file.replace(/\.(ya?ml|json)$/, '');
  return ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].includes(base) ? base : undefined;
}

/** A stable 32-hex-digit stand-in for the kubelet's md5 of a static pod's manifest. */
export function hash(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 32);
}

function mirrorPod(pod: any, name: string, ns: string, host: string, h: string, now: string, created: string | undefined): KubeObject {
  const { creationTimestamp: _c, ...meta } = pod.metadata ?? {};
  const spec = { ...pod.spec, nodeName: host };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...meta,
      name,
      namespace: ns,
      ...(created ? { creationTimestamp: created } : {}),
      annotations: { ...(meta.annotations ?? {}), 'kubernetes.io/config.hash': h, 'kubernetes.io/config.mirror': h, 'kubernetes.io/config.seen': now, 'kubernetes.io/config.source': 'file' },
    },
    spec,
  } as KubeObject;
}
