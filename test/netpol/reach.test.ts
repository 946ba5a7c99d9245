// `ckalab reach` through runReach (the CLI's logic) and reachReport, on the seed's manifests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { registerReach, runReach } from '../../server/cli/commands/reach.js';
import { parseProbe, reachReport } from '../../server/netpol/index.js';
import { seedWorld, payrollPolicy, internalPolicy } from './seed.js';

const SEED_YAML = `apiVersion: v1
kind: Pod
metadata: {name: internal, labels: {name: internal}}
spec: {containers: [{name: internal, image: kodekloud/webapp-conntest, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.244.0.6}
---
apiVersion: v1
kind: Pod
metadata: {name: payroll, labels: {name: payroll}}
spec: {containers: [{name: payroll, image: kodekloud/webapp-color, ports: [{containerPort: 8080}]}]}
status: {podIP: 10.244.0.8}
---
apiVersion: v1
kind: Pod
metadata: {name: external, labels: {name: external}}
spec: {containers: [{name: external, image: kodekloud/webapp-conntest, ports: [{containerPort: 8080}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: payroll-policy}
spec:
  podSelector: {matchLabels: {name: payroll}}
  policyTypes: [Ingress]
  ingress:
  - from: [{podSelector: {matchLabels: {name: internal}}}]
    ports: [{protocol: TCP, port: 8080}]
`;

const files: Record<string, string> = { 'seed.yaml': SEED_YAML, 'bad.yaml': 'a: [\n' };
const deps = {
  readFile: (p: string): string => {
    const t = files[p];
    if (t === undefined) throw new Error('ENOENT: no such file or directory');
    return t;
  },
};

test('parseProbe', () => {
  assert.deepEqual(parseProbe('80'), { port: 80, protocol: 'TCP' });
  assert.deepEqual(parseProbe('53/udp'), { port: 53, protocol: 'UDP' });
  assert.equal(parseProbe('0'), undefined);
  assert.equal(parseProbe('80/ICMP'), undefined);
});

test('truth table per port from --cluster manifests (declared ports)', () => {
  const out = runReach({ cluster: ['seed.yaml'] }, deps);
  assert.equal(out.exitCode, 0);
  assert.equal(
    out.stdout,
    [
      '8080/TCP',
      '-                 default/internal  default/payroll  default/external',
      'default/internal  .                 .                .',
      'default/payroll   .                 .                .',
      'default/external  .                 X                .',
      '',
    ].join('\n'),
  );
});

test('--json and --probe', () => {
  const out = runReach({ cluster: ['seed.yaml'], probe: ['8080/TCP'], json: true }, deps);
  const r = JSON.parse(out.stdout) as { results: { from: string; to: string; port: number; protocol: string; allowed: boolean }[] };
  assert.equal(r.results.length, 9);
  assert.deepEqual(r.results.find((x) => x.from === 'default/external' && x.to === 'default/payroll'), { from: 'default/external', to: 'default/payroll', port: 8080, protocol: 'TCP', allowed: false });
});

test('--explain prints one explanation', () => {
  const out = runReach({ cluster: ['seed.yaml'], explain: ['external', 'payroll', '8080/TCP'] }, deps);
  assert.equal(
    out.stdout,
    'default/external → default/payroll on 8080/TCP: denied\n' +
      'Egress: no NetworkPolicy in namespace default selects default/external for egress, so its egress is not restricted.\n' +
      'Ingress: default/payroll is isolated for ingress by payroll-policy.\n' +
      '  policy default/payroll-policy:\n' +
      '    rule ingress[0] does not match the peer:\n' +
      "      peer 1: the pod's labels (name=external) do not match podSelector name=internal\n" +
      '  → no ingress rule admits default/external → default/payroll on 8080/TCP: ingress denied.\n',
  );
});

test('errors: bad probe, bad YAML, missing file, nothing given, unknown pod', () => {
  assert.deepEqual(runReach({ cluster: ['seed.yaml'], probe: ['http'] }, deps), { stdout: '', stderr: 'error: invalid --probe "http": expected PORT or PORT/PROTOCOL (TCP, UDP or SCTP)\n', exitCode: 1 });
  assert.equal(runReach({ cluster: ['bad.yaml'] }, deps).exitCode, 1);
  assert.match(runReach({ cluster: ['bad.yaml'] }, deps).stderr, /^error: error parsing bad\.yaml: /);
  assert.deepEqual(runReach({ cluster: ['nope.yaml'] }, deps), { stdout: '', stderr: 'error: cannot read nope.yaml: ENOENT: no such file or directory\n', exitCode: 1 });
  assert.deepEqual(runReach({}, deps), { stdout: '', stderr: 'error: nothing to analyse: give --scenario or --cluster\n', exitCode: 1 });
  assert.deepEqual(runReach({ cluster: ['seed.yaml'], explain: ['ghost', 'payroll', '8080'] }, deps), { stdout: '', stderr: 'error: pod "default/ghost" not found\n', exitCode: 1 });
});

test('reachReport on the seed world after internal-policy', () => {
  const out = reachReport(seedWorld([payrollPolicy, internalPolicy]), { probes: [{ port: 8080, protocol: 'TCP' }] });
  assert.equal(
    out.stdout,
    [
      '8080/TCP',
      '-                 default/external  default/internal  default/mysql  default/payroll',
      'default/external  .                 .                 .              X',
      'default/internal  X                 .                 X              .',
      'default/mysql     .                 .                 .              X',
      'default/payroll   .                 .                 .              .',
      '',
    ].join('\n'),
  );
});

test('registerReach adds the reach command to a commander program', () => {
  const program = new Command();
  registerReach(program);
  const cmd = program.commands.find((c) => c.name() === 'reach');
  assert.ok(cmd);
  assert.deepEqual(cmd.options.map((o) => o.long), ['--scenario', '--cluster', '--probe', '--explain', '--json']);
});

test('commander wiring: repeatable --cluster/--probe, variadic --explain, exit code', async () => {
  const program = new Command();
  program.exitOverride();
  registerReach(program, deps);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  const exitCode = process.exitCode;
  try {
    await program.parseAsync(['reach', '--cluster', 'seed.yaml', '--probe', '8080', '--probe', '9090/tcp', '--json'], { from: 'user' });
    const r = JSON.parse(out) as { results: { port: number }[] };
    assert.equal(r.results.length, 18);
    out = '';
    await program.parseAsync(['reach', '--explain', 'internal', 'payroll', '8080/TCP', '--cluster', 'seed.yaml'], { from: 'user' });
    assert.equal(out.split('\n')[0], 'default/internal → default/payroll on 8080/TCP: allowed');
    assert.equal(process.exitCode, 0);
  } finally {
    process.stdout.write = write;
    process.exitCode = exitCode;
  }
});
