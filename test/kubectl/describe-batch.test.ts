// describe cronjob|job|daemonset, laid out as kubectl 1.32's describe.go does (describeCronJob with
// describeJobTemplate and printActiveJobs, describeJob, describeDaemonSet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

test('describe cronjob: the schedule, limits, job template and last schedule', () => {
  const { lab } = makeLab({ setup: { workers: ['node01'] } });
  lab.run("kubectl create cronjob cj --image=busybox --schedule='*/5 * * * *' -- date");
  assert.equal(
    lab.run('kubectl describe cj cj').stdout,
    `Name:                          cj
Namespace:                     default
Labels:                        <none>
Annotations:                   <none>
Schedule:                      */5 * * * *
Concurrency Policy:            Allow
Suspend:                       False
Successful Job History Limit:  3
Failed Job History Limit:      1
Starting Deadline Seconds:     <unset>
Selector:                      <unset>
Parallelism:                   <unset>
Completions:                   <unset>
Pod Template:
  Labels:  <none>
  Containers:
   cj:
    Image:      busybox
    Port:       <none>
    Host Port:  <none>
    Command:
      date
    Environment:     <none>
    Mounts:          <none>
  Volumes:           <none>
  Node-Selectors:    <none>
  Tolerations:       <none>
Last Schedule Time:  <unset>
Active Jobs:         <none>
Events:              <none>
`,
  );
});

test('describe job and daemonset: counts, times and pod statuses', () => {
  const { lab, clock } = makeLab({ setup: { workers: ['node01', 'node02'] } });
  lab.run('kubectl create job pi --image=busybox -- sleep 5');
  clock.advance(6_000);
  const job = lab.run('kubectl describe job pi').stdout;
  assert.match(job, /\nParallelism:      1\nCompletions:      1\nCompletion Mode:  NonIndexed\nSuspend:          false\nBackoff Limit:    6\nStart Time:       Tue, 04 Feb 2025 06:00:30 \+0000\nCompleted At:     Tue, 04 Feb 2025 06:00:35 \+0000\nDuration:         5s\nPods Statuses:    0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed\nPod Template:\n/);
  lab.run(`kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: busybox, command: [sleep, "3600"]}]
EOF`);
  const ds = lab.run('kubectl describe ds agent').stdout;
  assert.match(ds, /^Name:           agent\nNamespace:      default\nSelector:       app=agent\nNode-Selector:  <none>\nLabels:         <none>\nAnnotations:    deprecated\.daemonset\.template\.generation: 1\nDesired Number of Nodes Scheduled: 2\nCurrent Number of Nodes Scheduled: 2\nNumber of Nodes Scheduled with Up-to-date Pods: 2\nNumber of Nodes Scheduled with Available Pods: 2\nNumber of Nodes Misscheduled: 0\nPods Status:  2 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed\n/);
});
