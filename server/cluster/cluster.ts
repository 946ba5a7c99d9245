/**
 * One lab's in-memory API server: the generic store (apiserver's registry/generic/registry/store.go)
 * over the kinds of ./kinds. Every write runs admission (strict decoding, the kind's defaulting
 * and validation) and then the kind's controller hooks synchronously, so a read right after a
 * write sees the settled cluster. A refused write changes nothing.
 *
 * What is generic lives here once: the object key, resourceVersion, uid, creationTimestamp,
 * generation, the sorted-list cache and the object count (all through `put` and `drop`), plus
 * finalizers, owner references and garbage collection with the three propagation policies.
 */
import { err, ok, rfc3339, kubeRandString, uuid, type Clock, type Random, type Result } from '../core/index.js';
import { qualifiedName, type AppResponse, type ExternalHost, type KubeObject, type ResourceType } from '../api/index.js';
import type { ClusterApi, PropagationPolicy, WriteOptions } from './api.js';
import { StatusError } from './status-error.js';
import { checkFields } from './schema.js';
import { validateLabels, validateName } from './validation.js';
import { stableJson } from './stable-json.js';
import { CLUSTER_NAMESPACES, nodeManifest, systemManifests, type NodeSpec } from './bootstrap.js';
import { containerLogs, type LogsResult } from './controllers/kubelet.js';
import { KINDS, kindFor, resourceTypeForKind, type ControllerContext, type KindStrategy } from './kinds/index.js';

export { stableJson } from './stable-json.js';

type Obj = Record<string, any>;

export const MAX_OBJECTS = 20_000;

export interface ClusterOptions {
  clock: Clock;
  random: Random;
  externalHosts?: ExternalHost[];
  appResponses?: AppResponse[];
  /** Worker nodes besides `controlplane` (e.g. ['node01']). */
  workers?: string[];
  /** Manifests to seed, in order; status.podIP and metadata.creationTimestamp given are kept. */
  objects?: unknown[];
}

/** The persisted form; unchanged since version 1, so labs saved before the registry restore. */
export interface ClusterSnapshot {
  version: 1;
  objects: KubeObject[];
  resourceVersion: number;
  revision: number;
  nodes: NodeSpec[];
  nextPodIp: Record<string, number>;
  nextServiceIp: number;
  externalHosts: ExternalHost[];
  appResponses: AppResponse[];
  /** Pods (by uid) whose status a seeded dump gave: the kubelet leaves it as it is. */
  statusGiven?: string[];
}

/** The finalizers the garbage collector itself sets (metav1.FinalizerOrphanDependents, FinalizerDeleteDependents). */
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

/** A stored kind's objects, keyed by `namespace/name` (or `name`), and its sorted list until the next write. */
interface Bucket {
  readonly objects: Map<string, KubeObject>;
  sorted?: KubeObject[];
}

export class Cluster implements ClusterApi {
  private readonly buckets = new Map<KindStrategy, Bucket>();
  private rv = 1000;
  private rev = 0;
  private nodes: NodeSpec[] = [];
  private allocation = { nextPodIp: {} as Record<string, number>, nextServiceIp: 20 };
  private count = 0;
  private readonly statusGiven = new Set<string>();
  /** What kinds' hooks see of the store. */
  private readonly ctx: ControllerContext;

  constructor(
    readonly clock: Clock,
    private readonly random: Random,
    readonly externalHosts: readonly ExternalHost[],
    readonly appResponses: readonly AppResponse[],
  ) {
    const self = this;
    this.ctx = {
      clock,
      random,
      get nodes() {
        return self.nodes;
      },
      get allocation() {
        return self.allocation;
      },
      get statusGiven() {
        return self.statusGiven;
      },
      kinds: KINDS,
      kindOf: resourceTypeForKind,
      get: (kind, ns, name) => self.live(kind, ns, name) as never,
      list: (kind, ns) => self.listStored(kind, ns) as never,
      scan: (kind) => (self.buckets.get(kind as KindStrategy)?.objects.values() ?? []) as never,
      createChild: (kind, obj) => self.createChild(kind, obj),
      touch: (obj) => {
        obj.metadata.resourceVersion = String(++self.rv);
        self.invalidate(self.strategyOf(obj));
      },
      replace: (kind, obj) => self.put(kind, obj),
      removeQuietly: (kind, ns, name) => {
        const o = self.live(kind, ns, name);
        if (o) self.drop(kind, o);
      },
    };
  }

