import { sql, type Kysely } from 'kysely';
import { linksWithContext } from '../../../shared/note-links';

/**
 * Links between papers written in notes (`[[2509.04664]]`, issue 18), stored so
 * that "Linked from" (backlinks) is one indexed read. `from_id` is the paper
 * whose note links; deleting the note (or its paper) deletes its links.
 * `to_id` is any paper key, in the library or not (a link may name a paper not
 * added yet). `context` is the sentence around the first mention.
 *
 * Every writer of `notes` replaces the note's rows in the same transaction
 * (library/note-links-repo.ts). This migration fills the table from the notes
 * already there with the shared parser (src/shared/note-links.ts): a parser
 * that changes later gets a migration of its own that refills it.
 *
 * Frozen: takes Kysely<any> and must not change with the app's types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table note_links (
    from_id text not null references notes (paper_id) on delete cascade,
    to_id text not null,
    context text not null,
    primary key (from_id, to_id)
  ) without rowid`.execute(db);
  await sql`create index note_links_to on note_links (to_id, from_id)`.execute(db);

  const notes = await sql<{ paper_id: string; markdown: string }>`
    select paper_id, markdown from notes where instr(markdown, '[[') > 0`.execute(db);
  for (const note of notes.rows) {
    for (const link of linksWithContext(note.markdown, note.paper_id)) {
      await sql`insert into note_links (from_id, to_id, context)
        values (${note.paper_id}, ${link.id}, ${link.context})`.execute(db);
    }
  }
}
