// The workload checks: pods per node and a Deployment's rollout, with the words a learner reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { gradePodsPerNode, gradeRollout } from '../../server/grader/workloads.js';

const workers = { workers: ['node01', 'node02'] };

test('podsPerNode counts ready pods on each node and names the nodes that differ', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run(`kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: busybox, command: [sleep, "3600"]}]
EOF`);
  const check = { kind: 'podsPerNode' as const, namespace: 'default', labels: { app: 'agent' }, nodes: undefined, equals: 1 };
  const r = gradePodsPerNode(lab.cluster, check);
  assert.equal(r.passed, false);
  assert.equal(r.title, '1 ready pod with labels app=agent on every node');
  assert.equal(r.explanation, 'controlplane runs 0 (expected 1 on each).');
  const workersOnly = gradePodsPerNode(lab.cluster, { ...check, nodes: ['node01', 'node02'] });
  assert.equal(workersOnly.passed, true);
  assert.equal(workersOnly.explanation, 'Each of node01, node02 runs 1.');
});

test('rollout passes for a complete rollout at the revision, and says what is missing otherwise', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=4');
  const check = { kind: 'rollout' as const, ref: { kind: 'Deployment', name: 'web', namespace: 'default' }, revision: 2 };
  assert.equal(gradeRollout(lab.cluster, check).explanation, 'Deployment web: it is at revision 1, expected 2.');
  lab.run('kubectl set image deploy/web nginx=nginx:0.0-missing');
  lab.engine();
  assert.equal(gradeRollout(lab.cluster, check).explanation, 'Deployment web: its rollout is not complete: 2 of 4 replicas updated, 3 available, 3 old ones left.');
  lab.run('kubectl set image deploy/web nginx=nginx:1.27');
  const done = gradeRollout(lab.cluster, { ...check, revision: 3 });
  assert.equal(done.passed, true);
  assert.equal(done.explanation, 'Deployment web runs revision 3 on all 4 replicas.');
  assert.equal(gradeRollout(lab.cluster, { ...check, ref: { ...check.ref, name: 'nope' } }).explanation, 'Deployment nope does not exist.');
});
