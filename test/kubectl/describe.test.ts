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
