// kubectl and the shell on a large cluster (issues 3 and 5): 5,000 pods and 200 policies in 20
// namespaces; the real kubectl's process start is the yardstick a learner knows.
import { execFileSync } from 'node:child_process';
import { ManualClock, seededRandom } from '../server/core/index.js';
import { Lab } from '../server/lab/index.js';
import { fmt, measure, time } from './stats.js';

const objects: unknown[] = [];
for (let n = 0; n < 20; n++) objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `ns${n}`, labels: { team: `t${n % 5}` } } });
for (let i = 0; i < 5000; i++) {
  objects.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: `ns${i % 20}`, labels: { app: `a${i % 50}`, tier: i % 3 ? 'web' : 'db' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443 }] }] } });
}
for (let i = 0; i < 200; i++) {
  objects.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np-${i}`, namespace: `ns${i % 20}` }, spec: { podSelector: { matchLabels: { app: `a${i % 50}` } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${i % 5}` } }, podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] } }], ports: [{ port: 80 }, { port: 8000, endPort: 8100 }] }] } });
}
const heapBefore = process.memoryUsage().heapUsed;
const [lab, buildMs] = time(() => Lab.create({ objects, externalHosts: [], appResponses: [], files: [] }, { clock: new ManualClock(Date.now()), random: seededRandom(1) }));
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
console.log(`cluster of 5,000 pods, 200 policies, 20 namespaces: built in ${buildMs.toFixed(0)} ms, heap ≈ ${heapMb.toFixed(0)} MB`);
const getAll = measure(20, () => lab.run('kubectl get pods -A'));
console.log(`kubectl get pods -A: ${fmt(getAll)}`);
console.log(`kubectl get pods -l app=a7 -n ns7: ${fmt(measure(50, () => lab.run('kubectl get pods -l app=a7 -n ns7')))}`);
console.log(`kubectl describe netpol np-3 -n ns3: ${fmt(measure(500, () => lab.run('kubectl describe netpol np-3 -n ns3')))}`);
const docs = Array.from({ length: 50 }, (_, i) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: bulk-${i}\n  namespace: ns${i % 20}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`).join('---\n');
lab.run(`cat <<'EOF' > bulk.yaml\n${docs}EOF`);
console.log(`kubectl apply -f (50 documents): ${fmt(measure(20, () => lab.run('kubectl apply -f bulk.yaml')))}`);
const pipeline = `kubectl get pods -A${' | cat'.repeat(18)} | wc -l`;
console.log(`20-stage pipeline over get pods -A: ${fmt(measure(20, () => lab.run(pipeline)))}`);
try {
  const real = measure(10, () => execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' }));
  console.log(`real kubectl process start (version --client): ${fmt(real)}; ratio to simulated get pods -A: ${(real.median / getAll.median).toFixed(1)}×`);
} catch {
  console.log('real kubectl not installed: no yardstick');
}
