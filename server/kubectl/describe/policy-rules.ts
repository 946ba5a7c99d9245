/**
 * How kubectl shows rules (`describe role`, `auth can-i --list`): each rule broken down into one
 * per group × resource × verb (kubectl's pkg/util/rbac BreakdownRule), simple ones merged again
 * (CompactRules), sorted by PolicyRule.String() (SortableRuleSlice), one row each.
 */
import type { PolicyRule } from '../../cluster/index.js';

/** kubectl's rbac util BreakdownRule: one rule per group × resource × verb (× name), per URL × verb. */
export function breakdown(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  if (rule.resources?.length) {
    for (const g of rule.apiGroups ?? []) {
      for (const r of rule.resources) {
        for (const v of rule.verbs) {
          if (rule.resourceNames?.length) for (const n of rule.resourceNames) out.push({ verbs: [v], apiGroups: [g], resources: [r], resourceNames: [n] });
          else out.push({ verbs: [v], apiGroups: [g], resources: [r] });
        }
      }
    }
  }
  for (const u of rule.nonResourceURLs ?? []) for (const v of rule.verbs) out.push({ verbs: [v], nonResourceURLs: [u] });
  return out;
}

/** kubectl's rbac util CompactRules: simple rules of one group/resource/name merge their verbs (once each). */
export function compact(rules: readonly PolicyRule[]): PolicyRule[] {
  const other: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    if (r.apiGroups?.length === 1 && r.resources?.length === 1 && (r.resourceNames?.length ?? 0) <= 1 && !r.nonResourceURLs?.length) {
      const key = `${r.apiGroups[0]}\u0000${r.resources[0]}\u0000${r.resourceNames?.[0] ?? ''}`;
      const existing = simple.get(key);
      if (existing) {
        for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
      } else simple.set(key, { ...r, verbs: [...r.verbs] });
    } else other.push(r);
  }
  return [...other, ...simple.values()];
}

export const goList = (xs: readonly string[] | undefined) => `[${(xs ?? []).join(' ')}]`;

/** PolicyRule's generated String(), which SortableRuleSlice compares. */
const ruleString = (r: PolicyRule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** describe.CombineResourceGroup: the first resource with its group (`pods.apps/log`). */
export function combineResourceGroup(resources: readonly string[] | undefined, groups: readonly string[] | undefined): string {
  if (!resources?.length) return '';
  const [res, sub] = resources[0]!.split(/\/(.*)/s) as [string, string | undefined];
  let combined = res;
  if (groups?.length && groups[0] !== '') combined += `.${groups[0]}`;
  if (sub !== undefined) combined += `/${sub}`;
  return combined;
}


/** The rows of the rules table: Resources, Non-Resource URLs, Resource Names, Verbs. */
export function policyRuleRows(rules: readonly PolicyRule[]): string[][] {
  return compact(rules.flatMap(breakdown))
    .map((r) => ({ r, key: ruleString(r) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ r }) => [combineResourceGroup(r.resources, r.apiGroups), goList(r.nonResourceURLs), goList(r.resourceNames), goList(r.verbs)]);
}
