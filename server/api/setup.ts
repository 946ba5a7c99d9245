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
  /** The cluster's Kubernetes version, e.g. `v1.31.6` (default v1.32.0). */
  version?: string;
  /** Host names for `ssh` (exam-style, `cka7968`): alias → node. */
  hostAliases?: Readonly<Record<string, string>>;
  /** Machines a learner can log into that are not nodes yet (`kubeadm join` makes them nodes). */
  unjoined?: readonly string[];
  /** Shell lines run as root on controlplane when the lab is made, ten minutes before the learner arrives (e.g. to break a kubelet). */
  prepare?: string;
}

export const EMPTY_SETUP: LabSetup = { objects: [], externalHosts: [], appResponses: [], files: [] };
