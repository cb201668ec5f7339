import type BetterSqlite3 from 'better-sqlite3';
import type { PaperSource } from '../../shared/domain';
import type { FeedPaper } from '../sync/feed-schema';

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

export interface DayInput {
  day: string;
  papers: FeedPaper[];
  skipped: number;
}

export interface Ingester {
  /** Upsert one feed day in one transaction; with `markSynced` the day is recorded as finished. */
  ingestDay(
    input: DayInput,
    options: { source: PaperSource; markSynced: boolean; now: string },
  ): IngestCounts;
  /** Upsert papers that are not tied to a feed day (add-by-id, import). */
  upsertPapers(papers: FeedPaper[], options: { source: PaperSource; now: string }): IngestCounts;
}

export function createIngester(sqlite: BetterSqlite3.Database): Ingester {
  const selectExisting = sqlite.prepare<[string], { fingerprint: string }>(
    `select json_array(title, abstract, published_at, upvotes, num_comments, ai_summary, ai_keywords,
            github_repo, github_stars, project_page, thumbnail,
            (select json_group_array(json_array(name, hidden)) from
               (select name, hidden from paper_authors where paper_id = papers.id order by position))
     ) as fingerprint
     from papers where id = ?`,
  );
  const insertPaper = sqlite.prepare(
    `insert into papers (id, title, abstract, published_at, upvotes, num_comments, ai_summary,
       ai_keywords, github_repo, github_stars, project_page, thumbnail, last_featured_day, source,
       first_seen_at, updated_at, added_at)
     values (@id, @title, @abstract, @publishedAt, @upvotes, @numComments, @aiSummary,
       @aiKeywords, @githubRepo, @githubStars, @projectPage, @thumbnail, @day, @source,
       @now, @now, @now)`,
  );
  const updatePaper = sqlite.prepare(
    `update papers set title = @title, abstract = @abstract, published_at = @publishedAt,
       upvotes = @upvotes, num_comments = @numComments, ai_summary = @aiSummary,
       ai_keywords = @aiKeywords, github_repo = @githubRepo, github_stars = @githubStars,
       project_page = @projectPage, thumbnail = @thumbnail, updated_at = @now,
       source = case when source = 'sample' and @source = 'feed' then 'feed' else source end
     where id = @id`,
  );
  const touchFeaturedDay = sqlite.prepare(
    `update papers set last_featured_day = @day,
       source = case when source = 'sample' and @source = 'feed' then 'feed' else source end
     where id = @id and (last_featured_day is null or last_featured_day < @day
       or (source = 'sample' and @source = 'feed'))`,
  );
  const deleteAuthors = sqlite.prepare('delete from paper_authors where paper_id = ?');
  const insertAuthor = sqlite.prepare(
    'insert into paper_authors (paper_id, position, name, hidden) values (?, ?, ?, ?)',
  );
  const deleteDayAppearances = sqlite.prepare('delete from daily_appearances where day = ?');
  const insertAppearance = sqlite.prepare(
    'insert or replace into daily_appearances (day, paper_id, rank) values (?, ?, ?)',
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

  function fingerprint(paper: FeedPaper): string {
    return JSON.stringify([
      paper.title,
      paper.abstract,
      paper.publishedAt,
      paper.upvotes,
      paper.numComments,
      paper.aiSummary,
      keywordsJson(paper),
      paper.githubRepo,
      paper.githubStars,
      paper.projectPage,
      paper.thumbnail,
      paper.authors.map((a) => [a.name, a.hidden ? 1 : 0]),
    ]);
  }

  function upsertOne(
    paper: FeedPaper,
    source: PaperSource,
    now: string,
    day: string | null,
    counts: IngestCounts,
  ): void {
    const existing = selectExisting.get(paper.id);
    const params = {
      ...paper,
      aiKeywords: keywordsJson(paper),
      source,
      now,
      day,
    };
    if (!existing) {
      insertPaper.run(params);
      writeAuthors(paper);
      counts.added += 1;
      return;
    }
    if (existing.fingerprint === fingerprint(paper)) {
      counts.unchanged += 1;
    } else {
      updatePaper.run(params);
      deleteAuthors.run(paper.id);
      writeAuthors(paper);
      counts.updated += 1;
    }
  }

  function writeAuthors(paper: FeedPaper): void {
    paper.authors.forEach((author, position) => {
      insertAuthor.run(paper.id, position, author.name, author.hidden ? 1 : 0);
    });
  }

  const ingestDay = sqlite.transaction(
    (input: DayInput, options: { source: PaperSource; markSynced: boolean; now: string }) => {
      const counts: IngestCounts = { added: 0, updated: 0, unchanged: 0 };
      // The day's list is authoritative: a re-fetch replaces its appearances.
      const previous = sqlite
        .prepare<[string], { paper_id: string }>(
          'select paper_id from daily_appearances where day = ?',
        )
        .all(input.day)
        .map((r) => r.paper_id);
      deleteDayAppearances.run(input.day);
      const seen = new Set<string>();
      let rank = 0;
      for (const paper of input.papers) {
        if (seen.has(paper.id)) continue; // listed twice in one day: stored once
        seen.add(paper.id);
        upsertOne(paper, options.source, options.now, input.day, counts);
        insertAppearance.run(input.day, paper.id, rank);
        touchFeaturedDay.run({ id: paper.id, day: input.day, source: options.source });
        rank += 1;
      }
      const dropped = previous.filter((id) => !seen.has(id));
      if (dropped.length > 0) refreshLastDay.run(JSON.stringify(dropped));
      if (options.markSynced) markDay.run(input.day, options.now, seen.size, input.skipped);
      return counts;
    },
  );

  const upsertPapers = sqlite.transaction(
    (papers: FeedPaper[], options: { source: PaperSource; now: string }) => {
      const counts: IngestCounts = { added: 0, updated: 0, unchanged: 0 };
      for (const paper of papers) upsertOne(paper, options.source, options.now, null, counts);
      return counts;
    },
  );

  return { ingestDay, upsertPapers };
}

function keywordsJson(paper: FeedPaper): string | null {
  return paper.aiKeywords.length > 0 ? JSON.stringify(paper.aiKeywords) : null;
}
