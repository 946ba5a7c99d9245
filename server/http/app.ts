/**
 * The express app, built by a factory so tests drive it with supertest without listening.
 * Helmet sets a Content-Security-Policy the pages pass: scripts only from this origin.
 */
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Bundle } from './bundle.js';
import type { Scenario } from '../scenarios/index.js';
import { basename } from 'node:path';
import { jsonForScript, renderMarkdown } from './markdown.js';

export interface ScenarioStatus {
  state: 'new' | 'started' | 'completed';
  text: string;
}

export interface AppDeps {
  scenarios: () => Scenario[];
  /** Files that do not load: listed on the home page (by name) so an author sees them. */
  broken?: () => { file: string; error: string }[];
  /** The learner's status in a scenario (browser session id, scenario id). */
  statusOf?: (sid: string, scenarioId: string) => ScenarioStatus;
  bundle: Bundle;
  logger: Logger;
}

/** What the lab page's script needs of a scenario: each step's text rendered, no answers. */
export function labPageData(s: Scenario) {
  return {
    id: s.id,
    title: s.title,
    map: s.map,
    appPages: s.appPages,
    steps: s.steps.map((st) => ({
      id: st.id,
      title: st.title,
      html: renderMarkdown(st.text),
      points: st.points,
      kind: st.body.kind,
      choices: st.body.kind === 'single' || st.body.kind === 'multiple' ? st.body.choices : [],
      hintCount: st.hints.length,
    })),
  };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly publicMessage: string,
  ) {
    super(publicMessage);
  }
}

const SID = 'ckalab_sid';

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('view engine', 'ejs');
  app.set('views', fileURLToPath(new URL('../../web/views', import.meta.url)));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // xterm.js positions its rows with inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          connectSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          // The lab is often served over plain http on a LAN: do not rewrite its requests to https.
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  // Every browser gets a session id: the lab session it reattaches to.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!/(?:^|;\s*)ckalab_sid=[A-Za-z0-9_-]{16,}/.test(req.headers.cookie ?? '')) {
      res.cookie(SID, randomBytes(18).toString('base64url'), { httpOnly: true, sameSite: 'lax', path: '/' });
    }
    next();
  });
  const asset = `/assets/app.${deps.bundle.hash}`;
  app.get(`${asset}.js`, (_req, res) => {
    res.type('application/javascript').set('Cache-Control', 'public, max-age=31536000, immutable').send(deps.bundle.js);
  });
  app.get(`${asset}.css`, (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=31536000, immutable').send(deps.bundle.css);
  });
  app.use('/static', express.static(fileURLToPath(new URL('../../web/public', import.meta.url))));
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/', (req, res) => {
    const sid = /(?:^|;\s*)ckalab_sid=([A-Za-z0-9_-]{16,})/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const statusOf = (id: string): ScenarioStatus => deps.statusOf?.(sid, id) ?? { state: 'new', text: 'Not started' };
    const broken = (deps.broken?.() ?? []).map((b) => ({ file: basename(b.file), error: b.error.split(b.file).join(basename(b.file)) }));
    res.render('home', { scenarios: deps.scenarios(), statusOf, broken, asset });
  });
  app.get('/lab/:id', (req, res, next) => {
    const scenario = deps.scenarios().find((s) => s.id === req.params.id);
    if (!scenario) return next(new HttpError(404, 'No such scenario.'));
    res.render('lab', { scenario, scenarioJson: jsonForScript(labPageData(scenario)), asset });
  });
  app.use((_req, _res, next) => next(new HttpError(404, 'Not found.')));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof HttpError ? err.status : 500;
    if (!(err instanceof HttpError)) deps.logger.error({ err }, 'request failed');
    res.status(status).render('error', { status, message: err instanceof HttpError ? err.publicMessage : 'Something went wrong.', asset });
  });
  return app;
}
