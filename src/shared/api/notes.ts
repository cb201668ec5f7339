import { z } from 'zod';
import type { Backlink, LinkedPaper, NoteSummary } from '../domain';
import { paperId } from './common';

/** Notes that connect (issue 18): links between papers, backlinks, the All notes view. */
export const notesInputs = {
  /** What this paper's note links to, and which notes link here. */
  getNoteLinks: z.strictObject({ id: paperId }),
  /** Titles for ids named in a note being previewed (null: not in the library). */
  getPaperTitles: z.strictObject({ ids: z.array(paperId).max(500) }),
  /** Every paper with a note, the most recently edited first, with the note's first lines. */
  listNotes: z.strictObject({
    /** Only these papers' notes (the All notes view's search results). */
    ids: z.array(paperId).max(5_000).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5_000).default(200),
  }),
};

export interface NoteLinks {
  /** Papers this note links to, in the note's order. */
  links: LinkedPaper[];
  /** Papers whose notes link here, most recently edited first. */
  backlinks: Backlink[];
}

export interface NotesOutputs {
  getNoteLinks: NoteLinks;
  getPaperTitles: LinkedPaper[];
  listNotes: { total: number; notes: NoteSummary[] };
}
