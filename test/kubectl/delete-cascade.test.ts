// `kubectl delete --cascade`: the propagation policy of the generic garbage collector. Flag texts
// are the real kubectl 1.32 client's (`kubectl.1.32 delete pod x --cascade=maybe` and
// `--cascade=false`, which it checks before contacting a server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const count = (out: string) => out.split('\n').filter(Boolean).length;

test('--cascade=orphan leaves the dependents; background and foreground take them', () => {
  const { lab } = makeLab();
  lab.run('kubectl create deployment web --image=nginx --replicas=2');
  assert.equal(lab.run('kubectl delete deployment web --cascade=orphan').stdout, 'deployment.apps "web" deleted\n');
  assert.equal(count(lab.run('kubectl get rs -o name').stdout), 1);
  assert.equal(lab.run("kubectl get rs -o jsonpath='{.items[0].metadata.ownerReferences}'").stdout, '');
  assert.equal(count(lab.run('kubectl get pods -o name').stdout), 2);
  const r = lab.run('kubectl delete rs --all --cascade=false');
  assert.equal(r.stderr, 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n');
  assert.equal(count(lab.run('kubectl get pods -o name').stdout), 2);

  lab.run('kubectl create deployment api --image=nginx --replicas=2');
  lab.run('kubectl delete deployment api --cascade=foreground');
  assert.equal(lab.run('kubectl get rs').stderr, 'No resources found in default namespace.\n');
  assert.equal(count(lab.run('kubectl get pods -o name').stdout), 2, 'only the orphans of web are left');
  lab.run('kubectl create deployment db --image=nginx');
  lab.run('kubectl delete deployment db');
  assert.equal(count(lab.run('kubectl get pods -o name').stdout), 2);
});

test('an unknown --cascade value is refused before anything is deleted', () => {
  const { lab } = makeLab();
  lab.run('kubectl create deployment web --image=nginx');
  const r = lab.run('kubectl delete deployment web --cascade=maybe');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', 'error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan"\n', 1]);
  assert.equal(count(lab.run('kubectl get deploy -o name').stdout), 1);
});
