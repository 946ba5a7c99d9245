// Probes as `kubectl exec POD -- TOOL ...` shows them. Golden texts name their sources:
// busybox 1.36 (libbb/xconnect.c, networking/wget.c, nc.c, nslookup.c, ping.c), curl 7.88/8.x
// (lib/strerror.c, lib/connect.c), containerd/runc's exec error as kubectl exec prints it, and
// nginx 1.27's default index.html.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NetworkPolicy } from '../../server/api/index.js';
import { NGINX_WELCOME, PROBE_TIMEOUT_CAP_MS, connect, createEngine, explainConnection, probe, type NetpolWorld } from '../../server/netpol/index.js';
import { podObject, policy } from './model.js';
import { internalPolicy, internalPolicyWithDns, payrollPolicy, seedWorld } from './seed.js';

function withWeb(policies: NetworkPolicy[]): NetpolWorld {
  const w = seedWorld(policies);
  return {
    ...w,
    pods: [
      ...w.pods,
      podObject('default', 'web', { app: 'web' }, '10.244.0.20', [{ port: 80, protocol: 'TCP', container: 'nginx' }], 'nginx:1.27'),
      podObject('default', 'tmp', { run: 'tmp' }, '10.244.0.21', [], 'busybox:1.36'),
    ],
    services: [
      ...w.services,
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'web', namespace: 'default' },
        spec: { type: 'ClusterIP', clusterIP: '10.96.50.1', selector: { app: 'web' }, ports: [{ port: 8000, targetPort: 80, protocol: 'TCP' }] },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'empty', namespace: 'default' },
        spec: { type: 'ClusterIP', clusterIP: '10.96.50.2', selector: { app: 'nothing' }, ports: [{ port: 80, protocol: 'TCP' }] },
      },
    ],
    externalHosts: [{ name: 'db.example.com', ip: '10.0.0.10', ports: [{ port: 3306, protocol: 'TCP', response: 'mysql\n' }, { port: 80, protocol: 'TCP', response: 'hello from outside\n' }] }],
    appResponses: [{ namespace: 'default', podSelector: { matchLabels: { name: 'payroll' } }, port: 8080, response: 'Payroll app\n' }],
  };
}

const run = (w: NetpolWorld, pod: string, ...argv: string[]) => probe(createEngine(w), pod, undefined, argv)!;

test('busybox wget: allowed through a Service name answers with the app (scenario response)', () => {
  const r = run(withWeb([payrollPolicy]), 'default/internal', 'wget', '-qO-', '-T2', 'http://payroll-service:8080');
  assert.deepEqual(r, { stdout: 'Payroll app\n', stderr: '', exitCode: 0 });
});

test('busybox wget: denied by payroll-policy times out after -T on the simulated clock', () => {
  const r = run(withWeb([payrollPolicy]), 'default/external', 'wget', '-T', '2', 'http://payroll-service:8080');
  assert.deepEqual(r, {
    stdout: '',
    stderr: 'Connecting to payroll-service:8080 (10.96.43.4:8080)\nwget: download timed out\n',
    exitCode: 1,
    effects: [{ type: 'wait', ms: 2000 }],
  });
});

