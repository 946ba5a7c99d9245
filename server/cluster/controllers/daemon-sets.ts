/**
 * The daemonset controller (pkg/controller/daemon): one pod per node that should run it — the
 * template's nodeSelector and required node affinity match the node, and every NoSchedule or
 * NoExecute taint is tolerated (the controller adds its own tolerations for the node condition
 * taints, as util.AddOrUpdateDaemonPodTolerations does). Each pod is pinned to its node by a
 * required matchFields affinity on metadata.name. Pods on nodes no longer eligible are removed;
 * a changed template replaces every pod (the RollingUpdate's result, not its pacing).
 */
import { kubeRandString } from '../../core/index.js';
import type { KubeObject, Pod } from '../../api/index.js';
import { matchesNodeSelectorAndAffinity, untoleratedTaint, type SchedNode, type SchedPod, type Toleration } from '../scheduler/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import { reconcileEndpoints } from './endpoints.js';
import type { Loose } from './loose.js';

/** util.AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/memory-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/pid-pressure', operator: 'Exists' },
  { effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', operator: 'Exists' },
];
const HOST_NETWORK_TOLERATION: Toleration = { effect: 'NoSchedule', key: 'node.kubernetes.io/network-unavailable', operator: 'Exists' };

function daemonTolerations(spec: Loose): Toleration[] {
  const own = [...((spec.tolerations ?? []) as Toleration[])];
  const add = spec.hostNetwork ? [...DAEMON_TOLERATIONS, HOST_NETWORK_TOLERATION] : DAEMON_TOLERATIONS;
  for (const t of add) if (!own.some((o) => o.key === t.key && o.effect === t.effect)) own.push(t);
  return own;
}

/** Whether the DaemonSet should run a pod on the node (nodeShouldRunDaemonPod's predicates). */
export function nodeShouldRunDaemonPod(ds: Loose, node: SchedNode): boolean {
  const spec = ds.spec.template?.spec ?? {};
  const pod: SchedPod = { metadata: {}, spec: { ...spec, containers: spec.containers ?? [] } };
  if (!matchesNodeSelectorAndAffinity(pod, node)) return false;
  return untoleratedTaint(node.spec?.taints, daemonTolerations(spec), ['NoSchedule', 'NoExecute']) === undefined;
}

/** A stable hash of the template, in kube's safe alphabet (the ControllerRevision's hash label). */
function revisionHash(template: unknown): string {
  const s = JSON.stringify(template);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++, h = Math.floor(h / alphabet.length) + (i * 7919)) out += alphabet[h % alphabet.length];
  return out;
}

export function reconcileDaemonSet(ctx: ControllerContext, daemonSet: KubeObject): void {
  const ds = daemonSet as Loose;
  if (!ds.spec?.template || ds.metadata.deletionTimestamp) return;
  const podKind = ctx.kindOf('Pod') as KindStrategy<Pod>;
  const ns = ds.metadata.namespace;
  const generation = String(ds.metadata.generation ?? 1);
  const hash = revisionHash(ds.spec.template);
  const nodes = ctx.list(ctx.kindOf('Node')!) as unknown as SchedNode[];
  const mine = (ctx.list(podKind, ns) as Loose[]).filter((p) => p.metadata.ownerReferences?.some((r: Loose) => r.uid === ds.metadata.uid && r.controller));
  let changed = false;
  const eligible = nodes.filter((n) => nodeShouldRunDaemonPod(ds, n));
  const eligibleNames = new Set(eligible.map((n) => n.metadata.name));
  for (const p of mine) {
    const stale = p.metadata.labels?.['controller-revision-hash'] !== hash;
    if (stale || !eligibleNames.has(p.spec.nodeName)) {
      ctx.removeQuietly(podKind, ns, p.metadata.name);
      changed = true;
    }
  }
  const kept = (ctx.list(podKind, ns) as Loose[]).filter((p) => p.metadata.ownerReferences?.some((r: Loose) => r.uid === ds.metadata.uid && r.controller));
  for (const node of eligible) {
    if (kept.some((p) => p.spec.nodeName === node.metadata.name)) continue;
    const tmpl = ds.spec.template;
    let name: string;
    do name = `${ds.metadata.name}-${kubeRandString(ctx.random, 5)}`;
    while (ctx.get(podKind, ns, name));
    const spec = structuredClone(tmpl.spec);
    spec.serviceAccountName ??= 'default';
    spec.tolerations = daemonTolerations(spec);
    spec.affinity = {
      ...(spec.affinity ?? {}),
      nodeAffinity: {
        ...(spec.affinity?.nodeAffinity ?? {}),
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.metadata.name] }] }] },
      },
    };
    spec.nodeName = node.metadata.name;
    ctx.createChild(podKind, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${ds.metadata.name}-`,
        namespace: ns,
        labels: { ...(tmpl.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': generation },
        ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata.name, uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec,
    } as Pod);
    changed = true;
  }
  if (changed) reconcileEndpoints(ctx, ns);
  const n = eligible.length;
  const status: Loose = {
    currentNumberScheduled: n,
    desiredNumberScheduled: n,
    ...(n ? { numberAvailable: n } : { numberUnavailable: 0 }),
    numberMisscheduled: 0,
    numberReady: n,
    observedGeneration: ds.metadata.generation,
    ...(n ? { updatedNumberScheduled: n } : {}),
  };
  if (JSON.stringify(status) !== JSON.stringify(ds.status)) {
    ds.status = status;
    ctx.touch(ds as KubeObject);
  }
}
