// The socket ends with its session (socket.io-client against the real server on a free port):
// sign-out, guest mode turned off, a revoked session, a role change, a deleted account (the last
// three from `ckalab user` on its own connection to the database, as another process would) and
// expiry each close every socket of the session at once, telling it why; a handshake with an
// ended session is refused with the reason; a handshake from another origin is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import { labClient, type LabClient } from '../helpers/socket.js';
import { startTestServer } from '../helpers/server.js';
import { openStore, Store } from '../../server/store/index.js';
import { runUserDelete, runUserRevoke, runUserRole } from '../../server/cli/commands/accounts.js';

const server = await startTestServer({ serve: { sessionCheckMs: 100 } });
// The `ckalab user` commands run in another process: a store on a connection of its own.
const cli = new Store(openStore(server.dataDir));
after(async () => {
  cli.db.close();
  await server.stop();
});

/** Resolves with the `signed-out` payload and the disconnect reason. */
const ended = (s: Socket) =>
  new Promise<{ signedOut: { reason: string; message: string }; disconnect: string }>((ok) => {
    let signedOut: { reason: string; message: string } | undefined;
    s.on('signed-out', (p: { reason: string; message: string }) => (signedOut = p));
    s.on('disconnect', (reason) => ok({ signedOut: signedOut!, disconnect: reason }));
  });

async function open(cookie: string, lab = 'network-policies'): Promise<LabClient> {
  const t = labClient(server.url, cookie, lab);
  await t.waitFor(/➜  $/);
  return t;
}

/** A handshake's refusal: the connect_error's message and data. */
const refused = (cookie: string, extra: Record<string, string> = {}, transports: ('websocket' | 'polling')[] = ['websocket']) =>
  new Promise<{ message: string; data?: { reason: string; message: string }; description?: unknown }>((ok) => {
    const s = io(server.url, { query: { lab: 'network-policies' }, extraHeaders: { cookie, ...extra }, transports, forceNew: true, reconnection: false });
    s.on('connect', () => {
      s.close();
      ok({ message: 'connected' });
    });
    s.on('connect_error', (e: Error & { data?: { reason: string; message: string }; description?: unknown }) => {
      s.close();
      ok({ message: e.message, ...(e.data ? { data: e.data } : {}), description: e.description });
    });
  });

async function csrfFor(cookie: string): Promise<string> {
  const page = await fetch(`${server.url}/me`, { headers: { cookie } });
  return /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
}

test('signing out ends every socket of the session at once; the terminal then takes nothing', async () => {
  const cookie = server.cookie('Sign Out Sue');
  const [a, b] = [await open(cookie), await open(cookie)];
  const other = await open(server.cookie('Stays Stan'));
  const endA = ended(a.socket);
  const endB = ended(b.socket);
  const r = await fetch(`${server.url}/signout`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${await csrfFor(cookie)}`, redirect: 'manual' });
  assert.equal(r.status, 303);
  for (const e of [await endA, await endB]) {
    assert.deepEqual(e.signedOut, { reason: 'signed-out', message: 'You signed out.' });
    assert.equal(e.disconnect, 'io server disconnect');
  }
  // The other learner's terminal goes on.
  other.socket.emit('input', 'echo still-mine\r');
  await other.waitFor(/\r\nstill-mine\r\n/);
  other.socket.close();
  // Reconnecting with the ended session is refused, with the reason.
  assert.deepEqual(await refused(cookie), { message: 'signed-out', data: { reason: 'signed-out', message: 'You signed out.' }, description: undefined });
});

test('turning guest mode off ends the guests\' sockets, not the accounts\'', async () => {
  const guestCookie = server.cookie('Guest Gus'); // the helper makes guests (no password)
  const teacher = server.store.createUser('Teacher Tia', 'not-a-real-hash', 'instructor', Date.now());
  assert.ok(!('error' in teacher));
  const teacherCookie = `ckalab_session=${server.store.createSession(teacher.id, Date.now()).token}`;
  const guest = await open(guestCookie);
  const guestEnd = ended(guest.socket);
  const instructorTerm = await open(teacherCookie);
  const r = await fetch(`${server.url}/dashboard/settings`, { method: 'POST', headers: { cookie: teacherCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${await csrfFor(teacherCookie)}`, redirect: 'manual' });
  assert.equal(r.status, 303);
  const e = await guestEnd;
  assert.equal(e.signedOut.reason, 'guest-off');
  assert.equal(e.signedOut.message, 'An instructor turned guest access off, which ended every guest session. Sign in or create an account to go on.');
  instructorTerm.socket.emit('input', 'echo teacher-here\r');
  await instructorTerm.waitFor(/\r\nteacher-here\r\n/);
  instructorTerm.socket.close();
  server.store.setSetting('guest_mode', 'on');
});