test('internal-policy without port 53: names no longer resolve, the ClusterIP still works', () => {
  const w = withWeb([payrollPolicy, internalPolicy]);
  assert.deepEqual(run(w, 'default/internal', 'wget', '-qO-', '-T2', 'http://payroll-service:8080'), {
    stdout: '',
    stderr: "wget: bad address 'payroll-service:8080'\n",
    exitCode: 1,
    effects: [{ type: 'wait', ms: PROBE_TIMEOUT_CAP_MS }],
  });
  assert.deepEqual(run(w, 'default/internal', 'wget', '-qO-', '-T2', 'http://10.96.43.4:8080'), { stdout: 'Payroll app\n', stderr: '', exitCode: 0 });
  assert.deepEqual(run(w, 'default/internal', 'nslookup', 'payroll-service'), {
    stdout: ';; connection timed out; no servers could be reached\n\n',
    stderr: '',
    exitCode: 1,
    effects: [{ type: 'wait', ms: PROBE_TIMEOUT_CAP_MS }],
  });
  const dns = withWeb([payrollPolicy, internalPolicyWithDns]);
  assert.deepEqual(run(dns, 'default/internal', 'wget', '-qO-', '-T2', 'http://payroll-service.default.svc.cluster.local:8080'), { stdout: 'Payroll app\n', stderr: '', exitCode: 0 });
  assert.deepEqual(run(dns, 'default/internal', 'nc', '-z', '-v', '-w', '2', 'db-service', '3306'), { stdout: '', stderr: 'db-service (10.96.43.5:3306) open\n', exitCode: 0 });
  // nc_bloaty.c: a failure is reported only with -v; a refusal only with -vv.
  assert.deepEqual(run(dns, 'default/internal', 'nc', '-z', '-w', '2', 'external-service', '8080'), { stdout: '', stderr: '', exitCode: 1, effects: [{ type: 'wait', ms: 2000 }] });
  assert.deepEqual(run(dns, 'default/internal', 'nc', '-zv', '-w2', 'external-service', '8080'), {
    stdout: '',
    stderr: 'nc: external-service (10.96.43.2:8080): Connection timed out\n',
    exitCode: 1,
    effects: [{ type: 'wait', ms: 2000 }],
  });
  assert.deepEqual(run(dns, 'default/internal', 'nc', '-zv', '10.244.0.7', '3307'), {
    stdout: '',
    stderr: 'nc: 10.244.0.7 (10.244.0.7:3307): Connection timed out\n',
    exitCode: 1,
    effects: [{ type: 'wait', ms: PROBE_TIMEOUT_CAP_MS }],
  });
  assert.deepEqual(run(dns, 'default/external', 'nc', '-zv', '10.244.0.7', '3307'), { stdout: '', stderr: '', exitCode: 1 }, 'refused: silent at one -v');
  assert.deepEqual(run(dns, 'default/external', 'nc', '-zvv', '10.244.0.7', '3307'), {
    stdout: '',
    stderr: 'nc: 10.244.0.7 (10.244.0.7:3307): Connection refused\nsent 0, rcvd 0\n',
    exitCode: 1,
  });
});

test('busybox has no curl: the runtime error and exit status 126', () => {
  assert.deepEqual(run(withWeb([]), 'default/tmp', '/usr/bin/curl', 'web'), {
    stdout: '',
    stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/usr/bin/curl": stat /usr/bin/curl: no such file or directory: unknown\n',
    exitCode: 126,
  });
  assert.deepEqual(run(withWeb([]), 'default/tmp', 'curl', 'http://web:8000'), {
    stdout: '',
    stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n',
    exitCode: 126,
  });
});

