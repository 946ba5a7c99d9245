import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { startServer, type Running } from '../../server/cli/server.js';

export const SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));

/** The real server on a free loopback port, with its SQLite file in a temp dir. */
export async function startTestServer(): Promise<Running & { url: string; dataDir: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ckalab-test-'));
  const running = await startServer({ port: 0, host: '127.0.0.1', dataDir, scenariosDir: SCENARIOS, idleMinutes: 60, logger: pino({ level: 'silent' }) });
  return {
    ...running,
    url: `http://127.0.0.1:${running.port}`,
    dataDir,
    stop: async () => {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
