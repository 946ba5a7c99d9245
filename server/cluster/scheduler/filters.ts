/**
 * The default scheduler's Filter plugins, in kube-scheduler 1.32's order
 * (pkg/scheduler/apis/config/v1/default_plugins.go), each with its failure reasons verbatim from
 * pkg/scheduler/framework/plugins/<plugin>. A node stops at its first failing plugin, as
 * RunFilterPlugins does; NodeResourcesFit reports every insufficient resource at once.
 */
import { milliValue, quantityOf, selectorMatches, value, type LabelSelector } from '../../api/index.js';
import type {
  ContainerLike,
  NamespaceLabels,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  SchedNode,
  SchedPod,
  Taint,
  Toleration,
} from './types.js';

/** framework.Code: Unschedulable lets preemption try; UnschedulableAndUnresolvable does not. */
export type FilterCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';
export interface FilterFailure {
  plugin: string;
  code: FilterCode;
  reasons: string[];
}

export interface ClusterView {
  nodes: readonly SchedNode[];
  /** Pods bound to nodes (spec.nodeName set) that still hold resources. */
  pods: readonly SchedPod[];
  namespaceLabels: NamespaceLabels;
}

const fail = (plugin: string, code: FilterCode, ...reasons: string[]): FilterFailure => ({ plugin, code, reasons });

// ---- TaintToleration ----

/** v1.Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.operator || t.operator === 'Equal') return (t.value ?? '') === (taint.value ?? '');
  return t.operator === 'Exists';
}

export function untoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined, effects: readonly string[]): Taint | undefined {
  return (taints ?? []).find((taint) => effects.includes(taint.effect) && !(tolerations ?? []).some((t) => toleratesTaint(t, taint)));
}

// ---- NodeAffinity ----

function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && vals.includes(value);
    case 'NotIn':
      return value === undefined || !vals.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || vals.length !== 1) return false;
      const n = Number(value);
      const bound = Number(vals[0]);
      if (!Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'Gt' ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions and fields do; an empty term matches nothing. */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: SchedNode): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined)) &&
    fields.every((r) => r.key === 'metadata.name' && requirementMatches(r, node.metadata.name))
  );
}

export function matchesNodeSelectorAndAffinity(pod: SchedPod, node: SchedNode): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !required.nodeSelectorTerms.some((t) => nodeSelectorTermMatches(t, node))) return false;
  return true;
}

// ---- NodeResourcesFit ----

export interface Requests {
  milliCPU: bigint;
  memory: bigint;
  scalar: Map<string, bigint>;
}

function containerRequests(c: ContainerLike): Requests {
  const r: Requests = { milliCPU: 0n, memory: 0n, scalar: new Map() };
  for (const [name, v] of Object.entries(c.resources?.requests ?? {})) {
    const q = quantityOf(v);
    if (name === 'cpu') r.milliCPU = milliValue(q);
    else if (name === 'memory') r.memory = value(q);
    else if (name !== 'ephemeral-storage') r.scalar.set(name, value(q));
  }
  return r;
}

const add = (a: Requests, b: Requests): Requests => {
  const scalar = new Map(a.scalar);
  for (const [k, v] of b.scalar) scalar.set(k, (scalar.get(k) ?? 0n) + v);
  return { milliCPU: a.milliCPU + b.milliCPU, memory: a.memory + b.memory, scalar };
};
const max = (a: Requests, b: Requests): Requests => {
  const scalar = new Map(a.scalar);
  for (const [k, v] of b.scalar) scalar.set(k, (scalar.get(k) ?? 0n) > v ? scalar.get(k)! : v);
  return { milliCPU: a.milliCPU > b.milliCPU ? a.milliCPU : b.milliCPU, memory: a.memory > b.memory ? a.memory : b.memory, scalar };
};

/**
 * resourcehelper.PodRequests: the containers' sum plus restartable (sidecar) init containers,
 * or the largest regular init container (with the sidecars started before it), whichever is
 * larger; plus the pod overhead.
 */
export function podRequests(pod: SchedPod): Requests {
  let sum: Requests = { milliCPU: 0n, memory: 0n, scalar: new Map() };
  for (const c of pod.spec.containers) sum = add(sum, containerRequests(c));
  let sidecars: Requests = { milliCPU: 0n, memory: 0n, scalar: new Map() };
  let initMax: Requests = { milliCPU: 0n, memory: 0n, scalar: new Map() };
  for (const c of pod.spec.initContainers ?? []) {
    const r = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      sidecars = add(sidecars, r);
      initMax = max(initMax, sidecars);
    } else initMax = max(initMax, add(r, sidecars));
  }
  let total = max(add(sum, sidecars), initMax);
  if (pod.spec.overhead) total = add(total, containerRequests({ name: '', resources: { requests: pod.spec.overhead } }));
  return total;
}

