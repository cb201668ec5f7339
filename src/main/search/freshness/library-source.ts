import type BetterSqlite3 from 'better-sqlite3';
import { READING_STATUSES, type ReadingStatus } from '../../../shared/domain';
import { shownAuthorNames } from '../../library/authors-json';
import type { SearchDocument } from '../index/documents';

/** A paper as loaded, with the fingerprint the live index compares later. */
export interface LoadedPaper {
  doc: SearchDocument;
  fingerprint: string;
}

/**
 * Where the live index reads papers from. The only part of search that knows
 * about SQLite; tests and the benchmark can hand the index documents directly.
 */
export interface LibrarySource {
  /** Every paper, or only these ids (missing ids are simply absent). */
  load(ids?: string[]): LoadedPaper[];
  /**
   * A short text per paper that changes whenever anything search reads changes
   * (its own update time, status, star, days, note, tags). Reads no text fields.
   */
  fingerprints(ids?: string[]): Map<string, string>;
  /** Every paper's tags, in the order papers list them (for a tags-only check). */
  tags(): Map<string, string[]>;
  /** Changes by other connections (another process: the CLI while the app runs). */
  dataVersion(): number;
  /** Changes by this connection, announced by an event or not. */
  totalChanges(): number;
}

/** The columns a fingerprint is made of. */
interface MetaRow {
  id: string;
  updated_at: string;
  status: string;
  starred: number;
  last_featured_day: string | null;
  added_at: string;
  upvotes: number;
  note_at: string | null;
  note_length: number | null;
}

interface PaperRow extends MetaRow {
  title: string;
  abstract: string;
  /** JSON (library/authors-json.ts). */
  authors: string;
  published_at: string | null;
}

type KV = { k: string; v: string };

const META_COLUMNS = `p.id, p.updated_at, p.status, p.starred, p.last_featured_day, p.added_at,
  p.upvotes, n.updated_at as note_at, length(n.markdown) as note_length`;

/**
 * Reads with prepared statements inside one read transaction: a consistent
 * snapshot (no write can land between the reads) and the fastest path for
 * loading 50,000 papers, which is what the first search waits for.
 */
export function sqliteSource(sqlite: BetterSqlite3.Database): LibrarySource {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const all = <T>(sqlText: string, ids: string[] | undefined): T[] => {
    let stmt = statements.get(sqlText);
    if (!stmt) statements.set(sqlText, (stmt = sqlite.prepare(sqlText)));
    return stmt.all(ids ? { ids: JSON.stringify(ids) } : {}) as T[];
  };
  const only = (ids: string[] | undefined, column: string) =>
    ids ? `where ${column} in (select value from json_each(@ids))` : '';
  const tagsOf = (ids?: string[]) =>
    group(
      all<KV>(
        `select pt.paper_id as k, t.name as v from paper_tags pt join tags t on t.id = pt.tag_id
         ${only(ids, 'pt.paper_id')} order by pt.paper_id, t.name collate nocase, t.name`,
        ids,
      ),
    );
  const daysOf = (ids?: string[]) =>
    group(
      all<KV>(
        `select paper_id as k, day as v from daily_appearances ${only(ids, 'paper_id')}
         order by paper_id, day desc`,
        ids,
      ),
    );

  const load = sqlite.transaction((ids?: string[]): LoadedPaper[] => {
    const papers = all<PaperRow>(
      `select ${META_COLUMNS}, p.title, p.abstract, p.authors, p.published_at
       from papers p left join notes n on n.paper_id = p.id ${only(ids, 'p.id')}`,
      ids,
    );
    const notes = new Map(
      all<KV>(`select paper_id as k, markdown as v from notes ${only(ids, 'paper_id')}`, ids).map(
        (n) => [n.k, n.v],
      ),
    );
    const tags = tagsOf(ids);
    const days = daysOf(ids);
    return papers.map((p) => {
      const paperTags = tags.get(p.id) ?? [];
      const paperDays = days.get(p.id) ?? [];
      return {
        doc: {
          id: p.id,
          title: p.title,
          authors: shownAuthorNames(p.authors),
          tags: paperTags,
          notes: notes.get(p.id) ?? '',
          abstract: p.abstract,
          status: canonicalStatus(p.status),
          starred: p.starred === 1,
          year: publicationYear(p.published_at, p.id),
          days: paperDays,
          lastFeaturedDay: p.last_featured_day,
          addedAt: p.added_at,
          upvotes: p.upvotes,
        },
        fingerprint: fingerprintOf(p, paperTags, paperDays),
      };
    });
  });

  const fingerprints = sqlite.transaction((ids?: string[]): Map<string, string> => {
    const rows = all<MetaRow>(
      `select ${META_COLUMNS} from papers p left join notes n on n.paper_id = p.id
       ${only(ids, 'p.id')}`,
      ids,
    );
    const tags = tagsOf(ids);
    const days = daysOf(ids);
    return new Map(
      rows.map((r) => [r.id, fingerprintOf(r, tags.get(r.id) ?? [], days.get(r.id) ?? [])]),
    );
  });

  const dataVersion = sqlite.prepare('pragma data_version').pluck();
  const totalChanges = sqlite.prepare('select total_changes()').pluck();
  return {
    // Deferred: a read transaction, so the reads see one snapshot.
    load: (ids) => load.deferred(ids),
    tags: () => tagsOf(),
    fingerprints: (ids) => fingerprints.deferred(ids),
    dataVersion: () => Number(dataVersion.get()),
    totalChanges: () => Number(totalChanges.get()),
  };
}

/** The same text for the same state, whether computed while loading or while checking. */
function fingerprintOf(row: MetaRow, tags: string[], days: string[]): string {
  return [
    row.updated_at,
    row.status,
    row.starred,
    row.last_featured_day ?? '',
    row.added_at,
    row.upvotes,
    row.note_at ?? '',
    row.note_length ?? '',
    tags.join('\u001e'),
    days.join(','),
  ].join('\u001f');
}

function group(rows: KV[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { k, v } of rows) {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  }
  return map;
}

const STATUSES = new Map<string, ReadingStatus>(READING_STATUSES.map((s) => [s, s]));

/** The shared constant for a status, so filters compare one string object, not 50,000 copies. */
function canonicalStatus(status: string): ReadingStatus {
  return STATUSES.get(status) ?? 'inbox';
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
