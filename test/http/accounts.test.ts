// Accounts, progress pages and the dashboard over HTTP (supertest on createApp, a real SQLite
// file in a temp dir): sign-up, sign-in, CSRF, rate limiting, roles, guests, escaping, CSV.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../server/http/app.js';
import { buildBundle } from '../../server/http/bundle.js';
import { hashPassword } from '../../server/http/auth.js';
import { openStore, Store } from '../../server/store/index.js';
import { loadScenarioDir } from '../../server/scenario-files/index.js';
import { SCENARIOS } from '../helpers/server.js';

const bundle = await buildBundle();
const dir = mkdtempSync(join(tmpdir(), 'ckalab-accounts-'));
const store = new Store(openStore(dir));
after(() => {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
});
const scenarios = loadScenarioDir(SCENARIOS).scenarios;
const app = createApp({ scenarios: () => scenarios, store, bundle, logger: pino({ level: 'silent' }), signInLimit: 8 });

/** A browser-like agent: keeps cookies, reads the CSRF token from the form it is shown. */
async function agent(page = '/signin') {
  const a = request.agent(app);
  const r = await a.get(page);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(r.text)?.[1] ?? '';
  return { a, csrf };
}

/** The CSRF token of the form a page shows (bound to the session once signed in). */
const csrfOf = (text: string) => /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? '';

async function signUp(name: string, password = 'a good password') {
  const { a, csrf: anonymous } = await agent('/signup');
  const r = await a.post('/signup').type('form').send({ _csrf: anonymous, name, password, password2: password, next: '/me' });
  const csrf = r.status === 303 ? csrfOf((await a.get('/me')).text) : anonymous;
  return { a, csrf, r };
}

test('sign up, land on the next page, see my progress, sign out', async () => {
  const { a, csrf, r } = await signUp('Alan');
  assert.equal(r.status, 303);
  assert.equal(r.headers.location, '/me');
  assert.match(String(r.headers['set-cookie']), /ckalab_session=[A-Za-z0-9_-]+; Max-Age=2592000; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax/);
  const me = await a.get('/me').expect(200);
  assert.match(me.text, /0 of \d+ scenarios completed\./);
  assert.match(me.text, /<tr data-scenario="network-policies">/);
  await a.post('/signout').type('form').send({ _csrf: csrf }).expect(303);
  const back = await a.get('/me').expect(303);
  assert.equal(back.headers.location, '/signin?next=%2Fme');
});

test('duplicate names, short or long names and passwords are refused with a message', async () => {
  await signUp('Barbara');
  assert.match((await signUp('barbara')).r.text, /That name is taken: choose another\./);
  assert.match((await signUp('B')).r.text, /The name needs at least 2 characters\./);
  assert.match((await signUp('x'.repeat(41))).r.text, /The name can have at most 40 characters\./);
  assert.match((await signUp('Carl', 'short')).r.text, /The password needs at least 8 characters\./);
  const { a, csrf } = await agent('/signup');
  const r = await a.post('/signup').type('form').send({ _csrf: csrf, name: 'Dora', password: 'a good password', password2: 'another one' });
  assert.match(r.text, /The two passwords differ\./);
});

test('sign-in: the same message for an unknown name and a wrong password; then rate limited', async () => {
  store.createUser('Edsger', await hashPassword('the right one'), 'learner', Date.now());
  const { a, csrf } = await agent();
  const wrong = await a.post('/signin').type('form').send({ _csrf: csrf, name: 'Edsger', password: 'the wrong one' }).expect(401);
  const unknown = await a.post('/signin').type('form').send({ _csrf: csrf, name: 'Nobody', password: 'the wrong one' }).expect(401);
  const msg = (t: string) => /<p class="error" role="alert">([^<]*)<\/p>/.exec(t)?.[1];
  assert.equal(msg(wrong.text), 'Wrong name or password.');
  assert.equal(msg(unknown.text), msg(wrong.text));
  const ok = await a.post('/signin').type('form').send({ _csrf: csrf, name: 'edsger', password: 'the right one', next: '//evil.example/x' }).expect(303);
  assert.equal(ok.headers.location, '/');
  // Failures count (successes do not): the 8th failure from this address in the window is refused.
  const b = await agent();
  let last = 0;
  for (let i = 0; i < 8; i++) last = (await b.a.post('/signin').type('form').send({ _csrf: b.csrf, name: `Guesser ${i % 3}`, password: 'guess' })).status;
  assert.equal(last, 429);
});

