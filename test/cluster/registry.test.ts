// The registry of kinds and the generic store: facts every kind must hold, resourceVersion,
// finalizers, owner references and garbage collection with the three propagation policies
// (apiserver registry/generic/registry/store.go and the garbage collector's semantics), and
// snapshot compatibility with labs saved before the registry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { apiVersionOf, type KubeObject } from '../../server/api/index.js';
import {
  ALL_VERBS,
  KINDS,
  apiVersions,
  createCluster,
  kindFor,
  kindsInCategory,
  resolveResourceType,
  restoreCluster,
  type Cluster,
  type ClusterSnapshot,
} from '../../server/cluster/index.js';

const t = (s: string) => resolveResourceType(s)!;
const clock = () => new ManualClock(Date.parse('2025-02-04T06:00:00Z'));
const make = () => createCluster({ clock: clock(), random: seededRandom(3) });
const deployment = (name: string, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});
const names = (c: Cluster, type: string, ns = 'default') => c.list(t(type), ns).map((o) => o.metadata.name);

test('every kind has its own group and plural, and each name a user types means one kind', () => {
  const seen = new Map<string, string>();
  for (const k of KINDS) {
    const id = `${k.resource}.${k.group}`;
    assert.ok(!seen.has(id), `${id} registered twice`);
    seen.set(id, k.kind);
  }
  // Every name resolves to a kind that has it; the only name two kinds share is upstream's own
  // duplicate, core/v1 and events.k8s.io/v1 Event, where the core group wins (as kubectl's RESTMapper).
  const owners = new Map<string, Set<string>>();
  for (const k of KINDS) for (const n of [k.resource, k.singular, ...k.shortNames, k.kind.toLowerCase()]) {
    owners.set(n, (owners.get(n) ?? new Set()).add(k.resource));
  }
  const shared = [...owners].filter(([, s]) => s.size > 1).map(([n]) => n);
  assert.deepEqual(shared, []);
  assert.equal(t('ev').group, '');
  assert.equal(t('events.events.k8s.io').group, 'events.k8s.io');
  for (const k of KINDS) {
    assert.equal(kindFor(apiVersionOf(k), k.kind)?.resource, k.resource, `${k.kind} is found by its apiVersion`);
    assert.ok(k.verbs.every((v) => ALL_VERBS.includes(v)), `${k.kind} has only discovery verbs`);
    assert.deepEqual([...k.verbs], [...k.verbs].sort(), `${k.kind}'s verbs are in discovery order`);
    assert.equal(k.singular, k.kind.toLowerCase(), `${k.kind}'s singular`);
  }
});

test('the registry holds what a kubeadm 1.32 cluster serves', () => {
  assert.equal(KINDS.length, 58);
  assert.deepEqual(
    kindsInCategory('all').map((k) => k.resource),
    ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs'],
  );
  assert.ok(apiVersions().includes('autoscaling/v1'));
  assert.equal(kindFor('autoscaling/v1', 'HorizontalPodAutoscaler')?.version, 'v2');
});

test('a kind stored as given is created, listed, got and deleted like any other', () => {
  const c = make();
  const refused: string[] = [];
  for (const k of KINDS.filter((k) => k.verbs.includes('list') && k.verbs.includes('create'))) {
    const r = c.create({ apiVersion: apiVersionOf(k), kind: k.kind, metadata: { name: 'x' } });
    if (!r.ok) {
      refused.push(k.kind);
      continue;
    }
    assert.ok(r.value.metadata.uid && r.value.metadata.resourceVersion && r.value.metadata.creationTimestamp, `${k.kind} is stamped`);
    assert.equal(r.value.metadata.namespace, k.namespaced ? 'default' : undefined);
    assert.ok(c.list(k, k.namespaced ? 'default' : undefined).some((o) => o.metadata.name === 'x'), k.kind);
    assert.equal(c.get(k, 'default', 'x')?.metadata.uid, r.value.metadata.uid, k.kind);
    assert.ok(c.delete(k, 'default', 'x').ok, k.kind);
    assert.equal(c.get(k, 'default', 'x'), undefined, k.kind);
  }
  // Only kinds that validate their spec refuse an object with nothing but a name.
  assert.deepEqual(refused, ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ClusterRoleBinding', 'RoleBinding', 'DaemonSet', 'Job', 'CronJob', 'StatefulSet', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass']);
  const cm = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: 'b' } });
  assert.ok(cm.ok);
  assert.deepEqual((c.get(t('cm'), 'default', 'cfg') as { data?: unknown }).data, { a: 'b' });
  // Generic validation still holds: the name rule and strict decoding of metadata.
  const bad = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });
  assert.equal(!bad.ok && bad.error.reason, 'Invalid');
  const unknownMeta = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labelz: {} } });
  assert.equal(!unknownMeta.ok && unknownMeta.error.message, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.labelz"');
  const wrongVersion = c.create({ apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'x' } });
  assert.equal(!wrongVersion.ok && wrongVersion.error.message, 'the server could not find the requested resource "" not found');
});

