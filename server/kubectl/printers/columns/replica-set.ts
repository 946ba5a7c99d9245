/** ReplicaSet's table (printers.go). */
import { formatLabelSelector } from '../../../api/index.js';
import { AGE, NAME, type Column, type Row } from './common.js';

export const replicaSetColumns: Column[] = [
  NAME,
  { name: 'DESIRED', cell: (o) => String(o.spec?.replicas ?? 0) },
  { name: 'CURRENT', cell: (o) => String(o.status?.replicas ?? 0) },
  { name: 'READY', cell: (o) => String(o.status?.readyReplicas ?? 0) },
  AGE,
  { name: 'CONTAINERS', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Row) => c.name).join(',') },
  { name: 'IMAGES', wide: true, cell: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Row) => c.image).join(',') },
  { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.selector) },
];
