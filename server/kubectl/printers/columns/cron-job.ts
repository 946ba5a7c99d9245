/** CronJob's table (printers.go printCronJob). */
import { formatLabelSelector } from '../../../api/index.js';
import { age } from '../age.js';
import { AGE, NAME, type Column } from './common.js';
import { containerCells } from './job.js';

export const cronJobColumns: Column[] = [
  NAME,
  { name: 'SCHEDULE', cell: (o) => String(o.spec?.schedule ?? '') },
  { name: 'TIMEZONE', cell: (o) => o.spec?.timeZone ?? '<none>' },
  // printBoolPtr: <unset> for nil.
  { name: 'SUSPEND', cell: (o) => (o.spec?.suspend === undefined ? '<unset>' : o.spec.suspend ? 'True' : 'False') },
  { name: 'ACTIVE', cell: (o) => String((o.status?.active ?? []).length) },
  { name: 'LAST SCHEDULE', cell: (o, now) => (o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, now) : '<none>') },
  AGE,
  { name: 'CONTAINERS', wide: true, cell: (o) => containerCells(o.spec?.jobTemplate?.spec?.template?.spec?.containers)[0] },
  { name: 'IMAGES', wide: true, cell: (o) => containerCells(o.spec?.jobTemplate?.spec?.template?.spec?.containers)[1] },
  { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.jobTemplate?.spec?.selector) },
];
