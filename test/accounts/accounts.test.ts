// Account rules, pure: NIST 800-63B passwords with the shipped common-password list, NFKC names
// without hidden characters, TR39 skeletons for look-alike names, the sign-in throttle's delays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkName, checkPassword, nameKeys, skeleton } from '../../server/accounts/index.js';
import { commonPasswords } from '../../server/http/password-list.js';
import { FailureThrottle } from '../../server/http/throttle.js';

const common = commonPasswords();

test('the shipped list holds the 10,000 most common passwords and names its source', () => {
  assert.equal(common.size, 10_000);
  const text = readFileSync(new URL('../../server/accounts/common-passwords.txt', import.meta.url), 'utf8');
  assert.match(text.split('\n')[1]!, /^# Source: npm @zxcvbn-ts\/language-common@[\d.]+ src\/passwords\.json .*licence MIT/);
  assert.deepEqual(text.split('\n').filter((l) => !l.startsWith('#')).slice(0, 4), ['123456', 'password', '12345678', 'qwerty']);
  for (const p of ['password', 'iloveyou', 'trustno1', 'baseball']) assert.ok(common.has(p), p);
});

test('passwords: at least 8 characters, not common, not repeated, not the name; long passphrases pass', () => {
  const cases: [string, string | undefined, string][] = [
    ['short', undefined, 'The password needs at least 8 characters.'],
    ['password', undefined, 'That password is one of the most common ones: choose another.'],
    ['PASSWORD', undefined, 'That password is one of the most common ones: choose another.'],
    ['iloveyou', undefined, 'That password is one of the most common ones: choose another.'],
    ['        ', undefined, 'The password cannot be one character repeated.'],
    ['aaaaaaaaaaaa', undefined, 'The password cannot be one character repeated.'],
    ['Margaret Hamilton', 'Margaret Hamilton', 'The password cannot be your name.'],
    ['margarethamilton', 'Margaret Hamilton', 'The password cannot be your name.'],
    ['x'.repeat(100) + 'y'.repeat(101), undefined, 'The password can have at most 200 characters.'],
  ];
  for (const [pw, name, message] of cases) assert.deepEqual(checkPassword(pw, { common, ...(name ? { name } : {}) }), { ok: false, message }, JSON.stringify(pw));
  const passphrase = 'correct horse battery staple, said the operator twice over a cup of tea in the lab at dawn';
  assert.deepEqual(checkPassword(passphrase, { common, name: 'Margaret Hamilton' }), { ok: true, password: passphrase });
  // Code points are counted, not UTF-16 units: eight emoji are eight characters.
  assert.equal(checkPassword('🐳🦀🐙🦑🐢🦎🐍🐊', { common }).ok, true);
  assert.equal(checkPassword('🐳🦀🐙', { common }).ok, false);
});

test('names: NFKC, spaces collapsed, control and invisible characters refused', () => {
  assert.deepEqual(checkName('  Ａｄａ   Lovelace '), { ok: true, name: 'Ada Lovelace' });
  const hidden = 'The name cannot contain control or invisible characters.';
  for (const bad of ['Al\u200Ban', 'Bob\u202Eevil', 'Eve\u200D', '\u2066Mallory\u2069', 'Tab\u0007bell', 'Zero\uFEFFwidth', 'Han\u3164gul', 'Var\uFE0Fsel']) {
    assert.deepEqual(checkName(bad), { ok: false, message: hidden }, JSON.stringify(bad));
  }
  assert.deepEqual(checkName('Zalgo\u0301\u0302\u0303\u0304'), { ok: false, message: 'The name cannot stack accents.' });
  assert.equal(checkName('Zoë Ñúñez').ok, true);
  assert.equal(checkName('李小龍').ok, true);
});

test('TR39 skeletons: look-alike names share a key', () => {
  const same = (a: string, b: string) => {
    const x = nameKeys(a);
    const y = nameKeys(b);
    return x.skeleton === y.skeleton || x.folded === y.folded;
  };
  assert.equal(skeleton('Ιnstructor One'), skeleton('Instructor One')); // Greek capital Iota
  assert.ok(same('Ιnstructor One', 'Instructor One'));
  assert.ok(same('ιnstructor one', 'Instructor One')); // Greek small iota
  assert.ok(same('Аlice', 'Alice')); // Cyrillic A
  assert.ok(same('paypal', 'pаypаl')); // Cyrillic a
  assert.ok(same('Ian', 'lan')); // capital I and small L
  assert.ok(same('Bob', 'B0b')); // zero for O
  assert.ok(!same('Alice', 'Alicia'));
  assert.ok(!same('Instructor One', 'Instructor Two'));
});

test('the sign-in throttle: five free failures, then 1 s, 2 s, 4 s … up to the cap; success clears', () => {
  const t = new FailureThrottle({ free: 5, baseMs: 1000, maxMs: 8000, forgetMs: 3600_000, maxKeys: 3 });
  let now = 0;
  for (let i = 0; i < 5; i++) {
    assert.equal(t.wait('ada', now), 0);
    t.fail('ada', now);
  }
  const waits: number[] = [];
  for (let i = 0; i < 6; i++) {
    const w = t.wait('ada', now);
    waits.push(w);
    now += w;
    assert.equal(t.wait('ada', now), 0);
    t.fail('ada', now);
  }
  assert.deepEqual(waits, [1000, 2000, 4000, 8000, 8000, 8000]);
  assert.equal(t.wait('grace', now), 0); // another name is not slowed down
  t.succeed('ada');
  assert.equal(t.wait('ada', now), 0);
  // Bounded: the oldest name is dropped past maxKeys.
  for (const k of ['a', 'b', 'c', 'd']) for (let i = 0; i < 6; i++) t.fail(k, now);
  assert.equal(t.wait('a', now), 0);
  assert.ok(t.wait('d', now) > 0);
});
