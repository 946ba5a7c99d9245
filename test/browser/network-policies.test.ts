// The seed's exercise end to end in Chromium, as a learner does it: the scenario list, the
// questions, connection tests from the app pages, the policy typed with vi, kubectl create,
// Check, the map's edges changing, and the completion summary. Screenshots go to test-output/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { browserSuite, OUTPUT } from '../helpers/browser.js';
import { LabPage } from './pages/lab-page.js';
import { INTERNAL_POLICY_WITH_DNS } from '../helpers/seed.js';

const suite = browserSuite();
const { skip } = suite;

const POLICY = INTERNAL_POLICY_WITH_DNS;

test('a learner completes the network-policies scenario from the list to the summary', { skip }, async () => {
  const ctx = await suite.browser().newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  const shot = (name: string) => page.screenshot({ path: fileURLToPath(new URL(name, OUTPUT)) });

  try {
    await learnerRun();
  } catch (e) {
    await shot('network-policies-failure.png');
    throw new Error(`${e instanceof Error ? e.message : e}\nterminal:\n${await new LabPage(page).screen().catch(() => '')}`);
  }
  assert.deepEqual(errors, []);
  await ctx.close();

  async function learnerRun(): Promise<void> {
  await page.goto(suite.server().url);
  const item = page.locator('li[data-scenario="network-policies"]');
  assert.equal(await item.locator('.status').textContent(), 'Not started');
  // An anonymous visitor is sent to sign in, creates an account, and lands in the lab.
  await item.locator('a').click();
  await page.waitForURL(/\/signin\?next=%2Flab%2Fnetwork-policies$/);
  await page.getByRole('link', { name: 'Create one' }).click();
  await page.locator('input[name=name]').fill('Ada <Learner>');
  await page.locator('input[name=password]').fill('correct horse battery');
  await page.locator('input[name=password2]').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.waitForURL(/\/lab\/network-policies$/);
  const lab = new LabPage(page);
  await lab.waitScreen(/controlplane ~ ➜/);
  await page.locator('#map svg').waitFor();
  const edgesBefore = await lab.mapEdges();
  assert.ok(edgesBefore.includes('default/internal→default/external'));
  await shot('network-policies-before.png');

  // The questions, answered as a learner would after looking in the terminal.
  await lab.focusTerminal();
  await lab.run('kubectl get netpol');
  await lab.waitScreen(/payroll-policy\s+name=payroll/);
  assert.match(await lab.choose('1'), /^Correct\./);
  // Keyboard: a right answer puts the focus on Next; Alt+2 goes to the terminal, Alt+1 back.
  await page.waitForFunction(() => document.activeElement?.id === 'next');
  await page.keyboard.press('Alt+2');
  await page.waitForFunction(() => document.activeElement?.classList.contains('xterm-helper-textarea'));
  await page.keyboard.press('Alt+1');
  await page.waitForFunction(() => !!document.activeElement?.closest('#step'));
  await lab.next();
  assert.match(await lab.answerText('payroll-policy'), /^Correct\./);
  await lab.next();
  assert.equal(await lab.choose('internal'), 'Not quite: try again.');
  assert.match(await lab.choose('payroll'), /^Correct\./);
  await lab.next();
  assert.match(await lab.choose('Ingress'), /^Correct\./);
  await lab.next();
  assert.match(await lab.choose('Traffic from internal to payroll pod is allowed'), /^Correct\./);
  await lab.next();
  assert.match(await lab.choose('internal pod can access port 8080 on payroll pod'), /^Correct\./);
  await lab.next();
  // Connection tests from the app pages.
  assert.equal(await lab.appTest('internal', 'payroll-service', 8080), 'Success!');
  assert.equal(await lab.appTest('external', 'payroll-service', 8080), 'Failed! Timed out connecting to payroll-service:8080.');
  assert.match(await lab.choose('Only the internal application can access the payroll service'), /^Correct\./);
  await lab.next();
  assert.equal(await lab.appTest('internal', 'external-service', 8080), 'Success!');
  assert.match(await lab.choose('Successful'), /^Correct\./);
  await lab.next();

  // The task: Check fails first and says why.
  const first = await lab.check();
  assert.equal(first.passed, false);
  assert.ok(first.items.some((i) => !i.ok && i.explanation.includes('does not exist')));

  // vi internal-policy.yaml, insert mode, type, :wq, kubectl create.
  await lab.focusTerminal();
  await lab.run('vi internal-policy.yaml');
  await page.locator('.editor-overlay .cm-content').waitFor();
  // As in the exam: :set paste, so that vim's auto-indent leaves the typed indentation alone.
  await page.keyboard.type(':set paste');
  await page.keyboard.press('Enter');
  await page.keyboard.press('i');
  for (const line of POLICY.split('\n')) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Escape');
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await page.locator('.editor-overlay').waitFor({ state: 'detached' });
  await lab.run('kubectl create -f internal-policy.yaml');
  await lab.waitScreen(/networkpolicy\.networking\.k8s\.io\/internal-policy created/);
  await lab.run('kubectl get netpol');
  await lab.waitScreen(/internal-policy\s+name=internal/);

  // The map redraws: internal no longer reaches external.
  await page.waitForFunction(() => !document.querySelector('#map svg path[data-from="default/internal"][data-to="default/external"]:not(.denied)'));
  const edgesAfter = await lab.mapEdges();
  assert.ok(!edgesAfter.includes('default/internal→default/external'));
  assert.ok(edgesAfter.includes('default/internal→default/mysql'));

  const second = await lab.check();
  assert.equal(second.passed, true, JSON.stringify(second.items.filter((i) => !i.ok)));
  assert.equal(second.items.length, 9);
  await page.locator('#summary').waitFor();
  assert.match((await page.locator('#summary').textContent()) ?? '', /Scenario complete.*Score13 \/ 13 points/s);
  await shot('network-policies-after.png');

  await page.locator('#summary a', { hasText: 'Back to the scenarios' }).click();
  assert.equal(await page.locator('li[data-scenario="network-policies"] .status').textContent(), 'Completed: 13/13 points');
  // The name, markup and all, is shown as text.
  assert.equal(await page.locator('.site-nav .who').textContent(), 'Ada <Learner>');
  // Sign out, sign in again: the progress is there.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.locator('form[action="/signin"] input[name=name]').fill('ada <learner>');
  await page.locator('form[action="/signin"] input[name=password]').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'My progress' }).click();
  assert.equal(await page.locator('tr[data-scenario="network-policies"] td').nth(1).textContent(), '13/13');
  }
});
