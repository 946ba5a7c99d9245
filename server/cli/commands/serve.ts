import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { startServer } from '../server.js';

export function registerServe(program: Command, scenariosDir: string): void {
  program
    .command('serve')
    .description('serve the lab on http://HOST:PORT')
    .option('--port <n>', 'port to listen on (env PORT)', process.env.PORT ?? '3000')
    .option('--host <addr>', 'address to bind (env HOST)', process.env.HOST ?? '0.0.0.0')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', process.env.CKALAB_DATA_DIR ?? './data')
    .option('--idle-minutes <n>', 'release a lab idle this long', '60')
    .option('--scenarios <dir>', 'the scenario files to serve (env CKALAB_SCENARIOS)', process.env.CKALAB_SCENARIOS ?? scenariosDir)
    .action(async (o: { port: string; host: string; dataDir: string; idleMinutes: string; scenarios: string }) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        process.stderr.write(`error: invalid --port "${o.port}"\n`);
        process.exitCode = 2;
        return;
      }
      if (!existsSync(o.scenarios) || !statSync(o.scenarios).isDirectory()) {
        process.stderr.write(`error: the scenario directory ${o.scenarios} does not exist (--scenarios or CKALAB_SCENARIOS)\n`);
        process.exitCode = 2;
        return;
      }
      try {
        await startServer({ port, host: o.host, dataDir: o.dataDir, scenariosDir: o.scenarios, idleMinutes: Number(o.idleMinutes) || 60 });
      } catch (e) {
        // A data directory that cannot be written, a port in use: one clear line, no stack.
        process.stderr.write(`error: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      }
    });
}
