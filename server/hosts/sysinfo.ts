/**
 * What a node says about itself: `ip a` (iproute2), `ps aux` (procps-ng), `ss -tlnp`, `df -h`
 * (coreutils), `free -m` (procps-ng) in their Ubuntu 22.04 layouts, with the processes the node
 * runs: systemd, containerd, the kubelet while it runs, and on controlplane the static pods' binaries.
 */
import type { CommandContext, CommandResult } from '../shell/index.js';
import { CONTROL_PLANE, type Hosts } from './hosts.js';

const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

function mac(ip: string): string {
  const last = Number(ip.split('.')[3] ?? 2);
  return `02:42:c0:a8:00:${last.toString(16).padStart(2, '0')}`;
}

export function ipCommand(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const sub = ctx.argv[1] ?? '';
  const ip = hosts.nodeIp(host) ?? '192.168.0.2';
  const idx = hosts.nodeNames().indexOf(host);
  const cidr = `10.244.${Math.max(0, idx)}`;
  if (['a', 'addr', 'address'].includes(sub)) {
    return ok(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host 
       valid_lft forever preferred_lft forever
2: eth0@if${20 + idx}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default 
    link/ether ${mac(ip)} brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet ${ip}/24 brd 192.168.0.255 scope global eth0
       valid_lft forever preferred_lft forever
3: flannel.1: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN group default 
    link/ether 9a:3e:7c:51:0d:${(10 + idx).toString(16).padStart(2, '0')} brd ff:ff:ff:ff:ff:ff
    inet ${cidr}.0/32 scope global flannel.1
       valid_lft forever preferred_lft forever
4: cni0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000
    link/ether 6e:1f:0b:92:44:${(10 + idx).toString(16).padStart(2, '0')} brd ff:ff:ff:ff:ff:ff
    inet ${cidr}.1/24 brd ${cidr}.255 scope global cni0
       valid_lft forever preferred_lft forever
`);
  }
  if (['r', 'route'].includes(sub)) {
    return ok(`default via 192.168.0.1 dev eth0 \n${cidr}.0/24 dev cni0 proto kernel scope link src ${cidr}.1 \n192.168.0.0/24 dev eth0 proto kernel scope link src ${ip} \n`);
  }
  return { stdout: '', stderr: `Object "${sub}" is unknown, try "ip help".\n`, exitCode: 255 };
}

interface Proc {
  pid: number;
  cpu: string;
  mem: string;
  vsz: number;
  rss: number;
  stat: string;
  time: string;
  cmd: string;
  port?: { addr: string; port: number; name: string };
}

/** The processes a host runs now. */
export function processes(hosts: Hosts, host: string): Proc[] {
  const r = hosts.record(host);
  const out: Proc[] = [
    { pid: 1, cpu: '0.0', mem: '0.1', vsz: 167744, rss: 12988, stat: 'Ss', time: '0:03', cmd: '/sbin/init' },
    { pid: 398, cpu: '0.0', mem: '0.0', vsz: 15424, rss: 9052, stat: 'Ss', time: '0:00', cmd: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', port: { addr: '0.0.0.0', port: 22, name: 'sshd' } },
    { pid: 612, cpu: '0.9', mem: '1.2', vsz: 1944064, rss: 98012, stat: 'Ssl', time: '3:02', cmd: '/usr/bin/containerd' },
  ];
  if (r.kubelet.active === 'running') {
    const cmd = r.kubelet.start?.kind === 'running' ? r.kubelet.start.cmdline : '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';
    out.push({ pid: r.kubelet.pid, cpu: '1.8', mem: '1.1', vsz: 2283548, rss: 92040, stat: 'Ssl', time: '1:21', cmd, port: { addr: '*', port: 10250, name: 'kubelet' } });
  }
  if (host === CONTROL_PLANE) {
    const fs = hosts.fs(host);
    const comps: [string, number, string][] = [['etcd', 2379, '127.0.0.1'], ['kube-apiserver', 6443, '*'], ['kube-controller-manager', 10257, '127.0.0.1'], ['kube-scheduler', 10259, '127.0.0.1']];
    comps.forEach(([c, port, addr], i) => {
      if (hosts.problem(c)) return;
      const m = fs.read(`/etc/kubernetes/manifests/${c}.yaml`) ?? '';
      const args = [...m.matchAll(/^    - (--\S+|etcd|kube-\S+)$/gm)].map((x) => x[1]!);
      out.push({ pid: 1500 + i * 37, cpu: c === 'kube-apiserver' ? '4.1' : '1.2', mem: c === 'kube-apiserver' ? '4.9' : '0.8', vsz: 1500000 + i * 10000, rss: c === 'kube-apiserver' ? 320000 : 60000, stat: 'Ssl', time: '2:10', cmd: args.join(' ') || c, port: { addr, port, name: c } });
    });
  }
  out.push({ pid: 4120, cpu: '0.0', mem: '0.0', vsz: 7236, rss: 4120, stat: 'Ss', time: '0:00', cmd: '-bash' });
  return out.sort((a, b) => a.pid - b.pid);
}

export function ps(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const procs = processes(hosts, host);
  const full = ctx.argv.slice(1).some((a) => /^-?(aux|ef|e)$/.test(a));
  if (!full) return ok(`    PID TTY          TIME CMD\n   4120 pts/0    00:00:00 bash\n   4188 pts/0    00:00:00 ps\n`);
  let out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
  for (const p of procs) {
    out += `root     ${String(p.pid).padStart(7)} ${p.cpu.padStart(4)} ${p.mem.padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${p.cmd === '-bash' ? 'pts/0   ' : '?       '} ${p.stat.padEnd(4)} 02:00 ${p.time.padStart(6)} ${p.cmd}\n`;
  }
  out += `root        4188  0.0  0.0  10072  3436 pts/0    R+   03:00   0:00 ps ${ctx.argv.slice(1).join(' ')}\n`;
  return ok(out);
}

export function ss(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const ports = processes(hosts, host).filter((p) => p.port);
  const rows = ports.flatMap((p) => {
    const base = p.port!;
    const extra = base.name === 'etcd' ? [{ ...base, addr: hosts.nodeIp(host) ?? '192.168.0.2' }, { ...base, port: 2380, addr: hosts.nodeIp(host) ?? '192.168.0.2' }, { ...base, port: 2381 }] : base.name === 'kubelet' ? [{ ...base, port: 10248, addr: '127.0.0.1' }] : [];
    return [base, ...extra].map((x) => ({ ...x, pid: p.pid }));
  }).sort((a, b) => a.port - b.port);
  const withProc = ctx.argv.some((a) => /^-\w*p/.test(a));
  let out = 'State  Recv-Q Send-Q Local Address:Port  Peer Address:Port' + (withProc ? 'Process\n' : '\n');
  for (const r of rows) {
    const local = `${r.addr}:${r.port}`;
    out += `LISTEN 0      4096  ${local.padStart(17)}      ${(r.addr === '*' ? '*:*' : '0.0.0.0:*').padEnd(11)}${withProc ? `users:(("${r.name.slice(0, 15)}",pid=${r.pid},fd=${r.name === 'sshd' ? 3 : 7}))` : ''}\n`;
  }
  return ok(out);
}

export function df(ctx: CommandContext): CommandResult {
  const human = ctx.argv.includes('-h');
  if (!human) return ok(`Filesystem     1K-blocks     Used Available Use% Mounted on\n/dev/root       50620216 11698744  38905088  24% /\ntmpfs            4023540        0   4023540   0% /dev/shm\ntmpfs            1609416     1380   1608036   1% /run\n/dev/sda15        106858     6182    100677   6% /boot/efi\n`);
  return ok(`Filesystem      Size  Used Avail Use% Mounted on\n/dev/root        49G   12G   38G  24% /\ntmpfs           3.9G     0  3.9G   0% /dev/shm\ntmpfs           1.6G  1.4M  1.6G   1% /run\ntmpfs           5.0M     0  5.0M   0% /run/lock\n/dev/sda15      105M  6.1M   99M   6% /boot/efi\n`);
}

export function free(ctx: CommandContext): CommandResult {
  const h = ctx.argv.includes('-h');
  if (h) return ok(`               total        used        free      shared  buff/cache   available\nMem:           7.7Gi       1.6Gi       3.1Gi       3.0Mi       3.0Gi       5.8Gi\nSwap:             0B          0B          0B\n`);
  return ok(`               total        used        free      shared  buff/cache   available\nMem:            7857        1640        3168           3        3048        5937\nSwap:              0           0           0\n`);
}
