/**
 * A Lab is one learner's simulated machine: the cluster, the virtual filesystem, the shell and
 * kubectl joined together. It is what the terminal executes lines on, what the grader reads,
 * and what the store persists (snapshot/restore). Pure: time and randomness come in.
 */
import type { Clock, Random } from '../core/index.js';
import type { Pod } from '../api/index.js';
import { createCluster, restoreCluster, type Cluster, type ClusterSnapshot } from '../cluster/index.js';
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
import type { LabSetup } from './setup.js';

export interface LabOptions {
  clock: Clock;
  random: Random;
}

export interface LabSnapshot {
  version: 1;
  cluster: ClusterSnapshot;
  vfs: VfsSnapshot;
  shell: ShellSnapshot;
  /** kubectl's client state (the current context's namespace); absent in older snapshots. */
  kubeconfig?: Kubeconfig;
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
const KUBECTL_NAMES = ['kubectl'];

export class Lab {
  private engineCache: { revision: number; engine: Engine } | undefined;
  /** `kubectl edit` sessions open in the editor: temp file → the text it started with (and the failed edit, when reopened). */
  private readonly pendingEdits = new Map<string, { original: string; retryOf?: string }>();
  readonly kubeconfig: Kubeconfig = {};
  /** The lab's clock: it bounds a line's running time too (a fixed test clock leaves only the step bound). */
  private clock: Clock | undefined;

  private constructor(
    readonly cluster: Cluster,
    readonly vfs: Vfs,
    readonly shell: Shell,
  ) {}

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
    const lab = Lab.assemble(cluster, vfs, undefined);
    lab.clock = opts.clock;
    return lab;
  }

  static restore(snapshot: LabSnapshot, opts: LabOptions): Lab {
    const cluster = restoreCluster(snapshot.cluster, opts);
    const vfs = Vfs.restore(snapshot.vfs);
    const lab = Lab.assemble(cluster, vfs, snapshot.shell);
    lab.clock = opts.clock;
    if (snapshot.kubeconfig?.namespace) lab.kubeconfig.namespace = snapshot.kubeconfig.namespace;
    return lab;
  }

  private static assemble(cluster: Cluster, vfs: Vfs, shellState: ShellSnapshot | undefined): Lab {
    // The command table needs the lab (kubectl reaches the cluster and the engine), so it is bound after.
    const table: { lab?: Lab } = {};
    const commands: CommandTable = {
      get: (name) => (KUBECTL_NAMES.includes(name) ? (ctx) => table.lab!.kubectl(ctx) : undefined),
      names: () => [...KUBECTL_NAMES],
      completer: (name) =>
        KUBECTL_NAMES.includes(name) ? (argv, current) => completeKubectl(argv, current, table.lab!.cluster) : undefined,
    };
    const shell = shellState ? Shell.restore(shellState, { commands, vfs }) : new Shell({ commands, vfs });
    const lab = new Lab(cluster, vfs, shell);
    table.lab = lab;
    return lab;
  }

  /** Runs what the learner typed (one or more lines); never throws. */
  run(text: string, columns = 80): LabRunResult {
    const clock = this.clock;
    const r = this.shell.run(text, { columns, ...(clock ? { now: () => clock.now() } : {}) });
    // The interleaving travels only when it differs from stdout followed by stderr.
    const plain = r.output.length <= 1 || (r.output.length === 2 && r.output[0]!.stream === 'stdout');
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, effects: r.effects ?? [], ...(plain ? {} : { output: r.output }) };
  }

  /** Ctrl-C at the prompt: bash's `$?` becomes 130. */
  interrupted(): void {
    this.shell.interrupted();
  }

  needsMore(text: string): boolean {
    return this.shell.needsMore(text);
  }

  complete(line: string, cursor: number): { from: number; candidates: string[] } {
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
    const w = this.vfs.access(this.shell.cwd()).writeFile(path, content);
    if (w.ok) return { stdout: '', stderr: '', exitCode: 0, effects: [] };
    return { stdout: '', stderr: `"${path}" E212: Can't open file for writing\n`, exitCode: 1, effects: [] };
  }

  readFile(path: string): string | undefined {
    const r = this.vfs.access(this.shell.cwd()).readFile(path);
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
    return { version: 1, cluster: this.cluster.snapshot(), vfs: this.vfs.snapshot(), shell: this.shell.snapshot(), kubeconfig: { ...this.kubeconfig } };
  }

  /** The snapshot as JSON, without copying the cluster first (what progress tracking stores after each command). */
  serialize(): string {
    return JSON.stringify({ version: 1, cluster: this.cluster.snapshot({ clone: false }), vfs: this.vfs.snapshot(), shell: this.shell.snapshot(), kubeconfig: { ...this.kubeconfig } });
  }

  private kubectl: Command = (ctx) => {
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
