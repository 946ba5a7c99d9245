/**
 * `can` checks: what an identity may do, decided by the lab's own RBAC authorizer, explained in
 * plain words (which binding allowed it, or that none did). An allowed check also probes around
 * itself — the other verbs on the resource, the same verb on neighbouring resources, the same
 * request in another namespace and cluster-wide — so an over-broad answer (`--verb='*'`,
 * cluster-admin) fails; requests another `can` check of the task allows are not probes.
 */
import {
  authorizeIn,
  describeSource,
  impersonatedUser,
  resolveResourceType,
  SERVICE_ACCOUNT_PREFIX,
  type ClusterApi,
  type Decision,
  type RequestAttributes,
  type UserInfo,
} from '../cluster/index.js';
import type { CanCheck } from '../scenarios/index.js';
import type { CheckResult } from './types.js';

type Result = Omit<CheckResult, 'index'>;

const PROBE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const PROBE_RESOURCES = ['pods', 'secrets', 'configmaps', 'services', 'deployments.apps', 'roles.rbac.authorization.k8s.io', 'rolebindings.rbac.authorization.k8s.io'];
const PROBE_NAMESPACE = 'kube-system';

interface Target {
  group: string;
  resource: string;
  subresource: string;
  namespaced: boolean;
}

/** `deployments.apps`, `pods/log`, `po` → the group, plural and subresource kubectl would ask about. */
export function targetOf(resource: string): Target {
  const [head, sub] = resource.split(/\/(.*)/s) as [string, string | undefined];
  if (head === '*') return { group: '*', resource: '*', subresource: sub ?? '', namespaced: true };
  const t = resolveResourceType(head.toLowerCase());
  if (t) return { group: t.group, resource: t.resource, subresource: sub ?? '', namespaced: t.namespaced };
  const dot = head.indexOf('.');
  return { group: dot >= 0 ? head.slice(dot + 1) : '', resource: dot >= 0 ? head.slice(0, dot) : head, subresource: sub ?? '', namespaced: true };
}

export function userOf(check: Pick<CanCheck, 'as' | 'groups'>): UserInfo {
  return impersonatedUser(check.as, check.groups);
}

function request(user: UserInfo, verb: string, t: Target, namespace: string | undefined, name: string | undefined): RequestAttributes {
  return {
    user,
    verb,
    resourceRequest: true,
    apiGroup: t.group,
    resource: t.resource,
    ...(t.subresource ? { subresource: t.subresource } : {}),
    ...(t.namespaced && namespace ? { namespace } : {}),
    ...(name ? { name } : {}),
  };
}

const key = (r: RequestAttributes) => (r.resourceRequest ? [r.verb, r.apiGroup, r.resource, r.subresource ?? '', r.namespace ?? '', r.name ?? ''].join('|') : r.path);

/** `list pods in dev`, `get deployments.apps "web" in dev`, `list nodes cluster-wide`. */
function phrase(r: RequestAttributes): string {
  if (!r.resourceRequest) return `${r.verb} ${r.path}`;
  const res = `${r.resource}${r.apiGroup ? `.${r.apiGroup}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
  return `${r.verb} ${res}${r.name ? ` "${r.name}"` : ''} ${r.namespace ? `in ${r.namespace}` : 'cluster-wide'}`;
}

function who(user: UserInfo): string {
  if (user.name.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [ns, sa] = user.name.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    return `ServiceAccount ${ns}/${sa}`;
  }
  return user.name;
}

function why(d: Decision, user: UserInfo, r: RequestAttributes): string {
  if (d.privileged) return `${who(user)} is in the group system:masters, which may do anything.`;
  if (d.source) return `Allowed by ${describeSource(d.source)}.`;
  const subject = user.name.startsWith(SERVICE_ACCOUNT_PREFIX) ? who(user) : `User ${user.name}`;
  const groups = user.groups.length ? ` or the groups ${user.groups.join(', ')}` : '';
  const where = r.resourceRequest && r.namespace ? `no RoleBinding in ${r.namespace} and no ClusterRoleBinding` : 'no ClusterRoleBinding';
  const errors = d.reason ? ` (${d.reason})` : '';
  return `${where} grants ${r.verb} on ${r.resourceRequest ? r.resource : r.path} to ${subject}${groups}${errors}.`;
}

/** The requests every allowed `can` check of the task asks for: these are not over-broad. */
export function grantedKeys(checks: readonly CanCheck[]): Set<string> {
  const s = new Set<string>();
  for (const c of checks) if (c.allowed) s.add(key(request(userOf(c), c.verb, targetOf(c.resource), c.namespace, c.name)));
  return s;
}

function probes(c: CanCheck, user: UserInfo, t: Target): RequestAttributes[] {
  const out: RequestAttributes[] = [];
  for (const v of PROBE_VERBS) if (v !== c.verb) out.push(request(user, v, t, c.namespace, c.name));
  for (const res of PROBE_RESOURCES) {
    const other = targetOf(res);
    if (other.resource !== t.resource || other.group !== t.group) out.push(request(user, c.verb, other, c.namespace, undefined));
  }
  if (c.name) out.push(request(user, c.verb, t, c.namespace, undefined));
  if (t.namespaced && c.namespace) {
    if (c.namespace !== PROBE_NAMESPACE) out.push(request(user, c.verb, t, PROBE_NAMESPACE, c.name));
    out.push(request(user, c.verb, t, undefined, c.name));
  }
  return out;
}

export function gradeCan(cluster: ClusterApi, c: CanCheck, granted: ReadonlySet<string>): Result {
  const user = userOf(c);
  const t = targetOf(c.resource);
  const req = request(user, c.verb, t, c.namespace, c.name);
  const d = authorizeIn(cluster, req);
  const title = `${who(user)} ${c.allowed ? 'can' : 'cannot'} ${phrase(req)}`;
  const base = { kind: 'can' as const, title, connections: [] };
  if (d.allowed !== c.allowed) {
    const explanation = d.allowed ? `${who(user)} can ${phrase(req)}, but should not. ${why(d, user, req)}` : `${who(user)} cannot ${phrase(req)}: ${why(d, user, req)}`;
    return { ...base, passed: false, explanation };
  }
  if (c.allowed) {
    for (const p of probes(c, user, t)) {
      if (granted.has(key(p))) continue;
      const pd = authorizeIn(cluster, p);
      if (pd.allowed) {
        return { ...base, passed: false, explanation: `${who(user)} can ${phrase(req)}, but can also ${phrase(p)}: more than the task asks for. ${why(pd, user, p)}` };
      }
    }
    return { ...base, passed: true, explanation: `${who(user)} can ${phrase(req)} and nothing broader around it. ${why(d, user, req)}` };
  }
  return { ...base, passed: true, explanation: `${who(user)} cannot ${phrase(req)}, as expected.` };
}
