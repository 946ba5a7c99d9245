/**
 * PersistentVolumeClaim (core/v1; pkg/registry/core/persistentvolumeclaim): the DefaultStorageClass
 * admission plugin and the binding and expansion controllers are in ../controllers/volumes.ts.
 */
import type { KubeObject } from '../../api/index.js';
import type { Loose } from '../controllers/loose.js';
import { syncVolumes } from '../controllers/volumes.js';
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate } from './storage-causes.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

/** Read loosely, as the controllers read it (see ../controllers/loose.ts). */
export interface PersistentVolumeClaim extends KubeObject {
  spec?: Loose;
  status?: Loose;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [extra: string]: any;
}

export const persistentVolumeClaimKind: KindStrategy<PersistentVolumeClaim> = {
  ...storedAsGiven<PersistentVolumeClaim>({ kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims', shortNames: ['pvc'], group: '', version: 'v1', namespaced: true }),
  statusRule: 'server',
  // SetDefaults_PersistentVolumeClaim, and a new claim's phase (PrepareForCreate).
  applyDefaults(pvc) {
    pvc.spec ??= {};
    pvc.spec.volumeMode ??= 'Filesystem';
    pvc.status ??= { phase: 'Pending' };
  },
  validate: (pvc) => validatePersistentVolumeClaim(pvc),
  prepareForUpdate(next, current) {
    // What the controllers filled in (volumeName, the default class) stays on a re-apply of the original manifest.
    next.spec ??= {};
    if (next.spec.volumeName === undefined && current.spec?.volumeName !== undefined) next.spec.volumeName = current.spec.volumeName;
    if (next.spec.storageClassName === undefined && current.spec?.storageClassName !== undefined) next.spec.storageClassName = current.spec.storageClassName;
    const ann = current.metadata.annotations ?? {};
    for (const key of ['pv.kubernetes.io/bind-completed', 'pv.kubernetes.io/bound-by-controller']) {
      if (ann[key] !== undefined && next.metadata.annotations?.[key] === undefined) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [key]: ann[key] };
    }
  },
  validateUpdate: (next, cur) => validatePersistentVolumeClaimUpdate(next, cur),
  afterCreate: (_pvc, ctx) => syncVolumes(ctx),
  afterUpdate: (_pvc, ctx) => syncVolumes(ctx),
  afterDelete: (_pvc, ctx) => syncVolumes(ctx),
};
