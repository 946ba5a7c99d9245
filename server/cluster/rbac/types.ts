/**
 * The rbac.authorization.k8s.io/v1 shapes the authorizer reads, and the request it decides on
 * (apiserver's authorizer.Attributes). Field names are the API's.
 */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: 'Role' | 'ClusterRole' | string;
  name: string;
}

export interface RoleLike {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string> };
  rules?: PolicyRule[] | null;
}

export interface ClusterRoleLike extends RoleLike {
  aggregationRule?: { clusterRoleSelectors?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] };
}

export interface BindingLike {
  metadata: { name?: string; namespace?: string };
  subjects?: Subject[] | null;
  roleRef: RoleRef;
}

/** Who is asking: user.Info. */
export interface UserInfo {
  name: string;
  groups: readonly string[];
}

/** What is asked: a resource request (verb on group/resource[/subresource] [name] [in namespace]) or a non-resource path. */
export type RequestAttributes =
  | {
      user: UserInfo;
      verb: string;
      resourceRequest: true;
      apiGroup: string;
      resource: string;
      subresource?: string;
      name?: string;
      namespace?: string;
    }
  | { user: UserInfo; verb: string; resourceRequest: false; path: string };

/** Where the authorizer reads roles and bindings (the cluster, or a test's lists). */
export interface RbacSource {
  role(namespace: string, name: string): RoleLike | undefined;
  clusterRole(name: string): ClusterRoleLike | undefined;
  roleBindings(namespace: string): readonly BindingLike[];
  clusterRoleBindings(): readonly BindingLike[];
}

export const SYSTEM_MASTERS = 'system:masters';
export const SYSTEM_AUTHENTICATED = 'system:authenticated';
export const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';
