import { sql, type Kysely } from 'kysely';

/**
 * The search index is persisted beside the library (search/index/store.ts), so a
 * new process answers its first query without rebuilding it. To know what the
 * stored index has not seen, every write that changes what search reads appends
 * the paper's id to `search_dirty`, from triggers: whichever process or code path
 * writes (the app, the CLI, the ingest thread, an import), nothing is missed, and
 * the write pays one small append instead of re-indexing the paper. The index
 * reads the ids after its last `seq` and re-reads only those papers.
 *
 * `search_state` holds the token of the stored index that matches this library
 * file; a restored or copied library carries another token, so its index is
 * rebuilt rather than trusted.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table search_dirty (seq integer primary key, paper_id text not null)`.execute(
    db,
  );
  await sql`create table search_state (key text primary key not null, value text not null)
    without rowid`.execute(db);
  const mark = (name: string, when: string, id: string) =>
    sql
      .raw(
        `create trigger ${name} ${when} begin
           insert into search_dirty (paper_id) values (${id});
         end`,
      )
      .execute(db);
  // Only the columns search reads (an update of a PDF path or a sync time is not news).
  await mark('search_dirty_paper_insert', 'after insert on papers', 'new.id');
  await mark(
    'search_dirty_paper_update',
    `after update of id, title, abstract, authors, published_at, upvotes, last_featured_day,
       status, starred, added_at on papers`,
    'new.id',
  );
  await mark('search_dirty_paper_delete', 'after delete on papers', 'old.id');
  await mark('search_dirty_note_insert', 'after insert on notes', 'new.paper_id');
  await mark('search_dirty_note_update', 'after update on notes', 'new.paper_id');
  await mark('search_dirty_note_delete', 'after delete on notes', 'old.paper_id');
  await mark('search_dirty_tag_link', 'after insert on paper_tags', 'new.paper_id');
  await mark('search_dirty_tag_unlink', 'after delete on paper_tags', 'old.paper_id');
  // A paper featured on the day its row already names was marked by that row's own
  // write (the ingest sets last_featured_day first): one mark per synced paper, not two.
  await mark(
    'search_dirty_day_insert',
    `after insert on daily_appearances when new.day is not
       (select last_featured_day from papers where id = new.paper_id)`,
    'new.paper_id',
  );
  await mark('search_dirty_day_delete', 'after delete on daily_appearances', 'old.paper_id');
  await sql`create trigger search_dirty_tag_rename after update of name on tags begin
      insert into search_dirty (paper_id) select paper_id from paper_tags where tag_id = new.id;
    end`.execute(db);
}
