// The node tools' texts. Sources: systemd 249's `systemctl status` layout (src/systemctl/systemctl-show.c,
// Ubuntu 22.04) and journal lines; apt 2.4 / apt-mark messages (apt-pkg); apt-cache madison's
// "%10s | %s | %s" columns; kubeadm 1.32 upgrade policy errors (cmd/kubeadm/app/phases/upgrade/policy.go);
// etcdctl 3.5's snapshot status table (tablewriter); openssl x509 compared with /usr/bin/openssl itself;
// docker/go-units HumanDuration for crictl's CREATED.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Lab } from '../../server/lab/index.js';
import { ManualClock, seededRandom } from '../../server/core/index.js';
import { opensslX509, tools } from '../../server/hosts/index.js';
import { testPki } from '../helpers/pki.js';

const T0 = Date.UTC(2026, 10, 30, 3, 0, 0);
function makeLab(setup: { version?: string; unjoined?: string[] } = {}) {
  const clock = new ManualClock(T0);
  const lab = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], workers: ['node01'], ...setup }, { clock, random: seededRandom(1), pki: testPki });
  return { lab, clock, run: (line: string) => lab.run(line) };
}

test('systemctl status kubelet, active, as systemd 249 prints it', () => {
  const { run, clock } = makeLab();
  run('ssh node01');
  clock.advance(5 * 60_000);
  const out = run('systemctl status kubelet --no-pager').stdout;
  const head = out.split('\n').slice(0, 12).join('\n');
  assert.equal(
    head.replace(/Main PID: \d+/, 'Main PID: PID').replace(/└─\d+ /, '└─PID '),
    `● kubelet.service - kubelet: The Kubernetes Node Agent
     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)
    Drop-In: /etc/systemd/system/kubelet.service.d
             └─10-kubeadm.conf
     Active: active (running) since Mon 2026-11-30 02:00:00 UTC; 1h 5min ago
       Docs: https://kubernetes.io/docs/
   Main PID: PID (kubelet)
      Tasks: 15 (limit: 9387)
     Memory: 38.4M
        CPU: 1.283s
     CGroup: /system.slice/kubelet.service
             └─PID /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10`,
  );
});

test('systemctl enable/disable/is-enabled and the drop-in changed without daemon-reload', () => {
  const { run } = makeLab();
  run('ssh node01');
  assert.deepEqual(run('systemctl disable kubelet'), { stdout: '', stderr: 'Removed /etc/systemd/system/multi-user.target.wants/kubelet.service.\n', exitCode: 0, effects: [] });
  assert.deepEqual([run('systemctl is-enabled kubelet').stdout, run('systemctl is-enabled kubelet').exitCode], ['disabled\n', 1]);
  assert.equal(run('systemctl enable kubelet').stderr, 'Created symlink /etc/systemd/system/multi-user.target.wants/kubelet.service → /lib/systemd/system/kubelet.service.\n');
  run("sed -i 's#^ExecStart=/usr/bin/kubelet#ExecStart=/usr/bin/kubelett#' /etc/systemd/system/kubelet.service.d/10-kubeadm.conf");
  const r = run('systemctl restart kubelet');
  assert.equal(r.stderr, "Warning: The unit file, source configuration file or drop-ins of kubelet.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n");
  assert.equal(run('systemctl is-active kubelet').stdout, 'active\n', 'systemd still runs the unit it loaded');
  run('systemctl daemon-reload');
  run('systemctl restart kubelet');
  assert.equal(run('systemctl is-active kubelet').stdout, 'activating\n');
  assert.match(run('systemctl status kubelet').stdout, /\n    Process: \d+ ExecStart=\/usr\/bin\/kubelet \$KUBELET_KUBECONFIG_ARGS \$KUBELET_CONFIG_ARGS \$KUBELET_KUBEADM_ARGS \$KUBELET_EXTRA_ARGS \(code=exited, status=203\/EXEC\)\n/);
  assert.match(run('journalctl -u kubelet -n 3').stdout, /^Nov 30 03:00:00 node01 \(kubelet\)\[\d+\]: kubelet.service: Failed at step EXEC spawning \/usr\/bin\/kubelett: No such file or directory\nNov 30 03:00:00 node01 systemd\[1\]: kubelet.service: Main process exited, code=exited, status=203\/EXEC\nNov 30 03:00:00 node01 systemd\[1\]: kubelet.service: Failed with result 'exit-code'.\n$/);
  assert.equal(run('journalctl -u nosuch').stdout, '-- No entries --\n');
  assert.deepEqual([run('systemctl status nosuch').stderr, run('systemctl status nosuch').exitCode], ['Unit nosuch.service could not be found.\n', 4]);
});

