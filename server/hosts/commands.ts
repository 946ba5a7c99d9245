/**
 * The node tools, run on the host the learner is on: systemctl and journalctl (systemd 249, Ubuntu
 * 22.04), hostname/whoami/uname, etcdctl/etcdutl 3.5, crictl, kubeadm, kubelet --version.
 * Each returns what the real tool prints; the sources are named beside the texts.
 */
import type { CommandContext, CommandResult } from '../shell/index.js';
import { rfc3339 } from '../core/index.js';
import { CONTROL_PLANE, readEtcdSnapshot, hash, type Hosts } from './hosts.js';
import { journalctl } from './journal.js';
import { kubeadm as runKubeadm } from './kubeadm.js';
import { aptCache, aptGet, aptMark } from './apt.js';
import { opensslX509, trustedPair } from './pki/index.js';
import { df, free, ipCommand, ps, ss } from './sysinfo.js';

const ok = (stdout = ''): CommandResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1, stdout = ''): CommandResult => ({ stdout, stderr, exitCode });

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** systemd's timestamp: `Mon 2026-11-30 03:38:39 UTC`. */
function systemdTime(t: number): string {
  const d = new Date(t);
  return `${DAYS[d.getUTCDay()]} ${rfc3339(t).slice(0, 10)} ${rfc3339(t).slice(11, 19)} UTC`;
}
/** systemd's `format_timespan` for "…; 5min ago". */
function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${m % 60}min`;
  return `${Math.floor(h / 24)} days`;
}

export type HostCommand = (ctx: CommandContext, hosts: Hosts, host: string, now: number) => CommandResult;

const UNITS = ['kubelet', 'containerd'];

export const systemctl: HostCommand = (ctx, hosts, host, now) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const [verb, ...units] = args;
  if (!verb) return fail('systemctl: a command is required; try systemctl status kubelet\n');
  const unitName = (u: string) => u.replace(/\.service$/, '');
  if (verb === 'daemon-reload') {
    const r = hosts.record(host);
    r.kubelet.loadedDropIn = hosts.fs(host).read('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf') ?? '';
    return ok();
  }
  if (units.length === 0) return fail(`Too few arguments.\n`);
  let out = '';
  let err = '';
  let code = 0;
  for (const raw of units) {
    const u = unitName(raw);
    if (!UNITS.includes(u)) {
      if (verb === 'status') { err += `Unit ${u}.service could not be found.\n`; code = 4; continue; }
      if (verb === 'is-active') { out += 'inactive\n'; code = 3; continue; }
      err += `Failed to ${verb} ${u}.service: Unit ${u}.service not found.\n`;
      code = verb === 'is-enabled' ? 1 : 5;
      continue;
    }
    if (u === 'containerd') {
      if (verb === 'is-active') out += 'active\n';
      else if (verb === 'is-enabled') out += 'enabled\n';
      else if (verb === 'status') out += containerdStatus(hosts, host, now);
      continue;
    }
    const r = hosts.record(host);
    const k = r.kubelet;
    const dropInNow = hosts.fs(host).read('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf') ?? '';
    const stale = dropInNow !== k.loadedDropIn ? "Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n" : '';
    switch (verb) {
      case 'start':
        err += stale;
        if (k.active !== 'running' && k.active !== 'auto-restart') hosts.startKubelet(host);
        break;
      case 'restart':
        err += stale;
        if (k.active === 'running') hosts.stopKubelet(host);
        hosts.startKubelet(host);
        break;
      case 'stop':
        err += stale;
        hosts.stopKubelet(host);
        break;
      case 'enable':
        if (!k.enabled) err += 'Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /lib/systemd/system/kubelet.service.\n';
        k.enabled = true;
        if (ctx.argv.includes('--now') && k.active !== 'running') hosts.startKubelet(host);
        break;
      case 'disable':
        if (k.enabled) err += 'Removed /etc/systemd/system/multi-user.target.wants/kubelet.service.\n';
        k.enabled = false;
        if (ctx.argv.includes('--now')) hosts.stopKubelet(host);
        break;
      case 'is-active': {
        const s = k.active === 'running' ? 'active' : k.active === 'auto-restart' ? 'activating' : k.active;
        out += `${s}\n`;
        if (s !== 'active') code = 3;
        break;
      }
      case 'is-enabled':
        out += k.enabled ? 'enabled\n' : 'disabled\n';
        if (!k.enabled) code = 1;
        break;
      case 'status': {
        out += kubeletStatus(hosts, host, now, stale);
        if (k.active !== 'running') code = 3;
        break;
      }
      default:
        return fail(`Unknown command verb ${verb}.\n`);
    }
  }
  return { stdout: out, stderr: err, exitCode: code };
};

function containerdStatus(hosts: Hosts, host: string, now: number): string {
  const since = hosts.record(host).kubelet.since - 5000;
  return `● containerd.service - containerd container runtime
     Loaded: loaded (/lib/systemd/system/containerd.service; enabled; vendor preset: enabled)
     Active: active (running) since ${systemdTime(since)}; ${ago(now - since)} ago
       Docs: https://containerd.io
   Main PID: 612 (containerd)
      Tasks: 112
     Memory: 1.2G
        CPU: 3min 2.514s
     CGroup: /system.slice/containerd.service
             └─612 /usr/bin/containerd
