// `ckalab grade`: the logic through gradeLines, and the real bin/ckalab once as a process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../server/core/index.js';
import { gradeLines } from '../../server/cli/commands/grade.js';
import { loadScenario } from '../helpers/lab.js';

const bin = fileURLToPath(new URL('../../bin/ckalab', import.meta.url));
const seed = loadScenario('network-policies');
const solution = seed.steps.find((s) => s.id === 'internal-policy')!.solution;
const deps = (script: string) => ({
  readFile: (p: string) => {
    if (p === 'learner.sh') return script;
    throw Object.assign(new Error('nope'), { code: 'ENOENT' });
  },
  readStdin: () => script,
  clock: new ManualClock(Date.parse('2025-02-04T06:00:30Z')),
  loadScenario: (id: string) => (id === 'network-policies' ? { ok: true as const, value: seed } : { ok: false as const, error: `no scenario "${id}"` }),
});

test('--json: each task step with its checks, text, passed and explanation; exit 0 when all pass', () => {
  const r = gradeLines({ scenario: 'network-policies', script: 'learner.sh', json: true }, deps(solution));
  assert.equal(r.exitCode, 0, r.stdout);
  const out = JSON.parse(r.stdout) as { steps: { id: string; passed: boolean; checks: { text: string; passed: boolean; explanation: string }[] }[] };
  assert.deepEqual(Object.keys(out), ['steps']);
  assert.deepEqual(out.steps.map((s) => [s.id, s.passed, s.checks.length]), [['internal-policy', true, 9]]);
  assert.deepEqual(Object.keys(out.steps[0]!.checks[0]!), ['text', 'passed', 'explanation']);
  assert.deepEqual(out.steps[0]!.checks[0], {
    text: "the NetworkPolicies allow exactly what the task's solution allows",
    passed: true,
    explanation: 'The policies allow what the task asks, for every pod, address, port and protocol.',
  });
});

test('text: a wrong answer is refused with what is too open; exit 1', () => {
  const wrong = solution.replace(/    ports:\n    - protocol: TCP\n      port: 3306\n/, '');
  assert.notEqual(wrong, solution);
  const r = gradeLines({ scenario: 'network-policies', step: 'internal-policy', script: '-' }, deps(wrong));
  assert.equal(r.exitCode, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'step internal-policy: failed (8 of 9 checks pass)');
  assert.equal(lines[1], "  ✗ the NetworkPolicies allow exactly what the task's solution allows");
  assert.equal(lines[2], '      internal → mysql on any port except 53/TCP, 3306/TCP, 53/UDP, 53/SCTP is allowed (internal-policy lets internal send it), but the task allows internal → mysql only on 53/TCP, 3306/TCP, 53/UDP.');
  assert.equal(lines[3], '  ✓ NetworkPolicy internal-policy exists');
});

test('usage errors: no script, an unknown step, an unreadable file, an unknown scenario', () => {
  assert.deepEqual(gradeLines({ scenario: 'network-policies' }, deps('')), { stdout: '', stderr: 'error: --script FILE (or - for standard input) is required\n', exitCode: 2 });
  assert.equal(gradeLines({ scenario: 'network-policies', step: 'count', script: '-' }, deps('')).stderr, 'error: scenario network-policies has no task step "count" (its tasks: internal-policy)\n');
  assert.equal(gradeLines({ scenario: 'network-policies', script: 'missing.sh' }, deps('')).stderr, 'error: cannot read missing.sh: ENOENT\n');
  assert.equal(gradeLines({ scenario: 'nope', script: '-' }, deps('')).stderr, 'error: no scenario "nope"\n');
});

test('bin/ckalab grade reads the script from standard input', () => {
  const p = spawnSync(bin, ['grade', '--scenario', 'network-policies', '--script', '-', '--json'], { input: solution, encoding: 'utf8' });
  assert.equal(p.status, 0, p.stderr);
  assert.equal((JSON.parse(p.stdout) as { steps: { passed: boolean }[] }).steps[0]!.passed, true);
});
