/**
 * A scenario played on a lab: the lab it starts from, the reachability each step begins with
 * (the start, plus the solutions of the tasks before it), and grading a step on a learner's lab.
 */
import { seededRandom, type Clock, type Random } from '../core/index.js';
import type { NetworkPolicy } from '../api/index.js';
import { resolveResourceType } from '../cluster/index.js';
import { gradeTask, type StepPolicies, type TaskResult } from '../grader/index.js';
import type { Scenario } from '../scenarios/index.js';
import { Lab } from './lab.js';
import { runScript, type ScriptStep } from './script.js';

export function scenarioLab(s: Scenario, opts: { clock: Clock; random: Random }): Lab {
  return Lab.create(s.setup, opts);
}

/** Runs a step's solution as a learner's lines; the failed lines, if any. */
export function runSolution(lab: Lab, solution: string): ScriptStep[] {
  return runScript(lab, solution.split('\n')).filter((r) => r.exitCode !== 0);
}

const FIXED_CLOCK = { now: () => Date.UTC(2025, 0, 1) };
const contextCache = new WeakMap<Scenario, Map<number, StepPolicies>>();

function policiesOf(lab: Lab): NetworkPolicy[] {
  return lab.cluster.list(resolveResourceType('networkpolicies')!) as unknown as NetworkPolicy[];
}

/** `before` with these manifests created or replaced (by namespace and name). */
function withReference(before: readonly NetworkPolicy[], reference: readonly unknown[]): NetworkPolicy[] {
  const ref = reference.map((o) => {
    const p = o as NetworkPolicy;
    return { ...p, metadata: { ...p.metadata, namespace: p.metadata?.namespace ?? 'default' } };
  });
  const key = (p: NetworkPolicy) => `${p.metadata?.namespace ?? 'default'}/${p.metadata?.name}`;
  const replaced = new Set(ref.map(key));
  return [...before.filter((p) => !replaced.has(key(p))), ...ref];
}

/**
 * The policies step `index` begins with (the start, plus the solutions of the tasks before it)
 * and the ones its intent checks expect; computed once per scenario object.
 */
export function stepContext(s: Scenario, index: number): StepPolicies {
  let cache = contextCache.get(s);
  if (!cache) {
    cache = new Map();
    contextCache.set(s, cache);
  }
  const hit = cache.get(index);
  if (hit) return hit;
  const lab = scenarioLab(s, { clock: FIXED_CLOCK, random: seededRandom(1) });
  for (let i = 0; i < index; i++) if (s.steps[i]!.body.kind === 'task') runSolution(lab, s.steps[i]!.solution);
  const before = policiesOf(lab);
  const expected = new Map<number, readonly NetworkPolicy[]>();
  const step = s.steps[index];
  if (step?.body.kind === 'task') {
    const checks = step.body.checks;
    checks.forEach((c, j) => {
      if (c.kind === 'intent' && c.reference) expected.set(j, withReference(before, c.reference));
    });
    if (checks.some((c) => c.kind === 'intent' && !c.reference)) {
      runSolution(lab, step.solution);
      const after = policiesOf(lab);
      checks.forEach((c, j) => {
        if (c.kind === 'intent' && !c.reference) expected.set(j, after);
      });
    }
  }
  const r: StepPolicies = { before, expected };
  cache.set(index, r);
  return r;
}

/** Grades task step `index` on a learner's lab. */
export function gradeStep(lab: Lab, s: Scenario, index: number): TaskResult {
  const step = s.steps[index];
  if (!step || step.body.kind !== 'task') throw new Error(`step ${index} of ${s.id} is not a task`);
  return gradeTask(step.body, { cluster: lab.cluster, engine: lab.engine() }, stepContext(s, index), s.steps.slice(0, index));
}
