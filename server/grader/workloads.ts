/**
 * Workload checks read by meaning: pods per node (a DaemonSet's or a spread's result, counted on
 * each node, ready pods only), and a Deployment's rollout (complete, at a revision).
 */
import { selectorMatches } from '../api/index.js';
import { resolveResourceType, type ClusterApi } from '../cluster/index.js';
import type { Check } from '../scenarios/index.js';
import type { CheckResult } from './types.js';
import { labelsText } from './words.js';

type Result = Omit<CheckResult, 'index'>;
type Obj = Record<string, any>;

const ready = (p: Obj) => p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: Obj) => c.type === 'Ready' && c.status === 'True') && !p.metadata.deletionTimestamp;

export function gradePodsPerNode(cluster: ClusterApi, check: Extract<Check, { kind: 'podsPerNode' }>): Result {
  const nodeType = resolveResourceType('nodes')!;
  const podType = resolveResourceType('pods')!;
  const nodes = check.nodes ?? cluster.list(nodeType).map((n) => n.metadata.name!);
  const pods = (cluster.list(podType, check.namespace) as Obj[]).filter((p) => selectorMatches({ matchLabels: { ...check.labels } }, p.metadata.labels ?? {}) && ready(p));
  const where = `${labelsText(check.labels)}${check.namespace !== 'default' ? ` in namespace ${check.namespace}` : ''}`;
  const title = `${check.equals} ready pod${check.equals === 1 ? '' : 's'} with labels ${where} on ${check.nodes ? nodes.join(', ') : 'every node'}`;
  const wrong = nodes
    .map((n) => ({ n, count: pods.filter((p) => p.spec?.nodeName === n).length }))
    .filter((x) => x.count !== check.equals)
    .map((x) => `${x.n} runs ${x.count}`);
  if (wrong.length === 0) return { kind: 'podsPerNode', passed: true, title, explanation: `Each of ${nodes.join(', ')} runs ${check.equals}.`, connections: [] };
  return { kind: 'podsPerNode', passed: false, title, explanation: `${wrong.join('; ')} (expected ${check.equals} on each).`, connections: [] };
}

export function gradeRollout(cluster: ClusterApi, check: Extract<Check, { kind: 'rollout' }>): Result {
  const t = resolveResourceType('deployments')!;
  const ref = check.ref;
  const what = `Deployment ${ref.name}${ref.namespace !== 'default' ? ` in namespace ${ref.namespace}` : ''}`;
  const title = `${what} is rolled out${check.revision ? ` at revision ${check.revision}` : ''}`;
  const d = cluster.get(t, ref.namespace, ref.name) as Obj | undefined;
  if (!d) return { kind: 'rollout', passed: false, title, explanation: `${what} does not exist.`, connections: [] };
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const revision = Number(d.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const problems: string[] = [];
  if (d.spec?.paused) problems.push('it is paused');
  if ((s.updatedReplicas ?? 0) < want || (s.replicas ?? 0) > (s.updatedReplicas ?? 0) || (s.availableReplicas ?? 0) < want) {
    problems.push(`its rollout is not complete: ${s.updatedReplicas ?? 0} of ${want} replicas updated, ${s.availableReplicas ?? 0} available, ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old ones left`);
  }
  if (check.revision !== undefined && revision !== check.revision) problems.push(`it is at revision ${revision}, expected ${check.revision}`);
  if (problems.length === 0) return { kind: 'rollout', passed: true, title, explanation: `${what} runs revision ${revision} on all ${want} replicas.`, connections: [] };
  return { kind: 'rollout', passed: false, title, explanation: `${what}: ${problems.join('; ')}.`, connections: [] };
}
