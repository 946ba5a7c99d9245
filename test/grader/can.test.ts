// `can` checks: decided by the lab's RBAC authorizer, explained in plain words, and refusing an
// answer that grants more than the task asks for (the probes around an allowed request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gradeTask } from '../../server/grader/index.js';
import type { Task } from '../../server/scenarios/index.js';
import { makeLab } from '../helpers/lab.js';

const SA = 'system:serviceaccount:dev:app';
const task = (...checks: Task['checks']): Task => ({ kind: 'task', checks });
const can = (verb: string, resource: string, allowed: boolean, namespace: string | undefined = 'dev', as = SA) =>
  ({ kind: 'can', as, groups: [], verb, resource, namespace, name: undefined, allowed }) as const;

function lab(...lines: string[]) {
  const { lab } = makeLab();
  for (const l of ['kubectl create ns dev', ...lines]) assert.equal(lab.run(l).exitCode, 0, l);
  return lab;
}

const grade = (l: ReturnType<typeof lab>, t: Task) => gradeTask(t, { cluster: l.cluster, engine: l.engine() }, undefined);

test('a denied request is explained: no binding grants it', () => {
  const r = grade(lab(), task(can('list', 'pods', true)));
  assert.equal(r.passed, false);
  assert.equal(r.checks[0]!.title, 'ServiceAccount dev/app can list pods in dev');
  assert.equal(
    r.checks[0]!.explanation,
    'ServiceAccount dev/app cannot list pods in dev: no RoleBinding in dev and no ClusterRoleBinding grants list on pods to ServiceAccount dev/app or the groups system:serviceaccounts, system:serviceaccounts:dev, system:authenticated.',
  );
});

test('the least-privilege answer passes, with the binding that allows it', () => {
  const l = lab('kubectl create role r --verb=list --resource=pods -n dev', 'kubectl create rolebinding b --role=r --serviceaccount=dev:app -n dev');
  const r = grade(l, task(can('list', 'pods', true), can('list', 'pods', false, 'default')));
  assert.equal(r.passed, true);
  assert.equal(r.checks[0]!.explanation, 'ServiceAccount dev/app can list pods in dev and nothing broader around it. Allowed by RoleBinding "b/dev" of Role "r" to ServiceAccount "app/dev".');
  assert.equal(r.checks[1]!.explanation, 'ServiceAccount dev/app cannot list pods in default, as expected.');
});

test("over-broad answers fail: --verb='*', other resources, cluster-wide, cluster-admin", () => {
  const cases: [string[], string][] = [
    [["kubectl create role r --verb='*' --resource=pods -n dev", 'kubectl create rolebinding b --role=r --serviceaccount=dev:app -n dev'], 'but can also get pods in dev'],
    [['kubectl create role r --verb=list --resource=pods,secrets -n dev', 'kubectl create rolebinding b --role=r --serviceaccount=dev:app -n dev'], 'but can also list secrets in dev'],
    [['kubectl create clusterrole r --verb=list --resource=pods', 'kubectl create clusterrolebinding b --clusterrole=r --serviceaccount=dev:app'], 'but can also list pods in kube-system'],
    [['kubectl create clusterrolebinding b --clusterrole=cluster-admin --serviceaccount=dev:app'], 'but can also get pods in dev'],
  ];
  for (const [lines, words] of cases) {
    const r = grade(lab(...lines), task(can('list', 'pods', true)));
    assert.equal(r.passed, false, lines.join('; '));
    assert.ok(r.checks[0]!.explanation.includes(words), r.checks[0]!.explanation);
  }
});

test('requests another can check of the task allows are not probes', () => {
  const l = lab('kubectl create role r --verb=get,list,watch --resource=pods -n dev', 'kubectl create rolebinding b --role=r --serviceaccount=dev:app -n dev');
  assert.equal(grade(l, task(can('list', 'pods', true))).passed, false);
  assert.equal(grade(l, task(can('list', 'pods', true), can('get', 'pods', true), can('watch', 'pods', true))).passed, true);
});

test('a user in a group; the unwanted user stays refused', () => {
  const l = lab('kubectl create clusterrole nv --verb=get --resource=nodes', 'kubectl create clusterrolebinding nv --clusterrole=nv --group=ops');
  const r = grade(l, task({ kind: 'can', as: 'alice', groups: ['ops'], verb: 'get', resource: 'nodes', namespace: undefined, name: undefined, allowed: true }, can('get', 'nodes', false, undefined, 'bob')));
  assert.equal(r.passed, true, JSON.stringify(r.checks));
  assert.equal(r.checks[0]!.title, 'alice can get nodes cluster-wide');
  assert.equal(r.checks[1]!.title, 'bob cannot get nodes cluster-wide');
});
