// Describers for Pod, Node, Deployment and ReplicaSet, built from kubectl 1.32's
// staging/src/k8s.io/kubectl/pkg/describe/describe.go (describePod, describeNode and
// describeNodeResource, describeDeployment, describeReplicaSet, DescribePodTemplate) and laid out
// by tabwriter as tabbedString does. The last tests replay cases of its describe_test.go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import type { ClusterApi } from '../../server/cluster/index.js';
import type { Deployment, KubeObject, Node, Pod } from '../../server/api/index.js';
import { describePod } from '../../server/kubectl/describe/pod.js';
import { describeDeployment } from '../../server/kubectl/describe/deployment.js';
import { describeNode } from '../../server/kubectl/describe/node.js';
import { formatQuantity, parseQuantity } from '../../server/api/quantity.js';

const TOLERATIONS = `Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
`;

/** The kube-api-access projected volume the ServiceAccount admission adds to every pod. */
const tokenVolume = (name: string) => `Volumes:
  ${name}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
`;

const CONDITIONS = `Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
`;

function jsonpath(lab: ReturnType<typeof makeLab>['lab'], what: string, path: string): string {
  return lab.run(`kubectl get ${what} -o jsonpath='${path}'`).stdout;
}

test('describe pod for a seed pod', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const [volume, containerID, imageID, ip] = jsonpath(
    lab,
    'pod payroll',
    '{.spec.volumes[0].name} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].imageID} {.status.podIP}',
  ).split(' ');
  assert.match(volume!, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.equal(
    lab.run('kubectl describe pod payroll').stdout,
    `Name:             payroll
Namespace:        default
Priority:         0
Service Account:  default
Node:             controlplane/192.168.0.2
Start Time:       Tue, 04 Feb 2025 05:40:00 +0000
Labels:           name=payroll
Annotations:      <none>
Status:           Running
IP:               ${ip}
IPs:
  IP:  ${ip}
Containers:
  payroll:
    Container ID:   ${containerID}
    Image:          kodekloud/webapp-color
    Image ID:       ${imageID}
    Port:           8080/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Tue, 04 Feb 2025 05:40:00 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${volume} (ro)
${CONDITIONS}${tokenVolume(volume!)}QoS Class:                   BestEffort
Node-Selectors:              <none>
${TOLERATIONS}Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  20m   default-scheduler  Successfully assigned default/payroll to controlplane
  Normal  Pulling    20m   kubelet            Pulling image "kodekloud/webapp-color:latest"
  Normal  Pulled     20m   kubelet            Successfully pulled image "kodekloud/webapp-color:latest" in 1.327s (1.327s including waiting). Image size: 33106237 bytes.
  Normal  Created    20m   kubelet            Created container payroll
  Normal  Started    20m   kubelet            Started container payroll
`,
  );
});

