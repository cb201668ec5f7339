import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../../src/main/search/index/documents';
import { doc, indexOf, search } from './helpers';
import { seededRandom as random } from '../helpers/seeded-random';

// Common words sit in most papers, rare ones in a few: after a rare word, a search
// looks the few candidates up in the long lists instead of reading them through.
const CHANCE: Record<string, number> = {
  alpha: 0.9,
  bravo: 0.8,
  charlie: 0.5,
  large: 0.6,
  language: 0.6,
  model: 0.7,
  yankee: 0.04,
  zulu: 0.01,
};

function library(size: number, seed: number): SearchDocument[] {
  const next = random(seed);
  return Array.from({ length: size }, (_, i) => {
    const words = Object.keys(CHANCE).filter((w) => next() < CHANCE[w]);
    return doc({ title: `Paper ${i}`, abstract: `${words.join(' ')} filler text.` });
  });
}

/** The papers holding every word (`llm` also as "large language model"), by reading them. */
function reference(docs: SearchDocument[], query: string): string[] {
  return docs
    .filter((d) => {
      const has = new Set(d.abstract.split(/\W+/));
      return query
        .split(' ')
        .every((w) =>
          w === 'llm' ? has.has('large') && has.has('language') && has.has('model') : has.has(w),
        );
    })
    .map((d) => d.id)
    .sort();
}

function fullMatches(index: ReturnType<typeof indexOf>, query: string): string[] {
  return search(index, query, { limit: 5_000 })
    .results.filter((r) => r.missing === undefined)
    .map((r) => r.paper.id)
    .sort();
}

describe('intersection', () => {
  const docs = library(4_000, 20261207);
  const index = indexOf(docs);

  it.each([
    'zulu alpha bravo',
    'yankee charlie',
    'zulu yankee alpha bravo charlie',
    'alpha bravo charlie',
    'zulu llm',
    'yankee llm charlie',
    'llm alpha',
  ])('finds exactly the papers holding every word: %s', (query) => {
    const expected = reference(docs, query);
    expect(expected.length).toBeGreaterThan(0);
    expect(fullMatches(index, query)).toEqual(expected);
  });

  it('a settled group ("llm") follows the index as papers are added and removed', () => {
    const small = library(500, 7);
    const live = indexOf(small);
    const before = fullMatches(live, 'llm zulu');
    expect(before).toEqual(reference(small, 'llm zulu'));
    const added = doc({ title: 'Late paper', abstract: 'zulu large language model' });
    live.upsert(added);
    expect(fullMatches(live, 'llm zulu')).toEqual([...before, added.id].sort());
    live.remove(added.id);
    expect(fullMatches(live, 'llm zulu')).toEqual(before);
  });
});
