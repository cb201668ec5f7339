/**
 * Calendar arithmetic for feed days. A feed day is a plain `YYYY-MM-DD` date
 * with no time zone of its own; the feed rolls over to a new day at midnight
 * in New York, so "today" is computed there, whatever the user's zone.
 */

/** The first day the Daily Papers archive has. */
export const ARCHIVE_START = '2023-05-04';

export const FEED_TIME_ZONE = 'America/New_York';

const nyDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: FEED_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The feed's today (New York time) at the instant `now`. */
export function feedToday(now: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD; build it from parts so an ICU change cannot reorder it.
  const parts = Object.fromEntries(nyDate.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isValidDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included, oldest first. Empty when from > to. */
export function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}
