/**
 * Pod (core/v1; pkg/registry/core/pod/strategy.go): validated spec, status owned by the server,
 * only images (and a few fields) mutable; on create the token volume, scheduling and a running
 * status; Endpoints follow every change; a ReplicaSet replaces a deleted pod it owns.
 */
import type { Pod, ReplicaSet } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { validatePodSpec } from '../validation.js';
import { stableJson } from '../stable-json.js';
import { keepTokenMounts, mountServiceAccountToken, retryPendingPods, schedulePod } from '../controllers/pods.js';
import { reconcileEndpoints } from '../controllers/endpoints.js';
import { reconcileReplicaSet } from '../controllers/workloads.js';
import type { Loose } from '../controllers/loose.js';
import { podAtRead } from '../controllers/kubelet.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

const POD_UPDATE_FORBIDDEN =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

export const podKind: KindStrategy<Pod> = {
  kind: 'Pod',
  resource: 'pods',
  singular: 'pod',
  shortNames: ['po'],
  group: '',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.Pod!,
  nameRule: 'subdomain',
  tracksGeneration: false,
  statusRule: 'server',
  applyDefaults,
  validate: (pod) => validatePodSpec(pod.spec as unknown as Record<string, unknown> | undefined, 'spec'),
  prepareForUpdate: (next, current) => keepTokenMounts(current, next),
  validateUpdate(next, current) {
    const strip = (s: Loose) => stableJson({ ...s, containers: (s.containers ?? []).map((c: Loose) => ({ ...c, image: '' })) });
    if (strip(current.spec) === strip(next.spec)) return [];
    return [{ type: 'FieldValueForbidden', field: 'spec', message: POD_UPDATE_FORBIDDEN }];
  },
  afterCreate(pod, ctx) {
    mountServiceAccountToken(ctx, pod);
    schedulePod(ctx, pod);
    reconcileEndpoints(ctx, pod.metadata.namespace!);
  },
  afterUpdate: (pod, ctx) => reconcileEndpoints(ctx, pod.metadata.namespace!),
  atRead: (pod, ctx, revision) => podAtRead(pod, ctx, revision) as Pod,
  afterDelete(pod, ctx) {
    const ns = pod.metadata.namespace;
    const owner = pod.metadata.ownerReferences?.find((r) => r.kind === 'ReplicaSet');
    const rs = owner && ctx.get(ctx.kindOf('ReplicaSet') as KindStrategy<ReplicaSet>, ns, owner.name);
    // A ReplicaSet being deleted (foreground) replaces nothing, as its controller skips it.
    if (rs && !rs.metadata.deletionTimestamp) reconcileReplicaSet(ctx, rs);
    reconcileEndpoints(ctx, ns!);
    retryPendingPods(ctx);
  },
};
