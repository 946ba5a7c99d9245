/**
 * One lab's in-memory API server. Every write runs admission (strict decoding, defaulting,
 * validation) and then the controllers (Deployment → ReplicaSet → Pods, scheduling, pod IPs,
 * Service IPs, Endpoints, a namespace's default ServiceAccount) synchronously, so a read right
 * after a write sees the settled cluster. A refused write changes nothing.
 */
import { err, ok, rfc3339, kubeRandString, uuid, type Clock, type Random, type Result } from '../core/index.js';
import {
  RESOURCE_TYPES,
  apiVersionOf,
  qualifiedName,
  resourceTypeForKind,
  selectorMatches,
  type AppResponse,
  type ExternalHost,
  type KubeObject,
  type LabelSelector,
  type ResourceType,
} from '../api/index.js';
import type { ClusterApi, WriteOptions } from './api.js';
import { StatusError, type StatusCause } from './status-error.js';
import { checkFields } from './schema.js';
import { SCHEMAS } from './schema.js';
import { applyDefaults } from './defaults.js';
import {
  validateLabels,
  validateLabelSelector,
  validateName,
  validateNetworkPolicySpec,
  validatePodSpec,
  validateServiceSpec,
  type NameRule,
} from './validation.js';
import { podQOS } from './qos.js';
import { CLUSTER_NAMESPACES, nodeManifest, systemManifests, type NodeSpec } from './bootstrap.js';

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
  /** The kube-scheduler is down (its static pod broken): new pods stay Pending. Absent: running. */
  schedulerDown?: boolean;
}

const NAME_RULES: Record<string, NameRule> = {
  Namespace: 'label',
  Service: 'dns1035',
};

const GENERATION_KINDS = new Set(['Deployment', 'ReplicaSet', 'NetworkPolicy']);

export class Cluster implements ClusterApi {
  private readonly store = new Map<string, Map<string, KubeObject>>();
  private rv = 1000;
  private rev = 0;
  private nodes: NodeSpec[] = [];
  private nextPodIp: Record<string, number> = {};
  private nextServiceIp = 20;
  private count = 0;
  private schedulerDown = false;
  /** Sorted lists per kind; every write to the store drops them. */
  private readonly sorted = new Map<string, { list: KubeObject[] }>();

  constructor(
    readonly clock: Clock,
    private readonly random: Random,
    readonly externalHosts: readonly ExternalHost[],
    readonly appResponses: readonly AppResponse[],
  ) {
    for (const t of RESOURCE_TYPES) this.store.set(t.kind, new Map());
  }

  get revision(): number {
    return this.rev;
  }

  // ---- reads ----

