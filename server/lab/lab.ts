/**
 * A Lab is one learner's simulated machine: the cluster, the virtual filesystem, the shell and
 * kubectl joined together. It is what the terminal executes lines on, what the grader reads,
 * and what the store persists (snapshot/restore). Pure: time and randomness come in.
 */
import type { Clock, Random } from '../core/index.js';
import type { Pod } from '../api/index.js';
import { createCluster, resolveResourceType, restoreCluster, type Cluster, type ClusterSnapshot } from '../cluster/index.js';
import { KUBECTL_COMPLETION_BASH, completeKubectl, finishKubectlEdit, runKubectl, type KubectlDeps, type Kubeconfig } from '../kubectl/index.js';
import { createEngine, worldFromCluster, type Engine } from '../netpol/index.js';
import {
  Shell,
  Vfs,
  type Command,
  type CommandEffect,
  type CommandResult,
  type CommandTable,
  type ShellSnapshot,
  type OutputChunk,
  type VfsSnapshot,
} from '../shell/index.js';
import { execInContainer } from './container-exec.js';
import { HostSessions } from './host-sessions.js';
import type { HostsSnapshot, Pki } from '../hosts/index.js';
import type { LabSetup } from './setup.js';

export interface LabOptions {
  clock: Clock;
  random: Random;
  /** The installation's cluster PKI (made once at the edge); the nodes' /etc/kubernetes/pki holds it. */
  pki?: () => Pki;
}

export interface LabSnapshot {
  version: 1;
  cluster: ClusterSnapshot;
  vfs: VfsSnapshot;
  shell: ShellSnapshot;
  /** kubectl's client state (the current context's namespace); absent in older snapshots. */
  kubeconfig?: Kubeconfig;
  /** The nodes' state (ssh sessions, kubelets, files that differ from kubeadm's); absent until a host is touched. */
  hosts?: HostsSnapshot;
}

export interface LabRunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  effects: CommandEffect[];
  /** stdout and stderr interleaved as they were produced (absent for editor saves and the like). */
  output?: OutputChunk[];
}

const HOME = '/root';
/** A scenario's prepare lines happen this long before the learner arrives (a broken kubelet's node is NotReady by then). */
const PREPARE_AGO_MS = 10 * 60 * 1000;
const KUBECTL_NAMES = ['kubectl'];

export class Lab {
  private engineCache: { revision: number; engine: Engine } | undefined;
  /** `kubectl edit` sessions open in the editor: temp file → the text it started with (and the failed edit, when reopened). */
  private readonly pendingEdits = new Map<string, { original: string; retryOf?: string }>();
  readonly kubeconfig: Kubeconfig = {};
  /** The nodes as hosts: ssh, systemd, static pods, etcd. */
  hostSessions!: HostSessions;
  /** The lab's clock: it bounds a line's running time too (a fixed test clock leaves only the step bound). */
  private clock: Clock | undefined;

  private constructor(
    private currentCluster: Cluster,
    readonly vfs: Vfs,
    private baseShell: Shell,
    private readonly commands: CommandTable,
    private readonly hostClock: { shift: number; now(): number },
  ) {}

  get cluster(): Cluster {
    return this.currentCluster;
  }

  /** The shell of the host the learner is on. */
  get shell(): Shell {
    return this.hostSessions.shell() ?? this.baseShell;
  }

  /** A fresh lab from a setup: the cluster seeded, the files placed. */
  static create(setup: LabSetup, opts: LabOptions): Lab {
    const cluster = createCluster({
      clock: opts.clock,
      random: opts.random,
      externalHosts: [...setup.externalHosts],
      appResponses: [...setup.appResponses],
      objects: [...setup.objects],
      ...(setup.workers ? { workers: [...setup.workers] } : {}),
    });
    const vfs = new Vfs();
    for (const f of setup.files) {
      const path = f.path.startsWith('/') ? f.path : `${HOME}/${f.path}`;
      vfs.writeFileCreatingDirs(path, f.content);
    }
    const lab = Lab.assemble(cluster, vfs, undefined, opts, undefined);
    lab.clock = opts.clock;
    if (setup.version || setup.hostAliases || setup.unjoined?.length || setup.prepare) lab.prepareHosts(setup);
    return lab;
  }

