/**
 * ValidateResourceRequirements' request ≤ limit rule (kubernetes pkg/apis/core/validation), checked
 * after the mutating plugins so a LimitRange default limit below a stated request is refused as
 * the API server refuses it: `spec.containers[0].resources.requests: Invalid value: "1": must be
 * less than or equal to cpu limit of 500m`.
 */
import { cmpQuantity, formatQuantity, quantityOf, type KubeObject } from '../../api/index.js';
import { StatusError, type StatusCause } from '../status-error.js';
import { invalid } from '../validation.js';

type Obj = Record<string, any>;

export function validateResourceRequirements(pod: KubeObject): StatusError | undefined {
  const causes: StatusCause[] = [];
  const spec = ((pod as Obj).spec ?? {}) as Obj;
  for (const [field, list] of [['initContainers', spec.initContainers], ['containers', spec.containers]] as [string, Obj[] | undefined][]) {
    (list ?? []).forEach((c, i) => {
      const requests = (c.resources?.requests ?? {}) as Obj;
      const limits = (c.resources?.limits ?? {}) as Obj;
      for (const name of Object.keys(requests).sort()) {
        if (limits[name] === undefined) continue;
        const req = quantityOf(requests[name]);
        const lim = quantityOf(limits[name]);
        if (cmpQuantity(req, lim) > 0) {
          causes.push(invalid(`spec.${field}[${i}].resources.requests`, formatQuantity(req), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
        }
      }
    });
  }
  return causes.length ? StatusError.invalid('Pod', pod.metadata.name ?? '', causes) : undefined;
}
