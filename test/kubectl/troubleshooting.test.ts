// Pods that fail like real pods, the scheduler's verdicts and the node verbs, seen through kubectl
// on a fake clock. Texts: kubelet 1.32 (pkg/kubelet/images/image_manager.go, kuberuntime), the
// scheduler's FitError (pkg/scheduler/framework/types.go), kubectl 1.32 printPod and
// pkg/cmd/taint, pkg/cmd/drain (cordon); error lines checked against the kubectl.1.32 binary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { Lab } from '../../server/lab/index.js';

const T0 = Date.parse('2025-02-04T06:00:00Z');

function lab(workers: string[] = ['node01', 'node02']) {
  const clock = new ManualClock(T0);
  const l = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], ...(workers.length ? { workers } : {}) } as never, { clock, random: seededRandom(1) });
  return { lab: l, clock, run: (line: string) => l.run(line) };
}

const row = (out: string, name: string) => out.split('\n').find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/);

test('an image that does not exist: ErrImagePull, then ImagePullBackOff, with kubelet messages', () => {
  const { run, clock } = lab();
  run('kubectl run bad --image=nginx:doesnotexist');
  clock.advance(3000);
  assert.deepEqual(row(run('kubectl get pods').stdout, 'bad'), ['bad', '0/1', 'ErrImagePull', '0', '3s']);
  assert.equal(
    run(`kubectl get pod bad -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'`).stdout,
    'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
  );
  clock.advance(5000);
  assert.deepEqual(row(run('kubectl get pods').stdout, 'bad'), ['bad', '0/1', 'ImagePullBackOff', '0', '8s']);
  assert.match(run(`kubectl get pod bad -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'`).stdout, /^Back-off pulling image "nginx:doesnotexist": ErrImagePull: rpc error: code = NotFound/);
  assert.equal(run(`kubectl get pod bad -o jsonpath='{.status.phase}'`).stdout, 'Pending');
  const events = run('kubectl describe pod bad').stdout.split('Events:\n')[1]!;
  assert.equal(
    events,
    `  Type     Reason     Age   From               Message
  ----     ------     ----  ----               -------
  Normal   Scheduled  8s    default-scheduler  Successfully assigned default/bad to node01
  Normal   Pulling    8s    kubelet            Pulling image "nginx:doesnotexist"
  Warning  Failed     6s    kubelet            Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found
  Warning  Failed     6s    kubelet            Error: ErrImagePull
  Normal   BackOff    1s    kubelet            Back-off pulling image "nginx:doesnotexist"
  Warning  Failed     1s    kubelet            Error: ImagePullBackOff
`,
  );
  // Fixing the image (the one mutable field) lets it run.
  run(`kubectl set image pod/bad bad=nginx:1.27 2>/dev/null || kubectl get pod bad -o yaml | sed 's/nginx:doesnotexist/nginx:1.27/' | kubectl replace -f -`);
  assert.equal(row(run('kubectl get pods').stdout, 'bad')![2], 'Running');
});

test('a crashing command: CrashLoopBackOff with the back-off, RESTARTS with its age, lastState', () => {
  const { run, clock } = lab();
  run(`kubectl run crash --image=busybox -- sh -c 'echo boom; exit 1'`);
  clock.advance(500);
  assert.equal(row(run('kubectl get pods').stdout, 'crash')![2], 'Error');
  // The first restart is immediate (the run is shown terminated for a second), then the back-off: 10 s, 20 s, 40 s...
  clock.advance(2000);
  assert.deepEqual(row(run('kubectl get pods').stdout, 'crash')!.slice(1, 4), ['0/1', 'CrashLoopBackOff', '1 (1s ago)']);
  clock.advance(61_500);
  assert.deepEqual(row(run('kubectl get pods').stdout, 'crash')!.slice(1, 4), ['0/1', 'CrashLoopBackOff', '3 (33s ago)']);
  assert.equal(
    run(`kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode} {.status.containerStatuses[0].restartCount}'`).stdout,
    'Error 1 3',
  );
  assert.match(
    run(`kubectl get pod crash -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'`).stdout,
    /^back-off 40s restarting failed container=crash pod=crash_default\([0-9a-f-]{36}\)$/,
  );
  assert.equal(run(`kubectl get pod crash -o jsonpath='{.status.phase}'`).stdout, 'Running');
});

