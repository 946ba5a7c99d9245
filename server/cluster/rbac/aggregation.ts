/**
 * The cluster role aggregation controller (pkg/controller/clusterroleaggregation): a ClusterRole
 * with an aggregationRule gets, in order of selector and then of role name, every distinct rule of
 * the other ClusterRoles its selectors match. Its own rules are replaced, as the controller does.
 */
import { selectorMatches, type LabelSelector } from '../../api/index.js';
import type { ClusterRoleLike, PolicyRule } from './types.js';

/** The rules an aggregated ClusterRole should hold, or undefined for a role without aggregationRule. */
export function aggregatedRules(role: ClusterRoleLike, all: readonly ClusterRoleLike[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!role.aggregationRule) return undefined;
  const byName = [...all].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const out: PolicyRule[] = [];
  const seen = new Set<string>();
  for (const sel of selectors ?? []) {
    for (const other of byName) {
      if (other.metadata.name === role.metadata.name) continue;
      if (!selectorMatches(sel as LabelSelector, other.metadata.labels ?? {})) continue;
      for (const rule of other.rules ?? []) {
        const key = JSON.stringify(rule);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(structuredClone(rule));
      }
    }
  }
  return out;
}
