/**
 * Role, ClusterRole, RoleBinding, ClusterRoleBinding (pkg/registry/rbac/<kind>/strategy.go and
 * pkg/apis/rbac/validation/validation.go): the rules and subjects validated, a binding's roleRef
 * immutable, and the cluster role aggregation controller (pkg/controller/clusterroleaggregation)
 * filling every aggregated ClusterRole when a ClusterRole is written.
 */
import type { KubeObject } from '../../api/index.js';
import { aggregatedRules, type ClusterRoleLike, type PolicyRule, type Subject } from '../rbac/index.js';
import type { StatusCause } from '../status-error.js';
import { stableJson } from '../stable-json.js';
import { storedAsGiven, type ControllerContext, type KindStrategy } from './strategy.js';

const GROUP = 'rbac.authorization.k8s.io';

type RoleObject = KubeObject & { rules?: PolicyRule[] | null; aggregationRule?: ClusterRoleLike['aggregationRule'] };
type BindingObject = KubeObject & { roleRef?: { apiGroup?: string; kind?: string; name?: string }; subjects?: Subject[] | null };

const required = (field: string, detail = ''): StatusCause => ({ type: 'FieldValueRequired', field, message: `${field}: Required value${detail ? `: ${detail}` : ''}` });
const unsupported = (field: string, value: string, supported: string[]): StatusCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `${field}: Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
});

/** ValidatePolicyRule. */
function validateRules(rules: readonly PolicyRule[] | null | undefined, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  (rules ?? []).forEach((r, i) => {
    const at = `rules[${i}]`;
    if (!r.verbs?.length) causes.push(required(`${at}.verbs`, 'verbs must contain at least one value'));
    if (r.nonResourceURLs?.length) {
      if (namespaced) causes.push({ type: 'FieldValueInvalid', field: `${at}.nonResourceURLs`, message: `${at}.nonResourceURLs: Invalid value: []string{${r.nonResourceURLs.map((u) => `"${u}"`).join(', ')}}: namespaced rules cannot apply to non-resource URLs` });
      if (r.apiGroups?.length || r.resources?.length || r.resourceNames?.length) {
        causes.push({ type: 'FieldValueInvalid', field: `${at}.nonResourceURLs`, message: `${at}.nonResourceURLs: Invalid value: []string{${r.nonResourceURLs.map((u) => `"${u}"`).join(', ')}}: rules cannot apply to both regular resources and non-resource URLs` });
      }
      return;
    }
    if (!r.apiGroups?.length) causes.push(required(`${at}.apiGroups`, 'resource rules must supply at least one api group'));
    if (!r.resources?.length) causes.push(required(`${at}.resources`, 'resource rules must supply at least one resource'));
  });
  return causes;
}

/** ValidateRoleBindingSubject and the roleRef checks of ValidateRoleBinding / ValidateClusterRoleBinding. */
function validateBinding(b: BindingObject, namespaced: boolean): StatusCause[] {
  const causes: StatusCause[] = [];
  const ref = b.roleRef ?? {};
  if (ref.apiGroup !== GROUP) causes.push(unsupported('roleRef.apiGroup', ref.apiGroup ?? '', [GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind ?? '')) causes.push(unsupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) causes.push(required('roleRef.name'));
  (b.subjects ?? []).forEach((s, i) => {
    const at = `subjects[${i}]`;
    if (!s.name) causes.push(required(`${at}.name`));
    switch (s.kind) {
      case 'ServiceAccount':
        if (s.apiGroup) causes.push(unsupported(`${at}.apiGroup`, s.apiGroup, ['']));
        if (!namespaced && !s.namespace) causes.push(required(`${at}.namespace`));
        break;
      case 'User':
      case 'Group':
        if (s.apiGroup !== GROUP) causes.push(unsupported(`${at}.apiGroup`, s.apiGroup ?? '', [GROUP]));
        break;
      default:
        causes.push(unsupported(`${at}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
    }
  });
  return causes;
}

/** ValidateRoleBindingUpdate: `cannot change roleRef`, the new roleRef printed as Go's %#v of rbac.RoleRef. */
function roleRefImmutable(next: BindingObject, current: BindingObject): StatusCause[] {
  if (stableJson(next.roleRef ?? {}) === stableJson(current.roleRef ?? {})) return [];
  const r = next.roleRef ?? {};
  const shown = `rbac.RoleRef{APIGroup:"${r.apiGroup ?? ''}", Kind:"${r.kind ?? ''}", Name:"${r.name ?? ''}"}`;
  return [{ type: 'FieldValueInvalid', field: 'roleRef', message: `roleRef: Invalid value: ${shown}: cannot change roleRef` }];
}

/** The aggregation controller: every aggregated ClusterRole holds the rules its selectors pick. */
function aggregateAll(ctx: ControllerContext): void {
  const all = ctx.list(clusterRoleKind);
  for (let round = 0, changed = true; changed && round < 5; round++) {
    changed = false;
    for (const role of all) {
      const rules = aggregatedRules(role as ClusterRoleLike, all as ClusterRoleLike[]);
      if (!rules || stableJson(rules) === stableJson(role.rules ?? [])) continue;
      role.rules = rules;
      ctx.touch(role);
      changed = true;
    }
  }
}

export const roleKind: KindStrategy<RoleObject> = {
  ...storedAsGiven<RoleObject>({ kind: 'Role', resource: 'roles', group: GROUP, version: 'v1', namespaced: true }),
  validate: (r) => validateRules(r.rules, true),
};

export const clusterRoleKind: KindStrategy<RoleObject> = {
  ...storedAsGiven<RoleObject>({ kind: 'ClusterRole', resource: 'clusterroles', group: GROUP, version: 'v1', namespaced: false }),
  validate: (r) => validateRules(r.rules, false),
  afterCreate: (_r, ctx) => aggregateAll(ctx),
  afterUpdate: (_r, ctx) => aggregateAll(ctx),
  afterDelete: (_r, ctx) => aggregateAll(ctx),
};

export const roleBindingKind: KindStrategy<BindingObject> = {
  ...storedAsGiven<BindingObject>({ kind: 'RoleBinding', resource: 'rolebindings', group: GROUP, version: 'v1', namespaced: true }),
  validate: (b) => validateBinding(b, true),
  validateUpdate: roleRefImmutable,
};

export const clusterRoleBindingKind: KindStrategy<BindingObject> = {
  ...storedAsGiven<BindingObject>({ kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', group: GROUP, version: 'v1', namespaced: false }),
  validate: (b) => validateBinding(b, false),
  validateUpdate: roleRefImmutable,
};
