/**
 * apt on a node, for the Kubernetes packages of pkgs.k8s.io (one repository per minor version, as
 * /etc/apt/sources.list.d/kubernetes.list names it): apt-get update, apt-cache madison|policy,
 * apt-get install PKG=VERSION with holds, apt-mark hold|unhold|showhold. Texts are apt 2.4's
 * (Ubuntu 22.04): apt-pkg's "E: Version '%s' for '%s' was not found", "E: Held packages were
 * changed and -y was used without --allow-change-held-packages.", apt-mark's "%s set on hold.".
 */
import type { CommandContext, CommandResult } from '../shell/index.js';
import type { Hosts } from './hosts.js';

const PATCHES: Record<string, number> = { 'v1.30': 10, 'v1.31': 6, 'v1.32': 3 };
const K8S_PACKAGES = ['kubeadm', 'kubelet', 'kubectl', 'kubernetes-cni', 'cri-tools'];
const LIST = '/etc/apt/sources.list.d/kubernetes.list';

/** The minor version the node's repository line names (`v1.32`), or undefined when it names none. */
export function repoMinor(hosts: Hosts, host: string): string | undefined {
  const line = hosts.fs(host).read(LIST) ?? '';
  return /pkgs\.k8s\.io\/core:\/stable:\/(v1\.\d+)\/deb/.exec(line)?.[1];
}

/** Versions the package index knows (newest first), as fetched by the last apt-get update. */
function available(hosts: Hosts, host: string): string[] {
  const minor = hosts.record(host).aptMinor ?? hosts.baseMinor();
  const n = minor ? PATCHES[minor] : undefined;
  if (n === undefined) return [];
  return Array.from({ length: n + 1 }, (_, i) => `${minor!.slice(1)}.${n - i}-1.1`);
}

const pkgVersion = (v: string) => `${v.replace(/^v/, '')}-1.1`;
const ok = (stdout: string): CommandResult => ({ stdout, stderr: '', exitCode: 0 });

export function aptGet(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const args = ctx.argv.slice(1);
  const verb = args.find((a) => !a.startsWith('-'));
  const r = hosts.record(host);
  if (verb === 'update') {
    const minor = repoMinor(hosts, host);
    r.aptMinor = minor;
    const repo = minor ? `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/${minor}/deb` : '';
    const lines = [
      'Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease',
      'Hit:2 http://archive.ubuntu.com/ubuntu jammy-updates InRelease',
      'Hit:3 http://security.ubuntu.com/ubuntu jammy-security InRelease',
      ...(minor && PATCHES[minor] !== undefined ? [`Get:4 ${repo}  InRelease [1,186 B]`, `Get:5 ${repo}  Packages [4,865 B]`, 'Fetched 6,051 B in 1s (8,312 B/s)'] : minor ? [`Err:4 ${repo}  InRelease`, '  403  Forbidden [IP: 18.172.112.91 443]'] : []),
      'Reading package lists... Done',
    ];
    return ok(`${lines.join('\n')}\n`);
  }
  if (verb !== 'install' && verb !== 'upgrade') return { stdout: '', stderr: `E: Invalid operation ${verb ?? ''}\n`, exitCode: 100 };
  const yes = args.includes('-y') || args.includes('--yes') || args.includes('-qy');
  const allowHeld = args.includes('--allow-change-held-packages');
  const head = 'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n';
  const wanted = args.filter((a) => !a.startsWith('-') && a !== verb);
  const changes: { pkg: string; from: string; to: string }[] = [];
  for (const w of wanted) {
    const [pkg, ver] = w.split('=') as [string, string | undefined];
    if (!K8S_PACKAGES.includes(pkg)) return { stdout: head, stderr: `E: Unable to locate package ${pkg}\n`, exitCode: 100 };
    if (pkg === 'kubernetes-cni' || pkg === 'cri-tools') continue;
    const versions = available(hosts, host);
    const target = ver === undefined ? versions[0] : versions.find((v) => v === ver || (ver.endsWith('*') && v.startsWith(ver.slice(0, -1))));
    if (!target) return { stdout: head, stderr: `E: Version '${ver ?? ''}' for '${pkg}' was not found\n`, exitCode: 100 };
    const current = pkgVersion(r.versions[pkg as 'kubeadm']);
    if (target !== current) changes.push({ pkg, from: current, to: target });
  }
  if (changes.length === 0) return ok(`${head}${wanted.map((w) => `${w.split('=')[0]} is already the newest version (${pkgVersion(r.versions[w.split('=')[0] as 'kubeadm'])}).\n`).join('')}0 upgraded, 0 newly installed, 0 to remove and 25 not upgraded.\n`);
  const held = changes.filter((c) => r.held.includes(c.pkg));
  const up = changes.filter((c) => c.to > c.from).map((c) => c.pkg);
  const down = changes.filter((c) => c.to < c.from).map((c) => c.pkg);
  let plan = head;
  if (held.length) plan += `The following held packages will be changed:\n  ${held.map((c) => c.pkg).join(' ')}\n`;
  if (up.length) plan += `The following packages will be upgraded:\n  ${up.join(' ')}\n`;
  if (down.length) plan += `The following packages will be DOWNGRADED:\n  ${down.join(' ')}\n`;
  plan += `${up.length} upgraded, 0 newly installed, ${down.length} downgraded, 0 to remove and 25 not upgraded.\n`;
  if (held.length && !allowHeld) return { stdout: plan, stderr: 'E: Held packages were changed and -y was used without --allow-change-held-packages.\n', exitCode: 100 };
  if (!yes) return { stdout: `${plan}Do you want to continue? [Y/n] Abort.\n`, stderr: '', exitCode: 1 };
  if (down.length && !args.includes('--allow-downgrades')) return { stdout: plan, stderr: 'E: Packages were downgraded and -y was used without --allow-downgrades.\n', exitCode: 100 };
  const minor = r.aptMinor ?? hosts.baseMinor();
  const repo = `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/${minor}/deb`;
  let out = `${plan}Need to get ${changes.length * 11}.2 MB of archives.\nAfter this operation, 4,096 B of additional disk space will be used.\n`;
  changes.forEach((c, i) => (out += `Get:${i + 1} ${repo}  ${c.pkg} ${c.to} [11.2 MB]\n`));
  out += `Fetched ${changes.length * 11}.2 MB in 1s (14.9 MB/s)\n(Reading database ... 73941 files and directories currently installed.)\n`;
  for (const c of changes) {
    out += `Preparing to unpack .../${c.pkg}_${c.to}_amd64.deb ...\nUnpacking ${c.pkg} (${c.to}) over (${c.from}) ...\n`;
  }
  for (const c of changes) {
    out += `Setting up ${c.pkg} (${c.to}) ...\n`;
    r.versions[c.pkg as 'kubeadm'] = `v${c.to.replace(/-1\.1$/, '')}`;
  }
  return ok(out);
}

