import type { SearchResults } from '../../src/shared/api/search';
import type { SearchDocument } from '../../src/main/search/index/documents';
import { runSearch, type SearchRequest } from '../../src/main/search/query/engine';
import { SearchIndex } from '../../src/main/search/index/search-index';

let next = 1;

/** A paper for the index, with plain defaults; ids count up (`9001.00001`, ...). */
export function doc(fields: Partial<SearchDocument> = {}): SearchDocument {
  const n = next++;
  return {
    id: `9001.${String(n).padStart(5, '0')}`,
    title: `Untitled ${n}`,
    authors: ['Ada Example'],
    tags: [],
    notes: '',
    abstract: 'An abstract about nothing in particular.',
    status: 'inbox',
    starred: false,
    year: 2025,
    days: ['2025-11-10'],
    lastFeaturedDay: '2025-11-10',
    addedAt: '2025-11-10T10:00:00.000Z',
    upvotes: 0,
    ...fields,
  };
}

export function indexOf(docs: SearchDocument[]): SearchIndex {
  const index = new SearchIndex();
  index.addAll(docs);
  return index;
}

export function search(
  index: SearchIndex,
  query: string,
  options: Partial<Omit<SearchRequest, 'query'>> = {},
): SearchResults {
  return runSearch(index, { query, view: 'all', offset: 0, limit: 50, ...options });
}

/** Result ids in rank order. */
export function ids(index: SearchIndex, query: string, options: Partial<SearchRequest> = {}) {
  return search(index, query, options).results.map((r) => r.paper.id);
}
