/**
 * Service (core/v1; pkg/registry/core/service): a DNS-1035 name, validated ports, ClusterIP and
 * NodePorts allocated on create and kept on a replace, status owned by the server; its Endpoints
 * follow it and go with it.
 */
import type { Service } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { validateServiceSpec } from '../validation.js';
import { allocateService, keepAllocations } from '../controllers/services.js';
import { reconcileEndpoints } from '../controllers/endpoints.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const serviceKind: KindStrategy<Service> = {
  kind: 'Service',
  resource: 'services',
  singular: 'service',
  shortNames: ['svc'],
  group: '',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.Service!,
  nameRule: 'dns1035',
  tracksGeneration: false,
  statusRule: 'server',
  applyDefaults,
  validate: (svc) => validateServiceSpec(svc.spec as unknown as Record<string, unknown> | undefined),
  prepareForUpdate: (next, current, ctx) => keepAllocations(ctx, next, current),
  afterCreate(svc, ctx) {
    allocateService(ctx, svc);
    reconcileEndpoints(ctx, svc.metadata.namespace!);
  },
  afterUpdate: (svc, ctx) => reconcileEndpoints(ctx, svc.metadata.namespace!),
  afterDelete: (svc, ctx) => ctx.removeQuietly(ctx.kindOf('Endpoints')!, svc.metadata.namespace, svc.metadata.name!),
};
