// The grader on the seed's scenario (scenarios/network-policies.yaml): before and after the
// solution, and on the wrong solutions learners typically write. Explanations are the grader's
// own words (server/grader/words.ts), asserted whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeStep } from '../../server/lab/index.js';
import { gradeAnswer } from '../../server/grader/index.js';
import { loadScenario, scenarioTestLab } from '../helpers/lab.js';

const s = loadScenario('network-policies');
const TASK = s.steps.findIndex((x) => x.id === 'internal-policy');

function policy(egress: string): string {
  return [
    "cat <<'END' > p.yaml",
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    '  name: internal-policy',
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    '      name: internal',
    '  policyTypes:',
    '  - Egress',
    '  egress:',
    egress,
    'END',
    'kubectl create -f p.yaml',
  ].join('\n');
}

const RIGHT = [
  '  - to:',
  '    - podSelector:',
  '        matchLabels:',
  '          name: payroll',
  '    ports:',
  '    - port: 8080',
  '  - to:',
  '    - podSelector:',
  '        matchLabels:',
  '          name: mysql',
  '    ports:',
  '    - port: 3306',
  '  - ports:',
  '    - port: 53',
  '      protocol: UDP',
  '    - port: 53',
  '      protocol: TCP',
].join('\n');

function grade(egress?: string) {
  const lab = scenarioTestLab(s);
  if (egress !== undefined) {
    const r = lab.run(policy(egress));
    assert.equal(r.exitCode, 0, r.stderr);
  }
  return gradeStep(lab, s, TASK);
}

/** The failed checks but intent (asserted on its own where it says something new). */
function failures(egress?: string): string[] {
  return grade(egress)
    .checks.filter((c) => !c.passed && c.kind !== 'intent')
    .map((c) => `${c.title} — ${c.explanation}`);
}

test('the untouched cluster fails the task, and says why in plain words', () => {
  assert.deepEqual(failures(), [
    'NetworkPolicy internal-policy exists — NetworkPolicy internal-policy does not exist in namespace default.',
    `NetworkPolicy internal-policy: the pod selector's label name is "internal" — NetworkPolicy internal-policy does not exist.`,
    'internal → service external-service:8080/TCP denied — internal → external:8080/TCP (via service external-service:8080) should be denied but is allowed: no NetworkPolicy selects internal for egress, and no NetworkPolicy selects external for ingress.',
  ]);
});

test('the right policy passes every check', () => {
  const r = grade(RIGHT);
  assert.equal(r.passed, true, JSON.stringify(r.checks.filter((c) => !c.passed), null, 1));
  assert.equal(r.checks.length, 9);
  const mysql = r.checks.find((c) => c.title.includes('db-service'))!;
  assert.equal(mysql.explanation, 'internal → mysql:3306/TCP (via service db-service:3306) is allowed: internal-policy lets internal send it (mysql:3306/TCP), and no NetworkPolicy selects mysql for ingress.');
});

test('missing DNS: the two DNS checks fail and say which rules exist', () => {
  const f = failures(RIGHT.split('\n  - ports:')[0]!);
  assert.equal(f.length, 2);
  assert.match(f[0]!, /^internal → service kube-system\/kube-dns:53\/UDP allowed — internal → kube-system\/coredns-[a-z0-9]+-[a-z0-9]+:53\/UDP \(via service kube-dns:53\) should be allowed but is denied: internal is isolated for egress by internal-policy, whose rules allow only payroll:8080\/TCP; mysql:3306\/TCP\./);
  assert.match(f[1]!, /^internal → service kube-system\/kube-dns:53\/TCP allowed/);
});

test('a wrong port: mysql is denied, and the rules that exist are named', () => {
  const f = failures(RIGHT.replace('port: 3306', 'port: 3307'));
  assert.deepEqual(f, [
    'internal → service db-service:3306/TCP allowed — internal → mysql:3306/TCP (via service db-service:3306) should be allowed but is denied: internal is isolated for egress by internal-policy, whose rules allow only payroll:8080/TCP; mysql:3307/TCP; any destination on 53/UDP, 53/TCP.',
  ]);
  assert.equal(
    grade(RIGHT.replace('port: 3306', 'port: 3307')).checks.find((c) => c.kind === 'intent')!.explanation,
    'internal → mysql:3307/TCP is allowed (internal-policy lets internal send it), but the task allows internal → mysql only on 53/TCP, 3306/TCP, 53/UDP.\n' +
      'internal → mysql:3306/TCP is denied (internal is isolated for egress by internal-policy, which allows only 53/TCP, 3307/TCP, 53/UDP here), but the task allows it.',
  );
});

