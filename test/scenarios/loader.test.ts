// Loader messages, golden: the text is ours (the loader's contract in server/scenarios/load.ts),
// each with file:line:column, the field path, what was expected, and a suggestion where one helps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatProblem, parseScenario, SCENARIO_SCHEMA } from '../../server/scenarios/index.js';

const BASE = `id: demo
title: Demo
cluster:
  files: [{path: deny.yaml, content: "kind: NetworkPolicy"}]
  pods:
  - name: web
    labels: {app: web}
    ports: [80]
  - name: client
    labels: {app: client}
steps:
- id: protect
  text: Protect web.
  task:
    checks:
    - reach: {from: client, to: web, port: 80, allowed: false}
  solution: |
    kubectl create -f deny.yaml
`;

function problems(text: string): string[] {
  return parseScenario(text, 'demo.yaml').problems.map(formatProblem);
}

test('a valid scenario loads with no problem', () => {
  const r = parseScenario(BASE, 'demo.yaml');
  assert.deepEqual(r.problems, []);
  assert.equal(r.scenario?.steps[0]?.body.kind, 'task');
});

const cases: [string, (t: string) => string, string[]][] = [
  [
    'a misspelt key names the key and suggests the right one',
    (t) => t.replace('allowed: false}', 'alowed: false}'),
    [
      'demo.yaml:16:14: steps[0].task.checks[0].reach: missing required key "allowed"',
      'demo.yaml:16:48: steps[0].task.checks[0].reach: unknown key "alowed" (did you mean "allowed"?)',
    ],
  ],
  [
    'an unknown key without a near one lists the expected keys',
    (t) => t.replace('title: Demo', 'title: Demo\nzzz: 1'),
    ['demo.yaml:3:1: unknown key "zzz": expected one of id, title, summary, difficulty, tags, minutes, map, cluster, steps'],
  ],
  [
    'a wrong type says what was expected and what was found',
    (t) => t.replace('port: 80, allowed', 'port: "80", allowed'),
    ['demo.yaml:16:44: steps[0].task.checks[0].reach.port: expected a whole number, got a string ("80")'],
  ],
  [
    'an enum lists its values',
    (t) => t.replace('port: 80, allowed', 'port: 80, protocol: tcp, allowed'),
    ['demo.yaml:16:58: steps[0].task.checks[0].reach.protocol: expected one of "TCP", "UDP", "SCTP", got a string ("tcp")'],
  ],
  [
    'a check with two keys asks for exactly one',
    (t) => t.replace('    - reach: {from: client, to: web, port: 80, allowed: false}', '    - reach: {from: client, to: web, port: 80, allowed: false}\n      exists: {kind: Pod, name: web}'),
    ['demo.yaml:16:7: steps[0].task.checks[0]: expected exactly one of reach, unchanged, intent, exists, absent, field, file, service, nodeReady, staticPod, snapshot, certExpiry, count, podsPerNode, rollout, can'],
  ],
  [
    'a container port of the wrong form says which forms are expected',
    (t) => t.replace('ports: [80]', 'ports: ["http"]'),
    ['demo.yaml:8:13: cluster.pods[0].ports[0]: expected a container port: a number, or {port, protocol, name}'],
  ],
  [
    'a YAML syntax error is located',
    (t) => t.replace('  text: Protect web.', '  text: Protect web.\n   bad: [1'),
    [],
  ],
  [
    'duplicate step ids',
    (t) => t.replace(/steps:\n([\s\S]*)$/, (_m, body: string) => `steps:\n${body}${body}`),
    ['demo.yaml:19:7: steps[1].id: duplicate step id "protect" (also steps[0])'],
  ],
  [
    'a question whose answer is not a choice',
    (t) => t.replace('steps:\n', 'steps:\n- id: q\n  text: How many?\n  question:\n    choices: ["1", "2"]\n    answer: "3"\n'),
    ['demo.yaml:16:13: steps[0].question.answer: "3" is not one of the choices'],
  ],
  [
    'a step with both a question and a task',
    (t) => t.replace('  task:\n', '  question: {accept: [x]}\n  task:\n'),
    ['demo.yaml:12:3: steps[0]: a step has either a question or a task (exactly one)'],
  ],
  [
    'a selector that matches no pod',
    (t) => t.replace('from: client,', 'from: {selector: {app: clinet}},'),
    ['demo.yaml:16:21: steps[0].task.checks[0].reach.from: selector app=clinet matches no pod in namespace default'],
  ],
  [
    'a port that nothing declares',
    (t) => t.replace('port: 80, allowed', 'port: 8080, allowed'),
    ['demo.yaml:16:44: steps[0].task.checks[0].reach.port: pod web declares no port 8080/TCP (declared: 80/TCP)'],
  ],
  [
    'an external host that is not declared, with a suggestion',
    (t) => t.replace('  - name: client', '  - name: client2\n  - name: client').replace('cluster:\n', 'cluster:\n  externalHosts: [{name: db.example.com, ip: 10.0.0.10, ports: [3306]}]\n').replace('to: web, port: 80', 'to: {external: db.exampel.com}, port: 3306'),
    ['demo.yaml:18:33: steps[0].task.checks[0].reach.to: no external host "db.exampel.com" in cluster.externalHosts (did you mean "db.example.com"?)'],
  ],
  [
    'a solution that reads a file nobody wrote',
    (t) => t.replace('  files: [{path: deny.yaml, content: "kind: NetworkPolicy"}]\n', ''),
    ['demo.yaml:16:13: steps[0].solution: the solution reads deny.yaml, which no file of the scenario or earlier solution line provides'],
  ],
  [
    'an unknown kind in a resource check, with a suggestion',
    (t) => t.replace('    - reach: {from: client, to: web, port: 80, allowed: false}', '    - reach: {from: client, to: web, port: 80, allowed: false}\n    - exists: {kind: NetworkPolicyy, name: x}'),
    ['demo.yaml:17:22: steps[0].task.checks[1].exists.kind: unknown kind "NetworkPolicyy" (did you mean "NetworkPolicy"?)'],
  ],
  [
    'a manifest that does not seed gives the API server message',
    (t) => t.replace('cluster:\n', 'cluster:\n  policies:\n  - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicy, metadata: {name: p}, spec: {podSelector: {}, ingress: [{ports: [{protocol: tcp}]}]}}\n'),
    ['demo.yaml:5:5: cluster.policies[0]: the API server refuses it: NetworkPolicy "p" is invalid: spec.ingress[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"'],
  ],
];

