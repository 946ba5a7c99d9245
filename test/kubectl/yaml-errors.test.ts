// go-yaml's words for a tab in the indentation, as kubectl 1.32 prints them: each expected line
// was printed by `kubectl.1.32 create -f e.yaml --dry-run=client -o name` on the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const HEAD = 'apiVersion: v1\nkind: Namespace\nmetadata:\n';
const cases: [string, string][] = [
  ['\tname: x\n', 'yaml: line 4: found character that cannot start any token'],
  ['  name: x\n\tlabels: {}\n', 'yaml: line 5: found a tab character that violates indentation'],
  ['  labels:\n    a: b\n\tenv: dev\n  name: x\n', 'yaml: line 6: found a tab character that violates indentation'],
  ['  labels:\n\t\tenv: dev\n  name: x\n', 'yaml: line 5: found character that cannot start any token'],
  ['  labels:\n  \tenv: dev\n  name: x\n', 'yaml: line 5: found character that cannot start any token'],
];

for (const [body, message] of cases) {
  test(`a tab in the indentation: ${message}`, () => {
    const { lab } = makeLab();
    lab.vfs.writeFileCreatingDirs('/root/e.yaml', HEAD + body);
    assert.deepEqual(lab.run('kubectl create -f e.yaml --dry-run=client -o name'), {
      stdout: '',
      stderr: `error: error parsing e.yaml: error converting YAML to JSON: ${message}\n`,
      exitCode: 1,
      effects: [],
    });
  });
}
