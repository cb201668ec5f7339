import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzSeeds } from '../helpers/fuzz-seeds';
import {
  authorsFromJson,
  authorsToJson,
  stringListToJson,
} from '../../src/main/library/authors-json';

/**
 * Sync tells an unchanged author or keyword list by comparing the stored text
 * with the text it would write, so the hand-built JSON must be exactly what
 * JSON.stringify makes, for any text at all.
 */
const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }), // lone surrogates, astral characters
  fc.string({
    unit: fc.constantFrom(
      'a',
      'é',
      '"',
      '\\',
      '\n',
      '\u0000',
      '\u001f',
      '\u007f',
      '\u2028',
      '\ud83d',
      '\ude00',
      '😀',
    ),
  }),
);
const authors = fc.array(fc.record({ name: anyText, hidden: fc.boolean() }), { maxLength: 8 });

describe.each(fuzzSeeds('authors-json'))('authors and keywords as JSON text (seed %i)', (seed) => {
  it('is the text JSON.stringify makes, for any names and flags', () => {
    fc.assert(
      fc.property(authors, (list) => {
        const reference = JSON.stringify(list.map((a) => ({ name: a.name, hidden: a.hidden })));
        expect(authorsToJson(list)).toBe(reference);
      }),
      { numRuns: 2000, seed },
    );
  });

  it('reads back as the same authors', () => {
    fc.assert(
      fc.property(authors, (list) => {
        expect(authorsFromJson(authorsToJson(list))).toEqual(list);
      }),
      { seed },
    );
  });

  it('lists of strings are the text JSON.stringify makes', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), (list) => {
        expect(stringListToJson(list)).toBe(JSON.stringify(list));
      }),
      { numRuns: 2000, seed },
    );
  });

  it('escapes what must be escaped and leaves the rest', () => {
    expect(authorsToJson([{ name: 'Ada "the" \\ Lovelace\n', hidden: true }])).toBe(
      '[{"name":"Ada \\"the\\" \\\\ Lovelace\\n","hidden":true}]',
    );
    expect(stringListToJson(['plain', 'lone \ud800', 'pair 😀', 'tab\t'])).toBe(
      '["plain","lone \\ud800","pair 😀","tab\\t"]',
    );
    expect(authorsToJson([])).toBe('[]');
    expect(stringListToJson([])).toBe('[]');
  });
});
