import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addDays } from './days';

/**
 * Counts keep moving after a paper's first day, so once a day an incremental
 * sync re-reads every finished day of the last two weeks (one request per day,
 * through the same rate-limited client): each such day whose last fetch is
 * older than `REREAD_AFTER_HOURS`. Changed counts become popularity points
 * (migration 0007); an unchanged day writes nothing.
 */
export const POPULARITY_WINDOW_DAYS = 14;
/** A little under a day, so a daily sync at a slightly earlier hour still re-reads. */
export const REREAD_AFTER_HOURS = 20;

export async function daysToReread(
  db: Kysely<Database>,
  today: string,
  now: Date,
): Promise<string[]> {
  const stale = new Date(now.getTime() - REREAD_AFTER_HOURS * 3_600_000).toISOString();
  const rows = await db
    .selectFrom('synced_days')
    .select('day')
    .where('day', '>=', addDays(today, -(POPULARITY_WINDOW_DAYS - 1)))
    .where('day', '<=', today)
    .where('fetched_at', '<', stale)
    .execute();
  return rows.map((r) => r.day);
}
