// kubectl apply as staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go (1.32) does it: the
// last-applied-configuration of GetModifiedConfiguration (the sent object, namespace filled in,
// `"annotations":{}` left once the annotation itself is removed, encoding/json with a newline),
// warningNoLastAppliedConfigAnnotation for an object made by create, `configured (server dry
// run)`, and no resourceVersion on a server dry-run create (nothing is written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const NP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector: {}
`;

function lab() {
  const { lab } = makeLab();
  lab.run(`cat <<'EOF' > np.yaml\n${NP}EOF`);
  return lab;
}

test('apply stores the last-applied configuration kubectl computes', () => {
  const l = lab();
  assert.equal(l.run('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/np created\n');
  assert.equal(
    l.run(`kubectl get netpol np -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`).stdout,
    '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"np","namespace":"default"},"spec":{"podSelector":{}}}\n',
  );
  assert.equal(l.run('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/np unchanged\n');
});

test('apply over an object made by create warns about the missing annotation, then patches it', () => {
  const l = lab();
  l.run('kubectl create -f np.yaml');
  const r = l.run('kubectl apply -f np.yaml');
  assert.equal(
    r.stderr,
    'Warning: resource networkpolicies/np is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
  );
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/np configured\n');
  assert.equal(l.run('kubectl apply -f np.yaml').stderr, '');
});

test('create --save-config stores the annotation, so a later apply does not warn', () => {
  const l = lab();
  l.run('kubectl create -f np.yaml --save-config');
  const r = l.run('kubectl apply -f np.yaml');
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'networkpolicy.networking.k8s.io/np unchanged\n');
});

test('apply --dry-run=server says configured when it would change the object, and changes nothing', () => {
  const l = lab();
  l.run('kubectl apply -f np.yaml');
  l.run("sed -i 's/podSelector: {}/podSelector: {matchLabels: {a: b}}/' np.yaml");
  const before = l.run('kubectl get netpol np -o yaml').stdout;
  assert.equal(l.run('kubectl apply -f np.yaml --dry-run=server').stdout, 'networkpolicy.networking.k8s.io/np configured (server dry run)\n');
  assert.equal(l.run('kubectl get netpol np -o yaml').stdout, before);
});

test('a server dry-run create has a uid and a timestamp but no resourceVersion', () => {
  const l = lab();
  const y = l.run('kubectl create -f np.yaml --dry-run=server -o yaml').stdout;
  assert.match(y, /\n  uid: /);
  assert.match(y, /\n  creationTimestamp: "/);
  assert.doesNotMatch(y, /resourceVersion/);
});

test('apply --dry-run=client -o yaml prints what apply would send: namespace and annotation included', () => {
  const l = lab();
  assert.equal(
    l.run('kubectl apply -f np.yaml --dry-run=client -o yaml').stdout,
    'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: |\n      {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"np","namespace":"default"},"spec":{"podSelector":{}}}\n  name: np\n  namespace: default\nspec:\n  podSelector: {}\n',
  );
});