  /** A scenario's nodes: version, aliases, machines to join, and its prepare lines run ten minutes ago, leaving no history. */
  private prepareHosts(setup: LabSetup): void {
    const hs = this.hostSessions;
    hs.hosts.configure({
      ...(setup.version ? { version: setup.version } : {}),
      ...(setup.hostAliases ? { aliases: setup.hostAliases } : {}),
      ...(setup.unjoined ? { unjoined: setup.unjoined } : {}),
    });
    for (const n of hs.hosts.nodeNames()) hs.hosts.ensure(n);
    if (setup.prepare) {
      const before = this.baseShell.snapshot();
      this.hostClock.shift = -PREPARE_AGO_MS;
      for (const line of setup.prepare.split('\n')) if (line.trim()) this.run(line);
      this.hostClock.shift = 0;
      while (hs.hosts.depth() > 0) hs.logout();
      this.baseShell = Shell.restore(before, { commands: this.commands, vfs: this.vfs });
    }
    hs.hosts.reconcile();
  }

  static restore(snapshot: LabSnapshot, opts: LabOptions): Lab {
    const cluster = restoreCluster(snapshot.cluster, opts);
    const vfs = Vfs.restore(snapshot.vfs);
    const lab = Lab.assemble(cluster, vfs, snapshot.shell, opts, snapshot.hosts);
    lab.clock = opts.clock;
    if (snapshot.kubeconfig?.namespace) lab.kubeconfig.namespace = snapshot.kubeconfig.namespace;
    return lab;
  }

  private static assemble(cluster: Cluster, vfs: Vfs, shellState: ShellSnapshot | undefined, opts: LabOptions, hosts: HostsSnapshot | undefined): Lab {
    // The command table needs the lab (kubectl reaches the cluster and the engine), so it is bound after.
    const table: { lab?: Lab } = {};
    const commands: CommandTable = {
      get: (name) => (KUBECTL_NAMES.includes(name) ? (ctx) => table.lab!.kubectl(ctx) : table.lab!.hostSessions.command(name)),
      names: () => [...KUBECTL_NAMES, ...HostSessions.COMMANDS],
      completer: (name) =>
        KUBECTL_NAMES.includes(name) ? (argv, current) => completeKubectl(argv, current, table.lab!.cluster) : undefined,
    };
    const shell = shellState ? Shell.restore(shellState, { commands, vfs }) : new Shell({ commands, vfs });
    const hostClock = { shift: 0, now: () => opts.clock.now() + hostClock.shift };
    const lab = new Lab(cluster, vfs, shell, commands, hostClock);
    table.lab = lab;
    lab.hostSessions = new HostSessions(
      {
        clock: hostClock,
        cluster: () => lab.currentCluster,
        replaceCluster: (s) => {
          // Another cluster object: the engine cached by revision must not outlive it.
          lab.engineCache = undefined;
          lab.currentCluster = s ? restoreCluster(s, opts) : createCluster({ clock: opts.clock, random: opts.random, workers: lab.currentCluster.list(resolveResourceType('nodes')!).map((n) => n.metadata.name!).filter((n) => n !== 'controlplane') });
        },
        controlPlaneFs: vfs,
        ...(opts.pki ? { pki: opts.pki } : {}),
      },
      hosts,
      commands,
    );
    lab.hostSessions.setBaseRunner((line) => lab.baseShell.run(line));
    return lab;
  }

