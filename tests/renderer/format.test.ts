import { describe, expect, it } from 'vitest';
import * as m from '../../src/renderer/src/lib/format';

describe('counts', () => {
  it('are exact, with the locale’s thousands separators, never abbreviated', () => {
    const separated = new Intl.NumberFormat().format(1234567);
    expect(m.formatCount(50_000)).toBe(new Intl.NumberFormat().format(50_000));
    expect(m.formatCount(49_996)).not.toMatch(/K|k|M/);
    expect(m.formatCount(1_234_567)).toBe(separated);
    expect(m.formatCount(1_234_567).replace(/\D/g, '')).toBe('1234567');
    expect(m.formatCount(0)).toBe('0');
    expect(m.plural(50_000, 'paper')).toBe(`${new Intl.NumberFormat().format(50_000)} papers`);
  });
});