test('describe pod with command, resources, probes, env and an emptyDir', () => {
  const { lab } = makeLab();
  lab.run(`cat > app.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: app
  labels: {app: web, tier: front}
  annotations: {team: blue}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sh, -c]
    args: ["echo hi; sleep 3600"]
    ports: [{containerPort: 80}, {containerPort: 443, hostPort: 8443}]
    resources:
      limits: {cpu: 500m, memory: 128Mi}
      requests: {cpu: "0.25", memory: 64Mi}
    env:
    - {name: MODE, value: prod}
    - name: POD_NAME
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    livenessProbe:
      httpGet: {path: /healthz, port: 8080}
      initialDelaySeconds: 5
    readinessProbe:
      tcpSocket: {port: 80}
    volumeMounts:
    - {name: cache, mountPath: /cache}
  volumes:
  - name: cache
    emptyDir: {}
  nodeSelector: {disk: ssd}
EOF`);
  // The pod's nodeSelector names a label the scheduler must find on a node.
  assert.equal(lab.run('kubectl label node controlplane disk=ssd').stdout, 'node/controlplane labeled\n');
  assert.equal(lab.run('kubectl apply -f app.yaml').stdout, 'pod/app created\n');
  const [volume, containerID, imageID, ip] = jsonpath(
    lab,
    'pod app',
    '{.spec.volumes[1].name} {.status.containerStatuses[0].containerID} {.status.containerStatuses[0].imageID} {.status.podIP}',
  ).split(' ');
  // Nothing in busybox listens on port 80: the readiness probe fails from the start (the lab's
  // kubelet, server/cluster/lifecycle/pod-status.ts), so the pod runs but is not Ready.
  // Requests sit in one tabwriter block with the probes below them, hence their wider gap;
  // kubectl resolves only metadata.name and metadata.namespace field refs.
  assert.equal(
    lab.run('kubectl describe po app').stdout,
    `Name:             app
Namespace:        default
Priority:         0
Service Account:  default
Node:             controlplane/192.168.0.2
Start Time:       Tue, 04 Feb 2025 06:00:30 +0000
Labels:           app=web
                  tier=front
Annotations:      team: blue
Status:           Running
IP:               ${ip}
IPs:
  IP:  ${ip}
Containers:
  app:
    Container ID:  ${containerID}
    Image:         busybox:1.36
    Image ID:      ${imageID}
    Ports:         80/TCP, 443/TCP
    Host Ports:    0/TCP, 8443/TCP
    Command:
      sh
      -c
    Args:
      echo hi; sleep 3600
    State:          Running
      Started:      Tue, 04 Feb 2025 06:00:30 +0000
    Ready:          False
    Restart Count:  0
    Limits:
      cpu:     500m
      memory:  128Mi
    Requests:
      cpu:      250m
      memory:   64Mi
    Liveness:   http-get http://:8080/healthz delay=5s timeout=1s period=10s #success=1 #failure=3
    Readiness:  tcp-socket :80 delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:      prod
      POD_NAME:  app (v1:metadata.name)
      POD_IP:     (v1:status.podIP)
    Mounts:
      /cache from cache (rw)
      /var/run/secrets/kubernetes.io/serviceaccount from ${volume} (ro)
${CONDITIONS.replace(/Ready {23}True/, 'Ready                       False').replace('ContainersReady             True', 'ContainersReady             False')}Volumes:
  cache:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     
    SizeLimit:  <unset>
${tokenVolume(volume!).replace('Volumes:\n', '')}QoS Class:                   Burstable
Node-Selectors:              disk=ssd
${TOLERATIONS}Events:
  Type     Reason     Age   From               Message
  ----     ------     ----  ----               -------
  Normal   Scheduled  0s    default-scheduler  Successfully assigned default/app to controlplane
  Normal   Pulling    0s    kubelet            Pulling image "busybox:1.36"
  Normal   Pulled     0s    kubelet            Successfully pulled image "busybox:1.36" in 554ms (554ms including waiting). Image size: 2166802 bytes.
  Normal   Created    0s    kubelet            Created container app
  Normal   Started    0s    kubelet            Started container app
  Warning  Unhealthy  0s    kubelet            Readiness probe failed: dial tcp ${ip}:80: connect: connection refused
`,
  );
  // Applying the same manifest again keeps the token mount admission added: nothing changes.
  assert.equal(lab.run('kubectl apply -f app.yaml').stdout, 'pod/app unchanged\n');
});

