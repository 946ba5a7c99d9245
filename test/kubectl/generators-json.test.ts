// Generators print typed Go structs: `-o json` keeps the structs' field order (maps sorted), as
// kubectl.1.32 prints it (goldens in test/fixtures/kubectl-1.32/generators-json.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { makeLab } from '../helpers/lab.js';

const golden = JSON.parse(readFileSync(new URL('../fixtures/kubectl-1.32/generators-json.json', import.meta.url), 'utf8')) as { cases: { command: string; stdout: string }[] };

for (const c of golden.cases) {
  test(c.command, () => {
    const { lab } = makeLab();
    assert.equal(lab.run(c.command).stdout, c.stdout);
  });
}
