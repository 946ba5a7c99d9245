/**
 * What a lab starts from: the cluster's objects, the simulation data a scenario declares,
 * and the files placed in the learner's home. Scenarios, `ckalab run --cluster` and tests
 * all reduce to this.
 */
import type { AppResponse, ExternalHost } from './types.js';

export interface LabFile {
  /** Absolute, or relative to /root. */
  path: string;
  content: string;
}

export interface LabSetup {
  /** Kubernetes manifests (Namespace, Node, Pod, Service, Deployment, NetworkPolicy, ...), seeded in order. */
  objects: readonly unknown[];
  externalHosts: readonly ExternalHost[];
  appResponses: readonly AppResponse[];
  files: readonly LabFile[];
  /** Worker nodes besides controlplane. */
  workers?: readonly string[];
}

export const EMPTY_SETUP: LabSetup = { objects: [], externalHosts: [], appResponses: [], files: [] };
