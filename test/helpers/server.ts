import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { startServer, type Running, type ServeOptions } from '../../server/cli/server.js';
import { SESSION_COOKIE } from '../../server/http/auth.js';
import type { Role } from '../../server/store/index.js';

export const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** The real server on a free loopback port, with its SQLite file in a temp dir. */
export interface TestServer extends Running {
  url: string;
  dataDir: string;
  /** A signed-in session for a user of that name (created as a learner if new): the Cookie header. */
  cookie(name: string, role?: Role): string;
  /** The same session as a cookie for a browser context. */
  browserCookie(name: string, role?: Role): { name: string; value: string; url: string };
  stop(): Promise<void>;
}

/** The real server on a free loopback port, with its SQLite file in a temp dir (or the one given). */
export async function startTestServer(opts: { dataDir?: string; keepData?: boolean; serve?: Partial<ServeOptions> } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ckalab-test-'));
  const running = await startServer({ port: 0, host: '127.0.0.1', dataDir, scenariosDir: SCENARIOS, idleMinutes: 60, logger: pino({ level: 'silent' }), ...opts.serve });
  const url = `http://127.0.0.1:${running.port}`;
  const token = (name: string, role: Role) => {
    const existing = running.store.userByName(name);
    const user = existing ?? running.store.createUser(name, null, role, Date.now());
    if ('error' in user) throw new Error('user race');
    return running.store.createSession(user.id, Date.now()).token;
  };
  return {
    ...running,
    url,
    dataDir,
    cookie: (name, role = 'learner') => `${SESSION_COOKIE}=${token(name, role)}`,
    browserCookie: (name, role = 'learner') => ({ name: SESSION_COOKIE, value: token(name, role), url }),
    stop: async () => {
      await running.close();
      if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
