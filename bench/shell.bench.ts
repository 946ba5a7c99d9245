// The shell (issue 22): text tools over 5,000 lines, a bash loop, a runaway loop's bound, and
// the memory of an idle lab shell that has defined functions, arrays and aliases.
import { Shell, Vfs } from '../server/shell/index.js';
import { fmt, measure, time } from './stats.js';

const vfs = new Vfs();
const lines = Array.from({ length: 5000 }, (_, i) => `ns${i % 20}   pod-${i}   1/1   ${i % 7 ? 'Running' : 'Pending'}   ${i % 5}   5m`).join('\n');
vfs.writeFileCreatingDirs('/root/pods.txt', `${lines}\n`);
const shell = new Shell({ vfs, commands: { get: () => undefined, names: () => [] } });
const run = (l: string) => shell.run(l);
console.log(`grep -A1 | sed | awk | sort | uniq -c over 5,000 lines: ${fmt(measure(20, () => run("grep -A1 Pending pods.txt | sed -E 's/pod-([0-9]+)/p\\1/' | awk '{n[$1]++} END {for (k in n) print k, n[k]}' | sort -k2 -n | uniq -c")))}`);
console.log(`for i in {1..1000}; do x=$((x+i)); done: ${fmt(measure(20, () => run('x=0; for i in {1..1000}; do x=$((x+i)); done')))}`);
const [, ms] = time(() => run('while true; do :; done'));
console.log(`while true; do :; done stops (step bound) after ${ms.toFixed(0)} ms`);
const [, ms2] = time(() => run('i=0; while [ $i -ge 0 ]; do i=$((i+1)); done'));
console.log(`while [ $i -ge 0 ]; do i=$((i+1)); done stops after ${ms2.toFixed(0)} ms`);
global.gc?.();
const before = process.memoryUsage().heapUsed;
const shells: Shell[] = [];
for (let i = 0; i < 500; i++) {
  const s = new Shell({ vfs: new Vfs(), commands: { get: () => undefined, names: () => [] } });
  s.run('alias kg="kubectl get"; export do="--dry-run=client -o yaml"; f() { echo "$1"; }; a=(1 2 3); echo ok >/dev/null');
  shells.push(s);
}
global.gc?.();
console.log(`an idle lab shell (aliases, a function, an array, history): ≈ ${((process.memoryUsage().heapUsed - before) / 500 / 1024).toFixed(1)} KB`);