test('describe node controlplane', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const [dns1, dns2] = jsonpath(lab, 'pods -n kube-system -l k8s-app=kube-dns', '{.items[*].metadata.name}').split(' ');
  const seed = (name: string) => `  default                     ${name.padEnd(40)}0 (0%)        0 (0%)      0 (0%)           0 (0%)         20m\n`;
  assert.equal(
    lab.run('kubectl describe node controlplane').stdout,
    `Name:               controlplane
Roles:              control-plane
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=controlplane
                    kubernetes.io/os=linux
                    node-role.kubernetes.io/control-plane=
                    node.kubernetes.io/exclude-from-external-load-balancers=
Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///var/run/containerd/containerd.sock
                    node.alpha.kubernetes.io/ttl: 0
                    volumes.kubernetes.io/controller-managed-attach-detach: true
CreationTimestamp:  Tue, 04 Feb 2025 06:00:30 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  controlplane
  AcquireTime:     <unset>
  RenewTime:       Tue, 04 Feb 2025 06:00:30 +0000
Conditions:
  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
  ----             ------  -----------------                 ------------------                ------                       -------
  MemoryPressure   False   Tue, 04 Feb 2025 06:00:30 +0000   Tue, 04 Feb 2025 06:00:30 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
  DiskPressure     False   Tue, 04 Feb 2025 06:00:30 +0000   Tue, 04 Feb 2025 06:00:30 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
  PIDPressure      False   Tue, 04 Feb 2025 06:00:30 +0000   Tue, 04 Feb 2025 06:00:30 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
  Ready            True    Tue, 04 Feb 2025 06:00:30 +0000   Tue, 04 Feb 2025 06:00:30 +0000   KubeletReady                 kubelet is posting ready status
Addresses:
  InternalIP:  192.168.0.2
  Hostname:    controlplane
Capacity:
  cpu:                16
  ephemeral-storage:  772706776Ki
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             65838284Ki
  pods:               110
Allocatable:
  cpu:                16
  ephemeral-storage:  712126563583
  hugepages-1Gi:      0
  hugepages-2Mi:      0
  memory:             65735884Ki
  pods:               110
System Info:
  Machine ID:                 b8f3c1d1e9a64a3b8f2f6c5d4e3a2b1c
  System UUID:                b8f3c1d1-e9a6-4a3b-8f2f-6c5d4e3a2b1c
  Boot ID:                    5f3e5b7e-4a53-4c1c-9a53-7c1f1f4b2a6e
  Kernel Version:             5.15.0-1083-gcp
  OS Image:                   Ubuntu 22.04.5 LTS
  Operating System:           linux
  Architecture:               amd64
  Container Runtime Version:  containerd://1.6.26
  Kubelet Version:            v1.32.0
  Kube-Proxy Version:         v1.32.0
PodCIDR:                      10.244.0.0/24
PodCIDRs:                     10.244.0.0/24
Non-terminated Pods:          (10 in total)
  Namespace                   Name                                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----                                    ------------  ----------  ---------------  -------------  ---
${seed('external')}${seed('internal')}${seed('mysql')}${seed('payroll')}  kube-system                 ${dns1}                100m (0%)     0 (0%)      70Mi (0%)        170Mi (0%)     0s
  kube-system                 ${dns2}                100m (0%)     0 (0%)      70Mi (0%)        170Mi (0%)     0s
  kube-system                 etcd-controlplane                       100m (0%)     0 (0%)      100Mi (0%)       0 (0%)         0s
  kube-system                 kube-apiserver-controlplane             250m (1%)     0 (0%)      0 (0%)           0 (0%)         0s
  kube-system                 kube-controller-manager-controlplane    200m (1%)     0 (0%)      0 (0%)           0 (0%)         0s
  kube-system                 kube-scheduler-controlplane             100m (0%)     0 (0%)      0 (0%)           0 (0%)         0s
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                850m (5%)   0 (0%)
  memory             240Mi (0%)  340Mi (0%)
  ephemeral-storage  0 (0%)      0 (0%)
  hugepages-1Gi      0 (0%)      0 (0%)
  hugepages-2Mi      0 (0%)      0 (0%)
Events:              <none>
`,
  );
});

test('the node lease is renewed on a 10s beat of the lab clock', () => {
  const { lab, clock } = makeLab();
  clock.advance(95_000);
  assert.match(lab.run('kubectl describe no controlplane').stdout, /\n {2}RenewTime: {7}Tue, 04 Feb 2025 06:02:00 \+0000\n/);
});

test('describe deployment and its replicaset after kubectl create deployment', () => {
  const { lab } = makeLab();
  assert.equal(lab.run('kubectl create deployment web --image=nginx --replicas=2').stdout, 'deployment.apps/web created\n');
  const rs = jsonpath(lab, 'rs', '{.items[0].metadata.name}');
  const hash = rs.slice('web-'.length);
  const template = (labels: string) => `Pod Template:
  Labels:  ${labels}
  Containers:
   nginx:
    Image:         nginx
    Port:          <none>
    Host Port:     <none>
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
`;
  assert.equal(
    lab.run('kubectl describe deployment web').stdout,
    `Name:                   web
Namespace:              default
CreationTimestamp:      Tue, 04 Feb 2025 06:00:30 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
${template('app=web')}Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   ${rs} (2/2 replicas created)
Events:          <none>
`,
  );
  assert.equal(
    lab.run(`kubectl describe rs ${rs}`).stdout,
    `Name:           ${rs}
Namespace:      default
Selector:       app=web,pod-template-hash=${hash}
Labels:         app=web
                pod-template-hash=${hash}
Annotations:    deployment.kubernetes.io/desired-replicas: 2
                deployment.kubernetes.io/max-replicas: 3
                deployment.kubernetes.io/revision: 1
Controlled By:  Deployment/web
Replicas:       2 current / 2 desired
Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed
${template(`app=web\n           pod-template-hash=${hash}`)}Events:            <none>
`,
  );
});