  get revision(): number {
    return this.rev;
  }

  // ---- reads ----

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    const o = this.live(type, namespace, name);
    const kind = o && this.strategyFor(type);
    return o && kind?.atRead ? kind.atRead(o, this.ctx, this.rev) : o;
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    const stored = this.listStored(type, namespace);
    const kind = this.strategyFor(type);
    if (!kind?.atRead && !kind?.derivedAtRead) return stored;
    const seen = kind.atRead ? stored.map((o) => kind.atRead!(o, this.ctx, this.rev)) : stored;
    const derived = kind.derivedAtRead?.(type.namespaced ? namespace : undefined, this.ctx) ?? [];
    return derived.length ? [...seen, ...derived].sort(byKey) : seen;
  }

  podLogs(namespace: string, pod: string, container: string, previous: boolean): LogsResult {
    const p = this.live(resourceTypeForKind('Pod')!, namespace, pod);
    if (!p) return { ok: false, message: `pods "${pod}" not found` };
    return containerLogs(this.ctx, p, container, previous);
  }

  /** An object as a read returns it (the kind's view at the clock's now). */
  private seen(kind: KindStrategy, o: KubeObject): KubeObject {
    return kind.atRead ? kind.atRead(o, this.ctx, this.rev) : o;
  }

  private listStored(type: ResourceType, namespace?: string): KubeObject[] {
    const bucket = this.bucket(type);
    if (!bucket) return [];
    // One namespace: filter, then sort the few (controllers list this way after every write).
    if (type.namespaced && namespace !== undefined) {
      if (bucket.sorted) return bucket.sorted.filter((o) => o.metadata.namespace === namespace);
      return [...bucket.objects.values()].filter((o) => o.metadata.namespace === namespace).sort(byKey);
    }
    // Every namespace: sorted once per kind until the next write (`get pods -A` on thousands of pods).
    bucket.sorted ??= [...bucket.objects.values()].sort(byKey);
    return bucket.sorted.slice();
  }

  // ---- writes ----

  create(raw: unknown, opts: WriteOptions = {}): Result<KubeObject, StatusError> {
    const admitted = this.admit(raw, opts);
    if (!admitted.ok) return admitted;
    const { obj, kind } = admitted.value;
    const ns = obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + kubeRandString(this.random, 5);
    const nameErrs = validateName(obj.metadata.name, kind.nameRule);
    if (nameErrs.length) return err(StatusError.invalid(kind.kind, obj.metadata.name ?? '', nameErrs));
    if (this.live(kind, ns, obj.metadata.name!)) return err(StatusError.alreadyExists(qualifiedName(kind, 'resource'), obj.metadata.name!));
    if (this.count >= MAX_OBJECTS) {
      return err(StatusError.forbidden(`exceeded quota: this lab holds at most ${MAX_OBJECTS} objects`));
    }
    if (opts.dryRun) {
      // As the dry-run storage: stamped as it would be, but no resourceVersion is spent.
      this.stamp(kind, obj, undefined, false);
      return ok(obj);
    }
    delete obj.metadata.resourceVersion;
    delete obj.metadata.uid;
    delete obj.metadata.deletionTimestamp;
    this.insert(kind, obj);
    kind.afterCreate?.(obj, this.ctx);
    this.rev++;
    return ok(structuredClone(this.seen(kind, this.live(kind, ns, obj.metadata.name!)!)));
  }

  update(raw: unknown, opts: WriteOptions = {}): Result<KubeObject, StatusError> {
    const admitted = this.admit(raw, opts);
    if (!admitted.ok) return admitted;
    const { obj, kind } = admitted.value;
    const name = obj.metadata.name ?? '';
    const current = this.live(kind, obj.metadata.namespace, name);
    if (!current) return err(StatusError.notFound(qualifiedName(kind, 'resource'), name));
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== current.metadata.resourceVersion) {
      return err(
        StatusError.conflict(
          `Operation cannot be fulfilled on ${qualifiedName(kind, 'resource')} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        ),
      );
    }
    if (kind.statusRule === 'server' || obj.status === undefined) obj.status = current.status;
    kind.prepareForUpdate?.(obj, current, this.ctx);
    const immutable = kind.validateUpdate?.(obj, current) ?? [];
    if (immutable.length) return err(StatusError.invalid(kind.kind, name, immutable));
    // Server-owned metadata survives a replace.
    obj.metadata.uid = current.metadata.uid;
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if (current.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    else delete obj.metadata.deletionTimestamp;
    if (current.metadata.ownerReferences && !obj.metadata.ownerReferences) obj.metadata.ownerReferences = current.metadata.ownerReferences;
    if (kind.tracksGeneration) {
      const changed = stableJson(current.spec) !== stableJson(obj.spec);
      obj.metadata.generation = (current.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    if (opts.dryRun) return ok(obj);
    const unchanged = stableJson({ ...current, metadata: { ...current.metadata, resourceVersion: '' } }) ===
      stableJson({ ...obj, metadata: { ...obj.metadata, resourceVersion: '' } });
    if (unchanged) return ok(structuredClone(this.seen(kind, current)));
    this.put(kind, obj);
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length) {
      // The last finalizer is gone: the object it held goes now, its dependents after it.
      this.remove(kind, obj, 'Background');
      this.rev++;
      return ok(structuredClone(obj));
    }
    kind.afterUpdate?.(obj, this.ctx);
    this.rev++;
    return ok(structuredClone(this.seen(kind, obj)));
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, opts: WriteOptions = {}): Result<KubeObject, StatusError> {
    const kind = this.strategyFor(type);
    const ns = type.namespaced ? (namespace ?? 'default') : undefined;
    const current = kind && this.live(kind, ns, name);
    if (!kind || !current) return err(StatusError.notFound(qualifiedName(type, 'resource'), name));
    const refused = kind.validateDelete?.(current);
    if (refused) return err(refused);
    if (opts.dryRun) return ok(structuredClone(current));
    this.deleteObject(kind, current, opts.propagationPolicy ?? 'Background');
    this.rev++;
    return ok(structuredClone(this.live(kind, ns, name) ?? current));
  }

  // ---- seeding and persistence ----

  /**
   * Seeds objects as `kubectl apply` of a cluster dump would: a `List` is flattened, an object the
   * bootstrap already made (the default namespace, the kubernetes Service and its Endpoints) is
   * updated rather than refused, and the creationTimestamp and status given are kept over what the
   * controllers computed; objects a controller in the dump owns are left to the lab's controllers.
   * Refuses the first bad one.
   */
  seed(objects: readonly unknown[]): Result<void, StatusError> {
    const flat = objects.flatMap((o) => {
      const x = o as Obj;
      return x && typeof x === 'object' && typeof x.kind === 'string' && x.kind.endsWith('List') && Array.isArray(x.items) ? x.items : [o];
    });
    // What a controller of the dump made (a Deployment's ReplicaSets and their Pods, a selector
    // Service's Endpoints) is made again by the lab's controllers from its owner, not copied.
    const uids = new Set(flat.map((o) => (o as Obj)?.metadata?.uid).filter((u) => typeof u === 'string'));
    const selectorServices = new Set(
      flat.filter((o) => (o as Obj)?.kind === 'Service' && (o as Obj).spec?.selector).map((o) => `${(o as Obj).metadata?.namespace ?? 'default'}/${(o as Obj).metadata?.name}`),
    );
    const controlled = (o: Obj) =>
      (Array.isArray(o?.metadata?.ownerReferences) && o.metadata.ownerReferences.some((r: Obj) => r?.controller && uids.has(r.uid))) ||
      (o?.kind === 'Endpoints' && selectorServices.has(`${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`));
    for (const raw of flat) {
      if (controlled(raw as Obj)) continue;
      const given = structuredClone(raw) as Obj;
      const type = given && typeof given.kind === 'string' ? resourceTypeForKind(given.kind) : undefined;
      const name = given?.metadata?.name;
      const ns = type?.namespaced ? (given.metadata?.namespace ?? 'default') : undefined;
      const existing = type && typeof name === 'string' ? this.live(type, ns, name) : undefined;
      if (existing && given.metadata) delete given.metadata.resourceVersion;
      const r = existing ? this.update(given) : this.create(given);
      if (!r.ok) return err(r.error);
      const stored = type && this.live(type, ns, r.value.metadata.name!);
      if (stored && typeof given.metadata?.creationTimestamp === 'string') stored.metadata.creationTimestamp = given.metadata.creationTimestamp;
      if (stored && given.status && typeof given.status === 'object' && !Array.isArray(given.status)) {
        (stored as Obj).status = { ...((stored as Obj).status ?? {}), ...structuredClone(given.status) };
        // A pod whose containers' status the dump gives keeps it: the lab's kubelet leaves it as given.
        if (stored.kind === 'Pod' && Array.isArray(given.status.containerStatuses) && stored.metadata.uid) this.statusGiven.add(stored.metadata.uid);
      }
    }
    return ok(undefined);
  }

  /** A copy of the state; `{ clone: false }` shares the live objects, for serialising at once. */
  snapshot(opts: { clone?: boolean } = {}): ClusterSnapshot {
    const objects = KINDS.flatMap((k) => [...(this.buckets.get(k)?.objects.values() ?? [])]);
    const view = {
      version: 1 as const,
      objects,
      resourceVersion: this.rv,
      revision: this.rev,
      nodes: this.nodes,
      nextPodIp: this.allocation.nextPodIp,
      nextServiceIp: this.allocation.nextServiceIp,
      externalHosts: [...this.externalHosts],
      appResponses: [...this.appResponses],
      ...(this.statusGiven.size ? { statusGiven: [...this.statusGiven] } : {}),
    };
    return opts.clone === false ? view : structuredClone(view);
  }

  static restore(s: ClusterSnapshot, opts: { clock: Clock; random: Random }): Cluster {
    const c = new Cluster(opts.clock, opts.random, s.externalHosts, s.appResponses);
    for (const o of structuredClone(s.objects)) {
      const kind = kindFor(o.apiVersion, o.kind) ?? resourceTypeForKind(o.kind);
      if (kind) c.insert(kind, o);
    }
    c.rv = s.resourceVersion;
    c.rev = s.revision;
    c.nodes = structuredClone(s.nodes);
    c.allocation = { nextPodIp: { ...s.nextPodIp }, nextServiceIp: s.nextServiceIp };
    for (const uid of s.statusGiven ?? []) c.statusGiven.add(uid);
    return c;
  }

  /** Builds the kubeadm cluster everyone starts from. */
  bootstrap(workers: readonly string[]): void {
    const created = rfc3339(this.clock.now());
    this.nodes = [{ name: 'controlplane', ip: '192.168.0.2', controlPlane: true, podCidrIndex: 0 }];
    workers.forEach((name, i) => this.nodes.push({ name, ip: `192.168.0.${3 + i}`, controlPlane: false, podCidrIndex: i + 1 }));
    for (const n of this.nodes) this.allocation.nextPodIp[n.name] = 2;
    for (const ns of CLUSTER_NAMESPACES) this.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (const n of this.nodes) this.mustCreate(nodeManifest(n, created, this.nodes.length > 1));
    for (const m of systemManifests('controlplane', created)) this.mustCreate(m);
    this.rev = 0;
  }

  private mustCreate(raw: unknown): void {
    const r = this.create(raw);
    if (!r.ok) throw new Error(`bootstrap: ${r.error.message}`);
  }

  // ---- admission ----

  private admit(raw: unknown, opts: WriteOptions): Result<{ obj: KubeObject; kind: KindStrategy }, StatusError> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return err(StatusError.badRequest('the body of the request was in an unknown format'));
    const r = raw as { apiVersion?: unknown; kind?: unknown };
    const kind = typeof r.kind === 'string' && typeof r.apiVersion === 'string' ? kindFor(r.apiVersion, r.kind) : undefined;
    if (!kind) return err(StatusError.notFound('the server could not find the requested resource', ''));
    const version = String(r.apiVersion).split('/').pop()!;
    const problems = checkFields(r, kind.schema);
    const typeErr = problems.find((p) => p.kind === 'type');
    const prefix = `${kind.kind} in version "${version}" cannot be handled as a ${kind.kind}: `;
    if (typeErr) return err(StatusError.badRequest(prefix + typeErr.message));
    if (problems.length) return err(StatusError.badRequest(`${prefix}strict decoding error: ${problems.map((p) => p.message).join(', ')}`));
    const obj = structuredClone(raw) as KubeObject;
    obj.metadata ??= {};
    if (kind.namespaced) obj.metadata.namespace = obj.metadata.namespace ?? opts.namespace ?? 'default';
    else delete obj.metadata.namespace;
    if (kind.namespaced && !this.live(resourceTypeForKind('Namespace')!, undefined, obj.metadata.namespace!)) {
      return err(StatusError.notFound('namespaces', obj.metadata.namespace!));
    }
    kind.applyDefaults?.(obj);
    const causes = [...validateLabels(obj.metadata.labels, 'metadata.labels'), ...(kind.validate?.(obj) ?? [])];
    if (causes.length) return err(StatusError.invalid(kind.kind, obj.metadata.name ?? '', causes));
    return ok({ obj, kind });
  }

  // ---- deletion: finalizers, owner references, garbage collection ----

  /**
   * Deletes as the API server and the garbage collector do together. Finalizers keep an object
   * (with its deletionTimestamp) until an update removes the last one. Background removes the
   * object, then its dependents; Foreground removes the dependents first and keeps the owner with
   * the `foregroundDeletion` finalizer while a blocking dependent remains; Orphan strips the
   * owner's reference from its dependents and leaves them.
   */
  private deleteObject(kind: KindStrategy, obj: KubeObject, policy: PropagationPolicy): void {
    if (obj.metadata.deletionTimestamp) return; // already being deleted
    if (policy === 'Orphan') this.orphanDependents(obj);
    if (policy === 'Foreground') {
      const deps = this.dependents(obj);
      if (deps.length) {
        // The owner waits, marked, while the collector deletes its dependents (foreground too).
        this.markDeleting(obj, [FINALIZER_FOREGROUND]);
        for (const [k, dep] of deps) this.deleteObject(k, dep, 'Foreground');
        if (this.live(kind, obj.metadata.namespace, obj.metadata.name!) === obj) this.settleForeground(kind, obj);
        return;
      }
    }
    if ((obj.metadata.finalizers ?? []).length) {
      this.markDeleting(obj, []);
      return;
    }
    this.remove(kind, obj, policy === 'Foreground' ? 'Foreground' : 'Background');
  }

  /** An owner in foreground deletion loses its `foregroundDeletion` finalizer once no dependent blocks it, and goes when none is left. */
  private settleForeground(kind: KindStrategy, owner: KubeObject): void {
    if (!owner.metadata.finalizers?.includes(FINALIZER_FOREGROUND)) return;
    const blocking = this.dependents(owner).some(([, d]) => d.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion));
    if (blocking) return;
    owner.metadata.finalizers = owner.metadata.finalizers.filter((f) => f !== FINALIZER_FOREGROUND);
    if (owner.metadata.finalizers.length === 0) {
      delete owner.metadata.finalizers;
      this.remove(kind, owner, 'Foreground');
    } else {
      owner.metadata.resourceVersion = String(++this.rv);
      this.invalidate(kind);
    }
  }

  private markDeleting(obj: KubeObject, add: string[]): void {
    obj.metadata.deletionTimestamp = rfc3339(this.clock.now());
    (obj as { metadata: { deletionGracePeriodSeconds?: number } }).metadata.deletionGracePeriodSeconds = 0;
    const finalizers = obj.metadata.finalizers ?? [];
    for (const f of add) if (!finalizers.includes(f)) finalizers.push(f);
    obj.metadata.finalizers = finalizers;
    obj.metadata.resourceVersion = String(++this.rv);
    this.invalidate(this.strategyOf(obj));
  }

  /** Takes the object out of the store, runs its kind's afterDelete, then collects its dependents. */
  private remove(kind: KindStrategy, obj: KubeObject, policy: 'Background' | 'Foreground'): void {
    this.drop(kind, obj);
    kind.afterDelete?.(obj, this.ctx);
    for (const [k, dep] of this.dependents(obj)) this.deleteObject(k, dep, policy);
    this.releaseForegroundOwners(obj);
  }

  /** Objects in the owner's namespace (or anywhere, for a cluster-scoped owner) that name it as an owner. */
  private dependents(owner: KubeObject): [KindStrategy, KubeObject][] {
    const uid = owner.metadata.uid;
    const found: [KindStrategy, KubeObject][] = [];
    if (!uid) return found;
    for (const k of KINDS) {
      if (owner.metadata.namespace !== undefined && !k.namespaced) continue;
      for (const o of this.list(k, owner.metadata.namespace)) if (o.metadata.ownerReferences?.some((r) => r.uid === uid)) found.push([k, o]);
    }
    return found;
  }

  private orphanDependents(owner: KubeObject): void {
    for (const [k, dep] of this.dependents(owner)) {
      const refs = dep.metadata.ownerReferences!.filter((r) => r.uid !== owner.metadata.uid);
      if (refs.length) dep.metadata.ownerReferences = refs;
      else delete dep.metadata.ownerReferences;
      dep.metadata.resourceVersion = String(++this.rv);
      this.invalidate(k);
    }
  }

  /** An owner waiting in foreground deletion goes once its last blocking dependent is gone. */
  private releaseForegroundOwners(removed: KubeObject): void {
    for (const ref of removed.metadata.ownerReferences ?? []) {
      const kind = resourceTypeForKind(ref.kind);
      const owner = kind && this.live(kind, kind.namespaced ? removed.metadata.namespace : undefined, ref.name);
      if (kind && owner && owner.metadata.uid === ref.uid) this.settleForeground(kind, owner);
    }
  }

  // ---- storage: the one place objects enter and leave ----

  private bucket(type: ResourceType): Bucket | undefined {
    const kind = this.strategyFor(type);
    return kind && this.buckets.get(kind);
  }

  /** The registry's strategy for a type (callers may hold a ResourceType from elsewhere). */
  private strategyFor(type: ResourceType): KindStrategy | undefined {
    if (SERVED.has(type as KindStrategy)) return type as KindStrategy;
    return KINDS.find((k) => k.kind === type.kind && k.group === type.group);
  }

  private strategyOf(obj: KubeObject): KindStrategy {
    return kindFor(obj.apiVersion, obj.kind) ?? resourceTypeForKind(obj.kind)!;
  }

  private key(type: ResourceType, namespace: string | undefined, name: string): string {
    return type.namespaced ? `${namespace ?? 'default'}/${name}` : name;
  }

  private live(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.bucket(type)?.objects.get(this.key(type, namespace ?? 'default', name));
  }

  private invalidate(kind: KindStrategy): void {
    const b = this.buckets.get(kind);
    if (b) b.sorted = undefined;
  }

  private stamp(kind: KindStrategy, obj: KubeObject, given: string | undefined, stored = true): void {
    obj.metadata.uid ??= uuid(this.random);
    if (stored) obj.metadata.resourceVersion = String(++this.rv);
    else delete obj.metadata.resourceVersion;
    obj.metadata.creationTimestamp = given ?? rfc3339(this.clock.now());
    if (kind.tracksGeneration) obj.metadata.generation = 1;
  }

  /** A new object: uid, resourceVersion, creationTimestamp (kept if given) and generation, then stored. */
  private insert(kind: KindStrategy, obj: KubeObject): void {
    if (!obj.metadata.resourceVersion || !obj.metadata.uid) this.stamp(kind, obj, obj.metadata.creationTimestamp);
    const objects = this.objectsOf(kind);
    const k = this.key(kind, obj.metadata.namespace, obj.metadata.name!);
    if (!objects.has(k)) this.count++;
    objects.set(k, obj);
    this.invalidate(kind);
  }

  /** A kind's objects; a bucket is made on the kind's first object, so an idle lab pays only for the kinds it has. */
  private objectsOf(kind: KindStrategy): Map<string, KubeObject> {
    let b = this.buckets.get(kind);
    if (!b) this.buckets.set(kind, (b = { objects: new Map() }));
    return b.objects;
  }

  /** A changed object replaces the stored one under a new resourceVersion. */
  private put(kind: KindStrategy, obj: KubeObject): void {
    obj.metadata.resourceVersion = String(++this.rv);
    const objects = this.objectsOf(kind);
    const k = this.key(kind, obj.metadata.namespace, obj.metadata.name!);
    if (!objects.has(k)) this.count++;
    objects.set(k, obj);
    this.invalidate(kind);
  }

  private drop(kind: KindStrategy, obj: KubeObject): void {
    if (this.buckets.get(kind)?.objects.delete(this.key(kind, obj.metadata.namespace, obj.metadata.name!))) this.count--;
    this.invalidate(kind);
  }

  private createChild<T extends KubeObject>(kind: KindStrategy<T>, obj: T): T {
    kind.applyDefaults?.(obj);
    this.insert(kind as KindStrategy, obj);
    kind.afterCreate?.(obj, this.ctx);
    return obj;
  }
}

const SERVED: ReadonlySet<KindStrategy> = new Set(KINDS);

const byKey = (a: KubeObject, b: KubeObject) => {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

export function createCluster(opts: ClusterOptions): Cluster {
  const c = new Cluster(opts.clock, opts.random, opts.externalHosts ?? [], opts.appResponses ?? []);
  c.bootstrap(opts.workers ?? []);
  if (opts.objects?.length) {
    const r = c.seed(opts.objects);
    if (!r.ok) throw new Error(`cannot seed the cluster: ${r.error.message}`);
  }
  return c;
}

export function restoreCluster(s: ClusterSnapshot, opts: { clock: Clock; random: Random }): Cluster {
  return Cluster.restore(s, opts);
}
