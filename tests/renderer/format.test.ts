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

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit, ellipsis included', () => {
    expect(m.truncate('speculative', 40)).toBe('speculative');
    expect(m.truncate('x'.repeat(40), 40)).toBe('x'.repeat(40));
    expect(m.truncate('x'.repeat(41), 40)).toBe(`${'x'.repeat(39)}…`);
    expect(m.truncate('x'.repeat(41), 40)).toHaveLength(40);
  });
});
