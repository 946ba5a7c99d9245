/** Deployment (apps/v1; pkg/registry/apps/deployment): an immutable selector; owns ReplicaSets (../controllers/workloads.ts). */
import type { Deployment } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { reconcileDeployment, refreshStalledDeployment } from '../controllers/workloads.js';
import { validateReplicatedSpec } from './replica-set.js';
import { goLabelSelector } from '../validation.js';
import { stableJson } from '../stable-json.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const deploymentKind: KindStrategy<Deployment> = {
  kind: 'Deployment',
  resource: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  group: 'apps',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.Deployment!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults,
  validate: (d) => validateReplicatedSpec(d),
  validateUpdate(next, current) {
    // ValidateImmutableField prints the new *metav1.LabelSelector with %#v.
    if (stableJson(current.spec?.selector) === stableJson(next.spec?.selector)) return [];
    const shown = goLabelSelector(next.spec?.selector);
    return [{ type: 'FieldValueInvalid', field: 'spec.selector', message: `spec.selector: Invalid value: ${shown}: field is immutable` }];
  },
  afterCreate: (d, ctx) => reconcileDeployment(ctx, d),
  afterUpdate: (d, ctx) => reconcileDeployment(ctx, d),
  onClock(_now, ctx) {
    for (const d of ctx.list(deploymentKind)) refreshStalledDeployment(ctx, d);
  },
};
