import { sql, type Kysely } from 'kysely';
import type { Author, Note, Paper } from '../../shared/domain';
import type { Database } from '../db/schema';
import { rowToPaperFields } from '../library/papers-repo';
import { authorsFromJson } from '../library/authors-json';
import { noteFromRow } from '../library/notes-repo';
import type { KeySource } from './citation-keys';

/**
 * Bulk reads for exports: a handful of queries for any number of papers,
 * rather than one getPaper per paper (50k papers would be 200k queries).
 */
export interface ExportPaper extends Omit<Paper, 'days'> {
  /** All authors in order, hidden ones included (flagged). */
  authors: Author[];
  /** Featured days, newest first, with the paper's rank that day. */
  days: Array<{ day: string; rank: number }>;
  /** Tag names, sorted without regard to case. */
  tags: string[];
  note: Note | null;
}

const inIds = (ids: string[]) => sql<string>`(select value from json_each(${JSON.stringify(ids)}))`;

/** Chunked so no single statement carries an unbounded JSON parameter. */
const CHUNK = 5_000;

export async function readExportPapers(
  db: Kysely<Database>,
  ids: string[],
): Promise<ExportPaper[]> {
  const out: ExportPaper[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    out.push(...(await readChunk(db, ids.slice(i, i + CHUNK))));
  }
  return out;
}

async function readChunk(db: Kysely<Database>, ids: string[]): Promise<ExportPaper[]> {
  const where = inIds(ids);
  const [papers, days, tags, notes] = await Promise.all([
    db.selectFrom('papers').selectAll().where('id', 'in', where).execute(),
    db
      .selectFrom('daily_appearances')
      .select(['paper_id', 'day', 'rank'])
      .where('paper_id', 'in', where)
      .orderBy('paper_id')
      .orderBy('day', 'desc')
      .execute(),
    db
      .selectFrom('paper_tags')
      .innerJoin('tags', 'tags.id', 'paper_tags.tag_id')
      .select(['paper_tags.paper_id', 'tags.name'])
      .where('paper_tags.paper_id', 'in', where)
      .orderBy(sql`tags.name collate nocase`)
      .orderBy('tags.name')
      .execute(),
    db.selectFrom('notes').selectAll().where('paper_id', 'in', where).execute(),
  ]);
  const daysBy = group(days, (d) => d.paper_id);
  const tagsBy = group(tags, (t) => t.paper_id);
  const notesBy = new Map(notes.map((n) => [n.paper_id, n]));
  const byId = new Map(papers.map((p) => [p.id, p]));
  return ids.flatMap((id): ExportPaper[] => {
    const row = byId.get(id);
    if (!row) return [];
    const note = notesBy.get(id);
    return [
      {
        ...rowToPaperFields(row),
        days: (daysBy.get(id) ?? []).map((d) => ({ day: d.day, rank: d.rank })),
        tags: (tagsBy.get(id) ?? []).map((t) => t.name),
        note: note ? noteFromRow(note) : null,
      },
    ];
  });
}

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** What citation keys are built from, for every paper in the library. */
export async function citationKeySources(db: Kysely<Database>): Promise<KeySource[]> {
  const rows = await db
    .selectFrom('papers')
    .select(['id', 'title', 'published_at', 'authors'])
    .execute();
  return rows.map((r) => {
    // The first shown author; a paper whose authors are all hidden still has a first one.
    const authors = authorsFromJson(r.authors);
    return {
      id: r.id,
      title: r.title,
      publishedAt: r.published_at,
      firstAuthor: (authors.find((a) => !a.hidden) ?? authors[0])?.name ?? null,
    };
  });
}

export interface TagRow {
  name: string;
  color: string;
  createdAt: string;
}

/** Tags with colours, all of them or those named; sorted without regard to case. */
export async function readTags(db: Kysely<Database>, names?: string[]): Promise<TagRow[]> {
  let q = db.selectFrom('tags').select(['name', 'color', 'created_at']);
  if (names) q = q.where('name', 'in', inIds(names));
  const rows = await q
    .orderBy(sql`name collate nocase`)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, color: r.color, createdAt: r.created_at }));
}

export interface SyncedDayRow {
  day: string;
  fetchedAt: string;
  count: number;
  skipped: number;
}

export async function readSyncedDays(db: Kysely<Database>): Promise<SyncedDayRow[]> {
  const rows = await db.selectFrom('synced_days').selectAll().orderBy('day').execute();
  return rows.map((r) => ({
    day: r.day,
    fetchedAt: r.fetched_at,
    count: r.count,
    skipped: r.skipped,
  }));
}
