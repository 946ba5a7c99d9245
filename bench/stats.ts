import { performance } from 'node:perf_hooks';

export function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
}

/** Median and p99 of n runs (after a few warm-up runs), in ms. */
export function measure(n: number, fn: () => unknown): { median: number; p99: number } {
  for (let i = 0; i < Math.min(5, n); i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(time(fn)[1]);
  xs.sort((a, b) => a - b);
  return { median: xs[Math.floor(n / 2)]!, p99: xs[Math.min(n - 1, Math.floor(n * 0.99))]! };
}

export const fmt = (x: { median: number; p99: number }) => `median ${x.median.toFixed(2)} ms, p99 ${x.p99.toFixed(2)} ms`;
