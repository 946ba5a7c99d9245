/**
 * ResourceQuota and LimitRange (core/v1; pkg/registry/core/resourcequota, limitrange): a quota's
 * status belongs to the quota controller (../admission/resource-quota.ts keeps it in step); a
 * LimitRange's Container items are defaulted as SetDefaults_LimitRangeItem does. Their admission
 * lives in ../admission.
 */
import type { KubeObject } from '../../api/index.js';
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

export const resourceQuotaKind: KindStrategy<ResourceQuota> = {
  ...storedAsGiven<ResourceQuota>({ kind: 'ResourceQuota', resource: 'resourcequotas', shortNames: ['quota'], group: '', version: 'v1', namespaced: true }),
  statusRule: 'server',
};

export const limitRangeKind: KindStrategy<LimitRange> = {
  ...storedAsGiven<LimitRange>({ kind: 'LimitRange', resource: 'limitranges', shortNames: ['limits'], group: '', version: 'v1', namespaced: true }),
  applyDefaults: (lr) => {
    for (const item of lr.spec?.limits ?? []) defaultLimitRangeItem(item);
  },
};
