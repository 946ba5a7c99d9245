// Client-side errors, compared with the real kubectl 1.32 client installed here
// (`kubectl get pods --foo`, `kubectl create -f bad.yaml --dry-run=client`, run offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const cases: [string, string, string][] = [
  ['unknown long flag', 'kubectl get pods --foo', "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
  ['unknown shorthand', 'kubectl get pods -z', "Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
  ['missing file', 'kubectl create -f nope.yaml', 'error: the path "nope.yaml" does not exist\n'],
  ['exec without command', 'kubectl exec internal', 'error: you must specify at least one command for the container\n'],
  ['exec without pod', 'kubectl exec', 'error: pod, type/name or --filename must be specified\n'],
  ['unknown resource type', 'kubectl get foo', 'error: the server doesn\'t have a resource type "foo"\n'],
];

for (const [name, line, stderr] of cases) {
  test(`${name}: ${line}`, () => {
    const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
    const r = lab.run(line);
    assert.equal(r.stderr, stderr);
    assert.equal(r.exitCode, 1);
    assert.equal(r.stdout, '');
  });
}

const yamlCases: [string, string, string][] = [
  ['a tab as indentation', 'a:\n\tb: 1\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 2: found character that cannot start any token\n'],
  ['a key out of line', 'a:\n  b: 1\n c: 2\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key\n'],
  ['a mapping in a compact value', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: a: b\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n'],
];

for (const [name, text, stderr] of yamlCases) {
  test(`YAML error: ${name}`, () => {
    const { lab } = makeLab();
    lab.run(`cat <<'EOF' > bad.yaml\n${text}EOF`);
    const r = lab.run('kubectl create -f bad.yaml');
    assert.equal(r.stderr, stderr);
    assert.equal(r.exitCode, 1);
  });
}

test('--help prints the real help text', () => {
  const { lab } = makeLab();
  const r = lab.run('kubectl get --help');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^Display one or many resources\./);
});
