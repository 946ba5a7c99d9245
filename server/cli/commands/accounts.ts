/**
 * `ckalab user add NAME [--instructor] [--password P]` creates an account or resets its password
 * (the way the first instructor is made); `user role`, `user delete`, `user sessions` and
 * `user revoke` change a role, delete an account, list and end its sessions (a running server
 * closes the sockets of an ended session within seconds); `ckalab db backup FILE` copies the
 * database with SQLite's online backup while the server may be running. The logic takes the
 * store and returns its output; register* only wires commander and the process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkName, checkPassword, NAME_CONFUSABLE } from '../../accounts/index.js';
import { commonPasswords, hashPassword } from '../../http/index.js';
import { openStore, Store, type Role } from '../../store/index.js';

export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runUserAdd(store: Store, rawName: string, o: { instructor?: boolean; password?: string }, now: number): Promise<CliOutput> {
  const n = checkName(rawName);
  if (!n.ok) return { stdout: '', stderr: `error: ${n.message}\n`, exitCode: 1 };
  const generated = o.password === undefined;
  const password = o.password ?? randomBytes(12).toString('base64url');
  const p = checkPassword(password, { name: n.name, common: commonPasswords() });
  if (!p.ok) return { stdout: '', stderr: `error: ${p.message}\n`, exitCode: 1 };
  const hash = await hashPassword(password);
  const role = o.instructor ? 'instructor' : 'learner';
  const existing = store.userByName(n.name);
  let what: string;
  if (existing) {
    store.setPassword(existing.id, hash, now);
    if (o.instructor) store.setRole(existing.id, 'instructor', now);
    what = `reset the password of ${existing.name}${o.instructor && existing.role !== 'instructor' ? ' and made them an instructor' : ''}`;
  } else {
    const u = store.createUser(n.name, hash, role, now);
    if ('error' in u) return { stdout: '', stderr: u.error === 'taken' ? `error: the name ${n.name} is taken\n` : `error: ${NAME_CONFUSABLE}\n`, exitCode: 1 };
    what = `created ${role} ${n.name}`;
  }
  return { stdout: `${what}\n${generated ? `password: ${password}\n` : ''}`, stderr: '', exitCode: 0 };
}

const noUser = (name: string): CliOutput => ({ stdout: '', stderr: `error: no account is named ${name}\n`, exitCode: 1 });

/** Changes an account's role; its sessions end (the next sign-in starts a new one with the new role). */
export function runUserRole(store: Store, name: string, role: string, now: number): CliOutput {
  if (role !== 'learner' && role !== 'instructor') return { stdout: '', stderr: `error: the role must be learner or instructor, not "${role}"\n`, exitCode: 1 };
  const u = store.userByName(name);
  if (!u) return noUser(name);
  if (u.role === role) return { stdout: `${u.name} is already ${a(role)}\n`, stderr: '', exitCode: 0 };
  const n = store.sessionsOf(u.id, now).length;
  store.setRole(u.id, role as Role, now);
  return { stdout: `${u.name} is now ${a(role)}; ended ${plural(n, 'session')}\n`, stderr: '', exitCode: 0 };
}

export function runUserDelete(store: Store, name: string, now: number): CliOutput {
  const u = store.userByName(name);
  if (!u) return noUser(name);
  const n = store.sessionsOf(u.id, now).length;
  store.deleteUser(u.id, now);
  return { stdout: `deleted ${u.name} and everything recorded for them; ended ${plural(n, 'session')}\n`, stderr: '', exitCode: 0 };
}

const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** The live sessions of an account as a table (times in UTC). */
export function runUserSessions(store: Store, name: string, now: number): CliOutput {
  const u = store.userByName(name);
  if (!u) return noUser(name);
  const rows = store.sessionsOf(u.id, now);
  if (rows.length === 0) return { stdout: `${u.name} has no live sessions\n`, stderr: '', exitCode: 0 };
  const table = [['ID', 'CREATED (UTC)', 'LAST SEEN (UTC)', 'EXPIRES (UTC)', 'FROM', 'BROWSER'], ...rows.map((r) => [r.id, at(r.created_at), at(r.last_seen_at), at(r.expires_at), r.ip ?? '-', (r.user_agent ?? '-').slice(0, 40)])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  return { stdout: table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]! + 2))).join('').trimEnd() + '\n').join(''), stderr: '', exitCode: 0 };
}

