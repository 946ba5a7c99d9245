// ConfigMap, Secret and ServiceAccount as the API server and kubectl 1.32 treat them. Messages from
// kubernetes pkg/apis/core/validation/validation.go (ValidateConfigMap[Update], ValidateSecret[Update]),
// apimachinery IsConfigMapKey, encoding/base64's CorruptInputError; tables from
// pkg/printers/internalversion/printers.go; describers from kubectl pkg/describe/describe.go (1.32).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';
import { base64ErrorAt } from '../../server/cluster/schema.js';

const write = (name: string, body: string) => `cat > ${name} <<'EOF'\n${body}\nEOF`;

test('a Secret: stringData merged into data, type defaulted to Opaque, table and describe', () => {
  const { lab } = makeLab();
  lab.run(write('s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  user: YWRtaW4=\n  pw: b2xk\nstringData:\n  pw: hunter2'));
  assert.equal(lab.run('kubectl apply -f s.yaml').stdout, 'secret/db created\n');
  assert.equal(lab.run("kubectl get secret db -o jsonpath='{.type} {.data.pw} {.stringData}'").stdout, 'Opaque aHVudGVyMg== ');
  assert.match(lab.run('kubectl get secrets').stdout, /^NAME\s+TYPE\s+DATA\s+AGE\ndb\s+Opaque\s+2\s+\d+s\n$/);
  assert.equal(
    lab.run('kubectl describe secret db').stdout,
    'Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npw:    7 bytes\nuser:  5 bytes\n',
  );
});

test('a Secret whose data is not base64 is refused with the decoder error, and nothing is stored', () => {
  const { lab } = makeLab();
  lab.run(write('s.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  pw: hunter2'));
  assert.equal(
    lab.run('kubectl create -f s.yaml').stderr,
    'Error from server (BadRequest): error when creating "s.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n',
  );
  assert.equal(lab.run('kubectl get secrets').stderr, 'No resources found in default namespace.\n');
});

test("base64ErrorAt follows Go's StdEncoding offsets", () => {
  assert.equal(base64ErrorAt('YWJj'), undefined);
  assert.equal(base64ErrorAt('YWI='), undefined);
  assert.equal(base64ErrorAt('YQ=='), undefined);
  assert.equal(base64ErrorAt('YWJj\nZA=='), undefined);
  assert.equal(base64ErrorAt(''), undefined);
  assert.equal(base64ErrorAt('hunter2'), 4); // 'hunt' decodes, 'er2' is an incomplete quantum
  assert.equal(base64ErrorAt('YW*j'), 2);
  assert.equal(base64ErrorAt('YWJj='), 4);
  assert.equal(base64ErrorAt('YQ=x'), 2);
  assert.equal(base64ErrorAt('YQ==YQ=='), 4);
});

test('Secret types: required keys, and the type is immutable', () => {
  const { lab } = makeLab();
  lab.run(write('tls.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\ntype: kubernetes.io/tls\ndata:\n  tls.crt: eA=='));
  assert.equal(lab.run('kubectl apply -f tls.yaml').stderr, 'The Secret "t" is invalid: data[tls.key]: Required value\n');
  lab.run(write('sat.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tok\ntype: kubernetes.io/service-account-token'));
  assert.equal(lab.run('kubectl apply -f sat.yaml').stderr, 'The Secret "tok" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value\n');
  lab.run(write('dc.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: reg\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: bm90IGpzb24='));
  assert.equal(
    lab.run('kubectl apply -f dc.yaml').stderr,
    'The Secret "reg" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'n\' looking for beginning of value\n',
  );
  lab.run('kubectl create secret generic g --from-literal=a=b');
  lab.run(write('g.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: g\ntype: kubernetes.io/basic-auth\ndata:\n  username: YQ=='));
  assert.equal(lab.run('kubectl replace -f g.yaml').stderr, 'The Secret "g" is invalid: type: Invalid value: "kubernetes.io/basic-auth": field is immutable\n');
});

