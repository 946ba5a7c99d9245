/**
 * `kubectl rollout status|history|undo|restart|pause|resume` for Deployments (restart and status
 * for DaemonSets too), with kubectl 1.32's texts: staging/src/k8s.io/kubectl/pkg/cmd/rollout/*.go
 * and pkg/polymorphichelpers (history.go, rollback.go, rollout_status.go, objectpauser.go,
 * objectresumer.go, objectrestarter.go).
 */
import { rfc3339 } from '../../core/index.js';
import type { KubeObject, PodTemplateSpec } from '../../api/index.js';
import { StatusError, type KindStrategy } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, rawError, serverError } from '../errors.js';
import { objectName } from '../printers/output.js';
import { resolveTargets } from '../resolve.js';
import { tabwrite, DESCRIBE_TABS } from '../printers/tabwriter.js';
import { describePodTemplate } from '../describe/pod-template.js';
import { PrefixWriter } from '../describe/writer.js';

type Obj = Record<string, any>;

export const ROLLOUT_FLAGS: FlagSpec[] = [
  { name: 'revision', kind: 'string' },
  { name: 'to-revision', kind: 'string' },
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'timeout', kind: 'string' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'dry-run', kind: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', kind: 'string' },
];

const SKIPPED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const revisionOf = (rs: Obj) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? NaN);
const groupResource = (t: KindStrategy) => (t.group ? `${t.resource}.${t.group}` : t.resource);

function ownedReplicaSets(ctx: Ctx, d: Obj): Obj[] {
  const rsType = resolveTargets(['replicasets']);
  if (!rsType.ok) return [];
  return (ctx.cluster.list(rsType.value[0]!.type, d.metadata.namespace) as Obj[]).filter((rs) => rs.metadata.ownerReferences?.some((r: Obj) => r.uid === d.metadata.uid && r.controller));
}

function templateText(template: PodTemplateSpec): string {
  const w = new PrefixWriter();
  describePodTemplate(w, template);
  return w.toString();
}

function history(ctx: Ctx, p: ParsedArgs, d: Obj, out: Out): void {
  const sets = ownedReplicaSets(ctx, d).filter((rs) => !Number.isNaN(revisionOf(rs)));
  const byRevision = new Map(sets.map((rs) => [revisionOf(rs), rs]));
  const revision = Number(flag(p, 'revision') ?? 0);
  if (revision > 0) {
    const rs = byRevision.get(revision);
    if (!rs) {
      out.fail(clientError('unable to find the specified revision'));
      return;
    }
    out.print(`${objectName(d as KubeObject)} with revision #${revision}\n${templateText(rs.spec.template)}\n`);
    return;
  }
  if (sets.length === 0) {
    out.print(`${objectName(d as KubeObject)} \nNo rollout history found.\n`);
    return;
  }
  const rows = [...byRevision.keys()].sort((a, b) => a - b).map((r) => `${r}\t${byRevision.get(r)!.metadata.annotations?.['kubernetes.io/change-cause'] || '<none>'}\n`);
  out.print(`${objectName(d as KubeObject)} \n${tabwrite(`REVISION\tCHANGE-CAUSE\n${rows.join('')}`, DESCRIBE_TABS)}\n`);
}

function undo(ctx: Ctx, p: ParsedArgs, d: Obj, out: Out): void {
  const toRevision = Number(flag(p, 'to-revision') ?? 0);
  const sets = ownedReplicaSets(ctx, d).filter((rs) => !Number.isNaN(revisionOf(rs)));
  let target: Obj | undefined;
  if (toRevision > 0) target = sets.find((rs) => revisionOf(rs) === toRevision);
  else target = [...sets].sort((a, b) => revisionOf(b) - revisionOf(a))[1];
  if (!target) {
    out.fail(clientError(toRevision > 0 || toRevision < 0 ? `unable to find specified revision ${toRevision} in history` : `no rollout history found for deployment ${JSON.stringify(d.metadata.name)}`));
    return;
  }
  if (d.spec.paused) {
    out.fail(clientError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again"));
    return;
  }
  const template = structuredClone(target.spec.template);
  delete template.metadata?.labels?.['pod-template-hash'];
  const strip = (t: Obj) => JSON.stringify(sortKeys(t));
  const revision = revisionOf(target);
  if (strip(template) === strip(d.spec.template)) {
    out.print(`${objectName(d as KubeObject)} skipped rollback (current template already matches revision ${revision})\n`);
    return;
  }
  const next = structuredClone(d);
  next.spec.template = template;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries((d.metadata.annotations ?? {}) as Record<string, string>)) if (SKIPPED.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries((target.metadata.annotations ?? {}) as Record<string, string>)) if (!SKIPPED.has(k)) annotations[k] = v;
  next.metadata.annotations = annotations;
  const r = ctx.cluster.update(next);
  if (!r.ok) out.fail(clientError(`failed restoring revision ${revision}: ${r.error.message}`));
  else out.print(`${objectName(r.value)} rolled back\n`);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Obj)[k])]));
  return v;
}

