// The simulated API server: bootstrap, controllers, refusals that change nothing, snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { resolveResourceType } from '../../server/cluster/index.js';
import { createCluster, restoreCluster } from '../../server/cluster/index.js';

const t = (s: string) => resolveResourceType(s)!;
const make = () => createCluster({ clock: new ManualClock(Date.parse('2025-02-04T06:00:00Z')), random: seededRandom(3) });

test('a fresh cluster is a kubeadm control plane', () => {
  const c = make();
  assert.deepEqual(c.list(t('ns')).map((n) => n.metadata.name), ['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  assert.deepEqual(c.get(t('ns'), undefined, 'default')!.metadata.labels, { 'kubernetes.io/metadata.name': 'default' });
  assert.equal(c.list(t('pods'), 'kube-system').filter((p) => p.metadata.name!.startsWith('coredns-')).length, 2);
  assert.equal((c.get(t('svc'), 'kube-system', 'kube-dns')!.spec as { clusterIP: string }).clusterIP, '10.96.0.10');
  assert.ok(c.get(t('sa'), 'default', 'default'));
});

test('a Deployment owns a ReplicaSet that owns its pods; deleting a pod brings a new one; scale and delete cascade', () => {
  const c = make();
  const r = c.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } });
  assert.ok(r.ok);
  const rs = c.list(t('rs'), 'default');
  assert.equal(rs.length, 1);
  assert.match(rs[0]!.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  const pods = c.list(t('pods'), 'default');
  assert.equal(pods.length, 3);
  for (const p of pods) {
    assert.match(p.metadata.name!, new RegExp(`^${rs[0]!.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    assert.equal(p.metadata.ownerReferences![0]!.uid, rs[0]!.metadata.uid);
  }
  c.delete(t('pods'), 'default', pods[0]!.metadata.name!);
  assert.equal(c.list(t('pods'), 'default').length, 3);
  const d = c.get(t('deploy'), 'default', 'web')!;
  c.update({ ...d, spec: { ...(d.spec as object), replicas: 1 } });
  assert.equal(c.list(t('pods'), 'default').length, 1);
  c.delete(t('deploy'), 'default', 'web');
  assert.equal(c.list(t('rs'), 'default').length, 0);
  assert.equal(c.list(t('pods'), 'default').length, 0);
});

test('Endpoints follow the selector and the pods', () => {
  const c = make();
  c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] } });
  c.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'x' }, ports: [{ port: 8080, targetPort: 'http' }] } });
  const ep = c.get(t('ep'), 'default', 's') as unknown as { subsets: { addresses: { ip: string }[]; ports: { port: number }[] }[] };
  assert.equal(ep.subsets[0]!.ports[0]!.port, 80);
  assert.equal(ep.subsets[0]!.addresses.length, 1);
});

test('a refused write changes nothing', () => {
  const c = make();
  const before = JSON.stringify(c.snapshot());
  const bad = c.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'Bad_Name' }, spec: { podSelector: {} } });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.error.reason, 'Invalid');
  const noNs = c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'nope' }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  assert.equal(!noNs.ok && noNs.error.message, 'namespaces "nope" not found');
  assert.equal(JSON.stringify(c.snapshot()), before);
});

test('a snapshot restores the same cluster', () => {
  const c = make();
  c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  const snap = JSON.parse(JSON.stringify(c.snapshot()));
  const d = restoreCluster(snap, { clock: new ManualClock(0), random: seededRandom(1) });
  assert.deepEqual(d.snapshot(), snap);
  assert.deepEqual(d.list(t('ns')).map((n) => n.metadata.name), c.list(t('ns')).map((n) => n.metadata.name));
});
