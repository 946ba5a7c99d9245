/**
 * The PersistentVolume controller's binding loop (pkg/controller/volume/persistentvolume/
 * pv_controller.go, syncClaim/syncVolume) and FindMatchingVolume
 * (staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go), run over the whole store
 * after any write of a PV, PVC, StorageClass or Pod, so the outcome does not depend on the order
 * objects arrived in. Claims of a WaitForFirstConsumer class bind once a pod using them is on a
 * node; the local-path provisioner (rancher.io/local-path) creates a hostPath volume on that node.
 */
import { cmpQuantity, quantityOf, selectorMatches, type LabelSelector } from '../../api/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import type { Loose } from './loose.js';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
/** The provisioners the lab runs; any other class waits for an "external provisioner". */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

/** storagehelpers.GetPersistentVolumeClaimClass: spec.storageClassName, else the beta annotation, else "". */
export function claimClass(pvc: Loose): string {
  const beta = pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return beta;
  return pvc.spec?.storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClass(pv: Loose): string {
  const beta = pv.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return beta;
  return pv.spec?.storageClassName ?? '';
}

const isDefaultClass = (sc: Loose) =>
  sc.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || sc.metadata?.annotations?.[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';

/**
 * The DefaultStorageClass admission plugin: a claim created without storageClassName gets the
 * default class (the newest of several defaults). A claim that says "" keeps "" (no class).
 */
export function defaultClassName(classes: readonly Loose[]): string | undefined {
  const defaults = classes.filter(isDefaultClass);
  if (defaults.length === 0) return undefined;
  defaults.sort((a, b) =>
    a.metadata.creationTimestamp === b.metadata.creationTimestamp
      ? (a.metadata.name < b.metadata.name ? -1 : 1)
      : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? -1 : 1,
  );
  return defaults[0]!.metadata.name;
}

const storageOf = (m: Loose | undefined) => quantityOf(m?.storage ?? 0);
const requested = (pvc: Loose) => storageOf(pvc.spec?.resources?.requests);
const capacity = (pv: Loose) => storageOf(pv.spec?.capacity);
const modeOf = (spec: Loose) => spec?.volumeMode ?? 'Filesystem';

/** CheckAccessModes: every mode the claim asks for is one the volume offers. */
export function accessModesFit(pvc: Loose, pv: Loose): boolean {
  const offered: string[] = pv.spec?.accessModes ?? [];
  return (pvc.spec?.accessModes ?? []).every((m: string) => offered.includes(m));
}

/** IsVolumeBoundToClaim: the volume's claimRef names this claim (and its uid, when set). */
export function volumeBoundTo(pv: Loose, pvc: Loose): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? '') !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** CheckNodeAffinity: the volume's required node terms (ORed) match the node's labels. */
export function volumeFitsNode(pv: Loose, nodeLabels: Record<string, string>): boolean {
  const terms: Loose[] | undefined = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) =>
    (t.matchExpressions ?? []).length > 0 &&
    (t.matchExpressions as Loose[]).every((r) => {
      const v = nodeLabels[r.key];
      const vals: string[] = r.values ?? [];
      switch (r.operator) {
        case 'In': return v !== undefined && vals.includes(v);
        case 'NotIn': return v === undefined || !vals.includes(v);
        case 'Exists': return v !== undefined;
        case 'DoesNotExist': return v === undefined;
        case 'Gt': return v !== undefined && Number(v) > Number(vals[0]);
        case 'Lt': return v !== undefined && Number(v) < Number(vals[0]);
        default: return false;
      }
    }),
  );
}

