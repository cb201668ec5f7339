import type { NotesOutputs } from '../../shared/api';
import type { Handlers, ServiceContext } from '../context/service-context';
import { backlinksTo, linksFrom, paperTitles } from './note-links-repo';
import { listNotes } from './notes-repo';

/** Links between papers written in notes, backlinks, and the All notes view (issue 18). */
export function notesHandlers(ctx: ServiceContext): Handlers<keyof NotesOutputs> {
  const { db } = ctx.lib;
  return {
    async getNoteLinks({ id }) {
      const [links, backlinks] = await Promise.all([linksFrom(db, id), backlinksTo(db, id)]);
      return { links, backlinks };
    },
    getPaperTitles: ({ ids }) => paperTitles(db, [...new Set(ids)]),
    listNotes: ({ ids, offset, limit }) => listNotes(db, offset, limit, ids),
  };
}
