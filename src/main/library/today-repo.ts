import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { shownAuthorNames } from './authors-json';

/**
 * What the Today view and the digest read: the papers that arrived since a
 * moment (archived ones aside: archiving "the rest" takes them out), and the
 * user's signals for picks (authors of papers they kept, and their tags).
 * The moment of the last visit is kept in `settings` under its own key (not a
 * user setting: it is not exported or shown in Settings).
 */
export const LAST_VISIT_KEY = 'todayLastVisit';

export interface Arrival {
  id: string;
  title: string;
  authors: string[];
  keywords: string[];
  upvotes: number;
  /** Featured order's key (recency). */
  featuredKey: string;
}

export async function readLastVisit(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', LAST_VISIT_KEY)
    .executeTakeFirst();
  if (!row) return null;
  try {
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null;
  } catch {
    return null;
  }
}

export async function writeLastVisit(db: Kysely<Database>, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: LAST_VISIT_KEY, value: JSON.stringify(at) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(at) }))
    .execute();
}

/** Papers added to the library after `since`, not archived. */
export async function readArrivals(db: Kysely<Database>, since: string): Promise<Arrival[]> {
  const rows = await db
    .selectFrom('papers')
    .select([
      'id',
      'title',
      'authors',
      'ai_keywords',
      'upvotes',
      sql<string>`coalesce(last_featured_day, substr(added_at, 1, 10))`.as('featured_key'),
    ])
    .where('added_at', '>', since)
    .where('status', '!=', 'archived')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    authors: shownAuthorNames(r.authors),
    keywords: parseList(r.ai_keywords),
    upvotes: r.upvotes,
    featuredKey: r.featured_key,
  }));
}

export async function countArrivals(db: Kysely<Database>, since: string): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('added_at', '>', since)
    .where('status', '!=', 'archived')
    .executeTakeFirstOrThrow();
  return row.n;
}

export interface UserSignals {
  /** Lower-cased author names of papers the user kept (starred, tagged, to read, reading, read). */
  authors: Map<string, string>;
  /** The user's tag names and their last segments, lower-cased, with the name to show. */
  tagWords: Map<string, string>;
}

/** Signals come from papers that arrived before `since`, so a paper never picks itself. */
export async function readSignals(db: Kysely<Database>, since: string): Promise<UserSignals> {
  const kept = await db
    .selectFrom('papers')
    .select('authors')
    .where('added_at', '<=', since)
    .where((eb) =>
      eb.or([
        eb('starred', '=', 1),
        eb('status', 'in', ['toread', 'reading', 'read']),
        eb.exists(
          eb
            .selectFrom('paper_tags')
            .select(sql.lit(1).as('one'))
            .whereRef('paper_tags.paper_id', '=', 'papers.id'),
        ),
      ]),
    )
    .execute();
  const authors = new Map<string, string>();
  for (const row of kept) {
    for (const name of shownAuthorNames(row.authors)) authors.set(name.toLowerCase(), name);
  }
  const tags = await db.selectFrom('tags').select('name').execute();
  const tagWords = new Map<string, string>();
  for (const { name } of tags) {
    const leaf = name.split('/').at(-1) ?? name;
    if (leaf.length >= 2) tagWords.set(leaf.toLowerCase(), name);
  }
  return { authors, tagWords };
}

function parseList(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
