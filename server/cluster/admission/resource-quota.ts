/**
 * ResourceQuota: the admission plugin (kubernetes plugin/pkg/admission/resourcequota/controller.go)
 * and the quota controller's usage (pkg/quota/v1/evaluator/core: pods, services, object counts).
 * Usage is computed from what exists, so status.used is always the controller's settled value.
 */
import { addQuantity, cmpQuantity, formatQuantity, quantityOf, ZERO, type KubeObject, type Quantity } from '../../api/index.js';
import { podQOS } from '../qos.js';
import type { StatusError } from '../status-error.js';
import type { ControllerContext, KindStrategy } from '../kinds/index.js';
import { admissionForbidden } from './limit-ranger.js';

type Obj = Record<string, any>;
type Usage = Record<string, Quantity>;

const one = quantityOf('1');
const count = (n: number): Quantity => quantityOf(String(n));
/** The resources whose requests every container must state once a quota tracks them (podEvaluator.Constraints). */
const VALIDATION_SET = ['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'];

/** Short object-count names the quota knows besides count/<resource>. */
const LEGACY_COUNTS: Record<string, string> = {
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  ReplicationController: 'replicationcontrollers',
  ResourceQuota: 'resourcequotas',
};

const terminal = (pod: Obj) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

function sumLists(lists: (Obj | undefined)[]): Usage {
  const out: Usage = {};
  for (const l of lists) for (const [k, v] of Object.entries(l ?? {})) out[k] = addQuantity(out[k] ?? ZERO, quantityOf(v));
  return out;
}

/** PodRequests/PodLimits: the containers' sum, or an init container's if larger. */
function podResources(pod: Obj, which: 'requests' | 'limits'): Usage {
  const sum = sumLists(((pod.spec?.containers ?? []) as Obj[]).map((c) => c.resources?.[which]));
  for (const c of (pod.spec?.initContainers ?? []) as Obj[]) {
    for (const [k, v] of Object.entries((c.resources?.[which] ?? {}) as Obj)) {
      const q = quantityOf(v);
      if (!sum[k] || cmpQuantity(q, sum[k]!) > 0) sum[k] = q;
    }
  }
  return sum;
}

/** podEvaluator.Usage: what a non-terminal pod counts against a quota. */
export function podUsage(pod: Obj): Usage {
  if (terminal(pod)) return {};
  const usage: Usage = { pods: one, 'count/pods': one };
  for (const [k, v] of Object.entries(podResources(pod, 'requests'))) {
    usage[`requests.${k}`] = v;
    if (k === 'cpu' || k === 'memory' || k === 'ephemeral-storage') usage[k] = v;
  }
  for (const [k, v] of Object.entries(podResources(pod, 'limits'))) usage[`limits.${k}`] = v;
  return usage;
}

function serviceUsage(svc: Obj): Usage {
  const type = svc.spec?.type ?? 'ClusterIP';
  const ports = (svc.spec?.ports ?? []) as Obj[];
  const usage: Usage = { services: one, 'count/services': one };
  if (type === 'NodePort' || type === 'LoadBalancer') usage['services.nodeports'] = count(ports.length);
  if (type === 'LoadBalancer') usage['services.loadbalancers'] = one;
  return usage;
}

const countName = (kind: KindStrategy) => `count/${kind.resource}${kind.group ? `.${kind.group}` : ''}`;

/** What one object of a kind uses. */
function usageOf(obj: Obj, kind: KindStrategy): Usage {
  if (kind.kind === 'Pod' && kind.group === '') return podUsage(obj);
  if (kind.kind === 'Service' && kind.group === '') return serviceUsage(obj);
  const usage: Usage = { [countName(kind)]: one };
  const legacy = kind.group === '' ? LEGACY_COUNTS[kind.kind] : undefined;
  if (legacy) usage[legacy] = one;
  return usage;
}

/** Whether a quota's scopes select a pod (BestEffort, NotBestEffort, Terminating, NotTerminating, PriorityClass). */
function scopesMatch(quota: Obj, obj: Obj, kind: KindStrategy): boolean {
  const scopes: { scopeName: string; operator: string; values?: string[] }[] = [
    ...((quota.spec?.scopes ?? []) as string[]).map((s) => ({ scopeName: s, operator: 'Exists' })),
    ...((quota.spec?.scopeSelector?.matchExpressions ?? []) as Obj[]).map((e) => ({ scopeName: e.scopeName, operator: e.operator, values: e.values })),
  ];
  if (!scopes.length) return true;
  if (kind.kind !== 'Pod') return false;
  return scopes.every((s) => {
    switch (s.scopeName) {
      case 'BestEffort':
        return podQOS(obj.spec ?? {}) === 'BestEffort';
      case 'NotBestEffort':
        return podQOS(obj.spec ?? {}) !== 'BestEffort';
      case 'Terminating':
        return obj.spec?.activeDeadlineSeconds !== undefined;
      case 'NotTerminating':
        return obj.spec?.activeDeadlineSeconds === undefined;
      case 'PriorityClass': {
        const name = obj.spec?.priorityClassName ?? '';
        if (s.operator === 'Exists') return name !== '';
        if (s.operator === 'DoesNotExist') return name === '';
        if (s.operator === 'In') return (s.values ?? []).includes(name);
        if (s.operator === 'NotIn') return !(s.values ?? []).includes(name);
        return false;
      }
      default:
        return false;
    }
  });
}

