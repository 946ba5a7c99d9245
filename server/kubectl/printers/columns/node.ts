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
  // printNode: the Ready condition's word, then SchedulingDisabled for a cordoned node.
  {
    name: 'STATUS',
    cell: (o) => {
      const ready = ((o.status?.conditions ?? []) as Row[]).find((c) => c.type === 'Ready');
      const status = ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown';
      return o.spec?.unschedulable ? `${status},SchedulingDisabled` : status;
    },
  },
  { name: 'ROLES', cell: nodeRoles },
  AGE,
  { name: 'VERSION', cell: (o) => o.status?.nodeInfo?.kubeletVersion ?? '' },
  { name: 'INTERNAL-IP', wide: true, cell: (o) => ((o.status?.addresses ?? []) as Row[]).find((a) => a.type === 'InternalIP')?.address ?? '<none>' },
  { name: 'EXTERNAL-IP', wide: true, cell: (o) => ((o.status?.addresses ?? []) as Row[]).find((a) => a.type === 'ExternalIP')?.address ?? '<none>' },
  { name: 'OS-IMAGE', wide: true, cell: (o) => o.status?.nodeInfo?.osImage ?? '<unknown>' },
  { name: 'KERNEL-VERSION', wide: true, cell: (o) => o.status?.nodeInfo?.kernelVersion ?? '<unknown>' },
  { name: 'CONTAINER-RUNTIME', wide: true, cell: (o) => o.status?.nodeInfo?.containerRuntimeVersion ?? '<unknown>' },
];
