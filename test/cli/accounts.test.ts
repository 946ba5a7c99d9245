// `ckalab user add|role|delete|sessions|revoke` and `ckalab db backup` on a real SQLite file in a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDbBackup, runUserAdd, runUserDelete, runUserRevoke, runUserRole, runUserSessions } from '../../server/cli/commands/accounts.js';
import { checkPassword } from '../../server/http/auth.js';
import { hashToken, openStore, Store } from '../../server/store/index.js';

test('user add creates an instructor with a generated password, and resets it later', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckalab-cli-'));
  const store = new Store(openStore(dir));
  try {
    const r = await runUserAdd(store, 'Grace', { instructor: true }, 1);
    assert.equal(r.exitCode, 0);
    const password = /password: (\S+)\n$/.exec(r.stdout)?.[1];
    assert.ok(password && password.length >= 12);
    assert.match(r.stdout, /^created instructor Grace\n/);
    const u = store.userByName('grace')!;
    assert.equal(u.role, 'instructor');
    assert.equal(await checkPassword(u.passwordHash, password), true);
    const again = await runUserAdd(store, 'Grace', { password: 'a brand new one' }, 2);
    assert.equal(again.stdout, 'reset the password of Grace\n');
    assert.equal(await checkPassword(store.userByName('Grace')!.passwordHash, 'a brand new one'), true);
    assert.equal((await runUserAdd(store, 'Lin', { password: 'short' }, 3)).stderr, 'error: The password needs at least 8 characters.\n');
    assert.equal((await runUserAdd(store, 'x', {}, 3)).stderr, 'error: The name needs at least 2 characters.\n');
    const learner = await runUserAdd(store, 'Lin', { password: 'long enough' }, 4);
    assert.equal(learner.stdout, 'created learner Lin\n');
    const promote = await runUserAdd(store, 'Lin', { instructor: true, password: 'long enough' }, 5);
    assert.equal(promote.stdout, 'reset the password of Lin and made them an instructor\n');
  } finally {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('db backup copies a consistent database while it is open, and refuses to overwrite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckalab-cli-'));
  const store = new Store(openStore(dir));
  try {
    store.createUser('Backed Up', null, 'learner', 1);
    const file = join(dir, 'copy.db');
    assert.equal((await runDbBackup(store, file)).exitCode, 0);
    const copy = new Database(file, { readonly: true });
    assert.equal((copy.prepare('SELECT name FROM users').get() as { name: string }).name, 'Backed Up');
    assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
    copy.close();
    assert.match((await runDbBackup(store, file)).stderr, /exists: choose a new file/);
  } finally {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('user add refuses a common password and the name itself', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckalab-cli-'));
  const store = new Store(openStore(dir));
  try {
    assert.equal((await runUserAdd(store, 'Quinn', { password: 'password' }, 1)).stderr, 'error: That password is one of the most common ones: choose another.\n');
    assert.equal((await runUserAdd(store, 'Quinn Moss', { password: 'quinn moss' }, 1)).stderr, 'error: The password cannot be your name.\n');
    assert.equal((await runUserAdd(store, 'Quinn', { password: 'a fine passphrase' }, 1)).exitCode, 0);
    assert.equal((await runUserAdd(store, 'Qυinn', { password: 'a fine passphrase' }, 1)).stderr, 'error: That name looks like an existing one: choose another.\n');
  } finally {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('user sessions lists live sessions; user revoke ends one or all; user role and user delete end them too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckalab-cli-'));
  const store = new Store(openStore(dir));
  try {
    const t0 = Date.UTC(2026, 10, 30, 9, 15);
    await runUserAdd(store, 'Sam', { password: 'sam the admin' }, t0);
    const sam = store.userByName('Sam')!;
    assert.equal(runUserSessions(store, 'Sam', t0).stdout, 'Sam has no live sessions\n');
    const a = store.createSession(sam.id, t0, { ip: '192.0.2.10', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131' });
    const b = store.createSession(sam.id, t0 + 60_000);
    const [idA, idB] = [hashToken(a.token).slice(0, 8), hashToken(b.token).slice(0, 8)];
    assert.equal(
      runUserSessions(store, 'Sam', t0 + 120_000).stdout,
      [
        'ID        CREATED (UTC)     LAST SEEN (UTC)   EXPIRES (UTC)     FROM        BROWSER',
        `${idA}  2026-11-30 09:15  2026-11-30 09:15  2026-12-30 09:15  192.0.2.10  Mozilla/5.0 (X11; Linux x86_64) Chrome/1`,
        `${idB}  2026-11-30 09:16  2026-11-30 09:16  2026-12-30 09:16  -           -`,
        '',
      ].join('\n'),
    );
    assert.equal(runUserRevoke(store, 'Sam', idA, t0).stdout, `ended session ${idA} of Sam\n`);
    assert.equal(store.sessionState(a.token, t0)?.state, 'ended');
    assert.equal(store.sessionState(b.token, t0)?.state, 'active');
    assert.equal(runUserRevoke(store, 'Sam', idA, t0).stderr, `error: Sam has no live session ${idA}\n`);
    assert.equal(runUserRevoke(store, 'Sam', undefined, t0).stdout, 'ended 1 session of Sam\n');
    assert.deepEqual(store.sessionState(b.token, t0), { state: 'ended', reason: 'revoked', tokenHash: hashToken(b.token) });
    assert.equal(runUserRevoke(store, 'Nobody', undefined, t0).stderr, 'error: no account is named Nobody\n');

    const c = store.createSession(sam.id, t0);
    assert.equal(runUserRole(store, 'Sam', 'instructor', t0).stdout, 'Sam is now an instructor; ended 1 session\n');
    assert.equal(store.sessionState(c.token, t0)?.state, 'ended');
    assert.equal(runUserRole(store, 'Sam', 'instructor', t0).stdout, 'Sam is already an instructor\n');
    assert.equal(runUserRole(store, 'Sam', 'admin', t0).stderr, 'error: the role must be learner or instructor, not "admin"\n');
    // Resetting the password ends the sessions as well.
    const d = store.createSession(sam.id, t0);
    await runUserAdd(store, 'Sam', { password: 'a new admin phrase' }, t0);
    assert.deepEqual(store.sessionState(d.token, t0), { state: 'ended', reason: 'password-changed', tokenHash: hashToken(d.token) });

    store.createSession(sam.id, t0);
    assert.equal(runUserDelete(store, 'Sam', t0).stdout, 'deleted Sam and everything recorded for them; ended 1 session\n');
    assert.equal(store.userByName('Sam'), undefined);
  } finally {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
