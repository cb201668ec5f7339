import type { Selectable } from 'kysely';
import type { PapersTable } from '../db/schema';
import { authorsToJson, stringListToJson } from './authors-json';
import type { FeedPaper } from './feed-paper';

/**
 * The papers table's columns, by owner: one list each, which the prepared
 * statements (ingest-repo.ts), the import writer (import-writer.ts) and their
 * row types share. A new feed field is a column here, a field of FeedPaper and
 * a line in `feedColumns`; the compiler points at each place that must change.
 */

/** Written by the feed (and by imports that bring feed data); never by the user. */
export const FEED_COLUMNS = [
  'title',
  'abstract',
  'authors',
  'published_at',
  'upvotes',
  'num_comments',
  'ai_summary',
  'ai_keywords',
  'github_repo',
  'github_stars',
  'project_page',
  'thumbnail',
] as const satisfies ReadonlyArray<keyof PapersTable>;

/**
 * Kept per paper by the library and merged by imports (import-writer.ts): where
 * it came from, when it was seen and added, and the user's reading state.
 */
export const MERGED_COLUMNS = [
  'source',
  'first_seen_at',
  'updated_at',
  'added_at',
  'status',
  'status_changed_at',
  'starred',
] as const satisfies ReadonlyArray<keyof PapersTable>;

type PaperRow = Selectable<PapersTable>;
export type FeedColumns = Pick<PaperRow, (typeof FEED_COLUMNS)[number]>;
export type MergedColumns = Pick<PaperRow, (typeof MERGED_COLUMNS)[number]>;

/** A feed paper as the feed-owned columns store it (authors and keywords as JSON). */
export function feedColumns(paper: FeedPaper): FeedColumns {
  return {
    title: paper.title,
    abstract: paper.abstract,
    authors: authorsToJson(paper.authors),
    published_at: paper.publishedAt,
    upvotes: paper.upvotes,
    num_comments: paper.numComments,
    ai_summary: paper.aiSummary,
    ai_keywords: paper.aiKeywords.length > 0 ? stringListToJson(paper.aiKeywords) : null,
    github_repo: paper.githubRepo,
    github_stars: paper.githubStars,
    project_page: paper.projectPage,
    thumbnail: paper.thumbnail,
  };
}

/** The feed-owned values in FEED_COLUMNS order, for positional statements. */
export function feedValues(columns: FeedColumns): Array<FeedColumns[keyof FeedColumns]> {
  return FEED_COLUMNS.map((column) => columns[column]);
}

/** Do the stored feed-owned fields already say what the feed says now? */
export function sameFeedColumns(stored: FeedColumns, next: FeedColumns): boolean {
  return FEED_COLUMNS.every((column) => stored[column] === next[column]);
}