`;
}

/** `systemctl status kubelet` as systemd 249 prints it (src/systemctl/systemctl-show.c print_status_info). */
function kubeletStatus(hosts: Hosts, host: string, now: number, stale: string): string {
  const r = hosts.record(host);
  const k = r.kubelet;
  const enabled = k.enabled ? 'enabled' : 'disabled';
  const exec = '/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS';
  const dot = k.active === 'running' ? '●' : k.active === 'inactive' ? '○' : '●';
  let s = `${dot} kubelet.service - kubelet: The Kubernetes Node Agent
     Loaded: loaded (/lib/systemd/system/kubelet.service; ${enabled}; vendor preset: enabled)
    Drop-In: /etc/systemd/system/kubelet.service.d
             └─10-kubeadm.conf
`;
  const last = Math.max(k.since, k.since + Math.floor((now - k.since) / 10_000) * 10_000);
  if (k.active === 'running') {
    const cmd = k.start?.kind === 'running' ? k.start.cmdline : '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';
    s += `     Active: active (running) since ${systemdTime(k.since)}; ${ago(now - k.since)} ago
       Docs: https://kubernetes.io/docs/
   Main PID: ${k.pid} (kubelet)
      Tasks: 15 (limit: 9387)
     Memory: 38.4M
        CPU: 1.283s
     CGroup: /system.slice/kubelet.service
             └─${k.pid} ${cmd}
`;
  } else if (k.active === 'auto-restart') {
    const st = k.start?.kind === 'exec' ? '203/EXEC' : '1/FAILURE';
    const pid = k.pid + Math.floor((now - k.since) / 10_000) * 3;
    s += `     Active: activating (auto-restart) (Result: exit-code) since ${systemdTime(last)}; ${ago(now - last)} ago
       Docs: https://kubernetes.io/docs/
    Process: ${pid} ExecStart=${exec} (code=exited, status=${st})
   Main PID: ${pid} (code=exited, status=${st})
        CPU: 61ms
`;
  } else {
    s += `     Active: inactive (dead) since ${systemdTime(k.since)}; ${ago(now - k.since)} ago
       Docs: https://kubernetes.io/docs/
    Process: ${k.pid} ExecStart=${exec} (code=exited, status=0/SUCCESS)
   Main PID: ${k.pid} (code=exited, status=0/SUCCESS)
        CPU: 1.283s
`;
  }
  const tail = hosts.journal(host).filter((e) => e.unit === 'kubelet.service' && e.t <= now).slice(-10);
  if (tail.length) s += `\n${journalctl(host, tail, ['journalctl'], now).stdout}`;
  return stale + s;
}

export const journal: HostCommand = (ctx, hosts, host, now) => journalctl(host, hosts.journal(host), ctx.argv, now);

export const hostname: HostCommand = (_ctx, _hosts, host) => ok(`${host}\n`);
export const whoami: HostCommand = () => ok('root\n');

export const uname: HostCommand = (ctx, _h, host) => {
  const a = ctx.argv.slice(1);
  if (a.includes('-a') || a.includes('--all')) return ok(`Linux ${host} 5.15.0-1083-gcp #92~20.04.1-Ubuntu SMP Tue Apr 29 09:12:55 UTC 2025 x86_64 x86_64 x86_64 GNU/Linux\n`);
  if (a.includes('-r')) return ok('5.15.0-1083-gcp\n');
  if (a.includes('-n')) return ok(`${host}\n`);
  return ok('Linux\n');
};

