/** Node's table (printers.go). */
import { AGE, NAME, type Column, type Row } from './common.js';

function nodeRoles(o: Row): string {
  const roles = Object.keys(o.metadata?.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  return roles.length ? roles.join(',') : '<none>';
}

export const nodeColumns: Column[] = [
  NAME,
  { name: 'STATUS', cell: (o) => ((o.status?.conditions ?? []) as Row[]).find((c) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady' },
  { name: 'ROLES', cell: nodeRoles },
  AGE,
  { name: 'VERSION', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
  { name: 'INTERNAL-IP', wide: true, cell: (o) => ((o.status?.addresses ?? []) as Row[]).find((a) => a.type === 'InternalIP')?.address ?? '<none>' },
  { name: 'EXTERNAL-IP', wide: true, cell: (o) => ((o.status?.addresses ?? []) as Row[]).find((a) => a.type === 'ExternalIP')?.address ?? '<none>' },
  { name: 'OS-IMAGE', wide: true, cell: (o) => o.status?.nodeInfo?.osImage ?? '<unknown>' },
  { name: 'KERNEL-VERSION', wide: true, cell: (o) => o.status?.nodeInfo?.kernelVersion ?? '<unknown>' },
  { name: 'CONTAINER-RUNTIME', wide: true, cell: (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>' },
];
