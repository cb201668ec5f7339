import type { Kysely, Selectable } from 'kysely';
import type { Note } from '../../shared/domain';
import type { Database, NotesTable } from '../db/schema';

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

/** Insert or update; `created_at` is kept from the first save. */
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
  return noteFromRow(row);
}

export async function deleteNote(db: Kysely<Database>, paperId: string): Promise<void> {
  await db.deleteFrom('notes').where('paper_id', '=', paperId).execute();
}
