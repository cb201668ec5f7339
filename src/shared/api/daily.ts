import { z } from 'zod';
import { VIEWS, type PaperSummary, type View } from '../domain';
import { day, iso, paperId, tagName, empty } from './common';

/**
 * The daily habit (issue 17): popularity history, the Today view, the digest,
 * and saved searches (named views over the search service).
 */

/** A saved search's name: what the sidebar and `papershelf views` show. */
export const savedSearchName = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'A saved search needs a name')
      .max(100, 'A saved search name is at most 100 characters')
      // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'A name cannot hold control characters'),
  );

const savedSearchQuery = z
  .string()
  .trim()
  .min(1, 'A saved search needs a query')
  .max(2_000, 'A saved search query is at most 2,000 characters');

export const savedSearchId = z.number().int().positive();

/** `--since`: a day (midnight UTC) or an instant. */
export const sinceInput = z.union([day, iso]);

export const DIGEST_FORMATS = ['md', 'html', 'json'] as const;
export type DigestFormat = (typeof DIGEST_FORMATS)[number];

export const dailyInputs = {
  /** A paper's counts over time, oldest first. */
  getPopularity: z.strictObject({ id: paperId }),
  /** The sidebar badge: how many papers arrived since the last visit to Today. */
  getTodaySummary: empty,
  /** Open the Today view: records the visit and answers the moment it covers from. */
  openToday: empty,
  /** The Today view's papers since `since` (as openToday answered it), in its order. */
  listToday: z.strictObject({
    since: iso,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5_000).default(200),
  }),
  /** The digest of what arrived since `since` (default: the last visit), in the Today order. */
  getDigest: z.strictObject({
    since: sinceInput.optional(),
    format: z.enum(DIGEST_FORMATS).default('md'),
  }),
  /** Saved searches in sidebar order, each with its live count. */
  listSavedSearches: empty,
  saveSearch: z.strictObject({
    name: savedSearchName,
    query: savedSearchQuery,
    view: z.enum(VIEWS).default('all'),
    tag: tagName.optional(),
  }),
  renameSavedSearch: z.strictObject({ id: savedSearchId, name: savedSearchName }),
  /** Keep the name and place, search for this instead (the query and its scope). */
  updateSavedSearch: z.strictObject({
    id: savedSearchId,
    query: savedSearchQuery,
    view: z.enum(VIEWS).default('all'),
    tag: tagName.optional(),
  }),
  /** Move to `position` (0-based) in the sidebar; the others keep their order. */
  moveSavedSearch: z.strictObject({ id: savedSearchId, position: z.number().int().min(0) }),
  deleteSavedSearch: z.strictObject({ id: savedSearchId }),
  /** One page of a saved search's papers (by name, case-insensitive), in search order. */
  listSavedSearchPapers: z.strictObject({
    name: savedSearchName,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1_000).default(200),
  }),
  /** "Your reading": papers moved to Read per week, and the biggest tags. */
  getReadingStats: z.strictObject({ weeks: z.number().int().min(1).max(52).default(12) }),
};

export interface ReadingStats {
  /** Oldest first; `start` is the Monday (UTC) of the week. */
  weeks: Array<{ start: string; read: number }>;
  /** The tags holding the most papers, most first. */
  topTags: Array<{ name: string; count: number }>;
  /** Papers in Read now. */
  readTotal: number;
}

export interface PopularityPoint {
  /** When the counts were observed (ISO). */
  at: string;
  upvotes: number;
  comments: number;
  githubStars: number | null;
}

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  view: View;
  tag: string | null;
  position: number;
  /** Papers matching now. */
  count: number;
}

export type TodaySection = 'pick' | 'rising' | 'rest';

export interface TodayEntry {
  section: TodaySection;
  /** Why a pick was picked ("Author: Ada Lovelace", "Tag: pruning"); null otherwise. */
  reason: string | null;
  /** Upvote growth over the last 72 hours. */
  growth: number;
}

export interface TodayPage {
  since: string;
  total: number;
  offset: number;
  papers: PaperSummary[];
  /** Per paper on this page: its section and reason. */
  entries: Record<string, TodayEntry>;
  sections: Record<TodaySection, number>;
  /** Every paper of "the rest" (the one-key archive takes them all). */
  restIds: string[];
}

export interface DigestResult {
  since: string;
  format: DigestFormat;
  count: number;
  fileName: string;
  mimeType: string;
  content: string;
}

export interface DailyOutputs {
  getPopularity: PopularityPoint[];
  getTodaySummary: { since: string; count: number; lastVisitAt: string | null };
  openToday: { since: string; visitedAt: string };
  listToday: TodayPage;
  getDigest: DigestResult;
  listSavedSearches: SavedSearch[];
  saveSearch: SavedSearch;
  renameSavedSearch: SavedSearch;
  updateSavedSearch: SavedSearch;
  moveSavedSearch: SavedSearch[];
  deleteSavedSearch: { deleted: SavedSearch };
  listSavedSearchPapers: { search: SavedSearch; total: number; papers: PaperSummary[] };
  getReadingStats: ReadingStats;
}
