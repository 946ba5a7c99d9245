/**
 * A resource type's discovery facts (`kubectl api-resources`). Kind (PascalCase singular),
 * resource (lowercase plural), singular and short names are kept apart, as kubectl does.
 * The types served, and the lookups by name, are the cluster's registry: server/cluster/kinds.
 */
export interface ResourceType {
  kind: string;
  /** Lowercase plural: the REST resource. */
  resource: string;
  singular: string;
  shortNames: readonly string[];
  group: string;
  version: string;
  namespaced: boolean;
}

/** `group/version`, or `version` for the core group: the apiVersion field. */
export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** `resource.group` as kubectl prints it in `networkpolicy.networking.k8s.io/x created` (singular) or errors (plural). */
export function qualifiedName(t: ResourceType, form: 'singular' | 'resource'): string {
  const name = form === 'singular' ? t.kind.toLowerCase() : t.resource;
  return t.group ? `${name}.${t.group}` : name;
}
