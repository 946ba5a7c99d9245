// Authorization in the lab (rows sort as kubectl sorts PolicyRule.String(): `[get list]` before `[get]`): kubectl auth can-i / whoami (kubectl 1.32 cmd/auth/cani.go, whoami.go),
// the API server's Forbidden texts (apiserver endpoints/handlers/responsewriters/errors.go), and
// the RBAC registry's escalation check (pkg/registry/rbac/validation ConfirmNoEscalation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

function labWithJane() {
  const { lab } = makeLab();
  for (const c of [
    'kubectl create ns dev',
    'kubectl create role pod-reader --verb=get,list --resource=pods -n dev',
    'kubectl create rolebinding jane-reads --role=pod-reader --user=jane -n dev',
  ]) assert.equal(lab.run(c).exitCode, 0, c);
  return lab;
}

const run = (lab: ReturnType<typeof labWithJane>, line: string) => {
  const r = lab.run(line);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
};

test('auth whoami: the kubeadm admin, or whom --as impersonates', () => {
  const lab = labWithJane();
  assert.deepEqual(run(lab, 'kubectl auth whoami'), {
    stdout: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n',
    stderr: '',
    exitCode: 0,
  });
  assert.equal(run(lab, 'kubectl auth whoami --as jane --as-group devs').stdout, 'ATTRIBUTE   VALUE\nUsername    jane\nGroups      [devs system:authenticated]\n');
  assert.equal(
    run(lab, 'kubectl auth whoami --as=system:serviceaccount:dev:app -o yaml').stdout,
    'apiVersion: authentication.k8s.io/v1\nkind: SelfSubjectReview\nmetadata:\n  creationTimestamp: null\nstatus:\n  userInfo:\n    groups:\n    - system:serviceaccounts\n    - system:serviceaccounts:dev\n    - system:authenticated\n    username: system:serviceaccount:dev:app\n',
  );
  // client-go refuses groups without a user (recorded from kubectl.1.32 --as-group=x auth whoami).
  assert.deepEqual(run(lab, 'kubectl --as-group=x auth whoami'), {
    stdout: '',
    stderr: 'error: requesting uid, groups or user-extra for kubernetes-admin without impersonating a user\n',
    exitCode: 1,
  });
});

test('auth can-i: yes/no with the exit status, namespaces, names, subresources, URLs', () => {
  const lab = labWithJane();
  const cases: [string, string, number][] = [
    ['kubectl auth can-i list pods --as jane -n dev', 'yes\n', 0],
    ['kubectl auth can-i list pods --as jane', 'no\n', 1],
    ['kubectl auth can-i delete pods --as jane -n dev', 'no\n', 1],
    ['kubectl auth can-i get pods/web --as jane -n dev', 'yes\n', 0],
    ['kubectl auth can-i get pods --subresource=log --as jane -n dev', 'no\n', 1],
    ['kubectl auth can-i list pods -A --as jane', 'no\n', 1],
    ['kubectl auth can-i list pods -A', 'yes\n', 0],
    ['kubectl auth can-i get /healthz --as jane', 'yes\n', 0],
    ['kubectl auth can-i get /metrics --as jane', 'no\n', 1],
    ['kubectl auth can-i list po --as=system:serviceaccount:dev:app -n dev', 'no\n', 1],
    ["kubectl auth can-i '*' '*'", 'yes\n', 0],
    ['kubectl auth can-i list pods -q --as jane', '', 1],
  ];
  for (const [line, stdout, exitCode] of cases) assert.deepEqual([line, run(lab, line).stdout, run(lab, line).exitCode], [line, stdout, exitCode]);
});

