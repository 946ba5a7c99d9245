/**
 * Who is asking: the session cookie (httpOnly, SameSite=Lax, Secure when the request came over
 * HTTPS) resolved through the store; a CSRF token on every form that is bound to the session
 * (the session's own token, kept server-side) or, before sign-in, an HMAC of a per-browser nonce
 * under the installation's secret; argon2id password hashes; and the guards that send an
 * anonymous visitor to sign in and answer 403 to a learner on instructor pages. A session that
 * ended (signed out elsewhere, timed out, revoked, guest mode turned off) gets a page saying why.
 */
import { hash, verify } from '@node-rs/argon2';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Store, User } from '../store/index.js';
import { sessionEndMessage } from '../accounts/index.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'ckalab_session';
export const CSRF_COOKIE = 'ckalab_csrf';

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
    sessionToken?: string;
    csrfToken?: string;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) {
      try {
        out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        /* a malformed cookie is ignored */
      }
    }
  }
  return out;
}

/** argon2id with the library's defaults (memory-hard); a dummy hash keeps unknown names as slow as known ones. */
export const hashPassword = (p: string) => hash(p);
const DUMMY = hash('not a real password, only for timing');
export async function checkPassword(stored: string | null | undefined, given: string): Promise<boolean> {
  if (!stored) {
    await verify(await DUMMY, given).catch(() => false);
    return false;
  }
  return verify(stored, given).catch(() => false);
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The form token of an anonymous browser: HMAC(secret, nonce), so a nonce planted without the secret yields no valid token. */
const anonymousToken = (secret: string, nonce: string) => createHmac('sha256', secret).update(`csrf:${nonce}`).digest('base64url');

/** Cookie attributes: Secure whenever the request came over HTTPS (directly or through a trusted proxy). */
const cookieOptions = (req: Request) => ({ httpOnly: true, path: '/', secure: req.secure });

export function sessionMiddleware(store: Store, now: () => number) {
  const secret = store.secret();
  return (req: Request, res: Response, next: NextFunction) => {
    const cookies = parseCookies(req.headers.cookie);
    const token = cookies[SESSION_COOKIE];
    if (token) {
      let s;
      try {
        s = store.sessionState(token, now());
        // Guest mode turned off ends guest sessions, even ones the switch did not reach.
        if (s?.state === 'active' && s.user.guest && store.setting('guest_mode') === 'off') {
          store.endSession(token, 'guest-off', now());
          s = { state: 'ended' as const, reason: 'guest-off' as const, tokenHash: s.tokenHash };
        }
      } catch (err) {
        return next(err);
      }
      if (s?.state === 'active') {
        req.user = s.user;
        req.sessionToken = token;
        req.csrfToken = s.csrf;
      } else {
        res.clearCookie(SESSION_COOKIE, cookieOptions(req));
        if (s?.state === 'ended' && s.reason !== 'signed-out' && s.reason !== 'replaced') {
          // Say why, once: a page of its own, or a notice on the sign-in form; the next request is an anonymous visitor's.
          res.locals.notice = sessionEndMessage(s.reason);
          if (req.method === 'GET' && req.path !== '/signin' && req.path !== '/signup') {
            return res.status(401).render('signed-out', { message: res.locals.notice, next: safeNext(req.originalUrl), user: undefined, csrf: '' });
          }
        }
      }
    }
    if (!req.csrfToken) {
      let nonce = cookies[CSRF_COOKIE];
      if (!nonce || !/^[A-Za-z0-9_-]{20,100}$/.test(nonce)) {
        nonce = randomBytes(24).toString('base64url');
        res.cookie(CSRF_COOKIE, nonce, { ...cookieOptions(req), sameSite: 'strict' });
      }
      req.csrfToken = anonymousToken(secret, nonce);
    }
    res.locals.user = req.user;
    res.locals.csrf = req.csrfToken;
    next();
  };
}

/** Every POST carries the form's `_csrf`: the session's token when signed in, else the HMAC of this browser's nonce. */
export function csrfGuard(req: Request, _res: Response, next: NextFunction) {
  if (req.method !== 'POST') return next();
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || !req.csrfToken || !sameToken(sent, req.csrfToken)) return next(new HttpError(403, 'The form expired: reload the page and try again.'));
  next();
}

export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), sameSite: 'lax', maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  if (req.user) return next();
  res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
}

export function requireInstructor(req: Request, res: Response, next: NextFunction) {
  if (!req.user) return res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
  if (req.user.role !== 'instructor') return next(new HttpError(403, 'This page is for instructors.'));
  next();
}

/** Only a local path may follow sign-in (no open redirect). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(raw) ? raw : '/';
}
