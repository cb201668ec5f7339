import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine, normalizeAbstract } from '../../src/main/library/feed-paper';

/** The definitions the single-pass implementation must agree with. */
const referenceLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const referenceAbstract = (text: string) =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(referenceLine)
    .filter((para) => para !== '')
    .join('\n\n');

/** Mostly white space of every kind, so runs, ends and line breaks meet often. */
const spacey = fc
  .array(
    fc.constantFrom(
      'a',
      'bc',
      'é',
      '\u0000',
      '\u007f',
      ' ',
      '  ',
      '\n',
      '\r',
      '\r\n',
      '\t',
      '\u000b',
      '\u00a0',
      '\u1680',
      '\u2003',
      '\u2028',
      '\u2029',
      '\u202f',
      '\u3000',
      '\ufeff',
      '\u200b', // zero-width space: not white space to \s
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/**
 * Long text (past the length where native scans take over): hard-wrapped words,
 * now and then something else (a blank line, a tab, a non-breaking space, an
 * accent, a break at either end), so both the native path and the loop run.
 */
const longText = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.constantFrom('model', 'attention', 'diffusion', 'é', 'ü', 'x'),
        fc.constantFrom(' ', ' ', ' ', '\n', '\n'),
      ),
      { minLength: 130, maxLength: 200 },
    ),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('\n\n', ' \n', '\n ', '\t', '\r\n', '\u00a0', '\u2003', '  ', '\u200b'),
      ),
      { maxLength: 2 },
    ),
    fc.constantFrom('', ' ', '\n'),
    fc.constantFrom('', ' ', '\n'),
  )
  .map(([words, extras, head, tail]) => {
    const parts = words.map(([word, space]) => word + space);
    for (const [at, extra] of extras) parts.splice(at % parts.length, 0, extra);
    return head + parts.join('') + 'end' + tail;
  });

describe('white space normalization', () => {
  it('long text, simple or not, comes out as the definitions say', () => {
    fc.assert(
      fc.property(longText, (text) => {
        expect(text.length).toBeGreaterThanOrEqual(256);
        expect(normalizeAbstract(text)).toBe(referenceAbstract(text));
        expect(cleanLine(text)).toBe(referenceLine(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('cleanLine collapses every run of white space to one space and trims', () => {
    fc.assert(
      fc.property(fc.oneof(spacey, fc.string({ unit: 'binary' })), (text) => {
        expect(cleanLine(text)).toBe(referenceLine(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('normalizeAbstract keeps blank lines as paragraph breaks and joins hard-wrapped lines', () => {
    fc.assert(
      fc.property(fc.oneof(spacey, fc.string({ unit: 'binary' })), (text) => {
        expect(normalizeAbstract(text)).toBe(referenceAbstract(text));
      }),
      { numRuns: 3000 },
    );
    expect(
      normalizeAbstract('We study\nhard-wrapped\r\ntext.\n\n  Second\tparagraph \r\n \r\nThird.'),
    ).toBe('We study hard-wrapped text.\n\nSecond paragraph\n\nThird.');
  });

  it('returns text that needs no change as it is', () => {
    const text = 'Attention Is All You Need';
    expect(cleanLine(text)).toBe(text);
    expect(normalizeAbstract('')).toBe('');
    expect(cleanLine(' \n\t ')).toBe('');
  });
});
