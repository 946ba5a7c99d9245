// What the API server decides, framed as kubectl prints it. Messages from
// pkg/apis/networking/validation/validation.go (1.32), the strict decoder of
// apimachinery's serializer, and kubectl's cmdutil.CheckErr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

function createFrom(yaml: string) {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  lab.run(`cat <<'EOF' > np.yaml\n${yaml}EOF`);
  const before = lab.cluster.revision;
  const r = lab.run('kubectl create -f np.yaml');
  return { r, changed: lab.cluster.revision !== before };
}

test('a lower-case protocol is an Unsupported value', () => {
  const { r, changed } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  ingress:
  - ports:
    - protocol: tcp
      port: 80
`);
  assert.equal(r.stderr, 'The NetworkPolicy "x" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"\n');
  assert.equal(r.exitCode, 1);
  assert.equal(changed, false);
});

test('a misspelt field is a strict decoding error', () => {
  const { r, changed } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  ingress:
  - from:
    - podselector:
        matchLabels:
          name: internal
`);
  assert.equal(
    r.stderr,
    'Error from server (BadRequest): error when creating "np.yaml": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.ingress[0].from[0].podselector"\n',
  );
  assert.equal(changed, false);
});

test('ports indented under from is an unknown field of the peer', () => {
  const { r } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {}
      ports:
      - port: 80
`);
  assert.match(r.stderr, /strict decoding error: unknown field "spec\.ingress\[0\]\.from\[0\]\.ports"\n$/);
});

test('a peer that names nothing and several causes are listed as kubectl does', () => {
  const { r } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  policyTypes: [ingress]
  ingress:
  - from:
    - {}
`);
  assert.equal(
    r.stderr,
    'The NetworkPolicy "x" is invalid: \n* spec.ingress[0].from[0]: Required value: must specify a peer\n* spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"\n',
  );
});

test('policyTypes default to Ingress, plus Egress when egress rules exist; protocol defaults to TCP', () => {
  const { lab } = makeLab();
  lab.run(`cat <<'EOF' > np.yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  egress:
  - ports:
    - port: 53
EOF`);
  assert.equal(lab.run('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/x created\n');
  assert.equal(lab.run("kubectl get netpol x -o jsonpath='{.spec.policyTypes}'").stdout, '["Ingress","Egress"]');
  assert.equal(lab.run("kubectl get netpol x -o jsonpath='{.spec.egress[0].ports[0].protocol}'").stdout, 'TCP');
  assert.equal(lab.run('kubectl apply -f np.yaml').stdout, 'networkpolicy.networking.k8s.io/x unchanged\n');
  assert.equal(lab.run('kubectl delete -f np.yaml').stdout, 'networkpolicy.networking.k8s.io "x" deleted\n');
  assert.equal(lab.run('kubectl get netpol').stderr, 'No resources found in default namespace.\n');
});

test('a namespace that does not exist is NotFound', () => {
  const { lab } = makeLab();
  const r = lab.run('kubectl get pods -n nowhere');
  assert.equal(r.stderr, 'No resources found in nowhere namespace.\n');
  lab.run(`cat <<'EOF' > np.yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
  namespace: nowhere
spec:
  podSelector: {}
EOF`);
  assert.equal(lab.run('kubectl create -f np.yaml').stderr, 'Error from server (NotFound): error when creating "np.yaml": namespaces "nowhere" not found\n');
});

test('describe ns prints the namespace describer (no quotas or limit ranges in the lab)', () => {
  const { lab } = makeLab();
  assert.equal(
    lab.run('kubectl describe ns default').stdout,
    'Name:         default\nLabels:       kubernetes.io/metadata.name=default\nAnnotations:  <none>\nStatus:       Active\n\nNo resource quota.\n\nNo LimitRange resource.\n',
  );
  lab.run(`cat > pt.yaml <<'EOF'
apiVersion: v1
kind: PodTemplate
metadata:
  name: t
EOF`);
  lab.run('kubectl apply -f pt.yaml');
  assert.equal(lab.run('kubectl describe podtemplate t').stderr, 'error: describing podtemplates is not available in this lab yet\n');
});
