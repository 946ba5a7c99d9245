// The authorizer's bench (issue 14): one authorization decision in a lab with the kubeadm
// bootstrap policy and 200 Roles/RoleBindings of the learner's (target under 20 µs), for an
// allowed request, a denied one (every binding walked) and the admin's; and the index rebuild a
// write costs.
import { performance } from 'node:perf_hooks';
import { authorizeIn, impersonatedUser, KUBERNETES_ADMIN, type RequestAttributes } from '../server/cluster/index.js';
import { makeLab } from '../test/helpers/lab.js';

const { lab } = makeLab();
for (let i = 0; i < 20; i++) lab.run(`kubectl create ns team-${i}`);
for (let i = 0; i < 200; i++) {
  const ns = `team-${i % 20}`;
  lab.run(`kubectl create role r${i} --verb=get,list --resource=pods,configmaps -n ${ns}`);
  lab.run(`kubectl create rolebinding b${i} --role=r${i} --user=u${i} --serviceaccount=${ns}:sa${i} -n ${ns}`);
}
const cluster = lab.cluster;

function perCall(label: string, req: RequestAttributes, expected: boolean): void {
  const n = 50_000;
  for (let i = 0; i < 2_000; i++) authorizeIn(cluster, req);
  const t0 = performance.now();
  let allowed = 0;
  for (let i = 0; i < n; i++) if (authorizeIn(cluster, req).allowed) allowed++;
  const us = ((performance.now() - t0) * 1000) / n;
  if ((allowed === n) !== expected) throw new Error(`${label}: unexpected decision`);
  console.log(`${label.padEnd(58)} ${us.toFixed(2)} µs/decision`);
}

perCall('allowed: user u7 list pods in team-7 (RoleBinding)', { user: impersonatedUser('u7', []), verb: 'list', resourceRequest: true, apiGroup: '', resource: 'pods', namespace: 'team-7' }, true);
perCall('denied: user nobody delete pods in team-7', { user: impersonatedUser('nobody', []), verb: 'delete', resourceRequest: true, apiGroup: '', resource: 'pods', namespace: 'team-7' }, false);
perCall('admin: kubernetes-admin create deployments (cluster-admin)', { user: KUBERNETES_ADMIN, verb: 'create', resourceRequest: true, apiGroup: 'apps', resource: 'deployments', namespace: 'team-3' }, true);
perCall('non-resource: get /healthz as a user', { user: impersonatedUser('u1', []), verb: 'get', resourceRequest: false, path: '/healthz' }, true);

// A write moves the revision: the next decision rebuilds the index.
const n = 500;
const t0 = performance.now();
for (let i = 0; i < n; i++) {
  lab.run(`kubectl label role r1 -n team-1 v=${i} --overwrite`);
  authorizeIn(cluster, { user: impersonatedUser('u1', []), verb: 'list', resourceRequest: true, apiGroup: '', resource: 'pods', namespace: 'team-1' });
}
console.log(`${'a write (kubectl label) then a decision (index rebuilt)'.padEnd(58)} ${(((performance.now() - t0) * 1000) / n).toFixed(0)} µs`);