/** rollout_status.go's DeploymentStatusViewer: the line, whether done, or the error. */
export function deploymentStatus(d: Obj): { text: string; done: boolean } | { error: string } {
  if ((d.metadata.generation ?? 0) > (d.status?.observedGeneration ?? 0)) return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
  const progressing = (d.status?.conditions ?? []).find((c: Obj) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `deployment ${JSON.stringify(d.metadata.name)} exceeded its progress deadline` };
  const s = d.status ?? {};
  const replicas = d.spec.replicas ?? 1;
  const name = JSON.stringify(d.metadata.name);
  if ((s.updatedReplicas ?? 0) < replicas) return { text: `Waiting for deployment ${name} rollout to finish: ${s.updatedReplicas ?? 0} out of ${replicas} new replicas have been updated...\n`, done: false };
  if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) return { text: `Waiting for deployment ${name} rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...\n`, done: false };
  if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) return { text: `Waiting for deployment ${name} rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...\n`, done: false };
  return { text: `deployment ${name} successfully rolled out\n`, done: true };
}

function daemonSetStatus(ds: Obj): { text: string; done: boolean } {
  const s = ds.status ?? {};
  const name = JSON.stringify(ds.metadata.name);
  if ((ds.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return { text: 'Waiting for daemon set spec update to be observed...\n', done: false };
  if ((s.updatedNumberScheduled ?? 0) < (s.desiredNumberScheduled ?? 0)) return { text: `Waiting for daemon set ${name} rollout to finish: ${s.updatedNumberScheduled ?? 0} out of ${s.desiredNumberScheduled ?? 0} new pods have been updated...\n`, done: false };
  if ((s.numberAvailable ?? 0) < (s.desiredNumberScheduled ?? 0)) return { text: `Waiting for daemon set ${name} rollout to finish: ${s.numberAvailable ?? 0} of ${s.desiredNumberScheduled ?? 0} updated pods are available...\n`, done: false };
  return { text: `daemon set ${name} successfully rolled out\n`, done: true };
}

function status(p: ParsedArgs, o: Obj, out: Out): void {
  const st = o.kind === 'DaemonSet' ? daemonSetStatus(o) : deploymentStatus(o);
  if ('error' in st) {
    out.fail(clientError(st.error));
    return;
  }
  out.print(st.text);
  const watch = p.flags.has('watch') ? boolFlag(p, 'watch') : true;
  if (st.done || !watch) return;
  // kubectl would keep watching until the rollout ends; the lab's clock does not move inside a command.
  out.fail(clientError('the rollout is not progressing while this command waits: this lab cannot watch it; check again later, or use --watch=false'));
}

export function runRollout(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const [sub, ...args] = p.positional;
  const subs = ['history', 'pause', 'restart', 'resume', 'status', 'undo'];
  if (!sub || !subs.includes(sub)) return out.fail(clientError(sub ? `unknown command "${sub}" for "kubectl rollout"` : 'required resource not specified'));
  if (args.length === 0) return out.fail(clientError('required resource not specified'));
  const targets = resolveTargets(args);
  if (!targets.ok) return out.fail(targets.error);
  for (const t of targets.value) {
    for (const name of t.names) {
      const obj = ctx.cluster.get(t.type, ctx.namespace, name) as Obj | undefined;
      if (!obj) {
        out.fail(serverError(StatusError.notFound(groupResource(t.type), name)));
        continue;
      }
      const supported = t.type.kind === 'Deployment' || (t.type.kind === 'DaemonSet' && (sub === 'restart' || sub === 'status'));
      if (!supported) {
        out.fail(clientError(`kubectl rollout ${sub} for ${t.type.resource} is not available in this lab yet`));
        continue;
      }
      switch (sub) {
        case 'history':
          history(ctx, p, obj, out);
          break;
        case 'undo':
          undo(ctx, p, obj, out);
          break;
        case 'status':
          status(p, obj, out);
          break;
        default: {
          const next = structuredClone(obj);
          if (sub === 'pause' || sub === 'resume') {
            if (sub === 'pause' && next.spec.paused) {
              out.fail(rawError(`error: ${groupResource(t.type)} ${JSON.stringify(name)} is already paused`));
              continue;
            }
            if (sub === 'resume' && !next.spec.paused) {
              out.fail(rawError(`error: ${groupResource(t.type)} ${JSON.stringify(name)} is not paused`));
              continue;
            }
            if (sub === 'pause') next.spec.paused = true;
            else delete next.spec.paused;
          } else {
            if (next.spec.paused) {
              out.fail(rawError(`error: ${groupResource(t.type)} ${JSON.stringify(name)} can't restart paused deployment (run rollout resume first)`));
              continue;
            }
            const tm = (next.spec.template.metadata ??= {});
            tm.annotations = { ...(tm.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.now) };
          }
          const r = ctx.cluster.update(next);
          if (!r.ok) out.fail(clientError(`failed to patch: ${r.error.message}`));
          else out.print(`${objectName(r.value)} ${sub === 'pause' ? 'paused' : sub === 'resume' ? 'resumed' : 'restarted'}\n`);
        }
      }
    }
  }
  return out;
}
