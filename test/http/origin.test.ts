// The origin rules, on plain request objects: the own origin (Host, or a trusted proxy's
// X-Forwarded-Proto/-Host), the configured list, and the CLI's parsing of both flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import express from 'express';
import { checkOrigin, ownOrigin, parseAllowedOrigins, parseTrustProxy, type TrustProxy } from '../../server/http/origin.js';

const req = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
const trustOf = (v: boolean | number | string): TrustProxy => {
  const app = express();
  app.set('trust proxy', v);
  return app.get('trust proxy fn') as TrustProxy;
};
const none = trustOf(false);
const loopback = trustOf('loopback');

test('the own origin is the Host; a trusted proxy may say https and the public host', () => {
  assert.equal(ownOrigin(req({ host: 'lab.local:3000' }), none), 'http://lab.local:3000');
  const viaProxy = req({ host: '127.0.0.1:3000', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'lab.example.com' });
  assert.equal(ownOrigin(viaProxy, none), 'http://127.0.0.1:3000');
  assert.equal(ownOrigin(viaProxy, loopback), 'https://lab.example.com');
  assert.equal(ownOrigin({ ...viaProxy, socket: { remoteAddress: '203.0.113.9' } } as unknown as IncomingMessage, loopback), 'http://127.0.0.1:3000');
});

test('an Origin must be the own one, or one of the list when a list is given; none at all passes', () => {
  const own = { allowed: [], trust: none };
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), own), { ok: true });
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:4199' }), own), { ok: false, origin: 'http://127.0.0.1:4199' });
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' }), own), { ok: false, origin: 'https://127.0.0.1:3000' });
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'null' }), own), { ok: false, origin: 'null' });
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'null', 'sec-fetch-site': 'cross-site' }), own), { ok: false, origin: 'null' });
  // A no-referrer page's own form: Origin null, but the browser says same-origin.
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'null', 'sec-fetch-site': 'same-origin' }), own), { ok: true });
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000' }), own), { ok: true });
  const listed = { allowed: ['https://lab.example.com'], trust: none };
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'https://lab.example.com' }), listed), { ok: true });
  assert.deepEqual(checkOrigin(req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), listed), { ok: false, origin: 'http://127.0.0.1:3000' });
});

test('--allowed-origin and --trust-proxy values', () => {
  assert.deepEqual(parseAllowedOrigins(['https://lab.example.com/', 'http://a.test:8080,https://b.test']), ['https://lab.example.com', 'http://a.test:8080', 'https://b.test']);
  assert.throws(() => parseAllowedOrigins(['lab.example.com']), /^Error: invalid --allowed-origin "lab.example.com": give scheme:\/\/host\[:port\]$/);
  assert.throws(() => parseAllowedOrigins(['ftp://x']), /only http and https/);
  assert.equal(parseTrustProxy(''), false);
  assert.equal(parseTrustProxy('true'), true);
  assert.equal(parseTrustProxy('2'), 2);
  assert.equal(parseTrustProxy('loopback, 10.0.0.0/8'), 'loopback, 10.0.0.0/8');
});
