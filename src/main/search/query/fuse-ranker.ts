import Fuse, { type IFuseOptions } from 'fuse.js';
import type { SearchMatch, TextRange } from '../../../shared/api/search';
import type { SearchDocument } from '../index/documents';
import { foldText } from '../index/text';

/**
 * What fuse.js sees of one candidate: for each field, only the passages the
 * index matched (the matched words, in order; `…` where text was skipped).
 */
export interface RankDoc {
  title: string;
  authors: string[];
  tags: string[];
  notes: string;
  abstract: string;
}

/**
 * fuse.js orders the top of the candidate list. The index (search-index.ts)
 * decides *which* papers match and their coarse rank (title hits above
 * author/tag hits above note hits above abstract hits); fuse.js then scores how
 * closely each candidate's matched passages fit what was typed — typo distance,
 * word order, words adjacent or scattered — and that orders papers of equal
 * coarse rank. Plain fuse.js over whole abstracts takes seconds at 50,000
 * papers; over a few dozen short passages it takes well under a millisecond.
 */
export const FUSE_OPTIONS = {
  // Same order and ratios as the index's field weights (documents.ts FIELD_WEIGHTS):
  // a title that fits the query outweighs an abstract passage that fits it as well.
  keys: [
    { name: 'title', weight: 8 },
    { name: 'authors', weight: 4 },
    { name: 'tags', weight: 4 },
    { name: 'notes', weight: 2 },
    { name: 'abstract', weight: 1 },
  ],
  includeScore: true,
  // Highlights come from the index (whole words); Bitap's match mask marks stray letters.
  includeMatches: false,
  shouldSort: false,
  // The passages are already cut around the hits: where a word sits must not count.
  ignoreLocation: true,
  // Field length is not relevance here (the passages are excerpts); with it off, papers
  // whose passages fit equally well tie, and ties go to the most recent paper.
  ignoreFieldNorm: true,
  // Passages and pattern arrive folded (lower case, no accents) like the index's words,
  // so fuse.js's own per-text Unicode normalization (ignoreDiacritics) is not needed.
  // 0.5 accepts a passage with up to one wrong letter in two: the candidates already
  // matched word by word, so this only has to grade them, not reject noise.
  threshold: 0.5,
} satisfies IFuseOptions<RankDoc>;

/** fuse.js scores (0 = perfect, 1 = no fit) for each document, in order. */
export function fuseScores(docs: RankDoc[], pattern: string): Float64Array {
  const scores = new Float64Array(docs.length).fill(1);
  if (docs.length === 0 || pattern.trim() === '') return scores;
  const fuse = new Fuse(docs, FUSE_OPTIONS);
  for (const result of fuse.search(foldText(pattern))) scores[result.refIndex] = result.score ?? 1;
  return scores;
}

/** The marked words of a text, folded and joined: adjacent ones by a space, others by an ellipsis. */
export function passage(text: string, ranges: TextRange[]): string {
  let out = '';
  for (let i = 0; i < ranges.length; i++) {
    const [start, end] = ranges[i];
    if (i > 0) {
      const gap = text.slice(ranges[i - 1][1], start);
      out += /^[\s\-–:,.]{0,3}$/.test(gap) ? ' ' : ' … ';
    }
    out += text.slice(start, end);
  }
  return foldText(out);
}

/** fuse.js's view of a candidate: the matched passages of each field. */
export function rankDocOf(doc: SearchDocument, matches: SearchMatch[]): RankDoc {
  const ranges = (field: 'title' | 'notes' | 'abstract') =>
    matches.find((m) => m.field === field)?.ranges ?? [];
  const items = (field: 'authors' | 'tags') =>
    matches.filter((m) => m.field === field).map((m) => doc[field][m.index!]);
  return {
    title: passage(doc.title, ranges('title')),
    authors: items('authors'),
    tags: items('tags'),
    notes: passage(doc.notes, ranges('notes')),
    abstract: passage(doc.abstract, ranges('abstract')),
  };
}
