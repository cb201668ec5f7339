import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkTarget, parseNoteLinks } from '../../src/shared/note-links';
import { linksFromVault, linksToVault } from '../../src/main/io/vault-links';
import { fuzzSeeds } from '../helpers/fuzz-seeds';

/** Properties of link parsing and of the vault's link rewriting, over generated notes. */
const IDS = ['2509.04664', '2401.10774', 'hep-th/9901001', 'local:smith2020', '0704.0001'];
const STEMS = new Map([
  ['2509.04664', 'Pruning at scale'],
  ['2401.10774', 'Medusa, simple decoding'],
  ['hep-th/9901001', 'Large N limit'],
  ['local:smith2020', 'Smith (2020)'],
]);
const ID_BY_STEM = new Map([...STEMS].map(([id, stem]) => [stem.toLowerCase(), id]));

const id = fc.constantFrom(...IDS);
const label = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.'-]{0,12}[A-Za-z0-9]$/);
const word = fc.stringMatching(/^[A-Za-z0-9.,;:!?()'"$*_-]{1,10}$/);
const piece = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: id.map((i) => `[[${i}]]`) },
  { weight: 2, arbitrary: fc.tuple(id, label).map(([i, l]) => `[[${i}|${l}]]`) },
  { weight: 1, arbitrary: id.map((i) => `\`[[${i}]]\``) },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', '[[', ']]', '[[not an id]]', '|') },
);
const note = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(' '));

describe.each(fuzzSeeds('note-links-property'))('note links (seed %i)', (seed) => {
  it('parsing any text finds ordered, canonical [[...]] links and never throws', () => {
    fc.assert(
      fc.property(fc.oneof(note, fc.string()), (text) => {
        const links = parseNoteLinks(text);
        let end = 0;
        for (const link of links) {
          expect(link.start).toBeGreaterThanOrEqual(end);
          const raw = text.slice(link.start, link.end);
          expect(raw.startsWith('[[') && raw.endsWith(']]')).toBe(true);
          expect(linkTarget(link.id)).toBe(link.id);
          end = link.end;
        }
      }),
      { numRuns: 1000, seed },
    );
  });

  it('a note written to the vault and read back is the same note', () => {
    fc.assert(
      fc.property(note, (text) => {
        const inVault = linksToVault(text, STEMS);
        // In the vault, links to papers with a file name the file, not the id.
        for (const link of parseNoteLinks(inVault)) expect(STEMS.has(link.id)).toBe(false);
        expect(linksFromVault(inVault, ID_BY_STEM)).toBe(text);
      }),
      { numRuns: 1000, seed },
    );
  });
});
