// Holds the layering of HOUSE-STYLE.md: imports point inward only, cross a module through its
// index.ts, the pure core does no I/O, and the browser bundle shares only types with the server.
// The rules are data in test/helpers/architecture.ts; every fixture in test/fixtures/architecture
// breaks one of them and must be caught, so a rule that stops biting fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAYERS, checkFile, moduleOf } from './helpers/architecture.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|tsx)$/.test(p) ? [p] : [];
  });
}

const sources = [...walk(join(root, 'server')), ...walk(join(root, 'web', 'src'))].map((f) => relative(root, f).replace(/\\/g, '/'));

test('every server module has a place in the layering', () => {
  const modules = new Set(sources.map(moduleOf).filter((m): m is string => !!m && m !== 'web'));
  for (const m of modules) assert.ok(m in LAYERS, `server/${m} has no place in LAYERS of test/helpers/architecture.ts`);
});

test('server/ and web/src keep the layering, the index.ts boundaries and the pure core', () => {
  const problems = sources.flatMap((f) => checkFile(f, readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(problems.map((p) => `${p.file}:${p.line}: ${p.message}`), []);
});

const fixtureDir = join(root, 'test', 'fixtures', 'architecture');
for (const name of readdirSync(fixtureDir).sort()) {
  test(`the rules catch ${name.replace(/\.txt$/, '')}`, () => {
    const text = readFileSync(join(fixtureDir, name), 'utf8');
    const as = /^\/\/ as: (\S+)/.exec(text)?.[1];
    assert.ok(as, `${name} starts with "// as: server/<module>/<file>.ts"`);
    const problems = checkFile(as, text);
    assert.ok(problems.length > 0, `${name}: appended to ${as}, this breaks a rule but no rule caught it`);
  });
}

test('a string or a comment that mentions a module is not an import', () => {
  const text = "// import express from 'express'\nexport const help = \"from 'bash' and import('node:fs')\";\n";
  assert.deepEqual(checkFile('server/kubectl/help/texts.ts', text), []);
});

test('type-only imports from the server are allowed in web/src', () => {
  assert.deepEqual(checkFile('web/src/main.ts', "import type { ServerToClient } from '../../server/terminal/protocol.js';\n"), []);
});
