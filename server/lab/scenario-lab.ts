/**
 * A scenario played on a lab: the lab it starts from, the reachability each step begins with
 * (the start, plus the solutions of the tasks before it), and grading a step on a learner's lab.
 */
import { seededRandom } from '../core/index.js';
import { captureReachability, gradeTask, type Reachability, type TaskResult } from '../grader/index.js';
import type { Scenario } from '../scenarios/index.js';
import { Lab, type LabOptions } from './lab.js';
import { runScript, type ScriptStep } from './script.js';

export function scenarioLab(s: Scenario, opts: LabOptions): Lab {
  return Lab.create(s.setup, opts);
}

/** Runs a step's solution as a learner's lines; the failed lines, if any. */
export function runSolution(lab: Lab, solution: string): ScriptStep[] {
  return runScript(lab, solution.split('\n')).filter((r) => r.exitCode !== 0);
}

const FIXED_CLOCK = { now: () => Date.UTC(2025, 0, 1) };
const baselineCache = new WeakMap<Scenario, Map<number, Reachability>>();

/** The reachability step `index` begins with; computed once per scenario object. */
export function stepBaseline(s: Scenario, index: number): Reachability {
  let cache = baselineCache.get(s);
  if (!cache) {
    cache = new Map();
    baselineCache.set(s, cache);
  }
  const hit = cache.get(index);
  if (hit) return hit;
  const lab = scenarioLab(s, { clock: FIXED_CLOCK, random: seededRandom(1) });
  for (let i = 0; i < index; i++) if (s.steps[i]!.body.kind === 'task') runSolution(lab, s.steps[i]!.solution);
  const r = captureReachability(lab.engine());
  cache.set(index, r);
  return r;
}

/** Grades task step `index` on a learner's lab. */
export function gradeStep(lab: Lab, s: Scenario, index: number): TaskResult {
  const step = s.steps[index];
  if (!step || step.body.kind !== 'task') throw new Error(`step ${index} of ${s.id} is not a task`);
  const needsBaseline = step.body.checks.some((c) => c.kind === 'unchanged');
  return gradeTask(step.body, lab.live(), needsBaseline ? stepBaseline(s, index) : undefined, s.steps.slice(0, index));
}
