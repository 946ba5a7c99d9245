// `kubectl set` and `kubectl rollout` on Deployments: revisions, change-cause, undo, pause/resume,
// restart and a rollout stalled by an image that cannot be pulled. Texts: kubectl 1.32's
// pkg/cmd/rollout and pkg/polymorphichelpers (history.go's tabbed REVISION/CHANGE-CAUSE table,
// rollback.go, rollout_status.go, objectpauser/resumer/restarter.go); `set image|env|resources|sa`
// messages and `--record`'s change-cause and deprecation notice checked with
// `kubectl.1.32 set image -f d.yaml nginx=nginx:1.25 --local --record -o yaml`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const workers = { workers: ['node01', 'node02'] };

test('set image --record: a new revision whose change-cause is the command; rollout history lists them', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=3');
  const r = lab.run('kubectl set image deploy/web nginx=nginx:1.27 --record');
  assert.equal(r.stdout, 'deployment.apps/web image updated\n');
  assert.equal(r.stderr, 'Flag --record has been deprecated, --record will be removed in the future\n');
  assert.equal(lab.run('kubectl rollout history deploy/web').stdout, 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deploy/web nginx=nginx:1.27 --record=true\n\n');
  // Annotating the deployment's change-cause rewrites the current revision's, as the controller copies it.
  lab.run('kubectl annotate deploy web kubernetes.io/change-cause="image 1.27" --overwrite');
  assert.match(lab.run('kubectl rollout history deploy/web').stdout, /2         image 1\.27\n/);
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'").stdout, '2');
  assert.equal(lab.run('kubectl get rs --no-headers | wc -l').stdout.trim(), '2');
  assert.equal(lab.run('kubectl set image deploy/web nosuch=x').stderr, 'error: unable to find container named "nosuch"\n');
  assert.equal(lab.run('kubectl set image deploy/web').stderr, 'error: at least one image update is required\n');
});

test('rollout undo goes back one revision (the old ReplicaSet becomes the newest), --to-revision picks one, and the errors', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl create deployment web --image=nginx:1.25');
  assert.equal(lab.run('kubectl rollout undo deploy/web').stderr, 'error: no rollout history found for deployment "web"\n');
  lab.run('kubectl set image deploy/web nginx=nginx:1.26');
  lab.run('kubectl set image deploy/web nginx=nginx:1.27');
  assert.equal(lab.run('kubectl rollout undo deploy/web').stdout, 'deployment.apps/web rolled back\n');
  const image = () => lab.run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'").stdout;
  assert.equal(image(), 'nginx:1.26');
  assert.equal(lab.run('kubectl rollout history deploy/web').stdout, 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n\n');
  assert.equal(lab.run('kubectl rollout undo deploy/web --to-revision=1').stdout, 'deployment.apps/web rolled back\n');
  assert.equal(image(), 'nginx:1.25');
  assert.equal(lab.run('kubectl rollout undo deploy/web --to-revision=5').stdout, 'deployment.apps/web skipped rollback (current template already matches revision 5)\n');
  assert.equal(lab.run('kubectl rollout undo deploy/web --to-revision=9').stderr, 'error: unable to find specified revision 9 in history\n');
  assert.match(lab.run('kubectl rollout history deploy/web --revision=3').stdout, /^deployment\.apps\/web with revision #3\nPod Template:\n  Labels:  app=web\n           pod-template-hash=\w+\n  Containers:\n   nginx:\n    Image:         nginx:1\.27\n/);
  assert.equal(lab.run('kubectl rollout history deploy/web --revision=2').stderr, 'error: unable to find the specified revision\n');
});

test('a rollout to an image that cannot be pulled stops within maxSurge/maxUnavailable, then exceeds its progress deadline', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=4');
  lab.run('kubectl set image deploy/web nginx=nginx:0.0.0-missing');
  // 4 replicas, 25%/25%: maxSurge 1, maxUnavailable 1 → old kept at 3, new at 2.
  const rs = lab.run("kubectl get rs -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image}={.spec.replicas} {end}'").stdout.trim().split(' ').sort();
  assert.deepEqual(rs, ['nginx:0.0.0-missing=2', 'nginx:1.25=3']);
  assert.equal(lab.run('kubectl get deploy web').stdout, 'NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/4     2            3           0s\n');
  assert.equal(lab.run('kubectl rollout status deploy/web --watch=false').stdout, 'Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...\n');
  clock.advance(600_000);
  const r = lab.run('kubectl rollout status deploy/web');
  assert.equal(r.stderr, 'error: deployment "web" exceeded its progress deadline\n');
  assert.equal(r.exitCode, 1);
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.status.conditions[?(@.type==\"Progressing\")].reason}'").stdout, 'ProgressDeadlineExceeded');
  lab.run('kubectl rollout undo deploy/web');
  assert.equal(lab.run('kubectl rollout status deploy/web').stdout, 'deployment "web" successfully rolled out\n');
  assert.equal(lab.run('kubectl get pods --no-headers | wc -l').stdout.trim(), '4');
});

