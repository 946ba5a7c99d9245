/**
 * The admission plugins of a kubeadm 1.32 API server that the lab runs (kube-apiserver's
 * AllOrderedPlugins order: LimitRanger and Priority mutate, then the kind is validated, then
 * ResourceQuota, which "must go at the end"). A refusal is the plugin's Forbidden StatusError
 * and the write changes nothing. Controllers' pods (createChild) get the mutating plugins only.
 */
import type { KubeObject } from '../../api/index.js';
import type { StatusError } from '../status-error.js';
import type { ControllerContext, KindStrategy } from '../kinds/index.js';
import { limitRangerMutate, limitRangerValidate } from './limit-ranger.js';
import { priorityClassValidate, priorityMutate } from './priority.js';
import { validateResourceRequirements } from './resources.js';
import { quotaValidate, refreshQuotaStatus } from './resource-quota.js';

export { podUsage, quotaUsage } from './resource-quota.js';
export { BUILTIN_PRIORITY_CLASSES } from './priority.js';

/** Mutating admission of a create: defaults from LimitRanges, a pod's priority from its class. */
export function admitMutating(obj: KubeObject, kind: KindStrategy, ctx: ControllerContext): StatusError | undefined {
  if (kind.kind !== 'Pod' || kind.group !== '') return undefined;
  return limitRangerMutate(obj, ctx) ?? priorityMutate(obj, ctx);
}

/** Validating admission of a create: a pod's requests within its limits (after LimitRange defaults), LimitRange bounds, one default PriorityClass, then quota. */
export function admitValidating(obj: KubeObject, kind: KindStrategy, ctx: ControllerContext): StatusError | undefined {
  if (kind.kind === 'Pod' && kind.group === '') {
    const refused = validateResourceRequirements(obj) ?? limitRangerValidate(obj, ctx);
    if (refused) return refused;
  }
  if (kind.kind === 'PriorityClass') {
    const refused = priorityClassValidate(obj, ctx);
    if (refused) return refused;
  }
  return quotaValidate(obj, kind, ctx);
}

/** The quota controller: after a write in a namespace, its quotas' status.used follows what exists. */
export function afterWrite(namespace: string | undefined, ctx: ControllerContext): void {
  if (namespace !== undefined) refreshQuotaStatus(namespace, ctx);
}
