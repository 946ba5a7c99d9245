// Client-side errors, compared with the real kubectl 1.32 client installed here: the versioned
// `kubectl.1.32` beside the Cloud SDK wrapper (`kubectl.1.32 get pods --foo`,
// `kubectl.1.32 create -f bad.yaml --dry-run=client`, run offline).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const cases: [string, string, string][] = [
  ['unknown long flag', 'kubectl get pods --foo', "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"],
  ['unknown shorthand', 'kubectl get pods -z', "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
  ['missing file', 'kubectl create -f nope.yaml', 'error: the path "nope.yaml" does not exist\n'],
  ['exec without command', 'kubectl exec internal', 'error: you must specify at least one command for the container\n'],
  ['exec without pod', 'kubectl exec', 'error: pod, type/name or --filename must be specified\n'],
  ['unknown resource type', 'kubectl get foo', 'error: the server doesn\'t have a resource type "foo"\n'],
  [
    'get without a type',
    'kubectl get',
    'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
  ],
  ['describe without a type', 'kubectl describe', 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n'],
  ['a bool flag given a word', 'kubectl get pods --show-labels=maybe', 'error: invalid argument "maybe" for "--show-labels" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl get --help\' for usage.\n'],
  ['go-template without a template', 'kubectl get pods -o go-template', 'error: template format specified but no template given\n'],
  ['a go-template that does not parse', "kubectl get pods -o go-template='{{.metadata.name'", 'error: error parsing template {{.metadata.name, template: output:1: unclosed action\n'],
  ['a go-template with an unknown function', "kubectl get pods -o go-template='{{foo .x}}'", 'error: error parsing template {{foo .x}}, template: output:1: function "foo" not defined\n'],
  ['a go-template range without end', "kubectl get pods -o go-template='{{range .items}}'", 'error: error parsing template {{range .items}}, template: output:1: unexpected EOF\n'],
  ['a go-template with a stray end', "kubectl get pods -o go-template='{{end}}'", 'error: error parsing template {{end}}, template: output:1: unexpected {{end}}\n'],
  ['a missing template file', 'kubectl get pods -o go-template-file=/nope', 'error: error reading --template /nope, open /nope: no such file or directory\n'],
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
  // kubectl.1.32 create -f N.yaml --dry-run=client (parser errors print the line before, scanner errors the line itself).
  ['an unclosed flow map', 'a: {b: c\nd: e\n', "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'\n"],
  ['an unclosed flow sequence', 'a: [b, c\nd: e\n', "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\n"],
  ['an unclosed double quote', 'a: "b\nd: e\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 3: found unexpected end of stream\n'],
  ['an unclosed single quote', "a: 'b\n", 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 2: found unexpected end of stream\n'],
  ['a sequence item out of line', 'a:\n  - b\n - c\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key\n'],
  ['a stray closing brace', 'a: {b: c}}\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: did not find expected key\n'],
  ['a stray closing bracket', 'a: [b, c]]\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: did not find expected key\n'],
  ['a mapping in a value on line 1', 'a: b: c\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n'],
  ['a key indented under a scalar', 'a:\n  b: 1\n    c: 2\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n'],
  ['an unknown alias', 'a: *x\n', "error: error parsing bad.yaml: error converting YAML to JSON: yaml: unknown anchor 'x' referenced\n"],
  ['a key after a sequence', '- a\nb: c\n', "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator\n"],
  ['a sequence after a key', 'a: b\n- c\n', 'error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected key\n'],
  ['a repeated key (the last wins, then validation)', 'a: b\na: c\n', 'error: error validating "bad.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n'],
  ['an error in a second document counts its own lines', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\na: [b, c\nd: e\n', "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'\n"],
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

// kubectl.1.32 create|apply -f F --dry-run=client: client-side validation before decoding.
const validationCases: [string, string, string, string][] = [
  ['no apiVersion or kind', 'metadata:\n  name: x\nspec: {}\n', '', 'error: error validating "f.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n'],
  ['no kind', 'apiVersion: v1\nmetadata:\n  name: x\n', '', 'error: error validating "f.yaml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n'],
  ['no apiVersion', 'kind: Pod\nmetadata:\n  name: x\n', '', 'error: error validating "f.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false\n'],
  ['apiVersion not a string', 'apiVersion: 5\nkind: Pod\nmetadata:\n  name: x\n', '', 'error: error validating "f.yaml": error validating data: apiVersion isn\'t string type; if you choose to ignore these errors, turn validation off with --validate=false\n'],
  ['a list', '- a\n- b\n', '', 'error: error validating "f.yaml": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false\n'],
  ['no kind, --validate=false', 'metadata:\n  name: x\nspec: {}\n', ' --validate=false', 'error: unable to decode "f.yaml": Object \'Kind\' is missing in \'{"metadata":{"name":"x"},"spec":{}}\'\n'],
  ['a list, --validate=false', '- a\n- b\n', ' --validate=false', 'error: unable to decode "f.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n'],
  ['an empty file', '', '', 'error: no objects passed to VERB\n'],
];

for (const verb of ['create', 'apply']) {
  for (const [name, text, flags, stderr] of validationCases) {
    test(`${verb} -f: ${name}`, () => {
      const { lab } = makeLab();
      lab.run(`cat <<'EOF' > f.yaml\n${text}EOF`);
      const r = lab.run(`kubectl ${verb} -f f.yaml${flags}`);
      assert.equal(r.stderr, stderr.replace('VERB', verb));
      assert.equal(r.exitCode, 1);
    });
  }
}

test('--help prints the real help text', () => {
  const { lab } = makeLab();
  const r = lab.run('kubectl get --help');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^Display one or many resources\./);
});
