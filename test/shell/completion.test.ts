// Completion as in the exam (issue 22): `source <(kubectl completion bash)` runs upstream's
// script (kubectl 1.32's own output), `complete -o default -F __start_kubectl k` makes the alias
// complete like kubectl, and double Tab lists the candidates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { LineDiscipline } from '../../server/terminal/line-discipline.js';

test('source <(kubectl completion bash) defines __start_kubectl and registers it for kubectl', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const r = lab.run('source <(kubectl completion bash)');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', '', 0]);
  assert.equal(lab.run('complete -p').stdout, 'complete -o default -F __start_kubectl kubectl\n');
  assert.equal(lab.run('type -t __start_kubectl').stdout, 'function\n');
  assert.equal(lab.run('kubectl completion bash | head -1').stdout, '\n');
  assert.equal(lab.run('kubectl completion bash | grep -c "^__start_kubectl()"').stdout, '1\n');
});

test('complete -F __start_kubectl on another alias makes it complete like kubectl', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  lab.run('alias kc=kubectl');
  lab.run('source <(kubectl completion bash)');
  lab.run('complete -o default -F __start_kubectl kc');
  const verbs = lab.complete('kc desc', 7);
  assert.deepEqual(verbs.candidates, ['describe']);
  assert.deepEqual(lab.complete('k get netpol pay', 16).candidates, ['payroll-policy']);
});

test('double Tab lists the candidates under the line, as bash does', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const d = new LineDiscipline({
    promptDir: () => lab.promptDir(),
    needsMore: (t) => lab.needsMore(t),
    execute: (t, c) => lab.run(t, c),
    complete: (l, c) => lab.complete(l, c),
    history: () => lab.history(),
  });
  d.feed('kubectl get n');
  assert.equal(d.feed('\t').map((e) => (e.type === 'output' ? e.data : '')).join(''), '\x07');
  const listing = d.feed('\t').map((e) => (e.type === 'output' ? e.data : '')).join('');
  assert.match(listing, /networkpolicies/);
  assert.match(listing, /nodes/);
  assert.match(listing, /namespaces/);
});

test('$? after Ctrl-C at the prompt is 130', () => {
  const { lab } = makeLab();
  const d = new LineDiscipline({
    promptDir: () => lab.promptDir(),
    needsMore: (t) => lab.needsMore(t),
    execute: (t, c) => lab.run(t, c),
    complete: (l, c) => lab.complete(l, c),
    history: () => lab.history(),
    interrupted: () => lab.interrupted(),
  });
  d.feed('sleep');
  d.feed('\x03');
  const out = d.feed('echo $?\r').map((e) => (e.type === 'output' ? e.data : '')).join('');
  assert.match(out, /\r\n130\r\n/);
});

test('stdout and stderr of one line reach the terminal in the order produced', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const d = new LineDiscipline({
    promptDir: () => lab.promptDir(),
    needsMore: (t) => lab.needsMore(t),
    execute: (t, c) => lab.run(t, c),
    complete: (l, c) => lab.complete(l, c),
    history: () => lab.history(),
  });
  const out = d.feed('kubectl get netpol; echo x; ls /nope; echo y\r').map((e) => (e.type === 'output' ? e.data : '')).join('');
  const i = out.indexOf('payroll-policy');
  const x = out.indexOf('x\r\n', i);
  const err = out.indexOf("ls: cannot access '/nope'");
  const y = out.indexOf('y\r\n', err);
  assert.ok(i > 0 && x > i && err > x && y > err, JSON.stringify(out));
});
