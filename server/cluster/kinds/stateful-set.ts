/**
 * StatefulSet (apps/v1; pkg/registry/apps/statefulset): SetDefaults_StatefulSet (with the
 * volumeClaimTemplates' own defaults), the selector and template validation Deployments share,
 * an immutable selector, and the statefulset controller (../controllers/stateful-sets.ts), which
 * also puts back a deleted pod under its ordinal name as the lab clock passes.
 */
import type { KubeObject } from '../../api/index.js';
import { defaultPodSpec } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { goLabelSelector } from '../validation.js';
import { stableJson } from '../stable-json.js';
import { reconcileStatefulSet } from '../controllers/stateful-sets.js';
import type { Loose } from '../controllers/loose.js';
import { validateReplicatedSpec } from './replica-set.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet';
  spec?: Loose;
  status?: Loose;
}

export const statefulSetKind: KindStrategy<StatefulSet> = {
  kind: 'StatefulSet',
  resource: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  group: 'apps',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.StatefulSet!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults(sts) {
    const s = (sts.spec ??= {});
    s.podManagementPolicy ??= 'OrderedReady';
    s.updateStrategy ??= {};
    s.updateStrategy.type ||= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.partition ??= 0;
    }
    s.replicas ??= 1;
    s.revisionHistoryLimit ??= 10;
    s.persistentVolumeClaimRetentionPolicy ??= {};
    s.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
    s.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
    if (s.template?.spec) defaultPodSpec(s.template.spec);
    for (const t of (s.volumeClaimTemplates ?? []) as Loose[]) {
      t.apiVersion ??= 'v1';
      t.kind ??= 'PersistentVolumeClaim';
      t.metadata ??= {};
      t.metadata.creationTimestamp ??= null;
      t.spec ??= {};
      t.spec.volumeMode ??= 'Filesystem';
      t.status ??= { phase: 'Pending' };
    }
  },
  validate: (sts) => validateReplicatedSpec({ spec: sts.spec }),
  validateUpdate(next, current) {
    if (stableJson(current.spec?.selector) === stableJson(next.spec?.selector)) return [];
    return [{ type: 'FieldValueInvalid', field: 'spec.selector', message: `spec.selector: Invalid value: ${goLabelSelector(next.spec?.selector)}: field is immutable` }];
  },
  afterCreate: (sts, ctx) => reconcileStatefulSet(ctx, sts),
  afterUpdate: (sts, ctx) => reconcileStatefulSet(ctx, sts),
  onClock(_now, ctx) {
    for (const sts of ctx.list(statefulSetKind)) reconcileStatefulSet(ctx, sts);
  },
};
