/** The RBAC kinds' tables (printers.go printRole, printClusterRole, printRoleBinding, printClusterRoleBinding). */
import { AGE, NAME, type Column, type Row } from './common.js';

/** `Created At`: the creation time in RFC 3339, UTC. */
const CREATED_AT: Column = { name: 'CREATED AT', cell: (o) => (o.metadata?.creationTimestamp ? String(o.metadata.creationTimestamp).replace(/\.\d+Z$/, 'Z') : '') };

/** rbac.SubjectsStrings: users, groups, and ServiceAccounts as namespace/name, each joined with ", ". */
function subjects(o: Row, kind: string): string {
  return ((o.subjects ?? []) as { kind?: string; name?: string; namespace?: string }[])
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name ?? ''}` : (s.name ?? '')))
    .join(', ');
}

export const roleColumns: Column[] = [NAME, CREATED_AT];

export const roleBindingColumns: Column[] = [
  NAME,
  { name: 'ROLE', cell: (o) => `${o.roleRef?.kind ?? ''}/${o.roleRef?.name ?? ''}` },
  AGE,
  { name: 'USERS', wide: true, cell: (o) => subjects(o, 'User') },
  { name: 'GROUPS', wide: true, cell: (o) => subjects(o, 'Group') },
  { name: 'SERVICEACCOUNTS', wide: true, cell: (o) => subjects(o, 'ServiceAccount') },
];