test('`ckalab user revoke`, `user role` and `user delete` from another process end the sockets within seconds', async () => {
  const user = (name: string) => {
    const u = server.store.createUser(name, 'not-a-real-hash', 'learner', Date.now());
    assert.ok(!('error' in u));
    return { u, cookie: `ckalab_session=${server.store.createSession(u.id, Date.now()).token}` };
  };
  const revoked = user('Revoked Rita');
  const t1 = await open(revoked.cookie);
  const e1 = ended(t1.socket);
  assert.equal(runUserRevoke(cli, 'Revoked Rita', undefined, Date.now()).stdout, 'ended 1 session of Revoked Rita\n');
  assert.deepEqual((await e1).signedOut, { reason: 'revoked', message: 'An administrator ended this session.' });

  const promoted = user('Demoted Dan');
  cli.setRole(promoted.u.id, 'instructor', Date.now());
  const again = `ckalab_session=${server.store.createSession(promoted.u.id, Date.now()).token}`;
  const t2 = await open(again);
  const e2 = ended(t2.socket);
  assert.equal(runUserRole(cli, 'Demoted Dan', 'learner', Date.now()).stdout, 'Demoted Dan is now a learner; ended 1 session\n');
  assert.deepEqual((await e2).signedOut, { reason: 'role-changed', message: 'Your role changed: sign in again.' });

  const deleted = user('Deleted Dora');
  const t3 = await open(deleted.cookie);
  const e3 = ended(t3.socket);
  assert.match(runUserDelete(cli, 'Deleted Dora', Date.now()).stdout, /^deleted Deleted Dora/);
  // The rows went with the account: the server only knows the session is gone.
  assert.deepEqual((await e3).signedOut, { reason: 'ended', message: 'Your session has ended: sign in again.' });
  // In the server's own process the reason is known.
  const inProcess = user('Deleted Del');
  const t4 = await open(inProcess.cookie);
  const e4 = ended(t4.socket);
  server.store.deleteUser(inProcess.u.id, Date.now());
  assert.deepEqual((await e4).signedOut, { reason: 'deleted', message: 'Your account was deleted.' });
});

test('a session that expires ends its sockets', async () => {
  const saved = server.store.policy;
  server.store.policy = { ...saved, maxMs: 1500 };
  try {
    const t = await open(server.cookie('Expiring Eve'));
    const e = await ended(t.socket);
    assert.deepEqual(e.signedOut, { reason: 'expired', message: 'Your session expired: sign in again.' });
  } finally {
    server.store.policy = saved;
  }
});

test('terminal activity keeps the session from idling out', async () => {
  const saved = server.store.policy;
  const u = server.store.createUser('Busy Bea', 'not-a-real-hash', 'learner', Date.now());
  assert.ok(!('error' in u));
  const { token } = server.store.createSession(u.id, Date.now() - 10 * 60_000);
  server.store.policy = { ...saved, idleMs: 15 * 60_000 };
  try {
    const t = await open(`ckalab_session=${token}`);
    const before = server.store.sessionsOf(u.id, Date.now())[0]!.last_seen_at;
    t.socket.emit('input', 'echo typing\r');
    await t.waitFor(/\r\ntyping\r\n/);
    await t.until(() => server.store.sessionsOf(u.id, Date.now())[0]!.last_seen_at > before, 'the session touched');
    t.socket.close();
  } finally {
    server.store.policy = saved;
  }
});

test('1. a handshake from another origin is refused (WebSocket and polling); the own origin is not', async () => {
  const cookie = server.cookie('Origin Olga');
  for (const transports of [['websocket'], ['polling']] as const) {
    const r = await refused(cookie, { origin: 'http://127.0.0.1:4199' }, [...transports]);
    assert.notEqual(r.message, 'connected', transports[0]);
    assert.equal(server.registry.peek(`u${server.store.userByName('Origin Olga')!.id}`, 'network-policies'), undefined);
  }
  assert.equal((await refused(cookie, { origin: server.url })).message, 'connected');
  // A bare HTTP upgrade with a foreign Origin gets 403 before socket.io sees it.
  const port = new URL(server.url).port;
  const { request } = await import('node:http');
  const status = await new Promise<number | undefined>((ok) => {
    const req = request({ host: '127.0.0.1', port, path: '/socket.io/?EIO=4&transport=websocket', headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', Origin: 'http://evil.example' } });
    req.on('response', (res) => ok(res.statusCode));
    req.on('upgrade', () => ok(101));
    req.on('error', () => ok(undefined));
    req.end();
  });
  assert.equal(status, 403);
});
