/**
 * DaemonSet (apps/v1; pkg/registry/apps/daemonset): SetDefaults_DaemonSet, the selector and
 * template validation Deployments share, an immutable selector, the template generation
 * annotation, and the daemonset controller (../controllers/daemon-sets.ts), which also follows
 * node changes (labels, taints, cordons) as the lab clock passes.
 */
import type { KubeObject } from '../../api/index.js';
import { defaultPodSpec } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { goLabelSelector } from '../validation.js';
import { stableJson } from '../stable-json.js';
import { reconcileDaemonSet } from '../controllers/daemon-sets.js';
import type { Loose } from '../controllers/loose.js';
import { validateReplicatedSpec } from './replica-set.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet';
  spec?: Loose;
  status?: Loose;
}

export const daemonSetKind: KindStrategy<DaemonSet> = {
  kind: 'DaemonSet',
  resource: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  group: 'apps',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.DaemonSet!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults(ds) {
    const s = (ds.spec ??= {});
    s.updateStrategy ??= {};
    s.updateStrategy.type ||= 'RollingUpdate';
    if (s.updateStrategy.type === 'RollingUpdate') {
      s.updateStrategy.rollingUpdate ??= {};
      s.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
      s.updateStrategy.rollingUpdate.maxSurge ??= 0;
    }
    s.revisionHistoryLimit ??= 10;
    if (s.template?.spec) defaultPodSpec(s.template.spec);
  },
  validate: (ds) => validateReplicatedSpec({ spec: ds.spec }).filter((c) => c.field !== 'spec.replicas'),
  validateUpdate(next, current) {
    if (stableJson(current.spec?.selector) === stableJson(next.spec?.selector)) return [];
    return [{ type: 'FieldValueInvalid', field: 'spec.selector', message: `spec.selector: Invalid value: ${goLabelSelector(next.spec?.selector)}: field is immutable` }];
  },
  afterCreate(ds, ctx) {
    // PrepareForCreate: the template generation the controller stamps on its pods.
    ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), 'deprecated.daemonset.template.generation': String(ds.metadata.generation ?? 1) };
    reconcileDaemonSet(ctx, ds);
  },
  afterUpdate(ds, ctx) {
    ds.metadata.annotations = { ...(ds.metadata.annotations ?? {}), 'deprecated.daemonset.template.generation': String(ds.metadata.generation ?? 1) };
    reconcileDaemonSet(ctx, ds);
  },
  onClock(_now, ctx) {
    for (const ds of ctx.list(daemonSetKind)) reconcileDaemonSet(ctx, ds);
  },
};
