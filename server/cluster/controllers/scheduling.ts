/**
 * kube-scheduler in the lab: each new pod without spec.nodeName goes through one scheduling
 * cycle (../scheduler: the 1.32 filter plugins, FitError, preemption's message) against the
 * stored Nodes and the pods bound to them. A pod that fits is bound (`Scheduled`, "Successfully
 * assigned ns/name to node"); one that does not stays Pending with PodScheduled=False and a
 * `FailedScheduling` event, and is tried again when the cluster changes in a way that can make
 * room (a node updated — cordon, uncordon, taint, label — or a pod deleted), as the scheduling
 * queue moves unschedulable pods back on those cluster events.
 */
import { rfc3339 } from '../../core/index.js';
import type { Pod } from '../../api/index.js';
import { schedule, type ClusterView, type SchedNode, type SchedPod } from '../scheduler/index.js';
import { podQOS } from '../qos.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import { recordEvent } from './events.js';
import type { Loose } from './loose.js';

const SCHEDULER = { component: 'default-scheduler' };

function view(ctx: ControllerContext, self: Pod): ClusterView {
  const nodes = [...ctx.scan(ctx.kindOf('Node')!)] as unknown as SchedNode[];
  const pods: SchedPod[] = [];
  for (const p of ctx.scan(ctx.kindOf('Pod')!) as Iterable<Loose>) {
    if (p === self || !p.spec?.nodeName) continue;
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    pods.push(p as SchedPod);
  }
  const namespaces = ctx.kindOf('Namespace')!;
  return { nodes, pods, namespaceLabels: (ns) => ctx.get(namespaces, undefined, ns)?.metadata.labels };
}

export type Placement = { bound: true; node: string } | { bound: false };

/**
 * One scheduling cycle for a pod not yet bound. Binds it (setting spec.nodeName) or writes the
 * Pending status the scheduler reports; both with their event.
 */
export function scheduleOnce(ctx: ControllerContext, pod: Pod, at: number = ctx.clock.now(), fresh = false): Placement {
  const o = pod as Loose;
  if ((o.spec.schedulerName ?? 'default-scheduler') !== 'default-scheduler') {
    // Another scheduler's pod: the default scheduler leaves it Pending, without a word.
    o.status = { phase: 'Pending', qosClass: podQOS(o.spec) };
    return { bound: false };
  }
  const result = schedule(o as SchedPod, view(ctx, pod));
  if (result.kind === 'scheduled') {
    o.spec.nodeName = result.node;
    recordEvent(ctx, pod, { type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${o.metadata.namespace}/${o.metadata.name} to ${result.node}`, source: SCHEDULER, at, fresh });
    return { bound: true, node: result.node };
  }
  const now = rfc3339(at);
  const previous = (o.status?.conditions ?? []).find((c: Loose) => c.type === 'PodScheduled' && c.status === 'False');
  o.status = {
    conditions: [
      { lastProbeTime: null, lastTransitionTime: previous?.lastTransitionTime ?? now, message: result.message, reason: 'Unschedulable', status: 'False', type: 'PodScheduled' },
    ],
    phase: 'Pending',
    qosClass: podQOS(o.spec),
  };
  if (result.preemption) o.status.nominatedNodeName = result.preemption.node;
  recordEvent(ctx, pod, { type: 'Warning', reason: 'FailedScheduling', message: result.message, source: SCHEDULER, at, fresh });
  return { bound: false };
}

/** Pods waiting for a node: not bound, not being deleted, for the default scheduler. */
export function pendingPods(ctx: ControllerContext): Pod[] {
  const kind = ctx.kindOf('Pod') as KindStrategy<Pod>;
  return ctx.list(kind).filter((p) => {
    const o = p as Loose;
    return !o.spec?.nodeName && !o.metadata.deletionTimestamp && (o.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler';
  });
}
