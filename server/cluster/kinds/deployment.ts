/** Deployment (apps/v1; pkg/registry/apps/deployment): an immutable selector; owns ReplicaSets (../controllers/workloads.ts). */
import type { Deployment } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { reconcileDeployment } from '../controllers/workloads.js';
import { validateReplicatedSpec } from './replica-set.js';
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
    if (JSON.stringify(current.spec?.selector) === JSON.stringify(next.spec?.selector)) return [];
    const shown = JSON.stringify(next.spec?.selector);
    return [{ type: 'FieldValueInvalid', field: 'spec.selector', message: `spec.selector: Invalid value: ${shown}: field is immutable` }];
  },
  afterCreate: (d, ctx) => reconcileDeployment(ctx, d),
  afterUpdate: (d, ctx) => reconcileDeployment(ctx, d),
};
