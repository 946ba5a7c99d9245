// The grader's node checks on a live lab: what passes, what fails and how it is explained.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lab } from '../../server/lab/index.js';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { gradeTask } from '../../server/grader/index.js';
import type { Check } from '../../server/scenarios/index.js';
import { testPki } from '../helpers/pki.js';

const T0 = Date.UTC(2026, 10, 30, 3, 0, 0);
function lab() {
  const clock = new ManualClock(T0);
  const l = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], workers: ['node01'] }, { clock, random: seededRandom(1), pki: testPki });
  const grade = (...checks: Check[]) => gradeTask({ kind: 'task', checks }, l.live(), undefined).checks.map((c) => [c.passed, c.explanation] as const);
  return { lab: l, clock, grade };
}
const ETCD = 'etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

test('snapshot: valid for the moment it was taken, not after', () => {
  const { lab: l, grade } = lab();
  l.run('kubectl create ns first');
  l.run(`${ETCD} snapshot save /opt/a.db`);
  l.run('kubectl create ns second');
  const ns = (name: string) => ({ kind: 'Namespace', name, namespace: 'default' });
  assert.deepEqual(grade({ kind: 'snapshot', host: 'controlplane', path: '/opt/a.db', contains: [ns('first')], lacks: [ns('second')] })[0]![0], true);
  assert.deepEqual(grade({ kind: 'snapshot', host: 'controlplane', path: '/opt/a.db', contains: [ns('second')], lacks: [] })[0], [false, 'The snapshot does not hold Namespace second: it was taken at another moment.']);
  l.run('echo not a snapshot > /opt/b.db');
  assert.deepEqual(grade({ kind: 'snapshot', host: 'controlplane', path: '/opt/b.db', contains: [], lacks: [] })[0], [false, '/opt/b.db on controlplane is not an etcd snapshot (etcdutl snapshot status would say: invalid database).']);
  assert.deepEqual(grade({ kind: 'snapshot', host: 'node01', path: '/opt/a.db', contains: [], lacks: [] })[0], [false, '/opt/a.db is not on node01.']);
});

test('service, node Ready and static pod checks explain what they found', () => {
  const { lab: l, clock, grade } = lab();
  l.run('ssh node01 systemctl stop kubelet');
  clock.advance(40_000);
  assert.deepEqual(grade({ kind: 'service', host: 'node01', name: 'kubelet', active: true, enabled: undefined })[0], [false, 'On node01, the kubelet is inactive.']);
  assert.deepEqual(grade({ kind: 'node-ready', node: 'node01', ready: true })[0], [false, 'node01 is NotReady: NodeStatusUnknown (Kubelet stopped posting node status.).']);
  l.run("sed -i 's/--leader-elect=true/--bogus-flag=true/' /etc/kubernetes/manifests/kube-scheduler.yaml");
  assert.deepEqual(grade({ kind: 'static-pod', host: 'controlplane', name: 'kube-scheduler', namespace: 'kube-system' })[0], [false, 'kube-scheduler-controlplane does not start: Error: unknown flag: --bogus-flag.']);
  l.run('kubectl run plain --image=nginx');
  assert.deepEqual(grade({ kind: 'static-pod', host: 'controlplane', name: 'plain', namespace: 'default' })[0], [false, 'There is no pod plain-controlplane in namespace default: no manifest in controlplane\'s staticPodPath makes it.']);
  assert.deepEqual(grade({ kind: 'file', host: 'node01', path: '/var/lib/kubelet/config.yaml', exists: true, contains: 'cgroupDriver: cgroupfs' })[0], [false, '/var/lib/kubelet/config.yaml on node01 does not contain "cgroupDriver: cgroupfs".']);
});