  get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(type.kind)?.get(this.key(type, namespace ?? 'default', name));
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    const byKey = (a: KubeObject, b: KubeObject) => {
      const an = a.metadata.namespace ?? '';
      const bn = b.metadata.namespace ?? '';
      if (an !== bn) return an < bn ? -1 : 1;
      const x = a.metadata.name ?? '';
      const y = b.metadata.name ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    };
    // One namespace: filter, then sort the few (controllers list this way after every write).
    if (type.namespaced && namespace !== undefined) {
      const hit = this.sorted.get(type.kind);
      if (hit) return hit.list.filter((o) => o.metadata.namespace === namespace);
      return [...(this.store.get(type.kind)?.values() ?? [])].filter((o) => o.metadata.namespace === namespace).sort(byKey);
    }
    // Every namespace: sorted once per kind until the next write (`get pods -A` on thousands of pods).
    let hit = this.sorted.get(type.kind);
    if (!hit) {
      const list = [...(this.store.get(type.kind)?.values() ?? [])].sort(byKey);
      hit = { list };
      this.sorted.set(type.kind, hit);
    }
    return hit.list.slice();
  }

  // ---- writes ----

  create(raw: unknown, opts: WriteOptions = {}): Result<KubeObject, StatusError> {
    const admitted = this.admit(raw, opts);
    if (!admitted.ok) return admitted;
    const { obj, type } = admitted.value;
    const ns = obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = obj.metadata.generateName + kubeRandString(this.random, 5);
    const nameErrs = validateName(obj.metadata.name, NAME_RULES[type.kind] ?? 'subdomain');
    if (nameErrs.length) return err(StatusError.invalid(type.kind, obj.metadata.name ?? '', nameErrs));
    if (this.get(type, ns, obj.metadata.name!)) return err(StatusError.alreadyExists(qualifiedName(type, 'resource'), obj.metadata.name!));
    if (this.count >= MAX_OBJECTS) {
      return err(StatusError.forbidden(`exceeded quota: this lab holds at most ${MAX_OBJECTS} objects`));
    }
    if (opts.dryRun) {
      this.stamp(obj, undefined);
      return ok(obj);
    }
    delete obj.metadata.resourceVersion;
    delete obj.metadata.uid;
    this.insert(type, obj);
    this.settle(type, obj);
    this.rev++;
    return ok(structuredClone(this.get(type, ns, obj.metadata.name!)!));
  }

  update(raw: unknown, opts: WriteOptions = {}): Result<KubeObject, StatusError> {
    const admitted = this.admit(raw, opts);
    if (!admitted.ok) return admitted;
    const { obj, type } = admitted.value;
    const name = obj.metadata.name ?? '';
    const current = this.get(type, obj.metadata.namespace, name);
    if (!current) return err(StatusError.notFound(qualifiedName(type, 'resource'), name));
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== current.metadata.resourceVersion) {
      return err(
        StatusError.conflict(
          `Operation cannot be fulfilled on ${qualifiedName(type, 'resource')} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
        ),
      );
    }
    if (type.kind === 'Pod') keepTokenMounts(current as Obj, obj as Obj);
    const immutable = this.checkImmutable(type, current as Obj, obj as Obj);
    if (immutable.length) return err(StatusError.invalid(type.kind, name, immutable));
    // Server-owned metadata survives a replace.
    obj.metadata.uid = current.metadata.uid;
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if (current.metadata.ownerReferences && !obj.metadata.ownerReferences) obj.metadata.ownerReferences = current.metadata.ownerReferences;
    if (GENERATION_KINDS.has(type.kind)) {
      const changed = stableJson((current as Obj).spec) !== stableJson((obj as Obj).spec);
      obj.metadata.generation = (current.metadata.generation ?? 1) + (changed ? 1 : 0);
    }
    if ((obj as Obj).status === undefined || type.kind === 'Pod' || type.kind === 'Service') (obj as Obj).status = (current as Obj).status;
    if (type.kind === 'Service') {
      const s = (obj as Obj).spec;
      const c = (current as Obj).spec;
      s.clusterIP = c.clusterIP;
      s.clusterIPs = c.clusterIPs;
      (s.ports ?? []).forEach((p: Obj) => {
        const old = (c.ports ?? []).find((q: Obj) => q.port === p.port && q.protocol === p.protocol);
        if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && p.nodePort === undefined) p.nodePort = old?.nodePort ?? this.allocNodePort();
      });
    }
    if (opts.dryRun) return ok(obj);
    const unchanged = stableJson({ ...current, metadata: { ...current.metadata, resourceVersion: '' } }) ===
      stableJson({ ...obj, metadata: { ...obj.metadata, resourceVersion: '' } });
    if (unchanged) return ok(structuredClone(current));
    obj.metadata.resourceVersion = String(++this.rv);
    this.store.get(type.kind)!.set(this.key(type, obj.metadata.namespace, name), obj);
    this.sorted.clear();
    this.reconcile(type, obj);
    this.rev++;
    return ok(structuredClone(obj));
  }

  delete(type: ResourceType, namespace: string | undefined, name: string, opts: WriteOptions = {}): Result<KubeObject, StatusError> {
    const ns = type.namespaced ? (namespace ?? 'default') : undefined;
    const current = this.get(type, ns, name);
    if (!current) return err(StatusError.notFound(qualifiedName(type, 'resource'), name));
    if (type.kind === 'Namespace' && CLUSTER_NAMESPACES.includes(name)) {
      return err(StatusError.forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
    }
    if (opts.dryRun) return ok(structuredClone(current));
    this.remove(type, current);
    this.rev++;
    return ok(structuredClone(current));
  }

  // ---- seeding and persistence ----

  /** Seeds objects as given (keeping podIP and creationTimestamp); refuses the first bad one. */
  seed(objects: readonly unknown[]): Result<void, StatusError> {
    for (const raw of objects) {
      const r = this.create(structuredClone(raw));
      if (!r.ok) return err(r.error);
    }
    return ok(undefined);
  }

  /** A copy of the state; `{ clone: false }` shares the live objects, for serialising at once. */
  snapshot(opts: { clone?: boolean } = {}): ClusterSnapshot {
    const objects = [...this.store.values()].flatMap((m) => [...m.values()]);
    const view = {
      version: 1 as const,
      objects,
      resourceVersion: this.rv,
      revision: this.rev,
      nodes: this.nodes,
      nextPodIp: this.nextPodIp,
      nextServiceIp: this.nextServiceIp,
      externalHosts: [...this.externalHosts],
      appResponses: [...this.appResponses],
      ...(this.schedulerDown ? { schedulerDown: true } : {}),
    };
    return opts.clone === false ? view : structuredClone(view);
  }

  static restore(s: ClusterSnapshot, opts: { clock: Clock; random: Random }): Cluster {
    const c = new Cluster(opts.clock, opts.random, s.externalHosts, s.appResponses);
    for (const o of structuredClone(s.objects)) {
      const type = resourceTypeForKind(o.kind);
      if (type) c.insert(type, o);
    }
    c.rv = s.resourceVersion;
    c.rev = s.revision;
    c.nodes = structuredClone(s.nodes);
    c.nextPodIp = { ...s.nextPodIp };
    c.nextServiceIp = s.nextServiceIp;
    c.schedulerDown = s.schedulerDown === true;
    return c;
  }

  // ---- hooks for the nodes (server/hosts): what the kubelet, the node controller and the scheduler write ----

  /**
   * A status subresource write (the kubelet's pod status, the node lifecycle controller's
   * conditions): only `status` changes, no admission. False when the object is not there.
   */
  setStatus(type: ResourceType, namespace: string | undefined, name: string, status: Record<string, unknown>, spec?: Record<string, unknown>): boolean {
    const current = this.get(type, type.namespaced ? (namespace ?? 'default') : undefined, name) as Obj | undefined;
    if (!current) return false;
    if (stableJson(current.status) === stableJson(status) && (!spec || stableJson(current.spec) === stableJson(spec))) return true;
    current.status = structuredClone(status);
    if (spec) current.spec = structuredClone(spec);
    current.metadata.resourceVersion = String(++this.rv);
    this.sorted.clear();
    this.rev++;
    return true;
  }

  /** The kube-scheduler stops or starts: while down new pods stay Pending; when back, they are placed. */
  setSchedulerRunning(running: boolean): void {
    if (this.schedulerDown === !running) return;
    this.schedulerDown = !running;
    if (!running) return;
    for (const p of [...this.store.get('Pod')!.values()] as Obj[]) {
      if (p.spec.nodeName || p.status?.phase !== 'Pending') continue;
      this.schedulePod(p);
      p.metadata.resourceVersion = String(++this.rv);
      this.reconcileEndpoints(p.metadata.namespace);
    }
    this.sorted.clear();
    this.rev++;
  }

  /** `kubeadm join`: a new worker registers its Node (as the kubelet's first status post does). */
  joinNode(name: string, ip: string): boolean {
    if (this.nodes.some((n) => n.name === name)) return false;
    const spec: NodeSpec = { name, ip, controlPlane: false, podCidrIndex: Math.max(...this.nodes.map((n) => n.podCidrIndex)) + 1 };
    this.nodes.push(spec);
    this.nextPodIp[name] = 2;
    const r = this.create(nodeManifest(spec, rfc3339(this.clock.now())));
    return r.ok;
  }

  get schedulerRunning(): boolean {
    return !this.schedulerDown;
  }

  /** Builds the kubeadm cluster everyone starts from. */
  bootstrap(workers: readonly string[]): void {
    const created = rfc3339(this.clock.now());
    this.nodes = [{ name: 'controlplane', ip: '192.168.0.2', controlPlane: true, podCidrIndex: 0 }];
    workers.forEach((name, i) => this.nodes.push({ name, ip: `192.168.0.${3 + i}`, controlPlane: false, podCidrIndex: i + 1 }));
    for (const n of this.nodes) this.nextPodIp[n.name] = 2;
    for (const ns of CLUSTER_NAMESPACES) this.mustCreate({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (const n of this.nodes) this.mustCreate(nodeManifest(n, created));
    for (const m of systemManifests('controlplane', created)) this.mustCreate(m);
    this.rev = 0;
  }

  private mustCreate(raw: unknown): void {
    const r = this.create(raw);
    if (!r.ok) throw new Error(`bootstrap: ${r.error.message}`);
  }

  // ---- admission ----

  private admit(raw: unknown, opts: WriteOptions): Result<{ obj: KubeObject; type: ResourceType }, StatusError> {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return err(StatusError.badRequest('the body of the request was in an unknown format'));
    const r = raw as Obj;
    const type = typeof r.kind === 'string' ? resourceTypeForKind(r.kind) : undefined;
    if (!type || r.apiVersion !== apiVersionOf(type)) {
      return err(StatusError.notFound('the server could not find the requested resource', ''));
    }
    const version = type.version;
    const problems = checkFields(r, SCHEMAS[type.kind]!);
    const typeErr = problems.find((p) => p.kind === 'type');
    const prefix = `${type.kind} in version "${version}" cannot be handled as a ${type.kind}: `;
    if (typeErr) return err(StatusError.badRequest(prefix + typeErr.message));
    if (problems.length) return err(StatusError.badRequest(`${prefix}strict decoding error: ${problems.map((p) => p.message).join(', ')}`));
    const obj = structuredClone(r) as KubeObject;
    obj.metadata ??= {};
    if (type.namespaced) obj.metadata.namespace = obj.metadata.namespace ?? opts.namespace ?? 'default';
    else delete obj.metadata.namespace;
    if (type.namespaced && !this.get(resourceTypeForKind('Namespace')!, undefined, obj.metadata.namespace!)) {
      return err(StatusError.notFound('namespaces', obj.metadata.namespace!));
    }
    applyDefaults(obj);
    const causes = this.validate(type, obj as Obj);
    if (causes.length) return err(StatusError.invalid(type.kind, obj.metadata.name ?? '', causes));
    return ok({ obj, type });
  }

  private validate(type: ResourceType, o: Obj): StatusCause[] {
    const errs: StatusCause[] = [];
    errs.push(...validateLabels(o.metadata.labels, 'metadata.labels'));
    switch (type.kind) {
      case 'NetworkPolicy':
        errs.push(...validateNetworkPolicySpec(o.spec ?? {}));
        break;
      case 'Pod':
        errs.push(...validatePodSpec(o.spec, 'spec'));
        break;
      case 'Service':
        errs.push(...validateServiceSpec(o.spec));
        break;
      case 'Deployment':
      case 'ReplicaSet': {
        const sel = o.spec?.selector as LabelSelector | undefined;
        if (!sel) errs.push({ type: 'FieldValueRequired', field: 'spec.selector', message: 'spec.selector: Required value' });
        else {
          errs.push(...validateLabelSelector(sel, 'spec.selector'));
          const labels = o.spec?.template?.metadata?.labels ?? {};
          if (!selectorMatches(sel, labels)) {
            const shown = `map[string]string{${Object.keys(labels).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(labels[k])}`).join(', ')}}`;
            errs.push({
              type: 'FieldValueInvalid',
              field: 'spec.template.metadata.labels',
              message: `spec.template.metadata.labels: Invalid value: ${shown}: \`selector\` does not match template \`labels\``,
            });
          }
        }
        errs.push(...validatePodSpec(o.spec?.template?.spec, 'spec.template.spec'));
        if (typeof o.spec?.replicas === 'number' && o.spec.replicas < 0) {
          errs.push({ type: 'FieldValueInvalid', field: 'spec.replicas', message: `spec.replicas: Invalid value: ${o.spec.replicas}: must be greater than or equal to 0` });
        }
        break;
      }
    }
    return errs;
  }

  private checkImmutable(type: ResourceType, cur: Obj, next: Obj): StatusCause[] {
    if (type.kind === 'Deployment' && JSON.stringify(cur.spec?.selector) !== JSON.stringify(next.spec?.selector)) {
      const shown = JSON.stringify(next.spec?.selector);
      return [{ type: 'FieldValueInvalid', field: 'spec.selector', message: `spec.selector: Invalid value: ${shown}: field is immutable` }];
    }
    if (type.kind === 'Pod') {
      const strip = (s: Obj) => stableJson({ ...s, containers: (s.containers ?? []).map((c: Obj) => ({ ...c, image: '' })) });
      if (strip(cur.spec) !== strip(next.spec)) {
        return [
          {
            type: 'FieldValueForbidden',
            field: 'spec',
            message:
              'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
          },
        ];
      }
    }
    return [];
  }

  // ---- storage ----

  private key(type: ResourceType, namespace: string | undefined, name: string): string {
    return type.namespaced ? `${namespace ?? 'default'}/${name}` : name;
  }

  private stamp(obj: KubeObject, given: string | undefined): void {
    obj.metadata.uid ??= uuid(this.random);
    obj.metadata.resourceVersion = String(++this.rv);
    obj.metadata.creationTimestamp = given ?? rfc3339(this.clock.now());
    if (GENERATION_KINDS.has(obj.kind)) obj.metadata.generation = 1;
  }

  private insert(type: ResourceType, obj: KubeObject): void {
    if (!obj.metadata.resourceVersion || !obj.metadata.uid) this.stamp(obj, obj.metadata.creationTimestamp);
    const map = this.store.get(type.kind)!;
    const k = this.key(type, obj.metadata.namespace, obj.metadata.name!);
    if (!map.has(k)) this.count++;
    map.set(k, obj);
    this.sorted.clear();
  }

  private remove(type: ResourceType, obj: KubeObject): void {
    const map = this.store.get(type.kind)!;
    if (map.delete(this.key(type, obj.metadata.namespace, obj.metadata.name!))) this.count--;
    this.sorted.clear();
    const ns = obj.metadata.namespace;
    switch (type.kind) {
      case 'Namespace':
        for (const t of RESOURCE_TYPES) if (t.namespaced) for (const o of this.list(t, obj.metadata.name)) this.store.get(t.kind)!.delete(this.key(t, o.metadata.namespace, o.metadata.name!)) && this.count--;
        this.sorted.clear();
        break;
      case 'Service':
        this.deleteQuiet('Endpoints', ns, obj.metadata.name!);
        break;
      default:
        break;
    }
    // Garbage collection: dependents go with their owner.
    for (const t of RESOURCE_TYPES) {
      if (!t.namespaced) continue;
      for (const o of this.list(t, ns)) {
        if (o.metadata.ownerReferences?.some((r) => r.uid === obj.metadata.uid)) this.remove(t, o);
      }
    }
    if (type.kind === 'Pod') {
      const owner = obj.metadata.ownerReferences?.find((r) => r.kind === 'ReplicaSet');
      const rs = owner && this.get(resourceTypeForKind('ReplicaSet')!, ns, owner.name);
      if (rs) this.reconcileReplicaSet(rs as Obj);
      this.reconcileEndpoints(ns!);
    }
  }

  private deleteQuiet(kind: string, ns: string | undefined, name: string): void {
    const t = resourceTypeForKind(kind)!;
    if (this.store.get(kind)!.delete(this.key(t, ns, name))) this.count--;
    this.sorted.clear();
  }

  // ---- controllers ----

  private settle(type: ResourceType, obj: KubeObject): void {
    const o = obj as Obj;
    switch (type.kind) {
      case 'Namespace':
        o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
        o.status ??= { phase: 'Active' };
        this.insertChild({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: o.metadata.name } });
        break;
      case 'Pod':
        this.mountServiceAccountToken(o);
        this.schedulePod(o);
        this.reconcileEndpoints(o.metadata.namespace);
        break;
      case 'Service':
        this.allocateService(o);
        this.reconcileEndpoints(o.metadata.namespace);
        break;
      case 'Deployment':
        this.reconcileDeployment(o);
        break;
      case 'ReplicaSet':
        this.reconcileReplicaSet(o);
        break;
    }
  }

  private reconcile(type: ResourceType, obj: KubeObject): void {
    const o = obj as Obj;
    if (type.kind === 'Deployment') this.reconcileDeployment(o);
    else if (type.kind === 'ReplicaSet') this.reconcileReplicaSet(o);
    else if (type.kind === 'Pod' || type.kind === 'Service') this.reconcileEndpoints(o.metadata.namespace);
  }

  private insertChild(raw: Obj): Obj {
    const type = resourceTypeForKind(raw.kind)!;
    applyDefaults(raw as KubeObject);
    this.insert(type, raw as KubeObject);
    this.settle(type, raw as KubeObject);
    return raw;
  }

  /**
   * The ServiceAccount admission plugin: a kube-api-access-xxxxx projected volume, mounted read-only
   * at the token path in every container without a mount there. Mirror (static) pods and pods or
   * service accounts that opt out get none. The suffix is derived from the pod rather than drawn,
   * so the seeded randomness (and every name it gives later objects) is left as it was.
   */
  private mountServiceAccountToken(o: Obj): void {
    const spec = o.spec;
    if (o.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return;
    const sa = this.get(resourceTypeForKind('ServiceAccount')!, o.metadata.namespace, spec.serviceAccountName ?? 'default') as Obj | undefined;
    if ((spec.automountServiceAccountToken ?? sa?.automountServiceAccountToken) === false) return;
    const existing = (spec.volumes ?? []).find((v: Obj) => String(v.name).startsWith('kube-api-access-'));
    const name = existing?.name ?? `kube-api-access-${kubeSuffix(`${o.metadata.namespace}/${o.metadata.name}/${o.metadata.uid}`)}`;
    let needed = false;
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])] as Obj[]) {
      if ((c.volumeMounts ?? []).some((m: Obj) => m.mountPath === SA_TOKEN_PATH)) continue;
      c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: SA_TOKEN_PATH, name, readOnly: true }];
      needed = true;
    }
    if (!needed || existing) return;
    spec.volumes = [
      ...(spec.volumes ?? []),
      {
        name,
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ];
  }

  private schedulePod(o: Obj): void {
    const workers = this.nodes.filter((n) => !n.controlPlane);
    if (!o.spec.nodeName && this.schedulerDown) {
      // No scheduler: the pod waits unbound, with no conditions (the scheduler is what sets PodScheduled).
      o.status = { phase: 'Pending', qosClass: podQOS(o.spec) };
      return;
    }
    if (!o.spec.nodeName) {
      const pool = workers.length ? workers : this.nodes;
      if (pool.length === 1) o.spec.nodeName = pool[0]!.name;
      else {
        // Spread as the scheduler's balancing does: the node with fewest pods.
        const load = new Map(pool.map((n) => [n.name, 0]));
        for (const p of this.store.get('Pod')!.values()) {
          const n = (p as Obj).spec.nodeName;
          if (load.has(n)) load.set(n, load.get(n)! + 1);
        }
        o.spec.nodeName = [...pool].sort((a, b) => load.get(a.name)! - load.get(b.name)!)[0]!.name;
      }
    }
    const node = this.nodes.find((n) => n.name === o.spec.nodeName) ?? this.nodes[0]!;
    const now = rfc3339(this.clock.now());
    const start = o.metadata.creationTimestamp ?? now;
    const given = o.status ?? {};
    const podIP = given.podIP ?? (o.spec.hostNetwork ? node.ip : this.allocPodIp(node));
    const containers = o.spec.containers as Obj[];
    o.status = {
      conditions: [
        { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'PodReadyToStartContainers' },
        { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'Initialized' },
        { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'Ready' },
        { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'ContainersReady' },
        { lastProbeTime: null, lastTransitionTime: start, status: 'True', type: 'PodScheduled' },
      ],
      containerStatuses: containers.map((c) => ({
        containerID: `containerd://${this.hex(64)}`,
        image: normalizeImage(c.image),
        imageID: `${normalizeImage(c.image).replace(/:[^:/]*$/, '')}@sha256:${this.hex(64)}`,
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: start } },
      })),
      hostIP: node.ip,
      hostIPs: [{ ip: node.ip }],
      phase: 'Running',
      podIP,
      podIPs: [{ ip: podIP }],
      qosClass: podQOS(o.spec),
      startTime: start,
    };
  }

  private allocPodIp(node: NodeSpec): string {
    const n = this.nextPodIp[node.name] ?? 2;
    this.nextPodIp[node.name] = n + 1;
    return `10.244.${node.podCidrIndex + Math.floor(n / 254) * 16}.${(n % 254) + 1}`;
  }

  private allocateService(o: Obj): void {
    const s = o.spec;
    if (s.type === 'ExternalName') return;
    if (!s.clusterIP) {
      const n = this.nextServiceIp++;
      s.clusterIP = `10.${96 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
    }
    s.clusterIPs ??= [s.clusterIP];
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') for (const p of s.ports ?? []) p.nodePort ??= this.allocNodePort();
    o.status ??= { loadBalancer: {} };
  }

  private allocNodePort(): number {
    const used = new Set(this.list(resourceTypeForKind('Service')!).flatMap((s) => ((s as Obj).spec.ports ?? []).map((p: Obj) => p.nodePort)));
    for (let i = 0; i < 2768; i++) {
      const port = 30000 + Math.floor(this.random.next() * 2768);
      if (!used.has(port)) return port;
    }
    return 30000;
  }

  private reconcileEndpoints(ns: string): void {
    const epType = resourceTypeForKind('Endpoints')!;
    const pods = this.list(resourceTypeForKind('Pod')!, ns) as Obj[];
    for (const svc of this.list(resourceTypeForKind('Service')!, ns) as Obj[]) {
      const sel = svc.spec.selector as Record<string, string> | undefined;
      if (!sel) continue;
      const backends = pods.filter((p) => selectorMatches({ matchLabels: sel }, p.metadata.labels) && p.status?.podIP);
      const ports = (svc.spec.ports ?? []).map((p: Obj) => {
        const tp = p.targetPort;
        const resolved =
          typeof tp === 'string'
            ? backends.flatMap((b) => b.spec.containers.flatMap((c: Obj) => c.ports ?? [])).find((cp: Obj) => cp.name === tp)?.containerPort
            : tp;
        return { ...(p.name ? { name: p.name } : {}), port: resolved ?? p.port, protocol: p.protocol };
      });
      const subsets =
        backends.length === 0
          ? undefined
          : [
              {
                addresses: backends
                  .map((b) => ({
                    ip: b.status.podIP,
                    nodeName: b.spec.nodeName,
                    targetRef: { kind: 'Pod', name: b.metadata.name, namespace: ns, uid: b.metadata.uid },
                  }))
                  .sort((a, b) => (a.ip < b.ip ? -1 : 1)),
                ports,
              },
            ];
      const existing = this.get(epType, ns, svc.metadata.name) as Obj | undefined;
      const next: Obj = {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: svc.metadata.name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}) } },
        ...(subsets ? { subsets } : {}),
      };
      if (existing) {
        if (JSON.stringify(existing.subsets) === JSON.stringify(next.subsets) && JSON.stringify(existing.metadata.labels) === JSON.stringify(next.metadata.labels)) continue;
        next.metadata = { ...existing.metadata, labels: next.metadata.labels, resourceVersion: String(++this.rv) };
        this.store.get('Endpoints')!.set(this.key(epType, ns, svc.metadata.name), next as KubeObject);
        this.sorted.clear();
      } else {
        next.metadata.creationTimestamp = svc.metadata.creationTimestamp;
        this.insert(epType, next as KubeObject);
      }
    }
  }

  private reconcileDeployment(d: Obj): void {
    const rsType = resourceTypeForKind('ReplicaSet')!;
    const template = d.spec.template;
    const hash = podTemplateHash(JSON.stringify(template));
    const name = `${d.metadata.name}-${hash}`;
    const ns = d.metadata.namespace;
    const owned = (this.list(rsType, ns) as Obj[]).filter((rs) => rs.metadata.ownerReferences?.some((r: Obj) => r.uid === d.metadata.uid));
    for (const old of owned) {
      if (old.metadata.name !== name && old.spec.replicas !== 0) {
        old.spec.replicas = 0;
        old.metadata.resourceVersion = String(++this.rv);
        this.reconcileReplicaSet(old);
      }
    }
    let rs = this.get(rsType, ns, name) as Obj | undefined;
    const replicas = d.spec.replicas ?? 1;
    if (!rs) {
      rs = this.insertChild({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: ns,
          labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash },
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(replicas),
            'deployment.kubernetes.io/max-replicas': String(replicas + Math.ceil(replicas / 4)),
            'deployment.kubernetes.io/revision': String(owned.length + 1),
          },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }],
        },
        spec: {
          replicas,
          selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash }, ...(d.spec.selector.matchExpressions ? { matchExpressions: d.spec.selector.matchExpressions } : {}) },
          template: { metadata: { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } }, spec: template.spec },
        },
      });
    } else if (rs.spec.replicas !== replicas) {
      rs.spec.replicas = replicas;
      rs.metadata.annotations = { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(replicas) };
      rs.metadata.resourceVersion = String(++this.rv);
      this.reconcileReplicaSet(rs);
    }
    // The deployment controller stamps the new ReplicaSet's revision on the deployment.
    const revision = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (revision) d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'deployment.kubernetes.io/revision': revision };
    d.status = {
      availableReplicas: replicas || undefined,
      conditions: [
        { lastTransitionTime: d.metadata.creationTimestamp, lastUpdateTime: d.metadata.creationTimestamp, message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
        { lastTransitionTime: d.metadata.creationTimestamp, lastUpdateTime: d.metadata.creationTimestamp, message: `ReplicaSet "${name}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
      ],
      observedGeneration: d.metadata.generation,
      readyReplicas: replicas || undefined,
      replicas: replicas || undefined,
      updatedReplicas: replicas || undefined,
    };
    for (const k of Object.keys(d.status)) if (d.status[k] === undefined) delete d.status[k];
  }

  private reconcileReplicaSet(rs: Obj): void {
    const podType = resourceTypeForKind('Pod')!;
    const ns = rs.metadata.namespace;
    const mine = (this.list(podType, ns) as Obj[]).filter((p) => p.metadata.ownerReferences?.some((r: Obj) => r.uid === rs.metadata.uid));
    const want = rs.spec.replicas ?? 1;
    for (let i = mine.length; i < want; i++) {
      const tmpl = rs.spec.template;
      let name: string;
      do name = `${rs.metadata.name}-${kubeRandString(this.random, 5)}`;
      while (this.get(podType, ns, name));
      this.insertChild({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          generateName: `${rs.metadata.name}-`,
          namespace: ns,
          labels: { ...(tmpl.metadata?.labels ?? {}) },
          ...(tmpl.metadata?.annotations ? { annotations: { ...tmpl.metadata.annotations } } : {}),
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true }],
        },
        spec: { ...structuredClone(tmpl.spec), serviceAccountName: tmpl.spec.serviceAccountName ?? 'default' },
      });
    }
    // Scale down removes the newest pods first.
    const extra = mine.length - want;
    if (extra > 0) {
      const victims = [...mine].sort((a, b) => (a.metadata.name < b.metadata.name ? 1 : -1)).slice(0, extra);
      for (const v of victims) {
        this.store.get('Pod')!.delete(this.key(podType, ns, v.metadata.name)) && this.count--;
        this.sorted.clear();
      }
      this.reconcileEndpoints(ns);
    }
    const n = Math.min(want, Math.max(mine.length, want));
    rs.status = want === 0 ? { observedGeneration: rs.metadata.generation, replicas: 0 } : { availableReplicas: n, fullyLabeledReplicas: n, observedGeneration: rs.metadata.generation, readyReplicas: n, replicas: n };
  }

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.random.next() * 16).toString(16);
    return s;
  }
}

