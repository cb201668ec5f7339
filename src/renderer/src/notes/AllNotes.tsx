import { useRef } from 'react';
import type { NoteSummary } from '../../../shared/domain';
import { formatRelative } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useStores } from '../state/stores';
import { useLibraryValue } from './use-library-value';

const MAX_NOTES = 500;

export interface AllNotesState {
  total: number;
  notes: NoteSummary[];
}

/**
 * Every paper with a note, the most recently edited first; with search text,
 * the papers with a note that match it (the search box's syntax, plus has:note).
 */
export function useAllNotes(searchText: string | null): AllNotesState | null {
  const { backend } = useStores();
  const text = searchText?.trim() ?? '';
  return useLibraryValue(searchText === null ? null : `notes\u0000${text}`, async () => {
    if (text === '') return backend.api.listNotes({ offset: 0, limit: MAX_NOTES });
    const found = await backend.api.search({ query: `has:note ${text}`, limit: MAX_NOTES });
    const ids = found.results.map((r) => r.paper.id);
    const { notes } = await backend.api.listNotes({ ids, offset: 0, limit: MAX_NOTES });
    // In the search's order (best match first), each with its note's first lines.
    const byId = new Map(notes.map((n) => [n.id, n]));
    return {
      total: found.total,
      notes: ids.map((id) => byId.get(id)).filter((n): n is NoteSummary => n !== undefined),
    };
  });
}

/** The All notes list: title, the note's first lines, when it was edited. Arrows or j/k move. */
export function AllNotesList({
  state,
  cursor,
  onOpen,
}: {
  state: AllNotesState | null;
  cursor: string | null;
  onOpen: (id: string) => void;
}) {
  const now = useNow();
  const listRef = useRef<HTMLUListElement>(null);
  if (!state) return <div className="all-notes" aria-busy="true" />;
  if (state.notes.length === 0) {
    return (
      <div className="empty-state" role="status">
        <p className="empty-title">No notes</p>
        <p className="empty-text">
          Press <kbd>n</kbd> on a paper to write one; notes show here, the latest edit first.
        </p>
      </div>
    );
  }
  return (
    <ul className="all-notes" aria-label="All notes" ref={listRef}>
      {state.notes.map((note) => (
        <li key={note.id}>
          <button
            type="button"
            className="all-notes-row"
            data-paper-id={note.id}
            aria-current={note.id === cursor ? 'true' : undefined}
            onClick={() => onOpen(note.id)}
            onKeyDown={(event) => {
              // Arrows and j/k move through the notes (the paper list's keys would move a list
              // that is not shown); moving opens the note's paper, as in the paper list.
              const down = event.key === 'ArrowDown' || event.key === 'j';
              const up = event.key === 'ArrowUp' || event.key === 'k';
              if ((!down && !up) || event.metaKey || event.ctrlKey || event.altKey) return;
              event.preventDefault();
              event.stopPropagation();
              const row = event.currentTarget.closest('li');
              const next = (
                down ? row?.nextElementSibling : row?.previousElementSibling
              )?.querySelector('button');
              if (!next) return;
              next.focus();
              const id = next.getAttribute('data-paper-id');
              if (id) onOpen(id);
            }}
          >
            <span className="all-notes-title">{note.title}</span>
            <span className="all-notes-excerpt">{note.excerpt}</span>
            <span className="all-notes-when">Edited {formatRelative(note.updatedAt, now)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
