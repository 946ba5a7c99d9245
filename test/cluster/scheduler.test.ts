// The scheduler's filters and messages. Expected texts are kube-scheduler 1.32's: the reasons of
// pkg/scheduler/framework/plugins/{nodeunschedulable,tainttoleration,nodeaffinity,noderesources,
// nodeports,interpodaffinity,podtopologyspread}, FitError.Error() of framework/types.go and
// DefaultPreemption's "Preemption is not helpful for scheduling" / "No preemption victims found
// for incoming pod" (framework/preemption/preemption.go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podRequests, schedule, type ClusterView, type SchedNode, type SchedPod } from '../../server/cluster/scheduler/index.js';

const CP_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
const node = (name: string, extra: Partial<SchedNode['spec']> = {}, labels: Record<string, string> = {}, alloc: Record<string, string> = {}): SchedNode => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
  spec: { ...extra },
  status: { allocatable: { cpu: '2', memory: '2Gi', pods: '110', ...alloc } },
});
const kubeadm = (): SchedNode[] => [
  node('controlplane', { taints: [CP_TAINT] }, { 'node-role.kubernetes.io/control-plane': '' }),
  node('node01'),
  node('node02'),
];
const pod = (name: string, spec: Partial<SchedPod['spec']> = {}, labels: Record<string, string> = {}, requests?: Record<string, string>): SchedPod => ({
  metadata: { name, namespace: 'default', labels },
  spec: { containers: [{ name: 'c', ...(requests ? { resources: { requests } } : {}) }], ...spec },
});
const view = (nodes: SchedNode[], pods: SchedPod[] = []): ClusterView => ({ nodes, pods, namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns }) });

test('a plain pod goes to a worker, never to the tainted control plane', () => {
  const r = schedule(pod('web'), view(kubeadm()));
  assert.deepEqual(r, { kind: 'scheduled', node: 'node01' });
  const r2 = schedule(pod('web2'), view(kubeadm(), [{ ...pod('web'), spec: { ...pod('web').spec, nodeName: 'node01' } }]));
  assert.deepEqual(r2, { kind: 'scheduled', node: 'node02' }, 'spread to the emptier worker');
});

test('a nodeSelector typo: the taint on the control plane, the selector on the workers, and preemption cannot help', () => {
  const r = schedule(pod('web', { nodeSelector: { disktype: 'sdd' } }), view(kubeadm()));
  assert.deepEqual(r, {
    kind: 'unschedulable',
    message:
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
  });
});

test('too many requests: Insufficient cpu, with no victims of lower priority', () => {
  const busy = [node('node01'), node('node02')].map((n) => ({ ...pod(`hog-${n.metadata.name}`, { nodeName: n.metadata.name! }, {}, { cpu: '1500m' }) }));
  const r = schedule(pod('web', {}, {}, { cpu: '1' }), view(kubeadm(), busy));
  assert.deepEqual(r, {
    kind: 'unschedulable',
    message:
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  });
  const tooBig = schedule(pod('web', {}, {}, { cpu: '3', memory: '3Gi' }), view(kubeadm()));
  assert.equal(
    tooBig.kind === 'unschedulable' && tooBig.message,
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu, 2 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
});

test('a toleration and a nodeSelector put a pod on the control plane', () => {
  const r = schedule(
    pod('cp', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { 'node-role.kubernetes.io/control-plane': '' } }),
    view(kubeadm()),
  );
  assert.deepEqual(r, { kind: 'scheduled', node: 'controlplane' });
  const wrongEffect = schedule(pod('cp', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoExecute' }], nodeName: 'controlplane' }), view(kubeadm()));
  assert.equal(wrongEffect.kind, 'unschedulable');
});

test('cordoned nodes were unschedulable', () => {
  const nodes = [node('controlplane', { taints: [CP_TAINT] }), node('node01', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] })];
  const r = schedule(pod('web'), view(nodes));
  assert.equal(
    r.kind === 'unschedulable' && r.message,
    '0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('required node affinity: In, NotIn, Exists, Gt; an empty term matches nothing', () => {
  const nodes = [node('a', {}, { zone: 'z1', gen: '3' }), node('b', {}, { zone: 'z2', gen: '5' })];
  const aff = (expr: object[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: expr }] } } } }) as Partial<SchedPod['spec']>;
  assert.deepEqual(schedule(pod('p', aff([{ key: 'zone', operator: 'In', values: ['z2'] }])), view(nodes)), { kind: 'scheduled', node: 'b' });
  assert.deepEqual(schedule(pod('p', aff([{ key: 'zone', operator: 'NotIn', values: ['z2'] }])), view(nodes)), { kind: 'scheduled', node: 'a' });
  assert.deepEqual(schedule(pod('p', aff([{ key: 'gen', operator: 'Gt', values: ['4'] }])), view(nodes)), { kind: 'scheduled', node: 'b' });
  assert.equal(schedule(pod('p', aff([{ key: 'ssd', operator: 'Exists' }])), view(nodes)).kind, 'unschedulable');
  assert.equal(schedule(pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{}] } } } }), view(nodes)).kind, 'unschedulable');
});

