/**
 * The RBAC objects a kubeadm 1.32 cluster starts with, parsed once per process and shared by
 * every lab (they are the same everywhere; a lab that changes one stores its own copy).
 */
import { parse } from 'yaml';
import { aggregatedRules } from '../aggregation.js';
import type { BindingLike, ClusterRoleLike } from '../types.js';
import { CLUSTER_ROLES_YAML } from './cluster-roles.js';
import { CLUSTER_ROLE_BINDINGS_YAML } from './cluster-role-bindings.js';
import { KUBEADM_CLUSTER_ROLES_YAML, KUBEADM_CLUSTER_ROLE_BINDINGS_YAML } from './kubeadm.js';

export interface BootstrapPolicy {
  clusterRoles: readonly (ClusterRoleLike & { apiVersion: string; kind: 'ClusterRole' })[];
  clusterRoleBindings: readonly (BindingLike & { apiVersion: string; kind: 'ClusterRoleBinding' })[];
}

let cached: BootstrapPolicy | undefined;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** The bootstrap ClusterRoles (aggregated ones filled as the controller fills them) and ClusterRoleBindings, frozen. */
export function bootstrapPolicy(): BootstrapPolicy {
  if (cached) return cached;
  type Role = BootstrapPolicy['clusterRoles'][number];
  type Binding = BootstrapPolicy['clusterRoleBindings'][number];
  const roles = [...(parse(CLUSTER_ROLES_YAML) as Role[]), ...(parse(KUBEADM_CLUSTER_ROLES_YAML) as Role[])];
  // admin aggregates edit, which aggregates view: run the controller until nothing changes.
  for (let changed = true, rounds = 0; changed && rounds < 5; rounds++) {
    changed = false;
    for (const r of roles) {
      const agg = aggregatedRules(r, roles);
      if (agg && JSON.stringify(agg) !== JSON.stringify(r.rules)) {
        r.rules = agg;
        changed = true;
      }
    }
  }
  const bindings = [...(parse(CLUSTER_ROLE_BINDINGS_YAML) as Binding[]), ...(parse(KUBEADM_CLUSTER_ROLE_BINDINGS_YAML) as Binding[])];
  cached = deepFreeze<BootstrapPolicy>({ clusterRoles: roles, clusterRoleBindings: bindings });
  return cached;
}