test('resourceVersion grows with every write and not with an update that changes nothing', () => {
  const c = make();
  const rv = (o: KubeObject) => Number(o.metadata.resourceVersion);
  const a = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
  assert.ok(a.ok);
  const same = c.update(structuredClone(a.value));
  assert.ok(same.ok);
  assert.equal(same.value.metadata.resourceVersion, a.value.metadata.resourceVersion);
  const revision = c.revision;
  const changed = c.update({ ...a.value, data: { a: '2' } });
  assert.ok(changed.ok);
  assert.ok(rv(changed.value) > rv(a.value));
  assert.equal(c.revision, revision + 1);
  const b = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } });
  assert.ok(b.ok && rv(b.value) > rv(changed.value));
  // A stale resourceVersion is a conflict.
  const stale = c.update({ ...a.value, data: { a: '3' } });
  assert.equal(!stale.ok && stale.error.reason, 'Conflict');
  // generation follows spec changes only, for kinds that track it.
  assert.ok(c.create(deployment('web', 1)).ok);
  const d = c.get(t('deploy'), 'default', 'web')!;
  assert.equal(d.metadata.generation, 1);
  const labelled = c.update({ ...structuredClone(d), metadata: { ...d.metadata, labels: { x: 'y' } } });
  assert.ok(labelled.ok && labelled.value.metadata.generation === 1);
  const scaled = c.update({ ...structuredClone(labelled.value), spec: { ...(labelled.value.spec as object), replicas: 3 } });
  assert.ok(scaled.ok && scaled.value.metadata.generation === 2);
});

test('a refused write changes nothing', () => {
  const c = make();
  assert.ok(c.create(deployment('web')).ok);
  const before = JSON.stringify(c.snapshot());
  const d = c.get(t('deploy'), 'default', 'web')!;
  const refusals = [
    c.create(deployment('web')),
    c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'nope' } }),
    c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'bad key!': 'v' } } }),
    c.update({ ...structuredClone(d), spec: { ...(d.spec as object), selector: { matchLabels: { app: 'other' } } } }),
    c.update({ ...structuredClone(d), metadata: { ...d.metadata, resourceVersion: '1' } }),
    c.delete(t('ns'), undefined, 'kube-system'),
    c.delete(t('cm'), 'default', 'missing'),
    // A server-side dry run is admitted and stores nothing.
    c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry' } }, { dryRun: true }),
  ];
  assert.deepEqual(refusals.map((r) => r.ok), [false, false, false, false, false, false, false, true]);
  assert.deepEqual(refusals.slice(0, 7).map((r) => !r.ok && r.error.reason), ['AlreadyExists', 'NotFound', 'Invalid', 'Invalid', 'Conflict', 'Forbidden', 'NotFound']);
  assert.equal(JSON.stringify(c.snapshot()), before);
});

test('garbage collection, Background (the default): the owner goes, then everything it owns', () => {
  const c = make();
  assert.ok(c.create(deployment('web')).ok);
  assert.equal(names(c, 'rs').length, 1);
  assert.equal(names(c, 'pods').length, 2);
  assert.ok(c.delete(t('deploy'), 'default', 'web', { propagationPolicy: 'Background' }).ok);
  assert.deepEqual([names(c, 'deploy'), names(c, 'rs'), names(c, 'pods')], [[], [], []]);
  // Generic: any kind may own any other.
  const secret = c.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'owner' } });
  assert.ok(secret.ok);
  const owned = { apiVersion: 'v1', kind: 'Secret', name: 'owner', uid: secret.value.metadata.uid! };
  assert.ok(c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [owned] } }).ok);
  assert.ok(c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'free' } }).ok);
  assert.ok(c.delete(t('secret'), 'default', 'owner').ok);
  assert.deepEqual(names(c, 'cm'), ['free']);
});

test('garbage collection, Orphan: the owner goes and its dependents stay without the reference', () => {
  const c = make();
  assert.ok(c.create(deployment('web')).ok);
  const rs = structuredClone(c.list(t('rs'), 'default')[0]!);
  assert.ok(c.delete(t('deploy'), 'default', 'web', { propagationPolicy: 'Orphan' }).ok);
  assert.deepEqual(names(c, 'deploy'), []);
  const kept = c.get(t('rs'), 'default', rs.metadata.name!)!;
  assert.equal(kept.metadata.ownerReferences, undefined);
  assert.ok(Number(kept.metadata.resourceVersion) > Number(rs.metadata.resourceVersion));
  assert.equal(names(c, 'pods').length, 2);
  // The pods still belong to the ReplicaSet, and go with it.
  assert.ok(c.delete(t('rs'), 'default', rs.metadata.name!).ok);
  assert.deepEqual(names(c, 'pods'), []);
});