test('a form without the CSRF token, or with another one, is refused', async () => {
  const { a } = await agent('/signup');
  const r = await a.post('/signup').type('form').send({ name: 'Mallory', password: 'a good password', password2: 'a good password' }).expect(403);
  assert.match(r.text, /The form expired: reload the page and try again\./);
  await a.post('/signup').type('form').send({ _csrf: 'x'.repeat(32), name: 'Mallory', password: 'a good password', password2: 'a good password' }).expect(403);
  assert.equal(store.userByName('Mallory'), undefined);
});

test('markup in a name is escaped everywhere it is shown', async () => {
  const { a } = await signUp('<img src=x onerror=alert(1)>');
  const me = await a.get('/me').expect(200);
  assert.match(me.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(me.text, /<img src=x/);
  const teacher = store.createUser('Teacher One', await hashPassword('teacher password'), 'instructor', Date.now());
  assert.ok(!('error' in teacher));
  const t = request.agent(app);
  await t.get('/signin');
  const tok = store.createSession(teacher.id, Date.now()).token;
  const dash = await t.get('/dashboard').set('Cookie', `ckalab_session=${tok}`).expect(200);
  assert.doesNotMatch(dash.text, /<img src=x/);
  assert.match(dash.text, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('authorization: anonymous to sign-in, learners 403 on every instructor page', async () => {
  for (const path of ['/me', '/dashboard', '/dashboard/export.csv', '/dashboard/learners/1', '/dashboard/scenarios/deny-all', '/lab/deny-all']) {
    const r = await request(app).get(path).expect(303);
    assert.equal(r.headers.location, `/signin?next=${encodeURIComponent(path)}`);
  }
  const { a, csrf } = await signUp('Frances');
  for (const path of ['/dashboard', '/dashboard/export.csv', '/dashboard/learners/1', '/dashboard/scenarios/deny-all']) {
    await a.get(path).expect(403);
  }
  await a.post('/dashboard/cohorts').type('form').send({ _csrf: csrf, name: 'sneaky' }).expect(403);
  await a.post('/dashboard/settings').type('form').send({ _csrf: csrf, guest: 'on' }).expect(403);
  assert.equal(store.cohorts().length, 0);
});

test('guests: a name and no password, until an instructor turns it off', async () => {
  const { a, csrf } = await agent();
  const r = await a.post('/guest').type('form').send({ _csrf: csrf, name: 'Guest Grace', next: '/lab/deny-all' }).expect(303);
  assert.equal(r.headers.location, '/lab/deny-all');
  await a.get('/lab/deny-all').expect(200);
  store.setSetting('guest_mode', 'off');
  const b = await agent();
  assert.doesNotMatch(b.a ? (await b.a.get('/signin')).text : '', /Continue as a guest/);
  const refused = await b.a.post('/guest').type('form').send({ _csrf: b.csrf, name: 'Guest Hal' }).expect(403);
  assert.match(refused.text, /Guest access is turned off/);
  store.setSetting('guest_mode', 'on');
});

test('two guests may share a display name; each gets their own account and lab', async () => {
  const one = await agent();
  await one.a.post('/guest').type('form').send({ _csrf: one.csrf, name: 'Kim', next: '/me' }).expect(303);
  const two = await agent();
  const r = await two.a.post('/guest').type('form').send({ _csrf: two.csrf, name: 'Kim', next: '/me' });
  assert.equal(r.status, 303, r.text);
  const ids = (store.db.prepare("SELECT id FROM users WHERE name = 'Kim'").all() as { id: number }[]).map((x) => x.id);
  assert.equal(ids.length, 2);
  // An account's name stays its own, even when a guest used it first.
  assert.equal((await signUp('Kim')).r.status, 303);
  assert.match((await signUp('kim')).r.text, /That name is taken: choose another\./);
  assert.equal(store.userByName('Kim')?.guest, false);
});

test('the dashboard: grid, completion, failing checks, cohorts, CSV', async () => {
  const teacher = store.createUser('Teacher Two', await hashPassword('teacher password'), 'instructor', Date.now());
  assert.ok(!('error' in teacher));
  const cookie = `ckalab_session=${store.createSession(teacher.id, Date.now()).token}`;
  const learner = store.createUser('Ivy', null, 'learner', Date.now());
  assert.ok(!('error' in learner));
  const id = store.startAttempt(learner.id, 'deny-all', '{}', 2, 1000);
  store.recordProgress(id, [{ step: 0, kind: 'check', passed: false, detail: [{ title: 'sandbox/app → sandbox/worker:8080/TCP denied', passed: false, explanation: 'x' }] }], { progress: '{}', score: 0, maxScore: 2, hints: 0, solutions: 0, completed: false }, 2000);
  store.addActiveTime(id, 240_000);
  store.recordProgress(id, [{ step: 0, kind: 'check', passed: true, detail: [] }, { step: null, kind: 'complete', passed: null, detail: undefined }], { progress: '{}', score: 2, maxScore: 2, hints: 0, solutions: 0, completed: true }, 3000);
  store.recordCommand(id, 'kubectl get netpol -A', 0, 'No resources found', '{}', '', 2500);
  store.recordCommand(id, "cat <<'EOF' > p.yaml\nkind: Pod\nEOF", 0, '', '{}', '', 2600);
  // Activity after completion (a hint opened later) does not move the attempt's end: its time
  // is start to completion, 2 s, as the learner's summary says; not the 4 active minutes.
  store.recordProgress(id, [{ step: 0, kind: 'hint', passed: null, detail: { index: 0 } }, { step: null, kind: 'reset', passed: null, detail: undefined }], { progress: '{}', score: 2, maxScore: 2, hints: 1, solutions: 0, completed: true, completedAt: 9000 }, 60_000);
  // A learner who skipped every step with the solution shown: completed, 0 points, not a pass.
  const skipper = store.createUser('Skip', null, 'learner', Date.now());
  assert.ok(!('error' in skipper));
  const sid = store.startAttempt(skipper.id, 'deny-all', '{}', 2, 1000);
  store.recordProgress(sid, [], { progress: '{}', score: 0, maxScore: 2, hints: 0, solutions: 1, completed: true }, 5000);
  const t = request.agent(app);
  const page = await t.get('/dashboard').set('Cookie', cookie).expect(200);
  assert.match(page.text, /<a href="\/dashboard\/learners\/\d+">Ivy<\/a>/);
  assert.match(page.text, /<td class="completed" title="completed, 0:02, 1 hint\(s\), 0 solution\(s\), 1 attempt\(s\)">2\/2 <small>0:02<\/small><\/td>/);
  assert.match(page.text, /<td class="zero" title="completed, 0:04, 0 hint\(s\), 1 solution\(s\), 1 attempt\(s\)">0\/2 <small>0:04<\/small><\/td>/);
  // Columns are titled; the grid scrolls in its own box.
  assert.match(page.text, /<div class="table-scroll">\n<table class="grid overview">/);
  assert.match(page.text, /<a href="\/dashboard\/scenarios\/deny-all" title="deny-all">Deny all traffic in a namespace<\/a>/);
  const col = scenarios.findIndex((s) => s.id === 'deny-all');
  const rates = /<tr><th title="completed with at least one point">Completed<\/th>(.*)<\/tr>/.exec(page.text)![1]!.match(/<td>[^<]*<\/td>/g)!;
  const learnersShown = (page.text.match(/<a href="\/dashboard\/learners\//g) ?? []).length;
  assert.equal(rates[col], `<td>${Math.round((1 / learnersShown) * 100)}%</td>`);
  assert.match(page.text, /<code>deny-all<\/code> sandbox\/app → sandbox\/worker:8080\/TCP denied — 1 time/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
  await t.post('/dashboard/cohorts').set('Cookie', `${cookie}; ckalab_csrf=${csrf}`).type('form').send({ _csrf: csrf, name: 'Spring class' }).expect(303);
  const cohort = store.cohorts().find((c) => c.name === 'Spring class')!;
  store.joinCohort(cohort.id, learner.id, Date.now());
  const filtered = await t.get(`/dashboard?cohort=${cohort.id}`).set('Cookie', cookie).expect(200);
  assert.match(filtered.text, />Ivy<\/a>/);
  assert.doesNotMatch(filtered.text, />Alan<\/a>/);
  assert.match(filtered.text, /sandbox\/app → sandbox\/worker:8080\/TCP denied — 1 time/);
  const otherCohort = store.createCohort('Empty class', teacher.id, Date.now());
  const empty = await t.get(`/dashboard?cohort=${otherCohort.id}`).set('Cookie', cookie).expect(200);
  assert.match(empty.text, /<h2>Checks failed most often<\/h2>\n<p>None yet\.<\/p>/);
  const csv = await t.get(`/dashboard/export.csv?cohort=${cohort.id}`).set('Cookie', cookie).expect(200);
  assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
  const lines = csv.text.split('\r\n');
  const fields = ['status', 'score', 'max score', 'time', 'hints', 'solutions', 'attempts'];
  assert.equal(lines[0], `learner,guest,${scenarios.flatMap((s) => fields.map((f) => `${s.id} ${f}`)).join(',')}`);
  const cells = lines[1]!.split(',');
  assert.deepEqual(cells.slice(0, 2), ['Ivy', 'yes']);
  assert.deepEqual(cells.slice(2 + col * fields.length, 2 + (col + 1) * fields.length), ['completed', '2', '2', '0:02', '1', '0', '1']);
  const detail = await t.get(`/dashboard/learners/${learner.id}`).set('Cookie', cookie).expect(200);
  assert.match(detail.text, /Deny all traffic in a namespace — completed, 2\/2/);
  assert.match(detail.text, /<code class="line">kubectl get netpol -A<\/code>/);
  // A heredoc keeps its lines; the timeline shows the Reset.
  assert.match(detail.text, /<code class="line">cat &lt;&lt;&#39;EOF&#39; &gt; p\.yaml\nkind: Pod\nEOF<\/code>/);
  assert.match(detail.text, /<li><time>[\d:]+<\/time> reset\n/);
  assert.match(detail.text, /· time 0:02 ·/);
  assert.match(detail.text, /check step 1 ✗/);
  const stats = await t.get('/dashboard/scenarios/deny-all').set('Cookie', cookie).expect(200);
  assert.match(stats.text, /<dt>Completed by<\/dt><dd>1<\/dd>/);
  assert.match(stats.text, /<dt>Median time<\/dt><dd>0:02<\/dd>/);
});

test('a learner joins a cohort with its code', async () => {
  const { a, csrf } = await signUp('Jules');
  const c = store.createCohort('Autumn', 1, Date.now());
  const r = await a.post('/cohorts/join').type('form').send({ _csrf: csrf, code: c.code.toLowerCase() }).expect(200);
  assert.match(r.text, /You joined Autumn\./);
  assert.match((await a.post('/cohorts/join').type('form').send({ _csrf: csrf, code: 'NOPE' }).expect(404)).text, /No cohort has that code\./);
});
