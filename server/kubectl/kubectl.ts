/**
 * kubectl's entry: parse → validate → run, with output streams as values. Each verb is a
 * cmd/<verb>.ts; anything a verb throws is a bug, shown as `error: internal error`.
 */
import type { ClusterApi } from '../cluster/index.js';
import type { CommandResult } from '../shell/index.js';
import { boolFlag, flag, parseArgs, type FlagSpec, type ParsedArgs } from './args.js';
import { Out, type Ctx, type KubectlDeps, type KubectlIO } from './context.js';
import { clientError, formatError, usageError } from './errors.js';
import { HELP } from './help/texts.js';
import { DESCRIBE_FLAGS, runDescribe } from './cmd/describe.js';
import { GET_FLAGS, runGet } from './cmd/get.js';
import { WRITE_FLAGS, runFromFiles } from './cmd/apply.js';
import { runDelete } from './cmd/delete.js';
import { EXEC_FLAGS, runExec } from './cmd/exec.js';
import { RUN_FLAGS, runRun } from './cmd/run.js';
import { LABEL_FLAGS, runLabel } from './cmd/label.js';
import { CONFIG_FLAGS, runConfig } from './cmd/config.js';
import { EDIT_FLAGS, runEdit } from './cmd/edit.js';
import { CLUSTER_INFO_FLAGS, runClusterInfo } from './cmd/cluster-info.js';
import { API_RESOURCES_FLAGS, runApiResources } from './cmd/api-resources.js';
import { API_VERSIONS_FLAGS, runApiVersions } from './cmd/api-versions.js';
import { KUSTOMIZE_FLAGS, runKustomize } from './cmd/kustomize.js';
import { AUTH_FLAGS, runAuth } from './cmd/auth.js';
import { authorizedCluster } from './cmd/identity.js';
import { ForbiddenRead } from '../cluster/index.js';
import { CORDON_FLAGS, runCordon } from './cmd/cordon.js';
import { TAINT_FLAGS, runTaint } from './cmd/taint.js';
import { LOGS_FLAGS, runLogs } from './cmd/logs.js';
import { DRAIN_FLAGS, runDrain } from './cmd/drain.js';
import { SET_FLAGS, runSet } from './cmd/set.js';
import { ROLLOUT_FLAGS, runRollout } from './cmd/rollout.js';
import { PATCH_FLAGS, runPatch } from './cmd/patch.js';
import { CREATE_FLAGS, createFlagsFor, createUsageName, EXPOSE_FLAGS, SCALE_FLAGS, runCreate, runExpose, runScale } from './cmd/generate.js';

interface Verb {
  flags: FlagSpec[];
  /** A verb whose subcommands have their own flags (`create configmap`): the set for these words. */
  flagsFor?(args: readonly string[]): FlagSpec[];
  /** The command path a flag error names, when it is more than the verb (`create configmap`). */
  usageName?(args: readonly string[]): string;
  run(p: ParsedArgs, ctx: Ctx): Out;
}

const VERSION = 'Client Version: v1.32.0\nKustomize Version: v5.5.0\nServer Version: v1.32.0\n';

const VERBS: Record<string, Verb> = {
  get: { flags: GET_FLAGS, run: runGet },
  describe: { flags: DESCRIBE_FLAGS, run: runDescribe },
  create: { flags: CREATE_FLAGS, flagsFor: createFlagsFor, usageName: createUsageName, run: runCreate },
  expose: { flags: EXPOSE_FLAGS, run: runExpose },
  scale: { flags: SCALE_FLAGS, run: runScale },
  config: { flags: CONFIG_FLAGS, run: runConfig },
  apply: { flags: WRITE_FLAGS, run: (p, c) => runFromFiles('apply', p, c) },
  replace: { flags: WRITE_FLAGS, run: (p, c) => runFromFiles('replace', p, c) },
  delete: { flags: WRITE_FLAGS, run: runDelete },
  exec: { flags: EXEC_FLAGS, run: runExec },
  edit: { flags: EDIT_FLAGS, run: runEdit },
  'cluster-info': { flags: CLUSTER_INFO_FLAGS, run: runClusterInfo },
  'api-resources': { flags: API_RESOURCES_FLAGS, run: runApiResources },
  'api-versions': { flags: API_VERSIONS_FLAGS, run: runApiVersions },
  auth: { flags: AUTH_FLAGS, run: runAuth },
  run: { flags: RUN_FLAGS, run: runRun },
  kustomize: { flags: KUSTOMIZE_FLAGS, run: runKustomize },
  set: { flags: SET_FLAGS, run: runSet },
  rollout: { flags: ROLLOUT_FLAGS, run: runRollout },
  patch: { flags: PATCH_FLAGS, run: runPatch },
  label: { flags: LABEL_FLAGS, run: (p, c) => runLabel('labels', p, c) },
  annotate: { flags: LABEL_FLAGS, run: (p, c) => runLabel('annotations', p, c) },
  cordon: { flags: CORDON_FLAGS, run: (p, c) => runCordon(true, p, c) },
  uncordon: { flags: CORDON_FLAGS, run: (p, c) => runCordon(false, p, c) },
  taint: { flags: TAINT_FLAGS, run: runTaint },
  logs: { flags: LOGS_FLAGS, run: runLogs },
  drain: { flags: DRAIN_FLAGS, run: runDrain },
  version: {
    flags: [{ name: 'client', kind: 'bool' }, { name: 'output', short: 'o', kind: 'string' }],
    run: (p) => new Out().print(boolFlag(p, 'client') ? VERSION.split('\n').slice(0, 2).join('\n') + '\n' : VERSION),
  },
};

