// The RBAC kinds: validation texts (pkg/apis/rbac/validation/validation.go), roleRef immutability
// (ValidateRoleBindingUpdate) and the aggregation controller filling aggregated ClusterRoles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const apply = (lab: ReturnType<typeof makeLab>['lab'], yaml: string) => lab.run(`kubectl apply -f - <<'EOF'\n${yaml}\nEOF`);

test('a binding refuses a bad roleRef and subjects; roleRef cannot change', () => {
  const { lab } = makeLab();
  const r = apply(
    lab,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: x}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
subjects:
- {kind: Robot, name: r2}`,
  );
  assert.equal(r.exitCode, 1);
  assert.equal(
    r.stderr,
    'The ClusterRoleBinding "x" is invalid: \n* roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"\n* subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"\n',
  );
  assert.equal(lab.run('kubectl create rolebinding b --clusterrole=view --user=jane').exitCode, 0);
  const changed = lab.run(`kubectl get rolebinding b -o yaml | sed 's/name: view/name: edit/' | kubectl replace -f -`);
  assert.equal(changed.stderr, 'The RoleBinding "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef\n');
});

test('a role rule needs verbs; a Role cannot name non-resource URLs', () => {
  const { lab } = makeLab();
  const r = apply(
    lab,
    `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r}
rules:
- {apiGroups: [""], resources: [pods], verbs: []}
- {nonResourceURLs: [/x], verbs: [get]}`,
  );
  assert.equal(
    r.stderr,
    'The Role "r" is invalid: \n* rules[0].verbs: Required value: verbs must contain at least one value\n* rules[1].nonResourceURLs: Invalid value: []string{"/x"}: namespaced rules cannot apply to non-resource URLs\n',
  );
});

test('the aggregation controller fills an aggregated ClusterRole as labelled roles come and go', () => {
  const { lab } = makeLab();
  assert.equal(lab.run('kubectl create clusterrole agg --aggregation-rule=team=a').exitCode, 0);
  assert.equal(lab.run('kubectl create clusterrole pods --verb=get --resource=pods').exitCode, 0);
  assert.equal(lab.run('kubectl get clusterrole agg -o jsonpath={.rules}').stdout.includes('pods'), false);
  assert.equal(lab.run('kubectl label clusterrole pods team=a').exitCode, 0);
  assert.equal(lab.run('kubectl get clusterrole agg -o jsonpath={.rules}').stdout, '[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]');
  assert.equal(lab.run('kubectl create clusterrolebinding b --clusterrole=agg --user=jane').exitCode, 0);
  assert.equal(lab.run('kubectl auth can-i get pods --as jane').stdout, 'yes\n');
  assert.equal(lab.run('kubectl delete clusterrole pods').exitCode, 0);
  assert.equal(lab.run('kubectl get clusterrole agg -o jsonpath={.rules}').stdout.includes('pods'), false);
  assert.equal(lab.run('kubectl auth can-i get pods --as jane').stdout, 'no\n');
});
