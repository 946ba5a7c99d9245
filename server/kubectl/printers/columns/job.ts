/** Job's table (printers.go printJob): STATUS from the conditions, COMPLETIONS, DURATION from start to completion. */
import { formatLabelSelector } from '../../../api/index.js';
import { humanDuration } from '../age.js';
import { AGE, NAME, type Column, type Row } from './common.js';

const has = (o: Row, type: string) => (o.status?.conditions ?? []).some((c: Row) => c.type === type && c.status === 'True');

function jobStatus(o: Row): string {
  if (has(o, 'Complete')) return 'Complete';
  if (has(o, 'Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (has(o, 'Suspended')) return 'Suspended';
  if (has(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(o: Row): string {
  const succeeded = o.status?.succeeded ?? 0;
  if (o.spec?.completions !== undefined) return `${succeeded}/${o.spec.completions}`;
  const parallelism = o.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(o: Row, now: number): string {
  const start = o.status?.startTime;
  if (!start) return '';
  const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

/** Names and images of a template's containers, as layoutContainerCells joins them. */
export const containerCells = (containers: Row[] | undefined): [string, string] => [(containers ?? []).map((c) => c.name).join(','), (containers ?? []).map((c) => c.image).join(',')];

export const jobColumns: Column[] = [
  NAME,
  { name: 'STATUS', cell: jobStatus },
  { name: 'COMPLETIONS', cell: completions },
  { name: 'DURATION', cell: duration },
  AGE,
  { name: 'CONTAINERS', wide: true, cell: (o) => containerCells(o.spec?.template?.spec?.containers)[0] },
  { name: 'IMAGES', wide: true, cell: (o) => containerCells(o.spec?.template?.spec?.containers)[1] },
  { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.selector) },
];
