/**
 * `ckalab user add NAME [--instructor] [--password P]` creates an account or resets its password
 * (the way the first instructor is made); `ckalab db backup FILE` copies the database with
 * SQLite's online backup while the server may be running. The logic takes the store and returns
 * its output; register* only wires commander and the process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkName, checkPassword } from '../../accounts/index.js';
import { hashPassword } from '../../http/index.js';
import { openStore, Store } from '../../store/index.js';

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
  const p = checkPassword(password);
  if (!p.ok) return { stdout: '', stderr: `error: ${p.message}\n`, exitCode: 1 };
  const hash = await hashPassword(password);
  const role = o.instructor ? 'instructor' : 'learner';
  const existing = store.userByName(n.name);
  let what: string;
  if (existing) {
    store.setPassword(existing.id, hash);
    if (o.instructor) store.setRole(existing.id, 'instructor');
    what = `reset the password of ${existing.name}${o.instructor && existing.role !== 'instructor' ? ' and made them an instructor' : ''}`;
  } else {
    const u = store.createUser(n.name, hash, role, now);
    if ('error' in u) return { stdout: '', stderr: `error: the name ${n.name} is taken\n`, exitCode: 1 };
    what = `created ${role} ${n.name}`;
  }
  return { stdout: `${what}\n${generated ? `password: ${password}\n` : ''}`, stderr: '', exitCode: 0 };
}

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
  const db = program.command('db').description('the database');
  db.command('backup')
    .description("copy the database to FILE with SQLite's online backup (safe while serving)")
    .argument('<file>', 'the new file')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', dataDir)
    .action((file: string, o: { dataDir: string }) => withStore(o.dataDir, (s) => runDbBackup(s, file)));
}
