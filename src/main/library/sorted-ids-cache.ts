import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * Whole sorted views, for the list sorts that have no index of their own
 * (title, upvotes). An index on either would be written at a random place for
 * every new paper — a sync would write nearly twice as much — so instead the
 * view is sorted once (about 170 ms at 50,000 papers) and its pages are slices
 * of that until the library changes. SQLite's own counters tell a change:
 * `total_changes()` for this connection, `data_version` for other processes
 * (the CLI while the app runs).
 */
const MAX_VIEWS = 4;

interface Entry {
  key: string;
  version: string;
  ids: string[];
}

const cachesByDb = new WeakMap<object, Entry[]>();

async function libraryVersion(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ changes: number; version: number }>`
    select total_changes() as changes, data_version as version from pragma_data_version`.execute(
    db,
  );
  return `${rows[0].changes}:${rows[0].version}`;
}

/** The ids of the view `key` names, from `read` or from the last read if nothing changed since. */
export async function cachedSortedIds(
  db: Kysely<Database>,
  key: string,
  read: () => Promise<string[]>,
): Promise<string[]> {
  const version = await libraryVersion(db);
  let entries = cachesByDb.get(db);
  if (!entries) cachesByDb.set(db, (entries = []));
  const at = entries.findIndex((e) => e.key === key);
  if (at >= 0) {
    const [entry] = entries.splice(at, 1);
    if (entry.version === version) {
      entries.unshift(entry); // most recently used first
      return entry.ids;
    }
  }
  // Read after taking the version: a write landing in between makes the entry stale, never wrong.
  const ids = await read();
  entries.unshift({ key, version, ids });
  entries.length = Math.min(entries.length, MAX_VIEWS);
  return ids;
}
