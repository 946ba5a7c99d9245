/**
 * The authorizer's view of one lab: the RBAC objects stored in its cluster over the bootstrap
 * policy every kubeadm cluster starts with (shared by all labs, parsed once and frozen; a stored
 * object of the same name takes its place). The index is rebuilt only when the cluster's revision
 * moves, so a decision is a few map lookups and a walk over the bindings.
 */
import { err } from '../core/index.js';
import type { KubeObject, ResourceType } from '../api/index.js';
import type { ClusterApi, WriteOptions } from './api.js';
import { kindFor, resolveResourceType } from './kinds/index.js';
import { StatusError } from './status-error.js';
import {
  aggregatedRules,
  authorize,
  bootstrapPolicy,
  escalationError,
  forbiddenMessage,
  type BindingLike,
  type ClusterRoleLike,
  type Decision,
  type PolicyRule,
  type RbacSource,
  type RequestAttributes,
  type RoleLike,
  type UserInfo,
} from './rbac/index.js';

interface Index {
  revision: number;
  clusterRoles: Map<string, ClusterRoleLike>;
  clusterRoleBindings: BindingLike[];
  roles: Map<string, RoleLike>;
  roleBindings: Map<string, BindingLike[]>;
}

const indexes = new WeakMap<ClusterApi, Index>();
const NO_BINDINGS: readonly BindingLike[] = [];

function type(name: string) {
  return resolveResourceType(`${name}.rbac.authorization.k8s.io`)!;
}

function buildIndex(cluster: ClusterApi): Index {
  const policy = bootstrapPolicy();
  const clusterRoles = new Map<string, ClusterRoleLike>();
  for (const r of policy.clusterRoles) clusterRoles.set(r.metadata.name!, r);
  for (const r of cluster.list(type('clusterroles')) as unknown as ClusterRoleLike[]) clusterRoles.set(r.metadata.name!, r);
  aggregate(clusterRoles);
  const bindings = new Map<string, BindingLike>();
  for (const b of policy.clusterRoleBindings) bindings.set(b.metadata.name!, b);
  for (const b of cluster.list(type('clusterrolebindings')) as unknown as BindingLike[]) bindings.set(b.metadata.name!, b);
  const roles = new Map<string, RoleLike>();
  for (const r of cluster.list(type('roles')) as unknown as RoleLike[]) roles.set(`${r.metadata.namespace}/${r.metadata.name}`, r);
  const roleBindings = new Map<string, BindingLike[]>();
  for (const b of cluster.list(type('rolebindings')) as unknown as BindingLike[]) {
    const ns = b.metadata.namespace ?? '';
    const list = roleBindings.get(ns) ?? [];
    list.push(b);
    roleBindings.set(ns, list);
  }
  return { revision: cluster.revision, clusterRoles, clusterRoleBindings: [...bindings.values()], roles, roleBindings };
}

/**
 * The aggregation controller's result, read-time: a ClusterRole with an aggregationRule holds the
 * rules of every ClusterRole its selectors match (admin ⊇ edit ⊇ view, so a few rounds).
 */
function aggregate(roles: Map<string, ClusterRoleLike>): void {
  const aggregated = [...roles.values()].filter((r) => r.aggregationRule);
  if (aggregated.length === 0) return;
  for (let round = 0, changed = true; changed && round < 5; round++) {
    changed = false;
    const all = [...roles.values()];
    for (const r of aggregated) {
      const current = roles.get(r.metadata.name!)!;
      const rules = aggregatedRules(current, all);
      if (rules && JSON.stringify(rules) !== JSON.stringify(current.rules ?? [])) {
        roles.set(r.metadata.name!, { ...current, rules });
        changed = true;
      }
    }
  }
}

/** The RBAC objects of a lab, as the authorizer reads them. */
export function rbacSourceOf(cluster: ClusterApi): RbacSource {
  let index = indexes.get(cluster);
  if (!index || index.revision !== cluster.revision) {
    index = buildIndex(cluster);
    indexes.set(cluster, index);
  }
  const i = index;
  return {
    role: (namespace, name) => i.roles.get(`${namespace}/${name}`),
    clusterRole: (name) => i.clusterRoles.get(name),
    roleBindings: (namespace) => i.roleBindings.get(namespace) ?? NO_BINDINGS,
    clusterRoleBindings: () => i.clusterRoleBindings,
  };
}

/** The API server's decision on one request in this lab. */
export function authorizeIn(cluster: ClusterApi, req: RequestAttributes): Decision {
  return authorize(rbacSourceOf(cluster), req);
}

/** A read the identity may not make: kubectl prints it as the API server's Forbidden error. */
export class ForbiddenRead {
  constructor(readonly status: StatusError) {}
}

function groupOf(type: ResourceType): string {
  return type.group;
}

