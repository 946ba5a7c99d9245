// The nodes' bench (issue 15): creating a lab stays under 50 ms p99 and a lab that never logs in
// carries nothing of the hosts; what logging in, a node scenario's creation and a saved lab cost.
import { ManualClock, seededRandom } from '../server/core/index.js';
import { Lab, scenarioLab } from '../server/lab/index.js';
import { parseScenario } from '../server/scenarios/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installationPki } from '../server/cli/pki.js';
import { fmt, measure, time } from './stats.js';

const scenarios = fileURLToPath(new URL('../scenarios/', import.meta.url));
const load = (id: string) => parseScenario(readFileSync(`${scenarios}${id}.yaml`, 'utf8'), `${id}.yaml`).scenario!;
const [pki, pkiMs] = time(() => installationPki(join(tmpdir(), 'ckalab-bench-pki')));
console.log(`the installation's PKI (made once, then read from the data dir): ${pkiMs.toFixed(0)} ms`);
const opts = () => ({ clock: new ManualClock(Date.UTC(2026, 10, 30)), random: seededRandom(1), pki: () => pki });

const seed = load('network-policies');
console.log(`lab creation, network-policies scenario: ${fmt(measure(300, () => scenarioLab(seed, opts())))} (target p99 < 50 ms)`);
const node = load('kubelet-broken-ca');
console.log(`lab creation, kubelet-broken-ca (nodes made and broken at creation): ${fmt(measure(100, () => scenarioLab(node, opts())))}`);
const upgrade = load('upgrade-cluster');
console.log(`lab creation, upgrade-cluster (a 1.31 cluster): ${fmt(measure(100, () => scenarioLab(upgrade, opts())))}`);

const idle = scenarioLab(seed, opts());
console.log(`saved idle lab (network-policies): ${(idle.serialize().length / 1024).toFixed(1)} KiB, hosts: ${idle.snapshot().hosts ? 'present' : 'none'}`);
const touched = scenarioLab(seed, opts());
console.log(`first look at a node's files (ls /etc/kubernetes): ${fmt(measure(1, () => touched.run('ls /etc/kubernetes')))}`);
touched.run('ssh node01 true');
console.log(`saved lab after ls /etc/kubernetes and ssh node01: ${(touched.serialize().length / 1024).toFixed(1)} KiB`);
const g = globalThis as { gc?: () => void };
g.gc?.();
const before = process.memoryUsage().heapUsed;
const labs: Lab[] = [];
for (let i = 0; i < 200; i++) labs.push(scenarioLab(seed, opts()));
g.gc?.();
console.log(`memory per idle lab (network-policies, 200 labs): ≈ ${((process.memoryUsage().heapUsed - before) / 200 / 1024).toFixed(0)} KB (target < 100 KB)`);
for (let i = 0; i < 200; i++) labs[i]!.run('ls /etc/kubernetes/manifests');
g.gc?.();
console.log(`memory per lab after looking at the controlplane's files: ≈ ${((process.memoryUsage().heapUsed - before) / 200 / 1024).toFixed(0)} KB`);
const steps = ['ssh node01', 'systemctl status kubelet', 'journalctl -u kubelet -n 20', 'exit', 'kubectl get nodes'];
const lab = scenarioLab(node, opts());
console.log(`a node command (systemctl status kubelet on node01): ${fmt(measure(200, () => { for (const s of steps) lab.run(s); }))} for ${steps.length} lines`);