/** A quota's usage over everything in its namespace that it selects, for the resources it limits. */
export function quotaUsage(quota: Obj, ctx: ControllerContext): Usage {
  const hard = Object.keys(quota.spec?.hard ?? {});
  const used: Usage = Object.fromEntries(hard.map((k) => [k, ZERO]));
  if (!hard.length) return used;
  for (const kind of ctx.kinds) {
    if (!kind.namespaced) continue;
    for (const obj of ctx.list(kind, quota.metadata.namespace)) {
      if (!scopesMatch(quota, obj as Obj, kind)) continue;
      for (const [k, v] of Object.entries(usageOf(obj as Obj, kind))) if (k in used) used[k] = addQuantity(used[k]!, v);
    }
  }
  return used;
}

const prettyPrint = (u: Usage) =>
  Object.keys(u)
    .sort()
    .map((k) => `${k}=${formatQuantity(u[k]!)}`)
    .join(',');

function quotas(namespace: string, ctx: ControllerContext): Obj[] {
  const kind = ctx.kindOf('ResourceQuota');
  return kind ? (ctx.list(kind, namespace) as Obj[]) : [];
}

/** The admission check of a create: each quota that tracks what the object uses must have room for it. */
export function quotaValidate(obj: KubeObject, kind: KindStrategy, ctx: ControllerContext): StatusError | undefined {
  if (!kind.namespaced) return undefined;
  const list = quotas(obj.metadata.namespace ?? 'default', ctx);
  if (!list.length) return undefined;
  const delta = usageOf(obj as Obj, kind);
  for (const q of [...list].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    if (!scopesMatch(q, obj as Obj, kind)) continue;
    const hard = (q.spec?.hard ?? {}) as Record<string, unknown>;
    if (kind.kind === 'Pod' && kind.group === '') {
      const missing = podConstraints(obj as Obj, Object.keys(hard));
      if (missing) return admissionForbidden(kind.resource, obj.metadata.name ?? '', `failed quota: ${q.metadata.name}: ${missing}`);
    }
    const requested: Usage = {};
    for (const [k, v] of Object.entries(delta)) if (k in hard && v.nanos !== 0n) requested[k] = v;
    if (!Object.keys(requested).length) continue;
    const used = quotaUsage(q, ctx);
    const exceeded = Object.keys(requested).filter((k) => cmpQuantity(addQuantity(used[k] ?? ZERO, requested[k]!), quantityOf(hard[k])) > 0);
    if (!exceeded.length) continue;
    const pick = (u: Usage) => Object.fromEntries(exceeded.map((k) => [k, u[k] ?? ZERO]));
    const limited: Usage = Object.fromEntries(exceeded.map((k) => [k, quantityOf(hard[k])]));
    return admissionForbidden(
      kind.resource,
      obj.metadata.name ?? '',
      `exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(pick(requested))}, used: ${prettyPrint(pick(used))}, limited: ${prettyPrint(limited)}`,
    );
  }
  return undefined;
}

/** podEvaluator.Constraints: containers must state the requests/limits of the compute resources a quota tracks. */
function podConstraints(pod: Obj, tracked: string[]): string | undefined {
  const required = tracked.filter((r) => VALIDATION_SET.includes(r));
  if (!required.length) return undefined;
  const missing = new Map<string, Set<string>>();
  for (const c of [...((pod.spec?.containers ?? []) as Obj[]), ...((pod.spec?.initContainers ?? []) as Obj[])]) {
    for (const r of required) {
      const [list, name] = r.startsWith('limits.') ? ['limits', r.slice(7)] : ['requests', r.replace(/^requests\./, '')];
      if (c.resources?.[list]?.[name] === undefined) {
        if (!missing.has(r)) missing.set(r, new Set());
        missing.get(r)!.add(c.name);
      }
    }
  }
  if (!missing.size) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

/** The quota controller: status.hard mirrors spec.hard, status.used what the namespace uses. */
export function refreshQuotaStatus(namespace: string, ctx: ControllerContext): void {
  for (const q of quotas(namespace, ctx)) {
    const hard = Object.fromEntries(Object.entries((q.spec?.hard ?? {}) as Obj).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, formatQuantity(quantityOf(v))]));
    const usage = quotaUsage(q, ctx);
    const used = Object.fromEntries(Object.keys(hard).map((k) => [k, formatQuantity(usage[k] ?? ZERO)]));
    const next = Object.keys(hard).length ? { hard, used } : {};
    if (JSON.stringify(q.status ?? {}) === JSON.stringify(next)) continue;
    q.status = next;
    ctx.touch(q as KubeObject);
  }
}
