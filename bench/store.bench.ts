// Progress tracking's bench (issue 8): saving a lab after a command (the command log row and
// the lab's snapshot in one transaction), and the dashboard for 500 learners × 20 scenarios.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ManualClock, seededRandom } from '../server/core/index.js';
import { Lab } from '../server/lab/index.js';
import { openStore, Store } from '../server/store/index.js';
import { loadScenarioDir } from '../server/scenario-files/index.js';
import { overview } from '../server/http/reports.js';
import { fmt } from './stats.js';
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../server/http/app.js';

const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! };
};

const dir = mkdtempSync(join(tmpdir(), 'ckalab-store-bench-'));
const store = new Store(openStore(dir));
try {
  const scenarios = loadScenarioDir(fileURLToPath(new URL('../scenarios', import.meta.url))).scenarios;
  const seed = scenarios.find((s) => s.id === 'network-policies')!;
  const lab = Lab.create(seed.setup, { clock: new ManualClock(Date.UTC(2025, 0, 1)), random: seededRandom(1) });
  const u = store.createUser('bench', null, 'learner', 0);
  if ('error' in u) throw new Error('setup');
  const attempt = store.startAttempt(u.id, seed.id, '{}', 13, 0);
  const saves: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 300; i++) {
    const r = lab.run(i % 3 ? `kubectl label pod payroll n=${i} --overwrite` : 'kubectl get pods');
    const t = performance.now();
    const snapshot = lab.serialize();
    bytes = snapshot.length;
    store.recordCommands(attempt, [{ line: 'kubectl ...', exitCode: r.exitCode, output: r.stdout }], { snapshot, screen: 'x'.repeat(8000) }, i);
    saves.push(performance.now() - t);
  }
  console.log(`save a lab after a command (snapshot ${(bytes / 1024).toFixed(0)} KiB + command row, one transaction): ${fmt(stat(saves.slice(20)))}`);

  // 500 learners × 20 scenarios: one or two attempts each, a failed check on some.
  const ids = scenarios.map((s) => s.id);
  while (ids.length < 20) ids.push(`extra-${ids.length}`);
  const fake = ids.map((id) => ({ ...seed, id, title: id }));
  const t0 = performance.now();
  store.db.transaction(() => {
    for (let l = 0; l < 500; l++) {
      const user = store.createUser(`learner-${l}`, null, 'learner', 0);
      if ('error' in user) continue;
      for (let s = 0; s < 20; s++) {
        if ((l + s) % 7 === 0) continue;
        const a = store.startAttempt(user.id, ids[s]!, '{}', 13, 0);
        const done = (l * s) % 3 !== 0;
        store.recordProgress(a, [{ step: 8, kind: 'check', passed: false, detail: [{ title: `check ${s % 5}`, passed: false, explanation: 'x' }] }], { progress: '{}', score: done ? 10 : 0, maxScore: 13, hints: 0, solutions: 0, completed: done }, 1);
        store.addActiveTime(a, 60_000 * ((l + s) % 30));
      }
    }
  })();
  const built = performance.now() - t0;
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    overview(store, fake);
    runs.push(performance.now() - t);
  }
  console.log(`dashboard overview, 500 learners × 20 scenarios (${(store.allAttempts().length / 1000).toFixed(1)}k attempts; built in ${(built / 1000).toFixed(1)} s): ${fmt(stat(runs))}`);
  // The whole page: aggregation and the EJS render of the 500 × 20 grid, through express.
  const teacher = store.createUser('teacher', null, 'instructor', 0);
  if ('error' in teacher) throw new Error('setup');
  const cookie = `ckalab_session=${store.createSession(teacher.id, Date.now()).token}`;
  const app = createApp({ scenarios: () => fake, store, bundle: { js: '', css: '', hash: '000000000000' }, logger: pino({ level: 'silent' }) });
  const page: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const r = await request(app).get('/dashboard').set('Cookie', cookie);
    if (r.status !== 200) throw new Error(`dashboard ${r.status}`);
    page.push(performance.now() - t);
  }
  console.log(`GET /dashboard, the whole page (${fmt(stat(page))})`);
} finally {
  store.db.close();
  rmSync(dir, { recursive: true, force: true });
}
