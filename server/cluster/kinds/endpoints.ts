/** Endpoints (core/v1; pkg/registry/core/endpoint): kept by the endpoints controller (../controllers/endpoints.ts); a pod not Ready when read is listed under notReadyAddresses. */
import type { Endpoints } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { endpointsAtRead } from '../controllers/kubelet.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const endpointsKind: KindStrategy<Endpoints> = {
  kind: 'Endpoints',
  resource: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  group: '',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: [],
  schema: SCHEMAS.Endpoints!,
  nameRule: 'subdomain',
  tracksGeneration: false,
  statusRule: 'keepIfOmitted',
  applyDefaults,
  atRead: (ep, ctx, revision) => endpointsAtRead(ep, ctx, revision) as Endpoints,
};
