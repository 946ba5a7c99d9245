// The task panel over socket.io against the real server: answers, checks (refused while a
// command runs), hints, solutions, skips, reset, the app page, and map updates after commands.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { labClient } from '../helpers/socket.js';
import { startTestServer } from '../helpers/server.js';
import { loadScenario } from '../helpers/lab.js';

const server = await startTestServer();
after(() => server.stop());

const connect = (sid: string) => labClient(server.url, server.cookie(sid));

test('a learner answers, asks for a hint, checks a task, and completes the scenario', async () => {
  const c = await connect('panelAAAAAAAAAAAAAAAAA');
  const st = await c.next('panel:state');
  assert.equal(st.steps.length, 9);
  assert.equal(st.steps[0].status, 'open');
  assert.deepEqual(await c.call('panel:answer', { step: 0, response: '2' }), { correct: false, explanation: 'Not quite: try again.' });
  assert.deepEqual(await c.call('panel:answer', { step: 1, response: 'x' }), { error: 'Finish the steps before this one first (or skip them).' });
  assert.equal((await c.call('panel:answer', { step: 0, response: '1' })).correct, true);
  await c.next('panel:state', (s) => s.steps[1].status === 'open');
  assert.deepEqual(await c.call('panel:hint', { step: 1 }), { error: 'This step has no hints.' });
  for (let i = 1; i < 8; i++) assert.deepEqual(await c.call('panel:skip', { step: i }), { ok: true });
  const failed = await c.call('panel:check', { step: 8 });
  assert.equal(failed.passed, false);
  assert.match(failed.checks.find((x: any) => !x.passed && x.kind !== 'intent').explanation, /does not exist/);
  const map0 = await c.next('panel:map', (m) => m.failing.length > 0);
  assert.deepEqual(map0.failing, [{ from: 'internal', to: 'external', port: '8080/TCP' }]);
  assert.match((await c.call('panel:hint', { step: 8 })).hint, /kubectl explain/);
  // The learner writes the policy in the terminal; the map redraws after the command.
  await c.waitFor(/➜  $/);
  const solution = (await c.call('panel:solution', { step: 8 })).solution as string;
  c.socket.emit('input', solution.replace(/\n/g, '\r') + '\r');
  await c.waitFor(/networkpolicy\.networking\.k8s\.io\/internal-policy created/);
  const map1 = await c.next('panel:map', (m) => m.edges.some((e: any) => e.from === 'default/internal' && e.to === 'default/external' && e.denied.includes('8080/TCP')));
  assert.ok(map1.nodes.length === 4);
  const passed = await c.call('panel:check', { step: 8 });
  assert.equal(passed.passed, true, JSON.stringify(passed.checks.filter((x: any) => !x.passed)));
  const done = await c.next('panel:state', (s) => s.summary.completed);
  assert.equal(done.summary.solutions, 1);
  assert.equal(done.steps[8].solution, solution);
  c.socket.close();
});

test('check is refused while a command still runs; invalid requests get an error', async () => {
  const c = await connect('panelBBBBBBBBBBBBBBBBB');
  await c.waitFor(/➜  $/);
  for (let i = 0; i < 8; i++) await c.call('panel:skip', { step: i });
  c.socket.emit('input', 'kubectl exec external -- nc -zv -w 5 payroll-service 8080\r');
  await c.waitFor(/nc -zv -w 5 payroll-service 8080\r\n/);
  assert.deepEqual(await c.call('panel:check', { step: 8 }), { error: 'A command is still running in the terminal: wait for it (or press Ctrl-C), then check again.' });
  c.socket.emit('input', '\x03');
  await c.waitFor(/\^C\r\n\r\ncontrolplane ~ ✖  $/);
  assert.equal((await c.call('panel:check', { step: 8 })).passed, false);
  assert.deepEqual(await c.call('panel:check', { step: 'x' }), { error: 'Invalid request.' });
  assert.deepEqual(await c.call('panel:answer', { step: 0, response: { a: 1 } }), { error: 'Invalid request.' });
  assert.deepEqual(await c.call('panel:check', { step: 0 }), { error: 'This step is a question: answer it.' });
  c.socket.close();
});

