// Nodes as hosts: ssh, the kubelet under systemd, NotReady on a fake clock, static pods, etcd snapshot/restore.
// Goldens: kubelet's "command failed" text is cmd/kubelet/app/server.go's (seen verbatim in journals quoted by the
// search corpus); systemd's lines are systemd 249's (Ubuntu 22.04); node conditions are the node lifecycle controller's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lab } from '../../server/lab/index.js';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { testPki } from '../helpers/pki.js';

const T0 = Date.UTC(2026, 10, 30, 3, 0, 0);
function makeLab() {
  const clock = new ManualClock(T0);
  const l = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], workers: ['node01'] }, { clock, random: seededRandom(1), pki: testPki });
  return { lab: l, clock, run: (line: string) => l.run(line) };
}
const ETCD = 'ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

test('a lab that never looks at a host carries no host state', () => {
  const { lab, run } = makeLab();
  run('kubectl get pods');
  assert.equal(lab.snapshot().hosts, undefined);
});

test('ssh changes the host, the prompt and the files; exit and Ctrl-D come back', () => {
  const { lab, run } = makeLab();
  assert.equal(lab.promptHost(), 'controlplane');
  assert.equal(run('ssh root@node01').exitCode, 0);
  assert.equal(lab.promptHost(), 'node01');
  assert.equal(run('hostname').stdout, 'node01\n');
  assert.equal(run('ls /etc/kubernetes/manifests').stdout, '');
  assert.match(run('cat /var/lib/kubelet/config.yaml').stdout, /staticPodPath: \/etc\/kubernetes\/manifests/);
  const r = run('exit');
  assert.equal(r.stderr, 'Connection to node01 closed.\n');
  assert.equal(lab.promptHost(), 'controlplane');
  run('ssh node01');
  assert.equal(lab.endOfInput()?.stderr, 'Connection to node01 closed.\n');
  assert.equal(lab.endOfInput(), undefined);
  assert.equal(run('ssh node09').stderr, 'ssh: Could not resolve hostname node09: Name or service not known\n');
  assert.equal(run('ls /etc/kubernetes/manifests').stdout, 'etcd.yaml  kube-apiserver.yaml  kube-controller-manager.yaml  kube-scheduler.yaml\n');
});

test('a kubelet with a wrong CA fails with its own error; the node turns NotReady after 40 s and back after the fix', () => {
  const { clock, run } = makeLab();
  run('ssh node01');
  run('sed -i s#pki/ca.crt#pki/ca-wrong.crt# /var/lib/kubelet/config.yaml');
  run('systemctl restart kubelet');
  assert.equal(run('systemctl is-active kubelet').stdout, 'activating\n');
  const j = run('journalctl -u kubelet --no-pager').stdout;
  assert.ok(j.includes('Nov 30 03:00:00 node01 kubelet[') && j.includes(' run.go:72] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file /etc/kubernetes/pki/ca-wrong.crt: open /etc/kubernetes/pki/ca-wrong.crt: no such file or directory"\n'), j);
  assert.ok(j.includes("Nov 30 03:00:00 node01 systemd[1]: kubelet.service: Failed with result 'exit-code'.\n"));
  run('exit');
  clock.advance(39_000);
  assert.match(run('kubectl get node node01').stdout, /node01 +Ready /);
  clock.advance(1_000);
  assert.match(run('kubectl get node node01').stdout, /node01 +NotReady /);
  assert.equal(run("kubectl get node node01 -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].message}'").stdout, 'Kubelet stopped posting node status.');
  run('ssh node01');
  run('sed -i s#pki/ca-wrong.crt#pki/ca.crt# /var/lib/kubelet/config.yaml');
  run('systemctl restart kubelet');
  assert.equal(run('systemctl is-active kubelet').stdout, 'active\n');
  run('exit');
  assert.match(run('kubectl get node node01').stdout, /node01 +Ready /);
});

test('a stopped kubelet: inactive (dead), NotReady after the grace period', () => {
  const { clock, run } = makeLab();
  run('ssh node01');
  run('systemctl stop kubelet');
  assert.match(run('systemctl status kubelet').stdout, /^○ kubelet.service - kubelet: The Kubernetes Node Agent\n[\s\S]*     Active: inactive \(dead\) since Mon 2026-11-30 03:00:00 UTC; 0s ago\n/);
  assert.equal(run('systemctl status kubelet').exitCode, 3);
  run('exit');
  clock.advance(40_000);
  assert.match(run('kubectl get nodes').stdout, /node01 +NotReady/);
});

test('a static pod manifest on node01 becomes the mirror pod <name>-node01', () => {
  const { run } = makeLab();
  run('ssh node01');
  run('cat <<EOF > /etc/kubernetes/manifests/static-web.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx\nEOF');
  run('exit');
  assert.match(run('kubectl get pod static-web-node01 -o wide').stdout, /static-web-node01 +1\/1 +Running .* node01 /);
  run('ssh node01 rm /etc/kubernetes/manifests/static-web.yaml');
  assert.equal(run('kubectl get pod static-web-node01').stderr, 'Error from server (NotFound): pods "static-web-node01" not found\n');
});

