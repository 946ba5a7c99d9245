/**
 * ResourceQuota and LimitRange (core/v1; pkg/registry/core/resourcequota, limitrange): a quota's
 * status belongs to the quota controller (../admission/resource-quota.ts keeps it in step); a
 * LimitRange's Container items are defaulted as SetDefaults_LimitRangeItem does. Their admission
 * lives in ../admission.
 */
import { formatQuantity, parseQuantity, type KubeObject } from '../../api/index.js';
import { defaultLimitRangeItem } from '../admission/limit-ranger.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

export interface ResourceQuota extends KubeObject {
  kind: 'ResourceQuota';
  spec?: { hard?: Record<string, string>; scopes?: string[]; scopeSelector?: unknown };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

export interface LimitRange extends KubeObject {
  kind: 'LimitRange';
  spec?: { limits?: { type?: string; max?: Record<string, string>; min?: Record<string, string>; default?: Record<string, string>; defaultRequest?: Record<string, string> }[] };
}

/** A ResourceList as the API server stores it: each quantity in canonical form (`0.5` → `500m`, `1024Mi` → `1Gi`). */
function canonicalize(list: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = parseQuantity(v);
    if (q) list![k] = formatQuantity(q);
  }
}

export const resourceQuotaKind: KindStrategy<ResourceQuota> = {
  ...storedAsGiven<ResourceQuota>({ kind: 'ResourceQuota', resource: 'resourcequotas', shortNames: ['quota'], group: '', version: 'v1', namespaced: true }),
  statusRule: 'server',
  applyDefaults: (q) => canonicalize(q.spec?.hard),
};

export const limitRangeKind: KindStrategy<LimitRange> = {
  ...storedAsGiven<LimitRange>({ kind: 'LimitRange', resource: 'limitranges', shortNames: ['limits'], group: '', version: 'v1', namespaced: true }),
  applyDefaults: (lr) => {
    for (const item of lr.spec?.limits ?? []) {
      for (const list of [item.max, item.min, item.default, item.defaultRequest]) canonicalize(list);
      defaultLimitRangeItem(item);
    }
  },
};
