// The kubelet's view of a pod on a fake clock (server/cluster/lifecycle/pod-status.ts): pulls with
// kubelet's back-off (image_manager.go: "Back-off pulling image %q: %s"), CreateContainerConfigError
// texts (kubelet_pods.go makeEnvironmentVariables), FailedMount (configmap/secret volume plugins),
// init containers and sidecars, getPhase (kubelet_pods.go) and the conditions of status/generate.go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podStatusAt, runLogs, type KubeletLookups } from '../../server/cluster/lifecycle/index.js';

const T0 = Date.parse('2025-02-04T06:00:00Z');
const none: KubeletLookups = { configMap: () => undefined, secret: () => undefined, pvc: () => undefined };

function pod(spec: Record<string, unknown>, name = 'p') {
  return { metadata: { name, namespace: 'default', uid: 'u-1' }, spec, status: { podIP: '10.244.1.2', startTime: '2025-02-04T06:00:00Z' } };
}
const at = (s: number) => T0 + s * 1000;
const waiting = (r: ReturnType<typeof podStatusAt>, i = 0) => r.status.containerStatuses[i].state.waiting;

test('image pull: ContainerCreating, ErrImagePull, ImagePullBackOff, and the attempts on the back-off (10 s doubling)', () => {
  const p = pod({ containers: [{ name: 'c', image: 'nginx:nope' }] });
  assert.equal(waiting(podStatusAt(p, T0, at(1), none)).reason, 'ContainerCreating');
  assert.equal(waiting(podStatusAt(p, T0, at(2), none)).reason, 'ErrImagePull');
  assert.equal(waiting(podStatusAt(p, T0, at(7), none)).reason, 'ImagePullBackOff');
  // Attempts at 0, 12, 34 (2 s pull + 10 s, then + 20 s): the second fails at 14.
  assert.equal(waiting(podStatusAt(p, T0, at(13), none)).reason, 'ImagePullBackOff');
  assert.equal(waiting(podStatusAt(p, T0, at(15), none)).reason, 'ErrImagePull');
  const r = podStatusAt(p, T0, at(40), none);
  const pulling = r.events.find((e) => e.reason === 'Pulling')!;
  assert.deepEqual([pulling.count, pulling.first, pulling.last], [3, at(0), at(34)]);
  assert.equal(r.status.phase, 'Pending');
  assert.equal(r.changing, true);
});

test('a private registry without imagePullSecrets is refused as unauthorized', () => {
  const p = pod({ containers: [{ name: 'c', image: 'registry.example.com/team/app:1.0' }] });
  assert.match(waiting(podStatusAt(p, T0, at(3), none)).message, /pull access denied, repository does not exist or may require authorization/);
});

test('CreateContainerConfigError texts for a missing ConfigMap, Secret or key', () => {
  const envFrom = pod({ containers: [{ name: 'c', image: 'nginx', envFrom: [{ secretRef: { name: 's' } }] }] });
  assert.deepEqual(waiting(podStatusAt(envFrom, T0, at(1), none)), { message: 'secret "s" not found', reason: 'CreateContainerConfigError' });
  const key = pod({ containers: [{ name: 'c', image: 'nginx', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm', key: 'missing' } } }] }] });
  const look: KubeletLookups = { ...none, configMap: () => ({ data: { other: 'x' }, created: T0 }) };
  assert.equal(waiting(podStatusAt(key, T0, at(1), look)).message, "couldn't find key missing in ConfigMap default/cm");
  const optional = pod({ containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: 'gone', optional: true } }] }] });
  assert.equal(podStatusAt(optional, T0, at(1), none).status.phase, 'Running');
});

test('a missing volume source: every container ContainerCreating, no pod IP, FailedMount every 2 minutes', () => {
  const p = pod({ containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'v', secret: { secretName: 'tls' } }] });
  const r = podStatusAt(p, T0, at(250), none);
  assert.equal(waiting(r).reason, 'ContainerCreating');
  assert.equal(r.status.podIP, undefined);
  assert.deepEqual(
    r.events.map((e) => [e.reason, e.message, e.count]),
    [['FailedMount', 'MountVolume.SetUp failed for volume "v" : secret "tls" not found', 3]],
  );
});

