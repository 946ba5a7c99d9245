// `kubectl config` against the real kubectl 1.32 run on kubeadm's admin.conf shape
// (`kubectl config get-contexts`, `set-context --current --namespace=team`, offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { Lab } from '../../server/lab/index.js';
import { ManualClock, seededRandom } from '../../server/core/index.js';

test('get-contexts, current-context, and set-context --current --namespace change the namespace in effect', () => {
  const { lab } = makeLab();
  assert.equal(
    lab.run('kubectl config get-contexts').stdout,
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   \n',
  );
  assert.equal(lab.run('kubectl config current-context').stdout, 'kubernetes-admin@kubernetes\n');
  lab.run('kubectl create ns team');
  assert.equal(lab.run('kubectl config set-context --current --namespace=team').stdout, 'Context "kubernetes-admin@kubernetes" modified.\n');
  assert.equal(
    lab.run('kubectl config get-contexts').stdout,
    'CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   team\n',
  );
  assert.equal(lab.run('kubectl run p --image=nginx').stdout, 'pod/p created\n');
  assert.match(lab.run('kubectl get pods -n team').stdout, /^NAME   READY/);
  assert.equal(lab.run('kubectl get pods -n default').stderr, 'No resources found in default namespace.\n');
  assert.equal(lab.run('kubectl config set-context --namespace=x').stderr, 'error: you must specify a non-empty context name or --current\n');
  assert.equal(lab.run('kubectl config use-context foo').stderr, 'error: no context exists with the name: "foo"\n');
  // The context's namespace is part of the lab's saved state.
  const again = Lab.restore(JSON.parse(JSON.stringify(lab.snapshot())), { clock: new ManualClock(0), random: seededRandom(2) });
  assert.match(again.run('kubectl get pods').stdout, /^NAME   READY/);
});
