/**
 * ComputePodQOS (pkg/apis/core/v1/helper/qos, as kubectl's util/qos copies it): the class the
 * kubelet reports in status.qosClass, from the cpu and memory requests and limits of the
 * containers and init containers.
 */
import { cmpQuantity, addQuantity, quantityOf, type Quantity } from '../api/index.js';

type Obj = Record<string, any>;
const COMPUTE = ['cpu', 'memory'];

/** The positive cpu/memory quantities of a ResourceList, added into `into`. */
function addPositive(into: Map<string, Quantity>, list: Obj | undefined): Set<string> {
  const seen = new Set<string>();
  for (const [name, v] of Object.entries(list ?? {})) {
    if (!COMPUTE.includes(name)) continue;
    const q = quantityOf(v);
    if (q.nanos <= 0n) continue;
    seen.add(name);
    into.set(name, into.has(name) ? addQuantity(into.get(name)!, q) : q);
  }
  return seen;
}

export function podQOS(spec: Obj): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Obj[]) {
    addPositive(requests, c.resources?.requests);
    const limited = addPositive(limits, c.resources?.limits);
    if (!limited.has('cpu') || !limited.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) guaranteed = false;
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
