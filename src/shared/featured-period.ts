/**
 * A featured period: one feed day (`2025-11-14`) or an inclusive range of days
 * (`2025-11-10..2025-11-16`), the way the Hugging Face site pages papers by
 * day, week and month. Lists and exports take it where they take a day. Pure.
 */
export interface DayRange {
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The range a period covers, or null when it is not one (a bad day, or a range that runs backwards). */
export function parsePeriod(text: string): DayRange | null {
  const [from, to = from, ...rest] = text.split('..');
  if (rest.length > 0 || !isDay(from) || !isDay(to) || to < from) return null;
  return { from, to };
}

export function formatPeriod(range: DayRange): string {
  return range.from === range.to ? range.from : `${range.from}..${range.to}`;
}

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The week (Monday to Sunday, as the Hugging Face site's week pages) that holds this day. */
export function weekOf(day: string): DayRange {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(day, -weekday);
  return { from, to: addDays(from, 6) };
}

/** The calendar month that holds this day. */
export function monthOf(day: string): DayRange {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const month = String(m).padStart(2, '0');
  return { from: `${y}-${month}-01`, to: `${y}-${month}-${String(last).padStart(2, '0')}` };
}
