// The upstream e2e truth tables (test/e2e/network/netpol/network_policy.go in kubernetes/kubernetes,
// both its per-test topologies and its earlier full x/y/z × a/b/c model), run against every evaluator
// through one shared suite: decide() pair by pair, computeMatrix(), and the plain reference evaluator.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computeMatrix, createEngine, decide, referenceAllowed, type NetpolWorld } from '../../server/netpol/index.js';
import type { Protocol } from '../../server/api/index.js';
import { Reachability, modelWorld, printTruthTable } from './model.js';
import { FULL_MODEL_PODS, upstreamCases, type UpstreamCase } from './upstream-cases.js';

type Evaluator = (world: NetpolWorld, pods: readonly string[], port: number, protocol: Protocol) => (from: string, to: string) => boolean;

const evaluators: Record<string, Evaluator> = {
  decide: (world, _pods, port, protocol) => {
    const engine = createEngine(world);
    return (from, to) => decide(engine, from, to, port, protocol)!.allowed;
  },
  matrix: (world, pods, port, protocol) => {
    const m = computeMatrix(world, { probes: [{ port, protocol }] });
    const idx = new Map(m.pods.map((p, i) => [p.key, i]));
    assert.deepEqual(m.pods.map((p) => p.key), [...pods]);
    return (from, to) => m.allowed(idx.get(from)!, idx.get(to)!, 0);
  },
  reference: (world, _pods, port, protocol) => (from, to) => referenceAllowed(world, from, to, port, protocol),
};

const forms: Record<string, (c: UpstreamCase) => UpstreamCase> = {
  'per-test topology': (c) => c,
  'full x/y/z × a/b/c model': (c) => ({
    ...c,
    pods: FULL_MODEL_PODS,
    stages: c.stages.map((s) => ({ ...s, checks: s.checks.map((k) => ({ ...k, expect: (r: Reachability) => (k.expect(r), c.fullModelExtra?.(r)) })) })),
  }),
};

const suites = Object.entries(evaluators).flatMap(([evalName, evaluate]) => Object.entries(forms).map(([formName, form]) => ({ evalName, evaluate, formName, form })));

for (const { evalName, evaluate, formName, form } of suites) {
  describe(`upstream e2e netpol truth tables, ${formName} (${evalName})`, () => {
    for (const c of upstreamCases().map(form)) {
      test(c.name, () => {
        c.stages.forEach((stage, si) => {
          const world = { ...modelWorld(c, stage.nsLabels, stage.podLabels), policies: stage.policies };
          for (const check of stage.checks) {
            const expected = new Reachability(c.pods, true);
            check.expect(expected);
            const at = evaluate(world, c.pods, check.port, check.protocol);
            // Loopback is ignored, as upstream's ignoreLoopback.
            const actual = (a: string, b: string) => (a === b ? expected.get(a, b) : at(a, b));
            assert.equal(
              printTruthTable(c.pods, actual),
              printTruthTable(c.pods, (a, b) => expected.get(a, b)),
              `stage ${si + 1}, ${check.port}/${check.protocol}`,
            );
            for (const p of c.pods) assert.equal(at(p, p), true, `loopback ${p} is always allowed`);
          }
        });
      });
    }
  });
}
