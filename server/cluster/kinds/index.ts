/**
 * The registry: every kind the lab's API server serves, in one list. Adding a kind is a file in
 * this folder and one line below (see README.md). Everything that needs to know the kinds —
 * the store, admission, kubectl's type resolution, `api-resources`, `get all` — asks here.
 */
import { apiVersionOf } from '../../api/index.js';
import { namespaceKind } from './namespace.js';
import { nodeKind } from './node.js';
import { podKind } from './pod.js';
import { serviceKind } from './service.js';
import { endpointsKind } from './endpoints.js';
import { serviceAccountKind } from './service-account.js';
import { deploymentKind } from './deployment.js';
import { replicaSetKind } from './replica-set.js';
import { networkPolicyKind } from './network-policy.js';
import { clusterRoleBindingKind, clusterRoleKind, roleBindingKind, roleKind } from './rbac.js';
import { eventKind } from './event.js';
import { daemonSetKind } from './daemon-set.js';
import { jobKind } from './job.js';
import { cronJobKind } from './cron-job.js';
import { statefulSetKind } from './stateful-set.js';
import { persistentVolumeKind } from './persistent-volume.js';
import { persistentVolumeClaimKind } from './persistent-volume-claim.js';
import { storageClassKind } from './storage-class.js';
import { configMapKind } from './config-map.js';
import { secretKind } from './secret.js';
import { limitRangeKind, resourceQuotaKind } from './quota.js';
import { priorityClassKind } from './priority-class.js';
import { BUILTIN_STORED_KINDS } from './builtin.js';
import type { KindStrategy } from './strategy.js';

export * from './strategy.js';

/** Every kind served; where two share a Kind (core and events.k8s.io Events) the first wins a lookup by Kind or name. */
export const KINDS: readonly KindStrategy[] = [
  namespaceKind,
  nodeKind,
  podKind,
  serviceKind,
  endpointsKind,
  serviceAccountKind,
  deploymentKind,
  replicaSetKind,
  networkPolicyKind,
  clusterRoleBindingKind,
  clusterRoleKind,
  roleBindingKind,
  roleKind,
  eventKind,
  daemonSetKind,
  jobKind,
  cronJobKind,
  statefulSetKind,
  persistentVolumeKind,
  persistentVolumeClaimKind,
  storageClassKind,
  configMapKind,
  secretKind,
  resourceQuotaKind,
  limitRangeKind,
  priorityClassKind,
  ...BUILTIN_STORED_KINDS,
] as readonly KindStrategy[];

/** The kinds as discovery's resource types: the same objects, for code that only needs the facts. */
export const RESOURCE_TYPES: readonly KindStrategy[] = KINDS;

const byKind = new Map<string, KindStrategy>();
const byApiVersionKind = new Map<string, KindStrategy>();
for (const k of KINDS) {
  if (!byKind.has(k.kind)) byKind.set(k.kind, k);
  for (const v of [k.version, ...(k.otherVersions ?? [])]) byApiVersionKind.set(`${k.group ? `${k.group}/${v}` : v}|${k.kind}`, k);
}

/** The kind an object's apiVersion and kind name (`apps/v1`, `Deployment`), in any version its group serves. */
export function kindFor(apiVersion: string, kind: string): KindStrategy | undefined {
  return byApiVersionKind.get(`${apiVersion}|${kind}`);
}

/** The kind of a Kind name, core group first (`Event` is core/v1's). */
export function resourceTypeForKind(kind: string): KindStrategy | undefined {
  return byKind.get(kind);
}

/**
 * Resolves what a user typed (`po`, `pods`, `pod`, `Pod`, `netpol`, `networkpolicies.networking.k8s.io`,
 * `deployments.apps`, `deploy.v1.apps`) to a kind, as kubectl's RESTMapper does (core group first).
 */
export function resolveResourceType(input: string): KindStrategy | undefined {
  const lower = input.toLowerCase();
  const [head, ...rest] = lower.split('.');
  const suffix = rest.join('.');
  return KINDS.find((t) => {
    const names = [t.resource, t.singular, ...t.shortNames, t.kind.toLowerCase()];
    if (!names.includes(head!)) return false;
    if (!suffix) return true;
    return suffix === t.group || suffix === `${t.version}.${t.group}` || (t.group === '' && suffix === t.version);
  });
}

/**
 * The order kubectl expands a category in: discovery's group order (core, apps, autoscaling,
 * batch, ... as kube-apiserver's group priorities list them), then resource name.
 */
const GROUP_ORDER = ['', 'apps', 'autoscaling', 'batch'];
const groupRank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);

/** The kinds in a category (`all` for `kubectl get all`), in kubectl's order. */
export function kindsInCategory(category: string): KindStrategy[] {
  return KINDS.filter((k) => k.categories.includes(category)).sort(
    (a, b) => groupRank(a.group) - groupRank(b.group) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) || (a.resource < b.resource ? -1 : 1),
  );
}

/** `kubectl api-versions`: every group/version served, sorted as kubectl sorts them. */
export function apiVersions(): string[] {
  const set = new Set<string>();
  for (const k of KINDS) for (const v of [k.version, ...(k.otherVersions ?? [])]) set.add(apiVersionOf({ ...k, version: v }));
  return [...set].sort();
}

export type { ConfigMap } from './config-map.js';
export { toBase64, type Secret } from './secret.js';
export type { LimitRange, ResourceQuota } from './quota.js';
export type { PriorityClass } from './priority-class.js';
