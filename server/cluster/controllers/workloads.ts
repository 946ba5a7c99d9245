/**
 * The deployment and replicaset controllers: a Deployment owns one ReplicaSet per pod template
 * (named by the template's hash), scaled to the wanted replicas with the old ones at 0; a
 * ReplicaSet owns its pods, created at once and removed newest first.
 */
import { kubeRandString } from '../../core/index.js';
import type { Deployment, Pod, ReplicaSet } from '../../api/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import { reconcileEndpoints } from './endpoints.js';
import type { Loose } from './loose.js';

export function reconcileDeployment(ctx: ControllerContext, deployment: Deployment): void {
  const d = deployment as Loose;
  const rsKind = ctx.kindOf('ReplicaSet') as KindStrategy<ReplicaSet>;
  const template = d.spec.template;
  const hash = podTemplateHash(JSON.stringify(template));
  const name = `${d.metadata.name}-${hash}`;
  const ns = d.metadata.namespace;
  const owned = (ctx.list(rsKind, ns) as Loose[]).filter((rs) => rs.metadata.ownerReferences?.some((r: Loose) => r.uid === d.metadata.uid));
  for (const old of owned) {
    if (old.metadata.name !== name && old.spec.replicas !== 0) {
      old.spec.replicas = 0;
      ctx.touch(old as ReplicaSet);
      reconcileReplicaSet(ctx, old as ReplicaSet);
    }
  }
  let rs = ctx.get(rsKind, ns, name) as Loose | undefined;
  const replicas = d.spec.replicas ?? 1;
  if (!rs) {
    rs = ctx.createChild(rsKind, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash },
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(replicas),
          'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
          'deployment.kubernetes.io/revision': String(owned.length + 1),
        },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas,
        selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash }, ...(d.spec.selector.matchExpressions ? { matchExpressions: d.spec.selector.matchExpressions } : {}) },
        template: { metadata: { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } }, spec: template.spec },
      },
    }) as Loose;
  } else if (rs.spec.replicas !== replicas) {
    rs.spec.replicas = replicas;
    rs.metadata.annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(replicas) };
    ctx.touch(rs as ReplicaSet);
    reconcileReplicaSet(ctx, rs as ReplicaSet);
  }
  // The deployment controller stamps the new ReplicaSet's revision on the deployment.
  const revision = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (revision) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision };
  d.status = {
    availableReplicas: replicas || undefined,
    conditions: [
      { lastTransitionTime: d.metadata.creationTimestamp, lastUpdateTime: d.metadata.creationTimestamp, message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
      { lastTransitionTime: d.metadata.creationTimestamp, lastUpdateTime: d.metadata.creationTimestamp, message: `ReplicaSet "${name}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
    ],
    observedGeneration: d.metadata.generation,
    readyReplicas: replicas || undefined,
    replicas: replicas || undefined,
    updatedReplicas: replicas || undefined,
  };
  for (const k of Object.keys(d.status)) if (d.status[k] === undefined) delete d.status[k];
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
