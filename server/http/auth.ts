/**
 * Who is asking: the session cookie (httpOnly, SameSite=Lax) resolved through the store, a
 * double-submit CSRF token on every form, argon2id password hashes, and the guards that send an
 * anonymous visitor to sign in and answer 403 to a learner on instructor pages.
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Store, User } from '../store/index.js';
import { SESSION_TTL_MS } from '../store/index.js';
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

export function sessionMiddleware(store: Store, now: () => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const cookies = parseCookies(req.headers.cookie);
    const token = cookies[SESSION_COOKIE];
    if (token) {
      try {
        const s = store.session(token, now());
        if (s) {
          req.user = s.user;
          req.sessionToken = token;
        }
      } catch (err) {
        return next(err);
      }
    }
    // The CSRF token lives in its own cookie and is repeated in every form (double submit).
    let csrf = cookies[CSRF_COOKIE];
    if (!csrf || !/^[A-Za-z0-9_-]{20,}$/.test(csrf)) {
      csrf = randomBytes(24).toString('base64url');
      res.cookie(CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'strict', path: '/' });
    }
    req.csrfToken = csrf;
    res.locals.user = req.user;
    res.locals.csrf = csrf;
    next();
  };
}

/** Every POST carries the form's `_csrf`, equal to the cookie's. */
export function csrfGuard(req: Request, _res: Response, next: NextFunction) {
  if (req.method !== 'POST') return next();
  const cookies = parseCookies(req.headers.cookie);
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (typeof sent !== 'string' || !cookies[CSRF_COOKIE] || sent !== cookies[CSRF_COOKIE]) return next(new HttpError(403, 'The form expired: reload the page and try again.'));
  next();
}

export function setSessionCookie(res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: SESSION_TTL_MS });
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
