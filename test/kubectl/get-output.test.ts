// kubectl get's template and column printers against the real client: go-template cases run by
// kubectl.1.32 label -f nesting.json --local a=b -o go-template=... (offline; goldens in
// test/fixtures/kubectl-1.32/go-template.json), jsonpath and custom-columns as client-go's
// jsonpath and the custom-columns printer print unstructured values, and --field-selector as the
// API server's field selectors work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { printGoTemplate } from '../../server/kubectl/printers/go-template.js';
import { renderJsonPath } from '../../server/kubectl/printers/jsonpath.js';
import { makeLab } from '../helpers/lab.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/kubectl-1.32/${name}`, import.meta.url), 'utf8');
const nesting = () => ({ ...JSON.parse(fixture('nesting.json')), metadata: { labels: { a: 'b' }, name: 'x' } });

const golden = JSON.parse(fixture('go-template.json')) as { cases: { template: string; stdout: string; stderr: string; exitCode: number }[] };

for (const c of golden.cases) {
  test(`go-template ${c.template}`, () => {
    const r = printGoTemplate(c.template, nesting());
    assert.equal(r.stdout, c.stdout);
    assert.equal(r.error === undefined ? '' : `error: ${r.error}\n`, c.stderr);
  });
}

test('jsonpath prints maps and lists as json.Marshal (sorted keys), scalars as text — kubectl.1.32 label --local -o jsonpath', () => {
  // kubectl.1.32 label -f nesting.json --local a=b -o jsonpath='{.spec.list[0]} {.metadata} {.spec.k} {.spec.list[*].a} {.spec.f}|{.spec.n}|{.spec.t0}'
  assert.deepEqual(renderJsonPath('{.spec.list[0]} {.metadata} {.spec.k} {.spec.list[*].a} {.spec.f}|{.spec.n}|{.spec.t0}', nesting()), {
    ok: true,
    value: '{"a":1,"b":["x",["y","z"]]} {"labels":{"a":"b"},"name":"x"} {"a: b":2,"yes":1} 1 1.5|null|true',
  });
  // ... -o jsonpath-as-json='{.spec.list[0]}{.metadata.name}'
  assert.deepEqual(renderJsonPath('{.spec.list[0]}{.metadata.name}', nesting(), { json: true }), {
    ok: true,
    value: '[\n    {\n        "a": 1,\n        "b": [\n            "x",\n            [\n                "y",\n                "z"\n            ]\n        ]\n    }\n]\n[\n    "x"\n]\n',
  });
});

test('get -o go-template over the lab: a List for a kind, the object for a name, the debugging dump on an error', () => {
  const { lab } = makeLab();
  assert.equal(lab.run(`kubectl get ns -o go-template='{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}'`).stdout, 'default\nkube-node-lease\nkube-public\nkube-system\n');
  assert.equal(lab.run(`kubectl get ns default -o go-template='{{.metadata.labels}}'`).stdout, 'map[kubernetes.io/metadata.name:default]');
  const bad = lab.run(`kubectl get ns default -o go-template='{{.metadata.name.x}}'`);
  assert.match(bad.stdout, /^Error executing template: template: output:1:11: executing "output" at <\.metadata\.name\.x>: can't evaluate field x in type interface \{\}\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\{\.metadata\.name\.x\}\}\n\traw data was:\n\t\t\{"apiVersion":"v1","kind":"Namespace",/);
  assert.equal(bad.stderr, 'error: error executing template "{{.metadata.name.x}}": template: output:1:11: executing "output" at <.metadata.name.x>: can\'t evaluate field x in type interface {}\n');
  assert.equal(bad.exitCode, 1);
  lab.run(`echo '{{.metadata.name}}' > t.tmpl`);
  assert.equal(lab.run('kubectl get ns default -o go-template-file=t.tmpl').stdout, 'default\n');
  assert.equal(lab.run('kubectl get ns default -o template --template={{.kind}}').stdout, 'Namespace');
  assert.equal(lab.run('kubectl get ns default -o jsonpath').stderr, 'error: template format specified but no template given\n');
});

test('custom-columns print values with fmt.Sprint and join several with commas', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const out = lab.run('kubectl get netpol -o custom-columns=NAME:.metadata.name,TYPES:.spec.policyTypes,SEL:.spec.podSelector,PORTS:.spec.ingress[*].ports[*].port').stdout;
  const first = out.split('\n')[1]!;
  assert.match(first, /^\S+\s+\[(Ingress|Egress)( Egress)?\]\s+map\[matchLabels:map\[name:\w+\]\]\s+(\d+(,\d+)*|<none>)$/);
});

