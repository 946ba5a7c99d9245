// Property: no generated or mutated exam-style line ends in `bash: internal error` or escapes
// as an exception (issue 22). About 20,000 lines here; `npm run fuzz` runs a million.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { makeLab } from '../helpers/lab.js';
import { fuzzLine } from './fuzz-lines.js';

test('20,000 exam-style lines, typos included, never end in an internal error', () => {
  let { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  let n = 0;
  fc.assert(
    fc.property(fuzzLine, (line) => {
      // A fresh lab now and then, so the files a line leaves do not pile up to the disk bound.
      if (++n % 500 === 0) lab = makeLab({ fixture: 'seed-cluster.yaml' }).lab;
      const r = lab.run(line);
      assert.ok(!/internal error/.test(r.stderr), `${JSON.stringify(line)} → ${r.stderr}`);
      assert.equal(typeof r.exitCode, 'number');
    }),
    { numRuns: 20_000, seed: 22 },
  );
});
