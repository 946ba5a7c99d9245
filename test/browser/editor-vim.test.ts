// vi as it behaves on the exam's hosts (vim 9 with its filetype plugins), in Chromium.
// Expected files come from real vim 9.0 on this machine: `vim -N -u DEFAULTS -es -c 'exe "normal
// i\<Tab>x\<CR>y:\<CR>z"' -c wq t.yaml` writes "  x\n  y:\n    z\n" (ftplugin/yaml.vim: expandtab,
// shiftwidth=2, softtabstop=2), the same keys in t.json write "\tx\n..." (no indent options), and a
// ~/.vimrc does not change yaml's (the filetype plugin is loaded after it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite } from '../helpers/browser.js';
import { LabPage } from './pages/lab-page.js';

const suite = browserSuite();
const { skip } = suite;

async function labPage(sid: string): Promise<LabPage> {
  const ctx = await suite.browser().newContext({ viewport: { width: 1280, height: 720 } });
  await ctx.addCookies([suite.server().browserCookie(sid)]);
  const page = await ctx.newPage();
  await page.goto(`${suite.server().url}/lab/playground`);
  const lab = new LabPage(page);
  await lab.waitScreen(/controlplane ~ ➜/);
  return lab;
}

/** Spaces as dots, tabs as T: what the file holds, on screen. */
const SHOW = (f: string) => `cat ${f} | tr ' \\t' '.T'`;

const overlay = (p: Page) => p.locator('.editor-overlay');

async function typeInVi(lab: LabPage, file: string, keys: (page: Page) => Promise<void>): Promise<void> {
  const page = lab.page;
  await lab.run(`vi ${file}`);
  await overlay(page).locator('.cm-content').waitFor();
  await keys(page);
  await page.keyboard.press('Escape');
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await overlay(page).waitFor({ state: 'detached' });
}

const tabXYZ = async (page: Page) => {
  await page.keyboard.press('i');
  await page.keyboard.press('Tab');
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await page.keyboard.type('y:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('z');
};

test('vi indents YAML with two spaces, JSON and shell with tabs, with or without ~/.vimrc', { skip }, async () => {
  const lab = await labPage('vimftAAAAAAAAAAAAAAAAAA');
  await typeInVi(lab, 't.yaml', tabXYZ);
  await lab.run(SHOW('t.yaml'));
  await lab.waitScreen(/t\.yaml \| tr ' \\t' '\.T'\n\.\.x\n\.\.y:\n\.\.\.\.z\n/);
  await typeInVi(lab, 't.json', async (page) => {
    await page.keyboard.press('i');
    await page.keyboard.press('Tab');
    await page.keyboard.type('x');
  });
  await lab.run(SHOW('t.json'));
  await lab.waitScreen(/t\.json \| tr ' \\t' '\.T'\nTx\n/);
  // The exam's usual vimrc: yaml keeps its plugin's settings; json takes the vimrc's.
  await lab.run("echo 'set expandtab tabstop=2 shiftwidth=2' > ~/.vimrc");
  await typeInVi(lab, 'u.yaml', tabXYZ);
  await lab.run(SHOW('u.yaml'));
  await lab.waitScreen(/u\.yaml \| tr ' \\t' '\.T'\n\.\.x\n\.\.y:\n\.\.\.\.z\n/);
  await typeInVi(lab, 'u.json', async (page) => {
    await page.keyboard.press('i');
    await page.keyboard.press('Tab');
    await page.keyboard.type('x');
  });
  await lab.run(SHOW('u.json'));
  await lab.waitScreen(/u\.json \| tr ' \\t' '\.T'\n\.\.x\n/);
  // A manifest typed in block style applies.
  await typeInVi(lab, 'pod.yaml', async (page) => {
    await page.keyboard.press('i');
    for (const l of ['apiVersion: v1', 'kind: Pod', 'metadata:']) {
      await page.keyboard.type(l);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.type('name: typed');
    await page.keyboard.press('Enter');
    // One Backspace takes the two spaces of indent back (softtabstop=2).
    await page.keyboard.press('Backspace');
    await page.keyboard.type('spec:');
    await page.keyboard.press('Enter');
    await page.keyboard.type('containers:');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- name: c');
    await page.keyboard.press('Enter');
    await page.keyboard.type('image: nginx');
  });
  await lab.run('kubectl apply -f pod.yaml');
  await lab.waitScreen(/pod\/typed created/);
  await lab.page.context().close();
});

test('vi: G lands on the last line, o adds no blank line, one status line, ~ below the end', { skip }, async () => {
  const lab = await labPage('vimftBBBBBBBBBBBBBBBBBB');
  const page = lab.page;
  await lab.run('echo one > l.txt; echo two >> l.txt; echo three >> l.txt');
  await lab.run('vi l.txt');
  await overlay(page).locator('.cm-content').waitFor();
  // Three lines, as vim shows them: no empty fourth line.
  assert.equal(await overlay(page).locator('.cm-line').count(), 3);
  await page.keyboard.type('G');
  assert.equal((await overlay(page).locator('.editor-status span').last().textContent())?.trim(), '3,1');
  // vim's ~ lines fill the screen below the buffer.
  const filler = overlay(page).locator('.editor-filler');
  assert.ok(await filler.isVisible());
  assert.match((await filler.textContent()) ?? '', /^~\n~\n/);
  await page.keyboard.type('o');
  // One status line: the mode is shown there, not in a second panel.
  await overlay(page).locator('.editor-status', { hasText: '-- INSERT --' }).waitFor();
  assert.equal(await overlay(page).locator('.cm-vim-panel').count(), 0);
  await page.keyboard.type('four');
  await page.keyboard.press('Escape');
  await page.keyboard.type(':wq');
  await page.keyboard.press('Enter');
  await overlay(page).waitFor({ state: 'detached' });
  await lab.run('cat l.txt | wc -l');
  await lab.waitScreen(/wc -l\n4\n/);
  await lab.run('cat l.txt');
  await lab.waitScreen(/cat l\.txt\none\ntwo\nthree\nfour\n\n?controlplane/);
  await page.context().close();
});
