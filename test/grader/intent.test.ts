// Issue 17: grading that cannot be fooled and accepts every right answer. The wrong answers
// U1–U6 that passed the probing grader are refused, each with what is too open; answers that
// differ only in spelling (matchExpressions, policyTypes order, split port ranges) are accepted.
// Explanations are the grader's own words (server/grader/policy-diff.ts and field.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeStep, runScript } from '../../server/lab/index.js';
import type { TaskResult } from '../../server/grader/index.js';
import { loadScenario, scenarioTestLab } from '../helpers/lab.js';

function gradeWith(id: string, stepId: string, yaml: string): TaskResult {
  const s = loadScenario(id);
  const index = s.steps.findIndex((x) => x.id === stepId);
  const lab = scenarioTestLab(s);
  for (const r of runScript(lab, ["cat <<'END' | kubectl apply -f -", ...yaml.trim().split('\n'), 'END'])) assert.equal(r.exitCode, 0, r.stderr);
  return gradeStep(lab, s, index);
}

function failed(r: TaskResult): Record<string, string> {
  return Object.fromEntries(r.checks.filter((c) => !c.passed).map((c) => [c.kind === 'intent' ? 'intent' : c.title, c.explanation]));
}

function passes(r: TaskResult): void {
  assert.equal(r.passed, true, JSON.stringify(failed(r), null, 1));
}

const SEED_HEAD = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: internal-policy
spec:
  podSelector:
    matchLabels:
      name: internal
  policyTypes: [Egress]
  egress:`;
const DNS = `
  - ports:
    - {port: 53, protocol: UDP}
    - {port: 53, protocol: TCP}`;

test('U1: the seed task with payroll and mysql rules without ports is refused: mysql is open on every port', () => {
  const r = gradeWith('network-policies', 'internal-policy', `${SEED_HEAD}
  - to: [{podSelector: {matchLabels: {name: payroll}}}]
  - to: [{podSelector: {matchLabels: {name: mysql}}}]${DNS}`);
  assert.equal(r.passed, false);
  assert.deepEqual(Object.keys(failed(r)), ['intent']);
  assert.equal(
    failed(r).intent,
    // Port 53 may differ (the task accepts DNS to kube-dns only, or anywhere).
    'internal → mysql on any port except 53/TCP, 3306/TCP, 53/UDP, 53/SCTP is allowed (internal-policy lets internal send it), but the task allows internal → mysql only on 53/TCP, 3306/TCP, 53/UDP.',
  );
});

test('U2: one rule with both peers and both ports is refused: it opens mysql:8080', () => {
  const r = gradeWith('network-policies', 'internal-policy', `${SEED_HEAD}
  - to: [{podSelector: {matchLabels: {name: payroll}}}, {podSelector: {matchLabels: {name: mysql}}}]
    ports: [{port: 8080}, {port: 3306}]${DNS}`);
  assert.deepEqual(Object.keys(failed(r)), ['intent']);
  // payroll:3306 stays closed by payroll-policy's ingress rule; mysql:8080 is the hole.
  assert.match(failed(r).intent!, /^internal → mysql:8080\/TCP is allowed \(internal-policy lets internal send it\), but the task allows internal → mysql only on 53\/TCP, 3306\/TCP, 53\/UDP\./);
});

const AND_OR = (ports: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-clients, namespace: db}
spec:
  podSelector: {matchLabels: {app: postgres}}
  policyTypes: [Ingress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {team: a}}
      podSelector: {matchLabels: {role: client}}${ports}`;

test('U3: and-versus-or without the asked TCP 5432 only is refused', () => {
  passes(gradeWith('and-versus-or', 'clients-of-team-a', AND_OR('\n    ports: [{protocol: TCP, port: 5432}]')));
  const r = gradeWith('and-versus-or', 'clients-of-team-a', AND_OR(''));
  assert.deepEqual(Object.keys(failed(r)), ['intent']);
  assert.equal(
    failed(r).intent,
    'team-a/client-a → db/postgres on any port except 5432/TCP is allowed (db-clients lets db/postgres receive it), but the task allows team-a/client-a → db/postgres only on 5432/TCP.\n' +
      // A pod not created yet that the policy selects too.
      'team-a/client-a → a pod labelled app=postgres,role=client in namespace db on any port except 5432/TCP is allowed (db-clients lets a pod labelled app=postgres,role=client in namespace db receive it), but the task allows team-a/client-a → a pod labelled app=postgres,role=client in namespace db only on 5432/TCP.',
  );
});