test('restartPolicy Never: Completed or Error, and the pod Succeeded or Failed', () => {
  const { run, clock } = lab();
  run('kubectl run ok --image=busybox --restart=Never -- sleep 5');
  run(`kubectl run ko --image=busybox --restart=Never -- sh -c 'exit 3'`);
  clock.advance(2000);
  assert.deepEqual(row(run('kubectl get pods').stdout, 'ok')!.slice(1, 3), ['1/1', 'Running']);
  clock.advance(4000);
  const out = run('kubectl get pods').stdout;
  assert.deepEqual(row(out, 'ok')!.slice(1, 4), ['0/1', 'Completed', '0']);
  assert.deepEqual(row(out, 'ko')!.slice(1, 4), ['0/1', 'Error', '0']);
  assert.equal(run(`kubectl get pods -o jsonpath='{.items[*].status.phase}'`).stdout, 'Failed Succeeded');
});

test('init containers: Init:0/1 while it runs, Init:CrashLoopBackOff when it fails, then the app', () => {
  const { run, clock } = lab();
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  initContainers:
  - {name: wait, image: busybox, command: [sh, -c, 'sleep 20']}
  containers:
  - {name: app, image: nginx}
---
apiVersion: v1
kind: Pod
metadata: {name: broken}
spec:
  initContainers:
  - {name: init, image: busybox, command: [sh, -c, 'exit 1']}
  containers:
  - {name: app, image: nginx}
EOF`);
  assert.equal(run('kubectl apply -f p.yaml').stdout, 'pod/web created\npod/broken created\n');
  clock.advance(5000);
  let out = run('kubectl get pods').stdout;
  assert.deepEqual(row(out, 'web')!.slice(1, 3), ['0/1', 'Init:0/1']);
  assert.deepEqual(row(out, 'broken')!.slice(1, 3), ['0/1', 'Init:CrashLoopBackOff']);
  clock.advance(20_000);
  out = run('kubectl get pods').stdout;
  assert.deepEqual(row(out, 'web')!.slice(1, 3), ['1/1', 'Running']);
});

test('a missing ConfigMap: CreateContainerConfigError for env, ContainerCreating with FailedMount for a volume; both start once it exists', () => {
  const { run, clock } = lab();
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: envpod}
spec:
  containers:
  - name: app
    image: nginx
    envFrom: [{configMapRef: {name: app-config}}]
---
apiVersion: v1
kind: Pod
metadata: {name: volpod}
spec:
  containers:
  - {name: app, image: nginx, volumeMounts: [{name: cfg, mountPath: /cfg}]}
  volumes:
  - {name: cfg, configMap: {name: app-config}}
EOF`);
  run('kubectl apply -f p.yaml');
  clock.advance(3000);
  let out = run('kubectl get pods').stdout;
  assert.deepEqual(row(out, 'envpod')!.slice(1, 3), ['0/1', 'CreateContainerConfigError']);
  assert.deepEqual(row(out, 'volpod')!.slice(1, 3), ['0/1', 'ContainerCreating']);
  assert.equal(run(`kubectl get pod envpod -o jsonpath='{.status.containerStatuses[0].state.waiting.message}'`).stdout, 'configmap "app-config" not found');
  assert.match(run('kubectl describe pod volpod').stdout, /Warning {2}FailedMount {2}3s {4}kubelet {12}MountVolume\.SetUp failed for volume "cfg" : configmap "app-config" not found\n$/);
  run(`cat > cm.yaml <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: app-config}
data: {a: b}
EOF`);
  assert.equal(run('kubectl apply -f cm.yaml').stdout, 'configmap/app-config created\n');
  out = run('kubectl get pods').stdout;
  assert.deepEqual(row(out, 'envpod')!.slice(1, 3), ['1/1', 'Running']);
  assert.deepEqual(row(out, 'volpod')!.slice(1, 3), ['1/1', 'Running']);
});

