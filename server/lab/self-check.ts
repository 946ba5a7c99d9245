/**
 * A scenario's self-test, as `ckalab scenario check` runs it: each task must fail on the cluster
 * it starts from (a check that cannot fail tests nothing), its solution must run cleanly and
 * pass every check, allow-all policies everywhere must not pass a task that tests traffic, and
 * (warnings) no mutant of the solution's policies may pass its checks (mutants.ts).
 */
import { seededRandom } from '../core/index.js';
import type { NetworkPolicy } from '../api/index.js';
import { resolveResourceType } from '../cluster/index.js';
import { compiledOnce, gradeTask } from '../grader/index.js';
import { comparePolicySets } from '../netpol/index.js';
import { selectorMatches } from '../api/index.js';
import type { Scenario } from '../scenarios/index.js';
import { Lab, type LabOptions } from './lab.js';
import { mutants } from './mutants.js';
import { scenarioLab, runSolution, stepContext } from './scenario-lab.js';
import type { Pki } from '../hosts/index.js';

const FIXED_CLOCK = { now: () => Date.UTC(2025, 0, 1) };
const OPTS = { clock: FIXED_CLOCK, random: seededRandom(1) };

export interface SelfCheckProblem {
  /** e.g. ['steps', 2, 'task', 'checks', 1]. */
  path: (string | number)[];
  message: string;
  /** A weakness (a surviving mutant), not an error. */
  warning?: boolean;
}

const ALLOW_ALL = (ns: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'zz-self-check-allow-all', namespace: ns },
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}], egress: [{}] },
});

const NETPOL = () => resolveResourceType('networkpolicies')!;

