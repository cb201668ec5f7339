import type { Kysely } from 'kysely';
import type { SyncMode } from '../../shared/api/sync';
import { AppError } from '../../shared/errors';
import type { Database } from '../db/schema';
import { ARCHIVE_START, addDays, dayRange, isValidDay } from './days';
import { daysToReread } from './popularity-refresh';
import { recentSyncedDays, syncedDaysIn } from './sync-repo';

/** Which days a run fetches, oldest first. */
export interface SyncPlan {
  mode: SyncMode;
  days: string[];
}

export interface SyncRange {
  from?: string;
  to?: string;
}

/** How many finished days an incremental sync fetches again to refresh upvotes, comments, stars. */
export const REFRESH_RECENT_DAYS = 3;
/** How far back a first sync reaches. */
export const FIRST_SYNC_DAYS = 7;

/**
 * Check a backfill range against the calendar and the archive. Throws
 * `invalid_input` with a readable message; returns the effective range.
 */
export function checkRange(range: SyncRange, today: string): { from: string; to: string } | null {
  if (range.from === undefined) {
    if (range.to !== undefined) throw invalid('A backfill needs a start day (--from) with --to');
    return null;
  }
  const to = range.to ?? today;
  for (const [name, value] of [
    ['from', range.from],
    ['to', to],
  ] as const) {
    if (!isValidDay(value)) throw invalid(`${value} is not a calendar day (--${name})`);
  }
  const future = [range.from, to].find((d) => d > today);
  if (future) {
    throw invalid(`${future} is in the future: the feed's today is ${today} (New York time)`);
  }
  if (range.from > to) throw invalid(`The start day ${range.from} comes after the end ${to}`);
  if (to < ARCHIVE_START) {
    throw invalid(`The Daily Papers archive starts on ${ARCHIVE_START}; nothing before it`);
  }
  // A range reaching back before the archive simply starts where the archive does.
  return { from: range.from < ARCHIVE_START ? ARCHIVE_START : range.from, to };
}

/**
 * Incremental: every day after the newest finished one up to today, plus the
 * newest finished days again (their upvotes and comments keep changing); a
 * first sync takes the last week. Backfill: the range, minus finished days,
 * so an interrupted backfill resumes where it stopped.
 */
export async function planSync(
  db: Kysely<Database>,
  range: SyncRange,
  today: string,
  /** With the clock, the last two weeks are re-read once a day (popularity-refresh.ts). */
  now?: Date,
): Promise<SyncPlan> {
  const checked = checkRange(range, today);
  if (checked) {
    const done = await syncedDaysIn(db, checked.from, checked.to);
    return {
      mode: 'backfill',
      days: dayRange(checked.from, checked.to).filter((day) => !done.has(day)),
    };
  }
  const recent = await recentSyncedDays(db, today, REFRESH_RECENT_DAYS);
  if (recent.length === 0) {
    const from = addDays(today, -(FIRST_SYNC_DAYS - 1));
    return {
      mode: 'incremental',
      days: dayRange(from < ARCHIVE_START ? ARCHIVE_START : from, today),
    };
  }
  const newest = recent[0];
  const reread = now ? await daysToReread(db, today, now) : [];
  const days = new Set([...recent, ...reread, ...dayRange(addDays(newest, 1), today)]);
  return { mode: 'incremental', days: [...days].sort() };
}

function invalid(message: string): AppError {
  return new AppError('invalid_input', message);
}
