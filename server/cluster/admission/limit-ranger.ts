/**
 * The LimitRanger admission plugin (kubernetes plugin/pkg/admission/limitranger/admission.go,
 * 1.32): a pod's containers get the namespace's LimitRange defaults for what they leave unset
 * (with the `kubernetes.io/limit-ranger` annotation saying what it set), then every Container and
 * Pod item's min, max and maxLimitRequestRatio are enforced, errors aggregated as utilerrors does.
 */
import { addQuantity, cmpQuantity, formatQuantity, milliValue, quantityOf, type KubeObject, type Quantity } from '../../api/index.js';
import { StatusError } from '../status-error.js';
import type { ControllerContext } from '../kinds/index.js';

type Obj = Record<string, any>;
type ResourceList = Record<string, string>;

interface LimitRangeItem {
  type?: string;
  max?: ResourceList;
  min?: ResourceList;
  default?: ResourceList;
  defaultRequest?: ResourceList;
  maxLimitRequestRatio?: ResourceList;
}

const canonical = (v: unknown) => formatQuantity(quantityOf(v));

function limitRanges(namespace: string, ctx: ControllerContext): Obj[] {
  const kind = ctx.kindOf('LimitRange');
  return kind ? (ctx.list(kind, namespace) as Obj[]) : [];
}

const containersOf = (pod: Obj): [Obj, string][] => [
  ...((pod.spec?.initContainers ?? []) as Obj[]).map((c): [Obj, string] => [c, 'init container']),
  ...((pod.spec?.containers ?? []) as Obj[]).map((c): [Obj, string] => [c, 'container']),
];

/** The forbidden error of an admission plugin: `pods "x" is forbidden: ...`. */
export function admissionForbidden(resource: string, name: string, message: string): StatusError {
  return StatusError.forbidden(`${resource} "${name}" is forbidden: ${message}`);
}

export function limitRangerMutate(pod: KubeObject, ctx: ControllerContext): StatusError | undefined {
  const annotations: string[] = [];
  for (const lr of limitRanges(pod.metadata.namespace ?? 'default', ctx)) {
    // defaultContainerResourceRequirements: the Container items' defaults, later items winning.
    const limits: ResourceList = {};
    const requests: ResourceList = {};
    for (const item of ((lr.spec?.limits ?? []) as LimitRangeItem[]).filter((i) => i.type === 'Container')) {
      for (const [k, v] of Object.entries(item.default ?? {})) limits[k] = canonical(v);
      for (const [k, v] of Object.entries(item.defaultRequest ?? {})) requests[k] = canonical(v);
    }
    if (!Object.keys(limits).length && !Object.keys(requests).length) continue;
    for (const [c, prefix] of containersOf(pod as Obj)) {
      c.resources ??= {};
      const setLimits: string[] = [];
      const setRequests: string[] = [];
      for (const [k, v] of Object.entries(limits)) {
        if (c.resources.limits?.[k] !== undefined) continue;
        (c.resources.limits ??= {})[k] = v;
        setLimits.push(k);
      }
      for (const [k, v] of Object.entries(requests)) {
        if (c.resources.requests?.[k] !== undefined) continue;
        (c.resources.requests ??= {})[k] = v;
        setRequests.push(k);
      }
      if (setRequests.length) annotations.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
      if (setLimits.length) annotations.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
    }
  }
  if (annotations.length) (pod.metadata.annotations ??= {})['kubernetes.io/limit-ranger'] = `LimitRanger plugin set: ${annotations.join('; ')}`;
  return undefined;
}

const q = (v: unknown): Quantity => quantityOf(v);
const str = (v: unknown) => formatQuantity(q(v));

function minConstraint(type: string, name: string, enforced: string, requests: Obj, limits: Obj): string | undefined {
  if (requests[name] === undefined) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (cmpQuantity(q(requests[name]), q(enforced)) < 0) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(requests[name])}`;
  if (limits[name] !== undefined && cmpQuantity(q(limits[name]), q(enforced)) < 0) return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(limits[name])}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string, requests: Obj, limits: Obj): string | undefined {
  if (limits[name] === undefined) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (cmpQuantity(q(limits[name]), q(enforced)) > 0) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(limits[name])}`;
  if (requests[name] !== undefined && cmpQuantity(q(requests[name]), q(enforced)) > 0) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(requests[name])}`;
  return undefined;
}

/** %f of a float64, as Go prints it: six decimals. */
const goFloat = (n: number) => n.toFixed(6);

function ratioConstraint(type: string, name: string, enforced: string, requests: Obj, limits: Obj): string | undefined {
  const req = requests[name] === undefined ? 0n : milliValue(q(requests[name]));
  const lim = limits[name] === undefined ? 0n : milliValue(q(limits[name]));
  if (limits[name] === undefined || lim <= 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is less than or equal to 0`;
  if (requests[name] === undefined || req <= 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is less than or equal to 0`;
  const observed = Number(lim) / Number(req);
  const max = Number(milliValue(q(enforced))) / 1000;
  if (observed > max) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${goFloat(observed)}`;
  return undefined;
}

function sumList(lists: Obj[]): Obj {
  const out: Record<string, Quantity> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l ?? {})) out[k] = out[k] ? addQuantity(out[k]!, q(v)) : q(v);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, formatQuantity(v)]));
}

export function limitRangerValidate(pod: KubeObject, ctx: ControllerContext): StatusError | undefined {
  const errs: string[] = [];
  const p = pod as Obj;
  for (const lr of limitRanges(pod.metadata.namespace ?? 'default', ctx)) {
    for (const item of (lr.spec?.limits ?? []) as LimitRangeItem[]) {
      const check = (type: string, requests: Obj, limits: Obj) => {
        for (const [k, v] of Object.entries(item.min ?? {})) errs.push(...[minConstraint(type, k, v, requests, limits)].filter((e): e is string => !!e));
        for (const [k, v] of Object.entries(item.max ?? {})) errs.push(...[maxConstraint(type, k, v, requests, limits)].filter((e): e is string => !!e));
        for (const [k, v] of Object.entries(item.maxLimitRequestRatio ?? {})) errs.push(...[ratioConstraint(type, k, v, requests, limits)].filter((e): e is string => !!e));
      };
      if (item.type === 'Container') {
        for (const [c] of containersOf(p)) check('Container', c.resources?.requests ?? {}, c.resources?.limits ?? {});
      } else if (item.type === 'Pod') {
        const containers = (p.spec?.containers ?? []) as Obj[];
        check('Pod', sumList(containers.map((c) => c.resources?.requests)), sumList(containers.map((c) => c.resources?.limits)));
      }
    }
  }
  if (!errs.length) return undefined;
  return admissionForbidden('pods', pod.metadata.name ?? '', errs.length === 1 ? errs[0]! : `[${errs.join(', ')}]`);
}

/** SetDefaults_LimitRangeItem: a Container item's default from max, defaultRequest from default, then from min. */
export function defaultLimitRangeItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  item.default ??= {};
  item.defaultRequest ??= {};
  for (const [k, v] of Object.entries(item.max ?? {})) item.default[k] ??= v;
  for (const [k, v] of Object.entries(item.default)) item.defaultRequest[k] ??= v;
  for (const [k, v] of Object.entries(item.min ?? {})) item.defaultRequest[k] ??= v;
  if (!Object.keys(item.default).length) delete item.default;
  if (!Object.keys(item.defaultRequest).length) delete item.defaultRequest;
}