function keyOf(p: NetworkPolicy): string {
  return `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
}

/** A multi-line explanation as one problem: its first line, then the rest indented under it. */
const whole = (text: string) => text.trimEnd().split('\n').join('\n    ');

/**
 * A check through a Service whose selector matches no pod cannot pass: the mistake is at the
 * Service (its selector in the file), not at the check. `objectPaths` say where each of
 * setup.objects comes from in the file.
 */
function serviceWithoutPods(s: Scenario, lab: ReturnType<typeof scenarioLab>, to: { kind: string; namespace?: string; name?: string }, objectPaths: readonly (string | number)[][]): SelfCheckProblem | undefined {
  if (to.kind !== 'service' || !to.namespace || !to.name) return undefined;
  const svc = lab.cluster.get(resolveResourceType('svc')!, to.namespace, to.name) as { spec?: { selector?: Record<string, string> } } | undefined;
  const selector = svc?.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  const pods = lab.cluster.list(resolveResourceType('pods')!).filter((p) => p.metadata.namespace === to.namespace && selectorMatches({ matchLabels: selector }, p.metadata.labels ?? {}));
  if (pods.length) return undefined;
  const index = s.setup.objects.findIndex((o) => {
    const x = o as { kind?: string; metadata?: { name?: string; namespace?: string } };
    return x.kind === 'Service' && x.metadata?.name === to.name && (x.metadata?.namespace ?? 'default') === to.namespace;
  });
  const at = objectPaths[index];
  if (!at) return undefined;
  const sel = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
  return { path: [...at, ...(at[1] === 'services' ? ['selector'] : ['spec', 'selector'])], message: `service ${to.namespace}/${to.name} selects no pod: its selector ${sel} matches no pod in namespace ${to.namespace}, so no connection through it can succeed` };
}

export function selfCheck(s: Scenario, objectPaths: readonly (string | number)[][] = [], opts: { pki?: () => Pki } = {}): SelfCheckProblem[] {
  const problems: SelfCheckProblem[] = [];
  const labOpts = { ...OPTS, ...(opts.pki ? { pki: opts.pki } : {}) };
  const lab = scenarioLab(s, labOpts);
  s.steps.forEach((step, i) => {
    const at: (string | number)[] = ['steps', i];
    if (step.body.kind !== 'task') return;
    const task = step.body;
    const earlier = s.steps.slice(0, i);
    const context = task.checks.some((c) => c.kind === 'unchanged' || c.kind === 'intent') ? stepContext(s, i) : undefined;
    const grade = (l: Lab = lab) => gradeTask(task, l.live(), context, earlier);

    if (grade().passed) problems.push({ path: at, message: `step "${step.id}" already passes before its solution: no check can fail` });

    if (task.checks.some((c) => c.kind === 'reach' || c.kind === 'intent')) {
      const mutant = Lab.restore(lab.snapshot(), labOpts);
      for (const ns of mutant.cluster.list(resolveResourceType('ns')!)) mutant.cluster.create(ALLOW_ALL(ns.metadata.name!));
      if (grade(mutant).passed) problems.push({ path: at, message: `step "${step.id}" passes with allow-all policies in every namespace: add a check that something stays denied, or an unchanged guard` });
    }

    // An RBAC task must refuse the over-broad answer: cluster-admin bound to every identity it asks about.
    const asked = [...new Map(task.checks.flatMap((c) => (c.kind === 'can' && c.allowed ? [[c.as, c] as const] : []))).values()];
    if (asked.length) {
      const mutant = Lab.restore(lab.snapshot(), OPTS);
      runSolution(mutant, step.solution);
      asked.forEach((c, k) => {
        const sa = c.as.startsWith('system:serviceaccount:') ? c.as.split(':') : undefined;
        const subject = sa ? { kind: 'ServiceAccount', name: sa[3], namespace: sa[2] } : { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: c.as };
        mutant.cluster.create({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: `zz-self-check-admin-${k}` }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [subject] });
      });
      if (grade(mutant).passed) problems.push({ path: at, message: `step "${step.id}" passes with cluster-admin bound to ${asked.map((c) => c.as).join(', ')}: add a can check with allowed: false, or ask for an allowed request the probes can bound` });
    }

    const before = new Map((lab.cluster.list(NETPOL()) as unknown as NetworkPolicy[]).map((p) => [keyOf(p), JSON.stringify(p.spec)]));
    for (const f of runSolution(lab, step.solution)) {
      const line = f.input.split('\n')[0]!;
      problems.push({ path: [...at, 'solution'], message: `\`${line}\` failed (exit ${f.exitCode}): ${(f.stderr || f.stdout).trim().split('\n')[0]}` });
    }
    const after = grade();
    for (const c of after.checks) {
      if (c.passed) continue;
      const check = task.checks[c.index];
      const atService = check?.kind === 'reach' ? serviceWithoutPods(s, lab, check.to as never, objectPaths) : undefined;
      if (atService) {
        if (!problems.some((p) => p.message === atService.message)) problems.push(atService);
        continue;
      }
      problems.push({ path: [...at, 'task', 'checks', c.index], message: `the solution does not pass "${c.title}": ${whole(c.explanation)}` });
    }
    if (after.passed) problems.push(...weakChecks(s, i, lab, before, grade, labOpts));
  });
  return problems;
}

/** Every mutant of the policies the solution created or changed that the checks still accept. */
function weakChecks(s: Scenario, i: number, lab: Lab, before: ReadonlyMap<string, string>, grade: (l: Lab) => { passed: boolean }, labOpts: LabOptions): SelfCheckProblem[] {
  const out: SelfCheckProblem[] = [];
  const policies = lab.cluster.list(NETPOL()) as unknown as NetworkPolicy[];
  const touched = policies.filter((p) => before.get(keyOf(p)) !== JSON.stringify(p.spec));
  if (touched.length === 0) return out;
  const engine = lab.engine();
  const snapshot = lab.snapshot();
  for (const p of touched) {
    for (const m of mutants(p)) {
      const set = policies.map((q) => (q === p ? m.policy : q));
      // A mutant that allows exactly what the solution allows is no weakness.
      if (comparePolicySets(engine.indexed, compiledOnce(set), engine.policies).differences.length === 0) continue;
      const l = Lab.restore(snapshot, labOpts);
      const stored = l.cluster.get(NETPOL(), p.metadata.namespace, p.metadata.name!);
      if (!stored || !l.cluster.update({ ...stored, spec: m.policy.spec }).ok) continue;
      if (grade(l).passed) out.push({ path: ['steps', i], warning: true, message: `the checks of step ${s.steps[i]!.id} accept ${m.what}` });
    }
  }
  return out;
}