test('curl in nginx: Service port → targetPort, nginx default page; refused; unresolvable; timeouts', () => {
  const w = withWeb([]);
  assert.deepEqual(run(w, 'default/web', 'curl', '-s', 'http://web:8000'), { stdout: NGINX_WELCOME, stderr: '', exitCode: 0 });
  assert.equal(NGINX_WELCOME.length, 615);
  assert.deepEqual(run(w, 'default/web', 'curl', '-sS', 'http://10.244.0.8:81'), {
    stdout: '',
    stderr: "curl: (7) Failed to connect to 10.244.0.8 port 81 after 0 ms: Couldn't connect to server\n",
    exitCode: 7,
  });
  assert.deepEqual(run(w, 'default/web', 'curl', '-sS', 'http://nope'), { stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n', exitCode: 6 });
  assert.deepEqual(run(w, 'default/web', 'curl', '-s', 'http://nope'), { stdout: '', stderr: '', exitCode: 6 }, '-s hides the error');
  assert.deepEqual(run(w, 'default/web', 'curl', '-sS', 'http://empty'), {
    stdout: '',
    stderr: "curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\n",
    exitCode: 7,
  }, 'a Service without endpoints is rejected by kube-proxy');
  const denied = withWeb([policy('deny', 'default', { matchLabels: { app: 'web' } }, { ingress: [] })]);
  assert.deepEqual(run(denied, 'default/web', 'curl', '-sS', '-m', '3', 'http://10.244.0.20'), { stdout: NGINX_WELCOME, stderr: '', exitCode: 0 }, 'loopback is allowed');
  assert.deepEqual(run(denied, 'default/payroll', 'wget', '-qO-', '-T', '3', 'http://web:8000'), {
    stdout: '', stderr: 'wget: download timed out\n', exitCode: 1, effects: [{ type: 'wait', ms: 3000 }],
  });
});

test('curl -m on a dropped connection: `Connection timed out after N milliseconds`, exit 28', () => {
  const w = withWeb([policy('deny', 'default', { matchLabels: { name: 'payroll' } }, { ingress: [] })]);
  const e = createEngine(w);
  const r = probe(e, 'default/web', undefined, ['curl', '-sS', '-m', '2', 'payroll-service:8080'])!;
  assert.deepEqual(r, { stdout: '', stderr: 'curl: (28) Connection timed out after 2001 milliseconds\n', exitCode: 28, effects: [{ type: 'wait', ms: 2000 }] });
  // Without -m the kernel's SYN retries decide (about 130 s); the lab waits its cap.
  assert.deepEqual(probe(e, 'default/web', undefined, ['curl', '-sS', 'payroll-service:8080']), {
    stdout: '',
    stderr: `curl: (28) Failed to connect to payroll-service port 8080 after ${PROBE_TIMEOUT_CAP_MS} ms: Couldn't connect to server\n`,
    exitCode: 28,
    effects: [{ type: 'wait', ms: PROBE_TIMEOUT_CAP_MS }],
  });
  assert.deepEqual(probe(e, 'default/tmp', undefined, ['wget', 'http://payroll-service:8080/']), {
    stdout: '',
    stderr: "Connecting to payroll-service:8080 (10.96.43.4:8080)\nwget: can't connect to remote host (10.96.43.4): Connection timed out\n",
    exitCode: 1,
    effects: [{ type: 'wait', ms: PROBE_TIMEOUT_CAP_MS }],
  });
  // curl to a server that does not speak HTTP (mysql).
  assert.deepEqual(probe(e, 'default/web', undefined, ['curl', '-sS', 'db-service:3306']), { stdout: '', stderr: 'curl: (1) Received HTTP/0.9 when not allowed\n', exitCode: 1 });
});

test('external hosts by name; the internet; ping is not governed by port rules', () => {
  const w = withWeb([]);
  assert.deepEqual(run(w, 'default/tmp', 'wget', '-qO-', 'db.example.com'), { stdout: 'hello from outside\n', stderr: '', exitCode: 0 });
  assert.deepEqual(run(w, 'default/tmp', 'wget', '-qO-', 'http://10.0.0.10:81'), { stdout: '', stderr: "wget: can't connect to remote host (10.0.0.10): Connection refused\n", exitCode: 1 });
  const p = run(w, 'default/tmp', 'ping', '-c', '2', '10.244.0.7');
  assert.equal(p.exitCode, 0);
  assert.match(p.stdout, /^PING 10\.244\.0\.7 \(10\.244\.0\.7\): 56 data bytes\n64 bytes from 10\.244\.0\.7: seq=0 ttl=63/);
  assert.match(p.stdout, /2 packets transmitted, 2 packets received, 0% packet loss\n/);
  const portOnly = withWeb([policy('p', 'default', { matchLabels: { name: 'mysql' } }, { ingress: [{ ports: [{ port: 3306 }] }] })]);
  assert.match(run(portOnly, 'default/tmp', 'ping', '-c', '1', '10.244.0.7').stdout, /1 packets transmitted, 0 packets received, 100% packet loss/);
});

test('nslookup from busybox (busybox 1.36 format)', () => {
  assert.deepEqual(run(withWeb([]), 'default/tmp', 'nslookup', 'web'), {
    stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.96.50.1\n\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(run(withWeb([]), 'default/tmp', 'nslookup', '10-244-0-7.default.pod.cluster.local'), {
    stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\t10-244-0-7.default.pod.cluster.local\nAddress: 10.244.0.7\n\n',
    stderr: '',
    exitCode: 0,
  });
});

test('not a probe tool, unknown pod or container: undefined (the caller answers)', () => {
  const e = createEngine(withWeb([]));
  assert.equal(probe(e, 'default/tmp', undefined, ['ls']), undefined);
  assert.equal(probe(e, 'default/nope', undefined, ['wget', 'x']), undefined);
  assert.equal(probe(e, 'default/tmp', 'nope', ['wget', 'x']), undefined);
});

test('explainConnection tells the whole path (DNS, Service, policy)', () => {
  const e = createEngine(withWeb([payrollPolicy, internalPolicy]));
  const from = e.indexed.podByKey.get('default/internal')!;
  const lines = explainConnection(connect(e, from, 'payroll-service', 8080, 'TCP'));
  assert.equal(lines[0], 'payroll-service cannot be resolved: the DNS query to CoreDNS on 53/UDP is dropped.');
  assert.equal(lines[1], 'default/internal → kube-system/coredns-668d6bf9bc-4kq7x on 53/UDP: denied');
  assert.deepEqual(explainConnection(connect(e, from, '10.96.43.4', 8080, 'TCP')).slice(0, 2), [
    'Service default/payroll-service port 8080 sends it to pod default/payroll port 8080.',
    'default/internal → default/payroll on 8080/TCP: allowed',
  ]);
  assert.deepEqual(explainConnection(connect(e, e.indexed.podByKey.get('default/tmp')!, 'empty', 80, 'TCP')), [
    'empty resolves to 10.96.50.2.',
    'Service default/empty has no ready endpoints: kube-proxy rejects the connection.',
  ]);
});

test('NodePorts on a node address reach the backend; every DNS name form resolves', () => {
  const w = withWeb([payrollPolicy]);
  assert.deepEqual(run(w, 'default/internal', 'wget', '-qO-', '-T2', 'http://192.168.0.11:30083'), { stdout: 'Payroll app\n', stderr: '', exitCode: 0 });
  assert.equal(run(w, 'default/external', 'wget', '-qO-', '-T2', 'http://192.168.0.11:30083').stderr, 'wget: download timed out\n');
  for (const name of ['payroll-service', 'payroll-service.default', 'payroll-service.default.svc', 'payroll-service.default.svc.cluster.local', 'payroll-service.default.svc.cluster.local.']) {
    const r = run(w, 'default/tmp', 'nslookup', name);
    assert.equal(r.exitCode, 0, name);
    assert.match(r.stdout, /\nName:\tpayroll-service\.default\.svc\.cluster\.local\nAddress: 10\.96\.43\.4\n/, name);
  }
  assert.deepEqual(run(w, 'default/tmp', 'nslookup', 'payroll-service.other'), {
    stdout: "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find payroll-service.other: NXDOMAIN\n\n",
    stderr: '',
    exitCode: 1,
  });
});

test('curl -I prints the response headers; telnet connects and is closed', () => {
  const w = withWeb([]);
  assert.deepEqual(run(w, 'default/web', 'curl', '-sI', 'http://web:8000'), {
    stdout: 'HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nContent-Type: text/html\r\nContent-Length: 615\r\n\r\n',
    stderr: '',
    exitCode: 0,
  });
  assert.deepEqual(run(w, 'default/tmp', 'telnet', 'web', '8000'), { stdout: 'Connected to web\n', stderr: 'Connection closed by foreign host\n', exitCode: 1 });
  assert.deepEqual(run(w, 'default/tmp', 'telnet', '10.244.0.20', '81'), { stdout: '', stderr: "telnet: can't connect to remote host (10.244.0.20): Connection refused\n", exitCode: 1 });
});