test('a broken kube-apiserver manifest refuses kubectl until fixed; a broken scheduler leaves new pods Pending', () => {
  const { run } = makeLab();
  run("sed -i 's/--secure-port=6443/--secure-portt=6443/' /etc/kubernetes/manifests/kube-apiserver.yaml");
  const r = run('kubectl get pods');
  assert.deepEqual([r.stderr, r.exitCode], ['The connection to the server controlplane:6443 was refused - did you specify the right host or port?\n', 1]);
  run("sed -i 's/--secure-portt=6443/--secure-port=6443/' /etc/kubernetes/manifests/kube-apiserver.yaml");
  assert.equal(run('kubectl get pods').exitCode, 0);
  run("sed -i 's#--kubeconfig=/etc/kubernetes/scheduler.conf#--kubeconfig=/etc/kubernetes/scheduler.conff#' /etc/kubernetes/manifests/kube-scheduler.yaml");
  assert.match(run('kubectl -n kube-system get pod kube-scheduler-controlplane').stdout, /kube-scheduler-controlplane +0\/1 /);
  assert.equal(run("kubectl -n kube-system get pod kube-scheduler-controlplane -o jsonpath='{.status.containerStatuses[0].state.waiting.reason}'").stdout, 'CrashLoopBackOff');
  run('kubectl run web --image=nginx');
  assert.match(run('kubectl get pod web').stdout, /web +0\/1 +Pending/);
  run("sed -i 's#scheduler.conff#scheduler.conf#' /etc/kubernetes/manifests/kube-scheduler.yaml");
  assert.match(run('kubectl get pod web').stdout, /web +1\/1 +Running/);
});

test('an etcd snapshot holds the state when it was taken; restoring it and pointing etcd there brings it back', () => {
  const { lab, run } = makeLab();
  run('kubectl create namespace before');
  const save = run(`${ETCD} snapshot save /opt/backup.db`);
  assert.equal(save.stdout, 'Snapshot saved at /opt/backup.db\n');
  assert.match(run('etcdutl snapshot status /opt/backup.db -w table').stdout, /^\+----------\+----------\+------------\+------------\+\n\|   HASH   \| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\n/);
  run('kubectl create namespace after');
  assert.equal(run('etcdutl snapshot restore /opt/backup.db --data-dir /var/lib/etcd-from-backup').exitCode, 0);
  assert.match(run('etcdutl snapshot restore /opt/backup.db --data-dir /var/lib/etcd-from-backup').stderr, /Error: data-dir "\/var\/lib\/etcd-from-backup" not empty or could not be read/);
  run("sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml");
  assert.equal(run('kubectl get ns before -o name').stdout, 'namespace/before\n');
  assert.match(run('kubectl get ns after').stderr, /NotFound/);
  // The lab survives a restart in that state.
  const again = Lab.restore(JSON.parse(lab.serialize()), { clock: new ManualClock(T0), random: seededRandom(2), pki: testPki });
  assert.equal(again.run('kubectl get ns before -o name').stdout, 'namespace/before\n');
  assert.match(again.run('cat /etc/kubernetes/manifests/etcd.yaml').stdout, /path: \/var\/lib\/etcd-from-backup/);
});

test('etcdctl with the wrong certificates or endpoint times out as etcdctl does', () => {
  const { run } = makeLab();
  const wrongCa = run('etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key member list');
  assert.deepEqual([wrongCa.stderr.split('\n').slice(-2)[0], wrongCa.exitCode], ['Error: context deadline exceeded', 1]);
  const missing = run('etcdctl --cacert=/etc/kubernetes/pki/etcd/nope.crt member list');
  assert.equal(missing.stderr, 'Error: open /etc/kubernetes/pki/etcd/nope.crt: no such file or directory\n');
  assert.match(run(`${ETCD} member list`).stdout, /^8e9e05c52164694d, started, controlplane, https:\/\/192.168.0.2:2380, https:\/\/192.168.0.2:2379, false\n$/);
});

test('kubeadm certs check-expiration reads the real certificates', () => {
  const { run } = makeLab();
  const out = run('kubeadm certs check-expiration').stdout;
  assert.match(out, /\napiserver {18}\w{3} \d\d, \d{4} \d\d:\d\d UTC +36[45]d +ca +no\n/);
  assert.match(out, /\nca {22}\w{3} \d\d, \d{4} \d\d:\d\d UTC +(9|10)y +no\n/);
  assert.equal(run('kubelet --version').stdout, 'Kubernetes v1.32.0\n');
});

test('a lab made without the installation PKI can still look at its nodes without breaking the control plane', () => {
  const l = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], workers: ['node01'] }, { clock: new ManualClock(T0), random: seededRandom(1) });
  l.run('ls /etc/kubernetes/manifests');
  assert.equal(l.run('kubectl get pods').exitCode, 0);
  l.run('ssh node01 systemctl restart kubelet');
  assert.equal(l.run('ssh node01 systemctl is-active kubelet').stdout, 'active\n');
  l.run("sed -i 's#pki/ca.crt#pki/ca-wrong.crt#' /etc/kubernetes/manifests/kube-apiserver.yaml");
  assert.equal(l.run('kubectl get pods').exitCode, 1, 'a path kubeadm does not write is still missing');
});
