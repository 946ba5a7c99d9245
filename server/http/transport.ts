/**
 * Transport and origin rules at the HTTP edge: express trusts X-Forwarded-* only from the
 * configured proxy (`--trust-proxy`); HSTS is sent only on responses to HTTPS requests (over
 * plain http a browser ignores it, and a LAN lab must stay reachable by http); a form POSTed
 * from another origin is refused before it reaches a route.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { checkOrigin, type OriginPolicy, type TrustProxy } from './origin.js';
import { HttpError } from './errors.js';

export function trustProxy(app: Express, value: boolean | number | string): TrustProxy {
  app.set('trust proxy', value);
  return app.get('trust proxy fn') as TrustProxy;
}

export function hstsOverHttps() {
  const hsts = helmet.strictTransportSecurity();
  return (req: Request, res: Response, next: NextFunction) => (req.secure ? hsts(req, res, next) : next());
}

export function originGuard(policy: OriginPolicy) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const v = checkOrigin(req, policy);
    next(v.ok ? undefined : new HttpError(403, 'This form was sent from another site, so it was refused.'));
  };
}