test('init containers run one after the other; a sidecar starts and stays; the app starts after the last init', () => {
  const p = pod({
    initContainers: [
      { name: 'side', image: 'busybox', restartPolicy: 'Always', command: ['sh', '-c', 'while true; do echo s; sleep 1; done'] },
      { name: 'one', image: 'busybox', command: ['sleep', '5'] },
    ],
    containers: [{ name: 'app', image: 'nginx' }],
  });
  let r = podStatusAt(p, T0, at(3), none);
  assert.equal(r.status.phase, 'Pending');
  assert.equal(waiting(r).reason, 'PodInitializing');
  assert.deepEqual(r.status.initContainerStatuses.map((s: any) => Object.keys(s.state)[0]), ['running', 'running']);
  assert.equal(r.status.conditions.find((c: any) => c.type === 'Initialized').message, 'containers with incomplete status: [one]');
  r = podStatusAt(p, T0, at(6), none);
  assert.equal(r.status.phase, 'Running');
  assert.deepEqual(r.status.initContainerStatuses.map((s: any) => Object.keys(s.state)[0]), ['running', 'terminated']);
  assert.equal(r.status.initContainerStatuses[1].state.terminated.reason, 'Completed');
  assert.equal(r.status.containerStatuses[0].state.running.startedAt, '2025-02-04T06:00:05Z');
});

test('getPhase: Never with a failure is Failed, OnFailure with success is Succeeded, Always crash-loops as Running', () => {
  const run = (policy: string, script: string) => podStatusAt(pod({ restartPolicy: policy, containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', script] }] }), T0, at(30), none);
  assert.equal(run('Never', 'exit 2').status.phase, 'Failed');
  assert.equal(run('OnFailure', 'sleep 1').status.phase, 'Succeeded');
  const crash = run('Always', 'exit 1');
  assert.equal(crash.status.phase, 'Running');
  assert.equal(waiting(crash).reason, 'CrashLoopBackOff');
  assert.equal(crash.status.conditions.find((c: any) => c.type === 'Ready').reason, 'ContainersNotReady');
  const done = run('Never', 'exit 0');
  assert.equal(done.status.conditions.find((c: any) => c.type === 'Ready').reason, 'PodCompleted');
});

test('a liveness probe that fails restarts the container after initialDelay + period × failureThreshold', () => {
  const p = pod({ containers: [{ name: 'c', image: 'nginx', livenessProbe: { httpGet: { path: '/health', port: 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }] });
  const before = podStatusAt(p, T0, at(19), none);
  assert.equal(before.status.containerStatuses[0].restartCount, 0);
  const after = podStatusAt(p, T0, at(21), none);
  assert.equal(after.status.containerStatuses[0].restartCount, 1);
  assert.deepEqual(
    after.events.filter((e) => e.reason === 'Unhealthy' || e.reason === 'Killing').map((e) => [e.reason, e.message, e.count]),
    [
      ['Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 404', 3],
      ['Killing', 'Container c failed liveness probe, will be restarted', 1],
    ],
  );
});

test('a steady pod (every container running and ready) is marked as not changing', () => {
  assert.equal(podStatusAt(pod({ containers: [{ name: 'c', image: 'nginx' }] }), T0, at(100), none).changing, false);
  assert.equal(podStatusAt(pod({ containers: [{ name: 'c', image: 'nginx', readinessProbe: { tcpSocket: { port: 81 } } }] }), T0, at(100), none).changing, true);
});

test('runLogs: a loop prints on its period, date lines carry busybox date, only the latest lines are kept', () => {
  const p = pod({ containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo start; while true; do date; sleep 60; done'] }] });
  const r = podStatusAt(p, T0, at(125), none);
  const proc = r.processes.c!;
  assert.deepEqual(
    runLogs(proc.program, proc.runs[0]!, at(125)).map((l) => l.text),
    ['start', 'Tue Feb  4 06:00:00 UTC 2025', 'Tue Feb  4 06:01:00 UTC 2025', 'Tue Feb  4 06:02:00 UTC 2025'],
  );
  assert.deepEqual(runLogs(proc.program, proc.runs[0]!, at(125), 2).map((l) => l.text), ['start', 'Tue Feb  4 06:01:00 UTC 2025', 'Tue Feb  4 06:02:00 UTC 2025']);
});
