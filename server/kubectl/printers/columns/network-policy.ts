/** NetworkPolicy's table (printers.go). */
import { formatLabelSelector } from '../../../api/index.js';
import { AGE, NAME, type Column } from './common.js';

export const networkPolicyColumns: Column[] = [NAME, { name: 'POD-SELECTOR', cell: (o) => formatLabelSelector(o.spec?.podSelector) }, AGE];
