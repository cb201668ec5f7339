import { describe, expect, it } from 'vitest';
import { matchesInPaper } from '../../src/main/search/query/engine';
import { doc, indexOf, search } from './helpers';

/**
 * Queries of any shape, 20,000 characters long, answer with data: nothing is
 * compiled from the query (a long quoted phrase once became a regular expression
 * that overflowed the stack: PAPERSHELF_FUZZ_SEED=149611709 in
 * tests/safety/hostile-input.test.ts). How fast they answer is measured by
 * `npm run bench:search` (longQueryMs), not here.
 */
const paper = doc({
  title: 'Large Language Models Prune Themselves',
  authors: ['Léon Bottou'],
  tags: ['ml/pruning'],
  notes: 'large language models, again',
  abstract: 'Large language models large language models shrink (a.k.a. pruning) [sic] *.* $1 \\b.',
});
const index = indexOf([paper, doc({ title: 'Something else entirely' })]);

const LENGTH = 20_000;
const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

const SHAPES: Record<string, string> = {
  'a long quoted phrase of known words': `"${fill('large language models ')}"`,
  'a long quoted phrase still being typed': `"${fill('large language models ')}`,
  'a negated long phrase': `-"${fill('large language ')}"`,
  'a phrase that matches, then a long one': `"large language" "${fill('models large ')}"`,
  'one 20,000-letter word': fill('a'),
  'thousands of words': fill('prune models '),
  'regular-expression syntax': fill('(a|b)*+?[^x]{2,}\\1 .* $ ^ '),
  'unbalanced quotes and brackets': fill('"(( [[ "" \' '),
  'thousands of negations': fill('-large -x '),
  'thousands of filters': fill('tag:ml is:read year:2020..2025 '),
  'a huge author filter': `author:"${fill('leon bottou ')}"`,
  'accented and astral text': fill('Lärge 𝒳 модели 大規模 '),
};

describe('queries of 20,000 characters', () => {
  for (const [shape, query] of Object.entries(SHAPES)) {
    it(`answers ${shape}`, () => {
      expect(query.length).toBeGreaterThanOrEqual(LENGTH);
      const answer = search(index, query);
      expect(answer.query).toBe(query);
      expect(Array.isArray(answer.results)).toBe(true);
      expect(Array.isArray(matchesInPaper(index, query, paper.id))).toBe(true);
    });
  }

  it('still finds and highlights a long phrase that is in the text', () => {
    const phrase = '"large language models large language models shrink a k a pruning sic"';
    expect(search(index, phrase).results.map((r) => r.paper.id)).toEqual([paper.id]);
    const abstract = matchesInPaper(index, phrase, paper.id).find((m) => m.field === 'abstract');
    expect(abstract?.ranges).toEqual([[0, paper.abstract.indexOf('sic') + 3]]);
  });
});
