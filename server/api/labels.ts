/**
 * Label selectors with apimachinery's semantics (pkg/labels/selector.go and
 * pkg/apis/meta/v1/helpers.go). Note `NotIn` and `!=` match an object that lacks the key.
 */
import type { LabelSelector } from './types.js';

export type RequirementOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

/** One parsed requirement, as labels.Requirement. */
export interface Requirement {
  key: string;
  operator: RequirementOperator;
  values: string[];
}

export type Labels = Readonly<Record<string, string>> | undefined;

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case '=':
    case '==':
    case 'in':
      return has && r.values.includes(value!);
    case '!=':
    case 'notin':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const n = Number(value);
      const bound = Number(r.values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === 'gt' ? n > bound : n < bound;
    }
  }
}

/** metav1.LabelSelectorAsSelector: matchLabels become equality, matchExpressions keep their operator. */
export function selectorRequirements(sel: LabelSelector): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, operator: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const operator: RequirementOperator =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: e.key, operator, values: [...(e.values ?? [])] });
  }
  // internalSelector.Add sorts by key.
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Whether a LabelSelector matches a set of labels. An empty selector matches everything;
 * an absent (undefined) selector matches nothing, as LabelSelectorAsSelector(nil) is labels.Nothing().
 */
export function selectorMatches(sel: LabelSelector | undefined | null, labels: Labels): boolean {
  if (sel === undefined || sel === null) return false;
  return selectorRequirements(sel).every((r) => requirementMatches(r, labels));
}

/** Whether a list of requirements (a parsed `-l` selector) matches. */
export function requirementsMatch(reqs: readonly Requirement[], labels: Labels): boolean {
  return reqs.every((r) => requirementMatches(r, labels));
}

export function isEmptySelector(sel: LabelSelector | undefined | null): boolean {
  return !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/** labels.Requirement.String(). */
export function formatRequirement(r: Requirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',');
  switch (r.operator) {
    case 'exists':
    case '!':
      return prefix + r.key;
    case '=':
    case '==':
    case '!=':
      return `${r.key}${r.operator}${values}`;
    case 'in':
      return `${r.key} in (${values})`;
    case 'notin':
      return `${r.key} notin (${values})`;
    case 'gt':
      return `${r.key}>${values}`;
    case 'lt':
      return `${r.key}<${values}`;
  }
}

/** metav1.FormatLabelSelector: `<none>` for an empty selector, `<error>` never arises for a validated one. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return '<none>';
  const s = selectorRequirements(sel).map(formatRequirement).join(',');
  return s.length === 0 ? '<none>' : s;
}

/** labels.Set.String(): `k=v` pairs sorted by key, comma-joined ("" when empty). */
export function formatLabels(labels: Labels): string {
  if (!labels) return '';
  // labels.Set.String(): the `key=value` pairs sorted, so `app.kubernetes.io/x=y` comes before `app=z`.
  return Object.keys(labels)
    .map((k) => `${k}=${labels[k]}`)
    .sort()
    .join(',');
}
