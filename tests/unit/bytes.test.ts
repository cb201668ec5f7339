import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/shared/bytes';

describe('formatBytes: one unit system everywhere (decimal, as file managers show)', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1024, '1.0 kB'],
    [10_240, '10.2 kB'],
    [99_949, '99.9 kB'],
    [123_456, '123 kB'],
    [999_999, '1000 kB'],
    [1_000_000, '1.0 MB'],
    [1_500_000, '1.5 MB'],
    [100 * 1024 * 1024, '105 MB'],
    [2_000_000_000, '2.0 GB'],
    [3e12, '3.0 TB'],
    [5e15, '5000 TB'],
  ])('%d bytes read as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
