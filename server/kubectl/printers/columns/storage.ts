/**
 * PersistentVolume, PersistentVolumeClaim and StorageClass tables (kubernetes 1.32
 * pkg/printers/internalversion/printers.go printPersistentVolume/Claim, printStorageClass;
 * access modes as v1helper.GetAccessModesAsString abbreviates them, in its fixed order).
 */
import { AGE, NAME, type Column, type Row } from './common.js';

const MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];
export function accessModesString(modes: readonly string[] | undefined): string {
  const list = modes ?? [];
  return MODES.filter(([m]) => list.includes(m)).map(([, short]) => short).join(',');
}

const volumeMode = (o: Row) => o.spec?.volumeMode ?? 'Filesystem';
const vac = (o: Row) => o.spec?.volumeAttributesClassName ?? '<unset>';
const isDefault = (o: Row) =>
  o.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true' || o.metadata?.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';

export const persistentVolumeColumns: Column[] = [
  NAME,
  { name: 'CAPACITY', cell: (o) => String(o.spec?.capacity?.storage ?? '') },
  { name: 'ACCESS MODES', cell: (o) => accessModesString(o.spec?.accessModes) },
  { name: 'RECLAIM POLICY', cell: (o) => o.spec?.persistentVolumeReclaimPolicy ?? '' },
  { name: 'STATUS', cell: (o) => o.status?.phase ?? '' },
  { name: 'CLAIM', cell: (o) => (o.spec?.claimRef ? `${o.spec.claimRef.namespace ?? ''}/${o.spec.claimRef.name ?? ''}` : '') },
  { name: 'STORAGECLASS', cell: (o) => o.spec?.storageClassName ?? '' },
  { name: 'VOLUMEATTRIBUTESCLASS', cell: vac },
  { name: 'REASON', cell: (o) => o.status?.reason ?? '' },
  AGE,
  { name: 'VOLUMEMODE', wide: true, cell: volumeMode },
];

export const persistentVolumeClaimColumns: Column[] = [
  NAME,
  { name: 'STATUS', cell: (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : (o.status?.phase ?? '')) },
  { name: 'VOLUME', cell: (o) => o.spec?.volumeName ?? '' },
  { name: 'CAPACITY', cell: (o) => (o.spec?.volumeName ? String(o.status?.capacity?.storage ?? '') : '') },
  { name: 'ACCESS MODES', cell: (o) => (o.spec?.volumeName ? accessModesString(o.status?.accessModes) : '') },
  { name: 'STORAGECLASS', cell: (o) => o.spec?.storageClassName ?? '' },
  { name: 'VOLUMEATTRIBUTESCLASS', cell: vac },
  AGE,
  { name: 'VOLUMEMODE', wide: true, cell: volumeMode },
];

export const storageClassColumns: Column[] = [
  { name: 'NAME', cell: (o) => `${o.metadata?.name ?? ''}${isDefault(o) ? ' (default)' : ''}` },
  { name: 'PROVISIONER', cell: (o) => o.provisioner ?? '' },
  { name: 'RECLAIMPOLICY', cell: (o) => o.reclaimPolicy ?? 'Delete' },
  { name: 'VOLUMEBINDINGMODE', cell: (o) => o.volumeBindingMode ?? 'Immediate' },
  { name: 'ALLOWVOLUMEEXPANSION', cell: (o) => String(o.allowVolumeExpansion === true) },
  AGE,
];
