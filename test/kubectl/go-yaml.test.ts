// The YAML and JSON printers against goldens from the real client: kubectl.1.32 create configmap
// with literals chosen to hit go-yaml v2's quoting, folding and key-order rules
// (test/fixtures/kubectl-1.32/configmap-quoting.{yaml,json}; the first line names the command).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goYaml, goYamlKeyLess } from '../../server/kubectl/printers/go-yaml.js';
import { goJson, goSprint } from '../../server/kubectl/printers/go-format.js';

const golden = (name: string) => readFileSync(new URL(`../fixtures/kubectl-1.32/${name}`, import.meta.url), 'utf8').replace(/^#.*\n/, '');

test('go-yaml quoting, folding and key order match kubectl 1.32 byte for byte', () => {
  const obj = JSON.parse(golden('configmap-quoting.json'));
  assert.equal(goYaml(obj), golden('configmap-quoting.yaml'));
});

test('go-yaml sorts keys as keyList does: digit runs by value, other characters before letters', () => {
  const keys = ['aB', 'a10', 'a9', 'a_b', 'Y', 'app', 'app.kubernetes.io/name'];
  assert.deepEqual(keys.sort((a, b) => (goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0)), ['Y', 'a_b', 'a9', 'a10', 'aB', 'app', 'app.kubernetes.io/name']);
});

test('go-yaml: sequences in a mapping are not indented, nested ones are, literals keep their indent', () => {
  const y = goYaml({ spec: { list: [{ a: 1, b: ['x', ['y', 'z']] }, [], {}], text: 'l1\nl2\n', t0: true, n: null, f: 1.5, big: 1234567.5 } });
  assert.equal(
    y,
    'spec:\n  big: 1.2345675e+06\n  f: 1.5\n  list:\n  - a: 1\n    b:\n    - x\n    - - "y"\n      - z\n  - []\n  - {}\n  "n": null\n  t0: true\n  text: |\n    l1\n    l2\n',
  );
});

test('JSON of unstructured objects: sorted keys, 4-space indent, HTML-safe escapes (encoding/json)', () => {
  assert.equal(goJson({ uid: 'u', resourceVersion: '1', name: '<a&b>', list: [], m: {} }, '    '), '{\n    "list": [],\n    "m": {},\n    "name": "\\u003ca\\u0026b\\u003e",\n    "resourceVersion": "1",\n    "uid": "u"\n}');
  assert.equal(goJson({ b: [1, { d: 2, c: 3 }], a: true }), '{"a":true,"b":[1,{"c":3,"d":2}]}');
});

test('fmt.Sprint of unstructured values, as custom-columns prints them', () => {
  assert.equal(goSprint({ name: 'internal' }), 'map[name:internal]');
  assert.equal(goSprint(['Egress']), '[Egress]');
  assert.equal(goSprint([{ ports: [{ port: 8080, protocol: 'TCP' }], to: [{ podSelector: { matchLabels: { name: 'payroll' } } }] }]), '[map[ports:[map[port:8080 protocol:TCP]] to:[map[podSelector:map[matchLabels:map[name:payroll]]]]]]');
  assert.equal(goSprint(null), '<nil>');
});

test('go-yaml nesting, block scalars (|2-, |+) and keys match kubectl 1.32 label --local -o yaml', () => {
  const obj = JSON.parse(golden('nesting.json'));
  obj.metadata.labels = { a: 'b' };
  assert.equal(goYaml(obj), golden('nesting.yaml'));
});
