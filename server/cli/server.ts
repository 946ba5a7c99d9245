/** Starts the lab server: the app, socket.io with the terminal gateway, the store and the scenarios. */
import { installationPki } from './pki.js';
import type { Pki } from '../hosts/index.js';
import { createServer, type Server as HttpServer } from 'node:http';
import { resolve } from 'node:path';
import { Server } from 'socket.io';
import pino, { type Logger } from 'pino';
import { buildBundle, checkOrigin, createApp, parseCookies, SESSION_COOKIE, type OriginPolicy, type TrustProxy } from '../http/index.js';
import { attachGateway, ownerOf, ProgressTracker, SessionRegistry, SocketSessions } from '../terminal/index.js';
import { ScenarioCatalog } from '../scenario-files/index.js';
import { openStore, Store, type Db } from '../store/index.js';
import { selfCheck } from '../lab/index.js';
import { formatProblem } from '../scenarios/index.js';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  scenariosDir: string;
  idleMinutes: number;
  logger?: Logger;
  signInLimit?: number;
  /** `--trust-proxy`: whose X-Forwarded-For/-Proto/-Host to believe (express's `trust proxy`). */
  trustProxy?: boolean | number | string;
  /** `--allowed-origin`: the origins pages may come from (default: the server's own). */
  allowedOrigins?: readonly string[];
  /** Absolute and idle session timeouts. */
  sessionMaxMs?: number;
  sessionIdleMs?: number;
  /** How often open sockets are checked against their sessions (revoked from the CLI, timed out). */
  sessionCheckMs?: number;
}

export interface Running {
  http: HttpServer;
  port: number;
  db: Db;
  store: Store;
  registry: SessionRegistry;
  catalog: ScenarioCatalog;
  close(): Promise<void>;
}

export async function startServer(opts: ServeOptions): Promise<Running> {
  const logger = opts.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const db = openStore(resolve(opts.dataDir));
  const store = new Store(db, { policy: { ...(opts.sessionMaxMs ? { maxMs: opts.sessionMaxMs } : {}), ...(opts.sessionIdleMs ? { idleMs: opts.sessionIdleMs } : {}) } });
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
  // `scenario check` for the dashboard, once per catalog version.
  let checked: { version: number; value: { file: string; id?: string; ok: boolean; problems: string[] }[] } | undefined;
  let pki: Pki | undefined;
  /** The installation's cluster PKI: made the first time a lab looks at a node, then read from the data dir. */
  const pkiOf = () => (pki ??= installationPki(resolve(opts.dataDir)));
  const checkStatus = () => {
    if (checked?.version !== catalog.version) {
      const value = [
        ...catalog.scenarios().map((s) => {
          const problems = selfCheck(s, [], { pki: pkiOf }).map((p) => `${p.path.join('.')}: ${p.message}`);
          return { file: `${s.id}.yaml`, id: s.id, ok: problems.length === 0, problems };
        }),
        ...catalog.broken().map((b) => ({ file: b.file.split('/').pop()!, ok: false, problems: b.problems.map(formatProblem) })),
      ];
      checked = { version: catalog.version, value };
    }
    return checked.value;
  };
  const bundle = await buildBundle();
  const tracker = new ProgressTracker(store, (id) => catalog.get(id), Date.now, logger, pkiOf);
  const registry = new SessionRegistry((id, owner) => tracker.open(id, owner), Date.now, (id) => tracker.freshLab(id));
  const app = createApp({
    scenarios: () => catalog.scenarios(),
    broken: () => catalog.broken(),
    checkStatus,
    store,
    bundle,
    logger,
    ...(opts.signInLimit ? { signInLimit: opts.signInLimit } : {}),
    ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
    ...(opts.allowedOrigins ? { allowedOrigins: opts.allowedOrigins } : {}),
  });
  const http = createServer(app);
  // Cross-site WebSocket hijacking: every handshake and upgrade must come from an allowed origin.
  const origins: OriginPolicy = { allowed: opts.allowedOrigins ?? [], trust: app.get('trust proxy fn') as TrustProxy };
  http.prependListener('upgrade', (req: import('node:http').IncomingMessage, socket: import('node:stream').Duplex) => {
    const v = checkOrigin(req, origins);
    if (v.ok) return;
    logger.warn({ origin: v.origin, url: req.url }, 'refused an upgrade from another origin');
    socket.on('error', () => undefined);
    if (socket.writable) socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 23\r\n\r\nOrigin is not allowed.\n');
    socket.destroy();
  });
  // Editor saves carry a file of up to 1 MiB.
  const io = new Server(http, {
    maxHttpBufferSize: 2 * 1024 * 1024,
    serveClient: false,
    allowRequest: (req, done) => {
      const v = checkOrigin(req, origins);
      if (!v.ok) logger.warn({ origin: v.origin }, 'refused a socket from another origin');
      done(v.ok ? null : 'Origin is not allowed.', v.ok);
    },
  });
  const socketSessions = new SocketSessions(store, Date.now, (cookie) => parseCookies(cookie)[SESSION_COOKIE]);
  socketSessions.attach(io);
  attachGateway(io, registry, logger, {
    ownerOf: (cookie) => {
      const token = parseCookies(cookie)[SESSION_COOKIE];
      const s = token ? store.session(token, Date.now()) : undefined;
      return s ? ownerOf(s.user.id) : undefined;
    },
    onEvents: (s, e) => tracker.events(s, e),
    onLabChanged: (s) => tracker.saveLab(s),
    onCommandsShown: (s) => tracker.flush(s),
  });
  const sweep = setInterval(() => {
    registry.sweep(opts.idleMinutes * 60_000);
    store.deleteExpiredSessions(Date.now());
  }, 60_000);
  sweep.unref();
  const recheck = setInterval(() => socketSessions.check(), opts.sessionCheckMs ?? 5000);
  recheck.unref();
  await new Promise<void>((ok) => http.listen(opts.port, opts.host, ok));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  logger.info({ url: `http://${opts.host === '0.0.0.0' ? 'localhost' : opts.host}:${port}` }, 'ckalab is serving');
  return {
    http,
    port,
    db,
    store,
    registry,
    catalog,
    close: async () => {
      clearInterval(sweep);
      clearInterval(recheck);
      catalog.close();
      await new Promise<void>((ok) => io.close(() => ok()));
      db.close();
    },
  };
}
