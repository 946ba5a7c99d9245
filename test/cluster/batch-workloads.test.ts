// Jobs, CronJobs and DaemonSets through the lab: the controllers on the lab clock (a ManualClock
// advanced between commands), the tables as printers.go lays them out, and robfig/cron's parser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { parseCronSchedule, scheduleTimes } from '../../server/cluster/cron.js';

const workers = { workers: ['node01', 'node02'] };

test('a Job runs its pod to Completed on the lab clock; get shows STATUS, COMPLETIONS and DURATION', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run('kubectl create job pi --image=busybox -- sleep 5');
  assert.match(lab.run('kubectl get job pi').stdout, /^NAME   STATUS    COMPLETIONS   DURATION   AGE\npi     Running   0\/1           0s         0s\n$/);
  clock.advance(6_000);
  assert.equal(lab.run('kubectl get job pi').stdout, 'NAME   STATUS     COMPLETIONS   DURATION   AGE\npi     Complete   1/1           5s         6s\n');
  const pods = lab.run('kubectl get pods -l job-name=pi').stdout;
  assert.match(pods, /pi-\w{5}   0\/1     Completed   0          6s/);
  const job = JSON.parse(lab.run('kubectl get job pi -o json').stdout);
  assert.equal(job.status.succeeded, 1);
  assert.equal(job.status.completionTime, '2025-02-04T06:00:35Z');
  assert.deepEqual(job.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': job.metadata.uid } });
  assert.equal(job.metadata.labels['job-name'], 'pi');
});

test('completions and parallelism: pods run two at a time until three succeed', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run(`kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: batch}
spec:
  completions: 3
  parallelism: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: w, image: busybox, command: [sleep, "10"]}]
EOF`);
  assert.equal(lab.run('kubectl get pods --no-headers | wc -l').stdout.trim(), '2');
  clock.advance(11_000);
  assert.match(lab.run('kubectl get job batch').stdout, /batch   Running   2\/3 /);
  clock.advance(10_000);
  assert.match(lab.run('kubectl get job batch').stdout, /batch   Complete   3\/3           20s/);
  assert.equal(lab.run('kubectl get pods --no-headers | grep -c Completed').stdout.trim(), '3');
});

