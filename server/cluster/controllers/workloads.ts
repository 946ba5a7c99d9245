/**
 * The deployment and replicaset controllers: a Deployment owns one ReplicaSet per pod template
 * (named by the template's hash), scaled to the wanted replicas with the old ones at 0; a
 * ReplicaSet owns its pods, created at once and removed newest first.
 */
import { kubeRandString, rfc3339 } from '../../core/index.js';
import { pullImage } from '../lifecycle/index.js';
import { stableJson } from '../stable-json.js';
import type { Deployment, Pod, ReplicaSet } from '../../api/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import { reconcileEndpoints } from './endpoints.js';
import type { Loose } from './loose.js';

/** Annotations the deployment controller does not copy onto its ReplicaSets (deployment/util annotationsToSkip). */
const SKIPPED_ANNOTATIONS = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const revisionOf = (rs: Loose) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

/** A template compared without the pod-template-hash label (equalIgnoreHash). */
function templateKey(template: Loose): string {
  const t = structuredClone(template ?? {});
  if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
  return stableJson(t);
}

/** intstr.GetScaledValueFromIntOrPercent: an int, or a percentage of `total` rounded up or down. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? ''));
  if (!m) return 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

/** Whether the template's pods become available: every image can be pulled (the kubelet's first hurdle). */
export function templateBecomesAvailable(template: Loose): boolean {
  const spec = template?.spec ?? {};
  const secrets = (spec.imagePullSecrets ?? []).length > 0;
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])].every((c: Loose) => pullImage(String(c.image ?? ''), secrets).ok);
}

function keepCondition(prev: Loose[] | undefined, next: Loose, now: string): Loose {
  const old = prev?.find((c) => c.type === next.type);
  if (old && old.status === next.status && old.reason === next.reason) return { ...next, lastTransitionTime: old.lastTransitionTime, lastUpdateTime: old.lastUpdateTime };
  if (old && old.status === next.status) return { ...next, lastTransitionTime: old.lastTransitionTime, lastUpdateTime: now };
  return { ...next, lastTransitionTime: now, lastUpdateTime: now };
}

/**
 * The deployment controller: the ReplicaSet whose template is the deployment's is the new one (made
 * with the next revision if none is, or given the next revision when a rollback brings an old one
 * back); a rolling update moves replicas to it within maxSurge/maxUnavailable. The lab runs no
 * pods through time, so a rollout whose new pods become available completes at once, and one whose
 * images cannot be pulled stops where the real controller stops: the old ReplicaSets kept at
 * replicas − maxUnavailable, the new one at maxSurge + maxUnavailable, until the progress deadline
 * marks it ProgressDeadlineExceeded. A paused deployment scales but does not roll.
 */
