// The engine's bench (issue 4, Performance): full matrix for 5,000 pods / 50 namespaces /
// 500 policies / 2 ports each; a single decide; and the ratio to the plain reference evaluator
// (sampled pairs, extrapolated). Run: npm run bench
import { performance } from 'node:perf_hooks';
import { computeMatrix, createEngine, decide, referenceAllowed } from '../server/netpol/index.js';
import { benchWorld } from '../test/netpol/bench-world.js';

const world = benchWorld();
const t0 = performance.now();
const engine = createEngine(world);
const m = computeMatrix(engine);
const t1 = performance.now();
let cells = 0;
let allowedCount = 0;
for (let i = 0; i < m.pods.length; i++)
  for (let j = 0; j < m.destinations.length; j++)
    for (let k = 0; k < m.destinations[j]!.probes.length; k++) {
      cells++;
      if (m.allowed(i, j, k)) allowedCount++;
    }
const t2 = performance.now();
const keys = m.pods.map((p) => p.key);
const N = 20000;
let s = 12345;
const rnd = (): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s);
const pairs = Array.from({ length: N }, () => [keys[rnd() % keys.length]!, keys[rnd() % keys.length]!] as const);
for (const [a, b] of pairs.slice(0, 2000)) decide(engine, a, b, 8080, 'TCP'); // warm-up
const t3 = performance.now();
for (const [a, b] of pairs) decide(engine, a, b, 8080, 'TCP');
const t4 = performance.now();
const R = 200;
for (const [a, b] of pairs.slice(0, R)) referenceAllowed(world, a, b, 8080, 'TCP');
const t5 = performance.now();
const refPerDecision = (t5 - t4) / R;
const refFull = refPerDecision * cells;
console.log(`pods ${m.pods.length}, policies ${world.policies.length}, cells ${cells} (${allowedCount} allowed)`);
console.log('grouping', JSON.stringify(m.stats));
console.log(`engine + matrix: ${(t1 - t0).toFixed(0)} ms; reading every cell: ${(t2 - t1).toFixed(0)} ms`);
console.log(`single decide (with explanation): ${(((t4 - t3) / N) * 1000).toFixed(1)} µs`);
console.log(`reference: ${(refPerDecision * 1000).toFixed(0)} µs per pair → full matrix ≈ ${(refFull / 1000).toFixed(0)} s; ratio ≈ ${(refFull / (t1 - t0)).toFixed(0)}×`);
