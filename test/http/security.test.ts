// Security over HTTP (supertest on createApp, a real SQLite file in a temp dir, a clock the test
// moves): NIST passwords, look-alike and hidden-character names, sign-in throttling that counts
// failures per address and per account with a trusted proxy's X-Forwarded-For, cohort-code
// guessing, session rotation and timeouts, HSTS and Secure cookies only over HTTPS, CSRF tokens
// bound to the session, cross-origin forms, and guest sessions ended with a page saying why.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import pino from 'pino';
import { createApp, type AppDeps } from '../../server/http/app.js';
import { buildBundle } from '../../server/http/bundle.js';
import { hashPassword } from '../../server/http/auth.js';
import { openStore, Store } from '../../server/store/index.js';
import { loadScenarioDir } from '../../server/scenario-files/index.js';
import { SCENARIOS } from '../helpers/server.js';

const bundle = await buildBundle();
const dir = mkdtempSync(join(tmpdir(), 'ckalab-security-'));
const store = new Store(openStore(dir));
after(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});
const scenarios = loadScenarioDir(SCENARIOS).scenarios;
let clock = Date.now();
const makeApp = (o: Partial<AppDeps> = {}) => createApp({ scenarios: () => scenarios, store, bundle, logger: pino({ level: 'silent' }), now: () => clock, signInLimit: 10, ...o });
const app = makeApp();
const proxied = makeApp({ trustProxy: 'loopback' });

const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';
const errorOf = (text: string) => /<p class="error" role="alert"[^>]*>([^<]*)<\/p>/.exec(text)?.[1];
const cookieOf = (r: request.Response, name: string) => {
  const c = ([] as string[]).concat(r.headers['set-cookie'] ?? []).find((x) => x.startsWith(`${name}=`));
  return c ? c.slice(name.length + 1).split(';')[0] : undefined;
};

async function agent(on = app, page = '/signin') {
  const a = request.agent(on);
  const r = await a.get(page);
  return { a, csrf: csrfOf(r.text) };
}

async function signUp(name: string, password = 'a good password', on = app) {
  const { a, csrf } = await agent(on, '/signup');
  return a.post('/signup').type('form').send({ _csrf: csrf, name, password, password2: password });
}

async function account(name: string, password: string, role: 'learner' | 'instructor' = 'learner') {
  const u = store.createUser(name, await hashPassword(password), role, clock);
  assert.ok(!('error' in u));
  return u;
}

test('3. passwords: common ones, one character repeated and the name itself are refused; a long passphrase is not', async () => {
  assert.equal(errorOf((await signUp('Pat Common', 'password')).text), 'That password is one of the most common ones: choose another.');
  assert.equal(errorOf((await signUp('Pat Common', '        ')).text), 'The password cannot be one character repeated.');
  assert.equal(errorOf((await signUp('Pat Common', 'Pat Common')).text), 'The password cannot be your name.');
  assert.equal(store.userByName('Pat Common'), undefined);
  const phrase = 'a long passphrase, pasted from my password manager: 7 words and more';
  assert.equal((await signUp('Pat Common', phrase)).status, 303);
});

test('4. names: look-alikes of an existing name, and hidden characters, are refused; names are stored NFKC', async () => {
  assert.equal((await signUp('Instructor One')).status, 303);
  const greek = await signUp('Ιnstructor One'); // a Greek capital Iota
  assert.equal(greek.status, 409);
  assert.equal(errorOf(greek.text), 'That name looks like an existing one: choose another.');
  assert.equal(errorOf((await signUp('instructor one')).text), 'That name is taken: choose another.');
  for (const name of ['Instructor\u200B One', 'Instructor \u202Eeno', 'Mallory\u200D']) {
    const r = await signUp(name);
    assert.equal(r.status, 400, JSON.stringify(name));
    assert.equal(errorOf(r.text), 'The name cannot contain control or invisible characters.');
  }
  const { a, csrf } = await agent();
  const guest = await a.post('/guest').type('form').send({ _csrf: csrf, name: 'Instructоr One' }); // a Cyrillic o
  assert.equal(guest.status, 409);
  assert.equal((await signUp('Ｗｉｄｅ Ｎａｍｅ')).status, 303);
  assert.ok(store.userByName('Wide Name'));
});

