import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** What the library knows about finished feed days (`synced_days`). */

export interface SyncedDaysSummary {
  count: number;
  lastDay: string | null;
  /** When the most recent day was written (ISO), i.e. the last time sync brought anything in. */
  lastFetchedAt: string | null;
}

/**
 * Synchronous on purpose (a raw prepared statement, not the query builder):
 * the sync status is rebuilt for every progress event, and a synchronous read
 * keeps those events in order without awaiting between them.
 */
type SummaryRow = { count: number; lastDay: string | null; lastFetchedAt: string | null };
const summaryStatements = new WeakMap<
  BetterSqlite3.Database,
  BetterSqlite3.Statement<[], SummaryRow>
>();

export function syncedDaysSummary(sqlite: BetterSqlite3.Database): SyncedDaysSummary {
  let statement = summaryStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare<[], SummaryRow>(
      'select count(*) as count, max(day) as lastDay, max(fetched_at) as lastFetchedAt from synced_days',
    );
    summaryStatements.set(sqlite, statement);
  }
  const row = statement.get();
  return {
    count: row?.count ?? 0,
    lastDay: row?.lastDay ?? null,
    lastFetchedAt: row?.lastFetchedAt ?? null,
  };
}

/** The `limit` most recent finished days up to `upTo`, newest first. */
export async function recentSyncedDays(
  db: Kysely<Database>,
  upTo: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('synced_days')
    .select('day')
    .where('day', '<=', upTo)
    .orderBy('day', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.day);
}

/** Finished days within [from, to]. */
export async function syncedDaysIn(
  db: Kysely<Database>,
  from: string,
  to: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('synced_days')
    .select('day')
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return new Set(rows.map((r) => r.day));
}