  /** Runs what the learner typed (one or more lines); never throws. */
  run(text: string, columns = 80): LabRunResult {
    this.hostSessions.before(text, this.shell.cwd());
    const clock = this.clock;
    const r = this.shell.run(text, { columns, ...(clock ? { now: () => clock.now() } : {}) });
    this.hostSessions.after();
    // The interleaving travels only when it differs from stdout followed by stderr.
    const plain = r.output.length <= 1 || (r.output.length === 2 && r.output[0]!.stream === 'stdout');
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, effects: r.effects ?? [], ...(plain ? {} : { output: r.output }) };
  }

  /** Ctrl-C at the prompt: bash's `$?` becomes 130. */
  interrupted(): void {
    this.shell.interrupted();
  }

  /** The host name the prompt shows (`controlplane`, `node01`). */
  promptHost(): string {
    return this.hostSessions.current();
  }

  /** Ctrl-D on an empty line: leaves an ssh session (what it prints), or undefined on the lab's own host. */
  endOfInput(): LabRunResult | undefined {
    const r = this.hostSessions.logout();
    return r ? { ...r, effects: [] } : undefined;
  }

  needsMore(text: string): boolean {
    return this.shell.needsMore(text);
  }

  complete(line: string, cursor: number): { from: number; candidates: string[] } {
    this.hostSessions.before(line, this.shell.cwd());
    return this.shell.complete(line, cursor);
  }

  history(): readonly string[] {
    return this.shell.history();
  }

  /** The working directory as bash's prompt shows it (`~` for home). */
  promptDir(): string {
    const cwd = this.shell.cwd();
    if (cwd === HOME) return '~';
    if (cwd.startsWith(`${HOME}/`)) return `~${cwd.slice(HOME.length)}`;
    return cwd;
  }

  /** The editor saved a file (`:w`, ^O): write it; `kubectl edit` applies it when the editor closes. */
  saveFile(path: string, content: string, _purpose: 'file' | 'kubectl-edit'): LabRunResult {
    const w = this.shell.vfs.access(this.shell.cwd()).writeFile(path, content);
    if (w.ok) return { stdout: '', stderr: '', exitCode: 0, effects: [] };
    return { stdout: '', stderr: `"${path}" E212: Can't open file for writing\n`, exitCode: 1, effects: [] };
  }

  readFile(path: string): string | undefined {
    const r = this.shell.vfs.access(this.shell.cwd()).readFile(path);
    return r.ok ? r.value : undefined;
  }

  /**
   * The editor closed: for `kubectl edit`, apply what was saved and say what happened; a file
   * that does not parse comes back in the editor (an open-editor effect) with kubectl's reason on top.
   */
  closeEditor(path: string): LabRunResult | undefined {
    const pending = this.pendingEdits.get(path);
    if (pending === undefined) return undefined;
    const edited = this.readFile(path) ?? pending.original;
    const r = finishKubectlEdit(path, pending.original, edited, this.cluster, pending.retryOf);
    if (r.reopen !== undefined) {
      this.vfs.writeFileCreatingDirs(path, r.reopen);
      this.pendingEdits.set(path, { original: pending.original, retryOf: edited });
      return { stdout: r.stdout, stderr: r.stderr, exitCode: 0, effects: [{ type: 'open-editor', editor: 'vim', path, content: r.reopen, purpose: 'kubectl-edit' }] };
    }
    this.pendingEdits.delete(path);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, effects: [] };
  }

  /** What the grader reads: the cluster brought up to the lab clock (nodes that stopped posting turn NotReady), the engine, the hosts. */
  live(): { cluster: Cluster; engine: Engine; hosts: HostSessions['hosts'] } {
    this.hostSessions.hosts.reconcile();
    return { cluster: this.cluster, engine: this.engine(), hosts: this.hostSessions.hosts };
  }

  /** The NetworkPolicy engine over the cluster as it is now, rebuilt only when the cluster changed. */
  engine(): Engine {
    this.cluster.settle();
    const revision = this.cluster.revision;
    if (!this.engineCache || this.engineCache.revision !== revision) {
      this.engineCache = { revision, engine: createEngine(worldFromCluster(this.cluster)) };
    }
    return this.engineCache.engine;
  }

  snapshot(): LabSnapshot {
    const hosts = this.hostSessions.snapshot();
    return {
      version: 1,
      cluster: this.cluster.snapshot(),
      vfs: this.hostSessions.controlPlaneFiles(this.vfs.snapshot()),
      shell: this.baseShell.snapshot(),
      kubeconfig: { ...this.kubeconfig },
      ...(hosts ? { hosts } : {}),
    };
  }

  /** The snapshot as JSON, without copying the cluster first (what progress tracking stores after each command). */
  serialize(): string {
    const hosts = this.hostSessions.snapshot();
    return JSON.stringify({
      version: 1,
      cluster: this.cluster.snapshot({ clone: false }),
      vfs: this.hostSessions.controlPlaneFiles(this.vfs.snapshot()),
      shell: this.baseShell.snapshot(),
      kubeconfig: { ...this.kubeconfig },
      ...(hosts ? { hosts } : {}),
    });
  }

  private kubectl: Command = (ctx) => {
    const down = this.hostSessions.kubectlRefused(ctx.argv);
    if (down) return down;
    // `source <(kubectl completion bash)`: upstream's script, which the lab's bash runs as bash does.
    if (ctx.argv[1] === 'completion' && ctx.argv[2] === 'bash' && ctx.argv.length === 3) return { stdout: KUBECTL_COMPLETION_BASH, stderr: '', exitCode: 0 };
    this.cluster.settle();
    const deps: KubectlDeps = {
      exec: (pod: Pod, container: string, argv: string[]) => execInContainer(this.engine(), pod, container, argv),
      runAttached: (pod: Pod, container: string, argv: string[]) => execInContainer(this.engine(), pod, container, argv),
    };
    const r: CommandResult = runKubectl(ctx.argv, { stdin: ctx.stdin, fs: ctx.fs, columns: ctx.columns, kubeconfig: this.kubeconfig }, this.cluster, deps);
    for (const e of r.effects ?? []) {
      if (e.type === 'open-editor' && e.purpose === 'kubectl-edit') {
        this.vfs.writeFileCreatingDirs(e.path, e.content);
        this.pendingEdits.set(e.path, { original: e.content });
      }
    }
    return r;
  };
}
