// The RBAC authorizer's semantics. The Covers table is kubernetes' own
// pkg/registry/rbac/validation/policy_comparator_test.go (each case named as there); the
// forbidden and escalation texts are those of apiserver's responsewriters/errors.go
// (forbiddenMessage) and pkg/registry/rbac/validation/rule.go (ConfirmNoEscalation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregatedRules,
  authorize,
  covers,
  escalationError,
  forbiddenMessage,
  impersonatedUser,
  KUBERNETES_ADMIN,
  serviceAccountUser,
  type BindingLike,
  type ClusterRoleLike,
  type PolicyRule,
  type RbacSource,
  type RequestAttributes,
  type RoleLike,
  type UserInfo,
} from '../../server/cluster/rbac/index.js';

const R = (apiGroups: string[] | undefined, verbs: string[], resources?: string[], extra: Partial<PolicyRule> = {}): PolicyRule => ({
  ...(apiGroups ? { apiGroups } : {}),
  verbs,
  ...(resources ? { resources } : {}),
  ...extra,
});
const U = (urls: string[], verbs: string[]): PolicyRule => ({ nonResourceURLs: urls, verbs });

const coverCases: [string, PolicyRule[], PolicyRule[], boolean, PolicyRule[]][] = [
  ['ExactMatch', [R(['v1'], ['get'], ['builds'])], [R(['v1'], ['get'], ['builds'])], true, []],
  ['MultipleRulesCoveringSingleRule', [R(['v1'], ['delete'], ['deployments']), R(['v1'], ['delete'], ['builds']), R(['v1'], ['update'], ['builds', 'deployments'])], [R(['v1'], ['delete', 'update'], ['builds', 'deployments'])], true, []],
  ['MultipleRulesMissingSingleVerbResourceCombination', [R(['v1'], ['delete', 'update'], ['builds', 'deployments']), R(['v1'], ['delete'], ['pods'])], [R(['v1'], ['delete', 'update'], ['builds', 'deployments', 'pods'])], false, [R(['v1'], ['update'], ['pods'])]],
  ['APIGroupStarCoveringMultiple', [R(['*'], ['get'], ['roles'])], [R(['group1', 'group2'], ['get'], ['roles'])], true, []],
  ['EnumerationNotCoveringAPIGroupStar', [R(['dummy-group'], ['get'], ['roles'])], [R(['*'], ['get'], ['roles'])], false, [R(['*'], ['get'], ['roles'])]],
  ['VerbStarCoveringMultiple', [R(['v1'], ['*'], ['roles'])], [R(['v1'], ['watch', 'list'], ['roles'])], true, []],
  ['EnumerationNotCoveringVerbStar', [R(['v1'], ['get', 'list', 'watch', 'create', 'update', 'delete', 'exec'], ['roles'])], [R(['v1'], ['*'], ['roles'])], false, [R(['v1'], ['*'], ['roles'])]],
  ['ResourceStarCoveringMultiple', [R(['v1'], ['get'], ['*'])], [R(['v1'], ['get'], ['resourcegroup:deployments'])], true, []],
  ['EnumerationNotCoveringResourceStar', [R(['v1'], ['get'], ['roles', 'resourcegroup:deployments'])], [R(['v1'], ['get'], ['*'])], false, [R(['v1'], ['get'], ['*'])]],
  ['ResourceNameEmptyCoveringMultiple', [R(['v1'], ['get'], ['pods'], { resourceNames: [] })], [R(['v1'], ['get'], ['pods'], { resourceNames: ['foo', 'bar'] })], true, []],
  ['EnumerationNotCoveringResourceNameEmpty', [R(['v1'], ['get'], ['pods'], { resourceNames: ['foo', 'bar'] })], [R(['v1'], ['get'], ['pods'], { resourceNames: [] })], false, [R(['v1'], ['get'], ['pods'])]],
  ['NonResourceURLs', [U(['/apis'], ['*'])], [U(['/apis'], ['*'])], true, []],
  ['NonResourceURLsStar', [U(['*'], ['*'])], [U(['/apis', '/apis/v1', '/'], ['*'])], true, []],
  ['NonResourceURLsStarAfterPrefixDoesntCover', [U(['/apis/*'], ['*'])], [U(['/apis', '/apis/v1'], ['get'])], false, [U(['/apis'], ['get'])]],
  ['NonResourceURLsStarAfterPrefix', [U(['/apis/*'], ['*'])], [U(['/apis/v1/foo', '/apis/v1'], ['get'])], true, []],
  ['NonResourceURLsWithOtherFieldsFailure', [R(['v1'], ['get'], ['builds'])], [R(['v1'], ['get'], ['builds'], { nonResourceURLs: ['/apis'] })], false, [U(['/apis'], ['get'])]],
];

