/** NetworkPolicy (networking.k8s.io/v1; pkg/registry/networking/networkpolicy): fully decoded and validated. */
import type { NetworkPolicy } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { validateNetworkPolicySpec } from '../validation.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const networkPolicyKind: KindStrategy<NetworkPolicy> = {
  kind: 'NetworkPolicy',
  resource: 'networkpolicies',
  singular: 'networkpolicy',
  shortNames: ['netpol'],
  group: 'networking.k8s.io',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: [],
  schema: SCHEMAS.NetworkPolicy!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults,
  validate: (np) => validateNetworkPolicySpec((np.spec ?? {}) as unknown as Record<string, unknown>),
};
