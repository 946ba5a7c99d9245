// The configuration scenarios (scenarios/config-env-and-files.yaml, quota-and-limitrange.yaml):
// answers that look right but are not are refused, equivalent right answers are accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeStep } from '../../server/lab/index.js';
import { loadScenario, scenarioTestLab } from '../helpers/lab.js';

test('config-env-and-files: a literal APP_MODE is refused, the same wiring written by hand passes', () => {
  const s = loadScenario('config-env-and-files');
  const lab = scenarioTestLab(s);
  lab.run(s.steps[0]!.solution);
  assert.ok(gradeStep(lab, s, 0).passed);
  // The value copied, not referenced: the pod shows production but would not follow the ConfigMap.
  lab.run(`cat <<'EOF' > web.yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx
    env:
    - name: APP_MODE
      value: production
    volumeMounts:
    - {name: creds, mountPath: /etc/db}
  volumes:
  - name: creds
    secret:
      secretName: db-creds
EOF
kubectl apply -f web.yaml`);
  const wrong = gradeStep(lab, s, 1);
  assert.equal(wrong.passed, false);
  assert.deepEqual(
    wrong.checks.filter((c) => !c.passed).map((c) => c.explanation),
    [
      '{.spec.containers[0].env[?(@.name=="APP_MODE")].valueFrom.configMapKeyRef.name} is empty, expected "app-config".',
      '{.spec.containers[0].env[?(@.name=="APP_MODE")].valueFrom.configMapKeyRef.key} is empty, expected "MODE".',
      '{.spec.containers[0].volumeMounts[?(@.name=="creds")].readOnly} is empty, expected "true".',
    ],
  );
  lab.run('kubectl -n shop delete pod web');
  lab.run(s.steps[1]!.solution);
  assert.ok(gradeStep(lab, s, 1).passed);
});

test('quota-and-limitrange: quantities are compared as the API server stores them', () => {
  const s = loadScenario('quota-and-limitrange');
  const lab = scenarioTestLab(s);
  // 0.1 CPU is 100m and 134217728 bytes are 128Mi: the same answer, accepted; a limit of 300m is not.
  lab.run(`cat <<'EOF' > l.yaml
apiVersion: v1
kind: LimitRange
metadata: {name: defaults, namespace: team-a}
spec:
  limits:
  - type: Container
    defaultRequest: {cpu: "0.1", memory: "134217728"}
    default: {cpu: 300m, memory: 256Mi}
EOF
kubectl apply -f l.yaml`);
  const first = gradeStep(lab, s, 0);
  assert.deepEqual(first.checks.filter((c) => !c.passed).map((c) => c.title), ['LimitRange defaults in namespace team-a: {.spec.limits[?(@.type=="Container")].default.cpu} is "200m"']);
  lab.run("sed -i 's/cpu: 300m/cpu: 200m/' l.yaml");
  lab.run('kubectl apply -f l.yaml');
  assert.ok(gradeStep(lab, s, 0).passed);
  // A pod run before the quota exists still counts once the quota is made.
  lab.run('kubectl -n team-a run worker --image=nginx');
  lab.run('kubectl -n team-a create quota compute --hard=pods=3,requests.cpu=1000m,limits.memory=1024Mi');
  assert.ok(gradeStep(lab, s, 1).passed);
  assert.equal(
    lab.run('kubectl -n team-a describe quota compute').stdout,
    'Name:          compute\nNamespace:     team-a\nResource       Used   Hard\n--------       ----   ----\nlimits.memory  256Mi  1Gi\npods           1      3\nrequests.cpu   100m   1\n',
  );
  for (let i = 0; i < 2; i++) lab.run(`kubectl -n team-a run extra${i} --image=nginx`);
  assert.equal(
    lab.run('kubectl -n team-a run one-too-many --image=nginx').stderr,
    'Error from server (Forbidden): pods "one-too-many" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=3, limited: pods=3\n',
  );
});
