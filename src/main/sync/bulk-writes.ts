import type BetterSqlite3 from 'better-sqlite3';

/**
 * While a sync writes many days, let SQLite's write-ahead log grow to about
 * 40 MB before copying it into the library (a checkpoint) instead of the
 * default 4 MB. Each checkpoint costs two fsyncs and re-copies the pages that
 * changed since the last one (index pages change every day), so fewer of them
 * make a long backfill markedly faster on slow disks. Durability is unchanged:
 * every day is still committed to the log before it counts as done.
 *
 * Returns a function that restores the previous setting and checkpoints what
 * the log holds, without waiting on readers (PASSIVE).
 */
export const BULK_WAL_AUTOCHECKPOINT_PAGES = 10_000;

export function beginBulkWrites(sqlite: BetterSqlite3.Database): () => void {
  const previous = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  if (previous <= 0 || previous >= BULK_WAL_AUTOCHECKPOINT_PAGES) return () => undefined;
  sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT_PAGES}`);
  return () => {
    try {
      sqlite.pragma(`wal_autocheckpoint = ${previous}`);
      sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // The library may be closing; the next open checkpoints anyway.
    }
  };
}
