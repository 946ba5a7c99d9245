// Generated malformed Pod and Deployment manifests never end in `error: internal error`: each is
// created, or refused with the decoder's, the API server's or kubectl's own message (the issue's
// examples are pinned with exact texts from kubectl 1.32 and the API server's strict decoder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { makeLab } from '../helpers/lab.js';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' } },
  spec: {
    containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80, name: 'http' }], resources: { limits: { cpu: '1' } } }],
    volumes: [{ name: 'data', emptyDir: {} }],
  },
};

const DEPLOY = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: POD.spec } },
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a node of the value. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function mutate(root: Json, path: (string | number)[], op: 'replace' | 'delete' | 'wrapList' | 'unwrapList', value: Json): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return op === 'replace' ? value : copy;
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path.at(-1)!;
  const cur = parent[last]!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (op === 'wrapList') parent[last] = [cur];
  else if (op === 'unwrapList') parent[last] = Array.isArray(cur) ? (cur[0] ?? {}) : cur;
  else parent[last] = value;
  return copy;
}

const manifest = fc
  .tuple(fc.constantFrom(POD as Json, DEPLOY as Json), fc.nat(), fc.constantFrom('replace', 'delete', 'wrapList', 'unwrapList') as fc.Arbitrary<'replace' | 'delete' | 'wrapList' | 'unwrapList'>, fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>)
  .map(([base, n, op, value]) => {
    const all = paths(base);
    return mutate(base, all[n % all.length]!, op, value);
  });

/** Text-level damage: a character dropped, or a YAML indicator inserted. */
const damagedText = fc.tuple(fc.constantFrom(stringify(POD), stringify(DEPLOY)), fc.nat(), fc.constantFrom('', ':', '{', '}', '[', ']', '-', ',', '\t', ' ', '"', "'", '&a', '*a', '!!int ', '\n')).map(([text, n, ins]) => {
  const at = n % text.length;
  return ins === '' ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + ins + text.slice(at);
});

function check(text: string): void {
  const { lab } = makeLab();
  lab.run(`cat <<'EOF' > m.yaml\n${text}\nEOF`);
  for (const line of ['kubectl create -f m.yaml', 'kubectl apply -f m.yaml', 'kubectl apply -f m.yaml --dry-run=server -o yaml', 'kubectl get -f m.yaml -o json', 'kubectl delete -f m.yaml']) {
    const r = lab.run(line);
    assert.doesNotMatch(r.stderr, /internal error/, `${line}\n--- manifest ---\n${text}`);
    assert.ok(r.exitCode === 0 || r.exitCode === 1, `${line}: exit ${r.exitCode}`);
  }
}

test('generated structural variants of a Pod or Deployment never crash kubectl', () => {
  fc.assert(fc.property(manifest, (m) => check(JSON.stringify(m))), { numRuns: 150 });
});

test('generated text damage to a Pod or Deployment manifest never crashes kubectl', () => {
  fc.assert(fc.property(damagedText, (t) => check(t)), { numRuns: 150 });
});

const cases: [string, string, string, string][] = [
  [
    // The API server's strict decoder (encoding/json's UnmarshalTypeError through sigs.k8s.io/json).
    'containers written as a map',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    name: a\n    image: nginx\n',
    '',
    'Error from server (BadRequest): error when creating "m.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container\n',
  ],
  ['a container without a name', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - image: nginx\n', '', 'The Pod "p" is invalid: spec.containers[0].name: Required value\n'],
  [
    'a port number as a string',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n    ports:\n    - containerPort: "80"\n',
    '',
    'Error from server (BadRequest): error when creating "m.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32\n',
  ],
  [
    'a misspelt container field',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n    imagePullPolcy: Always\n',
    '',
    'Error from server (BadRequest): error when creating "m.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagePullPolcy"\n',
  ],
  // A flow map with a key and no value is valid YAML: the label's value is null, which
  // encoding/json stores as "" (kubectl 1.32 sends it; the API server accepts it).
  ['a flow map missing a colon', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {appfuzz, tier: web}\nspec:\n  containers:\n  - name: a\n    image: nginx\n', 'pod/p created\n', ''],
];

for (const [name, text, stdout, stderr] of cases) {
  test(`create -f: ${name}`, () => {
    const { lab } = makeLab();
    lab.run(`cat <<'EOF' > m.yaml\n${text}EOF`);
    const r = lab.run('kubectl create -f m.yaml');
    assert.equal(r.stderr, stderr);
    assert.equal(r.stdout, stdout);
  });
}

test('a label given as a key without a value shows as key= (labels.Set.String)', () => {
  const { lab } = makeLab();
  lab.run("cat <<'EOF' > m.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {appfuzz, tier: web}\nspec:\n  containers:\n  - name: a\n    image: nginx\nEOF");
  lab.run('kubectl create -f m.yaml');
  assert.match(lab.run('kubectl get pod p --show-labels').stdout, /appfuzz=,tier=web\n$/);
});

test('a field written null keeps its zero value, as encoding/json leaves it (found by the property above)', () => {
  const { lab } = makeLab();
  const spec = structuredClone(DEPLOY);
  (spec.spec.template.spec.containers[0]!.ports[0] as Record<string, unknown>).name = null;
  lab.vfs.writeFileCreatingDirs('/root/d.yaml', stringify(spec));
  assert.equal(lab.run('kubectl create -f d.yaml').stdout, 'deployment.apps/web created\n');
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].ports}'").stdout, '[{"containerPort":80,"protocol":"TCP"}]');
  const pod = structuredClone(POD);
  (pod.spec.containers[0] as Record<string, unknown>).name = null;
  lab.vfs.writeFileCreatingDirs('/root/p.yaml', stringify(pod));
  assert.equal(lab.run('kubectl create -f p.yaml').stderr, 'The Pod "web" is invalid: spec.containers[0].name: Required value\n');
});
