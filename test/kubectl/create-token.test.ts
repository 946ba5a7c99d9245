// kubectl create token: the TokenRequest the API server answers (pkg/registry/core/serviceaccount/
// storage/token.go, pkg/serviceaccount/claims.go, 1.32): the JWT's payload is what a learner
// decodes, so its claims are asserted whole. The client's flag checks are golden-tested against
// kubectl 1.32 in generators-golden.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab, SEED_TIME } from '../helpers/lab.js';

const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.trim().split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;

test('create token: a JWT with the issuer, audience, expiry and the service account', () => {
  const { lab } = makeLab();
  lab.run('kubectl create sa bot');
  const uid = lab.run("kubectl get sa bot -o jsonpath='{.metadata.uid}'").stdout;
  const r = lab.run('kubectl create token bot');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  const header = JSON.parse(Buffer.from(r.stdout.split('.')[0]!, 'base64url').toString('utf8'));
  assert.equal(header.alg, 'RS256');
  const now = Math.floor(SEED_TIME / 1000);
  const claims = payload(r.stdout);
  assert.deepEqual({ ...claims, jti: typeof claims.jti }, {
    aud: ['https://kubernetes.default.svc.cluster.local'],
    exp: now + 3600,
    iat: now,
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: 'string',
    'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'bot', uid } },
    nbf: now,
    sub: 'system:serviceaccount:default:bot',
  });
  // The learner's way to read it.
  assert.equal(lab.run('kubectl create token bot | cut -d. -f2 | base64 -d').stdout.startsWith('{"aud":["https://kubernetes.default.svc.cluster.local"],"exp":'), true);
});

test('create token: --duration, --audience and a pod binding with its node', () => {
  const { lab } = makeLab();
  lab.run('kubectl create ns team');
  lab.run('kubectl -n team create sa bot');
  lab.run('kubectl -n team run p --image=nginx');
  const pod = JSON.parse(lab.run('kubectl -n team get pod p -o json').stdout);
  const claims = payload(lab.run('kubectl -n team create token bot --duration=2h --audience=vault --audience=api --bound-object-kind=Pod --bound-object-name=p').stdout);
  assert.deepEqual(claims.aud, ['vault', 'api']);
  assert.equal(claims.exp - claims.iat, 7200);
  assert.equal(claims.sub, 'system:serviceaccount:team:bot');
  assert.deepEqual(Object.keys(claims['kubernetes.io']), ['namespace', 'node', 'pod', 'serviceaccount']);
  assert.deepEqual(claims['kubernetes.io'].pod, { name: 'p', uid: pod.metadata.uid });
  assert.equal(claims['kubernetes.io'].node.name, pod.spec.nodeName);
});

test("create token: the API server's refusals", () => {
  const { lab } = makeLab();
  lab.run('kubectl create sa bot');
  assert.equal(lab.run('kubectl create token nope').stderr, 'error: failed to create token: serviceaccounts "nope" not found\n');
  assert.equal(
    lab.run('kubectl create token bot --duration=5m').stderr,
    'error: failed to create token: TokenRequest.authentication.k8s.io "bot" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n',
  );
  assert.equal(lab.run('kubectl create token bot --bound-object-kind=Pod --bound-object-name=gone').stderr, 'error: failed to create token: pods "gone" not found\n');
});