test('5. sign-in: a class behind one address signs in freely; failures are limited per address', async () => {
  await account('Class Member', 'the class password');
  const own = makeApp();
  for (let i = 0; i < 25; i++) {
    const { a, csrf } = await agent(own);
    await a.post('/signin').type('form').send({ _csrf: csrf, name: 'Class Member', password: 'the class password' }).expect(303);
  }
  const b = await agent(own);
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await b.a.post('/signin').type('form').send({ _csrf: b.csrf, name: `Nobody ${i % 4}`, password: 'a guess' })).status);
  assert.deepEqual(statuses, [...Array(10).fill(401), 429]);
});

test('5. sign-in: per account, exponential delays after five failures, whatever the address (trusted proxy)', async () => {
  await account('Target', 'the right password');
  const { a, csrf } = await agent(proxied);
  const from = (ip: string, password: string) => a.post('/signin').set('X-Forwarded-For', ip).type('form').send({ _csrf: csrf, name: 'Target', password });
  for (let i = 0; i < 5; i++) await from(`198.51.100.${i}`, 'a guess').expect(401);
  // The sixth attempt, from yet another address and with the right password, waits.
  const held = await from('198.51.100.99', 'the right password').expect(429);
  assert.equal(errorOf(held.text), 'Too many failed sign-ins for this name: wait 1 second and try again.');
  assert.equal(held.headers['retry-after'], '1');
  clock += 1000;
  await from('198.51.100.99', 'a guess').expect(401);
  assert.equal(errorOf((await from('198.51.100.100', 'the right password').expect(429)).text), 'Too many failed sign-ins for this name: wait 2 seconds and try again.');
  clock += 2000;
  await from('198.51.100.100', 'the right password').expect(303);
  // Success clears the count: five more failures are free again.
  const fresh = await agent(proxied);
  for (let i = 0; i < 5; i++) await fresh.a.post('/signin').set('X-Forwarded-For', '198.51.100.102').type('form').send({ _csrf: fresh.csrf, name: 'Target', password: 'a guess' }).expect(401);
});

test("5. X-Forwarded-For counts only from a trusted proxy", async () => {
  const plain = await agent(makeApp({ signInLimit: 2 }));
  const guesses = (on: { a: ReturnType<typeof request.agent>; csrf: string }, ip: string, n: number, name: string) =>
    Promise.all(Array.from({ length: n }, (_, i) => on.a.post('/signin').set('X-Forwarded-For', ip).type('form').send({ _csrf: on.csrf, name: `${name} ${i}`, password: 'a guess' }))).then((rs) => rs.map((r) => r.status));
  // Not trusted: every forged address is the same client.
  assert.ok((await guesses(plain, '203.0.113.1', 3, 'Forged')).includes(429));
  // Trusted: each address has its own count.
  const p = await agent(proxied);
  assert.equal((await guesses(p, '203.0.113.7', 11, 'Seven')).filter((s) => s === 429).length, 1);
  assert.deepEqual(await guesses(p, '203.0.113.8', 2, 'Eight'), [401, 401]);
});

test('5. cohort codes: ten wrong codes, then refused for a while even with the right one', async () => {
  assert.equal((await signUp('Code Guesser')).status, 303);
  const { a } = await agent(app, '/signin');
  await a.post('/signin').type('form').send({ _csrf: csrfOf((await a.get('/signin')).text), name: 'Code Guesser', password: 'a good password' }).expect(303);
  const csrf = csrfOf((await a.get('/me')).text);
  const c = store.createCohort('Winter', 1, clock);
  for (let i = 0; i < 10; i++) await a.post('/cohorts/join').type('form').send({ _csrf: csrf, code: `BAD${i}0000` }).expect(404);
  const r = await a.post('/cohorts/join').type('form').send({ _csrf: csrf, code: c.code }).expect(429);
  assert.match(r.text, /Too many wrong codes: wait a few minutes and try again\./);
  assert.equal(store.cohortsOf(store.userByName('Code Guesser')!.id).length, 0);
});

