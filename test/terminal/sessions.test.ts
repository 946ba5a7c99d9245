import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { Lab, EMPTY_SETUP } from '../../server/lab/index.js';
import { SessionRegistry } from '../../server/terminal/sessions.js';

test('sessions are shared per browser and lab, and released when idle', () => {
  const clock = new ManualClock(0);
  const registry = new SessionRegistry((id) => (id === 'playground' ? Lab.create(EMPTY_SETUP, { clock, random: seededRandom(1) }) : undefined), () => clock.now());
  const a = registry.attach('sid1', 'playground')!;
  assert.equal(registry.attach('sid1', 'playground'), a);
  assert.notEqual(registry.attach('sid2', 'playground'), a);
  assert.equal(registry.attach('sid1', 'nope'), undefined);
  assert.match(a.screen(), /^controlplane ~ ➜  $/);
  clock.advance(30 * 60_000);
  registry.attach('sid2', 'playground');
  clock.advance(31 * 60_000);
  assert.equal(registry.sweep(60 * 60_000), 1);
  assert.equal(registry.size, 1);
});

test('vi hands the terminal an open-editor effect before the prompt', () => {
  const clock = new ManualClock(0);
  const registry = new SessionRegistry(() => Lab.create(EMPTY_SETUP, { clock, random: seededRandom(1) }), () => clock.now());
  const s = registry.attach('sid', 'x')!;
  const events = s.discipline.feed('vi a.yaml\r');
  const i = events.findIndex((e) => e.type === 'effect' && e.effect.type === 'open-editor');
  assert.ok(i > 0);
  // The gateway holds what follows (the prompt) until the editor closes.
  assert.deepEqual(events.slice(i + 1).map((e) => (e.type === 'output' ? e.data : e.type)), ['', '\r\ncontrolplane ~ ➜  ']);
});