test('a ConfigMap: keys validated, immutable enforced, binaryData counted, table and describe', () => {
  const { lab } = makeLab();
  lab.run(write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a b: x'));
  assert.equal(
    lab.run('kubectl apply -f bad.yaml').stderr,
    `The ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
  );
  lab.run(write('c.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nimmutable: true\ndata:\n  mode: fast\n  b: "2"\nbinaryData:\n  blob: AAEC'));
  assert.equal(lab.run('kubectl apply -f c.yaml').stdout, 'configmap/c created\n');
  assert.match(lab.run('kubectl get cm c').stdout, /^NAME\s+DATA\s+AGE\nc\s+3\s+\d+s\n$/);
  assert.equal(
    lab.run('kubectl describe cm c').stdout,
    'Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nb:\n----\n2\n\nmode:\n----\nfast\n\n\nBinaryData\n====\nblob: 3 bytes\n\nEvents:  <none>\n',
  );
  lab.run(write('c2.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  mode: slow'));
  assert.equal(
    lab.run('kubectl replace -f c2.yaml').stderr,
    'The ConfigMap "c" is invalid: \n* immutable: Forbidden: field is immutable when `immutable` is set\n* data: Forbidden: field is immutable when `immutable` is set\n* binaryData: Forbidden: field is immutable when `immutable` is set\n',
  );
  assert.equal(lab.run("kubectl get cm c -o jsonpath='{.data.mode}'").stdout, 'fast');
});

test('describe serviceaccount lists its secrets, a missing one marked (not found)', () => {
  const { lab } = makeLab();
  lab.run(write('sa.yaml', 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: bot\nimagePullSecrets:\n- name: reg\nsecrets:\n- name: gone'));
  lab.run('kubectl apply -f sa.yaml');
  lab.run('kubectl create secret docker-registry reg --docker-username=u --docker-password=p');
  assert.equal(
    lab.run('kubectl describe sa bot').stdout,
    'Name:                bot\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  reg\nMountable secrets:   gone (not found)\nTokens:              <none>\nEvents:              <none>\n',
  );
});

test('create configmap and secret against the lab: created lines, server dry run, already exists', () => {
  const { lab } = makeLab();
  assert.equal(lab.run('kubectl create cm c --from-literal=a=1').stdout, 'configmap/c created\n');
  assert.equal(lab.run('kubectl create cm c --from-literal=a=1').stderr, 'error: failed to create configmap: configmaps "c" already exists\n');
  assert.equal(lab.run('kubectl create secret generic s --from-literal=a=1 --dry-run=server').stdout, 'secret/s created (server dry run)\n');
  assert.equal(lab.run('kubectl get secrets').stderr, 'No resources found in default namespace.\n');
  lab.run('kubectl create secret generic s --from-literal=a=1');
  assert.equal(lab.run('kubectl create secret generic s --from-literal=a=1').stderr, 'error: failed to create secret secrets "s" already exists\n');
  assert.equal(lab.run("kubectl get secret s -o jsonpath='{.data.a}' | base64 -d").stdout, '1');
});

test('kubectl run --env sets the container environment, --expose makes the Service first', () => {
  const { lab } = makeLab();
  assert.equal(
    lab.run("kubectl run web --image=nginx --env=A=1 --env='B=x,y' --port=80 --expose --dry-run=client -o yaml").stdout,
    `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  name: web
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    run: web
status:
  loadBalancer: {}
---
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: web
  name: web
spec:
  containers:
  - env:
    - name: A
      value: "1"
    - name: B
      value: x,y
    image: nginx
    name: web
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`,
  );
  assert.equal(lab.run('kubectl run web --image=nginx --env=1A=x').stderr, 'error: invalid env: 1A=x\n');
  assert.equal(lab.run('kubectl run web --image=nginx --expose').stderr, "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n");
  assert.equal(lab.run('kubectl run web --image=nginx --port=80 --expose').stdout, 'service/web created\npod/web created\n');
  assert.match(lab.run('kubectl get svc web').stdout, /web\s+ClusterIP\s+10\.\S+\s+<none>\s+80\/TCP/);
});