test('6. the session id rotates on sign-in; the previous session of the browser ends', async () => {
  await account('Rotating', 'a rotating password');
  const { a, csrf } = await agent();
  const g = await a.post('/guest').type('form').send({ _csrf: csrf, name: 'Guest Before' }).expect(303);
  const before = cookieOf(g, 'ckalab_session')!;
  const csrf2 = csrfOf((await a.get('/signin')).text);
  const r = await a.post('/signin').type('form').send({ _csrf: csrf2, name: 'Rotating', password: 'a rotating password' }).expect(303);
  const afterToken = cookieOf(r, 'ckalab_session')!;
  assert.ok(afterToken && afterToken !== before);
  assert.deepEqual(store.sessionState(before, clock)?.state, 'ended');
  assert.match((await request(app).get('/me').set('Cookie', `ckalab_session=${afterToken}`).expect(200)).text, /Rotating/);
  // The old cookie no longer signs anyone in.
  await request(app).get('/me').set('Cookie', `ckalab_session=${before}`).expect(303);
});

test('6. a role change ends the sessions of the account, and the page says why', async () => {
  const u = await account('Promoted', 'promoted password');
  const token = store.createSession(u.id, clock).token;
  await request(app).get('/me').set('Cookie', `ckalab_session=${token}`).expect(200);
  store.setRole(u.id, 'instructor', clock);
  const r = await request(app).get('/me').set('Cookie', `ckalab_session=${token}`).expect(401);
  assert.equal(errorOf(r.text), 'Your role changed: sign in again.');
  assert.match(String(r.headers['set-cookie']), /ckalab_session=;/);
});

test('6. idle and absolute timeouts end sessions, each with its reason', async () => {
  const saved = store.policy;
  store.policy = { maxMs: 60 * 60_000, idleMs: 10 * 60_000 };
  try {
    const u = await account('Timed', 'timed password');
    const idle = store.createSession(u.id, clock).token;
    const busy = store.createSession(u.id, clock).token;
    const start = clock;
    for (let m = 5; m <= 55; m += 5) {
      clock = start + m * 60_000;
      await request(app).get('/me').set('Cookie', `ckalab_session=${busy}`).expect(200);
    }
    assert.equal(errorOf((await request(app).get('/me').set('Cookie', `ckalab_session=${idle}`).expect(401)).text), 'Your session timed out after a long time without activity: sign in again.');
    clock = start + 61 * 60_000;
    assert.equal(errorOf((await request(app).get('/me').set('Cookie', `ckalab_session=${busy}`).expect(401)).text), 'Your session expired: sign in again.');
  } finally {
    store.policy = saved;
  }
});

