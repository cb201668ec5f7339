import type BetterSqlite3 from 'better-sqlite3';
import type { PaperSource } from '../../shared/domain';
import type { FeedPaper } from './feed-paper';
import {
  FEED_COLUMNS,
  feedColumns,
  feedValues,
  sameFeedColumns,
  type FeedColumns,
} from './paper-columns';

/**
 * Writes feed papers. This is the sync hot path (tens of thousands of papers in
 * a backfill), so it uses prepared better-sqlite3 statements rather than the
 * query builder. It only ever writes feed-owned columns of existing papers:
 * status, star, tags, notes and added_at belong to the user.
 */
export interface IngestCounts {
  added: number;
  updated: number;
  unchanged: number;
}

export interface IngestResult extends IngestCounts {
  /**
   * Papers whose row or appearances changed (added, updated, newly featured on
   * the day, moved in its ranking, or dropped from it). Empty when the day was
   * already stored exactly as fetched: nothing needs re-indexing or redrawing.
   */
  changedIds: string[];
}

export interface DayInput {
  day: string;
  papers: FeedPaper[];
  skipped: number;
}

export interface IngestDayOptions {
  source: PaperSource;
  markSynced: boolean;
  now: string;
}

export interface Ingester {
  /** Upsert one feed day in one transaction; with `markSynced` the day is recorded as finished. */
  ingestDay(input: DayInput, options: IngestDayOptions): IngestResult;
  /** Upsert papers that are not tied to a feed day (add-by-id, import). */
  upsertPapers(papers: FeedPaper[], options: { source: PaperSource; now: string }): IngestResult;
}

