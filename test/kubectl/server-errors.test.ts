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
  assert.equal(r.stderr, 'The NetworkPolicy "x" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"\n');
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
  assert.equal(lab.run('kubectl describe sa default').stderr, 'error: describing serviceaccounts is not available in this lab yet\n');
});

// pkg/apis/networking/validation (1.32): field.Invalid(&spec.PolicyTypes) prints the slice with %#v.
test('three policyTypes are one Invalid value in Go syntax', () => {
  const { r } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress, Ingress]
`);
  assert.equal(r.stderr, 'The NetworkPolicy "x" is invalid: spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes\n');
});

// ValidateNetworkPolicyPort: field.Invalid(portPath.Child("endPort"), *port.EndPort, ...).
test('an endPort below port reports the endPort', () => {
  const { r } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  podSelector: {}
  egress:
  - ports:
    - port: 32000
      endPort: 31000
`);
  assert.equal(r.stderr, 'The NetworkPolicy "x" is invalid: spec.egress[0].ports[0].endPort: Invalid value: 31000: must be greater than or equal to `port`\n');
});

// Core validation lists sets.List(supportedPortProtocols): sorted.
test('a container port protocol lists the supported values sorted', () => {
  const { r } = createFrom(`apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: a
    image: nginx
    ports:
    - containerPort: 80
      protocol: tcp
`);
  assert.equal(r.stderr, 'The Pod "p" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"\n');
});

// kubectl sends the manifest as JSON marshalled from a map (keys sorted), so the strict decoder
// meets and lists unknown fields in that order.
test('unknown fields are listed in the order the decoder meets them', () => {
  const { r } = createFrom(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: x
spec:
  zeta: 1
  podSelector: {}
  alpha: 2
  ingress:
  - fromm: []
`);
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "np.yaml": NetworkPolicy in version "v1" cannot be handled as a NetworkPolicy: strict decoding error: unknown field "spec.alpha", unknown field "spec.ingress[0].fromm", unknown field "spec.zeta"\n');
});

// apps/validation ValidateDeploymentUpdate → ValidateImmutableField(newSelector): the
// *metav1.LabelSelector is printed with %#v.
test('a changed Deployment selector is immutable, shown in Go syntax', () => {
  const { lab } = makeLab();
  lab.run('kubectl create deployment web --image=nginx');
  lab.run("kubectl get deploy web -o yaml | sed 's/app: web$/app: web2/' > d.yaml");
  const r = lab.run('kubectl replace -f d.yaml');
  assert.equal(
    r.stderr,
    'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
  );
});
