// The grader's bench (issue 6, Performance): grading a step on a 500-pod scenario cluster
// (target under 20 ms), and `scenario check` of the whole library (target under 10 s).
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { ManualClock, seededRandom } from '../server/core/index.js';
import { parseScenario, formatProblem } from '../server/scenarios/index.js';
import { gradeStep, scenarioLab, stepContext } from '../server/lab/index.js';
import { runScenarioCheck } from '../server/cli/commands/scenario.js';
import { scenarioFiles } from '../server/scenario-files/index.js';
import { fileURLToPath } from 'node:url';
import { fmt } from './stats.js';

function summary(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return fmt({ median: s[Math.floor(s.length / 2)]!, p99: s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! });
}

const NS = 10;
const PODS = 500;
const apps = ['web', 'api', 'db', 'cache', 'worker'];
const namespaces = Array.from({ length: NS }, (_, i) => ({ name: `team-${i}`, labels: { tier: i % 2 ? 'back' : 'front' } }));
const pods = Array.from({ length: PODS }, (_, i) => ({
  name: `pod-${i}`,
  namespace: `team-${i % NS}`,
  labels: { app: apps[i % apps.length]!, shard: String(i % 7) },
  ports: apps[i % apps.length] === 'db' ? [5432, 8080] : [8080],
}));
const policies = Array.from({ length: 40 }, (_, i) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: `p-${i}`, namespace: `team-${i % NS}` },
  spec: {
    podSelector: { matchLabels: { app: apps[i % apps.length] } },
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { tier: 'front' } }, podSelector: { matchLabels: { app: apps[(i + 1) % apps.length] } } }], ports: [{ port: 8080 }] }],
  },
}));
const checks = [
  ...Array.from({ length: 10 }, (_, i) => ({ reach: { from: `team-${i % NS}/pod-${i}`, to: `team-${(i + 3) % NS}/pod-${i + 3 + NS}`, port: 8080, allowed: i % 2 === 0 } })),
  { unchanged: {} },
];
const text = stringify({
  id: 'bench',
  title: 'Bench',
  cluster: { namespaces, pods, policies },
  steps: [{ id: 'task', text: 'x', task: { checks }, solution: 'kubectl get pods -A' }],
});
const r = parseScenario(text, 'bench.yaml');
if (!r.scenario) throw new Error(r.problems.map(formatProblem).join('\n'));
const s = r.scenario;
const lab = scenarioLab(s, { clock: new ManualClock(Date.UTC(2025, 0, 1)), random: seededRandom(3) });
const t0 = performance.now();
stepContext(s, 0);
const baselineMs = performance.now() - t0;

const cached: number[] = [];
const changed: number[] = [];
for (let i = 0; i < 30; i++) {
  let t = performance.now();
  gradeStep(lab, s, 0);
  cached.push(performance.now() - t);
  lab.run(`kubectl label pod pod-${i} -n team-${i % NS} touched=yes`);
  t = performance.now();
  gradeStep(lab, s, 0);
  changed.push(performance.now() - t);
}
// The same, once the learner has changed a policy: the guard compares on representative peers.
const edited: number[] = [];
lab.run("kubectl patch netpol p-0 -n team-0 --type=merge -p '{\"spec\":{\"ingress\":[{}]}}'");
if (lab.run('kubectl get netpol p-0 -n team-0 -o jsonpath={.spec.ingress}').stdout !== '[{}]') lab.run('kubectl delete netpol p-0 -n team-0');
for (let i = 0; i < 30; i++) {
  lab.run(`kubectl label pod pod-${i} -n team-${i % NS} touched=again --overwrite`);
  const t = performance.now();
  const r = gradeStep(lab, s, 0);
  edited.push(performance.now() - t);
  if (r.passed) throw new Error('a changed policy must fail the guard');
}
console.log(`scenario: ${PODS} pods, ${NS} namespaces, ${policies.length} policies, ${checks.length} checks (10 reach + unchanged guard)`);
console.log(`step baseline (once per scenario and step): ${baselineMs.toFixed(0)} ms`);
console.log(`grade a step, engine cached:        ${summary(cached)}`);
console.log(`grade a step after a command:       ${summary(changed)}`);
console.log(`… with a policy changed (guard on representative peers): ${summary(edited)}`);

const lib = scenarioFiles(fileURLToPath(new URL('../scenarios', import.meta.url)));
const t1 = performance.now();
const check = runScenarioCheck(lib);
console.log(`scenario check of the library (${lib.length} files, exit ${check.exitCode}): ${((performance.now() - t1) / 1000).toFixed(2)} s`);
