// The pages and their headers, through supertest on the app factory (no listening socket).
import { test, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, Store } from '../../server/store/index.js';
import assert from 'node:assert/strict';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../server/http/app.js';
import { buildBundle } from '../../server/http/bundle.js';
import { EMPTY_SETUP } from '../../server/api/index.js';
import { loadScenarioDir } from '../../server/scenario-files/index.js';
import { SCENARIOS } from '../helpers/server.js';

const bundle = await buildBundle();
const dir = mkdtempSync(join(tmpdir(), 'ckalab-pages-'));
const store = new Store(openStore(dir));
after(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});
const app = createApp({ scenarios: () => loadScenarioDir(SCENARIOS).scenarios, store, bundle, logger: pino({ level: 'silent' }) });
const learner = store.createUser('pages-learner', null, 'learner', Date.now());
if ('error' in learner) throw new Error('setup');
const signedIn = `ckalab_session=${store.createSession(learner.id, Date.now()).token}`;

test('home lists the scenarios, with a CSRF cookie and a CSP', async () => {
  const r = await request(app).get('/').expect(200);
  assert.match(r.text, /<a href="\/lab\/network-policies">Network Policies<\/a>/);
  assert.match(r.headers['content-security-policy'] ?? '', /script-src 'self'/);
  assert.match(String(r.headers['set-cookie']), /ckalab_csrf=[A-Za-z0-9_-]{20,}; Path=\/; HttpOnly; SameSite=Strict/);
});

test('the lab page needs a signed-in user', async () => {
  const r = await request(app).get('/lab/network-policies').expect(303);
  assert.equal(r.headers.location, '/signin?next=%2Flab%2Fnetwork-policies');
});

test('the lab page mounts the terminal and loads the hashed bundle', async () => {
  const r = await request(app).get('/lab/network-policies').set('Cookie', signedIn).expect(200);
  assert.match(r.text, /<main id="terminal" data-lab="network-policies"><\/main>/);
  const js = r.text.match(/src="(\/assets\/app\.[0-9a-f]{12}\.js)"/)?.[1];
  assert.ok(js);
  const asset = await request(app).get(js).expect(200);
  assert.match(asset.headers['content-type'] ?? '', /javascript/);
  assert.ok(asset.text.length > 10_000);
});

test('an unknown scenario is a 404 page, not a stack trace', async () => {
  const r = await request(app).get('/lab/nope').set('Cookie', signedIn).expect(404);
  assert.match(r.text, /No such scenario\./);
  assert.doesNotMatch(r.text, /at .*\.ts/);
});

test('scenario text is escaped in the page', async () => {
  const evil = createApp({
    scenarios: () => [{ id: 'x', title: '<script>alert(1)</script>', summary: '<img src=x onerror=alert(1)>', difficulty: 'easy', tags: ['<b>'], minutes: 1, map: true, appPages: [], setup: EMPTY_SETUP, steps: [] }],
    store,
    bundle,
    logger: pino({ level: 'silent' }),
  });
  const r = await request(evil).get('/').expect(200);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(r.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('the lab page escapes scenario text: markdown renders, raw HTML and script links do not', async () => {
  const base = loadScenarioDir(SCENARIOS).scenarios.find((s) => s.id === 'playground')!;
  const evil = {
    ...base,
    id: 'evil',
    title: '</title><script>alert(1)</script>',
    appPages: [{ namespace: 'default', pod: '<img src=x onerror=alert(2)>' }],
    steps: [
      {
        ...base.steps[0]!,
        title: '<b>step</b>',
        text: 'Run `kubectl get <pods>` then <script>alert(3)</script> and [click](javascript:alert(4)) **now** </script><script>alert(5)</script>',
        body: { kind: 'single' as const, choices: ['</script><script>alert(6)</script>', 'b'], answer: 'b', explain: '' },
      },
    ],
  };
  const app2 = createApp({ scenarios: () => [evil], store, bundle, logger: pino({ level: 'silent' }) });
  const r = await request(app2).get('/lab/evil').set('Cookie', signedIn).expect(200);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.doesNotMatch(r.text, /<img src=x/);
  assert.match(r.text, /&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  // Step data travels as JSON in a non-executed script block: no "<" can close it.
  const json = r.text.match(/<script type="application\/json" id="scenario-data">([^<]*)<\/script>/)?.[1];
  assert.ok(json, 'the data block holds no raw "<"');
  const data = JSON.parse(json);
  assert.equal(data.steps[0].title, '<b>step</b>');
  assert.equal(
    data.steps[0].html,
    '<p>Run <code class="copy" title="Click to copy">kubectl get &lt;pods&gt;</code> then &lt;script&gt;alert(3)&lt;/script&gt; and <a href="#" target="_blank" rel="noopener noreferrer">click</a> <strong>now</strong> &lt;/script&gt;&lt;script&gt;alert(5)&lt;/script&gt;</p>\n',
  );
  // Answers never reach the page.
  assert.equal(data.steps[0].answer, undefined);
  assert.doesNotMatch(json, /"answer"/);
});

