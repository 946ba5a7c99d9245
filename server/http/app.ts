/**
 * The express app, built by a factory so tests drive it with supertest without listening.
 * Helmet sets a Content-Security-Policy the pages pass: scripts only from this origin. Pages:
 * the scenario list, the lab, accounts, the learner's progress and the instructor dashboard.
 */
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { fileURLToPath } from 'node:url';
import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { Bundle } from './bundle.js';
import type { Scenario } from '../scenarios/index.js';
import type { Store } from '../store/index.js';
import { checkName, checkPassword as checkPasswordRule, NAME_CONFUSABLE, NAME_TAKEN, SIGN_IN_FAILED } from '../accounts/index.js';
import { jsonForScript, renderMarkdown } from './markdown.js';
import { HttpError } from './errors.js';
import { checkPassword, clearSessionCookie, csrfGuard, hashPassword, requireInstructor, requireUser, safeNext, sessionMiddleware, setSessionCookie } from './auth.js';
import { commonPasswords } from './password-list.js';
import { FailureThrottle, SIGN_IN_THROTTLE, type ThrottleOptions } from './throttle.js';
import { hstsOverHttps, originGuard, trustProxy } from './transport.js';
import { learnerProgress, overview, overviewCsv, learnerDetail, scenarioStats, attemptTime, cellClass, clock } from './reports.js';

export { HttpError };

export interface ScenarioStatus {
  state: 'new' | 'started' | 'completed';
  text: string;
}

