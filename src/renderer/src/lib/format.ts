/** Small, locale-aware formatting helpers. Everything here returns plain text. */
import { monthOf, parsePeriod, weekOf } from '../../../shared/featured-period';

const dayFormat = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const plain = new Intl.NumberFormat();

/** Feed days are calendar days (`2025-11-14`), not instants: format them in UTC so they never shift. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

const monthFormat = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/**
 * A featured period as a list title: "Featured Nov 14, 2025", "Week of Nov 10,
 * 2025", "November 2025", or "Nov 12, 2025 – Nov 13, 2025".
 */
export function formatPeriodTitle(period: string): string {
  const range = parsePeriod(period);
  if (!range) return period;
  if (range.from === range.to) return `Featured ${formatDay(range.from)}`;
  const month = monthOf(range.from);
  if (month.from === range.from && month.to === range.to) {
    return monthFormat.format(new Date(`${range.from}T00:00:00Z`));
  }
  const week = weekOf(range.from);
  if (week.from === range.from && week.to === range.to) return `Week of ${formatDay(range.from)}`;
  return `${formatDay(range.from)} – ${formatDay(range.to)}`;
}

export function formatMonth(day: string): string {
  return monthFormat.format(new Date(`${day.slice(0, 7)}-01T00:00:00Z`));
}

export function formatShortDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : shortDayFormat.format(date);
}

/** An ISO instant's calendar date, as the feed shows arXiv dates. */
export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  return formatDay(iso.slice(0, 10));
}

/** Exact, with the locale's thousands separators ("50,000"): a count is never rounded to "50K". */
export function formatCount(n: number): string {
  return plain.format(n);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", then a date. */
export function formatRelative(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'never';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  if (hours < 48) return `yesterday at ${timeFormat.format(new Date(then))}`;
  return formatDate(iso) ?? iso;
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

/** "Ada Lovelace, Alan Turing, Grace Hopper +4" */
export function formatAuthors(authors: string[], shown = 3): string {
  if (authors.length === 0) return 'Unknown authors';
  const head = authors.slice(0, shown).join(', ');
  return authors.length > shown ? `${head} +${authors.length - shown}` : head;
}

/** `text`, cut to at most `max` characters with an ellipsis when longer. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${plain.format(n)} ${n === 1 ? one : many}`;
}

/**
 * Abstracts arrive with hard line breaks from the PDF. Sync already joins them;
 * this keeps the view right for anything stored before (or imported) too:
 * single breaks become spaces, blank lines separate paragraphs.
 */
export function abstractParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/-\n(?=[a-z])/g, '-')
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
    )
    .filter((p) => p.length > 0);
}

/**
 * The abstract's paragraphs as [start, end) offsets into the text itself, so
 * search highlights (offsets into the whole abstract) can be placed in them.
 * Paragraphs are separated by blank lines; the browser folds any other white
 * space inside one.
 */
export function paragraphRanges(text: string): Array<[start: number, end: number]> {
  const ranges: Array<[number, number]> = [];
  const separator = /\n\s*\n/g;
  let start = 0;
  for (;;) {
    const match = separator.exec(text);
    const end = match ? match.index : text.length;
    const slice = text.slice(start, end);
    const lead = slice.length - slice.trimStart().length;
    const trail = slice.length - slice.trimEnd().length;
    if (start + lead < end - trail) ranges.push([start + lead, end - trail]);
    if (!match) return ranges;
    start = match.index + match[0].length;
  }
}

/** The ranges that fall in [start, end), clipped to it and made relative to start. */
export function rangesWithin(
  ranges: ReadonlyArray<readonly [number, number]>,
  start: number,
  end: number,
): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [from, to] of ranges) {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (a < b) out.push([a - start, b - start]);
  }
  return out;
}