/** JSON with keys sorted, to compare objects whatever order their fields were written in. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, (x as Record<string, unknown>)[k]])) : x,
  );
}

/** docker.io/library/nginx:latest for `nginx`, as containerd reports an image. */
function normalizeImage(image: string): string {
  let ref = image;
  if (!ref.includes('@') && !/:[^/]+$/.test(ref)) ref += ':latest';
  const first = ref.split('/')[0]!;
  if (!ref.includes('/')) return `docker.io/library/${ref}`;
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${ref}`;
  return ref;
}

const SA_TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The token volume and mounts admission added on create stay on an update that leaves them out,
 * as apply's strategic merge of containers by name keeps them (the lab's merge replaces lists).
 */
function keepTokenMounts(current: Obj, next: Obj): void {
  const token = (c: Obj) => (c.volumeMounts ?? []).find((m: Obj) => m.mountPath === SA_TOKEN_PATH);
  for (const key of ['initContainers', 'containers']) {
    for (const c of (next.spec?.[key] ?? []) as Obj[]) {
      const mount = token((current.spec?.[key] ?? []).find((x: Obj) => x.name === c.name) ?? {});
      if (mount && !token(c)) c.volumeMounts = [...(c.volumeMounts ?? []), structuredClone(mount)];
    }
  }
  const isToken = (v: Obj) => String(v.name).startsWith('kube-api-access-');
  const volume = (current.spec?.volumes ?? []).find(isToken);
  if (volume && next.spec && !(next.spec.volumes ?? []).some(isToken)) next.spec.volumes = [...(next.spec.volumes ?? []), structuredClone(volume)];
}

/** Five characters of kube's rand alphabet, derived from a seed by 32-bit FNV-1a. */
function kubeSuffix(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 5; i++, h = Math.floor(h / alphabet.length)) s += alphabet[h % alphabet.length];
  return s;
}

/** A pod-template-hash: a stable 32-bit FNV-1a of the template, in kube's safe alphabet (as rand.SafeEncodeString). */
function podTemplateHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const digits = String(h);
  return [...digits].map((d) => alphabet[(Number(d) * 7 + d.charCodeAt(0)) % alphabet.length]).join('');
}

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
