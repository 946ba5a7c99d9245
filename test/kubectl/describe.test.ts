// Describers, built from staging/src/k8s.io/kubectl/pkg/describe/describe.go (describeService,
// describeEndpoints) and laid out by tabwriter as tabbedString does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

test('describe svc for the seed NodePort service', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const ip = lab.run("kubectl get svc payroll-service -o jsonpath='{.spec.clusterIP}'").stdout;
  const podIp = lab.run("kubectl get pod payroll -o jsonpath='{.status.podIP}'").stdout;
  assert.equal(
    lab.run('kubectl describe svc payroll-service').stdout,
    `Name:                     payroll-service
Namespace:                default
Labels:                   <none>
Annotations:              <none>
Selector:                 name=payroll
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       ${ip}
IPs:                      ${ip}
Port:                     <unset>  8080/TCP
TargetPort:               8080/TCP
NodePort:                 <unset>  30083/TCP
Endpoints:                ${podIp}:8080
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
`,
  );
});

test('describe ep lists addresses and ports', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const podIp = lab.run("kubectl get pod mysql -o jsonpath='{.status.podIP}'").stdout;
  assert.equal(
    lab.run('kubectl describe endpoints db-service').stdout,
    `Name:         db-service
Namespace:    default
Labels:       <none>
Annotations:  <none>
Subsets:
  Addresses:          ${podIp}
  NotReadyAddresses:  <none>
  Ports:
    Name     Port  Protocol
    ----     ----  --------
    <unset>  3306  TCP

Events:  <none>
`,
  );
});

test('annotations print as key: value in every describer (printAnnotationsMultiline)', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const out = lab.run('kubectl describe svc kube-dns -n kube-system').stdout;
  assert.match(out, /\nAnnotations:              prometheus\.io\/port: 9153\n                          prometheus\.io\/scrape: true\n/);
  lab.run('kubectl annotate netpol payroll-policy owner=team-a');
  assert.match(lab.run('kubectl describe netpol payroll-policy').stdout, /\nAnnotations:  owner: team-a\n/);
});

// kubectl 1.32's cluster-info (pkg/cmd/clusterinfo: go-colortext green names, yellow URLs);
// api-resources and api-versions are in api-resources.test.ts.
test('cluster-info', () => {
  const { lab } = makeLab();
  assert.equal(
    lab.run('kubectl cluster-info').stdout,
    '\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://controlplane:6443\x1b[0m\n' +
      '\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://controlplane:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n' +
      "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n",
  );
});
