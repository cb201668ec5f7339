import { useMemo } from 'react';
import type { NoteLinks } from '../../../shared/api';
import { linkedIds } from '../../../shared/note-links';
import { useStores } from '../state/stores';
import { useLibraryValue } from './use-library-value';

/** What this paper's note links to and which notes link here (both kept by the service). */
export function useNoteLinks(paperId: string | null): NoteLinks | null {
  const { backend } = useStores();
  // No paper yet (it and its row are still loading): nothing to ask.
  return useLibraryValue(paperId || null, () => backend.api.getNoteLinks({ id: paperId! }));
}

/**
 * Titles of the papers a note's text links to (null: not in the library), for
 * the preview of text that may not be saved yet.
 */
export function usePaperTitles(markdown: string, enabled: boolean): Map<string, string | null> {
  const { backend } = useStores();
  const ids = useMemo(
    () => (enabled ? linkedIds(markdown).slice(0, 500) : []),
    [markdown, enabled],
  );
  const key = ids.length > 0 ? ids.join('\u0000') : null;
  const titles = useLibraryValue(key, () => backend.api.getPaperTitles({ ids }));
  return useMemo(() => new Map((titles ?? []).map((t) => [t.id, t.title])), [titles]);
}