/** checkVolumeSatisfyClaim: why a claim's spec.volumeName cannot bind to that volume, with the controller's words. */
export function volumeMismatch(pv: Loose, pvc: Loose): string | undefined {
  if (pv.metadata?.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (cmpQuantity(capacity(pv), requested(pvc)) < 0) return 'requested PV is too small';
  if (volumeClass(pv) !== claimClass(pvc)) return 'storageClassName does not match';
  if (modeOf(pv.spec) !== modeOf(pvc.spec)) return 'incompatible volumeMode';
  if (!accessModesFit(pvc, pv)) return 'incompatible accessMode';
  return undefined;
}

/**
 * FindMatchingVolume: a volume pre-bound to the claim, else the smallest Available volume of the
 * claim's class, modes, selector and (on the scheduler's path) node. `delayBinding` without a node
 * is the PV controller leaving a WaitForFirstConsumer claim to the scheduler.
 */
export function findMatchingVolume(pvc: Loose, volumes: readonly Loose[], nodeLabels: Record<string, string> | undefined, delayBinding: boolean): Loose | undefined {
  const want = requested(pvc);
  const selector: LabelSelector | undefined = pvc.spec?.selector;
  let best: Loose | undefined;
  for (const pv of volumes) {
    if (cmpQuantity(capacity(pv), want) < 0) continue;
    if (modeOf(pv.spec) !== modeOf(pvc.spec)) continue;
    if (pv.metadata?.deletionTimestamp) continue;
    const nodeOk = nodeLabels === undefined || volumeFitsNode(pv, nodeLabels);
    if (volumeBoundTo(pv, pvc)) return nodeOk ? pv : undefined;
    if (nodeLabels === undefined && delayBinding) continue;
    if ((pv.status?.phase ?? 'Available') !== 'Available' || pv.spec?.claimRef) continue;
    if (selector && !selectorMatches(selector, pv.metadata?.labels ?? {})) continue;
    if (volumeClass(pv) !== claimClass(pvc)) continue;
    if (!nodeOk) continue;
    if (!accessModesFit(pvc, pv)) continue;
    if (!best || cmpQuantity(capacity(best), capacity(pv)) > 0) best = pv;
  }
  return best;
}

/** Why a claim is still Pending, as the controller's event says it (reason, message). */
export interface PendingReason {
  reason: string;
  message: string;
}

interface Kinds {
  pv: KindStrategy;
  pvc: KindStrategy;
  sc: KindStrategy;
  pod: KindStrategy;
}

function kindsOf(ctx: ControllerContext): Kinds {
  return {
    pv: ctx.kindOf('PersistentVolume')!,
    pvc: ctx.kindOf('PersistentVolumeClaim')!,
    sc: ctx.kindOf('StorageClass')!,
    pod: ctx.kindOf('Pod')!,
  };
}

/** The node a pod using this claim has been scheduled to, if any (the selected-node annotation's source). */
function consumerNode(ctx: ControllerContext, k: Kinds, pvc: Loose): string | undefined {
  for (const pod of ctx.list(k.pod, pvc.metadata.namespace) as Loose[]) {
    if (!pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    if ((pod.spec.volumes ?? []).some((v: Loose) => v.persistentVolumeClaim?.claimName === pvc.metadata.name)) return pod.spec.nodeName;
  }
  return undefined;
}

function bind(ctx: ControllerContext, pv: Loose, pvc: Loose): void {
  const volumeChosenByController = !pvc.spec.volumeName;
  const claimRefSetByController = !pv.spec.claimRef;
  pv.spec.claimRef = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    name: pvc.metadata.name,
    namespace: pvc.metadata.namespace,
    resourceVersion: pvc.metadata.resourceVersion,
    uid: pvc.metadata.uid,
  };
  if (claimRefSetByController) pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), 'pv.kubernetes.io/bound-by-controller': 'yes' };
  pv.status = { ...(pv.status ?? {}), phase: 'Bound' };
  ctx.touch(pv as never);
  pvc.spec.volumeName = pv.metadata.name;
  pvc.metadata.annotations = { ...(pvc.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes' };
  if (volumeChosenByController) pvc.metadata.annotations['pv.kubernetes.io/bound-by-controller'] = 'yes';
  pvc.status = { ...(pvc.status ?? {}), phase: 'Bound', accessModes: pv.spec.accessModes, capacity: { ...(pv.spec.capacity ?? {}) } };
  ctx.touch(pvc as never);
}

/** The local-path provisioner: a hostPath volume on the consumer's node, named pvc-<claim uid>. */
function provisionLocalPath(ctx: ControllerContext, k: Kinds, pvc: Loose, sc: Loose, node: string): Loose {
  const name = `pvc-${pvc.metadata.uid}`;
  const pv: Loose = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': LOCAL_PATH_PROVISIONER },
    },
    spec: {
      accessModes: pvc.spec.accessModes ?? [],
      capacity: { storage: pvc.spec.resources?.requests?.storage ?? '0' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
      hostPath: { path: `/opt/local-path-provisioner/${name}_${pvc.metadata.namespace}_${pvc.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: modeOf(pvc.spec),
    },
  };
  return ctx.createChild(k.pv, pv as never) as Loose;
}

/** syncUnboundClaim for one claim; returns why it stays Pending, or undefined once bound. */
function syncClaim(ctx: ControllerContext, k: Kinds, pvc: Loose, volumes: Loose[]): PendingReason | undefined {
  const cls = claimClass(pvc);
  const sc = cls ? (ctx.get(k.sc, undefined, cls) as Loose | undefined) : undefined;
  if (pvc.spec.volumeName) {
    const pv = volumes.find((v) => v.metadata.name === pvc.spec.volumeName);
    if (!pv) return { reason: 'FailedBinding', message: `volume "${pvc.spec.volumeName}" not found` };
    if (pv.spec?.claimRef && !volumeBoundTo(pv, pvc)) return { reason: 'FailedBinding', message: `volume "${pv.metadata.name}" already bound to a different claim.` };
    const why = volumeMismatch(pv, pvc);
    if (why) return { reason: 'VolumeMismatch', message: `Cannot bind to requested volume "${pv.metadata.name}": ${why}` };
    bind(ctx, pv, pvc);
    return undefined;
  }
  const delay = sc?.volumeBindingMode === 'WaitForFirstConsumer';
  const node = delay ? consumerNode(ctx, k, pvc) : undefined;
  const nodeObj = node ? (ctx.get(ctx.kindOf('Node')!, undefined, node) as Loose | undefined) : undefined;
  const nodeLabels = node ? (nodeObj?.metadata?.labels ?? { 'kubernetes.io/hostname': node }) : undefined;
  const pv = findMatchingVolume(pvc, volumes, nodeLabels, delay);
  if (pv) {
    bind(ctx, pv, pvc);
    return undefined;
  }
  if (!cls) return { reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' };
  if (!sc) return { reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${cls}" not found` };
  if (delay && !node) return { reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' };
  if (sc.provisioner === LOCAL_PATH_PROVISIONER && node) {
    const created = provisionLocalPath(ctx, k, pvc, sc, node);
    volumes.push(created);
    bind(ctx, created, pvc);
    return undefined;
  }
  if (typeof sc.provisioner === 'string' && sc.provisioner.startsWith('kubernetes.io/')) {
    return { reason: 'ProvisioningFailed', message: `no volume plugin matched name: ${sc.provisioner}` };
  }
  return {
    reason: 'ExternalProvisioning',
    message: `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  };
}

/** syncVolume: a bound volume whose claim is gone is Released (Retain/Recycle) or deleted (Delete). */
function syncVolume(ctx: ControllerContext, k: Kinds, pv: Loose): void {
  const ref = pv.spec?.claimRef;
  const phase = pv.status?.phase;
  if (!ref) {
    if (phase !== 'Available') {
      pv.status = { ...(pv.status ?? {}), phase: 'Available' };
      ctx.touch(pv as never);
    }
    return;
  }
  const claim = ctx.get(k.pvc, ref.namespace, ref.name) as Loose | undefined;
  if (claim && (!ref.uid || ref.uid === claim.metadata.uid)) return;
  if (!ref.uid && phase !== 'Released') {
    // Pre-bound by an administrator to a claim that does not exist yet: Available for it alone.
    if (phase !== 'Available') {
      pv.status = { ...(pv.status ?? {}), phase: 'Available' };
      ctx.touch(pv as never);
    }
    return;
  }
  if (phase === 'Released' || phase === 'Failed') return;
  const policy = pv.spec.persistentVolumeReclaimPolicy ?? 'Retain';
  if (policy === 'Delete') {
    ctx.removeQuietly(k.pv, undefined, pv.metadata.name);
    return;
  }
  if (policy === 'Recycle') {
    // The recycler scrubs the volume and makes it Available again for any claim.
    delete pv.spec.claimRef;
    pv.status = { ...(pv.status ?? {}), phase: 'Available' };
    ctx.touch(pv as never);
    return;
  }
  pv.status = { ...(pv.status ?? {}), phase: 'Released' };
  ctx.touch(pv as never);
}

/**
 * The expand controller and the node's resize (ExpandVolume, then NodeExpandVolume): a bound claim
 * whose request outgrew its capacity grows with its volume when its class allows expansion.
 */
function expand(ctx: ControllerContext, pvc: Loose, pv: Loose, classes: readonly Loose[]): void {
  const want = requested(pvc);
  if (cmpQuantity(want, storageOf(pvc.status?.capacity)) <= 0) return;
  const sc = classes.find((c) => c.metadata.name === claimClass(pvc));
  if (!sc?.allowVolumeExpansion) return;
  const storage = pvc.spec.resources.requests.storage;
  pv.spec.capacity = { ...(pv.spec.capacity ?? {}), storage };
  ctx.touch(pv as never);
  pvc.status = { ...(pvc.status ?? {}), capacity: { ...(pvc.status?.capacity ?? {}), storage } };
  ctx.touch(pvc as never);
}

/** Runs the binding loop over every volume and claim; stores each Pending claim's reason on the lab's side table. */
export function syncVolumes(ctx: ControllerContext): void {
  const k = kindsOf(ctx);
  for (const pv of ctx.list(k.pv) as Loose[]) syncVolume(ctx, k, pv);
  const volumes = [...(ctx.list(k.pv) as Loose[])];
  const claims = [...(ctx.list(k.pvc) as Loose[])].sort((a, b) =>
    a.metadata.creationTimestamp === b.metadata.creationTimestamp ? (a.metadata.uid < b.metadata.uid ? -1 : 1) : a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : 1,
  );
  const classes = ctx.list(k.sc) as Loose[];
  const defaultClass = defaultClassName(classes);
  for (const pvc of claims) {
    if (pvc.metadata.deletionTimestamp) continue;
    if (pvc.status?.phase === 'Bound') {
      const pv = volumes.find((v) => v.metadata.name === pvc.spec.volumeName);
      if (!pv || !volumeBoundTo(pv, pvc)) {
        pvc.status = { ...(pvc.status ?? {}), phase: 'Lost' };
        ctx.touch(pvc as never);
      } else expand(ctx, pvc, pv, classes);
      continue;
    }
    // DefaultStorageClass admission, and (since 1.28) the retroactive default for Pending claims that name no class.
    if (pvc.spec.storageClassName === undefined && pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] === undefined && defaultClass) {
      pvc.spec.storageClassName = defaultClass;
      ctx.touch(pvc as never);
    }
    if (pvc.status?.phase === 'Lost') continue;
    const pending = syncClaim(ctx, k, pvc, volumes);
    if (pending && pvc.status?.phase !== 'Pending') {
      pvc.status = { ...(pvc.status ?? {}), phase: 'Pending' };
      ctx.touch(pvc as never);
    }
  }
}

/** Why a claim is Pending right now (for describe's events and the scheduler), recomputed without changing anything. */
export function pendingReason(pvc: Loose, volumes: readonly Loose[], classes: readonly Loose[]): PendingReason | undefined {
  if (pvc.status?.phase === 'Bound') return undefined;
  const cls = claimClass(pvc);
  const sc = classes.find((c) => c.metadata.name === cls);
  if (pvc.spec?.volumeName) {
    const pv = volumes.find((v) => v.metadata.name === pvc.spec.volumeName);
    if (!pv) return { reason: 'FailedBinding', message: `volume "${pvc.spec.volumeName}" not found` };
    const why = volumeMismatch(pv, pvc);
    return why ? { reason: 'VolumeMismatch', message: `Cannot bind to requested volume "${pv.metadata.name}": ${why}` } : undefined;
  }
  if (!cls) return { reason: 'FailedBinding', message: 'no persistent volumes available for this claim and no storage class is set' };
  if (!sc) return { reason: 'ProvisioningFailed', message: `storageclass.storage.k8s.io "${cls}" not found` };
  if (sc.volumeBindingMode === 'WaitForFirstConsumer') return { reason: 'WaitForFirstConsumer', message: 'waiting for first consumer to be created before binding' };
  return undefined;
}
