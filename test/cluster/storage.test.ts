// PersistentVolumes, claims and StorageClasses: the binding controller's semantics
// (pkg/controller/volume/persistentvolume) and kubectl 1.32's tables for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeLab } from '../helpers/lab.js';

const pv = (name: string, size: string, extra = '') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
spec:
  capacity:
    storage: ${size}
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /data/${name}
${extra}`;

const pvc = (name: string, size: string, extra = '') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${size}
${extra}`;

function apply(lab: ReturnType<typeof makeLab>['lab'], yaml: string) {
  const r = lab.run(`kubectl apply -f - <<'EOF'\n${yaml}\nEOF`);
  assert.equal(r.stderr, '', r.stderr);
  return r;
}
const get = (lab: ReturnType<typeof makeLab>['lab'], what: string) => lab.run(`kubectl get ${what} -o jsonpath='{.status.phase}'`).stdout;

test('a claim binds to the smallest Available volume that fits; the tables print as kubectl 1.32', () => {
  const { lab } = makeLab();
  apply(lab, pv('big', '5Gi'));
  apply(lab, pv('small', '1Gi'));
  apply(lab, pv('tiny', '100Mi'));
  assert.equal(get(lab, 'pv small'), 'Available');
  apply(lab, pvc('data', '500Mi'));
  assert.equal(get(lab, 'pvc data'), 'Bound');
  assert.equal(lab.run("kubectl get pvc data -o jsonpath='{.spec.volumeName}'").stdout, 'small');
  assert.equal(get(lab, 'pv small'), 'Bound');
  assert.equal(get(lab, 'pv big'), 'Available');
  assert.equal(
    lab.run('kubectl get pvc').stdout,
    'NAME   STATUS   VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
      'data   Bound    small    1Gi        RWO                           <unset>                 0s\n',
  );
  assert.equal(
    lab.run('kubectl get pv small').stdout,
    'NAME    CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
      'small   1Gi        RWO            Retain           Bound    default/data                  <unset>                          0s\n',
  );
});

test('mismatches keep a claim Pending: class, access mode, size, selector, volumeMode', () => {
  const { lab } = makeLab();
  apply(lab, pv('fast', '1Gi', '  storageClassName: fast\n'));
  apply(lab, pvc('no-class', '1Gi'));
  assert.equal(get(lab, 'pvc no-class'), 'Pending');
  apply(lab, pvc('rwx', '1Gi', '  storageClassName: fast\n').replace('[ReadWriteOnce]', '[ReadWriteMany]'));
  assert.equal(get(lab, 'pvc rwx'), 'Pending');
  apply(lab, pvc('too-big', '2Gi', '  storageClassName: fast\n'));
  assert.equal(get(lab, 'pvc too-big'), 'Pending');
  apply(lab, pvc('picky', '1Gi', '  storageClassName: fast\n  selector:\n    matchLabels:\n      tier: gold\n'));
  assert.equal(get(lab, 'pvc picky'), 'Pending');
  apply(lab, pvc('block', '1Gi', '  storageClassName: fast\n  volumeMode: Block\n'));
  assert.equal(get(lab, 'pvc block'), 'Pending');
  assert.equal(get(lab, 'pv fast'), 'Available');
  // Fixing the volume's labels lets the selector claim (the oldest Pending one that fits) bind.
  lab.run('kubectl label pv fast tier=gold');
  assert.equal(get(lab, 'pvc picky'), 'Bound');
});