test('7. HSTS and Secure cookies only over HTTPS (a trusted proxy says so); the CSP stays', async () => {
  const http = await request(app).get('/signin').expect(200);
  assert.equal(http.headers['strict-transport-security'], undefined);
  assert.match(http.headers['content-security-policy'] ?? '', /script-src 'self'/);
  assert.doesNotMatch(String(http.headers['set-cookie']), /Secure/);
  // An untrusted X-Forwarded-Proto changes nothing.
  const forged = await request(app).get('/signin').set('X-Forwarded-Proto', 'https').expect(200);
  assert.equal(forged.headers['strict-transport-security'], undefined);
  const https = await request(proxied).get('/signin').set('X-Forwarded-Proto', 'https').expect(200);
  assert.equal(https.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  assert.match(String(https.headers['set-cookie']), /ckalab_csrf=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Strict/);
  await account('Secure Sam', 'secure password');
  // (a cookie jar keeps Secure cookies off plain http: the nonce is sent by hand)
  const page = await request(proxied).get('/signin').set('X-Forwarded-Proto', 'https');
  const r = await request(proxied)
    .post('/signin')
    .set('X-Forwarded-Proto', 'https')
    .set('Cookie', `ckalab_csrf=${cookieOf(page, 'ckalab_csrf')}`)
    .type('form')
    .send({ _csrf: csrfOf(page.text), name: 'Secure Sam', password: 'secure password' })
    .expect(303);
  assert.match(String(r.headers['set-cookie']), /ckalab_session=[^;]+; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax/);
});

test('8. the CSRF token is bound to the session: a planted cookie/token pair is refused', async () => {
  const u = await account('Csrf Victim', 'victim password');
  const token = store.createSession(u.id, clock).token;
  const planted = 'p'.repeat(32);
  const c = store.createCohort('Planted', 1, clock);
  // Signed in: the double-submit pair an attacker can plant is not the session's token.
  await request(app).post('/cohorts/join').set('Cookie', `ckalab_session=${token}; ckalab_csrf=${planted}`).type('form').send({ _csrf: planted, code: c.code }).expect(403);
  // Another session's token is not this one's either.
  const other = store.createSession(u.id, clock);
  await request(app).post('/cohorts/join').set('Cookie', `ckalab_session=${token}`).type('form').send({ _csrf: other.csrf, code: c.code }).expect(403);
  assert.equal(store.cohortsOf(u.id).length, 0);
  // The page's own token works.
  const page = await request(app).get('/me').set('Cookie', `ckalab_session=${token}`).expect(200);
  await request(app).post('/cohorts/join').set('Cookie', `ckalab_session=${token}`).type('form').send({ _csrf: csrfOf(page.text), code: c.code }).expect(200);
  // Anonymous (login CSRF): a planted nonce with itself as the token is refused.
  await request(app).post('/signin').set('Cookie', `ckalab_csrf=${planted}`).type('form').send({ _csrf: planted, name: 'Csrf Victim', password: 'victim password' }).expect(403);
});

test('8. a form posted from another origin is refused', async () => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  try {
    const own = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { a, csrf } = await agent(server as never);
    const r = await a.post('/guest').set('Origin', 'http://127.0.0.1:4199').type('form').send({ _csrf: csrf, name: 'Cross Site' }).expect(403);
    assert.match(r.text, /This form was sent from another site, so it was refused\./);
    assert.equal(store.userByName('Cross Site'), undefined);
    await a.post('/guest').set('Origin', own).type('form').send({ _csrf: csrf, name: 'Same Site' }).expect(303);
  } finally {
    server.close();
  }
});

test('8. turning guest mode off ends guest sessions, with a page that says why', async () => {
  store.setSetting('guest_mode', 'on');
  const g = await agent();
  await g.a.post('/guest').type('form').send({ _csrf: g.csrf, name: 'Guest Gwen' }).expect(303);
  await g.a.get('/lab/deny-all').expect(200);
  const teacher = await account('Teacher Tess', 'teacher password', 'instructor');
  const t = request.agent(app);
  await t.get('/').set('Cookie', `ckalab_session=${store.createSession(teacher.id, clock).token}`);
  const tok = store.createSession(teacher.id, clock).token;
  const dash = await t.get('/dashboard').set('Cookie', `ckalab_session=${tok}`).expect(200);
  await t.post('/dashboard/settings').set('Cookie', `ckalab_session=${tok}`).type('form').send({ _csrf: csrfOf(dash.text) }).expect(303);
  const ended = await g.a.get('/lab/deny-all').expect(401);
  assert.match(ended.text, /<h1>You are signed out<\/h1>/);
  assert.equal(errorOf(ended.text), 'An instructor turned guest access off, which ended every guest session. Sign in or create an account to go on.');
  assert.match(ended.text, /href="\/signin\?next=%2Flab%2Fdeny-all"/);
  // Said once: the browser is now an anonymous visitor's.
  assert.equal((await g.a.get('/lab/deny-all').expect(303)).headers.location, '/signin?next=%2Flab%2Fdeny-all');
  // The teacher's own session goes on.
  await t.get('/dashboard').set('Cookie', `ckalab_session=${tok}`).expect(200);
  store.setSetting('guest_mode', 'on');
});
