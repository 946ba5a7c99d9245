/** Service's table (printers.go). */
import { formatLabels } from '../../../api/index.js';
import { AGE, NAME, type Column, type Row } from './common.js';

const selectorMap = (m: Record<string, string> | undefined) => (m && Object.keys(m).length ? formatLabels(m) : '<none>');

function servicePorts(o: Row): string {
  const ports = (o.spec?.ports ?? []) as Row[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
}

export const serviceColumns: Column[] = [
  NAME,
  { name: 'TYPE', cell: (o) => o.spec?.type ?? 'ClusterIP' },
  { name: 'CLUSTER-IP', cell: (o) => o.spec?.clusterIP ?? '<none>' },
  { name: 'EXTERNAL-IP', cell: (o) => (o.spec?.type === 'ExternalName' ? o.spec.externalName : '<none>') },
  { name: 'PORT(S)', cell: servicePorts },
  AGE,
  { name: 'SELECTOR', wide: true, cell: (o) => selectorMap(o.spec?.selector) },
];
