/**
 * What every kind's table shares: the Column shape, NAME and AGE. Columns are the server-side
 * ones of pkg/printers/internalversion/printers.go; `wide` ones have priority 1 and show only with
 * `-o wide`.
 */
import { age } from '../age.js';

/** Objects as the printers read them: any stored object, read loosely (a cell never throws on a missing field). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Row = Record<string, any>;

export interface Column {
  name: string;
  wide?: boolean;
  cell(o: Row, now: number): string;
}

export const AGE: Column = { name: 'AGE', cell: (o, now) => age(o.metadata?.creationTimestamp, now) };
export const NAME: Column = { name: 'NAME', cell: (o) => o.metadata?.name ?? '' };
