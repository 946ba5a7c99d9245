// `kubectl create role|clusterrole|rolebinding|clusterrolebinding` against goldens recorded with
// the upstream kubectl 1.32 client (scripts/record-rbac-goldens.sh; each golden's first line names
// its command): stdout, stderr (warnings and errors) and the exit status, byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { makeLab } from '../helpers/lab.js';

const dir = new URL('./golden/rbac-generators/', import.meta.url);

for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
  const text = readFileSync(new URL(file, dir), 'utf8');
  const [source, exit, ...rest] = text.split('\n');
  const command = source!.replace(/^# source: kubectl\.1\.32 /, '').replace(/ \(scripts\/record-rbac-goldens\.sh\)$/, '');
  const body = rest.join('\n');
  const stdout = body.slice('--- stdout\n'.length, body.indexOf('--- stderr\n'));
  const stderr = body.slice(body.indexOf('--- stderr\n') + '--- stderr\n'.length);
  test(`kubectl ${command}`, () => {
    const { lab } = makeLab();
    const r = lab.run(`kubectl ${command}`);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, { stdout, stderr, exitCode: Number(exit!.replace('exit ', '')) });
  });
}

test('create role and rolebinding store the objects kubectl sends', () => {
  const { lab } = makeLab();
  assert.equal(lab.run('kubectl create role pod-reader --verb=get,list --resource=pods -n default').stdout, 'role.rbac.authorization.k8s.io/pod-reader created\n');
  assert.equal(lab.run('kubectl create rolebinding rb --role=pod-reader --user=jane').stdout, 'rolebinding.rbac.authorization.k8s.io/rb created\n');
  const role = lab.run('kubectl get role pod-reader -o jsonpath={.rules[0].verbs}');
  assert.equal(role.stdout, '["get","list"]');
});