export function reconcileDeployment(ctx: ControllerContext, deployment: Deployment): void {
  const d = deployment as Loose;
  if (d.metadata.deletionTimestamp) return;
  const rsKind = ctx.kindOf('ReplicaSet') as KindStrategy<ReplicaSet>;
  const template = d.spec.template;
  const ns = d.metadata.namespace;
  const now = ctx.clock.now();
  const owned = (ctx.list(rsKind, ns) as Loose[]).filter((rs) => rs.metadata.ownerReferences?.some((r: Loose) => r.uid === d.metadata.uid && r.controller));
  const replicas: number = d.spec.replicas ?? 1;
  const rolling = (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const surge = rolling ? scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%', replicas, true) : 0;
  let unavailable = rolling ? scaledValue(d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%', replicas, false) : replicas;
  if (rolling && surge === 0 && unavailable === 0) unavailable = 1;
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  const key = templateKey(template);
  let newRS = owned.find((rs) => templateKey(rs.spec.template) === key);
  const carried = Object.fromEntries(Object.entries((d.metadata.annotations ?? {}) as Record<string, string>).filter(([k]) => !SKIPPED_ANNOTATIONS.has(k)));
  const paused = d.spec.paused === true;
  if (!newRS && !paused) {
    const hash = podTemplateHash(JSON.stringify(template));
    let name = `${d.metadata.name}-${hash}`;
    // A name taken by another template (a hash collision) gets the collision count's suffix.
    for (let i = 1; ctx.get(rsKind, ns, name); i++) name = `${d.metadata.name}-${podTemplateHash(JSON.stringify(template) + i)}`;
    const podHash = name.slice(d.metadata.name.length + 1);
    newRS = ctx.createChild(rsKind, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': podHash },
        annotations: {
          ...carried,
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + surge),
          'deployment.kubernetes.io/revision': String(maxRevision + 1),
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': podHash }, ...(d.spec.selector.matchExpressions ? { matchExpressions: d.spec.selector.matchExpressions } : {}) },
        template: { metadata: { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': podHash } }, spec: structuredClone(template.spec) },
      },
    }) as Loose;
    owned.push(newRS);
  } else if (newRS && !paused) {
    const a = (newRS.metadata.annotations ??= {});
    const before = stableJson(a);
    const rev = revisionOf(newRS);
    if (rev < maxRevision) {
      // A rollback: the old revision becomes the newest, its number kept in revision-history.
      a['deployment.kubernetes.io/revision-history'] = a['deployment.kubernetes.io/revision-history'] ? `${a['deployment.kubernetes.io/revision-history']},${rev}` : String(rev);
      a['deployment.kubernetes.io/revision'] = String(maxRevision + 1);
    }
    for (const [k, v] of Object.entries(carried)) a[k] = v;
    if (stableJson(a) !== before) ctx.touch(newRS as ReplicaSet);
  }
  // Paused with a template not rolled out: the newest ReplicaSet is the one that scales.
  const current = newRS ?? [...owned].sort((x, y) => revisionOf(y) - revisionOf(x))[0];
  const olds = owned.filter((rs) => rs !== current).sort((x, y) => revisionOf(x) - revisionOf(y));
  const healthy = current ? templateBecomesAvailable(current.spec.template) : true;
  const oldTotal = olds.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
  const want = new Map<Loose, number>();
  if (!current) {
    // No ReplicaSet yet and paused: nothing to scale.
  } else if (paused || healthy || oldTotal === 0 || !rolling) {
    want.set(current, replicas);
    if (!paused) for (const rs of olds) want.set(rs, 0);
  } else {
    const keep = Math.min(oldTotal, Math.max(0, replicas - unavailable));
    want.set(current, Math.min(replicas, Math.max(current.spec.replicas ?? 0, replicas + surge - keep)));
    // The oldest ReplicaSets are scaled down first.
    let excess = oldTotal - keep;
    for (const rs of olds) {
      const cut = Math.min(excess, rs.spec.replicas ?? 0);
      want.set(rs, (rs.spec.replicas ?? 0) - cut);
      excess -= cut;
    }
  }
  for (const [rs, n] of want) {
    const annotations = rs.metadata.annotations ?? {};
    const desired = rs === current ? { 'deployment.kubernetes.io/desired-replicas': String(replicas), 'deployment.kubernetes.io/max-replicas': String(replicas + surge) } : {};
    const changedAnn = Object.entries(desired).some(([k, v]) => annotations[k] !== v);
    if (rs.spec.replicas !== n || changedAnn) {
      rs.spec.replicas = n;
      rs.metadata.annotations = { ...annotations, ...desired };
      ctx.touch(rs as ReplicaSet);
      reconcileReplicaSet(ctx, rs as ReplicaSet);
    }
  }
  // Old ReplicaSets at zero beyond revisionHistoryLimit go, oldest revision first.
  const limit: number = d.spec.revisionHistoryLimit ?? 10;
  const idle = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0);
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) ctx.removeQuietly(rsKind, ns, rs.metadata.name);
  // The deployment controller stamps the new ReplicaSet's revision (and its change-cause) on the deployment.
  const revision = current?.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (revision && !paused) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision };
  setDeploymentStatus(d, current, olds, healthy, replicas, unavailable, paused, now);
}

