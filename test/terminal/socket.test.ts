// The terminal over socket.io against the real server on a free port: typed keys come back
// echoed, commands run, a second connection with the same session sees the same screen.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { labClient } from '../helpers/socket.js';
import { startTestServer } from '../helpers/server.js';

const server = await startTestServer();
after(() => server.stop());
const connect = (sid: string, lab?: string) => labClient(server.url, server.cookie(sid), lab);


test('a typed line is echoed and run', async () => {
  const t = await connect('sessionAAAAAAAAAAAAAA');
  await t.waitFor(/controlplane ~ ➜  $/);
  t.socket.emit('input', 'echo hello\r');
  await t.waitFor(/echo hello\r\nhello\r\n\r\ncontrolplane ~ ➜  $/);
  t.socket.emit('input', 'kubectl get netpol\r');
  await t.waitFor(/payroll-policy   name=payroll   \d+s\r\n/);
  t.socket.close();
});

test('a second tab on the same session replays the screen and shares the terminal', async () => {
  const a = await connect('sessionBBBBBBBBBBBBBB');
  await a.waitFor(/➜  $/);
  a.socket.emit('input', 'export X=shared\r');
  await a.waitFor(/export X=shared\r\n\r\ncontrolplane/);
  const b = await connect('sessionBBBBBBBBBBBBBB');
  await b.waitFor(/export X=shared/);
  b.socket.emit('input', 'echo $X\r');
  await a.waitFor(/\r\nshared\r\n/);
  a.socket.close();
  b.socket.close();
});

test('malformed events are dropped and the session keeps working', async () => {
  const t = await connect('sessionCCCCCCCCCCCCCC');
  await t.waitFor(/➜  $/);
  t.socket.emit('input', { not: 'a string' });
  t.socket.emit('input', 'x'.repeat(20_000)); // over the 16 KiB bound: dropped
  t.socket.emit('resize', { cols: 'wide' });
  t.socket.emit('bogus', 1);
  t.socket.emit('input', 'echo still-here\r');
  await t.waitFor(/\r\nstill-here\r\n/);
  t.socket.close();
});

test('a socket without a session cookie is refused', async () => {
  const socket = io(server.url, { query: { lab: 'network-policies' }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((ok) => socket.on('disconnect', () => ok()));
  socket.close();
});

test('a probe that times out holds its output, and Ctrl-C cancels it', async () => {
  const t = await connect('sessionDDDDDDDDDDDDDD');
  await t.waitFor(/➜  $/);
  t.socket.emit('input', 'kubectl exec external -- wget -qO- -T5 http://payroll-service:8080\r');
  await t.waitFor(/8080\r\n$/);
  t.socket.emit('input', 'echo typed-ahead\r');
  t.socket.emit('input', '\x03');
  await t.waitFor(/\^C\r\n\r\ncontrolplane ~ ✖  $/);
  // The typed-ahead line was echoed by the tty, then flushed by Ctrl-C: never run.
  assert.match(t.screen(), /8080\r\necho typed-ahead\r\n\^C/);
  assert.doesNotMatch(t.screen(), /download timed out|\r\ntyped-ahead\r\n/);
  t.socket.emit('input', 'echo after\r');
  await t.waitFor(/\r\nafter\r\n/);
  t.socket.close();
});

test('the internal pod of the seed reaches db-service with nc through the terminal', async () => {
  const t = await connect('sessionEEEEEEEEEEEEEE');
  await t.waitFor(/➜  $/);
  t.socket.emit('input', 'kubectl exec internal -- nc -z -v -w 2 db-service 3306\r');
  await t.waitFor(/db-service \(10\.96\.\d+\.\d+:3306\) open\r\n/);
  t.socket.close();
});

// A pty in canonical mode echoes keys typed while a command runs and keeps them for the shell,
// which reads them after the next prompt and shows them again (bash: `sleep 3`, then type).
test('a line typed while a command runs is echoed, queued and run after it', async () => {
  const t = await connect('sessionTypeAheadAAAAAA', 'playground');
  await t.waitFor(/➜  $/);
  t.socket.emit('input', 'sleep 1\r');
  await t.waitFor(/sleep 1\r\n$/);
  t.socket.emit('input', 'echo typed-ahead');
  t.socket.emit('input', 'x\x7f\r');
  await t.waitFor(
    /sleep 1\r\necho typed-aheadx\x08 \x08\r\n\r\ncontrolplane ~ ➜  echo typed-aheadx.*\r\ntyped-ahead\r\n\r\ncontrolplane ~ ➜  $/s,
  );
  // Ctrl-C while waiting drops what was typed ahead, as the tty flushes its input.
  t.socket.emit('input', 'sleep 5\r');
  await t.waitFor(/sleep 5\r\n$/);
  t.socket.emit('input', 'echo dropped\r');
  await t.waitFor(/echo dropped\r\n$/);
  t.socket.emit('input', '\x03');
  await t.waitFor(/echo dropped\r\n\^C\r\n\r\ncontrolplane ~ ✖  $/);
  t.socket.close();
});
