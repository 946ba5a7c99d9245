/** What the engine takes from inner modules, in one place. */
export type {
  AppResponse,
  ExternalHost,
  IPBlock,
  LabelSelector,
  Namespace,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Node,
  Pod,
  Protocol,
  Service,
  ServicePort,
} from '../api/index.js';
export { selectorMatches, selectorRequirements, requirementMatches, formatLabelSelector, formatLabels } from '../api/index.js';
export { resourceTypeForKind } from '../cluster/index.js';
export type { Requirement } from '../api/index.js';
export type { ClusterApi } from '../cluster/index.js';
export type { CommandResult, CommandEffect } from '../shell/index.js';
