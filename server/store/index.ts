/**
 * The only module with SQL: opens the embedded SQLite file (WAL, foreign keys), applies the
 * numbered migrations of db/migrations once each, and records them.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Db = Database.Database;

const MIGRATIONS = fileURLToPath(new URL('../../db/migrations', import.meta.url));

export function openStore(dataDir: string): Db {
  let db: Db;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = new Database(join(dataDir, 'ckalab.db'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    throw new Error(`the data directory ${dataDir} cannot be used (${code}): give a writable directory with --data-dir`);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: string }[]).map((r) => r.version));
  const applied: string[] = [];
  // A migration may rebuild a table (SQLite's way to change a constraint): foreign keys are off
  // meanwhile, so that dropping the old table deletes nothing that points at it, and checked after.
  db.pragma('foreign_keys = OFF');
  try {
    migrateFiles(db, done, applied);
  } finally {
    db.pragma('foreign_keys = ON');
  }
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length) throw new Error(`a migration broke ${broken.length} foreign key reference(s)`);
  return applied;
}

function migrateFiles(db: Db, done: Set<string>, applied: string[]): void {
  for (const file of readdirSync(MIGRATIONS).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()) {
    const version = file.split('_')[0]!;
    if (done.has(version)) continue;
    const sql = readFileSync(join(MIGRATIONS, file), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, Date.now());
    })();
    applied.push(version);
  }
}
export { Store, SESSION_TTL_MS, SESSION_IDLE_MS, MAX_COMMAND_OUTPUT, hashToken, type SessionPolicy, type SessionState, type SessionInfo, type SessionsEnded, type User, type Role, type AttemptRow, type EventRow, type CommandRow } from './store.js';
