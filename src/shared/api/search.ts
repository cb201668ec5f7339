import { z } from 'zod';
import { VIEWS, type PaperSummary } from '../domain';
import type { ParsedSearchQuery } from '../search-query';
import { day, paperId, tagName } from './common';

/** One search box over the library; see src/shared/search-query.ts for the syntax. */
export const searchInputs = {
  search: z.strictObject({
    /** What the user typed. Hostile text is fine: it is parsed, never evaluated. */
    query: z.string().max(20_000, 'A search is at most 20,000 characters'),
    /** Search within a sidebar view (the selected one); 'all' searches everything. */
    view: z.enum(VIEWS).default('all'),
    /** Narrow further to a tag (and its children) or a featured day, like listPapers. */
    tag: tagName.optional(),
    day: day.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000).default(50),
  }),
  /**
   * Every match of a query in one paper, abstract and note included: for the
   * detail pane (search results carry only the short fields and a snippet).
   */
  searchMatches: z.strictObject({
    query: z.string().max(20_000, 'A search is at most 20,000 characters'),
    id: paperId,
  }),
  /** The search index stored beside the library: what it holds and how fresh it is. */
  searchIndexStatus: z.strictObject({}),
  /** Build the stored index anew from the library (it is a cache: nothing is lost). */
  rebuildSearchIndex: z.strictObject({}),
};

export interface SearchIndexStatus {
  /** Where it is stored; null when it is kept in memory only. */
  file: string | null;
  /** Size of the stored file, in bytes (0 when there is none). */
  bytes: number;
  papers: number;
  words: number;
  /** When the stored file was written (ISO), if there is one. */
  builtAt: string | null;
  /** Papers re-read since the file was written (it is written anew past a threshold). */
  changedSinceStored: number;
  /** How this process got it: opened from the file, or built from the library. */
  origin: 'stored' | 'built' | 'memory';
}

export type SearchField = 'id' | 'title' | 'authors' | 'tags' | 'notes' | 'abstract';

/** [start, end): UTF-16 offsets (JavaScript string indices), sorted and not overlapping. */
export type TextRange = [start: number, end: number];

/**
 * What matched in one field, for highlighting. Offsets are into:
 *   id, title      -> paper.id, paper.title
 *   authors, tags  -> paper.authors[index], paper.tags[index] (one entry per matching item)
 *   notes          -> the note's markdown (Paper.note.markdown / getNote)
 *   abstract       -> Paper.abstract (getPaper)
 */
export interface SearchMatch {
  field: SearchField;
  /** For authors and tags: which item; null for the other fields. */
  index: number | null;
  ranges: TextRange[];
}

/** A short piece of the note or abstract around the first hit, for the result list. */
export interface SearchSnippet {
  field: 'notes' | 'abstract';
  /** Plain text; starts / ends with "…" when cut. */
  text: string;
  /** Offsets into `text`. */
  ranges: TextRange[];
}

export interface SearchResult {
  paper: PaperSummary;
  /** Relevance in (0, 1], higher is better; never increases down the list. 1 when only filters were given. */
  score: number;
  /** Highlights for the list row: id, title, authors and tags (notes and abstract: see snippet). */
  matches: SearchMatch[];
  /** Every field the query matched in, abstract and notes included (title first). */
  matchedFields: SearchField[];
  /** Context from the note or abstract when the query matched there, else null. */
  snippet: SearchSnippet | null;
  /**
   * Set on a paper listed though it lacks some of the query's free words (see
   * SearchResults.partial): those words, folded ("Missing: graph").
   */
  missing?: string[];
}

/**
 * When fewer than a page of papers match every free word, papers matching at
 * least half of them follow the full matches: "No paper matches every word —
 * showing papers that match 3 of 4".
 */
export interface PartialMatches {
  /** Free words in the query (stop words aside). */
  words: number;
  /** The most words a listed partial match has. */
  matched: number;
  /** Papers (in scope) matching every word; they come first. */
  fullMatches: number;
}

export interface SearchResults {
  /** The query as received, so a late answer can be matched to what is in the box. */
  query: string;
  /** Matches in the searched scope (view / tag / day). */
  total: number;
  /** Matches in the whole library, ignoring the scope: "12 more in All papers". */
  totalInLibrary: number;
  offset: number;
  results: SearchResult[];
  /** The query's filters and terms with their positions, for chips. */
  parsed: ParsedSearchQuery;
  /** Readable notes about parts of the query that were ignored or adjusted. */
  warnings: string[];
  /** Set when papers matching only some of the words follow the full matches. */
  partial?: PartialMatches;
  /** Time spent in the search itself (index lookups, ranking, highlights). */
  tookMs: number;
}

export interface SearchOutputs {
  search: SearchResults;
  /** All matches in one paper; empty when the query names nothing in it. */
  searchMatches: { id: string; matches: SearchMatch[] };
  searchIndexStatus: SearchIndexStatus;
  rebuildSearchIndex: SearchIndexStatus;
}

/**
 * The search index is being built from the library (a new library, or its stored
 * index was missing or stale): `done` of `total` papers; done = total at the end.
 */
export interface SearchIndexProgressEvent {
  type: 'search-index-progress';
  done: number;
  total: number;
}