for (const [name, owner, servant, covered, missing] of coverCases) {
  test(`Covers: ${name} (policy_comparator_test.go)`, () => {
    const r = covers(owner, servant);
    assert.equal(r.covered, covered);
    assert.deepEqual(r.missing, missing);
  });
}

/** A tiny RBAC world: roles and bindings as a cluster would list them. */
function source(roles: RoleLike[], clusterRoles: ClusterRoleLike[], bindings: BindingLike[], clusterBindings: BindingLike[]): RbacSource {
  return {
    role: (ns, name) => roles.find((r) => r.metadata.namespace === ns && r.metadata.name === name),
    clusterRole: (name) => clusterRoles.find((r) => r.metadata.name === name),
    roleBindings: (ns) => bindings.filter((b) => b.metadata.namespace === ns),
    clusterRoleBindings: () => clusterBindings,
  };
}
const jane: UserInfo = { name: 'jane', groups: ['dev', 'system:authenticated'] };
const get = (user: UserInfo, verb: string, resource: string, namespace?: string, extra: Partial<Extract<RequestAttributes, { resourceRequest: true }>> = {}): RequestAttributes => ({
  user,
  verb,
  resourceRequest: true,
  apiGroup: '',
  resource,
  ...(namespace ? { namespace } : {}),
  ...extra,
});