test('auth can-i: warnings and errors as cani.go prints them', () => {
  const lab = labWithJane();
  assert.deepEqual(run(lab, 'kubectl auth can-i frob foos --as jane'), {
    stdout: 'no\n',
    stderr: "Warning: the server doesn't have a resource type 'foos'\nWarning: verb 'frob' is not a known verb\n",
    exitCode: 1,
  });
  assert.equal(run(lab, 'kubectl auth can-i get nodes -n dev').stderr, "Warning: resource 'nodes' is not namespace scoped\n");
  assert.equal(run(lab, 'kubectl auth can-i get clusterroles').stderr, "Warning: resource 'clusterroles' is not namespace scoped in group 'rbac.authorization.k8s.io'\n");
  assert.equal(run(lab, 'kubectl auth can-i impersonate users').stderr, '');
  // Recorded from kubectl.1.32 against a discovery-only server.
  assert.equal(run(lab, 'kubectl auth can-i get').stderr, "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n");
  assert.equal(run(lab, 'kubectl auth can-i get pods --no-headers').stderr, 'error: --no-headers cannot be set without --list specified\n');
  assert.equal(run(lab, 'kubectl auth can-i --list a').stderr, 'error: list option must be specified with no arguments\n');
  assert.equal(run(lab, 'kubectl auth can-i --list -A').stderr, "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
  assert.equal(run(lab, 'kubectl auth can-i get /x --subresource=log').stderr, 'error: --subresource can not be used with NonResourceURL\n');
});

test('auth can-i --list: the SelfSubjectRulesReview as kubectl compacts and sorts it', () => {
  const lab = labWithJane();
  const discovery = [
    'selfsubjectreviews.authentication.k8s.io        []                  []               [create]',
    'selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]',
    'selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]',
    '                                                [/api/*]            []               [get]',
    '                                                [/api]              []               [get]',
    '                                                [/apis/*]           []               [get]',
    '                                                [/apis]             []               [get]',
    '                                                [/healthz]          []               [get]',
    '                                                [/healthz]          []               [get]',
    '                                                [/livez]            []               [get]',
    '                                                [/livez]            []               [get]',
    '                                                [/openapi/*]        []               [get]',
    '                                                [/openapi]          []               [get]',
    '                                                [/readyz]           []               [get]',
    '                                                [/readyz]           []               [get]',
    '                                                [/version/]         []               [get]',
    '                                                [/version/]         []               [get]',
    '                                                [/version]          []               [get]',
    '                                                [/version]          []               [get]',
  ];
  const header = 'Resources                                       Non-Resource URLs   Resource Names   Verbs';
  assert.equal(run(lab, 'kubectl auth can-i --list --as jane -n dev').stdout, [header, ...discovery.slice(0, 3), 'pods                                            []                  []               [get list]', ...discovery.slice(3), ''].join('\n'));
  assert.equal(run(lab, 'kubectl auth can-i --list --as jane --no-headers').stdout.split('\n')[0], 'selfsubjectreviews.authentication.k8s.io        []             []    [create]');
  const admin = run(lab, 'kubectl auth can-i --list').stdout.split('\n');
  assert.deepEqual(admin.slice(1, 3), ['*.*                                             []                  []               [*]', '                                                [*]                 []               [*]']);
});

test('every request runs as its identity: the API server\'s Forbidden texts', () => {
  const lab = labWithJane();
  assert.deepEqual(run(lab, 'kubectl get pods --as jane'), {
    stdout: '',
    stderr: 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
    exitCode: 1,
  });
  assert.equal(run(lab, 'kubectl get pods --as jane -n dev').stderr, 'No resources found in dev namespace.\n');
  assert.equal(run(lab, 'kubectl get deploy x --as jane -n dev').stderr, 'Error from server (Forbidden): deployments.apps "x" is forbidden: User "jane" cannot get resource "deployments" in API group "apps" in the namespace "dev"\n');
  assert.equal(run(lab, 'kubectl get nodes --as jane').stderr, 'Error from server (Forbidden): nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope\n');
  assert.equal(run(lab, 'kubectl run web --image=nginx --as jane -n dev').stderr, 'Error from server (Forbidden): pods is forbidden: User "jane" cannot create resource "pods" in API group "" in the namespace "dev"\n');
  assert.equal(run(lab, 'kubectl delete role pod-reader --as jane -n dev').stderr, 'Error from server (Forbidden): roles.rbac.authorization.k8s.io "pod-reader" is forbidden: User "jane" cannot delete resource "roles" in API group "rbac.authorization.k8s.io" in the namespace "dev"\n');
  assert.equal(run(lab, 'kubectl get role pod-reader -n dev -o name').stdout, 'role.rbac.authorization.k8s.io/pod-reader\n', 'a refused delete changes nothing');
});

test('escalation: a role or binding may grant only what its writer holds, unless escalate/bind', () => {
  const lab = labWithJane();
  for (const c of ['kubectl create clusterrole rbac-writer --verb=create --resource=roles,rolebindings', 'kubectl create rolebinding jw --clusterrole=rbac-writer --user=jane -n dev']) assert.equal(lab.run(c).exitCode, 0);
  assert.deepEqual(run(lab, "kubectl create role big --verb='*' --resource=pods -n dev --as jane"), {
    stdout: '',
    stderr:
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "big" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["pods"], Verbs:["*"]}\n',
    exitCode: 1,
  });
  assert.equal(run(lab, 'kubectl create role small --verb=list --resource=pods -n dev --as jane').stdout, 'role.rbac.authorization.k8s.io/small created\n');
  assert.equal(run(lab, 'kubectl create rolebinding b --role=pod-reader --user=bob -n dev --as jane').exitCode, 0);
  const r = run(lab, 'kubectl create rolebinding c --clusterrole=edit --user=bob -n dev --as jane');
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /^Error from server \(Forbidden\): rolebindings\.rbac\.authorization\.k8s\.io "c" is forbidden: user "jane" \(groups=\["system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:\n/);
  assert.equal(run(lab, 'kubectl auth can-i list pods --as bob -n dev').stdout, 'yes\n');
});

test('impersonation needs the impersonate verb', () => {
  const lab = labWithJane();
  assert.deepEqual(run(lab, 'kubectl create clusterrolebinding x --clusterrole=view --user=bob --as jane --as bob').exitCode, 1);
  assert.equal(lab.run('kubectl create clusterrolebinding x --clusterrole=view --user=jane').exitCode, 0);
  // jane (view) may not impersonate: kubectl as jane cannot pretend to be bob.
  const { lab: l2 } = makeLab();
  l2.run('kubectl create clusterrole imp --verb=impersonate --resource=users');
  assert.equal(run(l2, 'kubectl auth can-i impersonate users --as jane').stdout, 'no\n');
});
