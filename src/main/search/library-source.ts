import type BetterSqlite3 from 'better-sqlite3';
import type { ReadingStatus } from '../../shared/domain';
import type { SearchDocument } from './documents';

/**
 * Where the live index reads papers from. The only part of search that knows
 * about SQLite; tests and the benchmark can hand the index documents directly.
 */
export interface LibrarySource {
  /** Every paper, or only these ids (missing ids are simply absent). */
  load(ids?: string[]): SearchDocument[];
  /** A short text per paper that changes whenever anything search reads changes. */
  fingerprints(ids?: string[]): Map<string, string>;
  /** Changes by other connections (another process: the CLI while the app runs). */
  dataVersion(): number;
  /** Changes by this connection, announced by an event or not. */
  totalChanges(): number;
}

type Row = {
  id: string;
  title: string;
  abstract: string;
  published_at: string | null;
  last_featured_day: string | null;
  status: string;
  starred: number;
  added_at: string;
  upvotes: number;
};

/**
 * Reads with prepared statements inside one read transaction: a consistent
 * snapshot (no write can land between the five reads) and the fastest path for
 * loading 50,000 papers, which is what the first search waits for.
 */
export function sqliteSource(sqlite: BetterSqlite3.Database): LibrarySource {
  const only = (ids: string[] | undefined, column: string) =>
    ids ? `where ${column} in (select value from json_each(@ids))` : '';
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sqlText: string) => {
    let stmt = statements.get(sqlText);
    if (!stmt) statements.set(sqlText, (stmt = sqlite.prepare(sqlText)));
    return stmt;
  };

  const load = (ids?: string[]): SearchDocument[] => {
    const params = ids ? { ids: JSON.stringify(ids) } : {};
    const read = sqlite.transaction(() => ({
      papers: prepare(
        `select id, title, abstract, published_at, last_featured_day, status, starred, added_at, upvotes
         from papers ${only(ids, 'id')}`,
      ).all(params) as Row[],
      authors: prepare(
        `select paper_id as k, name as v from paper_authors
         ${ids ? `${only(ids, 'paper_id')} and` : 'where'} hidden = 0 order by paper_id, position`,
      ).all(params) as KV[],
      tags: prepare(
        `select pt.paper_id as k, t.name as v from paper_tags pt join tags t on t.id = pt.tag_id
         ${only(ids, 'pt.paper_id')} order by pt.paper_id, t.name collate nocase`,
      ).all(params) as KV[],
      notes: prepare(`select paper_id as k, markdown as v from notes ${only(ids, 'paper_id')}`).all(
        params,
      ) as KV[],
      days: prepare(
        `select paper_id as k, day as v from daily_appearances ${only(ids, 'paper_id')}
         order by paper_id, day desc`,
      ).all(params) as KV[],
    }));
    const { papers, authors, tags, notes, days } = read.deferred();
    const authorsOf = group(authors);
    const tagsOf = group(tags);
    const daysOf = group(days);
    const noteOf = new Map(notes.map((n) => [n.k, n.v]));
    return papers.map((p): SearchDocument => ({
      id: p.id,
      title: p.title,
      authors: authorsOf.get(p.id) ?? [],
      tags: tagsOf.get(p.id) ?? [],
      notes: noteOf.get(p.id) ?? '',
      abstract: p.abstract,
      status: p.status as ReadingStatus,
      starred: p.starred === 1,
      year: publicationYear(p.published_at, p.id),
      days: daysOf.get(p.id) ?? [],
      lastFeaturedDay: p.last_featured_day,
      addedAt: p.added_at,
      upvotes: p.upvotes,
    }));
  };

  const fingerprints = (ids?: string[]): Map<string, string> => {
    const params = ids ? { ids: JSON.stringify(ids) } : {};
    const rows = prepare(
      `select p.id as k, p.updated_at || char(31) || p.status || char(31) || p.starred || char(31)
         || coalesce(p.last_featured_day, '') || char(31) || p.added_at || char(31) || p.upvotes
         || char(31) || coalesce((select n.updated_at || length(n.markdown) from notes n
                                  where n.paper_id = p.id), '')
         || char(31) || coalesce((select group_concat(t.name, char(30)) from paper_tags pt
                                  join tags t on t.id = pt.tag_id where pt.paper_id = p.id), '')
         || char(31) || coalesce((select group_concat(day) from daily_appearances da
                                  where da.paper_id = p.id), '') as v
       from papers p ${only(ids, 'p.id')}`,
    ).all(params) as KV[];
    return new Map(rows.map((r) => [r.k, r.v]));
  };

  const dataVersion = prepare('pragma data_version').pluck();
  const totalChanges = prepare('select total_changes()').pluck();
  return {
    load,
    fingerprints,
    dataVersion: () => Number(dataVersion.get()),
    totalChanges: () => Number(totalChanges.get()),
  };
}

type KV = { k: string; v: string };

function group(rows: KV[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { k, v } of rows) {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  }
  return map;
}

/** The arXiv publication year; without a date, new-style ids carry it (`2509.x` -> 2025). */
export function publicationYear(publishedAt: string | null, id: string): number | null {
  const fromDate = publishedAt ? Number(publishedAt.slice(0, 4)) : NaN;
  if (Number.isInteger(fromDate) && fromDate > 1900) return fromDate;
  const m = /^(\d{2})\d{2}\./.exec(id) ?? /\/(\d{2})\d{5}$/.exec(id);
  if (!m) return null;
  const yy = Number(m[1]);
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}
