/**
 * The resource types the simulated API server serves, as discovery describes them
 * (`kubectl api-resources` on a 1.32 cluster). Kind (PascalCase singular), resource
 * (lowercase plural), singular and short names are kept apart, as kubectl does.
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

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { kind: 'Namespace', resource: 'namespaces', singular: 'namespace', shortNames: ['ns'], group: '', version: 'v1', namespaced: false },
  { kind: 'Node', resource: 'nodes', singular: 'node', shortNames: ['no'], group: '', version: 'v1', namespaced: false },
  { kind: 'Pod', resource: 'pods', singular: 'pod', shortNames: ['po'], group: '', version: 'v1', namespaced: true },
  { kind: 'Service', resource: 'services', singular: 'service', shortNames: ['svc'], group: '', version: 'v1', namespaced: true },
  { kind: 'Endpoints', resource: 'endpoints', singular: 'endpoints', shortNames: ['ep'], group: '', version: 'v1', namespaced: true },
  { kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], group: '', version: 'v1', namespaced: true },
  { kind: 'Deployment', resource: 'deployments', singular: 'deployment', shortNames: ['deploy'], group: 'apps', version: 'v1', namespaced: true },
  { kind: 'ReplicaSet', resource: 'replicasets', singular: 'replicaset', shortNames: ['rs'], group: 'apps', version: 'v1', namespaced: true },
  { kind: 'NetworkPolicy', resource: 'networkpolicies', singular: 'networkpolicy', shortNames: ['netpol'], group: 'networking.k8s.io', version: 'v1', namespaced: true },
];

/** `group/version`, or `version` for the core group: the apiVersion field. */
export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** `resource.group` as kubectl prints it in `networkpolicy.networking.k8s.io/x created` (singular) or errors (plural). */
export function qualifiedName(t: ResourceType, form: 'singular' | 'resource'): string {
  const name = form === 'singular' ? t.kind.toLowerCase() : t.resource;
  return t.group ? `${name}.${t.group}` : name;
}

export function resourceTypeForKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind);
}

/**
 * Resolves what a user typed (`po`, `pods`, `pod`, `Pod`, `netpol`, `networkpolicies.networking.k8s.io`,
 * `deployments.apps`, `deploy.v1.apps`) to a resource type, as kubectl's RESTMapper does.
 */
export function resolveResourceType(input: string): ResourceType | undefined {
  const lower = input.toLowerCase();
  const [head, ...rest] = lower.split('.');
  const suffix = rest.join('.');
  return RESOURCE_TYPES.find((t) => {
    const names = [t.resource, t.singular, ...t.shortNames, t.kind.toLowerCase()];
    if (!names.includes(head!)) return false;
    if (!suffix) return true;
    return suffix === t.group || suffix === `${t.version}.${t.group}` || (t.group === '' && suffix === t.version);
  });
}
