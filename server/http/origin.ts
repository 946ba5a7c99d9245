/**
 * Which pages may talk to this server: the Origin of every socket.io handshake (polling and
 * WebSocket upgrade alike) and of every form POST must be the server's own origin, or one of the
 * configured list when it is reached through a proxy under another name. Browsers send Origin on
 * every cross-origin request and WebSocket, so a page on another origin (even another port of
 * the same host, whose requests carry the SameSite cookie) is refused; a request without Origin
 * comes from the same origin or from no browser at all, and carries no victim's cookie. The
 * pages' Referrer-Policy is same-origin so that their own forms carry their real Origin.
 */
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** express's compiled `trust proxy` (app.get('trust proxy fn')): is the address at hop i a proxy we trust? */
export type TrustProxy = (addr: string | undefined, i: number) => boolean;

/** `--trust-proxy` as express takes it: `true`, a hop count, or addresses/subnets (`loopback`, `10.0.0.0/8`). */
export function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

/** `--allowed-origin` values as origins (`https://lab.example.com`); an invalid one is an error. */
export function parseAllowedOrigins(values: readonly string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => {
      let u: URL;
      try {
        u = new URL(v);
      } catch {
        throw new Error(`invalid --allowed-origin "${v}": give scheme://host[:port]`);
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`invalid --allowed-origin "${v}": only http and https`);
      return u.origin;
    });
}

const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim();

/** The origin this request was addressed to: scheme and Host, or a trusted proxy's X-Forwarded-Proto/-Host. */
export function ownOrigin(req: IncomingMessage, trust: TrustProxy): string | undefined {
  const proxied = trust(req.socket.remoteAddress, 0);
  let proto = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  let host = req.headers.host;
  if (proxied) {
    proto = first(req.headers['x-forwarded-proto']) ?? proto;
    host = first(req.headers['x-forwarded-host']) ?? host;
  }
  if (!host) return undefined;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return undefined;
  }
}

export interface OriginPolicy {
  /** Origins allowed besides none: when given, only these; otherwise the request's own origin. */
  allowed: readonly string[];
  trust: TrustProxy;
}

export type OriginVerdict = { ok: true } | { ok: false; origin: string };

export function checkOrigin(req: IncomingMessage, policy: OriginPolicy): OriginVerdict {
  const raw = req.headers.origin;
  if (raw === undefined) return { ok: true };
  const origin = String(raw);
  // A page whose Referrer-Policy is no-referrer posts its forms with `Origin: null`; the browser's
  // own Sec-Fetch-Site (which no script can set) still says whether it came from this origin.
  if (origin === 'null' && req.headers['sec-fetch-site'] === 'same-origin') return { ok: true };
  const allowed = policy.allowed.length > 0 ? policy.allowed : [ownOrigin(req, policy.trust)];
  return allowed.includes(origin) ? { ok: true } : { ok: false, origin };
}