test('--field-selector: = and != on the fields a kind supports; others are refused as the API server does', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const all = lab.run('kubectl get pods -o name').stdout.trim().split('\n');
  const one = all[0]!.split('/')[1]!;
  assert.equal(lab.run(`kubectl get pods --field-selector metadata.name=${one} -o name`).stdout, `pod/${one}\n`);
  assert.equal(lab.run(`kubectl get pods --field-selector metadata.name!=${one} -o name`).stdout, all.slice(1).map((p) => `${p}\n`).join(''));
  assert.equal(lab.run('kubectl get pods --field-selector status.phase=Pending').stderr, 'No resources found in default namespace.\n');
  assert.equal(lab.run('kubectl get pods -A --field-selector spec.nodeName=nowhere,status.phase!=Running').stderr, 'No resources found\n');
  assert.equal(
    lab.run('kubectl get pods --field-selector foo=bar').stderr,
    'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "foo=bar": field label not supported: foo\n',
  );
  assert.equal(
    lab.run('kubectl get deploy --field-selector spec.replicas=1').stderr,
    'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=1": "spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"\n',
  );
});

test('get -w prints the current state and returns (the terminal does not stream yet)', () => {
  const { lab } = makeLab();
  const r = lab.run('kubectl get ns -w');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^NAME              STATUS   AGE\ndefault           Active   0s\n/);
});

test('get -o yaml quotes timestamps and other strings YAML would read as something else (go-yaml v2)', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const y = lab.run('kubectl get pods -o yaml').stdout;
  assert.match(y, /\n    creationTimestamp: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/);
  assert.match(y, /\n      lastTransitionTime: "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\n/);
  assert.match(y, /\n    resourceVersion: "\d+"\n/);
  assert.doesNotMatch(y, /: \d{4}-\d\d-\d\dT/);
  lab.run('kubectl label pod internal version=1.0 enabled=yes');
  assert.match(lab.run('kubectl get pod internal -o yaml').stdout, /\n    enabled: "yes"\n[^]*\n    version: "1.0"\n/);
});

test('get -o json and jsonpath of sub-objects print keys sorted, as unstructured objects marshal', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  const meta = lab.run('kubectl get pod internal -o json').stdout;
  assert.ok(meta.indexOf('"resourceVersion"') < meta.indexOf('"uid"'));
  const np = lab.run("kubectl get netpol -o jsonpath='{.items[0].spec}'").stdout;
  assert.equal(np, JSON.stringify(sortDeep(JSON.parse(np))));
  assert.ok(np.indexOf('"egress"') < np.indexOf('"podSelector"') || !np.includes('"egress"'));
});

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  return v;
}

test('--show-labels sorts key=value pairs as labels.Set.String (app.kubernetes.io/part-of=shop before app=web)', () => {
  const { lab } = makeLab({ fixture: 'seed-cluster.yaml' });
  lab.run('kubectl label pod internal app=web app.kubernetes.io/part-of=shop');
  assert.match(lab.run('kubectl get pod internal --show-labels').stdout, /\s(\S*app\.kubernetes\.io\/part-of=shop,app=web\S*)\n$/);
});
