/**
 * Who a kubectl request runs as: the kubeconfig user of the current context (kubeadm's
 * kubernetes-admin), or whom `--as`/`--as-group` impersonate (client-go's impersonation config;
 * the API server's impersonation filter adds system:authenticated, and a ServiceAccount name its
 * groups). The impersonating user must hold `impersonate` on users/groups/serviceaccounts.
 */
import { asUser, authorizeIn, forbiddenMessage, impersonatedUser, KUBERNETES_ADMIN, SERVICE_ACCOUNT_PREFIX, type RequestAttributes, type ClusterApi, type UserInfo } from '../../cluster/index.js';
import { flag, flagAll, type ParsedArgs } from '../args.js';
import { clientError, rawError, type KubectlError } from '../errors.js';


/** The kubeconfig user of the lab's one context. */
const KUBECONFIG_USER = 'kubernetes-admin';

export function requestUser(p: ParsedArgs, cluster: ClusterApi): { ok: true; value: UserInfo } | { ok: false; error: KubectlError } {
  const as = flag(p, 'as') ?? '';
  const groups = flagAll(p, 'as-group');
  const self = KUBERNETES_ADMIN;
  if (!as) {
    if (groups.length) return { ok: false, error: clientError(`requesting uid, groups or user-extra for ${KUBECONFIG_USER} without impersonating a user`) };
    return { ok: true, value: self };
  }
  // The impersonation filter checks each impersonated attribute in turn.
  const checks: RequestAttributes[] = [];
  if (as.startsWith(SERVICE_ACCOUNT_PREFIX) && as.split(':').length === 4) {
    const [, , ns, name] = as.split(':');
    checks.push({ user: self, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'serviceaccounts', namespace: ns!, name: name! });
  } else checks.push({ user: self, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'users', name: as });
  for (const g of groups) checks.push({ user: self, verb: 'impersonate', resourceRequest: true, apiGroup: '', resource: 'groups', name: g });
  for (const req of checks) {
    const d = authorizeIn(cluster, req);
    if (!d.allowed) return { ok: false, error: rawError(`Error from server (Forbidden): ${forbiddenMessage(req, d.reason)}`) };
  }
  return { ok: true, value: impersonatedUser(as, groups) };
}

/** The cluster as the request's identity sees it (every call authorized), or the impersonation error. */
export function authorizedCluster(p: ParsedArgs, cluster: ClusterApi): { ok: true; value: ClusterApi } | { ok: false; error: KubectlError } {
  const user = requestUser(p, cluster);
  return user.ok ? { ok: true, value: asUser(cluster, user.value) } : user;
}
