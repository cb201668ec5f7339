import type { SavedSearchFields } from '../library/saved-searches-repo';
import type { PaperSource, ReadingStatus } from '../../shared/domain';
import type { FeedPaper } from './feed-paper';

/**
 * What every importer (backup, BibTeX, id list, add-by-id) produces after
 * parsing and before anything is written: the writer applies a plan in one
 * transaction, so a file that fails to parse never reaches the library.
 */
export interface ImportPaper {
  id: string;
  /**
   * Feed-owned fields (title, authors, abstract...); null when the file only
   * brings user data for a paper already in the library (skipped if it is not).
   */
  feed: FeedPaper | null;
  /**
   * When the file's feed fields may replace the library's for a paper already
   * there: `never` (BibTeX, ids: thinner data than what we have) or `if-newer`
   * (a backup whose `updatedAt` is later than the library's).
   */
  refresh: 'never' | 'if-newer';
  source?: PaperSource;
  firstSeenAt?: string;
  updatedAt?: string;
  addedAt?: string;
  status?: ReadingStatus;
  /** With `status`: when it was set; the most recent change wins in a merge. */
  statusChangedAt?: string | null;
  starred?: boolean;
  tags: string[];
  note?: { markdown: string; createdAt: string | null; updatedAt: string | null } | null;
  days: Array<{ day: string; rank: number }>;
}

export interface ImportPlan {
  papers: ImportPaper[];
  /** Tags to create with their colours (papers' tags not listed here get default colours). */
  tags: Array<{ name: string; color: string; createdAt?: string }>;
  syncedDays: Array<{ day: string; fetchedAt: string; count: number; skipped: number }>;
  /** Settings to restore (only into an empty library). */
  settings: Record<string, unknown> | null;
  /** Saved searches (JSON backups): each is added unless one of that name exists. */
  savedSearches?: SavedSearchFields[];
  /** `source` for new papers that do not carry their own. */
  defaultSource: 'import' | 'manual';
}

export interface ApplyResult {
  added: number;
  updated: number;
  unchanged: number;
  tagsCreated: number;
  notesAdded: number;
  notesMerged: number;
  changedIds: string[];
}
