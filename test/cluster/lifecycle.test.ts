// Containers on the lab clock. Texts: containerd's pull errors (as kubelet relays them in
// `Failed to pull image`), runc's "executable file not found in $PATH", kubelet's CrashLoopBackOff
// message (pkg/kubelet/kuberuntime/kuberuntime_manager.go) and its back-off (10 s doubling to 300 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containerStatusAt, crashLoopMessage, normalizeImage, programOf, pullImage, type ImageInfo } from '../../server/cluster/lifecycle/index.js';

const image = (name: string): ImageInfo => {
  const r = pullImage(name);
  assert.ok(r.ok, name);
  return r.info;
};
const T0 = Date.UTC(2025, 0, 1);
const at = (s: number) => T0 + s * 1000;

test('image references normalise as containerd names them', () => {
  assert.equal(normalizeImage('nginx').ref, 'docker.io/library/nginx:latest');
  assert.equal(normalizeImage('nginx:1.27').ref, 'docker.io/library/nginx:1.27');
  assert.equal(normalizeImage('kodekloud/webapp-color:v1').ref, 'docker.io/kodekloud/webapp-color:v1');
  assert.equal(normalizeImage('registry.k8s.io/pause:3.10').ref, 'registry.k8s.io/pause:3.10');
  assert.equal(normalizeImage('localhost:5000/app').ref, 'localhost:5000/app:latest');
});

test('a wrong tag is not found; an unknown repository or a private registry is refused', () => {
  const tag = pullImage('nginx:doesnotexist');
  assert.deepEqual(tag, {
    ok: false,
    ref: 'docker.io/library/nginx:doesnotexist',
    message:
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
  });
  const repo = pullImage('ngnix');
  assert.equal(repo.ok, false);
  assert.match(!repo.ok ? repo.message : '', /pull access denied, repository does not exist or may require authorization/);
  assert.equal(pullImage('private.example.com/team/app:1').ok, false);
  assert.equal(pullImage('busybox:1.28').ok, true);
});

test('what a container runs: servers run, sleep ends, exit codes, a missing program cannot start', () => {
  assert.equal(programOf({}, image('nginx')).kind, 'runs');
  assert.deepEqual(programOf({}, image('busybox')), { kind: 'exits', after: 0, code: 0, logs: [] }, 'sh without a tty exits at once');
  assert.equal(programOf({ stdin: true, tty: true }, image('busybox')).kind, 'runs');
  assert.deepEqual(programOf({ command: ['sleep', '3600'] }, image('busybox')), { kind: 'exits', after: 3600, code: 0, logs: [] });
  assert.deepEqual(programOf({ command: ['sleep'], args: ['infinity'] }, image('busybox')), { kind: 'runs', logs: [] });
  assert.deepEqual(programOf({ command: ['sh', '-c', 'echo starting; sleep 5; exit 3'] }, image('busybox')), {
    kind: 'exits',
    after: 5,
    code: 3,
    logs: [{ at: 0, text: 'starting' }],
  });
  assert.deepEqual(programOf({ command: ['sh', '-c', 'ech hello'] }, image('busybox')), { kind: 'exits', after: 0, code: 127, logs: [{ at: 0, text: 'sh: ech: not found' }] });
  assert.deepEqual(programOf({ command: ['/bin/sh', '-c', 'while true; do echo "$(date) hi"; sleep 5; done'] }, image('busybox')), {
    kind: 'runs',
    logs: [],
    loop: { from: 0, period: 5, lines: ['$(date) hi'] },
  });
  const typo = programOf({ command: ['slep', '10'] }, image('busybox'));
  assert.deepEqual(typo, {
    kind: 'cannot-start',
    message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "slep": executable file not found in $PATH: unknown',
  });
});

test('a crashing container restarts at once, then backs off 10 s doubling to 5 minutes', () => {
  const crash = programOf({ command: ['sh', '-c', 'exit 1'] }, image('busybox'));
  const s0 = containerStatusAt(crash, 'Always', at(0), at(0.5));
  assert.deepEqual(s0.state, { terminated: { exitCode: 1, reason: 'Error', startedAt: at(0), finishedAt: at(0) } });
  assert.equal(s0.restartCount, 0);
  const s1 = containerStatusAt(crash, 'Always', at(0), at(1.5));
  assert.equal(s1.restartCount, 1);
  assert.ok('terminated' in s1.state);
  const s2 = containerStatusAt(crash, 'Always', at(0), at(5));
  assert.deepEqual(s2.state, { waiting: { reason: 'CrashLoopBackOff' } });
  assert.equal(s2.restartCount, 1);
  assert.equal(s2.backOff, 10);
  // Starts at 0, 1, 11, 31, 71, 151, 311, 611, 911...
  assert.deepEqual(containerStatusAt(crash, 'Always', at(0), at(12)).runs.map((r) => (r.start - T0) / 1000), [0, 1, 11]);
  const later = containerStatusAt(crash, 'Always', at(0), at(1000));
  assert.deepEqual(later.runs.map((r) => (r.start - T0) / 1000), [0, 1, 11, 31, 71, 151, 311, 611, 911]);
  assert.equal(later.backOff, 300);
  assert.equal(crashLoopMessage(later.backOff!, 'app', { name: 'crash', namespace: 'default', uid: 'u-1' }), 'back-off 5m0s restarting failed container=app pod=crash_default(u-1)');
});

test('restart policies: Never keeps the end, OnFailure restarts only failures, Completed under Always loops', () => {
  const ok = programOf({ command: ['sh', '-c', 'sleep 2'] }, image('busybox'));
  const never = containerStatusAt(ok, 'Never', at(0), at(100));
  assert.deepEqual(never.state, { terminated: { exitCode: 0, reason: 'Completed', startedAt: at(0), finishedAt: at(2) } });
  assert.equal(containerStatusAt(ok, 'OnFailure', at(0), at(100)).restartCount, 0);
  const always = containerStatusAt(ok, 'Always', at(0), at(100));
  assert.ok(always.restartCount >= 3);
  assert.equal('terminated' in always.lastState && always.lastState.terminated.reason, 'Completed');
});

test('OOMKilled with exit code 137, and StartError with 128', () => {
  const s = containerStatusAt(programOf({}, image('redis')), 'Always', at(0), at(2.5), { oomAfter: 2 });
  assert.equal(s.restartCount, 0);
  assert.equal('terminated' in s.state && s.state.terminated.reason, 'OOMKilled');
  assert.equal('terminated' in s.state && s.state.terminated.exitCode, 137);
  const bad = containerStatusAt(programOf({ command: ['nginxx'] }, image('nginx')), 'Always', at(0), at(0.2));
  assert.equal('terminated' in bad.state && bad.state.terminated.reason, 'StartError');
  assert.equal('terminated' in bad.state && bad.state.terminated.exitCode, 128);
});

test('a long-running server is Running with its start time; a lab read years later still answers quickly', () => {
  const s = containerStatusAt(programOf({}, image('nginx')), 'Always', at(0), at(86400 * 365));
  assert.deepEqual(s.state, { running: { startedAt: at(0) } });
  const crash = containerStatusAt(programOf({ command: ['false'] }, image('busybox')), 'Always', at(0), at(86400 * 30));
  // Starts at 0, 1, 11, 31, 71, 151, 311, then every 300 s (the cap).
  assert.equal(crash.restartCount, 6 + Math.floor((86400 * 30 - 311) / 300));
  assert.ok(crash.runs.length <= 20);
});