export function aptCache(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const [verb, ...pkgs] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const minor = hosts.record(host).aptMinor ?? hosts.baseMinor();
  if (verb === 'madison') {
    let out = '';
    for (const p of pkgs) {
      if (!K8S_PACKAGES.includes(p)) return { stdout: out, stderr: `N: Unable to locate package ${p}\n`, exitCode: 0 };
      for (const v of available(hosts, host)) out += `${p.padStart(10)} | ${v} | https://pkgs.k8s.io/core:/stable:/${minor}/deb  Packages\n`;
    }
    return ok(out);
  }
  if (verb === 'policy') {
    const r = hosts.record(host);
    let out = '';
    for (const p of pkgs) {
      const installed = K8S_PACKAGES.includes(p) && p in r.versions ? pkgVersion(r.versions[p as 'kubeadm']) : '(none)';
      const cand = available(hosts, host)[0] ?? '(none)';
      out += `${p}:\n  Installed: ${installed}\n  Candidate: ${cand}\n  Version table:\n`;
      for (const v of available(hosts, host)) out += `${v === installed ? ' *** ' : '     '}${v} 500\n        500 https://pkgs.k8s.io/core:/stable:/${minor}/deb  Packages\n`;
    }
    return ok(out);
  }
  return { stdout: '', stderr: `E: Invalid operation ${verb ?? ''}\n`, exitCode: 100 };
}

export function aptMark(ctx: CommandContext, hosts: Hosts, host: string): CommandResult {
  const [verb, ...pkgs] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const r = hosts.record(host);
  if (verb === 'showhold') return ok(r.held.map((p) => `${p}\n`).join(''));
  if (verb !== 'hold' && verb !== 'unhold') return { stdout: '', stderr: `E: Invalid operation ${verb ?? ''}\n`, exitCode: 100 };
  let out = '';
  for (const p of pkgs) {
    if (!K8S_PACKAGES.includes(p)) return { stdout: out, stderr: `E: Unable to locate package ${p}\n`, exitCode: 100 };
    const held = r.held.includes(p);
    if (verb === 'hold') {
      out += held ? `${p} was already set on hold.\n` : `${p} set on hold.\n`;
      if (!held) r.held = [...r.held, p].sort();
    } else {
      out += held ? `Canceled hold on ${p}.\n` : `${p} was already not on hold.\n`;
      r.held = r.held.filter((x) => x !== p);
    }
  }
  return ok(out);
}
