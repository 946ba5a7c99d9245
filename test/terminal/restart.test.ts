// Restart safety: a learner works in a lab, the server stops, a new server starts on the same
// data directory, and the lab, its files, history, aliases, variables, screen and progress are
// all there. The command log and events are in the store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labClient } from '../helpers/socket.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const connect = (server: TestServer, cookie: string) => labClient(server.url, cookie);

/** Types a line and waits for what it prints after that moment (never for text already on screen) and the next prompt. */
async function run(c: ReturnType<typeof connect>, line: string, want: RegExp = /(?:)/): Promise<string> {
  const from = c.screen().length;
  c.socket.emit('input', `${line}\r`);
  await c.until(() => {
    const fresh = c.screen().slice(from);
    return want.test(fresh) && /[➜✖]  $/.test(fresh);
  }, line);
  return c.screen().slice(from);
}


test('pulling the plug loses nothing: the lab, its history and the progress come back', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ckalab-restart-'));
  try {
    const first = await startTestServer({ dataDir, keepData: true });
    const user = first.store.createUser('Kim', null, 'learner', Date.now());
    assert.ok(!('error' in user));
    const token = first.store.createSession(user.id, Date.now()).token;
    const cookie = `ckalab_session=${token}`;
    const a = connect(first, cookie);
    await a.until(() => /➜  $/.test(a.screen()), 'prompt');
    assert.equal((await a.call('panel:answer', { step: 0, response: '1' })).correct, true);
    for (const line of ['export COLOR=teal', "alias kgn='kubectl get netpol'", "echo 'kind: Note' > note.yaml"]) await run(a, line);
    await run(a, 'kubectl create ns practice', /namespace\/practice created/);
    a.socket.close();
    await first.stop();

    const second = await startTestServer({ dataDir, keepData: true });
    const b = connect(second, cookie);
    await b.until(() => /namespace\/practice created/.test(b.screen()), 'the saved screen replays');
    await b.until(() => b.state()?.steps[0].status === 'passed', 'step 1 still passed');
    assert.equal(b.state().steps[1].status, 'open');
    for (const [line, want] of [
      ['echo $COLOR', /\r\nteal\r\n/],
      ['kgn', /payroll-policy   name=payroll/],
      ['cat note.yaml', /\r\nkind: Note\r\n/],
      ['kubectl get ns practice', /practice   Active/],
      ['history | tail -6', /\r\n +4  kubectl create ns practice\r\n(?: +\d+  .*\r\n){4} +9  history \| tail -6\r\n/],
    ] as const) {
      await run(b, line, want);
    }
    const attempt = second.store.openAttempt(user.id, 'network-policies')!;
    const lines = second.store.commandsOf(attempt.attempt.id).map((c) => c.line);
    assert.deepEqual(lines.slice(0, 4), ['export COLOR=teal', "alias kgn='kubectl get netpol'", "echo 'kind: Note' > note.yaml", 'kubectl create ns practice']);
    assert.deepEqual(second.store.eventsOf(attempt.attempt.id).map((e) => [e.kind, e.step, e.passed]), [['answer', 0, 1]]);
    b.socket.close();
    await second.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('another device of the same learner opens the same lab; two tabs share one terminal', async () => {
  const server = await startTestServer();
  try {
    const phone = connect(server, server.cookie('Lee'));
    const laptop = connect(server, server.cookie('Lee'));
    await phone.until(() => /➜  $/.test(phone.screen()), 'phone prompt');
    await laptop.until(() => /➜  $/.test(laptop.screen()), 'laptop prompt');
    phone.socket.emit('input', 'echo from-phone\r');
    laptop.socket.emit('input', 'echo from-laptop\r');
    await laptop.until(() => /from-phone/.test(laptop.screen()) && /\r\nfrom-laptop\r\n/.test(laptop.screen()), 'both lines on both');
    const other = connect(server, server.cookie('Someone Else'));
    await other.until(() => /➜  $/.test(other.screen()), 'other prompt');
    assert.doesNotMatch(other.screen(), /from-phone/);
    for (const c of [phone, laptop, other]) c.socket.close();
  } finally {
    await server.stop();
  }
});
