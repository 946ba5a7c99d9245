// `kubectl api-resources` and `kubectl api-versions` against the goldens in ./golden (each names
// its source in its first line), every flag of api-resources, and the types kubectl resolves
// through the registry. Flag errors are the real kubectl 1.32 client's (Validate() runs before
// discovery, so `kubectl.1.32 api-resources --sort-by=x` prints them without a cluster).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeLab } from '../helpers/lab.js';

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8').split('\n').slice(1).join('\n');

test('api-resources and api-versions print what a kubeadm 1.32 cluster serves', () => {
  const { lab } = makeLab();
  assert.equal(lab.run('kubectl api-resources').stdout, golden('api-resources.txt'));
  assert.equal(lab.run('kubectl api-resources -o wide').stdout, golden('api-resources-wide.txt'));
  assert.equal(lab.run('kubectl api-versions').stdout, golden('api-versions.txt'));
});

test('api-resources filters: --namespaced, --api-group, --verbs, --categories, -o name, --sort-by, --no-headers', () => {
  const { lab } = makeLab();
  const table = golden('api-resources.txt').split('\n').filter((l) => l !== '');
  const namespacedFalse = lab.run('kubectl api-resources --namespaced=false --no-headers').stdout.trim().split('\n');
  assert.equal(namespacedFalse.length, table.slice(1).filter((l) => / false /.test(l)).length);
  assert.ok(namespacedFalse.every((l) => /\sfalse\s/.test(l)));
  assert.equal(lab.run('kubectl api-resources --namespaced --no-headers').stdout.trim().split('\n').length, table.length - 1 - namespacedFalse.length);
  assert.equal(lab.run('kubectl api-resources --api-group=networking.k8s.io -o name').stdout, 'ingressclasses.networking.k8s.io\ningresses.networking.k8s.io\nnetworkpolicies.networking.k8s.io\n');
  assert.equal(lab.run("kubectl api-resources --api-group='' -o name --namespaced=false").stdout, 'componentstatuses\nnamespaces\nnodes\npersistentvolumes\n');
  assert.equal(
    lab.run('kubectl api-resources --api-group=apps').stdout,
    `NAME                  SHORTNAMES   APIVERSION   NAMESPACED   KIND
controllerrevisions                apps/v1      true         ControllerRevision
daemonsets            ds           apps/v1      true         DaemonSet
deployments           deploy       apps/v1      true         Deployment
replicasets           rs           apps/v1      true         ReplicaSet
statefulsets          sts          apps/v1      true         StatefulSet
`,
  );
  // --verbs keeps the resources that support all of them (a string slice: repeated or comma-separated).
  assert.equal(lab.run('kubectl api-resources --verbs=create --verbs=get -o name | grep -c .').stdout, '50\n');
  assert.equal(lab.run('kubectl api-resources --verbs=list,get --namespaced=false -o name | head -2').stdout, 'componentstatuses\nnamespaces\n');
  assert.equal(lab.run('kubectl api-resources --verbs=create -o name | grep review').stdout,
    'selfsubjectreviews.authentication.k8s.io\ntokenreviews.authentication.k8s.io\nlocalsubjectaccessreviews.authorization.k8s.io\nselfsubjectaccessreviews.authorization.k8s.io\nselfsubjectrulesreviews.authorization.k8s.io\nsubjectaccessreviews.authorization.k8s.io\n');
  assert.equal(
    lab.run('kubectl api-resources --categories=all -o name').stdout,
    'pods\nreplicationcontrollers\nservices\ndaemonsets.apps\ndeployments.apps\nreplicasets.apps\nstatefulsets.apps\nhorizontalpodautoscalers.autoscaling\ncronjobs.batch\njobs.batch\n',
  );
  assert.equal(lab.run('kubectl api-resources --sort-by=kind --api-group=rbac.authorization.k8s.io -o name').stdout, 'clusterroles.rbac.authorization.k8s.io\nclusterrolebindings.rbac.authorization.k8s.io\nroles.rbac.authorization.k8s.io\nrolebindings.rbac.authorization.k8s.io\n');
  assert.equal(lab.run('kubectl api-resources --sort-by=name -o name | head -3').stdout, 'apiservices.apiregistration.k8s.io\nbindings\ncertificatesigningrequests.certificates.k8s.io\n');
  // The kinds shared by two groups sort by group, then keep both.
  assert.equal(lab.run('kubectl api-resources -o name | grep ^events').stdout, 'events\nevents.events.k8s.io\n');
});

// (Flag-parsing errors such as --namespaced=maybe go through the shared usage-error path of errors.ts.)
test('api-resources refuses bad flags with kubectl 1.32 texts and prints nothing', () => {
  const { lab } = makeLab();
  const cases: [string, string][] = [
    ['kubectl api-resources -o json', 'error: --output json is not available\n'],
    ['kubectl api-resources --sort-by=foo', 'error: --sort-by accepts only name or kind\n'],
  ];
  for (const [line, stderr] of cases) {
    const r = lab.run(line);
    assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', stderr, 1], line);
  }
});

test('every served type resolves, by plural, singular and short name, even with no behaviour yet', () => {
  const { lab } = makeLab();
  for (const type of ['events', 'ev', 'cm', 'configmap', 'secrets', 'roles', 'rolebindings', 'jobs', 'cj', 'ds', 'sts', 'hpa', 'pdb', 'quota', 'limits', 'pvc', 'leases', 'endpointslices', 'ing', 'ingresses.networking.k8s.io', 'events.events.k8s.io']) {
    const r = lab.run(`kubectl get ${type}`);
    assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', 'No resources found in default namespace.\n', 0], type);
  }
  for (const type of ['pv', 'sc', 'pc', 'clusterroles', 'crd', 'csr', 'ingressclasses', 'runtimeclasses']) {
    const r = lab.run(`kubectl get ${type}`);
    assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', 'No resources found\n', 0], type);
  }
  assert.equal(lab.run('kubectl get bindings').stderr, 'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource\n');
  assert.equal(lab.run('kubectl get widgets').stderr, 'error: the server doesn\'t have a resource type "widgets"\n');
});

test('a kind stored as given is created from a file, listed with NAME and AGE, got as yaml, and deleted', () => {
  const { lab } = makeLab();
  lab.run(`cat > cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
EOF`);
  assert.equal(lab.run('kubectl apply -f cm.yaml').stdout, 'configmap/settings created\n');
  assert.match(lab.run('kubectl get cm').stdout, /^NAME\s+AGE\nsettings\s+\d+s\n$/);
  assert.equal(lab.run("kubectl get configmap settings -o jsonpath='{.data.mode}'").stdout, 'fast');
  assert.equal(lab.run('kubectl get cm settings -o name').stdout, 'configmap/settings\n');
  assert.equal(lab.run('kubectl delete cm settings').stdout, 'configmap "settings" deleted\n');
  assert.equal(lab.run('kubectl get cm').stderr, 'No resources found in default namespace.\n');
});

test('get all lists the kinds of the category all, in kubectl order', () => {
  const { lab } = makeLab();
  lab.run('kubectl create deployment web --image=nginx');
  const out = lab.run('kubectl get all -o name').stdout.split('\n').filter(Boolean);
  assert.deepEqual(out.map((l) => l.split('/')[0]), ['pod', 'service', 'deployment.apps', 'replicaset.apps']);
});
