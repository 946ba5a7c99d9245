// `ckalab run`: the logic through runLines, and the real bin/ckalab once as a process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../server/core/index.js';
import { runLines } from '../../server/cli/commands/run.js';

const fixture = fileURLToPath(new URL('../fixtures/seed-cluster.yaml', import.meta.url));
const deps = { readFile: (p: string) => readFileSync(p, 'utf8'), readStdin: () => '', clock: new ManualClock(Date.parse('2025-02-04T06:00:30Z')), seed: 1 };

test('--json prints one object per executed line; the exit status is the last line\'s', () => {
  const r = runLines({ cluster: [fixture], command: ['kubectl get netpol', 'kubectl get netpol nope'], json: true }, deps);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines, [
    { input: 'kubectl get netpol', stdout: 'NAME             POD-SELECTOR   AGE\npayroll-policy   name=payroll   18m\n', stderr: '', exitCode: 0 },
    { input: 'kubectl get netpol nope', stdout: '', stderr: 'Error from server (NotFound): networkpolicies.networking.k8s.io "nope" not found\n', exitCode: 1 },
  ]);
  assert.equal(r.exitCode, 1);
});

test('a script keeps a heredoc together as the terminal would', () => {
  const r = runLines({ cluster: [fixture], command: ["cat <<'EOF' > a.txt", 'x', 'EOF', 'cat a.txt'], json: true }, deps);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[1].stdout, 'x\n');
});

test('a missing manifest file is a clear error', () => {
  const r = runLines({ cluster: ['/nonexistent.yaml'], command: ['true'] }, deps);
  assert.equal(r.stderr, 'error: cannot read /nonexistent.yaml: ENOENT\n');
  assert.equal(r.exitCode, 1);
});

test('bin/ckalab runs right after install, with plain output and exit status', () => {
  const bin = fileURLToPath(new URL('../../bin/ckalab', import.meta.url));
  const out = execFileSync(bin, ['run', '--scenario', 'network-policies', '-c', 'kubectl get netpol -o name'], { encoding: 'utf8' });
  assert.equal(out, 'networkpolicy.networking.k8s.io/payroll-policy\n');
  const failed = spawnSync(bin, ['run', '-c', 'kubectl get nope'], { encoding: 'utf8' });
  assert.equal(failed.status, 1);
  assert.equal(failed.stderr, 'error: the server doesn\'t have a resource type "nope"\n');
});
