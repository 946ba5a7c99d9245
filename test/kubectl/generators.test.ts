// The generators' `--dry-run=client -o yaml` output, as kubectl 1.32 prints it (these commands
// need a server for discovery even in dry-run, so the expected texts follow kubectl's generators
// (staging/src/k8s.io/kubectl/pkg/cmd/create/create_deployment.go, pkg/cmd/run/run.go) as they print with a server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

test('create deployment --dry-run=client -o yaml', () => {
  const { lab } = makeLab();
  assert.equal(
    lab.run('kubectl create deployment web --image=nginx --replicas=2 --port=80 --dry-run=client -o yaml').stdout,
    `apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`,
  );
});

test('run --dry-run=client -o yaml, then the exam habit of export do=...', () => {
  const { lab } = makeLab();
  lab.run('export do="--dry-run=client -o yaml"');
  assert.equal(
    lab.run('k run web --image=nginx --port=80 $do').stdout,
    `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: web
  name: web
spec:
  containers:
  - image: nginx
    name: web
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
  );
});

test('create, scale, expose and delete with their messages', () => {
  const { lab } = makeLab();
  const say = (l: string) => lab.run(l).stdout;
  assert.equal(say('kubectl create namespace team'), 'namespace/team created\n');
  assert.equal(say('kubectl create deployment web --image=nginx -n team'), 'deployment.apps/web created\n');
  assert.equal(say('kubectl scale deployment web --replicas=3 -n team'), 'deployment.apps/web scaled\n');
  assert.equal(lab.run('kubectl get pods -n team --no-headers').stdout.trim().split('\n').length, 3);
  assert.equal(say('kubectl expose deployment web --port=80 -n team'), 'service/web exposed\n');
  assert.match(say('kubectl get ep web -n team'), /^NAME   ENDPOINTS\s+AGE\nweb    10\.244\.0\.\d+:80,10\.244\.0\.\d+:80,10\.244\.0\.\d+:80   0s\n$/);
  assert.equal(say('kubectl delete deploy web -n team'), 'deployment.apps "web" deleted\n');
  assert.equal(lab.run('kubectl get pods -n team').stderr, 'No resources found in team namespace.\n');
});
