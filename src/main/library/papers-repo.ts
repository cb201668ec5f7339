import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type {
  DayCount,
  Paper,
  PaperSource,
  PaperSummary,
  ReadingStatus,
  SortKey,
  View,
  ViewCounts,
} from '../../shared/domain';
import { READING_STATUSES } from '../../shared/domain';
import { parsePeriod } from '../../shared/featured-period';
import type { Database, PapersTable } from '../db/schema';
import { authorsFromJson, shownAuthorNames } from './authors-json';
import { orderByGrowth, risingCutoff, risingGrowth } from './popularity-repo';
import { cachedSortedIds } from './sorted-ids-cache';
import { noteFromRow } from './notes-repo';

/** Repositories are plain functions taking the db (or a transaction) first. */

export interface PaperFilter {
  view: View;
  tag?: string;
  /** A feed day or a range of days (`D..D`). */
  day?: string;
  /** Restrict to these ids (e.g. search results), in any order. */
  ids?: string[];
}

type PapersQuery = SelectQueryBuilder<Database, 'papers', object>;

function applyFilter(query: PapersQuery, filter: PaperFilter): PapersQuery {
  let q = query;
  if (filter.view === 'starred') q = q.where('papers.starred', '=', 1);
  else if (filter.view !== 'all') q = q.where('papers.status', '=', filter.view);
  if (filter.day) {
    // One feed day, or a range of them (a week, a month): the inputs were checked at the door.
    const range = parsePeriod(filter.day) ?? { from: filter.day, to: filter.day };
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('daily_appearances as da')
          .select(sql.lit(1).as('one'))
          .whereRef('da.paper_id', '=', 'papers.id')
          .where('da.day', '>=', range.from)
          .where('da.day', '<=', range.to),
      ),
    );
  }
  if (filter.tag) {
    // The tag, its children and nested tags ending in it (`ml` and `pruning` both match
    // `ml/pruning`): the tag's parts include the filter's, as shared/tag-scope.ts says.
    const tag = filter.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('paper_tags as pt')
          .innerJoin('tags as t', 't.id', 'pt.tag_id')
          .whereRef('pt.paper_id', '=', 'papers.id')
          .select(sql.lit(1).as('one'))
          .where(
            sql<boolean>`(t.name = ${tag} collate nocase or ('/' || lower(t.name) || '/') like lower(${`%/${escapeLike(tag)}/%`}) escape '\\')`,
          ),
      ),
    );
  }
  if (filter.ids) {
    const ids = filter.ids;
    q = q.where(
      'papers.id',
      'in',
      sql<string>`(select value from json_each(${JSON.stringify(ids)}))`,
    );
  }
  return q;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function countPapers(db: Kysely<Database>, filter: PaperFilter): Promise<number> {
  const row = await applyFilter(db.selectFrom('papers'), filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The view's condition for a list read (src/shared/tag-scope.ts defines views;
 * tests/service/scope.test.ts holds this to it). A unary `+` keeps SQLite off the
 * status/starred indexes, so it walks the sort's own index (migration 0003) in
 * list order and filters inside it: a page costs a short index walk at any
 * offset, where the status index would make it sort the whole view per page.
 */
function applyListView(query: PapersQuery, view: View): PapersQuery {
  if (view === 'all') return query;
  if (view === 'starred') return query.where(sql<boolean>`+papers.starred = 1`);
  return query.where(sql<boolean>`+papers.status = ${view}`);
}

/**
 * One page of a view's ids, in list order. For featured and added, the ORDER BY
 * is exactly the key of one index from migration 0003 (same expression, same
 * directions, `id` last), so SQLite never sorts: change them together. Title
 * and upvotes are sorted once per library change and paged from memory.
 */
export async function listPaperIds(
  db: Kysely<Database>,
  filter: PaperFilter,
  sort: SortKey,
  offset: number,
  limit: number,
): Promise<string[]> {
  if (sort === 'title' || sort === 'upvotes') {
    // No index for these sorts (see migration 0003): sort the view once, page from memory.
    // The view's own condition may use the status index here: the rows are read anyway.
    const q = applyFilter(db.selectFrom('papers'), filter).select('papers.id');
    const ordered =
      sort === 'title'
        ? q.orderBy(sql`papers.title collate nocase`, 'asc')
        : q.orderBy('papers.upvotes', 'desc');
    const key = JSON.stringify([sort, filter.view, filter.tag, filter.day, filter.ids]);
    const ids = await cachedSortedIds(db, key, async () =>
      (await ordered.orderBy('papers.id').execute()).map((r) => r.id),
    );
    return ids.slice(offset, offset + limit);
  }
  if (sort === 'rising') {
    // Growth is known for the few papers that changed in the window: the view is
    // read in featured order (recency breaks ties) and re-sorted, once per change
    // (and per hour: the window moves).
    const cutoff = risingCutoff(new Date());
    const key = JSON.stringify([
      sort,
      cutoff.slice(0, 13),
      filter.view,
      filter.tag,
      filter.day,
      filter.ids,
    ]);
    const ids = await cachedSortedIds(db, key, async () => {
      const featured = await listPaperIds(db, filter, 'featured', 0, Number.MAX_SAFE_INTEGER);
      return orderByGrowth(featured, await risingGrowth(db, cutoff));
    });
    return ids.slice(offset, offset + limit);
  }
  let q = applyListView(
    applyFilter(db.selectFrom('papers'), { ...filter, view: 'all' }),
    filter.view,
  ).select('papers.id');
  switch (sort) {
    case 'featured':
      q = q
        .orderBy(sql`coalesce(papers.last_featured_day, substr(papers.added_at, 1, 10))`, 'desc')
        .orderBy('papers.upvotes', 'desc');
      break;
    case 'added':
      q = q.orderBy('papers.added_at', 'desc');
      break;
    default: {
      const unreachable: never = sort;
      throw new Error(`Unknown sort ${String(unreachable)}`);
    }
  }
  const rows = await q.orderBy('papers.id').offset(offset).limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Summaries for the given ids, in the order given. */
export async function getSummaries(db: Kysely<Database>, ids: string[]): Promise<PaperSummary[]> {
  if (ids.length === 0) return [];
  const idsJson = JSON.stringify(ids);
  const inIds = sql<string>`(select value from json_each(${idsJson}))`;
  const [papers, tags, notes] = await Promise.all([
    db
      .selectFrom('papers')
      .select([
        'id',
        'title',
        'authors',
        'last_featured_day',
        'upvotes',
        'status',
        'starred',
        'added_at',
      ])
      .where('id', 'in', inIds)
      .execute(),
    db
      .selectFrom('paper_tags')
      .innerJoin('tags', 'tags.id', 'paper_tags.tag_id')
      .select(['paper_tags.paper_id', 'tags.name'])
      .where('paper_tags.paper_id', 'in', inIds)
      .orderBy(sql`tags.name collate nocase`)
      .execute(),
    db.selectFrom('notes').select('paper_id').where('paper_id', 'in', inIds).execute(),
  ]);
  const tagsById = groupBy(
    tags,
    (r) => r.paper_id,
    (r) => r.name,
  );
  const withNote = new Set(notes.map((n) => n.paper_id));
  const byId = new Map(papers.map((p) => [p.id, p]));
  return ids.flatMap((id) => {
    const p = byId.get(id);
    if (!p) return [];
    return [
      {
        id: p.id,
        title: p.title,
        authors: shownAuthorNames(p.authors),
        lastFeaturedDay: p.last_featured_day,
        upvotes: p.upvotes,
        status: p.status as ReadingStatus,
        starred: p.starred === 1,
        tags: tagsById.get(id) ?? [],
        addedAt: p.added_at,
        hasNote: withNote.has(id),
      } satisfies PaperSummary,
    ];
  });
}

function groupBy<T, V>(rows: T[], key: (r: T) => string, value: (r: T) => V): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(value(row));
    else map.set(k, [value(row)]);
  }
  return map;
}

