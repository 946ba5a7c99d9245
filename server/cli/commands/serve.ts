import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { startServer } from '../server.js';
import { parseAllowedOrigins, parseTrustProxy } from '../../http/index.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerServe(program: Command, scenariosDir: string): void {
  program
    .command('serve')
    .description('serve the lab on http://HOST:PORT')
    .option('--port <n>', 'port to listen on (env PORT)', process.env.PORT ?? '3000')
    .option('--host <addr>', 'address to bind (env HOST)', process.env.HOST ?? '0.0.0.0')
    .option('--data-dir <dir>', 'where the SQLite file lives (env CKALAB_DATA_DIR)', process.env.CKALAB_DATA_DIR ?? './data')
    .option('--idle-minutes <n>', 'release a lab idle this long', '60')
    .option('--scenarios <dir>', 'the scenario files to serve (env CKALAB_SCENARIOS)', process.env.CKALAB_SCENARIOS ?? scenariosDir)
    .option('--trust-proxy <value>', "believe X-Forwarded-For/-Proto/-Host from this proxy: 'loopback', addresses or subnets, a hop count, or true (env CKALAB_TRUST_PROXY)", process.env.CKALAB_TRUST_PROXY ?? '')
    .option('--allowed-origin <url>', 'an origin pages may come from, e.g. https://lab.example.com; repeatable (env CKALAB_ALLOWED_ORIGINS, comma-separated; default: the server\'s own)', collect, process.env.CKALAB_ALLOWED_ORIGINS ? [process.env.CKALAB_ALLOWED_ORIGINS] : [])
    .option('--session-max-hours <n>', 'a session ends this long after sign-in (env CKALAB_SESSION_MAX_HOURS)', process.env.CKALAB_SESSION_MAX_HOURS ?? '720')
    .option('--session-idle-hours <n>', 'a session ends after this long without activity (env CKALAB_SESSION_IDLE_HOURS)', process.env.CKALAB_SESSION_IDLE_HOURS ?? '168')
    .action(async (o: { port: string; host: string; dataDir: string; idleMinutes: string; trustProxy: string; allowedOrigin: string[]; sessionMaxHours: string; sessionIdleHours: string; scenarios: string }) => {
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
      const hours = (v: string, flag: string) => {
        const n = Number(v);
        if (!(n > 0)) throw new Error(`invalid ${flag} "${v}": give a number of hours above 0`);
        return n * 3600_000;
      };
      let security;
      try {
        security = {
          trustProxy: parseTrustProxy(o.trustProxy),
          allowedOrigins: parseAllowedOrigins(o.allowedOrigin),
          sessionMaxMs: hours(o.sessionMaxHours, '--session-max-hours'),
          sessionIdleMs: hours(o.sessionIdleHours, '--session-idle-hours'),
        };
      } catch (e) {
        process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
        return;
      }
      try {
        await startServer({ port, host: o.host, dataDir: o.dataDir, scenariosDir: o.scenarios, idleMinutes: Number(o.idleMinutes) || 60, ...security });
      } catch (e) {
        // A data directory that cannot be written, a port in use: one clear line, no stack.
        process.stderr.write(`error: cannot start: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
      }
    });
}