test('a deployment pod is Controlled By its replicaset, with IPs in the same tabwriter block', () => {
  const { lab } = makeLab();
  lab.run('kubectl create deployment web --image=nginx --replicas=2');
  const rs = jsonpath(lab, 'rs', '{.items[0].metadata.name}');
  const [pod] = jsonpath(lab, 'pods -l app=web', '{.items[*].metadata.name}').split(' ');
  const out = lab.run(`kubectl describe pod ${pod}`).stdout;
  const ip = jsonpath(lab, `pod ${pod}`, '{.status.podIP}');
  assert.ok(out.includes(`IPs:\n  IP:           ${ip}\nControlled By:  ReplicaSet/${rs}\nContainers:\n`), out);
});

test('describe a whole kind, and by name prefix', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const each = ['external', 'internal', 'mysql', 'payroll'].map((p) => lab.run(`kubectl describe pod ${p}`).stdout);
  // kubectl prints "\n\n" between objects: two blank lines after each `Events:` line.
  assert.equal(lab.run('kubectl describe pods').stdout, each.join('\n\n'));
  // A prefix match goes through DescribeMatchingResources, which prints "%s\n" for each match.
  assert.equal(lab.run('kubectl describe pod in').stdout, `${each[1]}\n`);
  lab.run('kubectl create deployment web --image=nginx --replicas=2');
  const pods = jsonpath(lab, 'pods -l app=web', '{.items[*].metadata.name}').split(' ');
  const byPrefix = lab.run('kubectl describe po web-').stdout;
  assert.equal(byPrefix, pods.map((p) => `${lab.run(`kubectl describe pod ${p}`).stdout}\n`).join(''));
  assert.equal(lab.run('kubectl describe deploy we').stdout, `${lab.run('kubectl describe deploy web').stdout}\n`);
  const missing = lab.run('kubectl describe deploy nope');
  assert.equal(missing.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
});

test('quantities print in canonical form, as resource.Quantity.String()', () => {
  const cases: [string, string][] = [['1000', '1k'], ['0.5', '500m'], ['1.5', '1500m'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'], ['0.1Ki', '102400m'], ['65735884Ki', '65735884Ki'], ['0', '0']];
  for (const [text, want] of cases) assert.equal(formatQuantity(parseQuantity(text)!), want, text);
});

// ---- cases of describe_test.go (1.32), replayed on the describers directly ----

/** A ClusterApi holding just the given objects, as describe_test.go's fake clientset. */
function fakeCluster(objects: KubeObject[]): ClusterApi {
  return {
    list: (type, ns) => objects.filter((o) => o.kind === type.kind && (ns === undefined || o.metadata.namespace === ns)),
    get: (type, ns, name) => objects.find((o) => o.kind === type.kind && o.metadata.namespace === ns && o.metadata.name === name),
  } as ClusterApi;
}

test('TestDescribePodVolumes: a bare pod with an image volume', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'bar', namespace: 'foo' },
    spec: { containers: [], volumes: [{ name: 'image', image: { reference: 'image', pullPolicy: 'IfNotPresent' } }] },
  } as unknown as Pod;
  assert.equal(
    describePod(pod, 0),
    `Name:         bar
Namespace:    foo
Node:         <none>
Labels:       <none>
Annotations:  <none>
Status:       
IP:           
IPs:          <none>
Containers: <none>
Volumes:
  image:
    Type:        Image (a container image or OCI artifact)
    Reference:   image
    PullPolicy:  IfNotPresent
QoS Class:       BestEffort
Node-Selectors:  <none>
Tolerations:     <none>
Events:          <none>
`,
  );
});

