import type { Kysely } from 'kysely';
import type { Backlink, LinkedPaper } from '../../shared/domain';
import { linksWithContext } from '../../shared/note-links';
import type { Database } from '../db/schema';

/**
 * The links a note makes (`[[id]]`), stored in `note_links` (migration 0008).
 * Every writer of a note calls `replaceNoteLinks` with the text it stored, in
 * the same transaction; deleting a note deletes its links (a foreign key).
 */
export async function replaceNoteLinks(
  db: Kysely<Database>,
  paperId: string,
  markdown: string,
): Promise<void> {
  await db.deleteFrom('note_links').where('from_id', '=', paperId).execute();
  const links = linksWithContext(markdown, paperId);
  for (let i = 0; i < links.length; i += 300) {
    await db
      .insertInto('note_links')
      .values(
        links.slice(i, i + 300).map((l) => ({ from_id: paperId, to_id: l.id, context: l.context })),
      )
      .execute();
  }
}

/** The papers this paper's note links to, in the note's order; `title` null when not in the library. */
export async function linksFrom(db: Kysely<Database>, paperId: string): Promise<LinkedPaper[]> {
  const note = await db
    .selectFrom('notes')
    .select('markdown')
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  if (!note) return [];
  const order = linksWithContext(note.markdown, paperId).map((l) => l.id);
  return paperTitles(db, order);
}

/** Titles of the papers the library has, for each id (null when it has none), in the order given. */
export async function paperTitles(db: Kysely<Database>, ids: string[]): Promise<LinkedPaper[]> {
  const titles = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('papers')
      .select(['id', 'title'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) titles.set(r.id, r.title);
  }
  return ids.map((id) => ({ id, title: titles.get(id) ?? null }));
}

/** Every paper whose note links here, most recently edited note first. */
export async function backlinksTo(db: Kysely<Database>, paperId: string): Promise<Backlink[]> {
  const rows = await db
    .selectFrom('note_links as l')
    .innerJoin('notes as n', 'n.paper_id', 'l.from_id')
    .innerJoin('papers as p', 'p.id', 'l.from_id')
    .select(['l.from_id as id', 'p.title as title', 'l.context as context'])
    .where('l.to_id', '=', paperId)
    .orderBy('n.updated_at', 'desc')
    .orderBy('l.from_id')
    .execute();
  return rows;
}