for (const [name, edit, expected] of cases) {
  test(`loader: ${name}`, () => {
    const got = problems(edit(BASE));
    if (expected.length === 0) {
      assert.ok(got.length >= 1);
      assert.equal(got[0], 'demo.yaml:13:9: YAML: Nested mappings are not allowed in compact mappings');
    } else assert.deepEqual(got, expected);
  });
}

test('the loader bounds size, aliases and depth', () => {
  assert.match(problems(`id: x\ntitle: "${'a'.repeat(600 * 1024)}"\nsteps: []\n`)[0]!, /larger than 512 KiB/);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
  assert.match(problems(bomb)[0]!, /YAML: .*alias/i);
  assert.match(problems(`id: x\ntitle: y\nsteps: ${'['.repeat(60)}${']'.repeat(60)}\n`)[0]!, /nested deeper than 40 levels/);
  assert.match(problems('- a\n- b\n')[0]!, /expected a mapping with id, title and steps/);
});

test('scenarios/schema.json is generated from the schema the loader uses (npm run schema)', () => {
  const file = JSON.parse(readFileSync(new URL('../../scenarios/schema.json', import.meta.url), 'utf8'));
  assert.deepEqual(file, JSON.parse(JSON.stringify(SCENARIO_SCHEMA)));
});
