// The lab page as learners found it (issue 19), in Chromium: the header follows the step shown,
// Reset draws one prompt and forgets the old check, the light theme is light throughout, the
// app page starts empty per pod and wraps its "Why?", and a 12-pod map stays readable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { browserSuite, OUTPUT } from '../helpers/browser.js';
import { LabPage } from './pages/lab-page.js';

const suite = browserSuite();
const { skip } = suite;

async function open(sid: string, lab: string, viewport = { width: 1280, height: 800 }): Promise<LabPage> {
  const ctx = await suite.browser().newContext({ viewport });
  await ctx.addCookies([suite.server().browserCookie(sid)]);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as unknown as { errors: string[] }).errors = errors;
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${suite.server().url}/lab/${lab}`);
  const l = new LabPage(page);
  await l.waitScreen(/controlplane ~ ➜/);
  return l;
}

/** Relative luminance of a CSS rgb() colour (0 black, 1 white). */
async function luminance(page: Page, selector: string, prop: 'color' | 'backgroundColor'): Promise<number> {
  const c = await page.locator(selector).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
  const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test('the header says the step the panel shows; Reset draws one prompt and drops the old check', { skip }, async () => {
  const lab = await open('pageAAAAAAAAAAAAAAAAAAA', 'network-policies');
  const page = lab.page;
  await page.locator('#progress', { hasText: /^Step 1 of \d+/ }).waitFor();
  assert.match(await lab.choose('1'), /^Correct\./);
  // The panel still shows step 1 (with its Next button): so does the header.
  assert.match(await lab.stepTitle(), /^1\./);
  await page.locator('#progress', { hasText: /^Step 1 of \d+ · 1 done$/ }).waitFor();
  await lab.next();
  await page.locator('#progress', { hasText: /^Step 2 of \d+ · 1 done$/ }).waitFor();

  // A check result, then Reset: one prompt at the top, and no stale "Not yet".
  while (!(await page.locator('#check').isVisible())) {
    const before = await lab.stepTitle();
    await page.locator('#skip').click();
    await page.waitForFunction((b) => document.querySelector('#step h2')?.textContent !== b, before);
  }
  const first = await lab.check();
  assert.equal(first.passed, false);
  await lab.focusTerminal();
  await lab.run('echo before-reset');
  await lab.waitScreen(/\nbefore-reset\n/);
  await page.locator('#reset').click();
  await page.locator('#toast', { hasText: 'The lab was reset.' }).waitFor();
  await page.screenshot({ path: fileURLToPath(new URL('after-reset.png', OUTPUT)) });
  await page.locator('#step .feedback ul.checks').waitFor({ state: 'detached', timeout: 5000 });
  await lab.waitScreen(/^\n*controlplane ~ ➜\s*$/);
  const screen = await lab.screen();
  assert.doesNotMatch(screen, /before-reset/);
  assert.equal(screen.match(/controlplane ~ ➜/g)?.length, 1);
  await lab.focusTerminal();
  await lab.run('echo after-reset');
  await lab.waitScreen(/^\n*controlplane ~ ➜  echo after-reset\nafter-reset\n\ncontrolplane ~ ➜\s*$/);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});

test('light theme: the panel, its code, the tabs and the terminal are light and readable', { skip }, async () => {
  const lab = await open('pageBBBBBBBBBBBBBBBBBBB', 'playground');
  const page = lab.page;
  await page.locator('#theme').click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.ok((await luminance(page, '#panel', 'backgroundColor')) > 0.8, 'the task panel is light');
  assert.ok((await luminance(page, '.topbar', 'backgroundColor')) > 0.8, 'the top bar is light');
  assert.ok((await luminance(page, '#terminal', 'backgroundColor')) > 0.8, 'the terminal pane is light');
  assert.ok((await luminance(page, '#step .md code', 'color')) < 0.1, 'inline code is dark on light');
  assert.ok((await luminance(page, '#step h2', 'color')) < 0.1, 'the step title is dark');
  assert.ok((await luminance(page, '#tabs [data-tab=terminal]', 'color')) < 0.1, 'the Terminal tab label is dark');
  await page.screenshot({ path: fileURLToPath(new URL('lab-light.png', OUTPUT)) });
  await page.context().close();
});

test('the app page starts empty for each pod, and "Why?" wraps long lines', { skip }, async () => {
  const lab = await open('pageCCCCCCCCCCCCCCCCCCC', 'network-policies');
  const page = lab.page;
  await lab.page.locator('#tabs [data-pod="default/external"]').click();
  await page.locator('#app-form input[name=host]').fill('a-host-for-external');
  await page.locator('#tabs [data-pod="default/internal"]').click();
  assert.equal(await page.locator('#app-form input[name=host]').inputValue(), '');
  // A denied connection explains itself; its longest line fits the page.
  await page.setViewportSize({ width: 900, height: 700 });
  // payroll-policy admits only internal: from external the test times out, and says why.
  assert.doesNotMatch(await lab.appTest('external', 'payroll-service', 8080), /^Success!/);
  const why = page.locator('#app-why');
  await why.locator('summary').click();
  const pre = why.locator('pre');
  assert.match((await pre.textContent()) ?? '', /payroll-policy/);
  assert.equal(await pre.evaluate((el) => getComputedStyle(el).whiteSpace), 'pre-wrap');
  assert.ok(await pre.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), 'no line is clipped');
  await page.context().close();
});

test('a 12-pod map: by namespace, readable, highlighted on hover, full screen; the matrix scrolls in its own box', { skip }, async () => {
  const lab = await open('pageDDDDDDDDDDDDDDDDDDD', 'playground', { width: 1280, height: 800 });
  const page = lab.page;
  if (!(await page.locator('#map-pane').isVisible())) await page.locator('#map-toggle').click();
  await lab.focusTerminal();
  await lab.run('kubectl create ns shop; kubectl create ns lab; kubectl create ns ops');
  await lab.waitScreen(/namespace\/ops created/);
  for (const [i, n] of ['shop', 'lab', 'ops'].entries()) {
    await lab.run(['web', 'api', 'db', 'cache'].map((p) => `k run ${p} -n ${n} --image=nginx --port=80`).join('; '));
    await page.waitForFunction((k) => document.querySelectorAll('#map svg g.node').length === k, 4 * (i + 1));
  }
  // Each pod is drawn inside its namespace's box.
  const inside = await page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('#map g.node')].every((g) => {
      const ns = (g.dataset.id ?? '').split('/')[0];
      const box = [...document.querySelectorAll('#map g.ns')].find((b) => b.querySelector('.ns-label')?.textContent === `namespace ${ns}`)?.querySelector('rect');
      if (!box) return false;
      const c = g.querySelector('circle')!.getBoundingClientRect();
      const r = box.getBoundingClientRect();
      return c.left >= r.left && c.right <= r.right && c.top >= r.top && c.bottom <= r.bottom;
    }),
  );
  assert.ok(inside, 'pods are laid out in their namespace');
  // Names are readable: at least 12 px on screen.
  const size = await page.locator('#map .node-name').first().evaluate((t) => (t as SVGTextElement).getBoundingClientRect().height);
  assert.ok(size >= 12, `pod names are ${size}px high`);
  // Hover a pod: its edges light up, the others fade.
  await page.locator('#map g.node[data-id="shop/web"]').hover();
  assert.ok((await page.locator('#map path.edge.hot').count()) > 0, 'the hovered pod has highlighted edges');
  assert.ok((await page.locator('#map path.edge:not(.head):not(.hot)').count()) > 0);
  await page.locator('#map g.node[data-id="shop/web"]').focus();
  assert.ok((await page.locator('#map path.edge.hot').count()) > 0, 'keyboard focus highlights too');
  // Full screen, and back with Esc.
  await page.locator('#map-full').click();
  const full = await page.locator('#map-pane').boundingBox();
  assert.ok(full && full.width >= 1270 && full.height >= 790, 'the map fills the page');
  await page.screenshot({ path: fileURLToPath(new URL('map-full.png', OUTPUT)) });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.getElementById('map-pane')!.classList.contains('full'));
  // The matrix: the panel does not scroll sideways; the table scrolls in its box with sticky headers.
  await page.locator('#map-matrix').click();
  await page.locator('#map .matrix-scroll table.matrix').waitFor();
  assert.ok(await page.locator('#panel').evaluate((p) => p.scrollWidth <= p.clientWidth + 1), 'the task panel does not scroll sideways');
  const boxOverflows = await page.locator('#map .matrix-scroll').evaluate((b) => b.scrollWidth > b.clientWidth);
  assert.ok(boxOverflows, 'the 12-pod matrix is wider than its box');
  assert.equal(await page.locator('#map .matrix thead th').first().evaluate((th) => getComputedStyle(th).position), 'sticky');
  assert.equal(await page.locator('#map .matrix tbody th').first().evaluate((th) => getComputedStyle(th).position), 'sticky');
  await page.screenshot({ path: fileURLToPath(new URL('map-matrix.png', OUTPUT)) });
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});
