// Invariants of NetworkPolicy semantics, checked with fast-check on random small worlds, and the
// engine (decide and matrix) against the plain reference evaluator on the same worlds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { NetworkPolicy } from '../../server/api/index.js';
import { computeMatrix, createEngine, decide, referenceAllowed, type NetpolWorld } from '../../server/netpol/index.js';
import { PROBES, policyArb, worldArb } from './arbitrary.js';

const keys = (w: NetpolWorld): string[] => w.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);

function all(w: NetpolWorld): Map<string, boolean> {
  const e = createEngine(w);
  const out = new Map<string, boolean>();
  for (const a of keys(w)) for (const b of keys(w)) for (const p of PROBES) out.set(`${a}>${b}>${p.port}/${p.protocol}`, decide(e, a, b, p.port, p.protocol)!.allowed);
  return out;
}

test('decide, the matrix and the reference evaluator agree on every pair, port and protocol', () => {
  fc.assert(
    fc.property(worldArb(6), (w) => {
      const e = createEngine(w);
      const m = computeMatrix(e, { probes: PROBES });
      const idx = new Map(m.pods.map((p, i) => [p.key, i]));
      for (const a of keys(w))
        for (const b of keys(w))
          PROBES.forEach((p, k) => {
            const ref = referenceAllowed(w, a, b, p.port, p.protocol);
            assert.equal(decide(e, a, b, p.port, p.protocol)!.allowed, ref, `decide ${a} → ${b} ${p.port}/${p.protocol}`);
            assert.equal(m.allowed(idx.get(a)!, idx.get(b)!, k), ref, `matrix ${a} → ${b} ${p.port}/${p.protocol}`);
          });
    }),
    { numRuns: 300 },
  );
});

test('the matrix on declared ports agrees with decide', () => {
  fc.assert(
    fc.property(worldArb(6), (w) => {
      const e = createEngine(w);
      const m = computeMatrix(e);
      for (const r of m.entries()) assert.equal(decide(e, r.from, r.to, r.port, r.protocol)!.allowed, r.allowed);
    }),
    { numRuns: 100 },
  );
});

test('with no policy selecting a pod in a direction, that direction is unrestricted', () => {
  fc.assert(
    fc.property(worldArb(6), (w) => {
      const e = createEngine(w);
      for (const a of keys(w))
        for (const b of keys(w))
          for (const p of PROBES) {
            const v = decide(e, a, b, p.port, p.protocol)!;
            if (v.loopback) continue;
            if (v.egress.status === 'not-isolated') assert.equal(v.egress.allowed, true);
            if (v.ingress.status === 'not-isolated') assert.equal(v.ingress.allowed, true);
            if (v.egress.status === 'not-isolated' && v.ingress.status === 'not-isolated') assert.equal(v.allowed, true);
          }
    }),
    { numRuns: 200 },
  );
});

test('a policy added to pods already isolated in its directions only opens connections', () => {
  fc.assert(
    fc.property(worldArb(5), policyArb('added'), (w, added) => {
      // Make the added policy's targets already isolated in the directions it affects.
      const isolate: NetworkPolicy = { ...added, metadata: { name: 'isolate', namespace: added.metadata.namespace! }, spec: { podSelector: added.spec.podSelector, policyTypes: ['Ingress', 'Egress'] } };
      const base = { ...w, policies: [...w.policies, isolate] };
      const before = all(base);
      const after = all({ ...base, policies: [...base.policies, added] });
      for (const [k, v] of before) if (v) assert.equal(after.get(k), true, `${k} was allowed and must stay allowed`);
    }),
    { numRuns: 150 },
  );
});

test('a policy whose podSelector matches no pod changes nothing', () => {
  fc.assert(
    fc.property(worldArb(5), policyArb('nobody'), (w, p) => {
      const nobody: NetworkPolicy = { ...p, spec: { ...p.spec, podSelector: { matchLabels: { 'no-such-label': 'nobody' } } } };
      assert.deepEqual(all({ ...w, policies: [...w.policies, nobody] }), all(w));
    }),
    { numRuns: 150 },
  );
});

test('the order of policies never matters', () => {
  fc.assert(
    fc.property(worldArb(6), fc.infiniteStream(fc.nat()).map((s) => s), (w, stream) => {
      const shuffled = [...w.policies];
      const it = stream[Symbol.iterator]();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = it.next().value! % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      assert.deepEqual(all({ ...w, policies: shuffled }), all(w));
    }),
    { numRuns: 100 },
  );
});
