import type { PaperSummary, ReadingStatus } from '../../../shared/domain';
import type { SearchField } from '../../../shared/api/search';

/**
 * One paper as the search index holds it: the searchable text plus what the
 * filters and the result list need, so a search never has to touch the database.
 */
export interface SearchDocument {
  id: string;
  title: string;
  /** Visible authors, in order (hidden authors are neither shown nor searched). */
  authors: string[];
  /** In the order the library lists them. */
  tags: string[];
  /** The note's markdown; '' when the paper has no note. */
  notes: string;
  abstract: string;
  status: ReadingStatus;
  starred: boolean;
  /** arXiv publication year, when known. */
  year: number | null;
  /** Days the paper was featured on. */
  days: string[];
  lastFeaturedDay: string | null;
  addedAt: string;
  upvotes: number;
}

/** The text fields, as bits of a posting's field mask. */
export const FIELD_BITS = {
  title: 1,
  authors: 2,
  tags: 4,
  notes: 8,
  abstract: 16,
} as const satisfies Record<Exclude<SearchField, 'id'>, number>;

export type TextField = keyof typeof FIELD_BITS;
export const TEXT_FIELDS = Object.keys(FIELD_BITS) as TextField[];
export const ALL_FIELDS = 31;

/**
 * How much a hit in each field counts when ranking: title above authors and tags
 * above notes above abstract (the order), and an id above everything.
 */
export const FIELD_WEIGHTS: Record<SearchField, number> = {
  id: 16,
  title: 8,
  authors: 4,
  tags: 4,
  notes: 2,
  abstract: 1,
};

/** The best (heaviest) field weight among the bits of `mask`. */
export function bestFieldWeight(mask: number): number {
  if (mask & FIELD_BITS.title) return FIELD_WEIGHTS.title;
  if (mask & (FIELD_BITS.authors | FIELD_BITS.tags)) return FIELD_WEIGHTS.authors;
  if (mask & FIELD_BITS.notes) return FIELD_WEIGHTS.notes;
  if (mask & FIELD_BITS.abstract) return FIELD_WEIGHTS.abstract;
  return 0;
}

/** True when the searchable text differs (the index must re-read the paper's words). */
export function textChanged(a: SearchDocument, b: SearchDocument): boolean {
  return (
    a.title !== b.title ||
    a.notes !== b.notes ||
    a.abstract !== b.abstract ||
    !sameList(a.authors, b.authors) ||
    !sameList(a.tags, b.tags)
  );
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Featured day, else the day it was added: the list's "featured" order, newest first. */
export function recencyDay(doc: SearchDocument): string {
  return doc.lastFeaturedDay ?? doc.addedAt.slice(0, 10);
}

export function toSummary(doc: SearchDocument): PaperSummary {
  return {
    id: doc.id,
    title: doc.title,
    authors: doc.authors,
    lastFeaturedDay: doc.lastFeaturedDay,
    upvotes: doc.upvotes,
    status: doc.status,
    starred: doc.starred,
    tags: doc.tags,
    addedAt: doc.addedAt,
    hasNote: doc.notes !== '',
  };
}