test('a failing kubelet is restarted by systemd every 10 s, and the journal shows each round', () => {
  const { run, clock } = makeLab();
  run('ssh node01');
  run('mv /var/lib/kubelet/config.yaml /root/config.yaml');
  run('systemctl restart kubelet');
  clock.advance(25_000);
  const j = run('journalctl -u kubelet --no-pager').stdout;
  assert.ok(j.includes('Nov 30 03:00:10 node01 systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 1.\n'));
  assert.ok(j.includes('Nov 30 03:00:20 node01 systemd[1]: kubelet.service: Scheduled restart job, restart counter is at 2.\n'));
  assert.ok(j.includes('"command failed" err="failed to load kubelet config file, path: /var/lib/kubelet/config.yaml, error: failed to load Kubelet config file /var/lib/kubelet/config.yaml, error failed to read kubelet config file \\"/var/lib/kubelet/config.yaml\\", error: open /var/lib/kubelet/config.yaml: no such file or directory"\n'));
  assert.match(run('systemctl status kubelet').stdout, /Active: activating \(auto-restart\) \(Result: exit-code\) since Mon 2026-11-30 03:00:20 UTC; 5s ago\n/);
});

test('a kubeconfig pointing at the wrong port: the kubelet runs but cannot register, the node goes NotReady', () => {
  const { run, clock } = makeLab();
  run('ssh node01');
  run("sed -i 's#https://controlplane:6443#https://controlplane:6553#' /etc/kubernetes/kubelet.conf");
  run('systemctl restart kubelet');
  assert.equal(run('systemctl is-active kubelet').stdout, 'active\n');
  assert.ok(run('journalctl -u kubelet').stdout.includes('"Unable to register node with API server" err="Post \\"https://controlplane:6553/api/v1/nodes\\": dial tcp 192.168.0.2:6553: connect: connection refused" node="node01"\n'));
  run('exit');
  clock.advance(40_000);
  assert.match(run('kubectl get nodes').stdout, /node01 +NotReady/);
  assert.match(run('kubectl describe node node01').stdout, /node\.kubernetes\.io\/unreachable:NoExecute/);
});

test('apt: the repository is per minor; madison, holds and installs as apt prints them', () => {
  const { run } = makeLab({ version: 'v1.31.6' });
  assert.equal(run('apt-cache madison kubeadm').stdout.split('\n')[0], '   kubeadm | 1.31.6-1.1 | https://pkgs.k8s.io/core:/stable:/v1.31/deb  Packages');
  assert.equal(run('apt-get install -y kubeadm=1.32.3-1.1').stderr, "E: Version '1.32.3-1.1' for 'kubeadm' was not found\n");
  run("sed -i 's#/v1.31/#/v1.32/#' /etc/apt/sources.list.d/kubernetes.list");
  assert.equal(run('apt-cache madison kubeadm').stdout.split('\n')[0], '   kubeadm | 1.31.6-1.1 | https://pkgs.k8s.io/core:/stable:/v1.31/deb  Packages', 'until apt-get update');
  assert.match(run('apt-get update').stdout, /Get:4 https:\/\/prod-cdn\.packages\.k8s\.io\/repositories\/isv:\/kubernetes:\/core:\/stable:\/v1\.32\/deb  InRelease/);
  assert.equal(run('apt-cache madison kubeadm').stdout, ['3', '2', '1', '0'].map((p) => `   kubeadm | 1.32.${p}-1.1 | https://pkgs.k8s.io/core:/stable:/v1.32/deb  Packages\n`).join(''));
  const held = run('apt-get install -y kubeadm=1.32.3-1.1');
  assert.deepEqual([held.stderr, held.exitCode], ['E: Held packages were changed and -y was used without --allow-change-held-packages.\n', 100]);
  assert.ok(held.stdout.includes('The following held packages will be changed:\n  kubeadm\nThe following packages will be upgraded:\n  kubeadm\n1 upgraded, 0 newly installed, 0 downgraded, 0 to remove and 25 not upgraded.\n'));
  assert.equal(run('apt-mark unhold kubeadm').stdout, 'Canceled hold on kubeadm.\n');
  const ok = run('apt-get install -y kubeadm=1.32.3-1.1');
  assert.ok(ok.stdout.includes('Unpacking kubeadm (1.32.3-1.1) over (1.31.6-1.1) ...\nSetting up kubeadm (1.32.3-1.1) ...\n'));
  assert.equal(run('apt-mark hold kubeadm').stdout, 'kubeadm set on hold.\n');
  assert.equal(run('apt-mark hold kubeadm').stdout, 'kubeadm was already set on hold.\n');
  assert.equal(run('kubeadm version -o short').stdout, 'v1.32.3\n');
  assert.equal(run('kubelet --version').stdout, 'Kubernetes v1.31.6\n');
});

