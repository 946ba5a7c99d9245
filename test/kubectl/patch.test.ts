// `kubectl patch`: strategic merge by the Go types' merge keys, merge (RFC 7386) and json (RFC 6902)
// patches; messages from staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go ("patched", "patched
// (no change)", the --type and missing-patch errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { jsonPatch, mergePatch, strategicMergePatch } from '../../server/kubectl/cmd/patch.js';

test('patch a deployment three ways, and the no-change and flag errors', () => {
  const { lab } = makeLab({ setup: { workers: ['node01'] } });
  lab.run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
  assert.equal(lab.run(`kubectl patch deploy web -p '{"spec":{"replicas":3}}'`).stdout, 'deployment.apps/web patched\n');
  assert.equal(lab.run(`kubectl patch deploy web -p '{"spec":{"replicas":3}}'`).stdout, 'deployment.apps/web patched (no change)\n');
  lab.run(`kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}'`);
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].name}'").stdout, 'nginx sidecar');
  lab.run(`kubectl patch deploy web --type merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}'`);
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[*].image}'").stdout, 'nginx:1.27');
  lab.run(`kubectl patch deploy web --type json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`);
  assert.equal(lab.run("kubectl get deploy web -o jsonpath='{.spec.replicas}'").stdout, '1');
  assert.equal(lab.run(`kubectl patch deploy web --type foo -p '{}'`).stderr, 'error: --type must be one of [json merge strategic], not "foo"\n');
  assert.equal(lab.run('kubectl patch deploy web').stderr, 'error: must specify --patch or --patch-file containing the contents of the patch\n');
  assert.equal(lab.run(`kubectl patch deploy web -p '{"spec":{"replicas":-1}}'`).stderr, 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  assert.equal(lab.run(`kubectl patch svc nope -p '{}'`).stderr, 'Error from server (NotFound): services "nope" not found\n');
});

test('strategic merge: lists merged by key, $patch directives, null deletes; merge and json patches', () => {
  const pod = { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: '1' }] }], tolerations: [{ key: 'k' }] } };
  assert.deepEqual(
    strategicMergePatch(pod, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 443 }], env: [{ name: 'A', $patch: 'delete' }] }], tolerations: [{ key: 'z' }] } }),
    { spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 443 }], env: [] }], tolerations: [{ key: 'z' }] } },
  );
  assert.deepEqual(strategicMergePatch({ a: 1, b: { c: 2 } }, { b: { $patch: 'replace', d: 3 }, a: null }), { b: { d: 3 } });
  assert.deepEqual(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { b: null }, l: [3] }), { a: { c: 2 }, l: [3] });
  assert.deepEqual(jsonPatch({ a: [1, 3] }, [{ op: 'add', path: '/a/1', value: 2 }, { op: 'add', path: '/b', value: true }]), { ok: true, value: { a: [1, 2, 3], b: true } });
  assert.deepEqual(jsonPatch({ a: 1 }, [{ op: 'remove', path: '/x' }]), { ok: false, message: 'remove operation does not apply: doc is missing path: "/x": missing value' });
  assert.deepEqual(jsonPatch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }]), { ok: false, message: 'testing value /a failed: test failed' });
});
