/**
 * The statefulset controller (pkg/controller/statefulset): pods `<name>-0` … `<name>-(n-1)` with a
 * stable hostname and the governing Service as subdomain, one PersistentVolumeClaim per
 * volumeClaimTemplate and ordinal (`<template>-<name>-<ordinal>`, created through the generic store
 * and kept when the set scales down or goes, as the Retain policy says). OrderedReady starts pod
 * n+1 only once pod n is ready: a template whose images cannot be pulled stops at its first pod.
 * Scale down removes the highest ordinals first; a changed template replaces the pods (RollingUpdate).
 */
import type { KubeObject, Pod } from '../../api/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import { reconcileEndpoints } from './endpoints.js';
import { templateBecomesAvailable } from './workloads.js';
import type { Loose } from './loose.js';

function revisionHash(template: unknown): string {
  const s = JSON.stringify(template);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (let i = 0; i < 10; i++, h = Math.floor(h / alphabet.length) + i * 104729) out += alphabet[h % alphabet.length];
  return out;
}

function ensureClaims(ctx: ControllerContext, sts: Loose, ordinal: number): void {
  const pvcKind = ctx.kindOf('PersistentVolumeClaim');
  if (!pvcKind) return;
  const ns = sts.metadata.namespace;
  const deleteWithSet = sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
  for (const t of (sts.spec.volumeClaimTemplates ?? []) as Loose[]) {
    const name = `${t.metadata?.name}-${sts.metadata.name}-${ordinal}`;
    if (ctx.get(pvcKind, ns, name)) continue;
    ctx.createChild(pvcKind, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(t.metadata?.labels ?? {}), ...(sts.spec.selector?.matchLabels ?? {}) },
        ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}),
        ...(deleteWithSet ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.metadata.name, uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }] } : {}),
      },
      spec: structuredClone(t.spec ?? {}),
    } as KubeObject);
  }
}

function createPod(ctx: ControllerContext, sts: Loose, ordinal: number, revision: string): void {
  const podKind = ctx.kindOf('Pod') as KindStrategy<Pod>;
  const tmpl = sts.spec.template;
  const name = `${sts.metadata.name}-${ordinal}`;
  const spec = structuredClone(tmpl.spec);
  spec.hostname = name;
  if (sts.spec.serviceName) spec.subdomain = sts.spec.serviceName;
  spec.serviceAccountName ??= 'default';
  const claims = ((sts.spec.volumeClaimTemplates ?? []) as Loose[]).map((t) => ({ name: t.metadata?.name, persistentVolumeClaim: { claimName: `${t.metadata?.name}-${sts.metadata.name}-${ordinal}` } }));
  if (claims.length) spec.volumes = [...claims, ...(spec.volumes ?? []).filter((v: Loose) => !claims.some((c) => c.name === v.name))];
  ctx.createChild(podKind, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${sts.metadata.name}-`,
      namespace: sts.metadata.namespace,
      labels: {
        ...(tmpl.metadata?.labels ?? {}),
        'apps.kubernetes.io/pod-index': String(ordinal),
        'controller-revision-hash': revision,
        'statefulset.kubernetes.io/pod-name': name,
      },
      ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.metadata.name, uid: sts.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  } as Pod);
}

export function reconcileStatefulSet(ctx: ControllerContext, statefulSet: KubeObject): void {
  const sts = statefulSet as Loose;
  if (!sts.spec?.template || sts.metadata.deletionTimestamp) return;
  const podKind = ctx.kindOf('Pod') as KindStrategy<Pod>;
  const ns = sts.metadata.namespace;
  const replicas: number = sts.spec.replicas ?? 1;
  const revision = `${sts.metadata.name}-${revisionHash(sts.spec.template)}`;
  const ordered = (sts.spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const healthy = templateBecomesAvailable(sts.spec.template);
  const onDelete = sts.spec.updateStrategy?.type === 'OnDelete';
  const mine = () => (ctx.list(podKind, ns) as Loose[]).filter((p) => p.metadata.ownerReferences?.some((r: Loose) => r.uid === sts.metadata.uid && r.controller));
  let changed = false;
  // Scale down (and stale revisions, for RollingUpdate), highest ordinal first.
  for (const p of mine().sort((a, b) => ordinalOf(b) - ordinalOf(a))) {
    const i = ordinalOf(p);
    if (i >= replicas || (!onDelete && p.metadata.labels?.['controller-revision-hash'] !== revision)) {
      ctx.removeQuietly(podKind, ns, p.metadata.name);
      changed = true;
    }
  }
  for (let i = 0; i < replicas; i++) {
    if (!ctx.get(podKind, ns, `${sts.metadata.name}-${i}`)) {
      ensureClaims(ctx, sts, i);
      createPod(ctx, sts, i, revision);
      changed = true;
    }
    // OrderedReady: the next ordinal waits for this one to be ready.
    if (ordered && !healthy) break;
  }
  if (changed) reconcileEndpoints(ctx, ns);
  const pods = mine();
  const current = pods.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision).length;
  const ready = healthy ? pods.length : 0;
  const status: Loose = {
    ...(ready ? { availableReplicas: ready } : { availableReplicas: 0 }),
    collisionCount: 0,
    ...(current ? { currentReplicas: current } : {}),
    currentRevision: revision,
    observedGeneration: sts.metadata.generation,
    ...(ready ? { readyReplicas: ready } : {}),
    replicas: pods.length,
    updateRevision: revision,
    ...(current ? { updatedReplicas: current } : {}),
  };
  if (JSON.stringify(status) !== JSON.stringify(sts.status)) {
    sts.status = status;
    ctx.touch(sts as KubeObject);
  }
}

const ordinalOf = (p: Loose) => Number(p.metadata.labels?.['apps.kubernetes.io/pod-index'] ?? String(p.metadata.name).split('-').pop());
