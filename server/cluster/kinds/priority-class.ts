/**
 * PriorityClass (scheduling.k8s.io/v1; pkg/registry/scheduling/priorityclass and
 * pkg/apis/scheduling/validation): preemptionPolicy defaults to PreemptLowerPriority, value and
 * preemptionPolicy are immutable, `system-` names are reserved, one global default at most, and the
 * two system classes cannot be deleted (one global default at most is admission's: ../admission/priority.ts).
 */
import type { KubeObject } from '../../api/index.js';
import { StatusError } from '../status-error.js';
import { forbidden, invalid } from '../validation.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

export interface PriorityClass extends KubeObject {
  kind: 'PriorityClass';
  value?: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: string;
}

const SYSTEM = ['system-node-critical', 'system-cluster-critical'];
/** scheduling.HighestUserDefinablePriority. */
const HIGHEST_USER_PRIORITY = 1000000000;

export const priorityClassKind: KindStrategy<PriorityClass> = {
  ...storedAsGiven<PriorityClass>({ kind: 'PriorityClass', resource: 'priorityclasses', shortNames: ['pc'], group: 'scheduling.k8s.io', version: 'v1', namespaced: false }),
  applyDefaults: (pc) => {
    pc.preemptionPolicy ??= 'PreemptLowerPriority';
  },
  validate: (pc) => {
    const causes = [];
    const name = pc.metadata.name ?? '';
    if (name.startsWith('system-')) {
      if (!SYSTEM.includes(name)) {
        causes.push(forbidden('metadata.name', `priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`));
      }
    } else if ((pc.value ?? 0) > HIGHEST_USER_PRIORITY) {
      causes.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_PRIORITY}`));
    }
    if (!['PreemptLowerPriority', 'Never'].includes(pc.preemptionPolicy ?? '')) {
      causes.push({
        type: 'FieldValueNotSupported',
        field: 'preemptionPolicy',
        message: `preemptionPolicy: Unsupported value: ${JSON.stringify(pc.preemptionPolicy)}: supported values: "Never", "PreemptLowerPriority"`,
      });
    }
    return causes;
  },
  validateUpdate: (next, cur) => {
    const causes = [];
    if (next.value !== cur.value) causes.push({ type: 'FieldValueForbidden', field: 'value', message: 'value: Forbidden: may not be changed in an update.' });
    if (next.preemptionPolicy !== cur.preemptionPolicy) causes.push(invalid('preemptionPolicy', next.preemptionPolicy ?? '', 'field is immutable'));
    return causes;
  },
  validateDelete: (pc) => (SYSTEM.includes(pc.metadata.name ?? '') ? StatusError.forbidden(`priorityclasses.scheduling.k8s.io "${pc.metadata.name}" is forbidden: this is a system priority class and cannot be deleted`) : undefined),
};