test('kubeadm upgrade: policy errors, then control plane and worker follow the real procedure', () => {
  const { run } = makeLab({ version: 'v1.31.6' });
  const early = run('kubeadm upgrade apply v1.32.3 -y');
  assert.equal(early.exitCode, 1);
  assert.equal(early.stderr, 'error execution phase preflight: the version argument is invalid due to these errors:\n\n\t- Specified version to upgrade to "v1.32.3" is at least one minor release higher than the kubeadm minor release (32 > 31). Such an upgrade is not supported\n\nCan be bypassed if you pass the --force flag\nTo see the stack trace of this error execute with --v=5 or higher\n');
  for (const l of ["sed -i 's#/v1.31/#/v1.32/#' /etc/apt/sources.list.d/kubernetes.list", 'apt-get update', 'apt-mark unhold kubeadm kubelet kubectl', 'apt-get install -y kubeadm=1.32.2-1.1']) run(l);
  assert.match(run('kubeadm upgrade apply v1.32.3 -y').stderr, /Specified version to upgrade to "v1.32.3" is higher than the kubeadm version "v1.32.2". Upgrade kubeadm first using the tool you used to install kubeadm/);
  assert.equal(run('kubeadm upgrade apply v1.32.2').stderr, "\nerror execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n");
  const plan = run('kubeadm upgrade plan').stdout;
  assert.ok(plan.includes('kube-apiserver            controlplane   v1.31.6    v1.32.2\n'), plan);
  assert.ok(plan.includes('\tkubeadm upgrade apply v1.32.2\n'));
  const applied = run('kubeadm upgrade apply v1.32.2 -y');
  assert.ok(applied.stdout.includes('[upgrade] SUCCESS! A control plane node of your cluster was upgraded to "v1.32.2".\n'));
  assert.match(run('grep image: /etc/kubernetes/manifests/kube-apiserver.yaml').stdout, /registry\.k8s\.io\/kube-apiserver:v1\.32\.2/);
  assert.match(run('kubectl -n kube-system get pod kube-apiserver-controlplane -o jsonpath={.spec.containers[0].image}').stdout, /^registry\.k8s\.io\/kube-apiserver:v1\.32\.2$/);
  assert.match(run('kubectl get nodes').stdout, /controlplane +Ready +control-plane +\S+ +v1\.31\.6/, 'the kubelet is not upgraded by kubeadm');
  run('apt-get install -y kubelet=1.32.2-1.1 kubectl=1.32.2-1.1');
  assert.match(run('kubectl get nodes').stdout, /controlplane +Ready +control-plane +\S+ +v1\.31\.6/, 'the new kubelet runs after a restart');
  run('systemctl daemon-reload');
  run('systemctl restart kubelet');
  assert.match(run('kubectl get nodes').stdout, /controlplane +Ready +control-plane +\S+ +v1\.32\.2\nnode01 +Ready +<none> +\S+ +v1\.31\.6\n/);
  run('ssh node01');
  for (const l of ["sed -i 's#/v1.31/#/v1.32/#' /etc/apt/sources.list.d/kubernetes.list", 'apt-get update', 'apt-mark unhold kubeadm kubelet kubectl', 'apt-get install -y kubeadm=1.32.2-1.1']) run(l);
  assert.match(run('kubeadm upgrade node').stdout, /\[upgrade\/kubelet-config\] The kubelet configuration for this node was successfully upgraded!\n/);
  run('apt-get install -y kubelet=1.32.2-1.1');
  run('systemctl restart kubelet');
  run('exit');
  assert.match(run('kubectl get nodes').stdout, /node01 +Ready +<none> +\S+ +v1\.32\.2\n/);
});

