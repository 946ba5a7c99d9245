/**
 * ResourceQuota's, LimitRange's and PriorityClass's tables (pkg/printers/internalversion/printers.go,
 * 1.32: printResourceQuota, printLimitRange, printPriorityClass).
 */
import { formatQuantity, quantityOf } from '../../../api/index.js';
import { AGE, NAME, type Column } from './common.js';

const cell = (v: unknown) => (v === undefined ? '0' : formatQuantity(quantityOf(v)));

/** REQUEST and LIMIT: `resource: used/hard, ...`, the limits.* ones in LIMIT. */
function quotaCell(o: Record<string, any>, limits: boolean): string {
  const hard = (o.spec?.hard ?? {}) as Record<string, unknown>;
  return Object.keys(hard)
    .sort()
    .filter((k) => (k.split('.').length > 1 && k.split('.')[0] === 'limits') === limits)
    .map((k) => `${k}: ${cell(o.status?.used?.[k])}/${cell(hard[k])}`)
    .join(', ');
}

export const resourceQuotaColumns: Column[] = [NAME, AGE, { name: 'REQUEST', cell: (o) => quotaCell(o, false) }, { name: 'LIMIT', cell: (o) => quotaCell(o, true) }];

export const limitRangeColumns: Column[] = [NAME, { name: 'CREATED AT', cell: (o) => o.metadata?.creationTimestamp ?? '' }];

export const priorityClassColumns: Column[] = [
  NAME,
  { name: 'VALUE', cell: (o) => String(o.value ?? 0) },
  { name: 'GLOBAL-DEFAULT', cell: (o) => String(o.globalDefault ?? false) },
  AGE,
  { name: 'PREEMPTIONPOLICY', cell: (o) => o.preemptionPolicy ?? '' },
];