test('a namespaceSelector where a podSelector was meant selects no pod, and the words say so', () => {
  // `namespaceSelector: {matchLabels: {name: mysql}}` selects namespaces labelled name=mysql: there are none.
  const f = failures(RIGHT.replace('    - podSelector:\n        matchLabels:\n          name: mysql', '    - namespaceSelector:\n        matchLabels:\n          name: mysql'));
  assert.deepEqual(f, [
    'internal → service db-service:3306/TCP allowed — internal → mysql:3306/TCP (via service db-service:3306) should be allowed but is denied: internal is isolated for egress by internal-policy, whose rules allow only payroll:8080/TCP; every pod in namespaces name=mysql on 3306/TCP; any destination on 53/UDP, 53/TCP.',
  ]);
});

test('an allow-all policy fails the denied check and the guard', () => {
  const lab = scenarioTestLab(s);
  lab.run(policy(RIGHT));
  const r0 = lab.run(
    [
      "cat <<'END' | kubectl apply -f -",
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: let-all',
      'spec:',
      '  podSelector: {}',
      '  policyTypes: [Ingress, Egress]',
      '  ingress: [{}]',
      '  egress: [{}]',
      'END',
    ].join('\n'),
  );
  assert.equal(r0.exitCode, 0, r0.stderr);
  const r = gradeStep(lab, s, TASK);
  assert.deepEqual(r.checks.filter((c) => !c.passed).map((c) => c.kind), ['intent', 'reach', 'unchanged']);
  const failed = r.checks.filter((c) => !c.passed && c.kind !== 'intent');
  assert.equal(failed[0]!.explanation, 'internal → external:8080/TCP (via service external-service:8080) should be denied but is allowed: let-all lets internal send it (everything), and let-all lets external receive it (everything).');
  // Every port now, not only the declared ones; and pods there could be, not only those that exist.
  assert.deepEqual(failed[1]!.explanation.split('\n').slice(0, 4), [
    '6 connections the task does not ask about changed:',
    'external → payroll on any port was denied and is now allowed: let-all lets external send it and let-all lets payroll receive it.',
    'mysql → payroll on any port was denied and is now allowed: let-all lets mysql send it and let-all lets payroll receive it.',
    'payroll → a pod labelled name=payroll in namespace default on any port was denied and is now allowed: let-all lets payroll send it and let-all lets a pod labelled name=payroll in namespace default receive it.',
  ]);
  assert.deepEqual(failed[1]!.connections.slice(0, 2), [
    { from: 'external', to: 'payroll', port: 8080, protocol: 'TCP', expected: false, actual: true },
    { from: 'mysql', to: 'payroll', port: 8080, protocol: 'TCP', expected: false, actual: true },
  ]);
});

test('questions: choices, short answers, select-all', () => {
  const count = s.steps.find((x) => x.id === 'count')!.body;
  if (count.kind !== 'single') return assert.fail('count is a single-choice question');
  assert.deepEqual(gradeAnswer(count, '1'), { correct: true, explanation: 'Correct. `kubectl get netpol` lists one: payroll-policy.' });
  assert.deepEqual(gradeAnswer(count, '2'), { correct: false, explanation: 'Not quite: try again.' });
  const name = s.steps.find((x) => x.id === 'name')!.body;
  if (name.kind === 'task') return assert.fail('name is a question');
  assert.equal(gradeAnswer(name, '  Payroll-Policy. ').correct, true);
  assert.equal(gradeAnswer(name, '`payroll-policy`').correct, true);
  assert.equal(gradeAnswer(name, 'internal-policy').correct, false);
  assert.deepEqual(gradeAnswer(name, ''), { correct: false, explanation: 'Type an answer first.' });
  const multi = { kind: 'multiple' as const, choices: ['a', 'b', 'c'], answers: ['a', 'b'], explain: '' };
  assert.deepEqual(gradeAnswer(multi, ['a', 'c']), { correct: false, explanation: 'Not quite: 1 right answer is not selected and 1 selected answer is wrong.' });
  assert.equal(gradeAnswer(multi, ['b', 'a']).correct, true);
});

test('a second wrong answer says why (the step\'s explain), and another try is still allowed', () => {
  const q = s.steps.find((x) => x.id === 'applied-to')!.body;
  if (q.kind === 'task') return assert.fail('applied-to is a question');
  assert.deepEqual(gradeAnswer(q, 'internal', 0), { correct: false, explanation: 'Not quite: try again.' });
  assert.deepEqual(gradeAnswer(q, 'internal', 1), {
    correct: false,
    explanation: 'Not quite. Its podSelector is `name=payroll`, and only the payroll pod has that label (`kubectl get pods --show-labels`). Try again.',
  });
  assert.equal(gradeAnswer(q, 'payroll', 2).correct, true);
  const multi = { kind: 'multiple' as const, choices: ['a', 'b', 'c'], answers: ['a', 'b'], explain: 'a and b are both true.' };
  assert.equal(gradeAnswer(multi, ['a'], 1).explanation, 'Not quite: 1 right answer is not selected. a and b are both true.');
});