export function createIngester(sqlite: BetterSqlite3.Database): Ingester {
  // One query per day (not per paper) finds which papers exist, how they look and
  // which day they were last featured on.
  const feedList = FEED_COLUMNS.join(', ');
  const selectExisting = sqlite.prepare<[string], ExistingRow>(
    `select id, ${feedList}, last_featured_day, source
     from papers where id in (select value from json_each(?))`,
  );
  function existingPapers(papers: FeedPaper[]): Map<string, ExistingRow> {
    const found = new Map<string, ExistingRow>();
    for (const row of selectExisting.all(JSON.stringify(papers.map((p) => p.id)))) {
      found.set(row.id, row);
    }
    return found;
  }
  // Positional parameters (in FEED_COLUMNS order): binding by name costs a
  // lookup per column per row.
  const insertPaper = sqlite.prepare(
    `insert into papers (id, ${feedList},
       last_featured_day, source, first_seen_at, updated_at, added_at)
     values (?, ${FEED_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?)`,
  );
  const updatePaper = sqlite.prepare(
    `update papers set ${FEED_COLUMNS.map((column) => `${column} = ?`).join(', ')},
       updated_at = ?,
       source = case when source = 'sample' and ? = 'feed' then 'feed' else source end
     where id = ?`,
  );
  const touchFeaturedDay = sqlite.prepare(
    `update papers set last_featured_day = @day,
       source = case when source = 'sample' and @source = 'feed' then 'feed' else source end
     where id = @id and (last_featured_day is null or last_featured_day < @day
       or (source = 'sample' and @source = 'feed'))`,
  );
  const selectDayAppearances = sqlite.prepare<[string], { paper_id: string; rank: number }>(
    'select paper_id, rank from daily_appearances where day = ?',
  );
  const deleteAppearance = sqlite.prepare(
    'delete from daily_appearances where day = ? and paper_id = ?',
  );
  const upsertAppearance = sqlite.prepare(
    `insert into daily_appearances (day, paper_id, rank) values (?, ?, ?)
     on conflict (day, paper_id) do update set rank = excluded.rank`,
  );
  const markDay = sqlite.prepare(
    `insert into synced_days (day, fetched_at, count, skipped) values (?, ?, ?, ?)
     on conflict (day) do update set fetched_at = excluded.fetched_at, count = excluded.count,
       skipped = excluded.skipped`,
  );
  const refreshLastDay = sqlite.prepare(
    `update papers set last_featured_day =
       (select max(day) from daily_appearances where paper_id = papers.id)
     where id in (select value from json_each(?))`,
  );

  /** Returns what happened to the paper's row. */
  function upsertOne(
    paper: FeedPaper,
    existing: ExistingRow | undefined,
    source: PaperSource,
    now: string,
    day: string | null,
  ): 'added' | 'updated' | 'unchanged' {
    const columns = feedColumns(paper);
    if (existing === undefined) {
      insertPaper.run(paper.id, ...feedValues(columns), day, source, now, now, now);
      return 'added';
    }
    // Re-syncing an unchanged day writes nothing.
    if (sameFeedColumns(existing, columns)) return 'unchanged';
    updatePaper.run(...feedValues(columns), now, source, paper.id);
    return 'updated';
  }

  const ingestDayTransaction = sqlite.transaction((input: DayInput, options: IngestDayOptions) => {
    const result: IngestResult = { added: 0, updated: 0, unchanged: 0, changedIds: [] };
    // The day's list is authoritative: a re-fetch replaces its appearances.
    const previous = new Map(
      selectDayAppearances.all(input.day).map((r) => [r.paper_id, r.rank] as const),
    );
    const existing = existingPapers(input.papers);
    const seen = new Set<string>();
    let rank = 0;
    for (const paper of input.papers) {
      if (seen.has(paper.id)) continue; // listed twice in one day: stored once
      seen.add(paper.id);
      const stored = existing.get(paper.id);
      const outcome = upsertOne(paper, stored, options.source, options.now, input.day);
      result[outcome] += 1;
      const previousRank = previous.get(paper.id);
      if (previousRank !== rank) upsertAppearance.run(input.day, paper.id, rank);
      // A fresh insert already carries this day; a stored paper may need it (or to
      // pass from the sample to the feed). Most re-synced papers need neither.
      const touched =
        stored !== undefined &&
        needsTouch(stored, input.day, options.source) &&
        touchFeaturedDay.run({ id: paper.id, day: input.day, source: options.source }).changes > 0;
      if (outcome !== 'unchanged' || touched || previousRank !== rank) {
        result.changedIds.push(paper.id);
      }
      rank += 1;
    }
    const dropped = [...previous.keys()].filter((id) => !seen.has(id));
    if (dropped.length > 0) {
      for (const id of dropped) deleteAppearance.run(input.day, id);
      refreshLastDay.run(JSON.stringify(dropped));
      result.changedIds.push(...dropped);
    }
    if (options.markSynced) markDay.run(input.day, options.now, seen.size, input.skipped);
    return result;
  });

  const upsertPapers = sqlite.transaction(
    (papers: FeedPaper[], options: { source: PaperSource; now: string }) => {
      const result: IngestResult = { added: 0, updated: 0, unchanged: 0, changedIds: [] };
      const existing = existingPapers(papers);
      const seen = new Set<string>();
      for (const paper of papers) {
        if (seen.has(paper.id)) continue;
        seen.add(paper.id);
        const outcome = upsertOne(paper, existing.get(paper.id), options.source, options.now, null);
        result[outcome] += 1;
        if (outcome !== 'unchanged') result.changedIds.push(paper.id);
      }
      return result;
    },
  );

  return {
    // BEGIN IMMEDIATE: the day takes the write lock before its first read. A
    // deferred transaction that read first could not upgrade after another
    // connection (the app's, while a worker thread syncs) committed in between.
    ingestDay: (input, options) => ingestDayTransaction.immediate(input, options),
    upsertPapers,
  };
}

interface ExistingRow extends FeedColumns {
  id: string;
  last_featured_day: string | null;
  source: string;
}

function needsTouch(row: ExistingRow, day: string, source: PaperSource): boolean {
  return (
    row.last_featured_day === null ||
    row.last_featured_day < day ||
    (row.source === 'sample' && source === 'feed')
  );
}
