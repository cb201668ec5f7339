-- index daily_appearances_paper
CREATE INDEX "daily_appearances_paper" on "daily_appearances" ("paper_id", "day");

-- index note_links_to
CREATE INDEX note_links_to on note_links (to_id, from_id);

-- index paper_popularity_at
CREATE INDEX paper_popularity_at on paper_popularity (at);

-- index paper_tags_tag
CREATE INDEX "paper_tags_tag" on "paper_tags" ("tag_id");

-- index papers_list_added
CREATE INDEX papers_list_added on papers (added_at desc, id, status, starred);

-- index papers_list_featured
CREATE INDEX papers_list_featured on papers (coalesce(last_featured_day, substr(added_at, 1, 10)) desc, upvotes desc, id, status, starred);

-- index papers_sample
CREATE INDEX papers_sample on papers (source) where source = 'sample';

-- index papers_starred
CREATE INDEX "papers_starred" on "papers" ("starred") where "starred" = 1;

-- index papers_status
CREATE INDEX "papers_status" on "papers" ("status");

-- table daily_appearances
CREATE TABLE "daily_appearances" ("day" text not null, "paper_id" text not null references "papers" ("id") on delete cascade, "rank" integer not null, constraint "daily_appearances_pk" primary key ("day", "paper_id")) without rowid;

-- table note_links
CREATE TABLE note_links (
    from_id text not null references notes (paper_id) on delete cascade,
    to_id text not null,
    context text not null,
    primary key (from_id, to_id)
  ) without rowid;

-- table notes
CREATE TABLE "notes" ("paper_id" text primary key references "papers" ("id") on delete cascade, "markdown" text not null, "created_at" text not null, "updated_at" text not null);

-- table paper_popularity
CREATE TABLE paper_popularity (
    paper_id text not null references papers (id) on delete cascade,
    at text not null,
    upvotes integer not null,
    comments integer not null,
    github_stars integer,
    primary key (paper_id, at)
  ) without rowid;

-- table paper_tags
CREATE TABLE "paper_tags" ("paper_id" text not null references "papers" ("id") on delete cascade, "tag_id" integer not null references "tags" ("id") on delete cascade, "added_at" text not null, constraint "paper_tags_pk" primary key ("paper_id", "tag_id")) without rowid;

-- table papers
CREATE TABLE "papers" ("id" text primary key, "title" text not null, "abstract" text default '' not null, "published_at" text, "upvotes" integer default 0 not null, "num_comments" integer default 0 not null, "ai_summary" text, "ai_keywords" text, "github_repo" text, "github_stars" integer, "project_page" text, "thumbnail" text, "last_featured_day" text, "source" text not null check (source in ('feed', 'sample', 'import', 'manual')), "first_seen_at" text not null, "updated_at" text not null, "status" text default 'inbox' not null check (status in ('inbox', 'toread', 'reading', 'read', 'archived')), "starred" integer default 0 not null check (starred in (0, 1)), "added_at" text not null, "status_changed_at" text, "authors" text default '[]' not null);

-- table replica_pending
CREATE TABLE replica_pending (
    paper_id text primary key
  ) without rowid;

-- table replica_state
CREATE TABLE replica_state (
    key text primary key,
    value text not null
  ) without rowid;

-- table replica_tag_ids
CREATE TABLE replica_tag_ids (
    tag_id integer primary key,
    doc_id text not null unique
  );

-- table replica_updates
CREATE TABLE replica_updates (
    seq integer primary key autoincrement,
    data blob not null
  );

-- table saved_searches
CREATE TABLE saved_searches (
    id integer primary key autoincrement,
    name text collate nocase not null unique,
    query text not null,
    view text not null default 'all'
      check (view in ('inbox', 'toread', 'reading', 'read', 'archived', 'starred', 'all')),
    tag text,
    position integer not null,
    created_at text not null
  );

-- table search_dirty
CREATE TABLE search_dirty (seq integer primary key, paper_id text not null);

-- table search_state
CREATE TABLE search_state (key text primary key not null, value text not null)
    without rowid;

-- table settings
CREATE TABLE "settings" ("key" text primary key, "value" text not null);

-- table synced_days
CREATE TABLE "synced_days" (day text primary key not null, fetched_at text not null,
    count integer not null, skipped integer default 0 not null) without rowid;

-- table tags
CREATE TABLE "tags" ("id" integer primary key autoincrement, "name" text collate nocase not null unique, "color" text not null, "created_at" text not null);

-- trigger paper_popularity_on_change
CREATE TRIGGER paper_popularity_on_change
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
    end;

-- trigger search_dirty_day_delete
CREATE TRIGGER search_dirty_day_delete after delete on daily_appearances begin
           insert into search_dirty (paper_id) values (old.paper_id);
         end;

-- trigger search_dirty_day_insert
CREATE TRIGGER search_dirty_day_insert after insert on daily_appearances when new.day is not
       (select last_featured_day from papers where id = new.paper_id) begin
           insert into search_dirty (paper_id) values (new.paper_id);
         end;

-- trigger search_dirty_note_delete
CREATE TRIGGER search_dirty_note_delete after delete on notes begin
           insert into search_dirty (paper_id) values (old.paper_id);
         end;

-- trigger search_dirty_note_insert
CREATE TRIGGER search_dirty_note_insert after insert on notes begin
           insert into search_dirty (paper_id) values (new.paper_id);
         end;

-- trigger search_dirty_note_update
CREATE TRIGGER search_dirty_note_update after update on notes begin
           insert into search_dirty (paper_id) values (new.paper_id);
         end;

-- trigger search_dirty_paper_delete
CREATE TRIGGER search_dirty_paper_delete after delete on papers begin
           insert into search_dirty (paper_id) values (old.id);
         end;

-- trigger search_dirty_paper_insert
CREATE TRIGGER search_dirty_paper_insert after insert on papers begin
           insert into search_dirty (paper_id) values (new.id);
         end;

-- trigger search_dirty_paper_update
CREATE TRIGGER search_dirty_paper_update after update of id, title, abstract, authors, published_at, upvotes, last_featured_day,
       status, starred, added_at on papers begin
           insert into search_dirty (paper_id) values (new.id);
         end;

-- trigger search_dirty_tag_link
CREATE TRIGGER search_dirty_tag_link after insert on paper_tags begin
           insert into search_dirty (paper_id) values (new.paper_id);
         end;

-- trigger search_dirty_tag_rename
CREATE TRIGGER search_dirty_tag_rename after update of name on tags begin
      insert into search_dirty (paper_id) select paper_id from paper_tags where tag_id = new.id;
    end;

-- trigger search_dirty_tag_unlink
CREATE TRIGGER search_dirty_tag_unlink after delete on paper_tags begin
           insert into search_dirty (paper_id) values (old.paper_id);
         end;
