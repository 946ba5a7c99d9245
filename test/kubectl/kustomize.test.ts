// `kubectl kustomize` against goldens recorded with the real kustomize v5.5 embedded in kubectl 1.32:
// test/fixtures/kustomize/basic.golden.yaml = `kubectl.1.32 kustomize basic`,
// test/fixtures/kustomize/overlay.golden.yaml = `kubectl.1.32 kustomize overlay/prod` (run in that
// folder), test/fixtures/kustomize/patches.golden.yaml = `kubectl.1.32 kustomize patches`, legacy.golden.yaml likewise (the
// .golden.stderr files hold what it printed on stderr). The fixture files are copied
// into the lab's filesystem and built there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { makeLab } from '../helpers/lab.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'kustomize');

function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel)).flatMap((n) => {
    const r = rel ? `${rel}/${n}` : n;
    return statSync(join(dir, r)).isDirectory() ? filesUnder(dir, r) : [r];
  });
}

function labWith(dir: string) {
  const { lab } = makeLab();
  for (const f of filesUnder(join(ROOT, dir))) {
    const parent = f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : '';
    lab.run(`mkdir -p ${dir}${parent ? `/${parent}` : ''}`);
    lab.run(`cat <<'EOF' > ${dir}/${f}\n${readFileSync(join(ROOT, dir, f), 'utf8')}EOF`);
  }
  return lab;
}

for (const [dir, target, golden] of [
  ['basic', 'basic', 'basic'],
  ['overlay', 'overlay/prod', 'overlay'],
  ['patches', 'patches', 'patches'],
  ['legacy', 'legacy', 'legacy'],
] as const) {
  test(`kubectl kustomize ${target} prints what kubectl 1.32 prints`, () => {
    const l = labWith(dir);
    const r = l.run(`kubectl kustomize ${target}`);
    assert.equal(r.stdout, readFileSync(join(ROOT, `${golden}.golden.yaml`), 'utf8'));
    assert.equal(r.stderr, readFileSync(join(ROOT, `${golden}.golden.stderr`), 'utf8'));
    assert.equal(r.exitCode, 0);
  });
}

test('kubectl kustomize: a directory without a kustomization, and a missing directory', () => {
  const { lab } = makeLab();
  lab.run('mkdir -p empty');
  const home = lab.run('pwd').stdout.trim();
  assert.equal(
    lab.run('kubectl kustomize empty').stderr,
    `error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${home}/empty'\n`,
  );
  assert.equal(
    lab.run('kubectl kustomize nope').stderr,
    `error: must build at directory: not a valid directory: evalsymlink failure on '${home}/nope' : lstat ${home}/nope: no such file or directory\n`,
  );
});

test('kubectl apply -k creates the built objects, delete -k removes them', () => {
  const l = labWith('basic');
  l.run('kubectl create namespace shop');
  const r = l.run('kubectl apply -k basic');
  assert.equal(r.stdout, 'configmap/prod-cfg-v1-f8f6bm7m69 created\nservice/prod-web-v1 created\ndeployment.apps/prod-web-v1 created\n');
  assert.equal(r.stderr, readFileSync(join(ROOT, 'basic.golden.stderr'), 'utf8'));
  assert.equal(l.run('kubectl get deploy prod-web-v1 -n shop -o jsonpath={.spec.template.spec.containers[0].image}').stdout, 'nginx:1.27');
  assert.equal(l.run('kubectl apply -k basic').stdout, 'configmap/prod-cfg-v1-f8f6bm7m69 unchanged\nservice/prod-web-v1 unchanged\ndeployment.apps/prod-web-v1 unchanged\n');
  assert.equal(l.run('kubectl apply -k basic -f basic/svc.yaml').stderr, 'error: only one of -f or -k can be specified\n');
  const d = l.run('kubectl delete -k basic');
  assert.equal(d.stdout, 'configmap "prod-cfg-v1-f8f6bm7m69" deleted\nservice "prod-web-v1" deleted\ndeployment.apps "prod-web-v1" deleted\n');
  assert.equal(l.run('kubectl get cm,svc,deploy -n shop').stderr, 'No resources found in shop namespace.\n');
});

test('kubectl kustomize --help is kubectl 1.32 help; create -k builds too; unsimulated fields are refused', () => {
  const l = labWith('basic');
  assert.match(l.run('kubectl kustomize --help').stdout, /^Build a set of KRM resources using a 'kustomization.yaml' file\./);
  l.run('kubectl create namespace shop');
  assert.equal(l.run('kubectl create -k basic').stdout, 'configmap/prod-cfg-v1-f8f6bm7m69 created\nservice/prod-web-v1 created\ndeployment.apps/prod-web-v1 created\n');
  l.run('mkdir -p comp');
  l.run(`cat <<'EOF' > comp/kustomization.yaml\ncomponents:\n- ../x\nEOF`);
  assert.equal(l.run('kubectl kustomize comp').stderr, "error: kustomization field 'components' is not available in this lab yet\n");
});