test('volumeName pre-binds; a claim with storageClassName "" never gets the default class', () => {
  const { lab } = makeLab();
  apply(lab, pv('a', '1Gi'));
  apply(lab, pv('b', '1Gi'));
  apply(lab, pvc('want-b', '1Gi', '  volumeName: b\n'));
  assert.equal(lab.run("kubectl get pv b -o jsonpath='{.spec.claimRef.name}'").stdout, 'want-b');
  apply(lab, `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer`);
  apply(lab, pvc('empty-class', '1Gi', '  storageClassName: ""\n'));
  assert.equal(get(lab, 'pvc empty-class'), 'Bound');
  apply(lab, pvc('defaulted', '1Gi'));
  assert.equal(lab.run("kubectl get pvc defaulted -o jsonpath='{.spec.storageClassName}'").stdout, 'local-path');
  assert.equal(get(lab, 'pvc defaulted'), 'Pending');
  assert.equal(
    lab.run('kubectl get sc').stdout,
    'NAME                   PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
      'local-path (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  0s\n',
  );
  // WaitForFirstConsumer: the local-path provisioner makes a volume on the pod's node.
  lab.run('kubectl run user --image=busybox --dry-run=client -o yaml > pod.yaml');
  apply(lab, `apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  containers:
  - name: c
    image: busybox
    volumeMounts:
    - name: d
      mountPath: /data
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: defaulted`);
  assert.equal(get(lab, 'pvc defaulted'), 'Bound');
  const volume = lab.run("kubectl get pvc defaulted -o jsonpath='{.spec.volumeName}'").stdout;
  assert.match(volume, /^pvc-[0-9a-f-]{36}$/);
  assert.equal(lab.run(`kubectl get pv ${volume} -o jsonpath='{.spec.persistentVolumeReclaimPolicy}'`).stdout, 'Delete');
});

test('reclaim: Retain leaves a Released volume, Delete removes it, Recycle makes it Available', () => {
  const { lab } = makeLab();
  apply(lab, pv('keep', '1Gi', '  storageClassName: keep\n'));
  apply(lab, pv('gone', '1Gi', '  storageClassName: gone\n  persistentVolumeReclaimPolicy: Delete\n'));
  apply(lab, pv('again', '1Gi', '  storageClassName: again\n  persistentVolumeReclaimPolicy: Recycle\n'));
  for (const c of ['keep', 'gone', 'again']) apply(lab, pvc(c, '1Gi', `  storageClassName: ${c}\n`));
  for (const c of ['keep', 'gone', 'again']) assert.equal(get(lab, `pvc ${c}`), 'Bound');
  lab.run('kubectl delete pvc keep gone again');
  assert.equal(get(lab, 'pv keep'), 'Released');
  assert.equal(lab.run('kubectl get pv gone').stderr, 'Error from server (NotFound): persistentvolumes "gone" not found\n');
  assert.equal(get(lab, 'pv again'), 'Available');
  // A Released volume does not bind a new claim until the administrator clears its claimRef.
  apply(lab, pvc('keep', '1Gi', '  storageClassName: keep\n'));
  assert.equal(get(lab, 'pvc keep'), 'Pending');
  apply(lab, pv('keep', '1Gi', '  storageClassName: keep\n  claimRef: null\n'));
  assert.equal(get(lab, 'pvc keep'), 'Bound');
});

test('expansion grows a bound claim when its class allows it; shrinking is refused', () => {
  const { lab } = makeLab();
  apply(lab, `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: grow
provisioner: example.com/none
allowVolumeExpansion: true`);
  apply(lab, pv('v', '1Gi', '  storageClassName: grow\n'));
  apply(lab, pvc('c', '1Gi', '  storageClassName: grow\n'));
  assert.equal(get(lab, 'pvc c'), 'Bound');
  apply(lab, pvc('c', '2Gi', '  storageClassName: grow\n'));
  assert.equal(lab.run("kubectl get pvc c -o jsonpath='{.status.capacity.storage}'").stdout, '2Gi');
  assert.equal(lab.run("kubectl get pv v -o jsonpath='{.spec.capacity.storage}'").stdout, '2Gi');
  const r = lab.run(`kubectl apply -f - <<'EOF'\n${pvc('c', '1Gi', '  storageClassName: grow\n')}\nEOF`);
  assert.equal(r.stderr, 'The PersistentVolumeClaim "c" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n');
});

test('validation speaks the API server\'s words', () => {
  const { lab } = makeLab();
  const r = lab.run(`kubectl apply -f - <<'EOF'\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: x\nspec:\n  resources:\n    requests:\n      storage: 1Gi\nEOF`);
  assert.equal(r.stderr, 'The PersistentVolumeClaim "x" is invalid: spec.accessModes: Required value: at least 1 access mode is required\n');
});
