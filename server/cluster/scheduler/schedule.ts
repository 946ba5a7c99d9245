/**
 * One scheduling cycle of kube-scheduler 1.32 for one pod: Filter on every node, Score the
 * feasible ones, or on failure the FitError text of pkg/scheduler/framework/types.go (a sorted
 * histogram of reasons) and DefaultPreemption's PostFilter (victims of lower priority on a node
 * where only resolvable plugins failed, or its own nested FitError). The real scheduler breaks
 * score ties at random; the lab breaks them by fewest pods, then node name, so a lab replays.
 */
import { milliValue, quantityOf, selectorMatches, value, type LabelSelector } from '../../api/index.js';
import { filterNode, matchesNodeSelectorAndAffinity, nodeSelectorTermMatches, podRequests, podsOn, untoleratedTaint, type ClusterView, type FilterFailure } from './filters.js';
import type { SchedNode, SchedPod } from './types.js';

export type ScheduleResult =
  | { kind: 'scheduled'; node: string }
  | {
      kind: 'unschedulable';
      /** The FailedScheduling event's message. */
      message: string;
      /** When preemption found room: the node nominated and the pods to evict from it. */
      preemption?: { node: string; victims: SchedPod[] };
    };

/** "0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 Insufficient cpu." */
export function fitErrorMessage(total: number, failures: readonly FilterFailure[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) for (const r of f.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `0/${total} nodes are available:` + (parts.length ? ` ${parts.join(', ')}.` : '');
}

const priorityOf = (p: SchedPod) => p.spec.priority ?? 0;

function withoutPods(view: ClusterView, gone: readonly SchedPod[]): ClusterView {
  const set = new Set(gone);
  return { ...view, pods: view.pods.filter((p) => !set.has(p)) };
}

/** SelectVictimsOnNode: evict every lower-priority pod, then reprieve the most important that still leave room. */
function victimsOn(pod: SchedPod, node: SchedNode, view: ClusterView): SchedPod[] | undefined {
  const lower = podsOn(view, node.metadata.name ?? '').filter((p) => priorityOf(p) < priorityOf(pod));
  if (lower.length === 0) return undefined;
  if (filterNode(pod, node, withoutPods(view, lower))) return undefined;
  const victims = [...lower];
  const byImportance = [...lower].sort((a, b) => priorityOf(b) - priorityOf(a));
  for (const p of byImportance) {
    const rest = victims.filter((v) => v !== p);
    if (!filterNode(pod, node, withoutPods(view, rest))) victims.splice(victims.indexOf(p), 1);
  }
  return victims;
}

function preempt(pod: SchedPod, view: ClusterView, failures: Map<SchedNode, FilterFailure>): { message: string } | { node: string; victims: SchedPod[] } {
  if (pod.spec.preemptionPolicy === 'Never') return { message: 'preemption: not eligible due to preemptionPolicy=Never.' };
  const outcome: FilterFailure[] = [];
  const candidates: { node: SchedNode; victims: SchedPod[] }[] = [];
  for (const node of view.nodes) {
    const f = failures.get(node);
    if (!f || f.code === 'UnschedulableAndUnresolvable') {
      outcome.push({ plugin: 'DefaultPreemption', code: 'UnschedulableAndUnresolvable', reasons: ['Preemption is not helpful for scheduling'] });
      continue;
    }
    const victims = victimsOn(pod, node, view);
    if (victims) candidates.push({ node, victims });
    else outcome.push({ plugin: 'DefaultPreemption', code: 'Unschedulable', reasons: ['No preemption victims found for incoming pod'] });
  }
  if (candidates.length === 0) return { message: `preemption: ${fitErrorMessage(view.nodes.length, outcome)}` };
  // pickOneNodeForPreemption: lowest highest-victim priority, then smallest priority sum, then fewest victims.
  const key = (c: (typeof candidates)[number]) => [
    Math.max(...c.victims.map(priorityOf)),
    c.victims.reduce((s, v) => s + priorityOf(v), 0),
    c.victims.length,
  ];
  candidates.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return (a.node.metadata.name ?? '') < (b.node.metadata.name ?? '') ? -1 : 1;
  });
  return { node: candidates[0]!.node.metadata.name ?? '', victims: candidates[0]!.victims };
}

// ---- scoring ----

const DEFAULT_MILLI_CPU = 100n;
const DEFAULT_MEMORY = 200n * 1024n * 1024n;

