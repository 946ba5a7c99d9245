/** Endpoints's table (printers.go). */
import { AGE, NAME, type Column, type Row } from './common.js';

function endpointsText(o: Row): string {
  const list: string[] = [];
  // formatEndpoints: per subset, each port with every address (ports outer, addresses inner).
  for (const s of (o.subsets ?? []) as Row[]) {
    const ports = (s.ports ?? []) as Row[];
    const addresses = (s.addresses ?? []) as Row[];
    if (ports.length === 0) for (const a of addresses) list.push(a.ip);
    else for (const p of ports) for (const a of addresses) list.push(`${a.ip}:${p.port}`);
  }
  if (list.length === 0) return '<none>';
  // formatEndpoints shows at most three, then "+ N more...".
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

export const endpointsColumns: Column[] = [NAME, { name: 'ENDPOINTS', cell: endpointsText }, AGE];