export async function viewCounts(db: Kysely<Database>): Promise<ViewCounts> {
  const rows = await db
    .selectFrom('papers')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  const starred = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('starred', '=', 1)
    .executeTakeFirstOrThrow();
  const counts: ViewCounts = {
    inbox: 0,
    toread: 0,
    reading: 0,
    read: 0,
    archived: 0,
    starred: starred.n,
    all: 0,
  };
  for (const row of rows) {
    if ((READING_STATUSES as readonly string[]).includes(row.status)) {
      counts[row.status as ReadingStatus] = row.n;
      counts.all += row.n;
    }
  }
  return counts;
}

export async function dayCounts(db: Kysely<Database>, limit = 60): Promise<DayCount[]> {
  return db
    .selectFrom('daily_appearances')
    .select(['day', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('day')
    .orderBy('day', 'desc')
    .limit(limit)
    .execute();
}

export async function paperExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('papers').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Which of these ids exist. */
export async function existingIds(db: Kysely<Database>, ids: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('papers')
    .select('id')
    .where('id', 'in', sql<string>`(select value from json_each(${JSON.stringify(ids)}))`)
    .execute();
  return rows.map((r) => r.id);
}

export async function getPaper(db: Kysely<Database>, id: string): Promise<Paper | null> {
  const row = await db.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [days, tags, note] = await Promise.all([
    db
      .selectFrom('daily_appearances')
      .select('day')
      .where('paper_id', '=', id)
      .orderBy('day', 'desc')
      .execute(),
    db
      .selectFrom('paper_tags')
      .innerJoin('tags', 'tags.id', 'paper_tags.tag_id')
      .select('tags.name')
      .where('paper_tags.paper_id', '=', id)
      .orderBy(sql`tags.name collate nocase`)
      .execute(),
    db.selectFrom('notes').selectAll().where('paper_id', '=', id).executeTakeFirst(),
  ]);
  return {
    ...rowToPaperFields(row),
    days: days.map((d) => d.day),
    tags: tags.map((t) => t.name),
    note: note ? noteFromRow(note) : null,
  };
}

type PaperRow = Selectable<PapersTable>;

/** A papers row as the domain's Paper fields (shared by reads and exports). */
export function rowToPaperFields(row: PaperRow): Omit<Paper, 'days' | 'tags' | 'note'> {
  return {
    id: row.id,
    title: row.title,
    abstract: row.abstract,
    authors: authorsFromJson(row.authors),
    publishedAt: row.published_at,
    upvotes: row.upvotes,
    numComments: row.num_comments,
    aiSummary: row.ai_summary,
    aiKeywords: parseKeywords(row.ai_keywords),
    githubRepo: row.github_repo,
    githubStars: row.github_stars,
    projectPage: row.project_page,
    thumbnail: row.thumbnail,
    source: row.source as PaperSource,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
    status: row.status as ReadingStatus,
    starred: row.starred === 1,
    addedAt: row.added_at,
    statusChangedAt: row.status_changed_at,
  };
}

function parseKeywords(json: string | null): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

const inIds = (ids: string[]) => sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;

/** The papers a setStatus would change, as they are now (so the change can be undone). */
export async function statusesBefore(
  db: Kysely<Database>,
  ids: string[],
  status: ReadingStatus,
): Promise<Array<{ id: string; status: ReadingStatus; changedAt: string | null }>> {
  const rows = await db
    .selectFrom('papers')
    .select(['id', 'status', 'status_changed_at'])
    .where('id', 'in', inIds(ids))
    .where('status', '!=', status)
    .orderBy('id')
    .execute();
  // The column holds only READING_STATUSES (written by setStatus and imports, both validated).
  return rows.map((r) => ({
    id: r.id,
    status: r.status as ReadingStatus,
    changedAt: r.status_changed_at,
  }));
}

/** Put statuses back exactly (the undo of setStatus), each with the time it was set. */
export async function restoreStatuses(
  db: Kysely<Database>,
  papers: Array<{ id: string; status: ReadingStatus; changedAt: string | null }>,
): Promise<number> {
  const result = await sql`
    update papers
       set status = s.value ->> 'status', status_changed_at = s.value ->> 'changedAt'
      from json_each(${JSON.stringify(papers)}) as s
     where papers.id = s.value ->> 'id'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The papers whose star a setStarred would flip. */
export async function starsToFlip(
  db: Kysely<Database>,
  ids: string[],
  starred: boolean,
): Promise<string[]> {
  const rows = await db
    .selectFrom('papers')
    .select('id')
    .where('id', 'in', inIds(ids))
    .where('starred', '!=', starred ? 1 : 0)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function setStatus(
  db: Kysely<Database>,
  ids: string[],
  status: ReadingStatus,
  now: string,
): Promise<number> {
  const result = await db
    .updateTable('papers')
    .set({ status, status_changed_at: now })
    .where('id', 'in', sql<string>`(select value from json_each(${JSON.stringify(ids)}))`)
    .where('status', '!=', status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setStarred(
  db: Kysely<Database>,
  ids: string[],
  starred: boolean,
): Promise<number> {
  const value = starred ? 1 : 0;
  const result = await db
    .updateTable('papers')
    .set({ starred: value })
    .where('id', 'in', sql<string>`(select value from json_each(${JSON.stringify(ids)}))`)
    .where('starred', '!=', value)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Remove the bundled sample papers the user has not made their own: a sample
 * paper with a note, a tag, a star or a status other than Inbox is kept.
 */
export async function removeSamplePapers(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .deleteFrom('papers')
    .where('source', '=', SAMPLE)
    .where('status', '=', 'inbox')
    .where('starred', '=', 0)
    .where((eb) =>
      eb.and([
        eb.not(
          eb.exists(
            eb
              .selectFrom('notes')
              .select(sql.lit(1).as('one'))
              .whereRef('notes.paper_id', '=', 'papers.id'),
          ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('paper_tags')
              .select(sql.lit(1).as('one'))
              .whereRef('paper_tags.paper_id', '=', 'papers.id'),
          ),
        ),
      ]),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function countSamplePapers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', SAMPLE)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * 'sample' written into the SQL rather than bound: only then can SQLite see
 * that the query asks what the partial index `papers_sample` holds (migration 0004).
 */
const SAMPLE = sql.lit<PaperSource>('sample');
