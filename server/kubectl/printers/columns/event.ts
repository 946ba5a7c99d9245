/** Event's table (printers.go printEvent): LAST SEEN TYPE REASON OBJECT MESSAGE; -o wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME. */
import { age } from '../age.js';
import type { Column, Row } from './common.js';

const first = (o: Row, now: number) => (o.firstTimestamp ? age(o.firstTimestamp, now) : o.eventTime ? age(o.eventTime, now) : '<unknown>');
const last = (o: Row, now: number) => (o.series ? age(o.series.lastObservedTime, now) : o.lastTimestamp ? age(o.lastTimestamp, now) : first(o, now));

function target(o: Row): string {
  const kind = String(o.involvedObject?.kind ?? '').toLowerCase();
  return o.involvedObject?.name ? `${kind}/${o.involvedObject.name}` : kind;
}

/** formatEventSource: `component, host`, or the reporting controller and instance of a new-style event. */
function source(o: Row): string {
  const component = o.source?.component || o.reportingComponent || o.reportingController || '';
  const host = o.source?.component ? (o.source?.host ?? '') : (o.reportingInstance ?? '');
  return host ? `${component}, ${host}` : component;
}

export const eventColumns: Column[] = [
  { name: 'LAST SEEN', cell: last },
  { name: 'TYPE', cell: (o) => o.type ?? '' },
  { name: 'REASON', cell: (o) => o.reason ?? '' },
  { name: 'OBJECT', cell: target },
  { name: 'SUBOBJECT', wide: true, cell: (o) => o.involvedObject?.fieldPath ?? '' },
  { name: 'SOURCE', wide: true, cell: source },
  { name: 'MESSAGE', cell: (o) => String(o.message ?? '').trim() },
  { name: 'FIRST SEEN', wide: true, cell: first },
  { name: 'COUNT', wide: true, cell: (o) => String(o.series ? o.series.count : o.count || 1) },
  { name: 'NAME', wide: true, cell: (o) => o.metadata?.name ?? '' },
];