test('OOMKilled when the process uses more memory than its limit', () => {
  const { run, clock } = lab();
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: memory-demo}
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources: {limits: {memory: 100Mi}, requests: {memory: 50Mi}}
    command: [stress]
    args: [--vm, "1", --vm-bytes, 250M, --vm-hang, "1"]
EOF`);
  run('kubectl apply -f p.yaml');
  clock.advance(1500);
  assert.deepEqual(row(run('kubectl get pods').stdout, 'memory-demo')!.slice(1, 3), ['0/1', 'OOMKilled']);
  clock.advance(30_000);
  assert.equal(run(`kubectl get pod memory-demo -o jsonpath='{.status.containerStatuses[0].lastState.terminated.reason} {.status.containerStatuses[0].lastState.terminated.exitCode}'`).stdout, 'OOMKilled 137');
});

test('a readiness probe that fails keeps the pod out of its Service endpoints', () => {
  const { run } = lab();
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: web
    image: nginx
    readinessProbe: {httpGet: {path: /healthz, port: 80}}
EOF`);
  run('kubectl apply -f p.yaml');
  run('kubectl expose pod web --port=80');
  assert.deepEqual(row(run('kubectl get pods').stdout, 'web')!.slice(1, 3), ['0/1', 'Running']);
  assert.equal(run(`kubectl get ep web -o jsonpath='{.subsets[0].addresses}|{.subsets[0].notReadyAddresses[0].targetRef.name}'`).stdout, '|web');
  assert.match(run('kubectl describe pod web').stdout, /Warning {2}Unhealthy {2}0s {4}kubelet {12}Readiness probe failed: HTTP probe failed with statuscode: 404\n$/);
});

