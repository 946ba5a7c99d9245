/** Pod's table (printers.go). */
import { AGE, NAME, type Column, type Row } from './common.js';

function podReady(o: Row): string {
  const statuses = (o.status?.containerStatuses ?? []) as Row[];
  const total = (o.spec?.containers ?? []).length;
  return `${statuses.filter((c) => c.ready).length}/${total}`;
}

function podRestarts(o: Row): string {
  return String(((o.status?.containerStatuses ?? []) as Row[]).reduce((n, c) => n + (c.restartCount ?? 0), 0));
}

export const podColumns: Column[] = [
  NAME,
  { name: 'READY', cell: podReady },
  { name: 'STATUS', cell: (o) => o.status?.phase ?? 'Pending' },
  { name: 'RESTARTS', cell: podRestarts },
  AGE,
  { name: 'IP', wide: true, cell: (o) => o.status?.podIP ?? '<none>' },
  { name: 'NODE', wide: true, cell: (o) => o.spec?.nodeName ?? '<none>' },
  { name: 'NOMINATED NODE', wide: true, cell: (o) => o.status?.nominatedNodeName ?? '<none>' },
  { name: 'READINESS GATES', wide: true, cell: () => '<none>' },
];
