// The RBAC kinds' tables (pkg/printers/internalversion/printers.go printRole/printRoleBinding:
// `Created At` in RFC 3339, `Kind/name` roles, wide subject columns joined with ", ") and
// describers (pkg/describe/describe.go RoleDescriber, RoleBindingDescriber: rules broken down,
// compacted and sorted as kubectl's pkg/util/rbac does: by PolicyRule.String(), so `Resources:[]`
// sorts before `Resources:[nodes]` and `APIGroups:[]` before `APIGroups:[apps]`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

function lab() {
  const { lab, clock } = makeLab();
  for (const c of [
    'kubectl create role r --verb=get,list --resource=pods,deployments.apps,pods/log --resource-name=web',
    'kubectl create clusterrole c --verb=get --resource=nodes --non-resource-url=/healthz,/logs/*',
    'kubectl create rolebinding rb --role=r --user=a --user=b --serviceaccount=default:x --group=g',
    'kubectl create clusterrolebinding crb --clusterrole=c --serviceaccount=kube-system:y --serviceaccount=default:x',
  ]) assert.equal(lab.run(c).exitCode, 0, c);
  clock.advance(90_000);
  return lab;
}

test('get roles, clusterroles, rolebindings (-o wide), clusterrolebindings', () => {
  const l = lab();
  assert.equal(l.run('kubectl get roles').stdout, 'NAME   CREATED AT\nr      2025-02-04T06:00:30Z\n');
  assert.equal(l.run('kubectl get rolebindings').stdout, 'NAME   ROLE     AGE\nrb     Role/r   90s\n');
  assert.equal(l.run('kubectl get rolebindings -o wide').stdout, 'NAME   ROLE     AGE   USERS   GROUPS   SERVICEACCOUNTS\nrb     Role/r   90s   a, b    g        default/x\n');
  assert.equal(
    l.run('kubectl get clusterrolebinding crb -o wide').stdout,
    'NAME   ROLE            AGE   USERS   GROUPS   SERVICEACCOUNTS\ncrb    ClusterRole/c   90s                    kube-system/y, default/x\n',
  );
});

test('describe role and clusterrole: the rules table', () => {
  const l = lab();
  assert.equal(
    l.run('kubectl describe role r').stdout,
    `Name:         r
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources         Non-Resource URLs  Resource Names  Verbs
  ---------         -----------------  --------------  -----
  pods/log          []                 [web]           [get list]
  pods              []                 [web]           [get list]
  deployments.apps  []                 [web]           [get list]
`,
  );
  assert.equal(
    l.run('kubectl describe clusterrole c').stdout,
    `Name:         c
Labels:       <none>
Annotations:  <none>
PolicyRule:
  Resources  Non-Resource URLs  Resource Names  Verbs
  ---------  -----------------  --------------  -----
             [/healthz]         []              [get]
             [/logs/*]          []              [get]
  nodes      []                 []              [get]
`,
  );
});

test('describe rolebinding and clusterrolebinding: role and subjects', () => {
  const l = lab();
  assert.equal(
    l.run('kubectl describe rolebinding rb').stdout,
    `Name:         rb
Labels:       <none>
Annotations:  <none>
Role:
  Kind:  Role
  Name:  r
Subjects:
  Kind            Name  Namespace
  ----            ----  ---------
  User            a     
  User            b     
  Group           g     
  ServiceAccount  x     default
`,
  );
  assert.match(l.run('kubectl describe clusterrolebinding crb').stdout, /Role:\n {2}Kind: {2}ClusterRole\n {2}Name: {2}c\n/);
});
