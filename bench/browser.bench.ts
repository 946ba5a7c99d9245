// The lab page in Debian's Chromium (issues 5 and 7): navigation to a usable prompt, the map's
// redraw after a command on a 30-pod scenario, opening the editor on a 500-line file, and the
// client bundle's size. Skipped with a message when Chromium is absent.
import { existsSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { startServer } from '../server/cli/server.js';
import { buildBundle } from '../server/http/bundle.js';
import { fmt } from './stats.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const stat = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! };
};

const bundle = await buildBundle();
console.log(`client bundle: app.js ${(bundle.js.length / 1024).toFixed(0)} KiB (${(gzipSync(bundle.js).length / 1024).toFixed(0)} KiB gzipped), app.css ${(bundle.css.length / 1024).toFixed(0)} KiB`);
if (!existsSync(CHROMIUM)) {
  console.log(`browser bench skipped: ${CHROMIUM} not found`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'ckalab-bench-'));
const scenarios = join(dir, 'scenarios');
const data = join(dir, 'data');
for (const d of [scenarios, data]) rmSync(d, { recursive: true, force: true });
await import('node:fs').then((fs) => fs.mkdirSync(scenarios, { recursive: true }));
copyFileSync(new URL('../scenarios/network-policies.yaml', import.meta.url), join(scenarios, 'network-policies.yaml'));
const pods = Array.from({ length: 30 }, (_, i) => ({ name: `pod-${i}`, namespace: `team-${i % 3}`, labels: { app: `a${i % 6}` }, ports: [8080] }));
writeFileSync(
  join(scenarios, 'thirty.yaml'),
  stringify({
    id: 'thirty',
    title: 'Thirty pods',
    cluster: {
      namespaces: [0, 1, 2].map((i) => ({ name: `team-${i}` })),
      pods,
      policies: [0, 1, 2].map((i) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: `team-${i}` }, spec: { podSelector: { matchLabels: { app: 'a0' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a1' } } }] }] } })),
    },
    steps: [{ id: 'x', text: 'x', question: { accept: ['x'] } }],
  }),
);
const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: data, scenariosDir: scenarios, idleMinutes: 60, logger: pino({ level: 'silent' }) });
const url = `http://127.0.0.1:${server.port}`;
// A signed-in learner for every browser context.
const learner = server.store.createUser('bench learner', null, 'learner', Date.now());
if ('error' in learner) throw new Error('setup');
const sessionCookie = () => ({ name: 'ckalab_session', value: server.store.createSession(learner.id, Date.now()).token, url });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'] });
try {
  // Navigation → the prompt drawn by xterm, each run in a fresh context (no cache).
  const nav: number[] = [];
  for (let i = 0; i < 8; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await ctx.addCookies([sessionCookie()]);
    const page = await ctx.newPage();
    const t = Date.now();
    await page.goto(`${url}/lab/network-policies`);
    await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('➜'));
    nav.push(Date.now() - t);
    await ctx.close();
  }
  console.log(`lab page: navigation → prompt shown: ${fmt(stat(nav))}`);

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await ctx.addCookies([sessionCookie()]);
  const page = await ctx.newPage();
  await page.goto(`${url}/lab/thirty`);
  await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('➜'));
  await page.locator('#map svg').waitFor();
  await page.locator('#terminal .xterm').click();
  // Map: from the Enter of a command that changes the cluster to the new SVG in the page.
  const redraw: number[] = [];
  for (let i = 0; i < 10; i++) {
    await page.keyboard.type(`kubectl label pod pod-${i} -n team-${i % 3} touched=yes`);
    const waiting = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const start = performance.now();
          (window as unknown as { benchStart: number }).benchStart = start;
          new MutationObserver((_m, obs) => {
            obs.disconnect();
            resolve(performance.now() - start);
          }).observe(document.getElementById('map')!, { childList: true });
        }),
    );
    await page.keyboard.press('Enter');
    redraw.push(await waiting);
  }
  console.log(`map redraw after a command, 30 pods (Enter → new map in the DOM, incl. the round trip): ${fmt(stat(redraw))}`);

  // Editor: a 500-line file, from the Enter of `vi big.yaml` to the first paint of its text.
  const lines = Array.from({ length: 500 }, (_, i) => `key${i}: value ${i}`).join('\n');
  await page.keyboard.type(`cat <<'EOF' > big.yaml\n${lines}\nEOF\n`);
  await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('EOF'));
  const open: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.type('vi big.yaml');
    // A string, so that the bundler's helpers do not leak into the page.
    const waiting = page.evaluate(`new Promise((resolve) => {
      const start = performance.now();
      const check = () => {
        if (document.querySelector('.editor-overlay .cm-line')) requestAnimationFrame(() => resolve(performance.now() - start));
        else requestAnimationFrame(check);
      };
      check();
    })`) as Promise<number>;
    await page.keyboard.press('Enter');
    open.push(await waiting);
    await page.keyboard.type(':q');
    await page.keyboard.press('Enter');
    await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  }
  console.log(`editor on a 500-line file: Enter → first paint: ${fmt(stat(open))}`);
  await ctx.close();
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
