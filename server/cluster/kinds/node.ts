/** Node (core/v1; pkg/registry/core/node): written by the bootstrap; a change (cordon, taint, labels) sends Pending pods back to the scheduler. */
import type { Node } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { retryPendingPods } from '../controllers/pods.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const nodeKind: KindStrategy<Node> = {
  kind: 'Node',
  resource: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  group: '',
  version: 'v1',
  namespaced: false,
  verbs: ALL_VERBS,
  categories: [],
  schema: SCHEMAS.Node!,
  nameRule: 'subdomain',
  tracksGeneration: false,
  statusRule: 'keepIfOmitted',
  applyDefaults,
  afterCreate: (_node, ctx) => retryPendingPods(ctx),
  afterUpdate: (_node, ctx) => retryPendingPods(ctx),
};
