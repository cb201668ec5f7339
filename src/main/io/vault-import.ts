import type { Kysely } from 'kysely';
import type { VaultImportResult } from '../../shared/api/io';
import { NOTE_MAX_CHARS } from '../../shared/api/common';
import { linkTarget } from '../../shared/note-links';
import type { Database } from '../db/schema';
import { deleteNote, upsertNote } from '../library/notes-repo';
import { bodyOf, readFrontMatter } from './markdown-export';
import { linksFromVault, normalizeNote, noteHash } from './vault-links';

/**
 * Notes edited in a Markdown vault come back. Each file names its paper by the
 * `id` in its front matter; `note_sha256` is the library's note as last
 * exported, so three cases are told apart:
 *  - only the vault changed: the vault's text becomes the note;
 *  - only the library changed (or neither): nothing to do, the next export
 *    writes the library's note;
 *  - both changed (to different texts): the library keeps both, its own first,
 *    then the vault's under a marked line, and the summary lists the paper.
 * Links to other files of the vault (`[[File name]]`) become ids again. A file
 * naming a paper the library does not have is reported, never invented.
 * One transaction: the notes and their links (note_links) change together.
 */
export async function importVault(
  db: Kysely<Database>,
  files: Array<{ fileName: string; content: string }>,
  now: string,
): Promise<VaultImportResult> {
  const result: VaultImportResult = {
    files: files.length,
    updated: [],
    unchanged: 0,
    conflicts: [],
    unknown: [],
    skipped: [],
  };
  const entries: Array<{ fileName: string; id: string; body: string; base: string | null }> = [];
  for (const file of files) {
    const front = readFrontMatter(file.content);
    // `id: 2501.10000` written by hand is a YAML number (2501.1): read the text as written.
    const rawId =
      typeof front?.id === 'string'
        ? front.id
        : front && typeof front.id === 'number'
          ? (/^id:[ \t]*([^\s#]+)/m.exec(file.content)?.[1] ?? null)
          : null;
    const id = rawId ? linkTarget(rawId) : null;
    if (!front || !id) {
      result.skipped.push(file.fileName);
      continue;
    }
    const base = typeof front.note_sha256 === 'string' ? front.note_sha256 : null;
    entries.push({ fileName: file.fileName, id, body: bodyOf(file.content), base });
  }
  // Obsidian links name files (case-insensitively): the vault's own names map to ids.
  const idByStem = new Map(
    entries.map((e) => [e.fileName.replace(/\.md$/i, '').toLowerCase(), e.id]),
  );

  await db.transaction().execute(async (trx) => {
    for (const entry of entries) {
      const paper = await trx
        .selectFrom('papers')
        .leftJoin('notes', 'notes.paper_id', 'papers.id')
        .select(['papers.id', 'notes.markdown'])
        .where('papers.id', '=', entry.id)
        .executeTakeFirst();
      if (!paper) {
        result.unknown.push({ id: entry.id, fileName: entry.fileName });
        continue;
      }
      const ours = paper.markdown ?? '';
      const theirs = normalizeNote(linksFromVault(entry.body, idByStem));
      const exported = entry.base ?? noteHash('');
      const isVaultChanged = noteHash(theirs) !== exported;
      const isLibraryChanged = noteHash(ours) !== exported;
      // Nothing new from the vault, or its text is already in the note (an earlier import kept both).
      if (
        !isVaultChanged ||
        normalizeNote(ours) === theirs ||
        (theirs !== '' && ours.includes(theirs))
      ) {
        result.unchanged += 1;
        continue;
      }
      let next = theirs;
      if (isLibraryChanged) {
        next = `${normalizeNote(ours)}\n\n${conflictMark(entry.fileName, now)}\n\n${theirs}`;
        result.conflicts.push({ id: entry.id, fileName: entry.fileName });
      } else {
        result.updated.push({ id: entry.id, fileName: entry.fileName });
      }
      if (next.length > NOTE_MAX_CHARS) next = next.slice(0, NOTE_MAX_CHARS);
      if (next.trim() === '') await deleteNote(trx, entry.id);
      else await upsertNote(trx, entry.id, next, now);
    }
  });
  return result;
}

/** The line between the library's note and the vault's version of it (an Obsidian callout too). */
export function conflictMark(fileName: string, now: string): string {
  return [
    '---',
    '',
    `> [!warning] Changed in Papershelf and in the vault since the last export.`,
    `> Above: Papershelf's note. Below: the vault's version (${fileName}, imported ${now.slice(0, 10)}).`,
    '> Keep what you want and delete the rest.',
  ].join('\n');
}
