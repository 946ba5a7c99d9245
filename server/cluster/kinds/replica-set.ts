/** ReplicaSet (apps/v1; pkg/registry/apps/replicaset): owns its pods (../controllers/workloads.ts). */
import { selectorMatches, type LabelSelector, type ReplicaSet } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { validateLabelSelector, validatePodSpec } from '../validation.js';
import type { StatusCause } from '../status-error.js';
import { reconcileReplicaSet } from '../controllers/workloads.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

interface Replicated {
  spec?: { selector?: LabelSelector; replicas?: unknown; template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown } };
}

/** What Deployment and ReplicaSet validate alike: the selector, that it selects the template, the pod spec, replicas. */
export function validateReplicatedSpec(o: Replicated): StatusCause[] {
  const errs: StatusCause[] = [];
  const sel = o.spec?.selector;
  if (!sel) errs.push({ type: 'FieldValueRequired', field: 'spec.selector', message: 'spec.selector: Required value' });
  else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    const labels = o.spec?.template?.metadata?.labels ?? {};
    if (!selectorMatches(sel, labels)) {
      const shown = `map[string]string{${Object.keys(labels).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}`;
      errs.push({
        type: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        message: `spec.template.metadata.labels: Invalid value: ${shown}: \`selector\` does not match template \`labels\``,
      });
    }
  }
  errs.push(...validatePodSpec(o.spec?.template?.spec as Record<string, unknown> | undefined, 'spec.template.spec'));
  const replicas = o.spec?.replicas;
  if (typeof replicas === 'number' && replicas < 0) {
    errs.push({ type: 'FieldValueInvalid', field: 'spec.replicas', message: `spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0` });
  }
  return errs;
}

export const replicaSetKind: KindStrategy<ReplicaSet> = {
  kind: 'ReplicaSet',
  resource: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  group: 'apps',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.ReplicaSet!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults,
  validate: (rs) => validateReplicatedSpec(rs as Replicated),
  afterCreate: (rs, ctx) => reconcileReplicaSet(ctx, rs),
  afterUpdate: (rs, ctx) => reconcileReplicaSet(ctx, rs),
};
