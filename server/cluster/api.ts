/**
 * The contract of one lab's in-memory API server, as kubectl, the NetworkPolicy engine and the
 * grader see it. Writes go through admission (strict decoding, defaulting, validation) and the
 * controllers (Deployment → ReplicaSet → Pods, Endpoints, scheduling, pod IPs) synchronously,
 * so a read right after a write sees the settled cluster. A refused write changes nothing.
 */
import type { Clock, Result } from '../core/index.js';
import type { AppResponse, ExternalHost, KubeObject, ResourceType } from '../api/index.js';
import type { StatusError } from './status-error.js';

/** How a delete treats the object's dependents (metav1.DeletionPropagation). */
export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface WriteOptions {
  /** Server-side dry run: admitted and defaulted, not stored. */
  dryRun?: boolean;
  /** The namespace in effect (kubectl -n) for objects that do not name one. */
  namespace?: string;
  /** Delete only: Background (the default) removes the object then its dependents; Foreground the dependents first; Orphan leaves them. */
  propagationPolicy?: PropagationPolicy;
}

export interface ClusterApi {
  readonly clock: Clock;
  /** Increases on every change to stored objects: the map and the grader cache by it. */
  readonly revision: number;

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Objects of a type, in one namespace or (undefined) all; sorted by namespace then name, as the API server lists. */
  list(type: ResourceType, namespace?: string): KubeObject[];

  /** POST: `raw` is the decoded JSON/YAML document as the user wrote it. */
  create(raw: unknown, opts?: WriteOptions): Result<KubeObject, StatusError>;
  /** PUT: full replacement (kubectl replace, apply's patch result, label, scale, edit). */
  update(raw: unknown, opts?: WriteOptions): Result<KubeObject, StatusError>;
  /** DELETE: finalizers hold the object (with a deletionTimestamp); dependents follow the propagation policy. */
  delete(type: ResourceType, namespace: string | undefined, name: string, opts?: WriteOptions): Result<KubeObject, StatusError>;

  /** GET pods/NAME/log: a container's log lines (epoch ms, text), or the API server's BadRequest message. */
  podLogs?(namespace: string, pod: string, container: string, previous: boolean): { ok: true; lines: { at: number; text: string }[] } | { ok: false; message: string };

  /** Simulation data a scenario declares; not Kubernetes objects, never printed by kubectl. */
  readonly externalHosts: readonly ExternalHost[];
  readonly appResponses: readonly AppResponse[];
}
