// The store against a real SQLite file in a temp dir: migrations from empty and from each
// earlier version, users and sessions, attempts with their events and commands in transactions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openStore, Store } from '../../server/store/index.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'ckalab-store-'));
}

test('migrations apply from empty, are recorded, and run once', () => {
  const dir = tmp();
  try {
    const db = openStore(dir);
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: string }[]).map((r) => r.version);
    assert.deepEqual(versions, readdirSync(new URL('../../db/migrations/', import.meta.url)).map((f) => f.split('_')[0]!).sort());
    assert.ok(versions.includes('004'));
    assert.deepEqual(migrate(db), []);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database at version 001 migrates to the current schema', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'ckalab.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    old.exec(readFileSync(new URL('../../db/migrations/001_init.sql', import.meta.url), 'utf8'));
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run('001', 1);
    old.prepare('INSERT INTO lab_states VALUES (?, ?, ?)').run('anon:playground', '{}', 1);
    old.close();
    const db = openStore(dir);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['users', 'sessions', 'attempts', 'step_events', 'commands', 'lab_states', 'cohorts', 'cohort_members', 'settings']) assert.ok(tables.includes(t), t);
    const cols = (db.prepare('PRAGMA table_info(lab_states)').all() as { name: string }[]).map((c) => c.name);
    assert.deepEqual(cols, ['attempt_id', 'snapshot', 'screen', 'updated_at']);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a database at version 002 migrates: its users get name skeletons, its sessions stay live', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'ckalab.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const [v, f] of [['001', '001_init.sql'], ['002', '002_accounts_progress.sql']] as const) {
      old.exec(readFileSync(new URL(`../../db/migrations/${f}`, import.meta.url), 'utf8'));
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(v, 1);
    }
    old.prepare("INSERT INTO users (name, password_hash, role, created_at) VALUES ('Instructor One', NULL, 'instructor', 1)").run();
    old.prepare("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ('ab', 1, 'c', ?, ?)").run(Date.now(), Date.now() + 3600_000);
    old.close();
    const store = new Store(openStore(dir));
    assert.equal(store.lookAlike('Ιnstructor One'), 'Instructor One');
    assert.equal(store.sessionStateByHash('ab', Date.now())?.state, 'active');
    store.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a data directory that is not a directory is a clear error', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'x');
    assert.throws(() => openStore(file), /^Error: the data directory .*plain-file cannot be used \(EEXIST\): give a writable directory with --data-dir$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('users are unique by name whatever the case; sessions expire; attempts record atomically', () => {
  const dir = tmp();
  const store = new Store(openStore(dir));
  try {
    const a = store.createUser('Ada', 'h', 'learner', 1);
    assert.ok(!('error' in a));
    assert.deepEqual(store.createUser('ada', 'h', 'learner', 2), { error: 'taken' });
    const s = store.createSession(a.id, 1000);
    assert.equal(store.session(s.token, 2000)?.user.name, 'Ada');
    assert.equal(store.session(s.token, 1000 + 31 * 24 * 3600 * 1000), undefined);
    assert.equal(store.session('not-a-token', 2000), undefined);
    const id = store.startAttempt(a.id, 'deny-all', '{}', 2, 10);
    store.recordCommand(id, 'kubectl get pods', 0, 'x'.repeat(5000), '{"lab":1}', 'screen', 11);
    assert.equal(store.commandsOf(id)[0]!.output.length, 2000);
    assert.deepEqual(store.openAttempt(a.id, 'deny-all')?.lab, { snapshot: '{"lab":1}', screen: 'screen' });
    // A failing statement rolls the whole progress record back.
    assert.throws(() => store.recordProgress(id, [{ step: 0, kind: 'bogus', passed: null, detail: undefined }], { progress: '{"p":2}', score: 2, maxScore: 2, hints: 0, solutions: 0, completed: true }, 12));
    assert.equal(store.attempt(id)?.status, 'started');
    assert.equal(store.eventsOf(id).length, 0);
    store.recordProgress(id, [{ step: 0, kind: 'check', passed: false, detail: [{ title: 'a → b allowed', passed: false, explanation: 'denied' }] }, { step: null, kind: 'complete', passed: null, detail: undefined }], { progress: '{"p":2}', score: 2, maxScore: 2, hints: 0, solutions: 0, completed: true }, 13);
    assert.equal(store.attempt(id)?.status, 'completed');
    assert.equal(store.openAttempt(a.id, 'deny-all'), undefined);
    assert.deepEqual(store.mostFailedChecks(5), [{ scenario_id: 'deny-all', title: 'a → b allowed', failures: 1 }]);
  } finally {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('migration 004 rebuilds users without touching what points at them; guests may share a name', () => {
  const dir = tmp();
  try {
    const file = join(dir, 'ckalab.db');
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const [v, f] of [['001', '001_init.sql'], ['002', '002_accounts_progress.sql'], ['003', '003_security.sql']] as const) {
      old.exec(readFileSync(new URL(`../../db/migrations/${f}`, import.meta.url), 'utf8'));
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(v, 1);
    }
    old.prepare("INSERT INTO users (id, name, password_hash, role, created_at) VALUES (1, 'Kim', NULL, 'learner', 1), (2, 'Ann', 'h', 'learner', 1)").run();
    old.prepare("INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at) VALUES ('t', 1, 'c', 1, 99)").run();
    old.close();
    const db = openStore(dir);
    assert.deepEqual(db.prepare('SELECT user_id FROM sessions').all(), [{ user_id: 1 }]);
    db.prepare("INSERT INTO users (name, password_hash, role, created_at) VALUES ('kim', NULL, 'learner', 2)").run();
    assert.throws(() => db.prepare("INSERT INTO users (name, password_hash, role, created_at) VALUES ('ann', 'h2', 'learner', 2)").run(), /UNIQUE/);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
