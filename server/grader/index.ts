/**
 * The grader: a step's checks run on the learner's live cluster, each result with plain-word
 * reasons from the engine's verdicts; questions judged too. Pure: it reads the cluster and
 * engine it is given, and the reachability captured when the step began.
 */
import type { ClusterApi } from '../cluster/index.js';
import type { Engine } from '../netpol/index.js';
import type { Step, Task } from '../scenarios/index.js';
import { gradeReach } from './reach.js';
import { gradeResource } from './resources.js';
import { gradePodsPerNode, gradeRollout } from './workloads.js';
import { gradeHost } from './hosts.js';
import type { Hosts } from '../hosts/index.js';
import { gradeCan, grantedKeys } from './can.js';
import { gradeIntent, gradeUnchanged, type Exclusion, type StepPolicies } from './unchanged.js';
import type { CheckResult, TaskResult } from './types.js';

export * from './types.js';
export { gradeAnswer, normalizeAnswer, MAX_ANSWER_CHARS } from './answer.js';
export { captureReachability, type Reachability, type Exclusion, type StepPolicies } from './unchanged.js';
export { diffPolicies, compiledOnce, type PolicyDiff } from './policy-diff.js';
export { refText } from './reach.js';

export interface LiveCluster {
  cluster: ClusterApi;
  engine: Engine;
  /** The nodes as hosts (file, service, static pod and snapshot checks). */
  hosts?: Hosts;
}

/** Connections named by these steps' reach checks: the guard of a later step leaves them alone too. */
export function namedConnections(steps: readonly Step[]): Exclusion[] {
  return steps.flatMap((s) => (s.body.kind === 'task' ? s.body.checks : [])).flatMap((c) => (c.kind === 'reach' ? [{ from: c.from, to: c.to, port: c.port, protocol: c.protocol }] : []));
}

/**
 * Grades a task. `context` holds the policies the step began with (the guard needs them) and the
 * expected ones (intent checks); `earlier` are the steps before this one, whose named
 * connections the guard also leaves alone.
 */
export function gradeTask(task: Task, live: LiveCluster, context: StepPolicies | undefined, earlier: readonly Step[] = []): TaskResult {
  const named = [...namedConnections(earlier), ...task.checks.flatMap((c) => (c.kind === 'reach' ? [{ from: c.from, to: c.to, port: c.port, protocol: c.protocol }] : []))];
  const granted = grantedKeys(task.checks.flatMap((c) => (c.kind === 'can' ? [c] : [])));
  const checks: CheckResult[] = task.checks.map((c, index) => {
    switch (c.kind) {
      case 'can':
        return { index, ...gradeCan(live.cluster, c, granted) };
      case 'reach':
        return { index, ...gradeReach(live.engine, c) };
      case 'unchanged':
        if (!context) return { index, kind: 'unchanged', passed: false, title: 'every other connection keeps its reachability', explanation: 'No starting policies to compare with.', connections: [] };
        return { index, ...gradeUnchanged(live.engine, context.before, [...named, ...c.except]) };
      case 'intent':
        return { index, ...gradeIntent(live.engine, context?.expected.get(index), c) };
      case 'podsPerNode':
        return { index, ...gradePodsPerNode(live.cluster, c) };
      case 'rollout':
        return { index, ...gradeRollout(live.cluster, c) };
      case 'file':
      case 'service':
      case 'node-ready':
      case 'static-pod':
      case 'snapshot':
      case 'cert-expiry':
        return { index, ...gradeHost(live.cluster, live.hosts, c) };
      default:
        return { index, ...gradeResource(live.cluster, c) };
    }
  });
  return { passed: checks.every((c) => c.passed), checks };
}
