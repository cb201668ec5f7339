import type BetterSqlite3 from 'better-sqlite3';
import type { ReadingStats } from '../../shared/api/daily';

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const sinceMonday = (new Date(midnight).getUTCDay() + 6) % 7;
  return new Date(midnight - sinceMonday * DAY_MS);
}

/**
 * "Your reading": papers moved to Read per week over the last `weeks` weeks
 * (this week last), and the tags holding the most papers. A paper counts in the
 * week its status last changed, while it is still Read (the library keeps the
 * latest status change, not a history of them).
 */
export function readingStats(
  sqlite: BetterSqlite3.Database,
  weeks: number,
  now: Date,
  topTags = 8,
): ReadingStats {
  const last = weekStart(now).getTime();
  const first = last - (weeks - 1) * 7 * DAY_MS;
  const counts = new Array<number>(weeks).fill(0);
  const changed = sqlite
    .prepare(
      "select status_changed_at from papers where status = 'read' and status_changed_at >= ?",
    )
    .pluck()
    .all(new Date(first).toISOString()) as string[];
  for (const at of changed) {
    const t = Date.parse(at);
    if (!Number.isFinite(t)) continue;
    const i = Math.floor((t - first) / (7 * DAY_MS));
    if (i >= 0 && i < weeks) counts[i]++;
  }
  const tags = sqlite
    .prepare(
      `select t.name as name, count(*) as count from paper_tags pt join tags t on t.id = pt.tag_id
       group by t.id order by count desc, t.name collate nocase limit ?`,
    )
    .all(topTags) as Array<{ name: string; count: number }>;
  const readTotal = Number(
    sqlite.prepare("select count(*) from papers where status = 'read'").pluck().get(),
  );
  return {
    weeks: counts.map((read, i) => ({
      start: new Date(first + i * 7 * DAY_MS).toISOString().slice(0, 10),
      read,
    })),
    topTags: tags,
    readTotal,
  };
}
