// Holds the layering of HOUSE-STYLE.md: imports point inward only, and the pure core does no I/O.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = join(root, 'server');

/** Each top-level module of server/ and what it may import (besides itself). */
const allowed: Record<string, readonly string[]> = {
  core: [],
  api: ['core'],
  shell: ['core'],
  cluster: ['core', 'api'],
  hosts: ['core', 'api', 'cluster', 'shell'],
  netpol: ['core', 'api', 'cluster', 'shell'],
  kubectl: ['core', 'api', 'cluster', 'shell'],
  scenarios: ['core', 'api', 'cluster', 'netpol'],
  grader: ['core', 'api', 'cluster', 'netpol', 'kubectl', 'scenarios', 'hosts'],
  lab: ['core', 'api', 'cluster', 'netpol', 'kubectl', 'shell', 'scenarios', 'grader', 'hosts'],
  accounts: ['core'],
  store: ['core', 'api', 'accounts', 'lab', 'scenarios', 'grader'],
  'scenario-files': ['core', 'api', 'cluster', 'netpol', 'scenarios', 'grader', 'lab', 'kubectl', 'shell'],
  terminal: ['core', 'shell', 'lab', 'scenarios', 'grader', 'accounts', 'store'],
  http: ['core', 'api', 'cluster', 'netpol', 'shell', 'lab', 'scenarios', 'grader', 'accounts', 'store', 'terminal', 'scenario-files'],
  cli: ['*'],
};

/** The pure core: no I/O, no wall clock, no randomness, no logging. */
const pure = new Set(['core', 'api', 'shell', 'cluster', 'hosts', 'netpol', 'kubectl', 'scenarios', 'grader', 'lab', 'accounts']);
const impure = [
  { re: /from ['"](node:)?(fs|fs\/promises|net|http|https|child_process|os|worker_threads)['"]/, what: 'a node I/O module' },
  { re: /\bDate\.now\(\)/, what: 'Date.now()' },
  { re: /\bMath\.random\(\)/, what: 'Math.random()' },
  { re: /\bconsole\.\w+\(/, what: 'console' },
  { re: /\bset(Timeout|Interval|Immediate)\(/, what: 'a timer' },
  { re: /\bprocess\.(exit|env|stdout|stderr|argv)\b/, what: 'process' },
];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = walk(serverDir);

test('every server module is known to the layering', () => {
  const modules = new Set(files.map((f) => relative(serverDir, f).split('/')[0]!));
  for (const m of modules) assert.ok(m in allowed, `server/${m} has no place in the layering of test/architecture.test.ts`);
});

test('imports point inward only', () => {
  const problems: string[] = [];
  for (const file of files) {
    const mod = relative(serverDir, file).split('/')[0]!;
    const may = allowed[mod] ?? [];
    if (may.includes('*')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), m[1]!);
      const rel = relative(serverDir, target);
      if (rel.startsWith('..')) {
        problems.push(`${relative(root, file)} imports outside server/: ${m[1]}`);
        continue;
      }
      const targetMod = rel.split('/')[0]!;
      if (targetMod !== mod && !may.includes(targetMod)) problems.push(`${relative(root, file)} (${mod}) imports ${targetMod}: ${m[1]}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the pure core does no I/O', () => {
  const problems: string[] = [];
  for (const file of files) {
    const mod = relative(serverDir, file).split('/')[0]!;
    if (!pure.has(mod)) continue;
    const text = readFileSync(file, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const { re, what } of impure) if (re.test(text)) problems.push(`${relative(root, file)} uses ${what}`);
  }
  assert.deepEqual(problems, []);
});
