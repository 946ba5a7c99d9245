// The lab shell line by line, compared with GNU bash 5.2 on this machine for the same inputs
// (`bash --norc -i` for the interactive error formats).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const cases: { name: string; lines: string[]; stdout: string; stderr?: string; exit?: number }[] = [
  { name: 'quotes and escapes', lines: [`echo 'a  b' "c  $HOME" d\\ e`], stdout: 'a  b c  /root d e\n' },
  { name: 'variables, export and ${VAR}', lines: ['export do="--dry-run=client -o yaml"', 'echo ${do}'], stdout: '--dry-run=client -o yaml\n' },
  { name: '$? after a failure', lines: ['false; echo $?'], stdout: '1\n' },
  { name: '&& and ||', lines: ['false && echo no || echo yes'], stdout: 'yes\n' },
  { name: 'pipes into grep, wc, sort, uniq, head, tail', lines: ['printf_is_missing 2>/dev/null; echo -e "b\\na\\nb\\nc" | sort | uniq -c | head -2'], stdout: '      1 a\n      2 b\n' },
  { name: 'redirection and append', lines: ['echo one > f', 'echo two >> f', 'cat f | wc -l'], stdout: '2\n' },
  { name: '2>&1 into a pipe', lines: ['cat nope 2>&1 | grep -c "No such"'], stdout: '1\n' },
  { name: 'stderr to /dev/null', lines: ['cat nope 2>/dev/null; echo $?'], stdout: '1\n' },
  { name: 'command substitution', lines: ['echo "pods: $(kubectl get pods --no-headers | wc -l)"'], stdout: 'pods: 4\n' },
  { name: 'heredoc with expansion and <<-', lines: ['cat <<EOF\nhome=$HOME\nEOF', 'cat <<-X\n\tindented\n\tX'], stdout: 'home=/root\nindented\n' },
  { name: 'quoted heredoc keeps $', lines: ["cat <<'EOF'\n$HOME\nEOF"], stdout: '$HOME\n' },
  { name: 'alias k and alias listing', lines: ['alias kg="kubectl get"', 'alias'], stdout: "alias k='kubectl'\nalias kg='kubectl get'\n" },
  { name: 'awk and cut columns', lines: ['kubectl get pods --no-headers | awk \'{print $1}\' | head -1', 'echo a:b:c | cut -d: -f2'], stdout: 'external\nb\n' },
  { name: 'sed and tr', lines: ["echo hello | sed 's/l/L/g' | tr a-z A-Z"], stdout: 'HELLO\n' },
  { name: 'mkdir -p, cd, pwd, ls', lines: ['mkdir -p a/b', 'cd a/b && pwd', 'cd', 'ls'], stdout: '/root/a/b\na\n' },
  { name: 'cp, mv, rm', lines: ['echo x > f1', 'cp f1 f2', 'mv f2 f3', 'rm f1', 'ls'], stdout: 'f3\n' },
  { name: 'base64 round trip', lines: ['echo secret | base64', 'echo c2VjcmV0Cg== | base64 -d'], stdout: 'c2VjcmV0Cg==\nsecret\n' },
];

for (const c of cases) {
  test(c.name, () => {
    const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
    let stdout = '';
    let last = { stderr: '', exitCode: 0 };
    for (const l of c.lines) {
      const r = lab.run(l);
      stdout += r.stdout;
      last = r;
    }
    assert.equal(stdout, c.stdout);
    if (c.stderr !== undefined) assert.equal(last.stderr, c.stderr);
  });
}

const errors: [string, string, number][] = [
  ['| grep x', "bash: syntax error near unexpected token `|'\n", 2],
  ['echo a ;; echo b', "bash: syntax error near unexpected token `;;'\n", 2],
  ['foo', 'bash: foo: command not found\n', 127],
  ['docker ps', 'bash: docker: not available in this lab\n', 127],
  ['cat missing.yaml', 'cat: missing.yaml: No such file or directory\n', 1],
  ['cd nowhere', 'bash: cd: nowhere: No such file or directory\n', 1],
  ['echo !nope', 'bash: !nope: event not found\n', 1],
];

for (const [line, stderr, exit] of errors) {
  test(`error: ${line}`, () => {
    const { lab } = makeLab();
    const r = lab.run(line);
    assert.equal(r.stderr, stderr);
    assert.equal(r.exitCode, exit);
  });
}

test('unfinished quotes, heredocs and pipes ask for more', () => {
  const { lab } = makeLab();
  for (const t of ['echo "abc', "echo 'x", 'cat <<EOF\nline', 'kubectl get pods |', 'true &&', 'echo a \\']) assert.equal(lab.needsMore(t), true, t);
  for (const t of ['echo "abc"', 'cat <<EOF\nline\nEOF', 'true && true']) assert.equal(lab.needsMore(t), false, t);
});

test('vi opens the editor on the file; the file survives a snapshot', () => {
  const { lab } = makeLab();
  lab.run('echo "a: 1" > t.yaml');
  const r = lab.run('vi t.yaml');
  assert.deepEqual(r.effects, [{ type: 'open-editor', editor: 'vim', path: '/root/t.yaml', content: 'a: 1\n', purpose: 'file' }]);
  assert.equal(lab.saveFile('/root/t.yaml', 'a: 2\n', 'file').exitCode, 0);
  const snap = JSON.parse(JSON.stringify(lab.snapshot()));
  assert.equal(snap.vfs.files['/root/t.yaml'], 'a: 2\n');
});

test('bounds: a huge pipeline, a deep $(...) and a full disk fail clearly', () => {
  const { lab } = makeLab();
  const pipeline = lab.run(`echo x${' | cat'.repeat(1000)}`);
  assert.equal(pipeline.exitCode, 1);
  assert.match(pipeline.stderr, /pipeline of more than 100 commands/);
  const deep = lab.run(`echo ${'$('.repeat(40)}echo hi${')'.repeat(40)}`);
  assert.match(deep.stderr, /maximum \$\(\.\.\.\) nesting exceeded/);
  const big = lab.run(`cat <<EOF > big\n${'x'.repeat(2 * 1024 * 1024)}\nEOF`);
  assert.equal(big.stderr, 'bash: input longer than 1048576 bytes\n');
  assert.equal(big.exitCode, 2);
  // A file past the 1 MiB file bound, built from a smaller line.
  lab.run(`cat <<EOF > part\n${'x'.repeat(600 * 1024)}\nEOF`);
  const tooLarge = lab.run('cat part part > whole');
  assert.equal(tooLarge.stderr, 'bash: whole: File too large\n');
  assert.equal(lab.run('ls').stdout, 'part\n');
});

test('an exception inside a command is an internal error, not a crash', () => {
  const { lab } = makeLab();
  const boom = new (lab.shell.constructor as typeof import('../../server/shell/index.js').Shell)({
    commands: { get: (n) => (n === 'boom' ? () => { throw new Error('bug'); } : undefined), names: () => ['boom'] },
    vfs: lab.vfs,
  });
  assert.deepEqual(boom.run('boom'), { stdout: '', stderr: 'bash: internal error\n', exitCode: 1, effects: [], output: [{ stream: 'stderr', text: 'bash: internal error\n' }] });
  assert.equal(boom.run('echo ok').stdout, 'ok\n');
});
