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

/**
 * Run one feed day's transaction with `synchronous = NORMAL` instead of the
 * library's FULL: the commit is not fsynced on its own. The library stays
 * consistent either way (WAL); what a power cut could cost is the last few
 * feed days, which are simply fetched again by the next sync. User data keeps
 * FULL: the setting is restored before anything else can run (all of this is
 * synchronous), and the next FULL commit makes these days durable too.
 * Each fsync costs milliseconds, so this is most of a backfill's write time.
 */
export function withRelaxedCommit<T>(sqlite: BetterSqlite3.Database, write: () => T): T {
  const previous = Number(sqlite.pragma('synchronous', { simple: true }));
  const relax = previous > SYNCHRONOUS_NORMAL && !sqlite.inTransaction;
  if (relax) sqlite.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    if (relax) sqlite.pragma(`synchronous = ${previous}`);
  }
}

/** PRAGMA synchronous values: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
const SYNCHRONOUS_NORMAL = 1;
