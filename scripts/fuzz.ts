// npm run fuzz [N]: runs N (default 1,000,000) generated and mutated exam-style lines on a lab and
// fails on the first that ends in `bash: internal error` or throws (issue 22).
import fc from 'fast-check';
import { ManualClock, seededRandom } from '../server/core/index.js';
import { Lab } from '../server/lab/index.js';
import { fuzzLine } from '../test/shell/fuzz-lines.js';

const total = Number(process.argv[2] ?? 1_000_000);
const fresh = () => Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [] }, { clock: new ManualClock(Date.parse('2025-02-04T06:00:30Z')), random: seededRandom(7) });
let lab = fresh();
let n = 0;
const started = performance.now();
fc.assert(
  fc.property(fuzzLine, (line) => {
    if (++n % 500 === 0) lab = fresh();
    if (n % 100_000 === 0) console.log(`${n} lines, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const r = lab.run(line);
    if (/internal error/.test(r.stderr)) throw new Error(`${JSON.stringify(line)} → ${r.stderr}`);
  }),
  { numRuns: total, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
);
console.log(`${total} lines, no internal error (${((performance.now() - started) / 1000).toFixed(0)} s)`);