/** Verbs kubectl has that this lab does not simulate yet: an honest message, not a fake success. */
const KNOWN_VERBS = [
  'annotate', 'api-resources', 'api-versions', 'apply', 'attach', 'auth', 'autoscale', 'certificate', 'cluster-info', 'completion', 'config', 'cordon',
  'cp', 'create', 'debug', 'delete', 'describe', 'diff', 'drain', 'edit', 'events', 'exec', 'explain', 'expose', 'get', 'kustomize', 'label', 'logs',
  'patch', 'plugin', 'port-forward', 'proxy', 'replace', 'rollout', 'run', 'scale', 'set', 'taint', 'top', 'uncordon', 'version', 'wait',
];

export function runKubectl(argv: readonly string[], io: KubectlIO, cluster: ClusterApi, deps: KubectlDeps = {}): CommandResult {
  try {
    return dispatch(argv.slice(1), io, cluster, deps);
  } catch (e) {
    if (e instanceof ForbiddenRead) return { stdout: '', stderr: formatError({ type: 'server', status: e.status }), exitCode: 1 };
    return { stdout: '', stderr: 'error: internal error\n', exitCode: 1 };
  }
}

function dispatch(args: readonly string[], io: KubectlIO, cluster: ClusterApi, deps: KubectlDeps): CommandResult {
  // The verb is the first word that is not a global flag or its value.
  let i = 0;
  const globals: string[] = [];
  while (i < args.length && args[i]!.startsWith('-')) {
    const a = args[i]!;
    globals.push(a);
    if ((a === '-n' || a === '--namespace' || a === '--context' || a === '--kubeconfig' || a === '--as' || a === '--as-group') && i + 1 < args.length) globals.push(args[++i]!);
    i++;
  }
  const verbName = args[i];
  if (verbName === undefined) {
    if (globals.includes('--help') || globals.includes('-h') || globals.length === 0) return { stdout: HELP['']!, stderr: '', exitCode: 0 };
    return { stdout: HELP['']!, stderr: '', exitCode: 0 };
  }
  const verb = VERBS[verbName];
  if (!verb) {
    if (KNOWN_VERBS.includes(verbName)) {
      if (args.includes('--help') || args.includes('-h')) {
        const h = HELP[verbName];
        if (h) return { stdout: h, stderr: '', exitCode: 0 };
      }
      return { stdout: '', stderr: `error: kubectl ${verbName} is not available in this lab yet\n`, exitCode: 1 };
    }
    return { stdout: '', stderr: `error: unknown command "${verbName}" for "kubectl"\nRun 'kubectl --help' for usage.\n`, exitCode: 1 };
  }
  const parsed = parseArgs([...globals, ...args.slice(i + 1)], verb.flagsFor?.(args.slice(i + 1)) ?? verb.flags);
  if (!parsed.ok) return { stdout: '', stderr: formatError(usageError(parsed.message, verb.usageName?.(args.slice(i + 1)) ?? verbName)), exitCode: 1 };
  const p = parsed.value;
  if (boolFlag(p, 'help')) return { stdout: HELP[verbName] ?? '', stderr: '', exitCode: 0 };
  const namespace = (verbName === 'config' ? undefined : flag(p, 'namespace')) ?? io.kubeconfig?.namespace ?? 'default';
  if (verbName !== 'config' && flag(p, 'namespace') === '') return { stdout: '', stderr: formatError(clientError('a resource cannot be retrieved by name across all namespaces')), exitCode: 1 };
  const authorized = verbName === 'config' ? { ok: true as const, value: cluster } : authorizedCluster(p, cluster);
  if (!authorized.ok) return { stdout: '', stderr: formatError(authorized.error), exitCode: 1 };
  const ctx: Ctx = { cluster: authorized.value, rawCluster: cluster, io, deps, namespace, now: cluster.clock.now() };
  return verb.run(p, ctx).result();
}

export const KUBECTL_VERBS = [...KNOWN_VERBS];