test('the scheduler: the control-plane taint, FailedScheduling with its text, and a retry when the node changes', () => {
  const { run } = lab();
  assert.equal(
    run(`kubectl get node controlplane -o jsonpath='{.spec.taints}'`).stdout,
    '[{"effect":"NoSchedule","key":"node-role.kubernetes.io/control-plane"}]',
  );
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  containers:
  - {name: app, image: nginx, resources: {requests: {cpu: "20"}}}
---
apiVersion: v1
kind: Pod
metadata: {name: picky}
spec:
  nodeSelector: {disk: ssd}
  containers:
  - {name: app, image: nginx}
EOF`);
  run('kubectl apply -f p.yaml');
  const out = run('kubectl get pods -o wide').stdout;
  assert.deepEqual(row(out, 'big')!.slice(1, 7), ['0/1', 'Pending', '0', '0s', '<none>', '<none>']);
  assert.equal(
    run(`kubectl get pod big -o jsonpath='{.status.conditions[0].message}'`).stdout,
    // 20 CPUs is more than a node's allocatable: NodeResourcesFit's unresolvable case, where preemption cannot help.
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  assert.match(
    run('kubectl describe pod picky').stdout,
    /Warning {2}FailedScheduling {2}0s {4}default-scheduler {2}0\/3 nodes are available: 1 node\(s\) had untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 2 node\(s\) didn't match Pod's node affinity\/selector\. preemption: 0\/3 nodes are available: 3 Preemption is not helpful for scheduling\.\n$/,
  );
  assert.equal(run('kubectl label node node02 disk=ssd').stdout, 'node/node02 labeled\n');
  assert.deepEqual(row(run('kubectl get pods -o wide').stdout, 'picky')!.slice(1, 7), ['1/1', 'Running', '0', '0s', '10.244.2.4', 'node02']);
});

test('cordon, uncordon and taint with kubectl 1.32 messages', () => {
  const { run } = lab();
  const r = (l: string) => {
    const x = run(l);
    return x.stdout + x.stderr;
  };
  assert.equal(r('kubectl cordon node01'), 'node/node01 cordoned\n');
  assert.equal(r('kubectl cordon node01'), 'node/node01 already cordoned\n');
  assert.equal(r(`kubectl get node node01 -o jsonpath='{.spec.unschedulable}'`), 'true');
  assert.equal(r('kubectl uncordon node01'), 'node/node01 uncordoned\n');
  assert.equal(r('kubectl uncordon node01'), 'node/node01 already uncordoned\n');
  assert.equal(r('kubectl cordon nope'), 'Error from server (NotFound): nodes "nope" not found\n');
  assert.equal(r('kubectl cordon'), "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  assert.equal(r('kubectl taint nodes node01 app=blue:NoSchedule'), 'node/node01 tainted\n');
  assert.equal(r('kubectl taint nodes node01 app=green:NoSchedule'), 'error: node node01 already has app taint(s) with same effect(s) and --overwrite is false\n');
  assert.equal(r('kubectl taint nodes node01 app=green:NoSchedule --overwrite'), 'node/node01 modified\n');
  assert.equal(r(`kubectl get node node01 -o jsonpath='{.spec.taints}'`), '[{"effect":"NoSchedule","key":"app","value":"green"}]');
  assert.equal(r('kubectl taint nodes node01 app:NoExecute-'), 'error: taint "app:NoExecute" not found\n');
  assert.equal(r('kubectl taint nodes node01 app-'), 'node/node01 untainted\n');
  assert.equal(r('kubectl taint'), 'error: one or more resources must be specified as <resource> <name>\n');
  assert.equal(r('kubectl taint nodes node01'), 'error: at least one taint update is required\n');
  assert.equal(r('kubectl taint nodes node01 a=b:Bad'), "error: invalid taint effect: Bad, unsupported taint effect\nSee 'kubectl taint -h' for help and examples\n");
  assert.equal(
    r('kubectl taint nodes node01 a=b'),
    "error: invalid taint spec: a=b, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\nSee 'kubectl taint -h' for help and examples\n",
  );
  assert.equal(r('kubectl taint nodes nope a=b:NoSchedule'), 'Error from server (NotFound): nodes "nope" not found\n');
});

test('a single-node lab keeps an untainted control plane, where pods run', () => {
  const { run } = lab([]);
  assert.equal(run(`kubectl get node controlplane -o jsonpath='{.spec.taints}'`).stdout, '');
  run('kubectl run web --image=nginx');
  assert.deepEqual(row(run('kubectl get pods -o wide').stdout, 'web')!.slice(1, 3), ['1/1', 'Running']);
});

test('kubectl logs: the program\'s lines on the clock, -p, --tail, --since, --timestamps, -l, and the kubelet\'s refusals', () => {
  const { run, clock } = lab();
  const r = (l: string) => {
    const x = run(l);
    return x.stdout + x.stderr;
  };
  run(`kubectl run loop --image=busybox -- sh -c 'while true; do echo tick; date; sleep 5; done'`);
  run(`kubectl run crash --image=busybox -- sh -c 'echo boom; exit 1'`);
  run('kubectl run bad --image=nginx:nope');
  clock.advance(12_000);
  assert.equal(r('kubectl logs loop'), 'tick\nTue Feb  4 06:00:00 UTC 2025\ntick\nTue Feb  4 06:00:05 UTC 2025\ntick\nTue Feb  4 06:00:10 UTC 2025\n');
  assert.equal(r('kubectl logs loop --tail=1 --timestamps'), '2025-02-04T06:00:10Z Tue Feb  4 06:00:10 UTC 2025\n');
  assert.equal(r('kubectl logs loop --since=3s'), 'tick\nTue Feb  4 06:00:10 UTC 2025\n');
  assert.equal(r('kubectl logs -l run=loop --prefix --tail=2'), '[pod/loop/loop] tick\n[pod/loop/loop] Tue Feb  4 06:00:10 UTC 2025\n');
  assert.equal(r('kubectl logs crash'), 'boom\n');
  assert.equal(r('kubectl logs crash -p'), 'boom\n');
  assert.equal(r('kubectl logs loop -p'), 'Error from server (BadRequest): previous terminated container "loop" in pod "loop" not found\n');
  assert.equal(r('kubectl logs bad'), 'Error from server (BadRequest): container "bad" in pod "bad" is waiting to start: trying and failing to pull image\n');
  assert.equal(r('kubectl logs loop -c nope'), 'Error from server (BadRequest): container nope is not valid for pod loop\n');
  assert.equal(r('kubectl logs nope'), 'Error from server (NotFound): pods "nope" not found\n');
  assert.equal(r('kubectl logs'), "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
  assert.equal(r('kubectl logs loop -l run=loop'), 'error: only a selector (-l) or a POD name is allowed\n');
  assert.equal(r('kubectl logs loop --tail=-2'), 'error: --tail must be greater than or equal to -1\n');
});

test('kubectl logs on a pod with several containers defaults to the first and says so', () => {
  const { run } = lab();
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  initContainers:
  - {name: setup, image: busybox, command: [sh, -c, 'echo ready']}
  containers:
  - {name: app, image: busybox, command: [sh, -c, 'echo app; sleep 3600']}
  - {name: side, image: busybox, command: [sh, -c, 'echo side; sleep 3600']}
EOF`);
  run('kubectl apply -f p.yaml');
  const x = run('kubectl logs two');
  assert.equal(x.stdout, 'app\n');
  assert.equal(x.stderr, 'Defaulted container "app" out of: app, side, setup (init)\n');
  assert.equal(run('kubectl logs two -c side').stdout, 'side\n');
  assert.equal(run('kubectl logs two --all-containers').stdout, 'ready\napp\nside\n');
});

