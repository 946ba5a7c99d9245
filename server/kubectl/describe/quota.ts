/**
 * describeQuota, describeLimitRange and describePriorityClass (staging/src/k8s.io/kubectl/pkg/describe/
 * describe.go, kubectl 1.32), and the namespace describer's quota and limit sections
 * (DescribeResourceQuotas, DescribeLimitRanges). Go walks a LimitRange item's resources in random
 * order; the lab prints them sorted.
 */
import { formatQuantity, quantityOf, value, type KubeObject } from '../../api/index.js';
import { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

/** Used in the hard quantity's format when they differ (resource.NewQuantity(used.Value(), hard.Format)). */
function usedCell(used: unknown, hard: unknown): string {
  const u = quantityOf(used);
  const h = quantityOf(hard);
  if (u.format !== h.format && h.format) return formatQuantity({ nanos: value(u) * 1_000_000_000n, format: h.format });
  return formatQuantity(u);
}

function quotaRows(w: PrefixWriter, level: number, q: Obj, dashes: string): void {
  const scopes = [...((q.spec?.scopes ?? []) as string[])].sort();
  if (scopes.length) {
    w.write(level, `Scopes:\t${scopes.join(', ')}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(level, `${level === 0 ? ' ' : ''}* ${SCOPE_HELP[s]}\n`);
  }
  w.write(level, 'Resource\tUsed\tHard\n');
  w.write(level, `--------\t${dashes}\t${dashes}\n`);
  const hard = (q.status?.hard ?? {}) as Obj;
  for (const k of Object.keys(hard).sort()) w.write(level, `${k}\t${usedCell(q.status?.used?.[k], hard[k])}\t${formatQuantity(quantityOf(hard[k]))}\n`);
}

export function describeQuota(o: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  quotaRows(w, 0, o as Obj, '----');
  return w.toString();
}

function limitRangeRows(w: PrefixWriter, lr: Obj, prefix: string): void {
  for (const item of (lr.spec?.limits ?? []) as Obj[]) {
    const lists = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].map((k) => (item[k] ?? {}) as Obj);
    const names = [...new Set(lists.flatMap((l) => Object.keys(l)))].sort();
    for (const k of names) {
      const cells = lists.map((l) => (l[k] === undefined ? '-' : formatQuantity(quantityOf(l[k]))));
      w.write(0, `${prefix}${item.type ?? ''}\t${k}\t${cells.join('\t')}\n`);
    }
  }
}

export function describeLimitRange(o: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  limitRangeRows(w, o as Obj, '');
  return w.toString();
}

/** DescribeResourceQuotas, for the namespace describer. */
export function describeResourceQuotas(w: PrefixWriter, quotas: KubeObject[]): void {
  if (!quotas.length) {
    w.write(0, 'No resource quota.\n');
    return;
  }
  w.write(0, 'Resource Quotas\n');
  for (const q of quotas) {
    w.write(1, `Name:\t${q.metadata.name}\n`);
    quotaRows(w, 1, q as Obj, '---');
  }
}

/** DescribeLimitRanges, for the namespace describer. */
export function describeLimitRanges(w: PrefixWriter, ranges: KubeObject[]): void {
  if (!ranges.length) {
    w.write(0, 'No LimitRange resource.\n');
    return;
  }
  w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) limitRangeRows(w, lr as Obj, ' ');
}

export function describePriorityClass(o: KubeObject): string {
  const pc = o as Obj;
  const w = new PrefixWriter();
  const ann = Object.keys(o.metadata.annotations ?? {}).sort();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Value:\t${pc.value ?? 0}\n`);
  w.write(0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
  w.write(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
  w.write(0, `Description:\t${pc.description ?? ''}\n`);
  w.write(0, `Annotations:\t${ann.length ? ann.map((k) => `${k}=${o.metadata.annotations![k]}`).join(',') : '<none>'}\n`);
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}
