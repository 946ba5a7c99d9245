/**
 * Validation of the storage kinds (pkg/apis/core/validation ValidatePersistentVolume*,
 * pkg/apis/storage/validation ValidateStorageClass), messages verbatim as field.Error prints them.
 */
import { parseQuantity } from '../../api/index.js';
import type { StatusCause } from '../status-error.js';
import type { Loose } from '../controllers/loose.js';

const q = (v: unknown) => JSON.stringify(v);
const required = (field: string, detail = ''): StatusCause => ({ type: 'FieldValueRequired', field, message: `${field}: Required value${detail ? `: ${detail}` : ''}` });
const forbidden = (field: string, detail: string): StatusCause => ({ type: 'FieldValueForbidden', field, message: `${field}: Forbidden: ${detail}` });
const notSupported = (field: string, value: string, valid: string[]): StatusCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `${field}: Unsupported value: ${q(value)}: supported values: ${valid.map((v) => q(v)).join(', ')}`,
});

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];
const VOLUME_SOURCES = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'cephfs', 'rbd', 'azureFile', 'azureDisk', 'gcePersistentDisk', 'awsElasticBlockStore', 'cinder', 'flexVolume', 'glusterfs', 'vsphereVolume', 'portworxVolume', 'photonPersistentDisk', 'scaleIO', 'storageos', 'quobyte', 'flocker'];

function accessModes(modes: unknown, field: string, requiredDetail: string): StatusCause[] {
  const list = Array.isArray(modes) ? (modes as string[]) : [];
  if (list.length === 0) return [required(field, requiredDetail)];
  const errs = list.filter((m) => !ACCESS_MODES.includes(m)).map((m) => notSupported(field, m, ACCESS_MODES));
  if (list.includes('ReadWriteOncePod') && list.length > 1) errs.push(forbidden(field, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validatePersistentVolume(pv: Loose): StatusCause[] {
  const spec = pv.spec ?? {};
  const errs = accessModes(spec.accessModes, 'spec.accessModes', '');
  if (!spec.capacity || Object.keys(spec.capacity).length === 0) errs.push(required('spec.capacity'));
  else if (spec.capacity.storage === undefined) errs.push(notSupported('spec.capacity', Object.keys(spec.capacity)[0]!, ['storage']));
  if (spec.persistentVolumeReclaimPolicy && !RECLAIM.includes(spec.persistentVolumeReclaimPolicy)) errs.push(notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM));
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  const sources = VOLUME_SOURCES.filter((s) => spec[s] !== undefined);
  if (sources.length === 0) errs.push(required('spec', 'must specify a volume type'));
  else if (sources.length > 1) errs.push(forbidden(`spec.${sources[1]}`, 'may not specify more than 1 volume type'));
  if (spec.hostPath && !spec.hostPath.path) errs.push(required('spec.hostPath.path'));
  if (spec.local && !spec.nodeAffinity) errs.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  return errs;
}

export function validatePersistentVolumeClaim(pvc: Loose): StatusCause[] {
  const spec = pvc.spec ?? {};
  const errs = accessModes(spec.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) errs.push(required('spec.resources[storage]'));
  else {
    const qty = parseQuantity(storage);
    if (qty && qty.nanos <= 0n) errs.push({ type: 'FieldValueInvalid', field: 'spec.resources[storage]', message: `spec.resources[storage]: Invalid value: ${q(String(storage))}: must be greater than zero` });
  }
  if (spec.volumeMode && !VOLUME_MODES.includes(spec.volumeMode)) errs.push(notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  return errs;
}

/** ValidatePersistentVolumeClaimUpdate: only a bound claim's requests may change, and never below its capacity. */
export function validatePersistentVolumeClaimUpdate(next: Loose, cur: Loose): StatusCause[] {
  const bound = cur.status?.phase === 'Bound';
  const comparable = (o: Loose) => {
    const s: Loose = { ...(o.spec ?? {}) };
    if (bound) delete s.resources;
    delete s.volumeAttributesClassName;
    return JSON.stringify(s, Object.keys(s).sort());
  };
  if (comparable(next) !== comparable(cur)) return [forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims')];
  const capacity = cur.status?.capacity?.storage;
  const want = parseQuantity(next.spec?.resources?.requests?.storage ?? '0');
  const have = capacity !== undefined ? parseQuantity(capacity) : undefined;
  if (bound && want && have && want.nanos < have.nanos) return [forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity')];
  return [];
}

export function validateStorageClass(sc: Loose): StatusCause[] {
  const errs: StatusCause[] = [];
  if (!sc.provisioner) errs.push(required('provisioner'));
  if (sc.reclaimPolicy && !['Delete', 'Retain'].includes(sc.reclaimPolicy)) errs.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
  if (sc.volumeBindingMode && !['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) {
    errs.push(notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}
