import type BetterSqlite3 from 'better-sqlite3';

/**
 * What every connection to a library is set to: the app's own (connection.ts)
 * and the ingest thread's (sync/ingest-worker.ts). Kept apart from connection.ts
 * so the worker does not load Kysely and the migrations to start.
 */

/** How long to wait for another connection's lock before giving up. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function configureConnection(
  sqlite: BetterSqlite3.Database,
  busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS,
): void {
  // Wait for another connection's lock instead of failing at once.
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // WAL: readers never block the writer. FULL: a commit is on the disk (the
  // WAL is fsynced) before the call returns, so an acknowledged note survives
  // not only a crash of the app (NORMAL would do for that) but a power cut or
  // an OS crash a moment later. It costs about 3 ms per commit on an SSD; the
  // app commits a note at most once a second and a synced day in one go.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Statement journals (one per write that fires a trigger, like the search index's
  // marks of migration 0006) and sort spills live in memory, not in temporary files:
  // on disk they more than doubled the ingest's CPU time. They are small and short-lived.
  sqlite.pragma('temp_store = MEMORY');
  // 16 MB of pages instead of SQLite's 2 MB: a page of search results reads 100
  // abstracts scattered through the papers table, and the next keystroke's page
  // mostly reads the same ones again (measured: 31 -> 16 µs per paper at 50,000).
  sqlite.pragma('cache_size = -16000');
}
