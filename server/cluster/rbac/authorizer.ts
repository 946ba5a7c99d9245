/**
 * The RBAC authorizer as kubeadm's API server runs it (`--authorization-mode=Node,RBAC`, with the
 * privileged group system:masters in front): plugin/pkg/auth/authorizer/rbac/rbac.go and
 * pkg/registry/rbac/validation/rule.go (VisitRulesFor, appliesTo, GetRoleReferenceRules), the
 * forbidden text of apiserver's endpoints/handlers/responsewriters/errors.go, and the escalation
 * check of ConfirmNoEscalation. A decision carries the binding that allowed it, or the resolution
 * errors, so the grader can explain it.
 */
import { compactRules, compactString, covers, goQuoteList, ruleAllows } from './rules.js';
import {
  SERVICE_ACCOUNT_PREFIX,
  SYSTEM_MASTERS,
  type BindingLike,
  type PolicyRule,
  type RbacSource,
  type RequestAttributes,
  type Subject,
  type UserInfo,
} from './types.js';

/** Where a rule came from: `ClusterRoleBinding "x" of ClusterRole "y" to User "jane"`. */
export interface RuleSource {
  binding: BindingLike;
  bindingKind: 'ClusterRoleBinding' | 'RoleBinding';
  subject: Subject;
}

export interface Decision {
  allowed: boolean;
  /** rbac.go's reason: `RBAC: allowed by ...` when allowed, `RBAC: <resolution errors>` or '' when not. */
  reason: string;
  /** The binding that allowed it (absent for system:masters and for a denial). */
  source?: RuleSource;
  /** Allowed because the user is in system:masters (the privileged-group authorizer, before RBAC). */
  privileged?: boolean;
}

type Visitor = (source: RuleSource | undefined, rule: PolicyRule | undefined, err: string | undefined) => boolean;

function appliesToUser(user: UserInfo, s: Subject, namespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.name === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || namespace;
      if (!ns) return false;
      return user.name === `${SERVICE_ACCOUNT_PREFIX}${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

/** The rules a role reference grants, or the lister's not-found text. */
function roleRefRules(src: RbacSource, b: BindingLike, namespace: string): { rules: PolicyRule[] } | { error: string } {
  const ref = b.roleRef;
  if (ref.kind === 'Role') {
    const role = src.role(namespace, ref.name);
    return role ? { rules: role.rules ?? [] } : { error: `role.rbac.authorization.k8s.io "${ref.name}" not found` };
  }
  if (ref.kind === 'ClusterRole') {
    const role = src.clusterRole(ref.name);
    return role ? { rules: role.rules ?? [] } : { error: `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found` };
  }
  return { error: `unsupported role reference kind: "${ref.kind}"` };
}

/** VisitRulesFor: ClusterRoleBindings first, then the namespace's RoleBindings; stops when the visitor says so. */
export function visitRulesFor(src: RbacSource, user: UserInfo, namespace: string, visit: Visitor): void {
  const walk = (bindings: readonly BindingLike[], bindingKind: RuleSource['bindingKind'], ns: string): boolean => {
    for (const b of bindings) {
      const subject = (b.subjects ?? []).find((s) => appliesToUser(user, s, ns));
      if (!subject) continue;
      const r = roleRefRules(src, b, ns);
      if ('error' in r) {
        if (!visit(undefined, undefined, r.error)) return false;
        continue;
      }
      for (const rule of r.rules) if (!visit({ binding: b, bindingKind, subject }, rule, undefined)) return false;
    }
    return true;
  };
  if (!walk(src.clusterRoleBindings(), 'ClusterRoleBinding', '')) return;
  if (namespace) walk(src.roleBindings(namespace), 'RoleBinding', namespace);
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/** clusterRoleBindingDescriber / roleBindingDescriber. */
export function describeSource(s: RuleSource): string {
  const b = s.binding;
  const name = s.bindingKind === 'RoleBinding' ? `${b.metadata.name}/${b.metadata.namespace}` : b.metadata.name;
  return `${s.bindingKind} "${name}" of ${b.roleRef.kind} "${b.roleRef.name}" to ${describeSubject(s.subject, b.metadata.namespace ?? '')}`;
}

export function authorize(src: RbacSource, req: RequestAttributes): Decision {
  if (req.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '', privileged: true };
  const namespace = req.resourceRequest ? (req.namespace ?? '') : '';
  let allowedBy: RuleSource | undefined;
  const errors: string[] = [];
  visitRulesFor(src, req.user, namespace, (source, rule, err) => {
    if (rule && source && ruleAllows(req, rule)) {
      allowedBy = source;
      return false;
    }
    if (err) errors.push(err);
    return true;
  });
  if (allowedBy) return { allowed: true, reason: `RBAC: allowed by ${describeSource(allowedBy)}`, source: allowedBy };
  return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' };
}

/** utilerrors.NewAggregate's Error(): one message alone, several as `[a, b]`. */
function aggregate(errs: readonly string[]): string {
  const unique = [...new Set(errs)];
  return unique.length === 1 ? unique[0]! : `[${unique.join(', ')}]`;
}

/** Every rule that applies to the user in a namespace (RulesFor), with the resolution errors. */
export function rulesFor(src: RbacSource, user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(src, user, namespace, (_s, rule, err) => {
    if (rule) rules.push(rule);
    if (err) errors.push(err);
    return true;
  });
  return { rules, errors };
}

/**
 * forbiddenMessage + errors.NewForbidden: `pods is forbidden: User "jane" cannot list resource
 * "pods" in API group "" in the namespace "dev"`, with `pods "web" is forbidden` for a named
 * object and `: <reason>` when the authorizer gave one.
 */
export function forbiddenMessage(req: RequestAttributes, reason: string, groupResource?: string): string {
  const tail = reason ? `: ${reason}` : '';
  if (!req.resourceRequest) return `forbidden: User "${req.user.name}" cannot ${req.verb} path "${req.path}"${tail}`;
  const resource = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const scope = req.namespace ? `in the namespace "${req.namespace}"` : 'at the cluster scope';
  const what = `User "${req.user.name}" cannot ${req.verb} resource "${resource}" in API group "${req.apiGroup}" ${scope}`;
  const gr = groupResource ?? (req.apiGroup ? `${req.resource}.${req.apiGroup}` : req.resource);
  const subject = req.name ? `${gr} "${req.name}"` : gr;
  return `${subject} is forbidden: ${what}${tail}`;
}

/**
 * ConfirmNoEscalation: a user may grant only rules they hold (in that namespace), unless they are
 * in system:masters. Returns the error text without the `<resource> "<name>" is forbidden: ` head.
 */
export function escalationError(src: RbacSource, user: UserInfo, namespace: string, rules: readonly PolicyRule[]): string | undefined {
  if (user.groups.includes(SYSTEM_MASTERS)) return undefined;
  const owner = rulesFor(src, user, namespace);
  const { covered, missing } = covers(owner.rules, rules);
  if (covered) return undefined;
  const lines = [...new Set(compactRules(missing).map(compactString))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let msg = `user "${user.name}" (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${lines.join('\n')}`;
  if (owner.errors.length) msg += `; resolution errors: [${owner.errors.join(' ')}]`;
  return msg;
}
