/**
 * Who a request runs as. kubeadm 1.32's admin.conf user is kubernetes-admin in the group
 * kubeadm:cluster-admins (bound to cluster-admin; super-admin.conf keeps system:masters), and
 * every authenticated user also carries system:authenticated. A ServiceAccount's user name and
 * groups are those of pkg/serviceaccount/util.go.
 */
import { SERVICE_ACCOUNT_PREFIX, SYSTEM_AUTHENTICATED, type UserInfo } from './types.js';

export const KUBERNETES_ADMIN: UserInfo = { name: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', SYSTEM_AUTHENTICATED] };

/** A ServiceAccount's identity: `system:serviceaccount:ns:name` in its groups. */
export function serviceAccountUser(namespace: string, name: string): UserInfo {
  return {
    name: `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, SYSTEM_AUTHENTICATED],
  };
}

/**
 * The identity impersonation gives (`--as NAME --as-group G`): a ServiceAccount name gets its
 * groups when none are asked for; everyone but system:anonymous also gets system:authenticated
 * (apiserver's endpoints/filters/impersonation.go).
 */
export function impersonatedUser(name: string, groups: readonly string[]): UserInfo {
  if (name.startsWith(SERVICE_ACCOUNT_PREFIX) && groups.length === 0) {
    const [ns, sa] = name.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    if (ns && sa) return serviceAccountUser(ns, sa);
  }
  const all = [...groups];
  if (name === 'system:anonymous') {
    if (!all.includes('system:unauthenticated')) all.push('system:unauthenticated');
  } else if (!all.includes(SYSTEM_AUTHENTICATED) && !all.includes('system:unauthenticated')) all.push(SYSTEM_AUTHENTICATED);
  return { name, groups: all };
}
