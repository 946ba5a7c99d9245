/** ServiceAccount (core/v1; pkg/registry/core/serviceaccount). Token Secrets are not created in 1.32. */
import type { ServiceAccount } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const serviceAccountKind: KindStrategy<ServiceAccount> = {
  kind: 'ServiceAccount',
  resource: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  group: '',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: [],
  schema: SCHEMAS.ServiceAccount!,
  nameRule: 'subdomain',
  tracksGeneration: false,
  statusRule: 'keepIfOmitted',
  applyDefaults,
};
