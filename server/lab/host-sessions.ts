/**
 * The lab's side of the nodes: which host the learner is on (ssh, exit, Ctrl-D), a shell per host
 * over that host's filesystem, the node tools dispatched to the current host, and kubectl refused
 * while the API server's static pod is broken. The hosts' files are made the first time a line
 * looks at the system (a path under /etc, /var, ..., a node tool, a cd): a lab that never does pays nothing.
 */
import { Shell, type Command, type CommandResult, type CommandTable, type VfsSnapshot } from '../shell/index.js';
import { CONTROL_PLANE, Hosts, type HostCommand, type HostsDeps, type HostsSnapshot } from '../hosts/index.js';
import { tools } from '../hosts/index.js';

const MAX_SSH_DEPTH = 8;
const TOUCHES_SYSTEM = /(^|[\s'"=:<>|;&(])\/((etc|var|opt|usr|lib|run|srv|home|root\/\.kube)\b|(?=[\s;|&)]|$))|\b(ssh|systemctl|journalctl|crictl|etcdctl|etcdutl|kubeadm|kubelet|sudo|apt-get|apt-cache|apt-mark|openssl)\b/;

const REFUSED = 'The connection to the server controlplane:6443 was refused - did you specify the right host or port?\n';

export class HostSessions {
  static readonly COMMANDS = ['ssh', 'exit', 'sudo', 'hostname', 'whoami', 'uname', 'systemctl', 'journalctl', 'etcdctl', 'etcdutl', 'crictl', 'kubeadm', 'kubelet', 'apt-get', 'apt', 'apt-cache', 'apt-mark', 'openssl', 'ip', 'ps', 'ss', 'df', 'free'];
  private static readonly TOOL: Record<string, string> = { journalctl: 'journal', 'apt-get': 'aptGetCmd', apt: 'aptGetCmd', 'apt-cache': 'aptCacheCmd', 'apt-mark': 'aptMarkCmd', ps: 'psCmd', ss: 'ssCmd', df: 'dfCmd', free: 'freeCmd' };
  readonly hosts: Hosts;
  private readonly shells = new Map<string, Shell>();

  constructor(private readonly deps: HostsDeps, snapshot: HostsSnapshot | undefined, private readonly commands: CommandTable) {
    this.hosts = Hosts.restore(deps, snapshot);
  }

  current(): string {
    return this.hosts.current();
  }

  /** The shell of the current host; undefined on the controlplane (the lab's own shell). */
  shell(): Shell | undefined {
    const h = this.hosts.current();
    if (h === CONTROL_PLANE) return undefined;
    let s = this.shells.get(h);
    if (!s) {
      s = new Shell({ commands: this.commands, vfs: this.hosts.fs(h) });
      this.shells.set(h, s);
    }
    return s;
  }

  /** Before a line runs: make the controlplane's system files if the line looks at them. */
  before(text: string, cwd: string): void {
    this.hosts.invalidate();
    if (!this.hosts.isMaterialized(CONTROL_PLANE) && (TOUCHES_SYSTEM.test(text) || !(cwd === '/root' || cwd.startsWith('/root/')))) this.hosts.ensure(CONTROL_PLANE);
    this.hosts.reconcile();
  }

  after(): void {
    this.hosts.invalidate();
    this.hosts.reconcile();
  }

  snapshot(): HostsSnapshot | undefined {
    return this.hosts.snapshot();
  }

  controlPlaneFiles(s: VfsSnapshot): VfsSnapshot {
    return this.hosts.controlPlaneFiles(s);
  }

  kubectlRefused(argv: readonly string[]): CommandResult | undefined {
    this.hosts.reconcile();
    // `kubectl version` on a node whose packages or cluster moved from v1.32.0 (an upgrade, a 1.31 scenario).
    if (argv[1] === 'version' && argv.length === 2 && this.hosts.isMaterialized(this.hosts.current())) {
      const client = this.hosts.record(this.hosts.current()).versions.kubectl;
      const server = this.hosts.clusterVersion;
      if (client !== 'v1.32.0' || server !== 'v1.32.0') {
        const kustomize = client.startsWith('v1.31.') ? 'v5.4.2' : 'v5.5.0';
        if (this.hosts.apiServerDown()) return { stdout: `Client Version: ${client}\nKustomize Version: ${kustomize}\n`, stderr: REFUSED, exitCode: 1 };
        return { stdout: `Client Version: ${client}\nKustomize Version: ${kustomize}\nServer Version: ${server}\n`, stderr: '', exitCode: 0 };
      }
    }
    if (!this.hosts.apiServerDown()) return undefined;
    const clientOnly = argv.some((a) => a === '--dry-run=client' || a === '--client' || a === '-h' || a === '--help') || ['config', 'completion', 'explain'].includes(argv[1] ?? '');
    if (clientOnly) return undefined;
    return { stdout: '', stderr: REFUSED, exitCode: 1 };
  }

  /** Ctrl-D: leave the ssh session. */
  logout(): CommandResult | undefined {
    if (this.hosts.depth() === 0) return undefined;
    return this.exit();
  }

  private exit(): CommandResult {
    const from = this.hosts.leave();
    if (from) this.shells.delete(from);
    return { stdout: 'logout\n', stderr: `Connection to ${from} closed.\n`, exitCode: 0 };
  }

  command(name: string): Command | undefined {
    switch (name) {
      case 'exit':
        return (ctx) => (this.hosts.depth() > 0 ? this.exit() : ctx.argv[0] === 'logout' ? { stdout: '', stderr: 'bash: logout: not login shell: use `exit\'\n', exitCode: 1 } : { stdout: 'exit\n', stderr: 'The lab session stays open: close the tab to leave.\n', exitCode: 0 });
      case 'ssh':
        return (ctx) => this.ssh(ctx.argv);
      case 'sudo':
        return (ctx) => {
          const args = ctx.argv.slice(1);
          if (args.length === 0) return { stdout: '', stderr: 'usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABknS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABknS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command]\nusage: sudo [-ABbEHknPS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i|-s] [<command>]\nusage: sudo -e [-ABknS] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n', exitCode: 1 };
          // The exam's hosts log in as root: sudo -i / sudo su just keep the root shell.
          if (args[0] === '-i' || args[0] === '-s' || (args[0] === 'su' && args.length <= 2)) return { stdout: '', stderr: '', exitCode: 0 };
          const rest = args[0] === '-E' ? args.slice(1) : args;
          const cmd = this.commands.get(rest[0] ?? '');
          if (cmd) return cmd({ ...ctx, argv: rest });
          return (this.shell() ?? undefined)?.run(rest.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')) ?? this.runOnBase(rest);
        };
      default: {
        const tool = (tools as Record<string, HostCommand | unknown>)[HostSessions.TOOL[name] ?? name];
        if (!HostSessions.COMMANDS.includes(name) || typeof tool !== 'function') return undefined;
        return (ctx) => {
          const host = this.hosts.current();
          this.hosts.ensure(host);
          return (tool as HostCommand)(ctx, this.hosts, host, this.deps.clock.now());
        };
      }
    }
  }

  private baseRunner: ((line: string) => CommandResult) | undefined;
  /** The lab's own shell runs `sudo CMD` on the controlplane. */
  setBaseRunner(run: (line: string) => CommandResult): void {
    this.baseRunner = run;
  }
  private runOnBase(args: string[]): CommandResult {
    return this.baseRunner?.(args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')) ?? { stdout: '', stderr: `sudo: ${args[0]}: command not found\n`, exitCode: 1 };
  }

  private ssh(argv: readonly string[]): CommandResult {
    // ssh [options] destination [command ...]: options end at the destination.
    const args: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (args.length === 0 && a.startsWith('-')) {
        if (/^-[pilLoJFEbcDRWwemOQSB]$/.test(a)) i++;
        continue;
      }
      args.push(a);
    }
    const target = args[0];
    if (!target) return { stdout: '', stderr: 'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-p port] [-Q query_option] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n', exitCode: 255 };
    const host = target.replace(/^[^@]*@/, '');
    const name = this.hosts.resolveHost(host);
    if (!name) return { stdout: '', stderr: `ssh: Could not resolve hostname ${host}: Name or service not known\n`, exitCode: 255 };
    if (this.hosts.depth() >= MAX_SSH_DEPTH) return { stdout: '', stderr: `ssh: too many nested sessions in this lab (at most ${MAX_SSH_DEPTH})\n`, exitCode: 255 };
    const command = args.slice(1);
    if (command.length) {
      // `ssh node01 CMD`: runs CMD there and comes back.
      this.hosts.enter(name);
      const r = this.shell()?.run(command.join(' ')) ?? this.baseRunner?.(command.join(' ')) ?? { stdout: '', stderr: '', exitCode: 0 };
      this.hosts.leave();
      this.shells.delete(name);
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    }
    this.hosts.enter(name);
    return { stdout: `Welcome to Ubuntu 22.04.5 LTS (GNU/Linux 5.15.0-1083-gcp x86_64)\n\n * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n * Support:        https://ubuntu.com/pro\n`, stderr: '', exitCode: 0 };
  }
}
