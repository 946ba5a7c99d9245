/**
 * The Priority admission plugin (kubernetes plugin/pkg/admission/priority/admission.go, 1.32): a
 * pod's priorityClassName resolves to spec.priority and spec.preemptionPolicy; without one, the
 * global default class (if any) is used. The two system classes every cluster has are built in
 * (pkg/apis/scheduling SystemPriorityClasses).
 */
import type { KubeObject } from '../../api/index.js';
import type { StatusError } from '../status-error.js';
import type { ControllerContext } from '../kinds/index.js';
import { admissionForbidden } from './limit-ranger.js';

type Obj = Record<string, any>;

/** scheduling.SystemPriorityClasses(): created by the API server at start, as the lab's bootstrap does. */
export const BUILTIN_PRIORITY_CLASSES: readonly Obj[] = [
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-node-critical' },
    value: 2000001000,
    description: 'Used for system critical pods that must not be moved from their current node.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1',
    kind: 'PriorityClass',
    metadata: { name: 'system-cluster-critical' },
    value: 2000000000,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    preemptionPolicy: 'PreemptLowerPriority',
  },
];

export function priorityMutate(pod: KubeObject, ctx: ControllerContext): StatusError | undefined {
  const spec = ((pod as Obj).spec ??= {}) as Obj;
  const kind = ctx.kindOf('PriorityClass');
  const classes = kind ? (ctx.list(kind) as Obj[]) : [];
  let priority = 0;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    // getDefaultPriority: the global default with the lowest value, if any.
    const defaults = classes.filter((c) => c.globalDefault).sort((a, b) => a.value - b.value);
    if (defaults[0]) {
      spec.priorityClassName = defaults[0].metadata.name;
      priority = defaults[0].value;
      policy = defaults[0].preemptionPolicy;
    }
  } else {
    const pc = classes.find((c) => c.metadata.name === spec.priorityClassName);
    if (!pc) return admissionForbidden('pods', pod.metadata.name ?? '', `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    policy = pc.preemptionPolicy;
  }
  // The lab's pod defaulting writes priority 0 before admission; only another value was the user's.
  if (typeof spec.priority === 'number' && spec.priority !== 0 && spec.priority !== priority) {
    return admissionForbidden(
      'pods',
      pod.metadata.name ?? '',
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (policy) spec.preemptionPolicy = policy;
  return undefined;
}

/** The plugin's check of a PriorityClass create: one global default at most. */
export function priorityClassValidate(pc: KubeObject, ctx: ControllerContext): StatusError | undefined {
  if (!(pc as Obj).globalDefault) return undefined;
  const kind = ctx.kindOf('PriorityClass');
  const other = (kind ? (ctx.list(kind) as Obj[]) : []).find((c) => c.globalDefault && c.metadata.name !== pc.metadata.name);
  if (!other) return undefined;
  return admissionForbidden('priorityclasses.scheduling.k8s.io', pc.metadata.name ?? '', `PriorityClass ${other.metadata.name} is already marked as default. Only one default can exist`);
}
