// An attempt at the seed scenario: steps unlock in order, repeats are not counted twice,
// hints and solutions are recorded, and the summary adds up. Plus the map and the app page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Attempt, connectionTest, gradeStep, networkMap } from '../../server/lab/index.js';
import { loadScenario, scenarioTestLab } from '../helpers/lab.js';

const s = loadScenario('network-policies');
const TASK = s.steps.findIndex((x) => x.id === 'internal-policy');

test('steps unlock one at a time; a locked step refuses', () => {
  const a = Attempt.start(s, 1000);
  assert.deepEqual(a.steps.map((x) => x.status).slice(0, 3), ['open', 'locked', 'locked']);
  assert.deepEqual(a.answer(1, 'payroll-policy', 1001), { error: 'Finish the steps before this one first (or skip them).' });
  const r = a.answer(0, '2', 1002);
  assert.ok(!('error' in r) && !r.result.correct);
  assert.equal(a.steps[1]!.status, 'locked');
  const ok = a.answer(0, '1', 1003);
  assert.ok(!('error' in ok) && ok.result.correct);
  assert.equal(a.steps[1]!.status, 'open');
  assert.equal(a.steps[0]!.tries, 2);
  assert.deepEqual(a.answer(0, { evil: 1 } as never, 1004), { error: 'Choose or type an answer.' });
});

test('a task: the same check on an unchanged cluster is not a new try; passing completes the attempt', () => {
  const a = Attempt.start(s, 0);
  for (let i = 0; i < TASK; i++) assert.ok(!('error' in a.skip(i, 1)));
  assert.equal(a.current, TASK);
  const lab = scenarioTestLab(s);
  const r1 = gradeStep(lab, s, TASK);
  const e1 = a.recordCheck(TASK, r1, lab.cluster.revision, 10);
  const e2 = a.recordCheck(TASK, r1, lab.cluster.revision, 11);
  assert.ok(!('error' in e1) && !('error' in e2));
  assert.deepEqual(e2.events, [{ kind: 'check', step: TASK, passed: false, repeated: true }]);
  assert.equal(a.steps[TASK]!.tries, 1);
  const hint = a.hint(TASK);
  assert.ok(!('error' in hint) && hint.index === 0);
  const sol = a.solution(TASK);
  assert.ok(!('error' in sol) && sol.solution.includes('kubectl create -f internal-policy.yaml'));
  assert.deepEqual(a.solution(TASK), { solution: sol.solution, events: [] });
  lab.run(sol.solution);
  const r2 = gradeStep(lab, s, TASK);
  const e3 = a.recordCheck(TASK, r2, lab.cluster.revision, 5000);
  assert.ok(!('error' in e3));
  assert.deepEqual(e3.events.map((e) => e.kind), ['check', 'complete']);
  const sum = a.summary(9999);
  // The task passed after its solution was shown: recorded, no points.
  assert.deepEqual(sum, { score: 0, maxScore: 13, passed: 1, skipped: TASK, hints: 1, solutions: 1, elapsed: 5000, completed: true });
  const back = Attempt.restore(s, a.snapshot());
  assert.deepEqual(back.summary(9999), sum);
});

test('the network map: edges follow the policies and change after a command', () => {
  const lab = scenarioTestLab(s);
  const before = networkMap(lab.engine());
  assert.deepEqual(before.nodes.map((n) => n.name), ['external', 'internal', 'mysql', 'payroll']);
  const edge = (m: typeof before, from: string, to: string) => m.edges.find((e) => e.from === `default/${from}` && e.to === `default/${to}`)!;
  assert.deepEqual(edge(before, 'external', 'payroll'), { from: 'default/external', to: 'default/payroll', allowed: [], denied: ['8080/TCP'] });
  assert.deepEqual(edge(before, 'internal', 'external').allowed, ['8080/TCP']);
  lab.run(s.steps[TASK]!.solution);
  const after = networkMap(lab.engine());
  assert.deepEqual(edge(after, 'internal', 'external').denied, ['8080/TCP']);
  assert.deepEqual(edge(after, 'internal', 'mysql').allowed, ['3306/TCP']);
});

test('the connection-test app page: Success! or the timeout, from that pod', () => {
  const lab = scenarioTestLab(s);
  assert.deepEqual(
    { ...connectionTest(lab.engine(), 'default/internal', 'payroll-service', 8080, 'http'), why: [] },
    { ok: true, message: 'Success!\n\nWelcome to the payroll app!\n', why: [] },
  );
  const ext = connectionTest(lab.engine(), 'default/external', 'payroll-service', 8080, 'tcp');
  assert.equal(ext.message, 'Failed! Timed out connecting to payroll-service:8080.');
  assert.ok(ext.why.some((l) => l.includes('payroll-policy')));
  assert.equal(connectionTest(lab.engine(), 'default/internal', 'no-such-svc', 80, 'tcp').message, 'Failed! no-such-svc: Name or service not known.');
  assert.equal(connectionTest(lab.engine(), 'default/internal', '<b>', 80, 'tcp').message, 'Enter a host name or an IP address.');
});

test('serialize() is the snapshot as JSON, and restores to the same lab', () => {
  const lab = scenarioTestLab(s);
  lab.run('export A=1; kubectl create ns x; echo hi > f.txt');
  assert.equal(lab.serialize(), JSON.stringify(lab.snapshot()));
});

test('a question: the second wrong try shows the step\'s explain, and the step stays open for another', () => {
  const a = Attempt.start(s, 1000);
  const first = a.answer(0, '2', 1001);
  assert.ok(!('error' in first));
  assert.equal(first.result.explanation, 'Not quite: try again.');
  const second = a.answer(0, '3', 1002);
  assert.ok(!('error' in second));
  assert.equal(second.result.explanation, 'Not quite. `kubectl get netpol` lists one: payroll-policy. Try again.');
  assert.equal(a.steps[0]!.status, 'open');
  const third = a.answer(0, '1', 1003);
  assert.ok(!('error' in third) && third.result.correct);
});
