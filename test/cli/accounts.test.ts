// `ckalab user add` and `ckalab db backup` on a real SQLite file in a temp dir.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDbBackup, runUserAdd } from '../../server/cli/commands/accounts.js';
import { checkPassword } from '../../server/http/auth.js';
import { openStore, Store } from '../../server/store/index.js';

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
