/**
 * What the benchmarks share: percentiles, heap after a full collection, and
 * rounding for their JSON lines and tables.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
/** A full collection, so a heap reading counts what is still held. */
export const gc = vm.runInNewContext('gc') as () => void;

export interface Stats {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

/** p50, p95 and max of the samples (nearest rank). */
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1], count: sorted.length };
}

/** Heap in use after two full collections, in MB. */
export function heapMb(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