function allocatable(node: SchedNode): { milliCPU: bigint; memory: bigint; pods: bigint; scalar: Map<string, bigint> } {
  const a = node.status?.allocatable ?? {};
  const scalar = new Map<string, bigint>();
  for (const [k, v] of Object.entries(a)) if (!['cpu', 'memory', 'pods', 'ephemeral-storage'].includes(k)) scalar.set(k, value(quantityOf(v)));
  return {
    milliCPU: milliValue(quantityOf(a.cpu ?? 0)),
    memory: value(quantityOf(a.memory ?? 0)),
    pods: a.pods === undefined ? 110n : value(quantityOf(a.pods)),
    scalar,
  };
}

export function podsOn(view: ClusterView, nodeName: string): SchedPod[] {
  return view.pods.filter((p) => p.spec.nodeName === nodeName);
}

function fitsResources(pod: SchedPod, node: SchedNode, onNode: readonly SchedPod[]): FilterFailure | undefined {
  const alloc = allocatable(node);
  const want = podRequests(pod);
  let used: Requests = { milliCPU: 0n, memory: 0n, scalar: new Map() };
  for (const p of onNode) used = add(used, podRequests(p));
  const reasons: string[] = [];
  let unresolvable = false;
  if (BigInt(onNode.length) + 1n > alloc.pods) reasons.push('Too many pods');
  const requestsNothing = want.milliCPU === 0n && want.memory === 0n && [...want.scalar.values()].every((v) => v === 0n);
  if (!requestsNothing) {
    if (want.milliCPU > 0n && want.milliCPU > alloc.milliCPU - used.milliCPU) {
      reasons.push('Insufficient cpu');
      unresolvable ||= want.milliCPU > alloc.milliCPU;
    }
    if (want.memory > 0n && want.memory > alloc.memory - used.memory) {
      reasons.push('Insufficient memory');
      unresolvable ||= want.memory > alloc.memory;
    }
    for (const [name, v] of want.scalar) {
      if (v === 0n) continue;
      const have = alloc.scalar.get(name) ?? 0n;
      if (v > have - (used.scalar.get(name) ?? 0n)) {
        reasons.push(`Insufficient ${name}`);
        unresolvable ||= v > have;
      }
    }
  }
  return reasons.length ? fail('NodeResourcesFit', unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable', ...reasons) : undefined;
}

// ---- NodePorts ----

function hostPorts(p: SchedPod): string[] {
  return [...(p.spec.initContainers ?? []), ...p.spec.containers].flatMap((c) =>
    (c.ports ?? []).filter((x) => x.hostPort).map((x) => `${x.protocol ?? 'TCP'}/${x.hostPort}`),
  );
}

// ---- InterPodAffinity ----

function termNamespaces(term: PodAffinityTerm, podNamespace: string, namespaceLabels: NamespaceLabels, candidateNs: string): boolean {
  if (term.namespaceSelector) {
    if (selectorMatches(term.namespaceSelector as LabelSelector, namespaceLabels(candidateNs) ?? {})) return true;
  }
  const listed = term.namespaces ?? [];
  if (listed.length === 0 && !term.namespaceSelector) return candidateNs === podNamespace;
  return listed.includes(candidateNs);
}

function termMatchesPod(term: PodAffinityTerm, owner: SchedPod, other: SchedPod, ns: NamespaceLabels): boolean {
  if (!term.labelSelector) return false;
  return (
    termNamespaces(term, owner.metadata.namespace ?? 'default', ns, other.metadata.namespace ?? 'default') &&
    selectorMatches(term.labelSelector as LabelSelector, other.metadata.labels ?? {})
  );
}

function sameDomain(view: ClusterView, a: SchedNode, nodeName: string | undefined, key: string): boolean {
  const v = a.metadata.labels?.[key];
  if (v === undefined || !nodeName) return false;
  const b = view.nodes.find((n) => n.metadata.name === nodeName);
  return b?.metadata.labels?.[key] === v;
}

function interPodAffinity(pod: SchedPod, node: SchedNode, view: ClusterView): FilterFailure | undefined {
  // Existing pods' required anti-affinity against the incoming pod.
  for (const other of view.pods) {
    for (const term of other.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (termMatchesPod(term, other, pod, view.namespaceLabels) && sameDomain(view, node, other.spec.nodeName, term.topologyKey)) {
        return fail('InterPodAffinity', 'Unschedulable', "node(s) didn't satisfy existing pods anti-affinity rules");
      }
    }
  }
  for (const term of pod.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (view.pods.some((o) => termMatchesPod(term, pod, o, view.namespaceLabels) && sameDomain(view, node, o.spec.nodeName, term.topologyKey))) {
      return fail('InterPodAffinity', 'Unschedulable', "node(s) didn't match pod anti-affinity rules");
    }
  }
  for (const term of pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []) {
    const matching = view.pods.filter((o) => termMatchesPod(term, pod, o, view.namespaceLabels));
    const here = matching.some((o) => sameDomain(view, node, o.spec.nodeName, term.topologyKey));
    // A pod may be the first of its group: no match anywhere, and it matches its own term.
    const first = matching.length === 0 && termMatchesPod(term, pod, pod, view.namespaceLabels) && node.metadata.labels?.[term.topologyKey] !== undefined;
    if (!here && !first) return fail('InterPodAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match pod affinity rules");
  }
  return undefined;
}

// ---- PodTopologySpread ----

function topologySpread(pod: SchedPod, node: SchedNode, view: ClusterView): FilterFailure | undefined {
  for (const c of pod.spec.topologySpreadConstraints ?? []) {
    if (c.whenUnsatisfiable !== 'DoNotSchedule') continue;
    const domain = node.metadata.labels?.[c.topologyKey];
    if (domain === undefined) {
      return fail('PodTopologySpread', 'UnschedulableAndUnresolvable', "node(s) didn't match pod topology spread constraints (missing required label)");
    }
    const selector: LabelSelector = structuredClone((c.labelSelector ?? {}) as LabelSelector);
    for (const k of c.matchLabelKeys ?? []) {
      const v = pod.metadata.labels?.[k];
      if (v !== undefined) selector.matchLabels = { ...(selector.matchLabels ?? {}), [k]: v };
    }
    // Eligible domains: nodes with the key that pass the pod's node selector and affinity (nodeAffinityPolicy Honor).
    const counts = new Map<string, number>();
    for (const n of view.nodes) {
      const d = n.metadata.labels?.[c.topologyKey];
      if (d === undefined || !matchesNodeSelectorAndAffinity(pod, n)) continue;
      counts.set(d, counts.get(d) ?? 0);
    }
    for (const p of view.pods) {
      if ((p.metadata.namespace ?? 'default') !== (pod.metadata.namespace ?? 'default')) continue;
      if (!selectorMatches(selector, p.metadata.labels ?? {})) continue;
      const n = view.nodes.find((x) => x.metadata.name === p.spec.nodeName);
      const d = n?.metadata.labels?.[c.topologyKey];
      if (d !== undefined && counts.has(d)) counts.set(d, counts.get(d)! + 1);
    }
    let min = counts.size ? Math.min(...counts.values()) : 0;
    if (c.minDomains !== undefined && counts.size < c.minDomains) min = 0;
    const self = selectorMatches(selector, pod.metadata.labels ?? {}) ? 1 : 0;
    if ((counts.get(domain) ?? 0) + self - min > c.maxSkew) {
      return fail('PodTopologySpread', 'Unschedulable', "node(s) didn't match pod topology spread constraints");
    }
  }
  return undefined;
}

/** Runs the Filter plugins on one node: undefined when the pod fits, else the first failure. */
export function filterNode(pod: SchedPod, node: SchedNode, view: ClusterView): FilterFailure | undefined {
  const tolerations = pod.spec.tolerations ?? [];
  if (node.spec?.unschedulable && !tolerations.some((t) => toleratesTaint(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }))) {
    return fail('NodeUnschedulable', 'UnschedulableAndUnresolvable', 'node(s) were unschedulable');
  }
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) {
    return fail('NodeName', 'UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
  }
  const taint = untoleratedTaint(node.spec?.taints, tolerations, ['NoSchedule', 'NoExecute']);
  if (taint) return fail('TaintToleration', 'UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  if (!matchesNodeSelectorAndAffinity(pod, node)) return fail('NodeAffinity', 'UnschedulableAndUnresolvable', "node(s) didn't match Pod's node affinity/selector");
  const onNode = podsOn(view, node.metadata.name ?? '');
  const wanted = hostPorts(pod);
  if (wanted.length && onNode.some((p) => hostPorts(p).some((x) => wanted.includes(x)))) {
    return fail('NodePorts', 'Unschedulable', "node(s) didn't have free ports for the requested pod ports");
  }
  return fitsResources(pod, node, onNode) ?? topologySpread(pod, node, view) ?? interPodAffinity(pod, node, view);
}
