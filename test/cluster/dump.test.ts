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
