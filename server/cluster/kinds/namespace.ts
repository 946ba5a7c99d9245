/** Namespace (core/v1; pkg/registry/core/namespace): the namespace controller and its default ServiceAccount. */
import type { KubeObject, Namespace, ServiceAccount } from '../../api/index.js';
import { applyDefaults } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { StatusError } from '../status-error.js';
import { CLUSTER_NAMESPACES } from '../bootstrap.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export const namespaceKind: KindStrategy<Namespace> = {
  kind: 'Namespace',
  resource: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  group: '',
  version: 'v1',
  namespaced: false,
  // The namespace REST storage has no DeleteCollection.
  verbs: ALL_VERBS.filter((v) => v !== 'deletecollection'),
  categories: [],
  schema: SCHEMAS.Namespace!,
  nameRule: 'label',
  tracksGeneration: false,
  statusRule: 'keepIfOmitted',
  applyDefaults,
  validateDelete(ns) {
    const name = ns.metadata.name ?? '';
    return CLUSTER_NAMESPACES.includes(name) ? StatusError.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`) : undefined;
  },
  afterCreate(ns, ctx) {
    ns.metadata.labels = { ...(ns.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.metadata.name! };
    ns.status ??= { phase: 'Active' };
    // The serviceaccount controller gives every namespace its `default` ServiceAccount.
    const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns.metadata.name } };
    ctx.createChild(ctx.kindOf('ServiceAccount') as KindStrategy<ServiceAccount>, sa as ServiceAccount);
  },
  afterDelete(ns, ctx) {
    // The namespace controller empties it (at once: the lab has no Terminating phase yet).
    for (const k of ctx.kinds) if (k.namespaced) for (const o of ctx.list(k, ns.metadata.name)) ctx.removeQuietly(k, o.metadata.namespace, o.metadata.name!);
  },
};
