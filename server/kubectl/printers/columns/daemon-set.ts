/** DaemonSet's table (printers.go printDaemonSet): NODE SELECTOR is labels.FormatLabels of the template's nodeSelector. */
import { formatLabelSelector } from '../../../api/index.js';
import { AGE, NAME, type Column } from './common.js';
import { containerCells } from './job.js';

const n = (v: unknown) => String(v ?? 0);

function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>';
}

export const daemonSetColumns: Column[] = [
  NAME,
  { name: 'DESIRED', cell: (o) => n(o.status?.desiredNumberScheduled) },
  { name: 'CURRENT', cell: (o) => n(o.status?.currentNumberScheduled) },
  { name: 'READY', cell: (o) => n(o.status?.numberReady) },
  { name: 'UP-TO-DATE', cell: (o) => n(o.status?.updatedNumberScheduled) },
  { name: 'AVAILABLE', cell: (o) => n(o.status?.numberAvailable) },
  { name: 'NODE SELECTOR', cell: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector) },
  AGE,
  { name: 'CONTAINERS', wide: true, cell: (o) => containerCells(o.spec?.template?.spec?.containers)[0] },
  { name: 'IMAGES', wide: true, cell: (o) => containerCells(o.spec?.template?.spec?.containers)[1] },
  { name: 'SELECTOR', wide: true, cell: (o) => formatLabelSelector(o.spec?.selector) },
];
