// The seed's transcript (../shared/seeds/000_53140d27f0182da5.txt, a real cluster's output),
// replayed character for character; ages follow the lab's clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { INTERNAL_POLICY } from '../helpers/seed.js';



test('get networkpolicies and get netpol print the seed table', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const expected = 'NAME             POD-SELECTOR   AGE\npayroll-policy   name=payroll   18m\n';
  assert.deepEqual(lab.run('kubectl get networkpolicies'), { stdout: expected, stderr: '', exitCode: 0, effects: [] });
  assert.equal(lab.run('kubectl get netpol').stdout, expected);
  assert.equal(lab.run('k get netpol').stdout, expected);
});

test('describe netpol payroll-policy prints the seed text', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  assert.equal(
    lab.run('kubectl describe netpol payroll-policy').stdout,
    `Name:         payroll-policy
Namespace:    default
Created on:   2025-02-04 05:42:30 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     name=payroll
  Allowing ingress traffic:
    To Port: 8080/TCP
    From:
      PodSelector: name=internal
  Not affecting egress traffic
  Policy Types: Ingress
`,
  );
});

test('the learner writes internal-policy with a heredoc, creates it, and get/describe match the seed', () => {
  const { lab, clock } = makeLab({ fixture: 'seed-cluster.yaml' });
  clock.set(Date.parse('2025-02-04T06:53:35Z'));
  assert.equal(lab.run(`cat <<'EOF' > internal-policy.yaml\n${INTERNAL_POLICY}EOF`).exitCode, 0);
  assert.equal(lab.run('cat internal-policy.yaml').stdout, INTERNAL_POLICY);
  assert.deepEqual(lab.run('kubectl create -f internal-policy.yaml'), {
    stdout: 'networkpolicy.networking.k8s.io/internal-policy created\n',
    stderr: '',
    exitCode: 0,
    effects: [],
  });
  clock.advance(5 * 60_000 + 17_000);
  assert.equal(
    lab.run('kubectl get netpol').stdout,
    'NAME              POD-SELECTOR    AGE\ninternal-policy   name=internal   5m17s\npayroll-policy    name=payroll    76m\n',
  );
  assert.equal(
    lab.run('kubectl describe netpol internal-policy').stdout,
    `Name:         internal-policy
Namespace:    default
Created on:   2025-02-04 06:53:35 +0000 UTC
Labels:       <none>
Annotations:  <none>
Spec:
  PodSelector:     name=internal
  Not affecting ingress traffic
  Allowing egress traffic:
    To Port: 8080/TCP
    To:
      PodSelector: name=payroll
    ----------
    To Port: 3306/TCP
    To:
      PodSelector: name=mysql
  Policy Types: Egress
`,
  );
  // Creating it again is refused as the API server does, and changes nothing.
  const before = lab.cluster.revision;
  assert.deepEqual(lab.run('kubectl create -f internal-policy.yaml'), {
    stdout: '',
    stderr: 'Error from server (AlreadyExists): error when creating "internal-policy.yaml": networkpolicies.networking.k8s.io "internal-policy" already exists\n',
    exitCode: 1,
    effects: [],
  });
  assert.equal(lab.cluster.revision, before);
});

test('kubectl exec probes tell the truth before and after internal-policy', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const probe = (from: string, url: string) => lab.run(`kubectl exec ${from} -- wget -qO- -T2 ${url}`);
  assert.equal(probe('internal', 'http://payroll-service:8080').exitCode, 0);
  const denied = probe('external', 'http://payroll-service:8080');
  assert.equal(denied.exitCode, 1);
  assert.equal(denied.stderr, 'wget: download timed out\ncommand terminated with exit code 1\n');
  assert.deepEqual(denied.effects, [{ type: 'wait', ms: 2000 }]);
  lab.run(`cat <<'EOF' > p.yaml\n${INTERNAL_POLICY}EOF`);
  lab.run('kubectl apply -f p.yaml');
  // Without port 53 in its egress, internal can no longer resolve names, though the ClusterIP works.
  const byName = probe('internal', 'http://payroll-service:8080');
  assert.equal(byName.exitCode, 1);
  assert.match(byName.stderr, /^wget: bad address 'payroll-service:8080'\n/);
});