test('kubeadm upgrade node on a worker ahead of the control plane is refused', () => {
  const { run } = makeLab({ version: 'v1.31.6' });
  run('ssh node01');
  for (const l of ["sed -i 's#/v1.31/#/v1.32/#' /etc/apt/sources.list.d/kubernetes.list", 'apt-get update', 'apt-mark unhold kubeadm', 'apt-get install -y kubeadm=1.32.3-1.1']) run(l);
  const r = run('kubeadm upgrade node');
  assert.equal(r.exitCode, 1);
  assert.match(r.stderr, /the kubeadm version v1\.32\.3 is newer than the cluster version v1\.31\.6/);
});

test('join: a machine that is not a node yet, a wrong token, then the printed join command', () => {
  const { run } = makeLab({ unjoined: ['node02'] });
  assert.doesNotMatch(run('kubectl get nodes').stdout, /node02/);
  assert.equal(run('ssh node02 systemctl is-active kubelet').stdout, 'activating\n');
  const bad = run('ssh node02 kubeadm join 192.168.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00');
  assert.match(bad.stderr, /could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"/);
  const join = run('kubeadm token create --print-join-command').stdout;
  assert.match(join, /^kubeadm join 192\.168\.0\.2:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
  assert.match(run(`ssh node02 ${join.trim()}`).stdout, /This node has joined the cluster:/);
  assert.match(run('kubectl get nodes').stdout, /node02 +Ready +<none>/);
  assert.match(run(`ssh node02 ${join.trim()}`).stderr, /\[ERROR FileAvailable--etc-kubernetes-kubelet.conf\]: \/etc\/kubernetes\/kubelet.conf already exists/);
});

test('etcdctl snapshot status -w table and the deprecation line', () => {
  const { run } = makeLab();
  run('etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/apiserver-etcd-client.crt --key=/etc/kubernetes/pki/apiserver-etcd-client.key snapshot save /opt/s.db');
  const r = run('etcdctl snapshot status /opt/s.db -w table');
  assert.equal(r.stderr, 'Deprecated: Use `etcdutl snapshot status` instead.\n\n');
  assert.match(r.stdout, /^\+----------\+----------\+------------\+------------\+\n\|   HASH   \| REVISION \| TOTAL KEYS \| TOTAL SIZE \|\n\+----------\+----------\+------------\+------------\+\n\| [0-9a-f]{8} \| +\d+ \| +\d+ \| +[\d.]+ [kM]B \|\n\+----------\+----------\+------------\+------------\+\n$/);
  assert.equal(run('etcdutl snapshot status /etc/hostname').stderr, 'Error: invalid database\n');
  assert.equal(run('etcdutl snapshot status /opt/none.db').stderr, 'Error: stat /opt/none.db: no such file or directory\n');
});

test('the saved lab keeps only what differs from kubeadm\'s files', () => {
  const { lab, run } = makeLab();
  run('ls /etc/kubernetes');
  run('ssh node01 true');
  const saved = JSON.parse(lab.serialize());
  assert.deepEqual(Object.keys(saved.vfs.files).filter((p: string) => p.startsWith('/etc/kubernetes')), []);
  run("sed -i 's/--v=2//' /etc/kubernetes/manifests/kube-scheduler.yaml");
  run('rm /etc/kubernetes/manifests/kube-controller-manager.yaml');
  const again = Lab.restore(JSON.parse(lab.serialize()), { clock: new ManualClock(T0), random: seededRandom(3), pki: testPki });
  assert.equal(again.run('ls /etc/kubernetes/manifests').stdout, 'etcd.yaml  kube-apiserver.yaml  kube-scheduler.yaml\n');
  assert.equal(again.run('cat /etc/kubernetes/manifests/kube-scheduler.yaml').stdout, run('cat /etc/kubernetes/manifests/kube-scheduler.yaml').stdout);
});

test('crictl CREATED follows go-units HumanDuration', () => {
  const cases: [number, string][] = [[500, 'Less than a second'], [1000, '1 second'], [45_000, '45 seconds'], [90_000, 'About a minute'], [5 * 60_000, '5 minutes'], [65 * 60_000, 'About an hour'], [5 * 3600_000, '5 hours'], [3 * 86400_000, '3 days']];
  for (const [ms, text] of cases) assert.equal(tools.humanDuration(ms), text);
});

test('openssl x509 prints every certificate of the PKI exactly as /usr/bin/openssl does', { skip: existsSync('/usr/bin/openssl') ? false : 'no /usr/bin/openssl to compare with' }, () => {
  const pki = testPki();
  for (const [name, pem] of Object.entries(pki)) {
    if (!name.endsWith('.crt')) continue;
    for (const args of [['-noout', '-text'], ['-noout', '-subject', '-issuer', '-dates', '-serial', '-enddate'], ['-text']]) {
      const real = execFileSync('/usr/bin/openssl', ['x509', ...args], { input: pem }).toString();
      assert.equal(opensslX509(['openssl', 'x509', ...args], () => undefined, pem).stdout, real, `${name} ${args.join(' ')}`);
    }
  }
  const { run } = makeLab();
  assert.deepEqual(run('openssl x509 -in /etc/kubernetes/pki/nope.crt -noout -text'), { stdout: '', stderr: 'Could not open file or uri for loading certificate from /etc/kubernetes/pki/nope.crt\nUnable to load certificate\n', exitCode: 1, effects: [] });
});

test('kubeadm certs renew re-signs with the CA on the node; etcdctl still trusts the renewed pair', () => {
  const clock = new ManualClock(Date.UTC(2027, 5, 1));
  const lab = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [] }, { clock, random: seededRandom(1), pki: testPki });
  const r = lab.run('kubeadm certs renew all');
  assert.ok(r.stdout.startsWith('[renew] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n'));
  assert.ok(r.stdout.endsWith('certificate embedded in the kubeconfig file for the super-admin renewed\n\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n'));
  assert.equal(lab.run('openssl x509 -in /etc/kubernetes/pki/apiserver.crt -noout -enddate').stdout, 'notAfter=May 31 00:00:00 2028 GMT\n');
  assert.match(lab.run('kubeadm certs check-expiration').stdout, /\nsuper-admin\.conf {11}May 31, 2028 00:00 UTC {3}365d {12}ca {22}no\n/);
  const save = lab.run('etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /opt/s.db');
  assert.equal(save.stdout, 'Snapshot saved at /opt/s.db\n');
  const mixed = lab.run('etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/peer.key member list');
  assert.match(mixed.stderr, /Error: context deadline exceeded\n$/, 'a key that is not the certificate\'s is refused');
  assert.match(lab.run('kubeadm certs renew nosuch').stderr, /^unknown command "nosuch" for "kubeadm certs renew"\n/);
});

test('a scenario may name hosts for ssh, exam style', () => {
  const clock = new ManualClock(T0);
  const lab = Lab.create({ objects: [], externalHosts: [], appResponses: [], files: [], workers: ['node01'], hostAliases: { cka7968: 'controlplane', 'cka7968-node1': 'node01' } }, { clock, random: seededRandom(1), pki: testPki });
  lab.run('ssh cka7968-node1');
  assert.equal(lab.promptHost(), 'node01');
  lab.run('exit');
  assert.equal(lab.run('ssh root@cka7968 hostname').stdout, 'controlplane\n');
  assert.equal(lab.run('ssh 192.168.0.3 hostname').stdout, 'node01\n');
});
