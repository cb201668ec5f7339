/**
 * Kysely table types. They describe what better-sqlite3 returns: integers are
 * `number`, booleans are `0 | 1`, times are ISO-8601 text, nullable columns are
 * `T | null` (never optional). `Generated<T>` marks columns with defaults.
 */
import type { Generated } from 'kysely';

export type SqlBool = 0 | 1;

export interface PapersTable {
  id: string;
  title: string;
  abstract: string;
  published_at: string | null;
  upvotes: number;
  num_comments: number;
  ai_summary: string | null;
  /** JSON array of strings. */
  ai_keywords: string | null;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  thumbnail: string | null;
  /**
   * The authors in order, as JSON: `[{"name": "…", "hidden": false}, …]` (see
   * library/authors-json.ts). `hidden` authors are kept but never shown.
   */
  authors: Generated<string>;
  /** Denormalized max(daily_appearances.day), maintained by ingest. */
  last_featured_day: string | null;
  /** 'feed' | 'sample' | 'import' | 'manual' */
  source: string;
  first_seen_at: string;
  updated_at: string;
  // User-owned columns below: feed upserts never write them after insert.
  /** 'inbox' | 'toread' | 'reading' | 'read' | 'archived' */
  status: Generated<string>;
  starred: Generated<SqlBool>;
  added_at: string;
  status_changed_at: string | null;
}

export interface DailyAppearancesTable {
  day: string;
  paper_id: string;
  rank: number;
}

export interface SyncedDaysTable {
  day: string;
  fetched_at: string;
  count: number;
  skipped: Generated<number>;
}

export interface TagsTable {
  id: Generated<number>;
  name: string;
  color: string;
  created_at: string;
}

export interface PaperTagsTable {
  paper_id: string;
  tag_id: number;
  added_at: string;
}

export interface NotesTable {
  paper_id: string;
  markdown: string;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

/** One observed change of a paper's counts (migration 0007; written by a trigger). */
export interface PaperPopularityTable {
  paper_id: string;
  at: string;
  upvotes: number;
  comments: number;
  github_stars: number | null;
}

export interface SavedSearchesTable {
  id: Generated<number>;
  name: string;
  query: string;
  /** A sidebar view (VIEWS). */
  view: Generated<string>;
  tag: string | null;
  position: number;
  created_at: string;
}

export interface Database {
  papers: PapersTable;
  daily_appearances: DailyAppearancesTable;
  synced_days: SyncedDaysTable;
  tags: TagsTable;
  paper_tags: PaperTagsTable;
  notes: NotesTable;
  settings: SettingsTable;
  search_dirty: SearchDirtyTable;
  search_state: SearchStateTable;
  paper_popularity: PaperPopularityTable;
  saved_searches: SavedSearchesTable;
  note_links: NoteLinksTable;
  replica_updates: ReplicaUpdatesTable;
  replica_tag_ids: ReplicaTagIdsTable;
  replica_pending: ReplicaPendingTable;
  replica_state: ReplicaStateTable;
}

/** Links written in notes (`[[id]]`), kept in step with every note write (migration 0008). */
export interface NoteLinksTable {
  from_id: string;
  to_id: string;
  /** The sentence around the link's first mention. */
  context: string;
}

/** The replicated document as Yjs updates (migration 0009). */
export interface ReplicaUpdatesTable {
  seq: Generated<number>;
  data: Uint8Array;
}

/** Local tag id -> the replicated tag's stable id. */
export interface ReplicaTagIdsTable {
  tag_id: number;
  doc_id: string;
}

/** Papers with replicated user data that this library does not hold yet. */
export interface ReplicaPendingTable {
  paper_id: string;
}

export interface ReplicaStateTable {
  key: string;
  value: string;
}

/** Papers changed since the stored search index was written (filled by triggers, migration 0006). */
export interface SearchDirtyTable {
  seq: Generated<number>;
  paper_id: string;
}

/** Which stored search index belongs to this library file (`token`). */
export interface SearchStateTable {
  key: string;
  value: string;
}
