// `kubectl create job|cronjob`: the objects against kubectl 1.32's own --dry-run=client output
// (golden/create-*.yaml, each naming the command that made it) and its error texts (run on the
// same client: `kubectl.1.32 create job`, `create cronjob` with missing flags and names).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeLab } from '../helpers/lab.js';

function golden(name: string): { command: string; text: string } {
  const [head, ...rest] = readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8').split('\n');
  return { command: head!.replace(/^# kubectl\.1\.32 /, 'kubectl '), text: rest.join('\n') };
}

for (const file of ['create-job.yaml', 'create-job-ns.yaml', 'create-cronjob.yaml', 'create-cronjob-never.yaml']) {
  test(`${file}: byte-identical to kubectl 1.32`, () => {
    const { lab } = makeLab();
    const g = golden(file);
    const r = lab.run(g.command);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, g.text);
  });
}

test('create job and cronjob errors, as kubectl 1.32 prints them', () => {
  const { lab } = makeLab();
  const cases: [string, string][] = [
    ['kubectl create job --image=busybox', "error: exactly one NAME is required, got 0\nSee 'kubectl create job -h' for help and examples\n"],
    ['kubectl create job x', 'error: either --image or --from must be specified\n'],
    ['kubectl create job a --image=busybox --from=cronjob/x', 'error: either --image or --from must be specified\n'],
    ['kubectl create job a --from=cronjob/x -- echo', 'error: cannot specify --from and command\n'],
    ["kubectl create cronjob c --schedule='* * * * *'", 'error: required flag(s) "image" not set\n'],
    ['kubectl create cronjob c --image=busybox', 'error: required flag(s) "schedule" not set\n'],
    ["kubectl create cronjob a b --image=busybox --schedule='* * * * *'", "error: exactly one NAME is required, got 2\nSee 'kubectl create cronjob -h' for help and examples\n"],
    // The server's texts (robfig/cron's errors inside field.Invalid; field.NotSupported for the policy).
    ["kubectl create cronjob x --image=busybox --schedule='foo'", 'The CronJob "x" is invalid: spec.schedule: Invalid value: "foo": expected exactly 5 fields, found 1: [foo]\n'],
    ["kubectl create cronjob x --image=busybox --schedule='*/0 * * * *'", 'The CronJob "x" is invalid: spec.schedule: Invalid value: "*/0 * * * *": step of range should be a positive number: */0\n'],
    ["kubectl create cronjob x --image=busybox --schedule='* 24 * * *'", 'The CronJob "x" is invalid: spec.schedule: Invalid value: "* 24 * * *": end of range (24) above maximum (23): 24\n'],
    ["kubectl create cronjob x --image=busybox --schedule='* * * foo *'", 'The CronJob "x" is invalid: spec.schedule: Invalid value: "* * * foo *": failed to parse int from foo: strconv.Atoi: parsing "foo": invalid syntax\n'],
    [
      "kubectl create cronjob x --image=busybox --schedule='* * * * *' --restart=Always",
      'The CronJob "x" is invalid: spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n',
    ],
    ['kubectl create job j --from=cronjob/nope', 'Error from server (NotFound): cronjobs.batch "nope" not found\n'],
  ];
  for (const [line, stderr] of cases) {
    const r = lab.run(line);
    assert.equal(r.stderr, stderr, line);
    assert.equal(r.exitCode, 1, line);
  }
  assert.equal(lab.run('kubectl get cj,jobs').stderr, 'No resources found in default namespace.\n');
});

test('create job --from=cronjob copies the job template with the manual annotation and an owner reference', () => {
  const { lab } = makeLab();
  lab.run("kubectl create cronjob nightly --image=busybox --schedule='0 2 * * *' -- echo backup");
  assert.equal(lab.run('kubectl create job run-now --from=cronjob/nightly').stdout, 'job.batch/run-now created\n');
  const job = JSON.parse(lab.run('kubectl get job run-now -o json').stdout);
  const cj = JSON.parse(lab.run('kubectl get cj nightly -o json').stdout);
  assert.deepEqual(job.metadata.annotations, { 'cronjob.kubernetes.io/instantiate': 'manual' });
  assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', controller: true, kind: 'CronJob', name: 'nightly', uid: cj.metadata.uid }]);
  assert.deepEqual(job.spec.template.spec.containers[0].command, ['echo', 'backup']);
  assert.equal(lab.run('kubectl create job run-now --from=cronjob/nightly').stderr, 'error: failed to create job: jobs.batch "run-now" already exists\n');
  assert.equal(lab.run('kubectl create job y --from=deploy/nightly').stderr, 'Error from server (NotFound): deployments.apps "nightly" not found\n');
});
