// describe details from staging/src/k8s.io/kubectl/pkg/describe/describe.go and
// pkg/cmd/describe/describe.go (1.32): the endPort range line, how several objects are
// separated (Run: "\n\n" between; DescribeMatchingResources: "%s\n" after each prefix match),
// Selector <none> (labels.FormatLabels), the kubernetes Service's endpoint, kubeadm's taint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const NP = (name: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - ports:
    - port: 32000
      endPort: 32768
${extra}`;

test('an endPort prints as To Port Range', () => {
  const { lab } = makeLab();
  lab.run(`cat <<'EOF' > np.yaml\n${NP('pay')}EOF`);
  lab.run('kubectl create -f np.yaml');
  assert.match(lab.run('kubectl describe netpol pay').stdout, /\n    To Port Range: 32000-32768\/TCP\n    To: <any> \(traffic not restricted by destination\)\n/);
});

test('describe by name prefix prints each match followed by a newline; a whole kind separates with a blank line', () => {
  const { lab } = makeLab();
  for (const n of ['pay-a', 'pay-b']) {
    lab.run(`cat <<'EOF' > np.yaml\n${NP(n)}EOF`);
    lab.run('kubectl create -f np.yaml');
  }
  const a = lab.run('kubectl describe netpol pay-a').stdout;
  const b = lab.run('kubectl describe netpol pay-b').stdout;
  assert.equal(lab.run('kubectl describe netpol pay').stdout, `${a}\n${b}\n`);
  assert.equal(lab.run('kubectl describe netpol').stdout, `${a}\n\n${b}`);
  assert.equal(lab.run('kubectl describe netpol pay-a pay-b').stdout, `${a}\n\n${b}`);
  const miss = lab.run('kubectl describe netpol nope');
  assert.equal(miss.stderr, 'Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found\n');
  assert.equal(lab.run('kubectl describe netpol -A -l x=y').stderr, 'No resources found\n');
});

test('describe svc kubernetes: no selector, the API server as its endpoint', () => {
  const { lab } = makeLab();
  const out = lab.run('kubectl describe svc kubernetes').stdout;
  assert.match(out, /\nSelector:                 <none>\n/);
  assert.match(out, /\nEndpoints:                192\.168\.0\.2:6443\n/);
  assert.match(lab.run('kubectl get ep kubernetes').stdout, /^NAME         ENDPOINTS          AGE\nkubernetes   192\.168\.0\.2:6443   0s\n$/);
});

test('a cluster with workers keeps kubeadm\'s control-plane taint', () => {
  const { lab } = makeLab({ setup: { workers: ['node01'] } });
  assert.match(lab.run('kubectl describe node controlplane').stdout, /\nTaints:             node-role\.kubernetes\.io\/control-plane:NoSchedule\n/);
  assert.match(lab.run('kubectl describe node node01').stdout, /\nTaints:             <none>\n/);
});

test('get ep lists each port with every address, as formatEndpoints does', () => {
  const { lab } = makeLab();
  assert.match(lab.run('kubectl get ep -n kube-system kube-dns').stdout, /kube-dns   (10\.244\.0\.\d+):53,(?!\1)10\.244\.0\.\d+:53,\1:53 \+ 3 more\.\.\./);
});
