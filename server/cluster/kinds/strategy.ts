/**
 * A kind of object, as the API server's registry knows it (pkg/registry/<group>/<kind>/strategy.go
 * and storage.go): its discovery facts, its shape for strict decoding, defaulting, validation,
 * immutable fields, status rules, and the controllers that act when one is written. The generic
 * store (../cluster.ts) does everything else once for every kind: resourceVersion, uid,
 * creationTimestamp, generation, finalizers, owner references and garbage collection.
 */
import type { Clock, Random } from '../../core/index.js';
import type { KubeObject, ResourceType } from '../../api/index.js';
import type { StatusCause, StatusError } from '../status-error.js';
import { objectMeta, type FieldSchema } from '../schema.js';
import type { NameRule } from '../validation.js';
import type { NodeSpec } from '../bootstrap.js';

/** The verbs discovery lists for a resource (`kubectl api-resources -o wide`). */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** What an update may do to `.status` (the main resource's PrepareForUpdate). */
export type StatusRule =
  /** status is the server's: an update keeps the stored status whatever it sends (Pod, Service). */
  | 'server'
  /** an update that leaves status out keeps the stored one; one that sends it replaces it. */
  | 'keepIfOmitted';

/**
 * What a kind's hooks may do to the cluster: the controller's view of the generic store. Objects
 * handed out are the live stored ones, so a controller may change them and then `touch` them.
 */
export interface ControllerContext {
  readonly clock: Clock;
  readonly random: Random;
  /** The cluster's nodes, their IPs and pod CIDRs. */
  readonly nodes: readonly NodeSpec[];
  /** Counters that survive snapshots: the next pod IP per node, the next Service IP. */
  readonly allocation: { nextPodIp: Record<string, number>; nextServiceIp: number };
  /** Pods (by uid) whose status a seeded dump gave, which the kubelet leaves as given. */
  readonly statusGiven: ReadonlySet<string>;
  get<T extends KubeObject>(kind: KindStrategy<T>, namespace: string | undefined, name: string): T | undefined;
  list<T extends KubeObject>(kind: KindStrategy<T>, namespace?: string): T[];
  /** Every live object of a kind, unsorted and uncopied (the scheduler's view on each pod it places). */
  scan<T extends KubeObject>(kind: KindStrategy<T>): Iterable<T>;
  /** A controller's create: defaulted, stamped, stored, and its own afterCreate run. */
  createChild<T extends KubeObject>(kind: KindStrategy<T>, obj: T): T;
  /** A controller changed a stored object in place: a new resourceVersion, the sort cache dropped. */
  touch(obj: KubeObject): void;
  /** Stores `obj` under its key (a controller's own replace): a new resourceVersion. */
  replace<T extends KubeObject>(kind: KindStrategy<T>, obj: T): void;
  /** Removes an object without hooks or garbage collection (a namespace's contents, a service's Endpoints). */
  removeQuietly(kind: KindStrategy, namespace: string | undefined, name: string): void;
  /** Every kind served, for the namespace controller and the garbage collector. */
  readonly kinds: readonly KindStrategy[];
  /** Looks a kind up by its Kind name (the first served group that has it). */
  kindOf(kind: string): KindStrategy | undefined;
}

/**
 * One kind. Extends the discovery facts (ResourceType: kind, resource = the lowercase plural,
 * singular, shortNames, group, version, namespaced) with behaviour. Every hook is optional: a kind
 * with none is stored as given (metadata defaulted, listed, deleted).
 */
export interface KindStrategy<T extends KubeObject = KubeObject> extends ResourceType {
  /** Discovery verbs, in discovery's (alphabetical) order. */
  readonly verbs: readonly Verb[];
  /** Discovery categories: `all` puts the kind in `kubectl get all`. */
  readonly categories: readonly string[];
  /** Other versions the group serves besides the preferred one (`kubectl api-versions`), e.g. autoscaling/v1. */
  readonly otherVersions?: readonly string[];
  /** Strict decoding: unknown fields and wrong JSON types are refused before anything else. */
  readonly schema: FieldSchema;
  /** metadata.name's rule: a DNS-1123 subdomain unless said otherwise. */
  readonly nameRule: NameRule;
  /** Whether metadata.generation starts at 1 and grows with each change of spec. */
  readonly tracksGeneration: boolean;
  readonly statusRule: StatusRule;

  /** The scheme's defaulting (SetDefaults_*), applied to every admitted write, create and update alike. */
  applyDefaults?(obj: T): void;
  /** Kind-specific validation of a create and of an update; causes carry the API server's messages. */
  validate?(obj: T): StatusCause[];
  /** What an update may not change (immutable fields), checked after prepareForUpdate. */
  validateUpdate?(next: T, current: T): StatusCause[];
  /** Carries server-owned fields of the stored object into an update, before validateUpdate. */
  prepareForUpdate?(next: T, current: T, ctx: ControllerContext): void;
  /** A refusal of a delete before anything happens (the kube-system namespace), or undefined. */
  validateDelete?(obj: T): StatusError | undefined;

  /** Controllers reacting to a stored create (the object is live: changes made here are stored). */
  afterCreate?(obj: T, ctx: ControllerContext): void;
  /** Controllers reacting to a stored update. */
  afterUpdate?(obj: T, ctx: ControllerContext): void;
  /** Controllers reacting to a removal (after garbage collection of its dependents). */
  afterDelete?(obj: T, ctx: ControllerContext): void;
  /** For kinds that change as the lab clock passes (Jobs finishing, CronJobs firing): later issues. */
  onClock?(now: number, ctx: ControllerContext): void;
  /** The object as read at the lab clock's now (a pod's status computed by the kubelet); `revision` changes on every write. */
  atRead?(obj: T, ctx: ControllerContext, revision: number): T;
  /** Objects of this kind derived when listed (the kubelet's events), beside the stored ones. */
  derivedAtRead?(namespace: string | undefined, ctx: ControllerContext): T[];
}

/** The facts a kind is built from; the rest defaults to "stored as given". */
export type KindFacts = Pick<ResourceType, 'kind' | 'resource' | 'group' | 'version' | 'namespaced'> &
  Partial<Pick<ResourceType, 'singular' | 'shortNames'>> & {
    verbs?: readonly Verb[];
    categories?: readonly string[];
    otherVersions?: readonly string[];
  };

const str: FieldSchema = { t: 'string' };

/** Type and object metadata decoded strictly, any other top-level field accepted as given. */
export function openSchema(go: string): FieldSchema {
  return { t: 'object', go, fields: { apiVersion: str, kind: str, metadata: objectMeta, '*': { t: 'any' } } };
}

/**
 * A kind stored as given: accepted, metadata defaulted by the store, listed and deleted, with no
 * validation besides the generic (name, labels). Later issues give such kinds their behaviour by
 * spreading this and adding hooks.
 */
export function storedAsGiven<T extends KubeObject = KubeObject>(facts: KindFacts): KindStrategy<T> {
  return {
    singular: facts.kind.toLowerCase(),
    shortNames: [],
    verbs: ALL_VERBS,
    categories: [],
    schema: openSchema(facts.kind),
    nameRule: 'subdomain',
    tracksGeneration: false,
    statusRule: 'keepIfOmitted',
    ...facts,
  };
}
