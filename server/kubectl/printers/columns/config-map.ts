/** ConfigMap's and Secret's tables (pkg/printers/internalversion/printers.go printConfigMap, printSecret). */
import { AGE, NAME, type Column } from './common.js';

const count = (m: unknown) => (m && typeof m === 'object' ? Object.keys(m).length : 0);

export const configMapColumns: Column[] = [NAME, { name: 'DATA', cell: (o) => String(count(o.data) + count(o.binaryData)) }, AGE];
export const secretColumns: Column[] = [NAME, { name: 'TYPE', cell: (o) => o.type ?? '' }, { name: 'DATA', cell: (o) => String(count(o.data)) }, AGE];
