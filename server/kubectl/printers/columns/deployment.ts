/** Deployment's table (printers.go). */
import { formatLabelSelector } from '../../../api/index.js';
import { AGE, NAME, type Column, type Row } from './common.js';

export const deploymentColumns: Column[] = [
  NAME,
  { name: 'READY', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
  { name: 'UP-TO-DATE', cell: (o) => String(o.status?.updatedReplicas ?? 0) },
  { name: 'AVAILABLE', cell: (o) => String(o.status?.availableReplicas ?? 0) },
  AGE,
  { name: 'CONTAINERS', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Row) => c.name).join(',') },
  { name: 'IMAGES', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Row) => c.image).join(',') },
  { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.selector) },
];