test('reset gives a fresh cluster and a clean screen; progress stays', async () => {
  const c = await connect('panelCCCCCCCCCCCCCCCCC');
  await c.waitFor(/➜  $/);
  await c.call('panel:answer', { step: 0, response: '1' });
  c.socket.emit('input', 'kubectl delete netpol payroll-policy\r');
  await c.waitFor(/deleted/);
  assert.deepEqual(await c.call('panel:reset', {}), { ok: true });
  c.socket.emit('input', 'kubectl get netpol\r');
  await c.waitFor(/payroll-policy   name=payroll/);
  const st = await c.next('panel:state');
  assert.equal(st.steps[0].status, 'passed');
  // The dashboard's timeline records the Reset.
  const user = server.store.userByName('panelCCCCCCCCCCCCCCCCC')!;
  const attempt = server.store.attemptsOf(user.id)[0]!;
  assert.ok(server.store.eventsOf(attempt.id).some((e) => e.kind === 'reset'));
  c.socket.close();
});

test('reset forgets the last check result: it described the old cluster', async () => {
  const c = await connect('panelResetCheckAAAAAA');
  await c.waitFor(/➜  $/);
  const task = loadScenario('network-policies').steps.findIndex((s) => s.body.kind === 'task');
  for (let i = 0; i < task; i++) await c.call('panel:skip', { step: i });
  const r = await c.call('panel:check', { step: task });
  assert.equal(r.passed, false, JSON.stringify(r));
  await c.next('panel:state', (s) => s.steps[task].check !== undefined);
  assert.deepEqual(await c.call('panel:reset', {}), { ok: true });
  const st = await c.next('panel:state', (s) => s.steps[task].check === undefined);
  assert.equal(st.steps[task].status, 'open');
  c.socket.close();
});

test('the app page tests a connection from its pod', async () => {
  const c = await connect('panelDDDDDDDDDDDDDDDDD');
  await c.next('panel:state');
  const ok = await c.call('panel:app', { pod: 'default/internal', host: 'payroll-service', port: 8080, mode: 'tcp' });
  assert.equal(ok.message, 'Success!');
  const no = await c.call('panel:app', { pod: 'default/external', host: 'payroll-service', port: 8080, mode: 'tcp' });
  assert.equal(no.message, 'Failed! Timed out connecting to payroll-service:8080.');
  assert.deepEqual(await c.call('panel:app', { pod: 'default/mysql', host: 'x', port: 1, mode: 'tcp' }), { error: 'This pod has no app page.' });
  c.socket.close();
});

test('a completed scenario starts again as a new attempt; an unfinished one refuses', async () => {
  const c = await connect('panelEEEEEEEEEEEEEEEEE');
  await c.next('panel:state');
  assert.deepEqual(await c.call('panel:restart', {}), { error: 'Finish this attempt first (or skip the remaining steps).' });
  for (let i = 0; i < 9; i++) await c.call('panel:skip', { step: i });
  await c.next('panel:state', (s) => s.summary.completed);
  assert.deepEqual(await c.call('panel:restart', {}), { ok: true });
  c.socket.close();
  const again = await connect('panelEEEEEEEEEEEEEEEEE');
  const st = await again.next('panel:state');
  assert.equal(st.summary.completed, false);
  assert.equal(st.steps[0].status, 'open');
  const user = server.store.userByName('panelEEEEEEEEEEEEEEEEE')!;
  assert.deepEqual(server.store.attemptsOf(user.id).map((a) => a.status).sort(), ['completed', 'started']);
  again.socket.close();
});

test('reset while a probe waits drops the old output and gives a working prompt', async () => {
  const c = await connect('panelFFFFFFFFFFFFFFFFF');
  await c.waitFor(/➜  $/);
  c.socket.emit('input', 'kubectl exec external -- nc -zv -w 5 payroll-service 8080\r');
  await c.waitFor(/payroll-service 8080\r\n$/);
  assert.deepEqual(await c.call('panel:reset', {}), { ok: true });
  c.socket.emit('input', 'echo after-reset\r');
  await c.waitFor(/\r\nafter-reset\r\n\r\ncontrolplane ~ ➜  $/);
  assert.doesNotMatch(c.screen(), /timed out/);
  c.socket.close();
});