test('garbage collection, Foreground: dependents first; a blocking dependent held by a finalizer keeps the owner', () => {
  const c = make();
  assert.ok(c.create(deployment('web', 1)).ok);
  assert.ok(c.delete(t('deploy'), 'default', 'web', { propagationPolicy: 'Foreground' }).ok);
  assert.deepEqual([names(c, 'deploy'), names(c, 'rs'), names(c, 'pods')], [[], [], []]);

  assert.ok(c.create(deployment('api', 1)).ok);
  const pod = c.list(t('pods'), 'default')[0]!;
  const held = c.update({ ...structuredClone(pod), metadata: { ...pod.metadata, finalizers: ['example.com/hold'] } });
  assert.ok(held.ok);
  assert.ok(c.delete(t('deploy'), 'default', 'api', { propagationPolicy: 'Foreground' }).ok);
  const d = c.get(t('deploy'), 'default', 'api')!;
  const rs = c.list(t('rs'), 'default')[0]!;
  const p = c.get(t('pods'), 'default', pod.metadata.name!)!;
  assert.ok(d.metadata.deletionTimestamp && rs.metadata.deletionTimestamp && p.metadata.deletionTimestamp);
  assert.deepEqual(d.metadata.finalizers, ['foregroundDeletion']);
  assert.deepEqual(rs.metadata.finalizers, ['foregroundDeletion']);
  assert.equal(names(c, 'pods').length, 1, 'a ReplicaSet being deleted replaces nothing');
  // Removing the last finalizer lets the pod go, and its owners after it.
  const released = c.update({ ...structuredClone(p), metadata: { ...p.metadata, finalizers: [] } });
  assert.ok(released.ok);
  assert.deepEqual([names(c, 'deploy'), names(c, 'rs'), names(c, 'pods')], [[], [], []]);
});

test('finalizers keep a deleted object, with its deletionTimestamp, until the last one is removed', () => {
  const c = make();
  const cm = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', finalizers: ['example.com/a', 'example.com/b'] } });
  assert.ok(cm.ok);
  const del = c.delete(t('cm'), 'default', 'cfg');
  assert.ok(del.ok && del.value.metadata.deletionTimestamp === '2025-02-04T06:00:00Z');
  const marked = c.get(t('cm'), 'default', 'cfg')!;
  assert.equal(marked.metadata.deletionTimestamp, '2025-02-04T06:00:00Z');
  // A second delete changes nothing.
  const rv = marked.metadata.resourceVersion;
  assert.ok(c.delete(t('cm'), 'default', 'cfg').ok);
  assert.equal(c.get(t('cm'), 'default', 'cfg')!.metadata.resourceVersion, rv);
  const one = c.update({ ...structuredClone(marked), metadata: { ...marked.metadata, finalizers: ['example.com/b'] } });
  assert.ok(one.ok && one.value.metadata.deletionTimestamp);
  assert.ok(c.get(t('cm'), 'default', 'cfg'));
  const last = c.get(t('cm'), 'default', 'cfg')!;
  assert.ok(c.update({ ...structuredClone(last), metadata: { ...last.metadata, finalizers: [] } }).ok);
  assert.equal(c.get(t('cm'), 'default', 'cfg'), undefined);
});

test('a snapshot saved before the registry (commit 38e4566) restores to the same cluster', () => {
  const saved = JSON.parse(readFileSync(new URL('../fixtures/cluster-snapshot-38e4566.json', import.meta.url), 'utf8')) as ClusterSnapshot;
  const c = restoreCluster(saved, { clock: clock(), random: seededRandom(7) });
  assert.deepEqual(names(c, 'pods').length, 2);
  assert.deepEqual(names(c, 'netpol'), ['deny']);
  const again = c.snapshot();
  const byId = (s: ClusterSnapshot) => s.objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}@${o.metadata.resourceVersion}`).sort();
  assert.deepEqual(byId(again), byId(saved));
  assert.deepEqual({ ...again, objects: [] }, { ...saved, objects: [] });
  // And it keeps working: a write after the restore continues the resourceVersions.
  const r = c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after' } });
  assert.ok(r.ok && Number(r.value.metadata.resourceVersion) === saved.resourceVersion + 1);
});
