/** Starts the lab server: the app, socket.io with the terminal gateway, the store and the scenarios. */
import { createServer, type Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import { Server } from 'socket.io';
import pino, { type Logger } from 'pino';
import { seededRandom } from '../core/index.js';
import { Lab } from '../lab/index.js';
import { createApp } from '../http/app.js';
import { buildBundle } from '../http/bundle.js';
import { attachGateway } from '../terminal/gateway.js';
import { SessionRegistry } from '../terminal/sessions.js';
import { ScenarioCatalog } from '../scenario-files/index.js';
import { openStore, type Db } from '../store/index.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  scenariosDir: string;
  idleMinutes: number;
  logger?: Logger;
}

export interface Running {
  http: HttpServer;
  port: number;
  db: Db;
  registry: SessionRegistry;
  catalog: ScenarioCatalog;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<Running> {
  const logger = opts.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const db = openStore(resolve(opts.dataDir));
  // Scenario files reload when they change; a broken one is logged and listed, never fatal.
  const catalog = new ScenarioCatalog(resolve(opts.scenariosDir));
  const reportBroken = () => {
    for (const b of catalog.broken()) logger.warn({ file: b.file, problems: b.error }, 'scenario is broken');
  };
  reportBroken();
  catalog.watch((file) => {
    logger.info({ file }, 'scenario reloaded');
    reportBroken();
  });
  const load = () => ({ scenarios: catalog.scenarios() });
  const bundle = await buildBundle();
  const statusOf = (sid: string, id: string) => {
    const a = sid ? registry.peek(sid, id)?.attempt : undefined;
    if (!a) return { state: 'new' as const, text: 'Not started' };
    const sum = a.summary(Date.now());
    if (sum.completed) return { state: 'completed' as const, text: `Completed: ${sum.score}/${sum.maxScore} points` };
    return { state: 'started' as const, text: `In progress: step ${a.current + 1} of ${a.steps.length}` };
  };
  const app = createApp({ scenarios: () => load().scenarios, broken: () => catalog.broken(), statusOf, bundle, logger });
  const http = createServer(app);
  const io = new Server(http, { maxHttpBufferSize: 2 * 1024 * 1024, serveClient: false });
  const registry = new SessionRegistry((id) => {
    const s = load().scenarios.find((x) => x.id === id);
    if (!s) return undefined;
    return Lab.create(s.setup, { clock: { now: () => Date.now() }, random: seededRandom(Math.floor(Math.random() * 2 ** 31)) });
  }, Date.now, (id) => catalog.get(id));
  attachGateway(io, registry, logger);
  const sweep = setInterval(() => registry.sweep(opts.idleMinutes * 60_000), 60_000);
  sweep.unref();
  await new Promise<void>((ok) => http.listen(opts.port, opts.host, ok));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  logger.info({ url: `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}` }, 'ckalab is serving');
  return {
    http,
    port,
    db,
    registry,
    catalog,
    close: async () => {
      clearInterval(sweep);
      catalog.close();
      await new Promise<void>((ok) => io.close(() => ok()));
      db.close();
    },
  };
}