function score(pod: SchedPod, node: SchedNode, view: ClusterView): number {
  const onNode = podsOn(view, node.metadata.name ?? '');
  // NodeResourcesFit (LeastAllocated) and BalancedAllocation, with the scheduler's non-zero defaults.
  const nonZero = (p: SchedPod) => {
    const r = podRequests(p);
    return { cpu: r.milliCPU || DEFAULT_MILLI_CPU, mem: r.memory || DEFAULT_MEMORY };
  };
  const want = nonZero(pod);
  let cpu = want.cpu;
  let mem = want.mem;
  for (const p of onNode) {
    const r = nonZero(p);
    cpu += r.cpu;
    mem += r.mem;
  }
  const a = node.status?.allocatable ?? {};
  const allocCpu = Number(milliValue(quantityOf(a.cpu ?? 0)));
  const allocMem = Number(value(quantityOf(a.memory ?? 0)));
  const free = (used: number, total: number) => (total > 0 ? Math.max(0, ((total - used) * 100) / total) : 0);
  const least = (free(Number(cpu), allocCpu) + free(Number(mem), allocMem)) / 2;
  const balanced = allocCpu > 0 && allocMem > 0 ? 100 - Math.abs(Number(cpu) / allocCpu - Number(mem) / allocMem) * 100 : 0;
  // TaintToleration: PreferNoSchedule taints the pod does not tolerate.
  let preferNo = 0;
  for (const t of node.spec?.taints ?? []) if (t.effect === 'PreferNoSchedule' && untoleratedTaint([t], pod.spec.tolerations, ['PreferNoSchedule'])) preferNo++;
  // NodeAffinity: preferred terms' weights.
  let affinity = 0;
  for (const p of pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) if (nodeSelectorTermMatches(p.preference, node)) affinity += p.weight;
  // InterPodAffinity: preferred (anti-)affinity weights of pods in the same domain.
  let podAffinity = 0;
  const inDomain = (key: string) => view.pods.filter((o) => {
    const n = view.nodes.find((x) => x.metadata.name === o.spec.nodeName);
    const v = node.metadata.labels?.[key];
    return v !== undefined && n?.metadata.labels?.[key] === v;
  });
  const ns = pod.metadata.namespace ?? 'default';
  for (const w of pod.spec.affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    const sel = w.podAffinityTerm.labelSelector as LabelSelector | undefined;
    if (sel && inDomain(w.podAffinityTerm.topologyKey).some((o) => (o.metadata.namespace ?? 'default') === ns && selectorMatches(sel, o.metadata.labels ?? {}))) podAffinity += w.weight;
  }
  for (const w of pod.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    const sel = w.podAffinityTerm.labelSelector as LabelSelector | undefined;
    if (sel && inDomain(w.podAffinityTerm.topologyKey).some((o) => (o.metadata.namespace ?? 'default') === ns && selectorMatches(sel, o.metadata.labels ?? {}))) podAffinity -= w.weight;
  }
  // PodTopologySpread's system default (spread replicas over hosts): pods with the same labels here.
  const labels = pod.metadata.labels ?? {};
  const siblings = Object.keys(labels).length
    ? onNode.filter((o) => (o.metadata.namespace ?? 'default') === ns && Object.entries(labels).every(([k, v]) => o.metadata.labels?.[k] === v)).length
    : 0;
  return least + balanced + affinity * 2 + podAffinity * 2 - preferNo * 300 - siblings * 50;
}

/** Schedules one pod onto the cluster's nodes. */
export function schedule(pod: SchedPod, view: ClusterView): ScheduleResult {
  if (view.nodes.length === 0) return { kind: 'unschedulable', message: 'no nodes available to schedule pods' };
  const failures = new Map<SchedNode, FilterFailure>();
  const feasible: SchedNode[] = [];
  for (const node of view.nodes) {
    const f = filterNode(pod, node, view);
    if (f) failures.set(node, f);
    else feasible.push(node);
  }
  if (feasible.length) {
    const ranked = feasible
      .map((n) => ({ n, s: score(pod, n, view), load: podsOn(view, n.metadata.name ?? '').length }))
      .sort((a, b) => b.s - a.s || a.load - b.load || ((a.n.metadata.name ?? '') < (b.n.metadata.name ?? '') ? -1 : 1));
    return { kind: 'scheduled', node: ranked[0]!.n.metadata.name ?? '' };
  }
  const fit = fitErrorMessage(view.nodes.length, [...failures.values()]);
  const post = preempt(pod, view, failures);
  if ('message' in post) return { kind: 'unschedulable', message: `${fit} ${post.message}` };
  return { kind: 'unschedulable', message: fit, preemption: post };
}

export { matchesNodeSelectorAndAffinity };
