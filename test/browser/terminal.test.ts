// The lab page in Chromium: the terminal takes keys, runs them on the server, and refits when
// the window is resized.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { browserSkipReason, launch, OUTPUT } from '../helpers/browser.js';
import { startTestServer } from '../helpers/server.js';

const skip = browserSkipReason();

test('the lab page runs `echo hello` and refits on resize', { skip }, async () => {
  const server = await startTestServer();
  const browser = await launch();
  after(async () => {
    await browser.close();
    await server.stop();
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.context().addCookies([server.browserCookie('terminal-tester')]);
  await page.goto(`${server.url}/lab/network-policies`);
  const rows = page.locator('.xterm-rows');
  await rows.getByText('controlplane ~ ➜').first().waitFor();
  await page.keyboard.type('echo hello');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => {
    const t = (window as unknown as { ckalab: { term: { buffer: { active: { getLine(i: number): { translateToString(): string } | undefined } } } } }).ckalab.term;
    return t.buffer.active.getLine(1)?.translateToString().trim() === 'hello';
  });
  const cols = () => page.evaluate(() => (window as unknown as { ckalab: { term: { cols: number } } }).ckalab.term.cols);
  const before = await cols();
  await page.screenshot({ path: fileURLToPath(new URL('terminal-1280.png', OUTPUT)) });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.waitForFunction((b) => (window as unknown as { ckalab: { term: { cols: number } } }).ckalab.term.cols < b, before);
  assert.ok((await cols()) < before);
  await page.screenshot({ path: fileURLToPath(new URL('terminal-800.png', OUTPUT)) });
  assert.deepEqual(problems, []);
});