test('TestDescribePodTolerations', () => {
  const pod = {
    kind: 'Pod',
    metadata: { name: 'bar', namespace: 'foo' },
    spec: {
      containers: [],
      tolerations: [
        { operator: 'Exists' },
        { effect: 'NoSchedule', operator: 'Exists' },
        { key: 'key0', operator: 'Exists' },
        { key: 'key1', value: 'value1' },
        { key: 'key2', operator: 'Equal', value: 'value2', effect: 'NoSchedule' },
        { key: 'key3', value: 'value3', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'key4', effect: 'NoExecute', tolerationSeconds: 60 },
      ],
    },
  } as unknown as Pod;
  const out = describePod(pod, 0);
  for (const want of ['  op=Exists\n', ':NoSchedule op=Exists\n', 'key0 op=Exists\n', 'key1=value1\n', 'key2=value2:NoSchedule\n', 'key3=value3:NoExecute for 300s\n', 'key4:NoExecute for 60s\n', 'Tolerations:']) {
    assert.ok(out.includes(want), `${want} in\n${out}`);
  }
});

test('TestDescribeDeployment: deployment with two mounted volumes', () => {
  const labels = { 'k8s-app': 'bar' };
  const template = {
    metadata: { name: 'bar', namespace: 'foo', labels },
    spec: {
      containers: [{ name: '', image: 'mytest-image:latest', volumeMounts: [{ name: 'vol-foo', mountPath: '/tmp/vol-foo' }, { name: 'vol-bar', mountPath: '/tmp/vol-bar' }] }],
      volumes: [{ name: 'vol-foo', emptyDir: {} }, { name: 'vol-bar', emptyDir: {} }],
    },
  };
  const uid = '00000000-0000-0000-0000-000000000001';
  const d = {
    kind: 'Deployment',
    metadata: { name: 'bar', namespace: 'foo', labels, uid, creationTimestamp: '2021-01-01T00:00:00Z' },
    spec: { replicas: 1, selector: { matchLabels: labels }, template },
  } as unknown as Deployment;
  const rs = {
    kind: 'ReplicaSet',
    metadata: { name: 'bar-001', namespace: 'foo', labels, ownerReferences: [{ controller: true, uid }] },
    spec: { replicas: 1, selector: { matchLabels: labels }, template },
    status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
  } as unknown as KubeObject;
  const out = describeDeployment(d, fakeCluster([d, rs]));
  for (const want of [
    'Name:               bar\nNamespace:          foo',
    'CreationTimestamp:  Fri, 01 Jan 2021 00:00:00 +0000',
    'Labels:             k8s-app=bar',
    'Selector:           k8s-app=bar',
    'Replicas:           1 desired | 0 updated | 0 total | 0 available | 0 unavailable',
    'Image:        mytest-image:latest',
    'Mounts:\n      /tmp/vol-bar from vol-bar (rw)\n      /tmp/vol-foo from vol-foo (rw)',
    'OldReplicaSets:    <none>',
    'NewReplicaSet:     bar-001 (1/1 replicas created)',
    'Events:            <none>',
    'Node-Selectors:  <none>',
    'Tolerations:     <none>',
  ]) {
    assert.ok(out.includes(want), `${JSON.stringify(want)} in\n${out}`);
  }
});

test('TestDescribeNode: allocated resources with hugepages', () => {
  const node = {
    kind: 'Node',
    metadata: { name: 'bar', uid: 'uid' },
    spec: { unschedulable: true },
    status: {
      capacity: { 'hugepages-2Mi': '4Gi', cpu: '8', memory: '24Gi', 'hugepages-1Gi': '0' },
      allocatable: { 'hugepages-2Mi': '2Gi', cpu: '4', memory: '12Gi', 'hugepages-1Gi': '0' },
    },
  } as unknown as Node;
  const pod = {
    kind: 'Pod',
    metadata: { name: 'pod-with-resources', namespace: 'foo' },
    spec: {
      nodeName: 'bar',
      containers: [
        { name: 'cpu-mem', image: 'image:latest', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
        { name: 'hugepages', image: 'image:latest', resources: { requests: { 'hugepages-2Mi': '512Mi' }, limits: { 'hugepages-2Mi': '512Mi' } } },
      ],
    },
    status: { phase: 'Running' },
  } as unknown as KubeObject;
  const out = describeNode(node, fakeCluster([node, pod]), 0);
  assert.ok(out.includes('Unschedulable:      true'), out);
  assert.ok(
    out.includes(`Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests     Limits
  --------           --------     ------
  cpu                1 (25%)      2 (50%)
  memory             1Gi (8%)     2Gi (16%)
  ephemeral-storage  0 (0%)       0 (0%)
  hugepages-1Gi      0 (0%)       0 (0%)
  hugepages-2Mi      512Mi (25%)  512Mi (25%)`),
    out,
  );
});
