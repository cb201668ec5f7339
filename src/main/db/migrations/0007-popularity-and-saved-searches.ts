import { sql, type Kysely } from 'kysely';

/**
 * Popularity history and saved searches (issue 17).
 *
 * `paper_popularity` keeps one row per observed change of a paper's upvotes,
 * comments or GitHub stars. Triggers write it, so every writer (sync on either
 * thread, imports, add-by-id) records changes the same way, set-based and only
 * on change: a re-synced unchanged day fires nothing, and a newly inserted paper
 * writes no history row (sync stays as fast as before). The first change of a
 * paper also records the counts it had until then, at the time they were last
 * written (`updated_at`), so growth is measured from the first observation.
 * `insert or replace`: two changes stamped with the same instant keep the later.
 *
 * `saved_searches`: named views (a search query with its scope), in the
 * sidebar's order (`position`).
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table paper_popularity (
    paper_id text not null references papers (id) on delete cascade,
    at text not null,
    upvotes integer not null,
    comments integer not null,
    github_stars integer,
    primary key (paper_id, at)
  ) without rowid`.execute(db);
  // "Rising" asks which papers changed since a moment: a walk of this index.
  await sql`create index paper_popularity_at on paper_popularity (at)`.execute(db);
  await sql`create trigger paper_popularity_on_change
    after update of upvotes, num_comments, github_stars on papers
    when old.upvotes is not new.upvotes or old.num_comments is not new.num_comments
      or old.github_stars is not new.github_stars
    begin
      insert or ignore into paper_popularity (paper_id, at, upvotes, comments, github_stars)
        select old.id, old.updated_at, old.upvotes, old.num_comments, old.github_stars
        where not exists (select 1 from paper_popularity where paper_id = old.id);
      insert or replace into paper_popularity (paper_id, at, upvotes, comments, github_stars)
        values (new.id,
          case when new.updated_at > old.updated_at then new.updated_at
            else strftime('%Y-%m-%dT%H:%M:%fZ', 'now') end,
          new.upvotes, new.num_comments, new.github_stars);
    end`.execute(db);

  await sql`create table saved_searches (
    id integer primary key autoincrement,
    name text collate nocase not null unique,
    query text not null,
    view text not null default 'all'
      check (view in ('inbox', 'toread', 'reading', 'read', 'archived', 'starred', 'all')),
    tag text,
    position integer not null,
    created_at text not null
  )`.execute(db);
}