test('rollout pause, resume and restart, with their errors', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  assert.equal(lab.run('kubectl rollout pause deploy/web').stdout, 'deployment.apps/web paused\n');
  assert.equal(lab.run('kubectl rollout pause deploy/web').stderr, 'error: deployments.apps "web" is already paused\n');
  assert.equal(lab.run('kubectl rollout restart deploy/web').stderr, 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n');
  // A paused deployment takes the new template without rolling it out.
  lab.run('kubectl set image deploy/web nginx=nginx:1.26');
  assert.equal(lab.run('kubectl get rs --no-headers | wc -l').stdout.trim(), '1');
  assert.equal(lab.run('kubectl rollout undo deploy/web').stderr, 'error: no rollout history found for deployment "web"\n');
  assert.equal(lab.run('kubectl rollout resume deploy/web').stdout, 'deployment.apps/web resumed\n');
  assert.equal(lab.run('kubectl rollout resume deploy/web').stderr, 'error: deployments.apps "web" is not paused\n');
  assert.equal(lab.run('kubectl get rs --no-headers | wc -l').stdout.trim(), '2');
  assert.equal(lab.run('kubectl rollout restart deploy/web').stdout, 'deployment.apps/web restarted\n');
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.spec.template.metadata.annotations}'").stdout, '{"kubectl.kubernetes.io/restartedAt":"2025-02-04T06:00:30Z"}');
  assert.equal(lab.run('kubectl get rs --no-headers | wc -l').stdout.trim(), '3');
});

test('set env, resources and serviceaccount change the template and say so', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl create deployment web --image=nginx:1.25');
  assert.equal(lab.run('kubectl set env deploy/web MODE=prod').stdout, 'deployment.apps/web env updated\n');
  assert.equal(lab.run('kubectl set resources deploy/web --limits=cpu=200m,memory=128Mi --requests=cpu=100m').stdout, 'deployment.apps/web resource requirements updated\n');
  assert.equal(lab.run('kubectl set sa deploy/web builder').stdout, 'deployment.apps/web serviceaccount updated\n');
  const c = JSON.parse(lab.run('kubectl get deploy web -o json').stdout).spec.template.spec;
  assert.deepEqual(c.containers[0].env, [{ name: 'MODE', value: 'prod' }]);
  assert.deepEqual(c.containers[0].resources, { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '100m' } });
  assert.equal(c.serviceAccountName, 'builder');
  assert.equal(lab.run('kubectl set resources deploy/web').stderr, 'error: you must specify an update to requests or limits (in the form of --requests/--limits)\n');
  assert.equal(lab.run('kubectl set env deploy/web MODE-').stdout, 'deployment.apps/web env updated\n');
  assert.equal(JSON.parse(lab.run('kubectl get deploy web -o json').stdout).spec.template.spec.containers[0].env, undefined);
});