// ---- etcdctl / etcdutl 3.5 (go.etcd.io/etcd/etcdctl/v3/ctlv3/command, etcdutl/v3/etcdutl) ----

interface EtcdFlags { endpoints: string; cacert?: string; cert?: string; key?: string; write: string; dataDir?: string; rest: string[] }

function etcdFlags(argv: readonly string[], env: Readonly<Record<string, string>>): EtcdFlags | string {
  const f: EtcdFlags = { endpoints: env.ETCDCTL_ENDPOINTS ?? '127.0.0.1:2379', write: 'simple', rest: [] };
  if (env.ETCDCTL_CACERT) f.cacert = env.ETCDCTL_CACERT;
  if (env.ETCDCTL_CERT) f.cert = env.ETCDCTL_CERT;
  if (env.ETCDCTL_KEY) f.key = env.ETCDCTL_KEY;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || a === '-') { f.rest.push(a); continue; }
    const name = m[1]!;
    const takes = ['endpoints', 'cacert', 'cert', 'key', 'write-out', 'w', 'data-dir', 'dial-timeout', 'command-timeout', 'name', 'initial-cluster', 'initial-advertise-peer-urls', 'initial-cluster-token', 'skip-hash-check'];
    if (!takes.includes(name)) {
      if (['insecure-skip-tls-verify', 'debug', 'hex'].includes(name)) continue;
      return `Error: unknown flag: --${name}`;
    }
    const v = m[2] ?? argv[++i];
    if (v === undefined) return `Error: flag needs an argument: --${name}`;
    if (name === 'endpoints') f.endpoints = v;
    else if (name === 'cacert') f.cacert = v;
    else if (name === 'cert') f.cert = v;
    else if (name === 'key') f.key = v;
    else if (name === 'write-out' || name === 'w') f.write = v;
    else if (name === 'data-dir') f.dataDir = v;
  }
  return f;
}

const GOOD_ENDPOINT = /^(https:\/\/)?(127\.0\.0\.1|localhost|192\.168\.0\.2|controlplane):2379$/;

/** Connects as etcdctl would: TLS with the given files, to a live etcd. An error text, or undefined. */
function etcdConnect(f: EtcdFlags, ctx: CommandContext, hosts: Hosts): string | undefined {
  for (const p of [f.cacert, f.cert, f.key]) {
    if (p !== undefined && !ctx.fs.readFile(p).ok) return `Error: open ${p}: no such file or directory\n`;
  }
  const deadline = '{"level":"warn","ts":"2026-11-30T00:00:05.000000Z","logger":"etcd-client","caller":"v3@v3.5.16/retry_interceptor.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc0000e2000/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}\nError: context deadline exceeded\n';
  const endpoints = f.endpoints.split(',');
  if (!endpoints.every((e) => GOOD_ENDPOINT.test(e))) return deadline;
  if (hosts.problem('etcd') || hosts.current() !== CONTROL_PLANE) return deadline;
  const read = (p: string | undefined) => (p === undefined ? undefined : (ctx.fs.readFile(p) as { ok: true; value: string }).value);
  const ca = read(f.cacert);
  const cert = read(f.cert);
  const key = read(f.key);
  // The server presents a certificate of etcd's CA (the file on the node); the client's pair must be one that CA signed.
  const etcdCa = hosts.fs(CONTROL_PLANE).read('/etc/kubernetes/pki/etcd/ca.crt');
  if (!ca || !etcdCa || ca.trim() !== etcdCa.trim()) return deadline;
  if (!cert || !key || !trustedPair(cert, key, etcdCa)) return deadline;
  return undefined;
}

function humanSize(bytes: number): string {
  // go-humanize.Bytes (SI units), as etcdctl prints sizes.
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = bytes;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) { v /= 1000; u++; }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

