/** Namespace's table (printers.go). */
import { AGE, NAME, type Column } from './common.js';

export const namespaceColumns: Column[] = [NAME, { name: 'STATUS', cell: (o) => o.status?.phase ?? 'Active' }, AGE];
