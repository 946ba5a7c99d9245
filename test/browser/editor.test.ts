// The editor in Chromium: `vi test.yaml`, insert mode, a manifest typed, `:wq`, then cat and
// kubectl create in the terminal; `:q` on a modified buffer refuses as vim does; nano's ^O/^X;
// `kubectl edit` applies on save.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { browserSuite, OUTPUT } from '../helpers/browser.js';
import { LabPage } from './pages/lab-page.js';

const suite = browserSuite();
const { skip } = suite;

const screen = (page: Page) => new LabPage(page).screen();
const waitScreen = (page: Page, re: RegExp) => new LabPage(page).waitScreen(re);

async function labPage(sid: string): Promise<Page> {
  const ctx = await suite.browser().newContext({ viewport: { width: 1280, height: 720 } });
  await ctx.addCookies([suite.server().browserCookie(sid)]);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as unknown as { errors: string[] }).errors = errors;
  await page.goto(`${suite.server().url}/lab/playground`);
  await waitScreen(page, /controlplane ~ ➜/);
  return page;
}

async function run(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('vi test.yaml: insert, :wq, cat, kubectl create', { skip }, async () => {
  const page = await labPage('editorAAAAAAAAAAAAAAAA');
  await run(page, 'vi test.yaml');
  const editor = page.locator('.editor-overlay .cm-content');
  await editor.waitFor();
  await page.keyboard.press('i');
  await page.locator('.editor-overlay').getByText('-- INSERT --').waitFor();
  // Flow style keeps the test independent of auto-indent.
  for (const line of ['apiVersion: v1', 'kind: Pod', 'metadata: {name: demo, labels: {app: demo}}', 'spec: {containers: [{name: demo, image: nginx}]}']) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  // Something that does not parse is underlined, gently.
  await page.keyboard.type('bad: [unclosed');
  await page.locator('.editor-overlay .cm-lintRange-warning').first().waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.type('dd');
  await page.locator('.editor-overlay .cm-lintRange-warning').waitFor({ state: 'detached' });
  await page.screenshot({ path: fileURLToPath(new URL('editor-vi.png', OUTPUT)) });
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await waitScreen(page, /vi test\.yaml\n\ncontrolplane ~ ➜\s*$/);
  await run(page, 'cat test.yaml');
  await waitScreen(page, /kind: Pod\nmetadata: \{name: demo, labels: \{app: demo\}\}\nspec: \{containers: \[\{name: demo, image: nginx\}\]\}\n\ncontrolplane ~ ➜/);
  await run(page, 'kubectl create -f test.yaml');
  await waitScreen(page, /pod\/demo created\n\ncontrolplane ~ ➜/);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});

test('vim refuses :q on a modified buffer, :q! discards; ZZ writes and quits', { skip }, async () => {
  const page = await labPage('editorBBBBBBBBBBBBBBBB');
  await run(page, 'vim notes.txt');
  await page.locator('.editor-overlay .cm-content').waitFor();
  await page.keyboard.type('ihello');
  await page.keyboard.press('Escape');
  await page.keyboard.type(':q');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay').getByText('E37: No write since last change (add ! to override)').first().waitFor();
  await page.keyboard.type(':q!');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await run(page, 'ls');
  await waitScreen(page, /➜  ls\n\ncontrolplane ~ ➜/);
  assert.doesNotMatch((await screen(page)).split('➜  ls\n')[1]!, /notes\.txt/);
  await run(page, 'vim notes.txt');
  await page.locator('.editor-overlay .cm-content').waitFor();
  await page.keyboard.type('ikept');
  await page.keyboard.press('Escape');
  await page.keyboard.type('ZZ');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await run(page, 'cat notes.txt');
  await waitScreen(page, /cat notes\.txt\nkept\n\ncontrolplane/);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});

test('nano: ^O writes, ^X exits', { skip }, async () => {
  const page = await labPage('editorCCCCCCCCCCCCCCCC');
  await run(page, 'nano n.txt');
  await page.locator('.editor-overlay.editor-nano .cm-content').waitFor();
  await page.keyboard.type('from nano');
  await page.keyboard.press('Control+o');
  await page.locator('.editor-overlay').getByText('[ Wrote 1 line ]').waitFor();
  await page.keyboard.press('Control+x');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await run(page, 'cat n.txt');
  await waitScreen(page, /cat n\.txt\nfrom nano\n\ncontrolplane/);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});

test('kubectl edit opens the object and applies it when the editor closes', { skip }, async () => {
  const page = await labPage('editorDDDDDDDDDDDDDDDD');
  await run(page, 'kubectl create deployment web --image=nginx');
  await waitScreen(page, /deployment\.apps\/web created/);
  await run(page, 'kubectl edit deploy web');
  await page.locator('.editor-overlay .cm-content').waitFor();
  await page.locator('.editor-overlay').getByText('# Please edit the object below.').first().waitFor();
  // Find "replicas: 1" with a search and change it to 3.
  await page.keyboard.type('/replicas: 1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('$r3');
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await waitScreen(page, /deployment\.apps\/web edited\n\ncontrolplane ~ ➜/);
  await run(page, 'kubectl get deploy web -o jsonpath={.spec.replicas}');
  await waitScreen(page, /jsonpath=\{\.spec\.replicas\}\n3\ncontrolplane/);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});

test('vim editing: dd, yy and p, u, visual mode, :set number, /search', { skip }, async () => {
  const page = await labPage('editorEEEEEEEEEEEEEEEE');
  await run(page, 'echo one > lines.txt; echo two >> lines.txt; echo three >> lines.txt');
  await run(page, 'vim lines.txt');
  await page.locator('.editor-overlay .cm-content').waitFor();
  const text = () => page.locator('.editor-overlay .cm-content').evaluate((el) => [...el.querySelectorAll('.cm-line')].map((l) => l.textContent).join('\n'));
  await page.keyboard.type('dd');
  assert.equal(await text(), 'two\nthree');
  await page.keyboard.type('u');
  assert.equal(await text(), 'one\ntwo\nthree');
  await page.keyboard.type('yyGp');
  assert.equal(await text(), 'one\ntwo\nthree\none');
  await page.keyboard.type('u');
  await page.keyboard.type('gg/thr');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Vd');
  assert.equal(await text(), 'one\ntwo');
  await page.keyboard.type(':set number');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay .cm-gutters').waitFor();
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await run(page, 'cat lines.txt');
  await waitScreen(page, /cat lines\.txt\none\ntwo\n\ncontrolplane/);
  assert.deepEqual((page as unknown as { errors: string[] }).errors, []);
  await page.context().close();
});