function asciiTable(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)) + 2);
  const line = `+${w.map((n) => '-'.repeat(n)).join('+')}+\n`;
  const center = (s: string, n: number) => {
    const left = Math.floor((n - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(n - s.length - left);
  };
  const head = `|${header.map((h, i) => center(h, w[i]!)).join('|')}|\n`;
  const body = rows.map((r) => `|${r.map((c, i) => ` ${c.padStart(w[i]! - 2)} `).join('|')}|\n`).join('');
  return line + head + line + body + line;
}

function snapshotStats(text: string): { hash: string; revision: number; keys: number; size: string } | undefined {
  const s = readEtcdSnapshot(text);
  if (!s) return undefined;
  return { hash: hash(text).slice(0, 8), revision: s.revision, keys: s.cluster.objects.length + 12, size: humanSize(text.length * 40) };
}

/** zap's ISO 8601 with microseconds, as etcdctl 3.5 logs: `2024-11-07T14:05:16.122394Z`. */
function zapTime(t: number): string {
  return new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1394Z');
}

export const etcdctl: HostCommand = (ctx, hosts, _host, now) => {
  const f = etcdFlags(ctx.argv, ctx.env);
  if (typeof f === 'string') return fail(`${f}\n`);
  const [group, verb, file] = f.rest;
  if (group === 'version' || ctx.argv.includes('--version')) return ok('etcdctl version: 3.5.16\nAPI version: 3.5\n');
  if (group === 'snapshot' && verb === 'status') return snapshotStatus(ctx, f, file, true);
  if (group === 'snapshot' && verb === 'restore') return etcdutlRestore(ctx, hosts, _host, f, file, now, true);
  if (!group) return fail('Error: unknown command "" for "etcdctl"\n');
  const known = ['snapshot', 'member', 'endpoint', 'get', 'put', 'del'];
  if (!known.includes(group)) return fail(`Error: unknown command "${group}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
  const err = etcdConnect(f, ctx, hosts);
  if (err) return { stdout: '', stderr: err, exitCode: 1 };
  if (group === 'snapshot' && verb === 'save') {
    if (!file) return fail('Error: snapshot save expects one argument\n');
    const path = ctx.fs.resolve(file);
    const snap = hosts.takeSnapshot(now);
    const w = ctx.fs.writeFile(file, snap);
    if (!w.ok) return fail(`Error: could not open ${path}.part (open ${path}.part: no such file or directory)\n`);
    const ep = f.endpoints.split(',')[0]!; // as given, scheme or not (the v3.5.16 client logs it so)
    const ts = zapTime(now);
    const log = [
      `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${path}.part"}`,
      `{"level":"info","ts":"${ts}","logger":"client","caller":"v3@v3.5.16/maintenance.go:212","msg":"opened snapshot stream; downloading"}`,
      `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${ep}"}`,
      `{"level":"info","ts":"${ts}","logger":"client","caller":"v3@v3.5.16/maintenance.go:220","msg":"completed snapshot read; closing"}`,
      `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${ep}","size":"${snapshotStats(snap)!.size}","took":"now"}`,
      `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${path}"}`,
    ];
    return { stdout: `Snapshot saved at ${path}\n`, stderr: `${log.join('\n')}\n`, exitCode: 0 };
  }
  if (group === 'member' && verb === 'list') {
    const row = ['8e9e05c52164694d', 'started', 'controlplane', 'https://192.168.0.2:2380', 'https://192.168.0.2:2379', 'false'];
    if (f.write === 'table') return ok(asciiTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], [row]));
    return ok(`${row.join(', ')}\n`);
  }
  if (group === 'endpoint' && (verb === 'health' || verb === 'status')) {
    const ep = f.endpoints.split(',')[0]!;
    if (verb === 'health') return ok(`${ep} is healthy: successfully committed proposal: took = 9.217417ms\n`);
    return ok(`${ep}, 8e9e05c52164694d, 3.5.16, 5.8 MB, true, false, 3, ${hosts.takeSnapshotRevision()}, ${hosts.takeSnapshotRevision()}, \n`);
  }
  return fail(`Error: unknown command "${verb ?? ''}" for "etcdctl ${group}"\n`);
};