test('a failing Job stops after backoffLimit failures with BackoffLimitExceeded', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run(`kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: bad}
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: w, image: busybox, command: [sh, -c, "exit 1"]}]
EOF`);
  clock.advance(60_000);
  assert.match(lab.run('kubectl get job bad').stdout, /bad    Failed   0\/1 /);
  assert.equal(lab.run('kubectl get pods --no-headers | grep -c Error').stdout.trim(), '3');
  const job = JSON.parse(lab.run('kubectl get job bad -o json').stdout);
  assert.deepEqual(job.status.conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`), ['FailureTarget/BackoffLimitExceeded', 'Failed/BackoffLimitExceeded']);
  assert.equal(job.status.conditions[1].message, 'Job has reached the specified backoff limit');
});

test('activeDeadlineSeconds fails a Job that runs too long and removes its pods; ttlSecondsAfterFinished removes a finished one', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run(`kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: slow}
spec:
  activeDeadlineSeconds: 30
  template:
    spec:
      restartPolicy: Never
      containers: [{name: w, image: busybox, command: [sleep, "3600"]}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: quick}
spec:
  ttlSecondsAfterFinished: 20
  template:
    spec:
      restartPolicy: Never
      containers: [{name: w, image: busybox, command: [echo, done]}]
EOF`);
  clock.advance(31_000);
  const slow = JSON.parse(lab.run('kubectl get job slow -o json').stdout);
  assert.equal(slow.status.conditions[1].reason, 'DeadlineExceeded');
  assert.equal(slow.status.conditions[1].message, 'Job was active longer than specified deadline');
  assert.equal(lab.run('kubectl get pods -l job-name=slow').stderr, 'No resources found in default namespace.\n');
  assert.equal(lab.run('kubectl get job quick').stderr, 'Error from server (NotFound): jobs.batch "quick" not found\n');
});

test('Job validation: restartPolicy Always and negative counts are refused with the API server texts', () => {
  const { lab } = makeLab();
  const r = lab.run(`kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata: {name: j}
spec:
  parallelism: -1
  template:
    spec:
      containers: [{name: w, image: busybox}]
EOF`);
  assert.equal(
    r.stderr,
    'The Job "j" is invalid: \n* spec.parallelism: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"\n',
  );
});

test('a CronJob creates a Job at each scheduled minute, keeps three successful ones, and shows LAST SCHEDULE', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run("kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *' -- echo hi");
  assert.equal(lab.run('kubectl get cj').stdout, 'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\ntick   */1 * * * *   <none>     False     0        <none>          0s\n');
  clock.advance(5 * 60_000);
  const jobs = lab.run('kubectl get jobs --no-headers').stdout.trim().split('\n');
  // 06:00:30 + 5m: scheduled at 06:01 .. 06:05; the oldest two pruned by successfulJobsHistoryLimit.
  assert.deepEqual(jobs.map((l) => l.split(/\s+/).slice(0, 3).join(' ')), ['tick-28977483 Complete 1/1', 'tick-28977484 Complete 1/1', 'tick-28977485 Complete 1/1']);
  assert.match(lab.run('kubectl get cj tick').stdout, /tick   \*\/1 \* \* \* \*   <none>     False     0        30s             5m\n/);
});

test('concurrencyPolicy Forbid skips a run while the last one is active; suspend stops new ones', () => {
  const { lab, clock } = makeLab({ setup: workers });
  lab.run(`kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: CronJob
metadata: {name: long}
spec:
  schedule: "* * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: w, image: busybox, command: [sleep, "90"]}]
EOF`);
  clock.advance(4 * 60_000);
  // Runs at 06:01 (ends 06:02:30), 06:02 skipped, 06:03 (ends 06:04:30), 06:04 skipped.
  assert.deepEqual(lab.run('kubectl get jobs -o name').stdout, 'job.batch/long-28977481\njob.batch/long-28977483\n');
  lab.run('kubectl patch cj long -p \'{"spec":{"suspend":true}}\' 2>/dev/null || kubectl get cj long -o yaml | sed "s/suspend: false/suspend: true/" | kubectl replace -f -');
  clock.advance(10 * 60_000);
  assert.deepEqual(lab.run('kubectl get jobs -o name').stdout, 'job.batch/long-28977481\njob.batch/long-28977483\n');
});

test('cron schedules: robfig/cron parsing and the times a schedule fires', () => {
  const p = parseCronSchedule('0 9 * * mon-fri');
  assert.ok(p.ok);
  const monday = Date.parse('2025-02-03T00:00:00Z');
  const times = scheduleTimes(p.value, monday, monday + 7 * 86_400_000, 10).map((t) => new Date(t).toISOString());
  assert.deepEqual(times, ['2025-02-03T09:00:00.000Z', '2025-02-04T09:00:00.000Z', '2025-02-05T09:00:00.000Z', '2025-02-06T09:00:00.000Z', '2025-02-07T09:00:00.000Z']);
  const errors: [string, string][] = [
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
  ];
  for (const [spec, message] of errors) {
    const r = parseCronSchedule(spec);
    assert.ok(!r.ok);
    assert.equal(r.error, message, spec);
  }
  assert.ok(parseCronSchedule('@hourly').ok);
});

test('a DaemonSet runs one pod per eligible node: the tainted control plane only with a toleration, nodeSelector honoured', () => {
  const { lab } = makeLab({ setup: workers });
  const ds = (name: string, extra: string) => `kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: ${name}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
${extra}      containers: [{name: a, image: busybox, command: [sleep, "3600"]}]
EOF`;
  lab.run(ds('agent', ''));
  lab.run(ds('everywhere', '      tolerations: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]\n'));
  lab.run(ds('picky', '      nodeSelector: {kubernetes.io/hostname: node02}\n'));
  assert.equal(
    lab.run('kubectl get ds').stdout,
    'NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR                   AGE\n' +
      'agent        2         2         2       2            2           <none>                          0s\n' +
      'everywhere   3         3         3       3            3           <none>                          0s\n' +
      'picky        1         1         1       1            1           kubernetes.io/hostname=node02   0s\n',
  );
  const nodesOf = (app: string) => lab.run(`kubectl get pods -l app=${app} -o jsonpath='{.items[*].spec.nodeName}'`).stdout.split(' ').sort().join(' ');
  assert.equal(nodesOf('agent'), 'node01 node02');
  assert.equal(nodesOf('everywhere'), 'controlplane node01 node02');
  assert.equal(nodesOf('picky'), 'node02');
  // Deleting a daemon pod: the controller puts one back on that node.
  const victim = lab.run("kubectl get pods -l app=picky -o jsonpath='{.items[0].metadata.name}'").stdout;
  lab.run(`kubectl delete pod ${victim}`);
  assert.equal(nodesOf('picky'), 'node02');
});

test('a StatefulSet: ordinal pods with hostname and subdomain, a PVC per claim template and ordinal, scale down from the top', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run(`kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: nginx:1.25, ports: [{containerPort: 5432}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
EOF`);
  assert.equal(lab.run('kubectl get sts').stdout, 'NAME   READY   AGE\ndb     3/3     0s\n');
  assert.equal(lab.run('kubectl get pods -o name').stdout, 'pod/db-0\npod/db-1\npod/db-2\n');
  assert.equal(lab.run('kubectl get pvc -o name').stdout, 'persistentvolumeclaim/data-db-0\npersistentvolumeclaim/data-db-1\npersistentvolumeclaim/data-db-2\n');
  const pod = JSON.parse(lab.run('kubectl get pod db-1 -o json').stdout);
  assert.equal(pod.spec.hostname, 'db-1');
  assert.equal(pod.spec.subdomain, 'db');
  assert.deepEqual(pod.spec.volumes[0], { name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } });
  assert.equal(pod.metadata.labels['statefulset.kubernetes.io/pod-name'], 'db-1');
  assert.equal(lab.run('kubectl scale sts db --replicas=1 --current-replicas=2').stderr, 'error: Expected replicas to be 2, was 3\n');
  assert.equal(lab.run('kubectl scale sts db --replicas=1').stdout, 'statefulset.apps/db scaled\n');
  assert.equal(lab.run('kubectl get pods -o name').stdout, 'pod/db-0\n');
  // The claims stay (whenScaled: Retain).
  assert.equal(lab.run('kubectl get pvc --no-headers | wc -l').stdout.trim(), '3');
  // A deleted pod comes back under its ordinal name.
  lab.run('kubectl delete pod db-0');
  assert.equal(lab.run('kubectl get pods -o name').stdout, 'pod/db-0\n');
  const sts = JSON.parse(lab.run('kubectl get sts db -o json').stdout);
  assert.deepEqual(sts.spec.volumeClaimTemplates[0], { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { creationTimestamp: null, name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' }, status: { phase: 'Pending' } });
  assert.equal(lab.run('kubectl scale pod db-0 --replicas=2').stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
});

test('delete --force --grace-period=0: the warning and force deleted; the flag conflicts', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl run web --image=nginx');
  const r = lab.run('kubectl delete pod web --force --grace-period=0');
  assert.equal(r.stderr, 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  assert.equal(r.stdout, 'pod "web" force deleted\n');
  lab.run('kubectl run web --image=nginx');
  assert.equal(lab.run('kubectl delete pod web --force --grace-period=5').stderr, 'error: --force and --grace-period greater than 0 cannot be specified together\n');
  assert.equal(lab.run('kubectl delete pod web --now --grace-period=5').stderr, 'error: --now and --grace-period cannot be specified together\n');
  // --grace-period=0 without --force is read as 1: an ordinary delete.
  assert.equal(lab.run('kubectl delete pod web --grace-period=0').stdout, 'pod "web" deleted\n');
});

test('replace --force deletes first (its delete line printed), then creates the object anew', () => {
  const { lab } = makeLab({ setup: workers });
  lab.run('kubectl run web --image=nginx');
  const uid = lab.run("kubectl get pod web -o jsonpath='{.metadata.uid}'").stdout;
  lab.run('kubectl get pod web -o yaml > p.yaml; sed -i "s/image: nginx/image: nginx:1.27/" p.yaml');
  const r = lab.run('kubectl replace --force -f p.yaml');
  assert.equal(r.stdout, 'pod "web" deleted\npod/web replaced\n');
  assert.notEqual(lab.run("kubectl get pod web -o jsonpath='{.metadata.uid}'").stdout, uid);
  assert.equal(lab.run("kubectl get pod web -o jsonpath='{.spec.containers[0].image}'").stdout, 'nginx:1.27');
});
