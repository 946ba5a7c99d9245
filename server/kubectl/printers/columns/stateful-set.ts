/** StatefulSet's table (printers.go printStatefulSet). */
import { AGE, NAME, type Column } from './common.js';
import { containerCells } from './job.js';

export const statefulSetColumns: Column[] = [
  NAME,
  { name: 'READY', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
  AGE,
  { name: 'CONTAINERS', wide: true, cell: (o) => containerCells(o.spec?.template?.spec?.containers)[0] },
  { name: 'IMAGES', wide: true, cell: (o) => containerCells(o.spec?.template?.spec?.containers)[1] },
];