const OFFICE = (block: string, ports: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: office-only}
spec:
  podSelector: {matchLabels: {app: agent}}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: ${block}}]${ports}`;

test('U4: ipblock-except refuses a /32 inside the office network, and the right ipBlock without ports', () => {
  const right = '{cidr: 172.17.0.0/16, except: [172.17.1.0/24]}';
  const tcp443 = '\n    ports: [{protocol: TCP, port: 443}]';
  passes(gradeWith('ipblock-except', 'office-not-guest', OFFICE(right, tcp443)));
  const r1 = gradeWith('ipblock-except', 'office-not-guest', OFFICE('{cidr: 172.17.5.10/32}', tcp443));
  assert.deepEqual(Object.keys(failed(r1)), ['intent']);
  // The address just below the /32, inside the office network.
  assert.equal(failed(r1).intent, 'agent → the outside address 172.17.5.9 on 443/TCP is denied (agent is isolated for egress by office-only, which allows none of it), but the task allows it.');
  const r2 = gradeWith('ipblock-except', 'office-not-guest', OFFICE(right, ''));
  assert.deepEqual(Object.keys(failed(r2)), ['intent']);
  assert.match(failed(r2).intent!, /^agent → registry\.office on any port except 443\/TCP is allowed \(office-only lets agent send it\), but the task allows agent → registry\.office only on 443\/TCP\./);
});

test('U5: named-ports refuses ingress [{ports: [{port: http}]}], open to everyone', () => {
  const r = gradeWith(
    'named-ports',
    'allow-http',
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: shop-http}
spec:
  podSelector: {matchLabels: {app: shop}}
  policyTypes: [Ingress]
  ingress: [{ports: [{port: http}]}]`,
  );
  assert.equal(r.passed, false);
  assert.match(failed(r).intent!, /:8080\/TCP is allowed \(shop-http lets [^)]+ receive it\), but the task denies /);
});

const RANGE = (to: string, ports: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: stream-range}
spec:
  podSelector: {matchLabels: {app: client}}
  policyTypes: [Egress]
  egress:
  - ${to}ports: ${ports}`;

test('U6: end-port-range refuses the range with no `to`; two adjacent ranges are accepted', () => {
  const r = gradeWith('end-port-range', 'port-range', RANGE('', '[{protocol: TCP, port: 32000, endPort: 32768}]'));
  assert.deepEqual(Object.keys(failed(r)), ['intent']);
  assert.match(failed(r).intent!, /^client → a pod labelled app=client in namespace default on 32000-32768\/TCP is allowed \(stream-range lets client send it\), but the task denies client → a pod labelled app=client in namespace default\.\n/);
  assert.match(failed(r).intent!, /\nclient → the outside address 203\.0\.113\.7 on 32000-32768\/TCP is allowed/);
  const split = gradeWith('end-port-range', 'port-range', RANGE('to: [{podSelector: {matchLabels: {app: streamer}}}]\n    ', '[{protocol: TCP, port: 32000, endPort: 32400}, {protocol: TCP, port: 32401, endPort: 32768}]'));
  passes(split);
  assert.equal(split.checks.find((c) => c.kind === 'field')!.explanation, 'egress rule 1 allows 32000-32768/TCP.');
  const short = gradeWith('end-port-range', 'port-range', RANGE('to: [{podSelector: {matchLabels: {app: streamer}}}]\n    ', '[{protocol: TCP, port: 32000, endPort: 32400}, {protocol: TCP, port: 32402, endPort: 32768}]'));
  assert.equal(failed(short)["NetworkPolicy stream-range: the first egress rule's first port's end port is \"32768\""], 'egress rule 1 of NetworkPolicy stream-range allows 32000-32400/TCP, so the range ends at 32400, expected 32768.');
});

test('matchExpressions instead of matchLabels is accepted, by the field check too', () => {
  const r = gradeWith(
    'network-policies',
    'internal-policy',
    `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: internal-policy
spec:
  podSelector:
    matchExpressions: [{key: name, operator: In, values: [internal]}]
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {name: payroll}}}]
    ports: [{port: 8080}]
  - to: [{podSelector: {matchExpressions: [{key: name, operator: In, values: [mysql]}]}}]
    ports: [{port: 3306, protocol: TCP}]${DNS}`,
  );
  passes(r);
  assert.equal(r.checks.find((c) => c.kind === 'field')!.explanation, 'Its pod selector selects name=internal.');
});

test('a selector that also accepts another value fails the field check, in words', () => {
  const r = gradeWith('network-policies', 'internal-policy', `${SEED_HEAD.replace('matchLabels:\n      name: internal', 'matchExpressions: [{key: name, operator: In, values: [internal, external]}]')}
  - to: [{podSelector: {matchLabels: {name: payroll}}}]
    ports: [{port: 8080}]`);
  assert.equal(failed(r)['NetworkPolicy internal-policy: the pod selector\'s label name is "internal"'], 'The pod selector of NetworkPolicy internal-policy accepts name=internal and name=external, expected only name=internal.');
});

test('policyTypes in another order is accepted; a missing type is said in words', () => {
  const yaml = (types: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: sandbox}
spec:
  podSelector: {}
  policyTypes: ${types}`;
  const r = gradeWith('deny-all', 'deny-all', yaml('[Egress, Ingress]'));
  passes(r);
  const bad = gradeWith('deny-all', 'deny-all', yaml('[Ingress]'));
  assert.equal(failed(bad)['NetworkPolicy deny-all in namespace sandbox: {.spec.policyTypes[*]} is "Ingress Egress"'], 'policyTypes of NetworkPolicy deny-all in namespace sandbox is Ingress, expected Ingress and Egress (in any order).');
});
