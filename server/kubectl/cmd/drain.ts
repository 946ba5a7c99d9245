/**
 * `kubectl drain NODE` (pkg/cmd/drain/drain.go and pkg/drain, 1.32): cordon, then the pods on the
 * node through drain's filters in their order — DaemonSet-managed (refused unless
 * --ignore-daemonsets), mirror pods (skipped), local storage (refused unless
 * --delete-emptydir-data), no controller (refused unless --force); finished pods always go — the
 * refusals aggregated as `unable to drain node ... continuing command...` and the pending nodes,
 * the warnings as one `Warning:` line, then `evicting pod ns/name`, `pod/name evicted`,
 * `node/NAME drained`. Evicted pods are deleted; their controllers make new ones on other nodes.
 */
import { resolveResourceType } from '../../cluster/index.js';
import type { KubeObject } from '../../api/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { selectNodes } from './cordon.js';

export const DRAIN_FLAGS: FlagSpec[] = [
  { name: 'ignore-daemonsets', kind: 'bool' },
  { name: 'delete-emptydir-data', kind: 'bool' },
  { name: 'delete-local-data', kind: 'bool' },
  { name: 'force', kind: 'bool' },
  { name: 'grace-period', kind: 'string' },
  { name: 'timeout', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'pod-selector', kind: 'string' },
  { name: 'disable-eviction', kind: 'bool' },
  { name: 'skip-wait-for-delete-timeout', kind: 'string' },
  { name: 'chunk-size', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
];

type Obj = Record<string, any>;

interface Verdict {
  pod: Obj;
  kind: 'delete' | 'skip' | 'warning' | 'error';
  message?: string;
}

const DS_ERROR = 'cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_ERROR = 'cannot delete Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_WARNING = 'deleting Pods with local storage';
const UNREPLICATED_ERROR = 'cannot delete Pods that declare no controller (use --force to override)';
const UNREPLICATED_WARNING = 'deleting Pods that declare no controller';

/**
 * filterPods with drainer.go makeFilters: each filter in order until one says "do not delete";
 * a pod every filter lets through keeps the last filter's status (a warning from an earlier filter
 * is replaced, as upstream does).
 */
function judge(pod: Obj, opts: { ignoreDaemonSets: boolean; deleteEmptyDir: boolean; force: boolean }): Verdict {
  const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
  const controller = (pod.metadata.ownerReferences ?? []).find((r: Obj) => r.controller);
  const okay: Verdict = { pod, kind: 'delete' };
  const filters: (() => Verdict)[] = [
    () => {
      if (controller?.kind !== 'DaemonSet' || finished) return okay;
      return opts.ignoreDaemonSets ? { pod, kind: 'warning', message: DS_WARNING } : { pod, kind: 'error', message: DS_ERROR };
    },
    () => (pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined ? { pod, kind: 'skip' } : okay),
    () => {
      if (finished || !(pod.spec.volumes ?? []).some((v: Obj) => v.emptyDir)) return okay;
      return opts.deleteEmptyDir ? { pod, kind: 'warning', message: LOCAL_WARNING } : { pod, kind: 'error', message: LOCAL_ERROR };
    },
    () => {
      if (finished || controller) return okay;
      return opts.force ? { pod, kind: 'warning', message: UNREPLICATED_WARNING } : { pod, kind: 'error', message: UNREPLICATED_ERROR };
    },
  ];
  let status = okay;
  for (const f of filters) {
    status = f();
    // A DaemonSet warning, a mirror pod or an error: not deleted, and no later filter runs.
    if (status.kind === 'error' || status.kind === 'skip' || status.message === DS_WARNING) break;
  }
  return status;
}

/** PodDeleteList.errors/Warnings: one `message: ns/a, ns/b` per message (sorted here; Go's map order is random). */
function grouped(verdicts: Verdict[], kind: 'error' | 'warning'): string[] {
  const by = new Map<string, string[]>();
  for (const v of verdicts) if (v.kind === kind) by.set(v.message!, [...(by.get(v.message!) ?? []), `${v.pod.metadata.namespace}/${v.pod.metadata.name}`]);
  return [...by].map(([m, pods]) => `${m}: ${pods.join(', ')}`).sort();
}

export function runDrain(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const nodes = selectNodes('drain', p, ctx.cluster, out);
  if (!nodes) return out;
  const dry = flag(p, 'dry-run');
  const isDry = dry !== undefined && dry !== 'none';
  const suffix = dry === 'client' ? ' (dry run)' : dry === 'server' ? ' (server dry run)' : '';
  const opts = {
    ignoreDaemonSets: boolFlag(p, 'ignore-daemonsets'),
    deleteEmptyDir: boolFlag(p, 'delete-emptydir-data') || boolFlag(p, 'delete-local-data'),
    force: boolFlag(p, 'force'),
  };
  if (boolFlag(p, 'delete-local-data')) out.warn('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
  const podType = resolveResourceType('pods')!;
  const remaining: string[] = [];
  let fatal: string | undefined;
  for (const node of nodes) {
    const name = node.metadata.name!;
    // Cordon first (RunCordonOrUncordon).
    if ((node.spec as Obj | undefined)?.unschedulable) out.print(`node/${name} already cordoned${suffix}\n`);
    else {
      if (!isDry) {
        const next = structuredClone(node) as KubeObject & { spec: Obj };
        next.spec = { ...(next.spec ?? {}), unschedulable: true };
        const r = ctx.cluster.update(next);
        if (!r.ok) {
          out.fail(serverError(r.error));
          continue;
        }
      }
      out.print(`node/${name} cordoned${suffix}\n`);
    }
    const pods = (ctx.cluster.list(podType) as Obj[]).filter((o) => o.spec?.nodeName === name);
    const verdicts = pods.map((pod) => judge(pod, opts));
    const errors = grouped(verdicts, 'error');
    if (errors.length) {
      const err = errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
      out.warn(`error: unable to drain node "${name}" due to error: ${err}, continuing command...\n`);
      remaining.push(name);
      fatal = err;
      continue;
    }
    const warnings = grouped(verdicts, 'warning');
    if (warnings.length) out.warn(`Warning: ${warnings.join('; ')}\n`);
    const evict = verdicts.filter((v) => v.kind === 'delete' || (v.kind === 'warning' && v.message !== DS_WARNING)).map((v) => v.pod);
    for (const pod of evict) out.print(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${suffix}\n`);
    for (const pod of evict) {
      if (!isDry) {
        const r = ctx.cluster.delete(podType, pod.metadata.namespace, pod.metadata.name);
        if (!r.ok) {
          out.fail(serverError(r.error));
          continue;
        }
        out.print(`pod/${pod.metadata.name} evicted\n`);
      }
    }
    out.print(`node/${name} drained${suffix}\n`);
  }
  if (remaining.length) {
    out.warn(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
    out.fail(clientError(fatal!));
  }
  return out;
}