/** Ends one session of an account (by the ID `user sessions` shows) or all of them. */
export function runUserRevoke(store: Store, name: string, id: string | undefined, now: number): CliOutput {
  const u = store.userByName(name);
  if (!u) return noUser(name);
  if (id !== undefined) {
    if (!store.endUserSession(u.id, id, 'revoked', now)) return { stdout: '', stderr: `error: ${u.name} has no live session ${id}\n`, exitCode: 1 };
    return { stdout: `ended session ${id} of ${u.name}\n`, stderr: '', exitCode: 0 };
  }
  const n = store.endUserSessions(u.id, 'revoked', now);
  return { stdout: `ended ${plural(n, 'session')} of ${u.name}\n`, stderr: '', exitCode: 0 };
}

const a = (role: string) => (role === 'instructor' ? 'an instructor' : 'a learner');
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

export async function runDbBackup(store: Store, file: string): Promise<CliOutput> {
  const target = resolve(file);
  if (existsSync(target)) return { stdout: '', stderr: `error: ${target} exists: choose a new file\n`, exitCode: 1 };
  try {
    await store.db.backup(target);
    return { stdout: `backed up to ${target}\n`, stderr: '', exitCode: 0 };
  } catch (e) {
    return { stdout: '', stderr: `error: backup failed: ${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
}

function withStore(dataDir: string, fn: (s: Store) => Promise<CliOutput>): Promise<void> {
  let store: Store;
  try {
    store = new Store(openStore(resolve(dataDir)));
  } catch (e) {
    process.stderr.write(`error: cannot open the database in ${resolve(dataDir)}: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return Promise.resolve();
  }
  return fn(store)
    .then((o) => {
      process.stdout.write(o.stdout);
      process.stderr.write(o.stderr);
      process.exitCode = o.exitCode;
    })
    .finally(() => store.db.close());
}

export function registerAccounts(program: Command): void {
  const dataDir = process.env.CKALAB_DATA_DIR ?? './data';
  const user = program.command('user').description('manage accounts');
  user
    .command('add')
    .description('create an account, or reset its password (prints a generated one unless --password is given)')
    .argument('<name>', 'the account name')
    .option('--instructor', 'an instructor account (or make an existing account one)')
    .option('--password <password>', 'the password (8 characters or more)')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((name: string, o: { instructor?: boolean; password?: string; dataDir: string }) => withStore(o.dataDir, (s) => runUserAdd(s, name, o, Date.now())));
  user
    .command('role')
    .description("change an account's role (learner or instructor); its sessions end")
    .argument('<name>', 'the account name')
    .argument('<role>', 'learner or instructor')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((name: string, role: string, o: { dataDir: string }) => withStore(o.dataDir, async (s) => runUserRole(s, name, role, Date.now())));
  user
    .command('delete')
    .description('delete an account with its attempts and sessions')
    .argument('<name>', 'the account name')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((name: string, o: { dataDir: string }) => withStore(o.dataDir, async (s) => runUserDelete(s, name, Date.now())));
  user
    .command('sessions')
    .description("list an account's live sessions: id, created, last seen, expiry, address, browser")
    .argument('<name>', 'the account name')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((name: string, o: { dataDir: string }) => withStore(o.dataDir, async (s) => runUserSessions(s, name, Date.now())));
  user
    .command('revoke')
    .description("end an account's sessions, or only the one with ID (as `user sessions` lists it)")
    .argument('<name>', 'the account name')
    .argument('[id]', 'a session id')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((name: string, id: string | undefined, o: { dataDir: string }) => withStore(o.dataDir, async (s) => runUserRevoke(s, name, id, Date.now())));
  const db = program.command('db').description('the database');
  db.command('backup')
    .description("copy the database to FILE with SQLite's online backup (safe while serving)")
    .argument('<file>', 'the new file')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((file: string, o: { dataDir: string }) => withStore(o.dataDir, (s) => runDbBackup(s, file)));
}
