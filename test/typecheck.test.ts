// The type check is part of the suite: tsx runs TypeScript without checking it, so a type error
// or an unused name (noUnusedLocals, noUnusedParameters) would otherwise land unseen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const projects = ['tsconfig.json', 'web/tsconfig.json', 'test/browser/tsconfig.json'];

for (const project of projects) {
  test(`tsc is clean for ${project}`, () => {
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
    assert.equal(r.stdout + r.stderr, '');
    assert.equal(r.status, 0);
  });
}

test('the server is typed without the DOM, with the strict flags', () => {
  const { config } = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => readFileSync(p, 'utf8'));
  const o = config.compilerOptions;
  assert.ok(!o.lib.some((l: string) => /^dom/i.test(l)), `server lib is ${o.lib.join(', ')}`);
  for (const flag of ['strict', 'noUncheckedIndexedAccess', 'noUnusedLocals', 'noUnusedParameters']) assert.equal(o[flag], true, flag);
});