function setDeploymentStatus(d: Loose, current: Loose | undefined, olds: Loose[], healthy: boolean, replicas: number, maxUnavailable: number, paused: boolean, now: number): void {
  const t = rfc3339(now);
  const updated = current?.spec.replicas ?? 0;
  const oldCount = olds.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
  const total = updated + oldCount;
  const available = oldCount + (healthy ? updated : 0);
  const name = current?.metadata.name ?? '';
  const prev = d.status?.conditions as Loose[] | undefined;
  const complete = healthy && oldCount === 0 && updated === replicas;
  const minimum = available >= replicas - maxUnavailable;
  const availableCond = minimum
    ? { message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' }
    : { message: 'Deployment does not have minimum availability.', reason: 'MinimumReplicasUnavailable', status: 'False', type: 'Available' };
  let progressing: Loose;
  if (paused) progressing = { message: 'Deployment is paused', reason: 'DeploymentPaused', status: 'Unknown', type: 'Progressing' };
  else if (complete) progressing = { message: `ReplicaSet "${name}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' };
  else {
    const since = prev?.find((c) => c.type === 'Progressing' && c.reason === 'ReplicaSetUpdated')?.lastUpdateTime;
    const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
    const stuck = prev?.find((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded');
    if (stuck || (since && now - Date.parse(since) >= deadline)) progressing = { message: `ReplicaSet "${name}" has timed out progressing.`, reason: 'ProgressDeadlineExceeded', status: 'False', type: 'Progressing' };
    else progressing = { message: `ReplicaSet "${name}" is progressing.`, reason: 'ReplicaSetUpdated', status: 'True', type: 'Progressing' };
  }
  // A fresh deployment's conditions carry its creation time, as the controller's first sync does.
  const stamp = prev ? t : d.metadata.creationTimestamp ?? t;
  const status: Loose = {
    availableReplicas: available || undefined,
    conditions: [keepCondition(prev, availableCond, stamp), keepCondition(prev, progressing, stamp)],
    observedGeneration: d.metadata.generation,
    readyReplicas: available || undefined,
    replicas: total || undefined,
    unavailableReplicas: Math.max(0, replicas - available) || undefined,
    updatedReplicas: updated || undefined,
  };
  for (const k of Object.keys(status)) if (status[k] === undefined) delete status[k];
  d.status = status;
}

/** Brings a stalled rollout's Progressing condition up to the clock (ProgressDeadlineExceeded). */
export function refreshStalledDeployment(ctx: ControllerContext, deployment: Deployment): void {
  const d = deployment as Loose;
  const progressing = (d.status?.conditions ?? []).find((c: Loose) => c.type === 'Progressing');
  if (progressing?.reason !== 'ReplicaSetUpdated') return;
  const deadline = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  if (ctx.clock.now() - Date.parse(progressing.lastUpdateTime) < deadline) return;
  reconcileDeployment(ctx, deployment);
  ctx.touch(deployment);
}

export function reconcileReplicaSet(ctx: ControllerContext, replicaSet: ReplicaSet): void {
  const rs = replicaSet as Loose;
  const podKind = ctx.kindOf('Pod') as KindStrategy<Pod>;
  const ns = rs.metadata.namespace;
  const mine = (ctx.list(podKind, ns) as Loose[]).filter((p) => p.metadata.ownerReferences?.some((r: Loose) => r.uid === rs.metadata.uid));
  const want = rs.spec.replicas ?? 1;
  for (let i = mine.length; i < want; i++) {
    const tmpl = rs.spec.template;
    let name: string;
    do name = `${rs.metadata.name}-${kubeRandString(ctx.random, 5)}`;
    while (ctx.get(podKind, ns, name));
    ctx.createChild(podKind, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        generateName: `${rs.metadata.name}-`,
        namespace: ns,
        labels: { ...(tmpl.metadata?.labels ?? {}) },
        ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...structuredClone(tmpl.spec), serviceAccountName: tmpl.spec.serviceAccountName ?? 'default' },
    });
  }
  // Scale down removes the newest pods first.
  const extra = mine.length - want;
  if (extra > 0) {
    const victims = [...mine].sort((a, b) => (a.metadata.name < b.metadata.name ? 1 : -1)).slice(0, extra);
    for (const v of victims) ctx.removeQuietly(podKind, ns, v.metadata.name);
    reconcileEndpoints(ctx, ns);
  }
  const n = Math.min(want, Math.max(mine.length, want));
  rs.status = want === 0 ? { observedGeneration: rs.metadata.generation, replicas: 0 } : { availableReplicas: n, fullyLabeledReplicas: n, observedGeneration: rs.metadata.generation, readyReplicas: n, replicas: n };
}

/** A pod-template-hash: a stable 32-bit FNV-1a of the template, in kube's safe alphabet (as rand.SafeEncodeString). */
function podTemplateHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const digits = String(h);
  return [...digits].map((d) => alphabet[(Number(d) * 7 + d.charCodeAt(0)) % alphabet.length]).join('');
}
