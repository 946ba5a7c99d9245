/**
 * kube-scheduler 1.32's VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding):
 * PreFilter refuses a pod whose claims are missing, being deleted or unbound with Immediate
 * binding; Filter checks bound volumes' node affinity and whether a WaitForFirstConsumer claim
 * can find (or have provisioned) a volume on the node. Reasons verbatim from binder.go.
 */
import { findMatchingVolume, volumeFitsNode, claimClass } from '../controllers/volumes.js';
import type { Loose } from '../controllers/loose.js';
import type { SchedNode, SchedPod } from './types.js';

/** The claims, volumes and classes the plugin reads (its listers). */
export interface StorageView {
  claims: readonly Loose[];
  volumes: readonly Loose[];
  classes: readonly Loose[];
}

export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

function claimsOf(pod: SchedPod, storage: StorageView): { name: string; claim: Loose | undefined }[] {
  const ns = pod.metadata.namespace ?? 'default';
  const volumes = ((pod.spec as Loose).volumes ?? []) as Loose[];
  return volumes
    .filter((v) => v.persistentVolumeClaim?.claimName)
    .map((v) => {
      const name = v.persistentVolumeClaim.claimName as string;
      return { name, claim: storage.claims.find((c) => c.metadata.name === name && (c.metadata.namespace ?? 'default') === ns) };
    });
}

const isBound = (c: Loose) => Boolean(c.spec?.volumeName);
const delayed = (c: Loose, storage: StorageView) => storage.classes.find((s) => s.metadata.name === claimClass(c))?.volumeBindingMode === 'WaitForFirstConsumer';

/** PreFilter: the status message that stops the cycle before any node is tried, or undefined. */
export function volumeBindingPreFilter(pod: SchedPod, storage: StorageView | undefined): string | undefined {
  if (!storage) return undefined;
  for (const { name, claim } of claimsOf(pod, storage)) {
    if (!claim) return `persistentvolumeclaim "${name}" not found`;
    if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
  }
  const unboundImmediate = claimsOf(pod, storage).some(({ claim }) => !isBound(claim!) && !delayed(claim!, storage));
  return unboundImmediate ? ERR_UNBOUND_IMMEDIATE : undefined;
}

/** Filter: the reasons a node cannot host the pod's volumes (empty when it can). */
export function volumeBindingFilter(pod: SchedPod, node: SchedNode, storage: StorageView | undefined): string[] {
  if (!storage) return [];
  const labels = node.metadata.labels ?? {};
  const reasons = new Set<string>();
  for (const { claim } of claimsOf(pod, storage)) {
    if (!claim) continue;
    if (isBound(claim)) {
      const pv = storage.volumes.find((v) => v.metadata.name === claim.spec.volumeName);
      if (!pv) reasons.add(ERR_PV_NOT_EXIST);
      else if (!volumeFitsNode(pv, labels)) reasons.add(ERR_NODE_CONFLICT);
      continue;
    }
    if (findMatchingVolume(claim, storage.volumes, labels, true)) continue;
    // No volume to bind: a class that provisions may still make one; no-provisioner cannot.
    const sc = storage.classes.find((s) => s.metadata.name === claimClass(claim));
    if (!sc || sc.provisioner === 'kubernetes.io/no-provisioner') reasons.add(ERR_BIND_CONFLICT);
  }
  return [...reasons];
}
