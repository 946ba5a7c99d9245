// Seeding from a cluster dump (test/fixtures/cluster-dump.yaml, in the shape `kubectl get -o yaml`
// prints a List): loads as kubectl apply would over the kubeadm bootstrap, keeping what the dump
// says of status and timestamps; and `kubectl apply -f` of the same dump flattens its List.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab, manifests } from '../helpers/lab.js';

test('a dump with the default namespace, the kubernetes Service and its Endpoints seeds a lab', () => {
  const { lab } = makeLab({ fixture: 'cluster-dump.yaml' });
  assert.equal(manifests('cluster-dump.yaml').length, 1);
  assert.match(lab.run('kubectl get ns default -o yaml').stdout, /creationTimestamp: "2025-02-04T05:42:30Z"/);
  assert.equal(lab.run('kubectl get pod web -n shop').stdout.split('\n')[1]!.replace(/\s+/g, ' '), 'web 0/1 CrashLoopBackOff 3 9m20s');
  const pod = JSON.parse(lab.run('kubectl get pod web -n shop -o json').stdout);
  assert.equal(pod.status.containerStatuses[0].state.waiting.reason, 'CrashLoopBackOff');
  assert.equal(pod.status.podIP, '10.244.0.9');
  assert.equal(pod.metadata.creationTimestamp, '2025-02-04T05:51:10Z');
  assert.equal(lab.run('kubectl get ep kubernetes').stdout.split('\n')[1]!.replace(/\s+/g, ' '), 'kubernetes 192.168.0.2:6443 18m');
});

test('kubectl apply -f of a List applies its items', () => {
  const { lab } = makeLab();
  lab.run(`cat <<'EOF' > dump.yaml\n${JSON.stringify(manifests('cluster-dump.yaml')[0])}\nEOF`);
  const r = lab.run('kubectl apply -f dump.yaml');
  assert.equal(r.stderr.replace(/Warning: resource (\S+) is missing[^\n]*\n/g, 'W $1\n'), 'W namespaces/default\nW services/kubernetes\nW endpoints/kubernetes\n');
  assert.equal(r.stdout, 'namespace/default configured\nnamespace/shop created\nservice/kubernetes configured\nendpoints/kubernetes configured\npod/web created\n');
});

test('a dump of a Deployment with its ReplicaSet, Pods and Endpoints loads without duplicates', () => {
  const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1', controller: true, blockOwnerDeletion: true };
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default', uid: 'd-1', creationTimestamp: '2025-02-04T05:50:00Z' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web-7d9c6b8f4d', namespace: 'default', uid: 'rs-1', ownerReferences: [owner], labels: { app: 'web', 'pod-template-hash': '7d9c6b8f4d' } },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d9c6b8f4d' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': '7d9c6b8f4d' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
      },
      ...['a1b2c', 'd3e4f'].map((s) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `web-7d9c6b8f4d-${s}`, namespace: 'default', labels: { app: 'web', 'pod-template-hash': '7d9c6b8f4d' }, ownerReferences: [{ ...owner, kind: 'ReplicaSet', apiVersion: 'apps/v1', name: 'web-7d9c6b8f4d', uid: 'rs-1' }] },
        spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
      })),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default' }, subsets: [{ addresses: [{ ip: '10.0.0.99' }], ports: [{ port: 80, protocol: 'TCP' }] }] },
    ],
  };
  const { lab } = makeLab({ setup: { objects: [list] } });
  assert.equal(lab.run('kubectl get rs -o name').stdout.trim().split('\n').length, 1);
  assert.equal(lab.run('kubectl get pods -o name').stdout.trim().split('\n').length, 2);
  assert.doesNotMatch(lab.run('kubectl get ep web').stdout, /10\.0\.0\.99/);
});
