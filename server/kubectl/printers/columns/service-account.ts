/** ServiceAccount's table (printers.go). */
import { AGE, NAME, type Column } from './common.js';

export const serviceAccountColumns: Column[] = [NAME, { name: 'SECRETS', cell: (o) => String((o.secrets ?? []).length) }, AGE];