export interface AppDeps {
  scenarios: () => Scenario[];
  /** Files that do not load: listed on the home page (by name) so an author sees them. */
  broken?: () => { file: string; error: string }[];
  /** Each scenario file's `scenario check` result, for the dashboard (computed lazily, cached). */
  checkStatus?: () => { file: string; id?: string; ok: boolean; problems: string[] }[];
  store: Store;
  bundle: Bundle;
  logger: Logger;
  now?: () => number;
  /** Failed sign-in attempts per IP per 15 minutes. */
  signInLimit?: number;
  /** The common-password list (default: the shipped 10,000). */
  commonPasswords?: ReadonlySet<string>;
  /** Failed sign-ins per account name before exponential delays. */
  accountThrottle?: ThrottleOptions;
  /** Wrong cohort codes per account (and 5 × per address) per 15 minutes. */
  joinLimit?: number;
  /** express's `trust proxy`: which proxy's X-Forwarded-For/-Proto/-Host to believe (`--trust-proxy`). */
  trustProxy?: boolean | number | string;
  /** Origins allowed to POST forms and open the socket; empty: the server's own (`--allowed-origin`). */
  allowedOrigins?: readonly string[];
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

const guestModeOn = (store: Store) => store.setting('guest_mode') !== 'off';

export function createApp(deps: AppDeps): Express {
  const now = deps.now ?? Date.now;
  const { store } = deps;
  const app = express();
  app.disable('x-powered-by');
  const trust = trustProxy(app, deps.trustProxy ?? false);
  app.set('view engine', 'ejs');
  app.set('views', fileURLToPath(new URL('../../web/views', import.meta.url)));
  // The progress pages' formatting, shared by the views.
  Object.assign(app.locals, { clock, attemptTime, cellClass });
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
          formAction: ["'self'"],
          // The lab is often served over plain http on a LAN: do not rewrite its requests to https.
          upgradeInsecureRequests: null,
        },
      },
      // HSTS only on HTTPS responses (hstsOverHttps below).
      strictTransportSecurity: false,
      // Not no-referrer: with it a browser posts this site's own forms with `Origin: null`,
      // and the origin check (transport.ts) needs their real origin. Nothing leaves the site.
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  app.use(hstsOverHttps());
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
  app.use(originGuard({ allowed: deps.allowedOrigins ?? [], trust }));
  app.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }));
  app.use(sessionMiddleware(store, now));
  app.use(csrfGuard);
  app.use((_req, res, next) => {
    res.locals.asset = asset;
    next();
  });

  // ---- the scenario list and the lab ----
  app.get('/', (req, res) => {
    const progress = req.user ? learnerProgress(store, req.user.id, deps.scenarios()) : undefined;
    const statusOf = (id: string): ScenarioStatus => {
      const p = progress?.rows.find((r) => r.scenario.id === id);
      if (!p || p.attempts === 0) return { state: 'new', text: 'Not started' };
      if (p.best !== undefined) return { state: 'completed', text: `Completed: ${p.best}/${p.maxScore} points` };
      return { state: 'started', text: 'In progress' };
    };
    const broken = req.user?.role === 'instructor' ? (deps.broken?.() ?? []).map((b) => ({ file: basename(b.file), error: b.error.split(b.file).join(basename(b.file)) })) : [];
    res.render('home', { scenarios: deps.scenarios(), statusOf, broken });
  });
  app.get('/lab/:id', requireUser, (req, res, next) => {
    const scenario = deps.scenarios().find((s) => s.id === req.params.id);
    if (!scenario) return next(new HttpError(404, 'No such scenario.'));
    res.render('lab', { scenario, scenarioJson: jsonForScript(labPageData(scenario)) });
  });

  // ---- accounts ----
  // Password guessing is limited per address (failures only: a class behind one NAT signs in
  // freely) and per account name (exponential delay, whatever the address); creating accounts
  // has its own, looser bound; so do wrong cohort codes, per account and per address.
  const limited = (limit: number, o: { failuresOnly?: boolean; key?: (req: Request) => string; render?: (req: Request, res: Response) => void } = {}) =>
    rateLimit({
      windowMs: 15 * 60_000,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skipSuccessfulRequests: o.failuresOnly ?? false,
      // X-Forwarded-For is believed only from the configured proxy (req.ip); no warning when another sends it.
      validate: { xForwardedForHeader: false },
      ...(o.key ? { keyGenerator: o.key } : {}),
      handler: (req, res) => {
        if (o.render) return o.render(req, res);
        res.status(429).render('signin', { error: 'Too many attempts: wait a few minutes and try again.', next: '/', name: '', guest: guestModeOn(store) });
      },
    });
  const limiter = limited(deps.signInLimit ?? 20, { failuresOnly: true });
  const signUpLimiter = limited(100);
  const throttle = new FailureThrottle(deps.accountThrottle ?? SIGN_IN_THROTTLE);
  const nameKey = (name: string) => name.normalize('NFKC').toLowerCase();
  const joinRefused = (req: Request, res: Response) =>
    res.status(429).render('me', { progress: learnerProgress(store, req.user!.id, deps.scenarios()), cohorts: store.cohortsOf(req.user!.id), message: 'Too many wrong codes: wait a few minutes and try again.' });
  const joinLimit = deps.joinLimit ?? 10;
  const joinPerUser = rateLimit({ windowMs: 15 * 60_000, limit: joinLimit, skipSuccessfulRequests: true, standardHeaders: 'draft-7', legacyHeaders: false, keyGenerator: (req) => `u${req.user!.id}`, handler: joinRefused });
  const joinPerIp = limited(joinLimit * 5, { failuresOnly: true, render: joinRefused });
  /** A new session for a sign-in; the browser's previous one (a guest's, a fixated one) ends: the id rotates. */
  const startSession = (req: Request, res: Response, userId: number) => {
    if (req.sessionToken) store.endSession(req.sessionToken, 'replaced', now());
    const { token } = store.createSession(userId, now(), { ...(req.ip ? { ip: req.ip } : {}), ...(req.get('user-agent') ? { userAgent: req.get('user-agent')! } : {}) });
    setSessionCookie(req, res, token, store.policy.maxMs);
  };
  app.get('/signin', (req, res) => {
    res.render('signin', { error: '', next: safeNext(req.query.next), name: '', guest: guestModeOn(store) });
  });
  app.post('/signin', limiter, async (req, res, next) => {
    try {
      const body = req.body as Record<string, unknown>;
      const to = safeNext(body.next);
      const name = typeof body.name === 'string' ? body.name.normalize('NFKC').trim().replace(/\s+/gu, ' ') : '';
      const key = nameKey(name.slice(0, 100));
      const wait = throttle.wait(key, now());
      if (wait > 0) {
        const s = Math.ceil(wait / 1000);
        res.set('Retry-After', String(s));
        return res.status(429).render('signin', { error: `Too many failed sign-ins for this name: wait ${s} second${s === 1 ? '' : 's'} and try again.`, next: to, name: name.slice(0, 100), guest: guestModeOn(store) });
      }
      const user = name && name.length <= 100 ? store.userByName(name) : undefined;
      const ok = await checkPassword(user?.passwordHash, typeof body.password === 'string' ? body.password.slice(0, 500) : '');
      if (!user || !ok) {
        throttle.fail(key, now());
        return res.status(401).render('signin', { error: SIGN_IN_FAILED, next: to, name: name.slice(0, 100), guest: guestModeOn(store) });
      }
      throttle.succeed(key);
      startSession(req, res, user.id);
      res.redirect(303, to);
    } catch (err) {
      next(err);
    }
  });
  app.get('/signup', (req, res) => {
    res.render('signup', { error: '', next: safeNext(req.query.next), name: '' });
  });
  app.post('/signup', signUpLimiter, async (req, res, next) => {
    try {
      const body = req.body as Record<string, unknown>;
      const to = safeNext(body.next);
      const n = checkName(body.name);
      const shownName = typeof body.name === 'string' ? body.name.slice(0, 100) : '';
      if (!n.ok) return res.status(400).render('signup', { error: n.message, next: to, name: shownName });
      const p = checkPasswordRule(body.password, { name: n.name, common: deps.commonPasswords ?? commonPasswords() });
      if (!p.ok) return res.status(400).render('signup', { error: p.message, next: to, name: shownName });
      if (body.password !== body.password2) return res.status(400).render('signup', { error: 'The two passwords differ.', next: to, name: shownName });
      const user = store.createUser(n.name, await hashPassword(p.password), 'learner', now());
      if ('error' in user) return res.status(409).render('signup', { error: user.error === 'taken' ? NAME_TAKEN : NAME_CONFUSABLE, next: to, name: shownName });
      startSession(req, res, user.id);
      res.redirect(303, to);
    } catch (err) {
      next(err);
    }
  });
  app.post('/guest', signUpLimiter, (req, res) => {
    const body = req.body as Record<string, unknown>;
    const to = safeNext(body.next);
    if (!guestModeOn(store)) return res.status(403).render('signin', { error: 'Guest access is turned off: sign in or create an account.', next: to, name: '', guest: false });
    const n = checkName(body.name);
    if (!n.ok) return res.status(400).render('signin', { error: n.message, next: to, name: '', guest: true });
    // Guests may share a display name: only accounts' names are unique.
    const user = store.createUser(n.name, null, 'learner', now());
    if ('error' in user) return res.status(409).render('signin', { error: user.error === 'taken' ? NAME_TAKEN : NAME_CONFUSABLE, next: to, name: '', guest: true });
    startSession(req, res, user.id);
    res.redirect(303, to);
  });
  app.post('/signout', (req, res) => {
    // Ends the session for every socket and tab that holds it, not only this page.
    if (req.sessionToken) store.endSession(req.sessionToken, 'signed-out', now());
    clearSessionCookie(req, res);
    res.redirect(303, '/');
  });

  // ---- the learner's progress ----
  app.get('/me', requireUser, (req, res) => {
    res.render('me', { progress: learnerProgress(store, req.user!.id, deps.scenarios()), cohorts: store.cohortsOf(req.user!.id), message: '' });
  });
  app.post('/cohorts/join', requireUser, joinPerIp, joinPerUser, (req, res) => {
    const code = String((req.body as Record<string, unknown>).code ?? '').slice(0, 20);
    const c = store.cohortByCode(code);
    if (c) store.joinCohort(c.id, req.user!.id, now());
    res.status(c ? 200 : 404).render('me', {
      progress: learnerProgress(store, req.user!.id, deps.scenarios()),
      cohorts: store.cohortsOf(req.user!.id),
      message: c ? `You joined ${c.name}.` : 'No cohort has that code.',
    });
  });

  // ---- the instructor dashboard ----
  const cohortFilter = (req: Request) => {
    const id = Number(req.query.cohort);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  };
  app.get('/dashboard', requireInstructor, (req, res) => {
    const cohort = cohortFilter(req);
    res.render('dashboard', {
      o: overview(store, deps.scenarios(), cohort),
      cohorts: store.cohorts(),
      cohort,
      guest: guestModeOn(store),
      checks: deps.checkStatus?.() ?? [],
    });
  });
  app.get('/dashboard/export.csv', requireInstructor, (req, res) => {
    res.type('text/csv').attachment('ckalab-overview.csv').send(overviewCsv(overview(store, deps.scenarios(), cohortFilter(req))));
  });
  app.get('/dashboard/learners/:id', requireInstructor, (req, res, next) => {
    const d = learnerDetail(store, Number(req.params.id), deps.scenarios());
    if (!d) return next(new HttpError(404, 'No such learner.'));
    res.render('learner', { d });
  });
  app.get('/dashboard/scenarios/:id', requireInstructor, (req, res, next) => {
    const s = deps.scenarios().find((x) => x.id === req.params.id);
    if (!s) return next(new HttpError(404, 'No such scenario.'));
    res.render('scenario-stats', { st: scenarioStats(store, s) });
  });
  app.post('/dashboard/cohorts', requireInstructor, (req, res) => {
    const name = checkName((req.body as Record<string, unknown>).name);
    if (name.ok) store.createCohort(name.name, req.user!.id, now());
    res.redirect(303, '/dashboard');
  });
  app.post('/dashboard/settings', requireInstructor, (req, res) => {
    const on = (req.body as Record<string, unknown>).guest === 'on';
    store.setSetting('guest_mode', on ? 'on' : 'off');
    // Guests already inside are signed out at once (their terminals too), with a page saying why.
    if (!on) store.endGuestSessions('guest-off', now());
    res.redirect(303, '/dashboard');
  });

  app.use((_req, _res, next) => next(new HttpError(404, 'Not found.')));
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = err instanceof HttpError ? err.status : (err as { status?: number }).status === 413 ? 413 : 500;
    if (!(err instanceof HttpError) && status === 500) deps.logger.error({ err }, 'request failed');
    const message = err instanceof HttpError ? err.publicMessage : status === 413 ? 'That request is too large.' : 'Something went wrong.';
    res.status(status).render('error', { status, message });
  });
  return app;
}
