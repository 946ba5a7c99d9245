import type { ClusterApi } from '../cluster/index.js';
import type { CommandEffect, CommandResult, FileAccess } from '../shell/index.js';
import type { Pod } from '../api/index.js';
import { formatError, type KubectlError } from './errors.js';

/** The client's own state, kept by the lab: the namespace of the current context. */
export interface Kubeconfig {
  namespace?: string;
}

export interface KubectlIO {
  stdin: string;
  fs: FileAccess;
  columns?: number;
  kubeconfig?: Kubeconfig;
}

export type ExecFn = (pod: Pod, container: string, argv: string[], opts: { stdin: boolean; tty: boolean }) => CommandResult;

export interface KubectlDeps {
  /** `kubectl exec`: what runs inside a container (the NetworkPolicy engine's probes). */
  exec?: ExecFn;
  /** `kubectl run --rm -it ... -- CMD`: the command run in the new pod before it is deleted. */
  runAttached?: ExecFn;
}

export interface Ctx {
  /** The cluster as the request's identity sees it: every call authorized. */
  cluster: ClusterApi;
  /** The cluster itself (the API server's own view, for access reviews). */
  rawCluster?: ClusterApi;
  io: KubectlIO;
  deps: KubectlDeps;
  /** The namespace in effect (-n or default). */
  namespace: string;
  now: number;
}

/** What a verb produces: output so far, plus the errors checkErr prints at the end. */
export class Out {
  stdout = '';
  stderr = '';
  exitCode = 0;
  effects: CommandEffect[] = [];
  print(s: string): this {
    this.stdout += s;
    return this;
  }
  warn(s: string): this {
    this.stderr += s;
    return this;
  }
  fail(e: KubectlError): this {
    this.stderr += formatError(e);
    this.exitCode = 1;
    return this;
  }
  result(): CommandResult {
    return { stdout: this.stdout, stderr: this.stderr, exitCode: this.exitCode, ...(this.effects.length ? { effects: this.effects } : {}) };
  }
}
