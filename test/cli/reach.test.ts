// `ckalab reach` as a process, on the bundled seed scenario and on manifests through the cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeLab } from '../helpers/lab.js';

const bin = fileURLToPath(new URL('../../bin/ckalab', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/seed-cluster.yaml', import.meta.url));

test('reach --scenario prints the truth table: only internal reaches payroll on 8080', () => {
  const out = execFileSync(bin, ['reach', '--scenario', 'network-policies', '--probe', '8080/TCP'], { encoding: 'utf8' });
  const rows = out.split('\n').filter((l) => l.startsWith('default/'));
  const payrollCol = out.split('\n')[1]!.split(/\s+/).indexOf('default/payroll');
  const cell = (from: string) => rows.find((r) => r.startsWith(from))!.split(/\s+/)[payrollCol];
  assert.equal(cell('default/internal'), '.');
  assert.equal(cell('default/external'), 'X');
  assert.equal(cell('default/mysql'), 'X');
});

test('reach --cluster --json goes through the cluster and keeps its verdicts', () => {
  const out = JSON.parse(execFileSync(bin, ['reach', '--cluster', fixture, '--probe', '8080/TCP', '--json'], { encoding: 'utf8' }));
  const find = (from: string, to: string) => out.results.find((r: { from: string; to: string }) => r.from === from && r.to === to);
  assert.deepEqual(find('default/external', 'default/payroll'), { from: 'default/external', to: 'default/payroll', port: 8080, protocol: 'TCP', allowed: false });
  assert.equal(find('default/internal', 'default/payroll').allowed, true);
});

test('reach --explain says why', () => {
  const out = execFileSync(bin, ['reach', '--cluster', fixture, '--explain', 'default/external', 'default/payroll', '8080/TCP'], { encoding: 'utf8' });
  assert.match(out, /payroll-policy/);
  assert.match(out, /denied/);
});

test('a throwaway busybox pod probes and is deleted, as kubectl run --rm -it does', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const r = lab.run('kubectl run tmp --rm -it --image=busybox --restart=Never -- wget -qO- -T2 http://payroll-service:8080');
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /wget: download timed out/);
  assert.match(r.stdout, /pod "tmp" deleted\n$/);
  assert.equal(lab.run('kubectl get pod tmp').exitCode, 1);
});
