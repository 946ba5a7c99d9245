// kube-scheduler 1.32's VolumeBinding plugin: messages from
// pkg/scheduler/framework/plugins/volumebinding (binder.go's ErrReason* texts, PreFilter's
// "pod has unbound immediate PersistentVolumeClaims") inside FitError.Error() of framework/types.go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schedule, type ClusterView, type SchedNode, type SchedPod, type StorageView } from '../../server/cluster/scheduler/index.js';

const node = (name: string): SchedNode => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: {},
  status: { allocatable: { cpu: '2', memory: '2Gi', pods: '110' } },
});
const nodes = [node('node01'), node('node02')];
const podWith = (claim: string): SchedPod =>
  ({ metadata: { name: 'app', namespace: 'default' }, spec: { containers: [{ name: 'c' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: claim } }] } }) as unknown as SchedPod;
const claim = (name: string, spec: Record<string, unknown>) => ({ metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });
const localPv = (name: string, host: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    capacity: { storage: '1Gi' },
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'local',
    local: { path: '/mnt' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] }] } },
    ...extra,
  },
  status: { phase: 'Available' },
});
const wffc = { metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' };
const view = (storage: StorageView): ClusterView => ({ nodes, pods: [], namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns }), storage });

test('PreFilter: a missing claim and an unbound Immediate claim stop the cycle before any node', () => {
  assert.deepEqual(schedule(podWith('data'), view({ claims: [], volumes: [], classes: [] })), {
    kind: 'unschedulable',
    message: '0/2 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  });
  assert.deepEqual(schedule(podWith('data'), view({ claims: [claim('data', { storageClassName: '' })], volumes: [], classes: [] })), {
    kind: 'unschedulable',
    message: '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  });
});

test('Filter: a bound local volume pins the pod to its node; elsewhere a node affinity conflict', () => {
  const storage = { claims: [claim('data', { storageClassName: 'local', volumeName: 'pv2' })], volumes: [localPv('pv2', 'node02')], classes: [wffc] };
  assert.deepEqual(schedule(podWith('data'), view(storage)), { kind: 'scheduled', node: 'node02' });
  const gone = { ...storage, volumes: [localPv('pv2', 'node03')] };
  assert.deepEqual(schedule(podWith('data'), view(gone)), {
    kind: 'unschedulable',
    message: '0/2 nodes are available: 2 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  });
});

test('Filter: a WaitForFirstConsumer claim goes where a matching volume is, or nowhere', () => {
  const storage = { claims: [claim('data', { storageClassName: 'local' })], volumes: [localPv('pv2', 'node02')], classes: [wffc] };
  assert.deepEqual(schedule(podWith('data'), view(storage)), { kind: 'scheduled', node: 'node02' });
  const tooSmall = { ...storage, volumes: [localPv('pv2', 'node02', { capacity: { storage: '500Mi' } })] };
  assert.deepEqual(schedule(podWith('data'), view(tooSmall)), {
    kind: 'unschedulable',
    message: "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
  });
});
