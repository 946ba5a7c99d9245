// Every configuration generator against the upstream kubectl 1.32 client: the goldens in
// test/kubectl/golden/generators were recorded by scripts/record-generator-goldens.sh (each file's
// first line names the command), running kubectl.1.32 without a cluster in a copy of
// test/fixtures/generator-files; the same files are placed in the lab's home directory here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeLab } from '../helpers/lab.js';

const goldenDir = fileURLToPath(new URL('./golden/generators/', import.meta.url));
const filesDir = fileURLToPath(new URL('../fixtures/generator-files/', import.meta.url));

function labFiles(dir: string, prefix = ''): { path: string; content: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? labFiles(full, `${prefix}${name}/`) : [{ path: `${prefix}${name}`, content: readFileSync(full, 'utf8') }];
  });
}
const files = labFiles(filesDir);

for (const name of readdirSync(goldenDir).filter((f) => f.endsWith('.txt')).sort()) {
  const text = readFileSync(join(goldenDir, name), 'utf8');
  const m = /^# source: kubectl\.1\.32 (.*) \(scripts\/record-generator-goldens\.sh.*\)\nexit (\d+)\n--- stdout\n([\s\S]*)--- stderr\n([\s\S]*)$/.exec(text);
  assert.ok(m, `${name} is a golden`);
  const [, line, code, stdout, stderr] = m;
  test(`kubectl ${line}`, () => {
    const { lab } = makeLab({ setup: { files } });
    const r = lab.run(`kubectl ${line}`);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }, { stdout, stderr, exitCode: Number(code) });
  });
}