function snapshotStatus(ctx: CommandContext, f: EtcdFlags, file: string | undefined, deprecated: boolean): CommandResult {
  const dep = deprecated ? 'Deprecated: Use `etcdutl snapshot status` instead.\n\n' : '';
  if (!file) return fail(`${dep}Error: snapshot status expects one argument\n`);
  const r = ctx.fs.readFile(file);
  if (!r.ok) return fail(`${dep}Error: stat ${file}: no such file or directory\n`);
  const st = snapshotStats(r.value);
  if (!st) return fail(`${dep}Error: invalid database\n`);
  const row = [st.hash, String(st.revision), String(st.keys), st.size];
  if (f.write === 'table') return { stdout: asciiTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE'], [row]), stderr: dep, exitCode: 0 };
  if (f.write === 'json') return { stdout: `{"hash":${parseInt(st.hash, 16)},"revision":${st.revision},"totalKey":${st.keys},"totalSize":${r.value.length * 40}}\n`, stderr: dep, exitCode: 0 };
  return { stdout: `${row.join(', ')}\n`, stderr: dep, exitCode: 0 };
}

function etcdutlRestore(ctx: CommandContext, hosts: Hosts, host: string, f: EtcdFlags, file: string | undefined, now: number, deprecated: boolean): CommandResult {
  const dep = deprecated ? 'Deprecated: Use `etcdutl snapshot restore` instead.\n\n' : '';
  if (!file) return fail(`${dep}Error: snapshot restore requires exactly one argument\n`);
  const r = ctx.fs.readFile(file);
  if (!r.ok) return fail(`${dep}Error: stat ${file}: no such file or directory\n`);
  if (!readEtcdSnapshot(r.value)) return fail(`${dep}Error: snapshot file integrity check failed. 2 errors found.\n`);
  const d = f.dataDir ? ctx.fs.resolve(f.dataDir) : ctx.fs.resolve('default.etcd');
  const existing = ctx.fs.readDir(d);
  if (existing.ok && existing.value.length) return fail(`${dep}Error: data-dir "${d}" not empty or could not be read\n`);
  const vfs = hosts.fs(host);
  vfs.writeFileCreatingDirs(`${d}/member/wal/0000000000000000-0000000000000000.wal`, '');
  vfs.writeFileCreatingDirs(`${d}/member/snap/db`, r.value);
  if (vfs.read(`${d}/member/snap/db`) !== r.value) return fail(`${dep}Error: mkdir ${d}/member/snap: no space left on device\n`);
  const ts = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const fields = `{"path": "${ctx.fs.resolve(file)}", "wal-dir": "${d}/member/wal", "data-dir": "${d}", "snap-dir": "${d}/member/snap", "initial-memory-map-size": 10737418240}`;
  const log = [
    `${ts}\tinfo\tsnapshot/v3_snapshot.go:265\trestoring snapshot\t${fields}`,
    `${ts}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...`,
    `${ts}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"]}`,
    `${ts}\tinfo\tsnapshot/v3_snapshot.go:293\trestored snapshot\t${fields}`,
  ];
  return { stdout: '', stderr: `${dep}${log.join('\n')}\n`, exitCode: 0 };
}

export const etcdutl: HostCommand = (ctx, hosts, host, now) => {
  const f = etcdFlags(ctx.argv, ctx.env);
  if (typeof f === 'string') return fail(`${f}\n`);
  const [group, verb, file] = f.rest;
  if (group === 'version' || ctx.argv.includes('--version')) return ok('etcdutl version: 3.5.16\nAPI version: 3.5\n');
  if (group === 'snapshot' && verb === 'status') return snapshotStatus(ctx, f, file, false);
  if (group === 'snapshot' && verb === 'restore') return etcdutlRestore(ctx, hosts, host, f, file, now, false);
  return fail(`Error: unknown command "${group ?? ''}" for "etcdutl"\nRun 'etcdutl --help' for usage.\n`);
};

// ---- crictl (kubernetes-sigs/cri-tools) ----

/** docker/go-units HumanDuration, which crictl's CREATED column uses. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3600_000 / 24 / 365)} years`;
}

export const crictl: HostCommand = (ctx, hosts, host, now) => {
  const verb = ctx.argv[1];
  const pods = hosts.podsOn(host);
  if (verb === 'ps') {
    const rows = pods.flatMap((p: any) => (p.spec.containers ?? []).map((c: any, i: number) => {
      const st = p.status?.containerStatuses?.[i];
      const running = !!st?.state?.running;
      if (!running && !ctx.argv.includes('-a')) return undefined;
      const id = String(st?.containerID ?? '').replace('containerd://', '').slice(0, 13) || hash(p.metadata.name).slice(0, 13);
      const created = Date.parse(p.metadata.creationTimestamp ?? rfc3339(now));
      return [id, hash(c.image).slice(0, 13), `${humanDuration(now - created)} ago`, running ? 'Running' : 'Exited', c.name, String(st?.restartCount ?? 0), hash(p.metadata.uid ?? p.metadata.name).slice(0, 13), p.metadata.name];
    })).filter((r: string[] | undefined): r is string[] => !!r);
    return ok(table(['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD'], rows));
  }
  if (verb === 'pods') {
    const rows = pods.map((p: any) => {
      const created = Date.parse(p.metadata.creationTimestamp ?? rfc3339(now));
      return [hash(p.metadata.uid ?? p.metadata.name).slice(0, 13), `${humanDuration(now - created)} ago`, 'Ready', p.metadata.name, p.metadata.namespace, '0', '(default)'];
    });
    return ok(table(['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'], rows));
  }
  if (verb === 'images') {
    const images = [...new Set<string>(pods.flatMap((p: any) => p.spec.containers.map((c: any) => String(c.image))))].sort();
    const rows = images.map((i) => {
      const at = i.lastIndexOf(':');
      return [i.slice(0, at), i.slice(at + 1), hash(i).slice(0, 13), '25.6MB'];
    });
    return ok(table(['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], rows));
  }
  if (verb === 'logs') {
    const id = ctx.argv[ctx.argv.length - 1];
    const pod = pods.find((p: any) => (p.status?.containerStatuses ?? []).some((s: any) => String(s.containerID).replace('containerd://', '').startsWith(id ?? '-')));
    if (!pod || !id) return fail(`E1130 00:00:00.000000    4321 remote_runtime.go:1110] "ContainerStatus from runtime service failed" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id ?? ''}\\": not found" containerID="${id ?? ''}"\nFATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id ?? ''}": not found \n`);
    const comp = String((pod as any).metadata.labels?.component ?? '');
    const p = comp ? hosts.problem(comp) : undefined;
    return ok(p ? `${p.message}\n` : '');
  }
  if (!verb) return fail('crictl: a command is required\n');
  return fail(`No help topic for '${verb}'\n`);
};

function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]! + 3))).join('')}\n`.replace(/ +\n$/, '\n');
  return line(header) + rows.map(line).join('');
}

// ---- kubeadm (server/hosts/kubeadm.ts), apt (server/hosts/apt.ts) ----

export const kubeadm: HostCommand = (ctx, hosts, host, now) => runKubeadm(ctx, hosts, host, now);
export const aptGetCmd: HostCommand = (ctx, hosts, host) => aptGet(ctx, hosts, host);
export const aptCacheCmd: HostCommand = (ctx, hosts, host) => aptCache(ctx, hosts, host);
export const aptMarkCmd: HostCommand = (ctx, hosts, host) => aptMark(ctx, hosts, host);

/** `openssl x509` (server/hosts/pki/openssl.ts); other openssl commands are not in the lab. */
export const openssl: HostCommand = (ctx) => {
  if (ctx.argv[1] === 'version') return ok('OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)\n');
  if (ctx.argv[1] !== 'x509') return fail(`Invalid command '${ctx.argv[1] ?? ''}'; type "help" for a list.\n`);
  return opensslX509(ctx.argv, (p) => {
    const r = ctx.fs.readFile(p);
    return r.ok ? r.value : undefined;
  }, ctx.stdin);
};

export const ip: HostCommand = (ctx, hosts, host) => ipCommand(ctx, hosts, host);
export const psCmd: HostCommand = (ctx, hosts, host) => ps(ctx, hosts, host);
export const ssCmd: HostCommand = (ctx, hosts, host) => ss(ctx, hosts, host);
export const dfCmd: HostCommand = (ctx) => df(ctx);
export const freeCmd: HostCommand = (ctx) => free(ctx);

export const kubelet: HostCommand = (ctx, hosts, host) => {
  if (ctx.argv.includes('--version')) return ok(`Kubernetes ${hosts.record(host).versions.kubelet}\n`);
  void CONTROL_PLANE;
  return fail('E1130 00:00:00.000000   12345 run.go:72] "command failed" err="failed to run Kubelet: the kubelet is already running as a systemd service on this host"\n');
};