const world = source(
  [
    { metadata: { name: 'pod-reader', namespace: 'dev' }, rules: [R([''], ['get', 'list'], ['pods'])] },
    { metadata: { name: 'log-reader', namespace: 'dev' }, rules: [R([''], ['get'], ['pods/log'])] },
    { metadata: { name: 'one-cm', namespace: 'dev' }, rules: [R([''], ['get', 'update'], ['configmaps'], { resourceNames: ['app-config'] })] },
  ],
  [
    { metadata: { name: 'scaler' }, rules: [R(['apps'], ['update', 'patch'], ['*/scale'])] },
    { metadata: { name: 'node-reader' }, rules: [R([''], ['get', 'list', 'watch'], ['nodes'])] },
  ],
  [
    { metadata: { name: 'jane-pods', namespace: 'dev' }, subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' } },
    { metadata: { name: 'devs-logs', namespace: 'dev' }, subjects: [{ kind: 'Group', name: 'dev', apiGroup: 'rbac.authorization.k8s.io' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'log-reader' } },
    { metadata: { name: 'sa-cm', namespace: 'dev' }, subjects: [{ kind: 'ServiceAccount', name: 'app' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'one-cm' } },
    { metadata: { name: 'scaler', namespace: 'dev' }, subjects: [{ kind: 'User', name: 'jane' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'scaler' } },
    { metadata: { name: 'broken', namespace: 'prod' }, subjects: [{ kind: 'User', name: 'jane' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reeder' } },
  ],
  [{ metadata: { name: 'ops-nodes' }, subjects: [{ kind: 'Group', name: 'ops' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-reader' } }],
);

test('a Role bound to a user allows its verbs in its namespace only, and says by which binding', () => {
  const d = authorize(world, get(jane, 'list', 'pods', 'dev'));
  assert.equal(d.allowed, true);
  assert.equal(d.reason, 'RBAC: allowed by RoleBinding "jane-pods/dev" of Role "pod-reader" to User "jane"');
  assert.equal(authorize(world, get(jane, 'delete', 'pods', 'dev')).allowed, false);
  assert.equal(authorize(world, get(jane, 'list', 'pods', 'default')).allowed, false);
  assert.equal(authorize(world, get(jane, 'list', 'pods')).allowed, false, 'a RoleBinding grants nothing cluster-wide');
});

test('subresources: pods/log is not pods, and */scale matches any resource scale', () => {
  assert.equal(authorize(world, get(jane, 'get', 'pods', 'dev', { subresource: 'log' })).allowed, true);
  assert.equal(authorize(world, get({ name: 'bob', groups: ['system:authenticated'] }, 'get', 'pods', 'dev', { subresource: 'log' })).allowed, false);
  assert.equal(authorize(world, get(jane, 'patch', 'deployments', 'dev', { apiGroup: 'apps', subresource: 'scale' })).allowed, true);
  assert.equal(authorize(world, get(jane, 'patch', 'deployments', 'dev', { apiGroup: 'apps' })).allowed, false);
  assert.equal(authorize(world, get(jane, 'patch', 'deployments', 'prod', { apiGroup: 'apps', subresource: 'scale' })).allowed, false, 'a ClusterRole bound by a RoleBinding stays in that namespace');
});

test('resourceNames limit a rule to the named objects', () => {
  const sa = serviceAccountUser('dev', 'app');
  assert.equal(authorize(world, get(sa, 'get', 'configmaps', 'dev', { name: 'app-config' })).allowed, true);
  assert.equal(authorize(world, get(sa, 'get', 'configmaps', 'dev', { name: 'other' })).allowed, false);
  assert.equal(authorize(world, get(sa, 'list', 'configmaps', 'dev')).allowed, false, 'list carries no name');
});

test('a ServiceAccount subject without a namespace is the binding namespace\'s account', () => {
  assert.equal(authorize(world, get(serviceAccountUser('prod', 'app'), 'get', 'configmaps', 'dev', { name: 'app-config' })).allowed, false);
  assert.equal(authorize(world, get(serviceAccountUser('dev', 'app'), 'get', 'configmaps', 'dev', { name: 'app-config' })).reason,
    'RBAC: allowed by RoleBinding "sa-cm/dev" of Role "one-cm" to ServiceAccount "app/dev"');
});

test('groups: a ClusterRoleBinding to a group applies everywhere; system:masters bypasses RBAC', () => {
  const ops: UserInfo = { name: 'kim', groups: ['ops', 'system:authenticated'] };
  assert.equal(authorize(world, get(ops, 'watch', 'nodes')).allowed, true);
  assert.equal(authorize(world, get({ name: 'x', groups: ['system:masters'] }, 'delete', 'nodes')).allowed, true);
  assert.equal(authorize(world, get(KUBERNETES_ADMIN, 'delete', 'nodes')).allowed, false, 'kubeadm:cluster-admins needs its binding');
});

test('forbidden texts as the API server writes them, with RBAC resolution errors', () => {
  const req = get(jane, 'list', 'pods', 'prod');
  const d = authorize(world, req);
  assert.equal(d.allowed, false);
  assert.equal(d.reason, 'RBAC: role.rbac.authorization.k8s.io "pod-reeder" not found');
  assert.equal(
    forbiddenMessage(req, d.reason),
    'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "prod": RBAC: role.rbac.authorization.k8s.io "pod-reeder" not found',
  );
  assert.equal(
    forbiddenMessage(get(jane, 'delete', 'deployments', 'dev', { apiGroup: 'apps', name: 'web' }), ''),
    'deployments.apps "web" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "dev"',
  );
  assert.equal(forbiddenMessage(get(jane, 'list', 'nodes'), ''), 'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope');
  assert.equal(forbiddenMessage(get(jane, 'get', 'pods', 'dev', { subresource: 'exec', name: 'p' }), ''), 'pods "p" is forbidden: User "jane" cannot get resource "pods/exec" in API group "" in the namespace "dev"');
  assert.equal(forbiddenMessage({ user: jane, verb: 'get', resourceRequest: false, path: '/healthz' }, ''), 'forbidden: User "jane" cannot get path "/healthz"');
});

test('escalation: a user may grant only what they hold, and the error lists what is missing', () => {
  assert.equal(escalationError(world, jane, 'dev', [R([''], ['get'], ['pods'])]), undefined);
  assert.equal(
    escalationError(world, jane, 'dev', [R([''], ['get', 'list', 'delete'], ['pods', 'secrets'])]),
    'user "jane" (groups=["dev" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
      '{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}\n' +
      '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list" "delete"]}',
  );
  assert.equal(escalationError(world, { name: 'root', groups: ['system:masters'] }, 'dev', [R(['*'], ['*'], ['*'])]), undefined);
});

test('aggregation: matching ClusterRoles contribute their distinct rules, by name', () => {
  const view: ClusterRoleLike = { metadata: { name: 'view' }, aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }] }, rules: [R(['x'], ['stale'], ['y'])] };
  const b: ClusterRoleLike = { metadata: { name: 'b-crd', labels: { 'rbac.example.com/aggregate-to-view': 'true' } }, rules: [R(['stable.example.com'], ['get'], ['crontabs']), R([''], ['get'], ['pods'])] };
  const a: ClusterRoleLike = { metadata: { name: 'a-core', labels: { 'rbac.example.com/aggregate-to-view': 'true' } }, rules: [R([''], ['get'], ['pods'])] };
  const other: ClusterRoleLike = { metadata: { name: 'other' }, rules: [R([''], ['*'], ['*'])] };
  assert.deepEqual(aggregatedRules(view, [view, b, a, other]), [R([''], ['get'], ['pods']), R(['stable.example.com'], ['get'], ['crontabs'])]);
  assert.equal(aggregatedRules(other, [view, b, a, other]), undefined);
});

test('impersonation adds system:authenticated, and a ServiceAccount name its groups', () => {
  assert.deepEqual(impersonatedUser('jane', []), { name: 'jane', groups: ['system:authenticated'] });
  assert.deepEqual(impersonatedUser('jane', ['dev']), { name: 'jane', groups: ['dev', 'system:authenticated'] });
  assert.deepEqual(impersonatedUser('system:serviceaccount:dev:app', []), {
    name: 'system:serviceaccount:dev:app',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:dev', 'system:authenticated'],
  });
  assert.deepEqual(impersonatedUser('system:anonymous', []), { name: 'system:anonymous', groups: ['system:unauthenticated'] });
});

test('the bootstrap policy: view, edit and admin aggregate, and kubeadm binds its admins to cluster-admin', async () => {
  const { bootstrapPolicy } = await import('../../server/cluster/rbac/index.js');
  const p = bootstrapPolicy();
  const role = (n: string) => p.clusterRoles.find((r) => r.metadata.name === n)!;
  assert.equal(p.clusterRoles.length, 33, "31 of the bootstrap policy (controller roles aside) and 2 of kubeadm");
  assert.equal(p.clusterRoleBindings.length, 19);
  const src: RbacSource = {
    role: () => undefined,
    clusterRole: (n) => p.clusterRoles.find((r) => r.metadata.name === n),
    roleBindings: () => [],
    clusterRoleBindings: () => p.clusterRoleBindings,
  };
  const adminReq = (verb: string, resource: string, apiGroup = '') => authorize(src, get(KUBERNETES_ADMIN, verb, resource, 'default', { apiGroup }));
  assert.equal(adminReq('delete', 'nodes').reason, 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"');
  // view holds get on pods but not on secrets; edit adds secrets and pod writes; admin adds roles.
  const rules = (n: string) => ({ role: () => undefined, clusterRole: (x: string) => (x === n ? role(n) : undefined), roleBindings: () => [{ metadata: { name: 'b', namespace: 'dev' }, subjects: [{ kind: 'User', name: 'jane' }], roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: n } }], clusterRoleBindings: () => [] }) as RbacSource;
  const can = (n: string, verb: string, resource: string, apiGroup = '') => authorize(rules(n), get(jane, verb, resource, 'dev', { apiGroup })).allowed;
  assert.deepEqual([can('view', 'get', 'pods'), can('view', 'get', 'secrets'), can('view', 'create', 'pods'), can('view', 'list', 'deployments', 'apps')], [true, false, false, true]);
  assert.deepEqual([can('edit', 'get', 'secrets'), can('edit', 'delete', 'pods'), can('edit', 'create', 'roles', 'rbac.authorization.k8s.io')], [true, true, false]);
  assert.deepEqual([can('admin', 'create', 'roles', 'rbac.authorization.k8s.io'), can('admin', 'list', 'pods'), can('admin', 'delete', 'nodes')], [true, true, false]);
  assert.ok(Object.isFrozen(role('view').rules), 'shared by every lab, so frozen');
});
