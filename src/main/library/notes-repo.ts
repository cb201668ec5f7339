import type { Kysely, Selectable } from 'kysely';
import type { Note, NoteSummary } from '../../shared/domain';
import type { Database, NotesTable } from '../db/schema';
import { replaceNoteLinks } from './note-links-repo';

/** A notes row as the domain's Note. */
export function noteFromRow(row: Selectable<NotesTable>): Note {
  return {
    paperId: row.paper_id,
    markdown: row.markdown,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getNote(db: Kysely<Database>, paperId: string): Promise<Note | null> {
  const row = await db
    .selectFrom('notes')
    .selectAll()
    .where('paper_id', '=', paperId)
    .executeTakeFirst();
  return row ? noteFromRow(row) : null;
}

/**
 * Insert or update; `created_at` is kept from the first save. The note's links
 * are replaced too: call it inside a transaction so both land together.
 */
export async function upsertNote(
  db: Kysely<Database>,
  paperId: string,
  markdown: string,
  now: string,
): Promise<Note> {
  const row = await db
    .insertInto('notes')
    .values({ paper_id: paperId, markdown, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.column('paper_id').doUpdateSet((eb) => ({
        markdown: eb.ref('excluded.markdown'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceNoteLinks(db, paperId, markdown);
  return noteFromRow(row);
}

/** Deletes the note; its links go with it (note_links references notes, on delete cascade). */
export async function deleteNote(db: Kysely<Database>, paperId: string): Promise<void> {
  await db.deleteFrom('notes').where('paper_id', '=', paperId).execute();
}

/** The first lines of a note, as plain-ish text for a list row. */
export function noteExcerpt(markdown: string, maxChars = 280): string {
  const lines = markdown
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(?:```|~~~|---)/.test(l))
    .slice(0, 3)
    .join(' ');
  const text = lines.replace(/\s+/g, ' ');
  return text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;
}

/** Papers with a note, the most recently edited first. */
export async function listNotes(
  db: Kysely<Database>,
  offset: number,
  limit: number,
  ids?: string[],
): Promise<{ total: number; notes: NoteSummary[] }> {
  if (ids && ids.length === 0) return { total: 0, notes: [] };
  const count = await db
    .selectFrom('notes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(ids !== undefined, (q) => q.where('paper_id', 'in', ids!))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('notes as n')
    .innerJoin('papers as p', 'p.id', 'n.paper_id')
    .select(['n.paper_id as id', 'p.title as title', 'n.markdown as markdown', 'n.updated_at'])
    .$if(ids !== undefined, (q) => q.where('n.paper_id', 'in', ids!))
    .orderBy('n.updated_at', 'desc')
    .orderBy('n.paper_id')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: Number(count.n),
    notes: rows.map((r) => ({
      id: r.id,
      title: r.title,
      excerpt: noteExcerpt(r.markdown),
      updatedAt: r.updated_at,
    })),
  };
}