function resourceRequest(user: UserInfo, verb: string, type: ResourceType, namespace: string | undefined, name?: string): RequestAttributes {
  return {
    user,
    verb,
    resourceRequest: true,
    apiGroup: groupOf(type),
    resource: type.resource,
    ...(type.namespaced && namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

function forbidden(cluster: ClusterApi, req: RequestAttributes): StatusError | undefined {
  const d = authorizeIn(cluster, req);
  return d.allowed ? undefined : StatusError.forbidden(forbiddenMessage(req, d.reason));
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * The RBAC registry's escalation checks (pkg/registry/rbac/{role,clusterrole,rolebinding,
 * clusterrolebinding}/policybased): writing a role needs `escalate` on it or every rule it grants;
 * writing a binding needs `bind` on the role it references or every rule of that role.
 */
function escalation(cluster: ClusterApi, user: UserInfo, obj: KubeObject): StatusError | undefined {
  const [group] = (obj.apiVersion ?? '').split('/');
  if (group !== RBAC_GROUP) return undefined;
  const kind = obj.kind;
  const ns = obj.metadata?.namespace ?? '';
  const name = obj.metadata?.name ?? '';
  const src = rbacSourceOf(cluster);
  const resource = `${kind.toLowerCase()}s`;
  const head = `${resource}.${RBAC_GROUP} "${name}" is forbidden: `;
  if (kind === 'Role' || kind === 'ClusterRole') {
    const esc = authorizeIn(cluster, { user, verb: 'escalate', resourceRequest: true, apiGroup: RBAC_GROUP, resource, name, ...(kind === 'Role' ? { namespace: ns } : {}) });
    if (esc.allowed) return undefined;
    const msg = escalationError(src, user, kind === 'Role' ? ns : '', ((obj as unknown as RoleLike).rules ?? []) as PolicyRule[]);
    return msg ? StatusError.forbidden(head + msg) : undefined;
  }
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    const ref = (obj as unknown as BindingLike).roleRef;
    if (!ref) return undefined;
    const refResource = ref.kind === 'Role' ? 'roles' : 'clusterroles';
    const bind = authorizeIn(cluster, { user, verb: 'bind', resourceRequest: true, apiGroup: RBAC_GROUP, resource: refResource, name: ref.name, ...(ref.kind === 'Role' ? { namespace: ns } : {}) });
    if (bind.allowed) return undefined;
    const role = ref.kind === 'Role' ? src.role(ns, ref.name) : src.clusterRole(ref.name);
    if (!role) return undefined; // admission reports the missing role
    const msg = escalationError(src, user, kind === 'RoleBinding' ? ns : '', (role.rules ?? []) as PolicyRule[]);
    return msg ? StatusError.forbidden(head + msg) : undefined;
  }
  return undefined;
}

/** The type of a written object, for its authorization attributes. */
function typeOf(raw: unknown): ResourceType | undefined {
  const o = raw as Partial<KubeObject> | undefined;
  if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return undefined;
  return kindFor(o.apiVersion, o.kind);
}

/**
 * The cluster as `user` sees it through the API server's authorization filter: every read and
 * write is decided by the RBAC authorizer first. A refused write returns the Forbidden error; a
 * refused read throws ForbiddenRead, which kubectl turns into its error line.
 */
export function asUser(cluster: ClusterApi, user: UserInfo): ClusterApi {
  const deny = (req: RequestAttributes) => forbidden(cluster, req);
  return {
    get clock() {
      return cluster.clock;
    },
    get revision() {
      return cluster.revision;
    },
    get externalHosts() {
      return cluster.externalHosts;
    },
    get appResponses() {
      return cluster.appResponses;
    },
    get(type, namespace, name) {
      const e = deny(resourceRequest(user, 'get', type, namespace, name));
      if (e) throw new ForbiddenRead(e);
      return cluster.get(type, namespace, name);
    },
    list(type, namespace) {
      const e = deny(resourceRequest(user, 'list', type, namespace));
      if (e) throw new ForbiddenRead(e);
      return cluster.list(type, namespace);
    },
    create(raw, opts) {
      const t = typeOf(raw);
      if (t) {
        const o = raw as KubeObject;
        const e = deny(resourceRequest(user, 'create', t, o.metadata?.namespace ?? opts?.namespace)) ?? escalation(cluster, user, withNamespace(o, t, opts));
        if (e) return err(e);
      }
      return cluster.create(raw, opts);
    },
    update(raw, opts) {
      const t = typeOf(raw);
      if (t) {
        const o = raw as KubeObject;
        const e = deny(resourceRequest(user, 'update', t, o.metadata?.namespace ?? opts?.namespace, o.metadata?.name)) ?? escalation(cluster, user, withNamespace(o, t, opts));
        if (e) return err(e);
      }
      return cluster.update(raw, opts);
    },
    delete(type, namespace, name, opts) {
      const e = deny(resourceRequest(user, 'delete', type, namespace, name));
      if (e) return err(e);
      return cluster.delete(type, namespace, name, opts);
    },
    createToken(namespace, name, spec) {
      // POST serviceaccounts/NAME/token: `create` on the token subresource.
      const e = deny({ user, verb: 'create', resourceRequest: true, apiGroup: '', resource: 'serviceaccounts', subresource: 'token', namespace, name });
      if (e) return err(e);
      return cluster.createToken(namespace, name, spec);
    },
    ...(cluster.podLogs
      ? {
          podLogs(namespace: string, pod: string, container: string, previous: boolean) {
            const req: RequestAttributes = { user, verb: 'get', resourceRequest: true, apiGroup: '', resource: 'pods', subresource: 'log', namespace, name: pod };
            const e = deny(req);
            if (e) throw new ForbiddenRead(e);
            return cluster.podLogs!(namespace, pod, container, previous);
          },
        }
      : {}),
  };
}

function withNamespace(o: KubeObject, t: ResourceType, opts: WriteOptions | undefined): KubeObject {
  if (!t.namespaced || o.metadata?.namespace) return o;
  return { ...o, metadata: { ...o.metadata, namespace: opts?.namespace ?? 'default' } };
}