test('get events: the scheduler\'s and kubelet\'s events, --field-selector on involvedObject and type', () => {
  const { run, clock } = lab();
  run('kubectl run bad --image=nginx:nope');
  clock.advance(3000);
  assert.equal(
    run('kubectl get events --field-selector involvedObject.name=bad,type=Warning').stdout,
    `LAST SEEN   TYPE      REASON   OBJECT    MESSAGE
1s          Warning   Failed   pod/bad   Failed to pull image "nginx:nope": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:nope": failed to resolve reference "docker.io/library/nginx:nope": docker.io/library/nginx:nope: not found
1s          Warning   Failed   pod/bad   Error: ErrImagePull
`,
  );
  const wide = run('kubectl get events -o wide').stdout.split('\n');
  assert.deepEqual(wide[0]!.split(/\s{2,}/), ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME']);
  assert.deepEqual(wide[2]!.split(/\s{2,}/).slice(0, 6), ['3s', 'Normal', 'Pulling', 'pod/bad', 'spec.containers{bad}', 'kubelet, node01']);
});

test('drain: cordon, the filters\' refusals with kubectl\'s texts, evictions, and the node back with uncordon', () => {
  const { run } = lab();
  run('kubectl create deployment web --image=nginx --replicas=2');
  run(`cat > p.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: cache}
spec:
  nodeName: node02
  containers: [{name: c, image: redis, volumeMounts: [{name: d, mountPath: /data}]}]
  volumes: [{name: d, emptyDir: {}}]
EOF`);
  run('kubectl apply -f p.yaml');
  let x = run('kubectl drain node02');
  assert.equal(x.stdout, 'node/node02 cordoned\n');
  assert.equal(
    x.stderr,
    'error: unable to drain node "node02" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache, continuing command...\nThere are pending nodes to be drained:\n node02\nerror: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache\n',
  );
  assert.equal(x.exitCode, 1);
  assert.match(run('kubectl get nodes').stdout, /node02 {9}Ready,SchedulingDisabled {3}<none>/);
  x = run('kubectl drain node02 --delete-emptydir-data');
  assert.match(x.stderr, /cannot delete Pods that declare no controller \(use --force to override\): default\/cache/);
  x = run('kubectl drain node02 --delete-emptydir-data --force --ignore-daemonsets');
  assert.equal(x.stderr, 'Warning: deleting Pods that declare no controller: default/cache\n');
  assert.match(x.stdout, /^node\/node02 already cordoned\nevicting pod default\/cache\n(evicting pod .*\n)*pod\/cache evicted\n(pod\/.* evicted\n)*node\/node02 drained\n$/);
  assert.equal(run(`kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'`).stdout, 'node01 node01');
  assert.equal(run('kubectl uncordon node02').stdout, 'node/node02 uncordoned\n');
  assert.equal(run('kubectl drain').stderr, "error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples\n");
});
