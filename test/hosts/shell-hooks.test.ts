// The lab's shell and the nodes: `exit`/`logout` typed at a node's prompt end the ssh session (the
// shell asks the lab's command table), while an `exit` in a subshell or a script only ends that; a
// node's `hostname` is that node's. Goldens: bash 5.1's own texts (`logout: not login shell`), OpenSSH's
// "Connection to HOST closed.".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lab } from '../../server/lab/index.js';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { testPki } from '../helpers/pki.js';

function makeLab() {
  const lab = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], workers: ['node01'] }, { clock: new ManualClock(Date.UTC(2026, 10, 30, 3)), random: seededRandom(1), pki: testPki });
  return { lab, run: (line: string) => lab.run(line) };
}

test("a node's hostname and whoami answer for that node, in substitutions too", () => {
  const { run } = makeLab();
  assert.equal(run('hostname').stdout, 'controlplane\n');
  run('ssh node01');
  assert.equal(run('hostname').stdout, 'node01\n');
  assert.equal(run('echo "on $(hostname) as $(whoami)"').stdout, 'on node01 as root\n');
  assert.equal(run('hostname | tr a-z A-Z').stdout, 'NODE01\n');
});

test('exit in a subshell, a substitution or bash -c stays on the node; exit at the prompt leaves', () => {
  const { lab, run } = makeLab();
  run('ssh node01');
  assert.equal(run('(exit 3); echo $?').stdout, '3\n');
  assert.equal(run('x=$(exit 4); echo $?').stdout, '4\n');
  assert.equal(run("bash -c 'exit 5'; echo $?").stdout, '5\n');
  assert.equal(lab.promptHost(), 'node01');
  const r = run('exit');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['logout\n', 'Connection to node01 closed.\n', 0]);
  assert.equal(lab.promptHost(), 'controlplane');
});

test('logout leaves a node; on the lab host it is not a login shell, and exit keeps the lab', () => {
  const { lab, run } = makeLab();
  run('ssh node01');
  assert.equal(run('logout').stderr, 'Connection to node01 closed.\n');
  assert.equal(lab.promptHost(), 'controlplane');
  const l = run('logout');
  assert.deepEqual([l.stderr, l.exitCode], ["bash: logout: not login shell: use `exit'\n", 1]);
  const e = run('exit');
  assert.deepEqual([e.stdout, e.stderr], ['exit\n', 'The lab session stays open: close the tab to leave.\n']);
  assert.equal(run('echo still here').stdout, 'still here\n');
});