test('pod anti-affinity spreads replicas by hostname, and the third has nowhere to go', () => {
  const anti = { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
  const placed: SchedPod[] = [];
  for (const name of ['w1', 'w2']) {
    const p = pod(name, anti, { app: 'web' });
    const r = schedule(p, view(kubeadm(), placed));
    assert.equal(r.kind, 'scheduled');
    placed.push({ ...p, spec: { ...p.spec, nodeName: (r as { node: string }).node } });
  }
  assert.deepEqual(placed.map((p) => p.spec.nodeName).sort(), ['node01', 'node02']);
  const r = schedule(pod('w3', anti, { app: 'web' }), view(kubeadm(), placed));
  assert.equal(
    r.kind === 'unschedulable' && r.message,
    "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't satisfy existing pods anti-affinity rules. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.",
  );
});

test('pod affinity: next to a matching pod, or the first of its group', () => {
  const db = { ...pod('db', { nodeName: 'node02' }, { app: 'db' }) };
  const withDb = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } } };
  assert.deepEqual(schedule(pod('cache', withDb), view(kubeadm(), [db])), { kind: 'scheduled', node: 'node02' });
  const r = schedule(pod('cache', withDb), view(kubeadm()));
  assert.equal(r.kind === 'unschedulable' && r.message.startsWith("0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match pod affinity rules."), true);
  assert.equal(schedule(pod('db2', withDb, { app: 'db' }), view(kubeadm())).kind, 'scheduled', 'a pod matching its own term may start the group');
});

test('topology spread with DoNotSchedule keeps the skew, and a node without the key is left out', () => {
  const nodes = [node('a', {}, { zone: 'z1' }), node('b', {}, { zone: 'z2' }), node('c')];
  const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
  const existing = [pod('w1', { nodeName: 'a' }, { app: 'web' })];
  const r = schedule(pod('w2', spread, { app: 'web' }), view(nodes, existing));
  assert.deepEqual(r, { kind: 'scheduled', node: 'b' });
  const two = [...existing, pod('w0', { nodeName: 'a' }, { app: 'web' })];
  const cordoned = [node('a', {}, { zone: 'z1' }), node('b', { unschedulable: true }, { zone: 'z2' }), node('c')];
  const r2 = schedule(pod('w3', spread, { app: 'web' }), view(cordoned, two));
  assert.equal(
    r2.kind === 'unschedulable' && r2.message.split('.')[0],
    "0/3 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) didn't match pod topology spread constraints (missing required label), 1 node(s) were unschedulable",
  );
});

test('preemption evicts only as many lower-priority pods as needed, and preemptionPolicy Never declines', () => {
  const nodes = [node('node01')];
  const low = [pod('low-a', { nodeName: 'node01', priority: 10 }, {}, { cpu: '800m' }), pod('low-b', { nodeName: 'node01', priority: 20 }, {}, { cpu: '800m' })];
  const r = schedule(pod('vip', { priority: 1000 }, {}, { cpu: '1' }), view(nodes, low));
  assert.equal(r.kind, 'unschedulable');
  assert.equal(r.kind === 'unschedulable' && r.message, '0/1 nodes are available: 1 Insufficient cpu.');
  assert.deepEqual(r.kind === 'unschedulable' && r.preemption?.victims.map((v) => v.metadata.name), ['low-a']);
  const never = schedule(pod('vip', { priority: 1000, preemptionPolicy: 'Never' }, {}, { cpu: '1' }), view(nodes, low));
  assert.equal(never.kind === 'unschedulable' && never.message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
});

test('Too many pods, free host ports, and no nodes at all', () => {
  const full = [node('n', {}, {}, { pods: '1' })];
  const r = schedule(pod('p'), view(full, [pod('q', { nodeName: 'n' })]));
  assert.equal(r.kind === 'unschedulable' && r.message, '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  const hp = (name: string, nodeName?: string): SchedPod => ({ metadata: { name, namespace: 'default' }, spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] } });
  const r2 = schedule(hp('b'), view([node('n')], [hp('a', 'n')]));
  assert.equal(r2.kind === 'unschedulable' && r2.message.split('.')[0], "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports");
  assert.deepEqual(schedule(pod('p'), view([])), { kind: 'unschedulable', message: 'no nodes available to schedule pods' });
});

test('pod requests: containers add up, init containers take the max, sidecars add to both', () => {
  const r = podRequests({
    metadata: {},
    spec: {
      initContainers: [
        { name: 'init', resources: { requests: { cpu: '1', memory: '100Mi' } } },
        { name: 'sidecar', restartPolicy: 'Always', resources: { requests: { cpu: '100m' } } },
        { name: 'init2', resources: { requests: { cpu: '500m' } } },
      ],
      containers: [
        { name: 'a', resources: { requests: { cpu: '200m', memory: '64Mi' } } },
        { name: 'b', resources: { requests: { cpu: '300m' } } },
      ],
    },
  });
  assert.equal(r.milliCPU, 1000n);
  assert.equal(r.memory, 100n * 1024n * 1024n);
});
