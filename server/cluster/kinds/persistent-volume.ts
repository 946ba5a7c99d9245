/** PersistentVolume (core/v1; pkg/registry/core/persistentvolume): bound by ../controllers/volumes.ts. */
import type { KubeObject } from '../../api/index.js';
import type { Loose } from '../controllers/loose.js';
import { syncVolumes } from '../controllers/volumes.js';
import { validatePersistentVolume } from './storage-causes.js';
import { storedAsGiven, type KindStrategy } from './strategy.js';

/** Read loosely, as the controllers read it (see ../controllers/loose.ts). */
export interface PersistentVolume extends KubeObject {
  spec?: Loose;
  status?: Loose;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [extra: string]: any;
}

export const persistentVolumeKind: KindStrategy<PersistentVolume> = {
  ...storedAsGiven<PersistentVolume>({ kind: 'PersistentVolume', resource: 'persistentvolumes', shortNames: ['pv'], group: '', version: 'v1', namespaced: false }),
  statusRule: 'keepIfOmitted',
  // SetDefaults_PersistentVolume: Retain, Filesystem, and a new volume's phase Pending until the controller sees it.
  applyDefaults(pv) {
    pv.spec ??= {};
    pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    pv.spec.volumeMode ??= 'Filesystem';
    pv.status ??= { phase: 'Pending' };
  },
  validate: (pv) => validatePersistentVolume(pv),
  prepareForUpdate(next, current) {
    // The controller's claimRef (with the claim's uid) stays on a replace that sends the administrator's one.
    const ref = current.spec?.claimRef;
    if (ref && next.spec?.claimRef && next.spec.claimRef.name === ref.name && (next.spec.claimRef.namespace ?? '') === (ref.namespace ?? '')) next.spec.claimRef = ref;
    else if (ref && next.spec && next.spec.claimRef === undefined && current.status?.phase === 'Bound') next.spec.claimRef = ref;
    if (next.status === undefined || next.status.phase === 'Pending') next.status = current.status;
  },
  afterCreate: (_pv, ctx) => syncVolumes(ctx),
  afterUpdate: (_pv, ctx) => syncVolumes(ctx),
  afterDelete: (_pv, ctx) => syncVolumes(ctx),
};
