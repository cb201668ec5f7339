import { sql, type Kysely } from 'kysely';
import type { PopularityPoint } from '../../shared/api/daily';
import type { Database } from '../db/schema';

/**
 * Popularity history (migration 0007): the points a trigger records on every
 * change of a paper's upvotes, comments or GitHub stars, and "Rising".
 */

/** The window "Rising" measures growth over. */
export const RISING_WINDOW_HOURS = 72;

export function risingCutoff(now: Date): string {
  return new Date(now.getTime() - RISING_WINDOW_HOURS * 3_600_000).toISOString();
}

/**
 * A paper's counts over time, oldest first. A paper that never changed has no
 * row of its own: its one point is its counts as last written.
 */
export async function popularityOf(db: Kysely<Database>, id: string): Promise<PopularityPoint[]> {
  const rows = await db
    .selectFrom('paper_popularity')
    .select(['at', 'upvotes', 'comments', 'github_stars'])
    .where('paper_id', '=', id)
    .orderBy('at')
    .execute();
  if (rows.length > 0) {
    return rows.map((r) => ({
      at: r.at,
      upvotes: r.upvotes,
      comments: r.comments,
      githubStars: r.github_stars,
    }));
  }
  const paper = await db
    .selectFrom('papers')
    .select(['updated_at', 'upvotes', 'num_comments', 'github_stars'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!paper) return [];
  return [
    {
      at: paper.updated_at,
      upvotes: paper.upvotes,
      comments: paper.num_comments,
      githubStars: paper.github_stars,
    },
  ];
}

/**
 * Upvote growth over the window ending now, for every paper whose counts
 * changed inside it (every other paper grew by 0): its upvotes now minus its
 * upvotes at the window's start — the last point at or before it, or, for a
 * paper first seen inside the window, its first point.
 */
export async function risingGrowth(
  db: Kysely<Database>,
  cutoff: string,
): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; growth: number }>`
    select p.id as id, p.upvotes - coalesce(
        (select h.upvotes from paper_popularity h
          where h.paper_id = p.id and h.at <= ${cutoff} order by h.at desc limit 1),
        (select h.upvotes from paper_popularity h
          where h.paper_id = p.id order by h.at asc limit 1),
        p.upvotes) as growth
      from papers p
     where p.id in (select paper_id from paper_popularity where at > ${cutoff})`.execute(db);
  return new Map(rows.filter((r) => r.growth !== 0).map((r) => [r.id, r.growth]));
}

/**
 * Ids in "Rising" order: growth descending, ties by recency (the featured
 * order: featured day, then upvotes, then id), which `ids` is given in.
 */
export function orderByGrowth(ids: string[], growth: ReadonlyMap<string, number>): string[] {
  if (growth.size === 0) return ids;
  const position = new Map(ids.map((id, i) => [id, i]));
  return [...ids].sort(
    (a, b) =>
      (growth.get(b) ?? 0) - (growth.get(a) ?? 0) ||
      (position.get(a) as number) - (position.get(b) as number),
  );
}
