/** StorageClass (storage.k8s.io/v1; pkg/registry/storage/storageclass): parameters, provisioner and reclaimPolicy are immutable. */
import type { KubeObject } from '../../api/index.js';
import type { Loose } from '../controllers/loose.js';
import { syncVolumes } from '../controllers/volumes.js';
import { validateStorageClass } from './storage-causes.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';
import type { StatusCause } from '../status-error.js';

/** Read loosely, as the controllers read it (see ../controllers/loose.ts). */
export interface StorageClass extends KubeObject {
  spec?: Loose;
  status?: Loose;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [extra: string]: any;
}

const immutable = (field: string): StatusCause => ({ type: 'FieldValueForbidden', field, message: `${field}: Forbidden: updates to ${field} are forbidden.` });

export const storageClassKind: KindStrategy<StorageClass> = {
  ...storedAsGiven<StorageClass>({ kind: 'StorageClass', resource: 'storageclasses', shortNames: ['sc'], group: 'storage.k8s.io', version: 'v1', namespaced: false }),
  // SetDefaults_StorageClass.
  applyDefaults(sc) {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate: (sc) => validateStorageClass(sc),
  // ValidateStorageClassUpdate.
  validateUpdate(next, cur) {
    const errs: StatusCause[] = [];
    if (JSON.stringify(next.parameters ?? {}) !== JSON.stringify(cur.parameters ?? {})) errs.push(immutable('parameters'));
    if (next.provisioner !== cur.provisioner) errs.push(immutable('provisioner'));
    if (next.reclaimPolicy !== cur.reclaimPolicy) errs.push(immutable('reclaimPolicy'));
    if (next.volumeBindingMode !== cur.volumeBindingMode) errs.push({ type: 'FieldValueInvalid', field: 'volumeBindingMode', message: `volumeBindingMode: Invalid value: ${JSON.stringify(next.volumeBindingMode)}: field is immutable` });
    return errs;
  },
  afterCreate: (_sc, ctx) => syncVolumes(ctx),
  afterUpdate: (_sc, ctx) => syncVolumes(ctx),
};
