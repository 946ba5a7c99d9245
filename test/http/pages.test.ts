// The pages and their headers, through supertest on the app factory (no listening socket).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../server/http/app.js';
import { buildBundle } from '../../server/http/bundle.js';
import { EMPTY_SETUP } from '../../server/api/index.js';
import { loadScenarioDir } from '../../server/scenario-files/index.js';
import { SCENARIOS } from '../helpers/server.js';

const bundle = await buildBundle();
const app = createApp({ scenarios: () => loadScenarioDir(SCENARIOS).scenarios, bundle, logger: pino({ level: 'silent' }) });

test('home lists the scenarios, with a session cookie and a CSP', async () => {
  const r = await request(app).get('/').expect(200);
  assert.match(r.text, /<a href="\/lab\/network-policies">Network Policies<\/a>/);
  assert.match(r.headers['content-security-policy'] ?? '', /script-src 'self'/);
  assert.match(String(r.headers['set-cookie']), /ckalab_sid=[A-Za-z0-9_-]{16,}; Path=\/; HttpOnly; SameSite=Lax/);
});

test('the lab page mounts the terminal and loads the hashed bundle', async () => {
  const r = await request(app).get('/lab/network-policies').expect(200);
  assert.match(r.text, /<main id="terminal" data-lab="network-policies"><\/main>/);
  const js = r.text.match(/src="(\/assets\/app\.[0-9a-f]{12}\.js)"/)?.[1];
  assert.ok(js);
  const asset = await request(app).get(js).expect(200);
  assert.match(asset.headers['content-type'] ?? '', /javascript/);
  assert.ok(asset.text.length > 10_000);
});

test('an unknown scenario is a 404 page, not a stack trace', async () => {
  const r = await request(app).get('/lab/nope').expect(404);
  assert.match(r.text, /No such scenario\./);
  assert.doesNotMatch(r.text, /at .*\.ts/);
});

test('scenario text is escaped in the page', async () => {
  const evil = createApp({
    scenarios: () => [{ id: 'x', title: '<script>alert(1)</script>', summary: '<img src=x onerror=alert(1)>', difficulty: 'easy', tags: ['<b>'], minutes: 1, map: true, appPages: [], setup: EMPTY_SETUP, steps: [] }],
    bundle,
    logger: pino({ level: 'silent' }),
  });
  const r = await request(evil).get('/').expect(200);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(r.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
});
