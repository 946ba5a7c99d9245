/**
 * The controllers' bodies were moved verbatim from the old Cluster class and still read objects
 * loosely; this one alias (instead of a copy per file) marks what is left to type. The strategy
 * API (../kinds/strategy.ts) itself takes typed objects only.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;
