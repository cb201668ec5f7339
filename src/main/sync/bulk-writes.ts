import type BetterSqlite3 from 'better-sqlite3';
import type { LibraryDb } from '../db/connection';
import { startCheckpointer } from './checkpointer';

/**
 * While a sync writes many days, the write-ahead log is copied into the
 * library (a checkpoint) by a second connection on a worker thread
 * (checkpointer.ts), so the sync's commits only append to the log. Should that
 * thread fall behind or fail, the sync's own connection still checkpoints once
 * the log passes about 80 MB (instead of the default 4 MB: each checkpoint
 * costs two fsyncs and re-copies the index pages every day changes). Durability
 * is unchanged: every day is committed to the log before it counts as done.
 *
 * Returns a function that stops the worker, restores the previous setting,
 * copies what the log still holds and cuts the log file back to nothing
 * (`truncateLog`), so a long run does not leave up to 80 MB of log beside the
 * library.
 */
export const BULK_WAL_AUTOCHECKPOINT_PAGES = 10_000;

export function beginBulkWrites(
  lib: Pick<LibraryDb, 'sqlite' | 'path' | 'nativeBinding'>,
): () => Promise<void> {
  const { sqlite } = lib;
  const previous = Number(sqlite.pragma('wal_autocheckpoint', { simple: true }));
  if (previous <= 0 || previous >= BULK_WAL_AUTOCHECKPOINT_PAGES) return () => Promise.resolve();
  sqlite.pragma(`wal_autocheckpoint = ${BULK_WAL_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(lib.path, lib.nativeBinding);
  return async () => {
    await checkpointer.stop();
    try {
      sqlite.pragma(`wal_autocheckpoint = ${previous}`);
      truncateLog(sqlite);
    } catch {
      // The library may be closing; the next open checkpoints anyway.
    }
  };
}

/**
 * Copy the whole log into the library and truncate the log file. That needs a
 * moment with no other reader or writer (another process, say), so it waits
 * for one at most `waitMs`; if none comes, what can be copied is copied
 * (PASSIVE) and the log is left for a later checkpoint to reuse.
 * Returns whether the log was truncated.
 */
export function truncateLog(sqlite: BetterSqlite3.Database, waitMs = 50): boolean {
  const busyTimeout = Number(sqlite.pragma('busy_timeout', { simple: true }));
  sqlite.pragma(`busy_timeout = ${waitMs}`);
  try {
    const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    if (result.busy === 0) return true;
    sqlite.pragma('wal_checkpoint(PASSIVE)');
    return false;
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
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
  const pragmas = synchronousPragmas(sqlite);
  const previous = Number(pragmas.read.get());
  const relax = previous > SYNCHRONOUS_NORMAL && !sqlite.inTransaction;
  if (relax) pragmas.set(SYNCHRONOUS_NORMAL).run();
  try {
    return write();
  } finally {
    if (relax) pragmas.set(previous).run();
  }
}

/** PRAGMA synchronous values: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
const SYNCHRONOUS_NORMAL = 1;

/**
 * The three pragmas around every synced day, prepared once per connection
 * (`sqlite.pragma()` parses its statement anew at each call).
 */
interface SynchronousPragmas {
  read: BetterSqlite3.Statement;
  set(level: number): BetterSqlite3.Statement;
}
const preparedPragmas = new WeakMap<BetterSqlite3.Database, SynchronousPragmas>();

function synchronousPragmas(sqlite: BetterSqlite3.Database): SynchronousPragmas {
  let pragmas = preparedPragmas.get(sqlite);
  if (!pragmas) {
    const setters = new Map<number, BetterSqlite3.Statement>();
    pragmas = {
      read: sqlite.prepare('pragma synchronous').pluck(),
      set(level) {
        let statement = setters.get(level);
        if (!statement) {
          statement = sqlite.prepare(`pragma synchronous = ${Math.trunc(level)}`);
          setters.set(level, statement);
        }
        return statement;
      },
    };
    preparedPragmas.set(sqlite, pragmas);
  }
  return pragmas;
}
