import { useMemo, type Ref } from 'react';
import { formatRelative, formatTime } from '../lib/format';
import { renderMarkdown } from '../lib/markdown';
import { useNow } from '../lib/use-now';
import { useNote } from '../state/notes-store';
import { useStores } from '../state/stores';

/**
 * The paper's markdown note. Text lives in the notes store (autosave, flush on
 * blur / switch / close); this shows it, with a sanitized preview and a
 * visible save state.
 */
export function NoteEditor({
  paperId,
  editorRef,
  isWriting,
  onWritingChange,
  onLeave,
}: {
  paperId: string;
  editorRef?: Ref<HTMLTextAreaElement>;
  isWriting: boolean;
  onWritingChange: (writing: boolean) => void;
  onLeave: () => void;
}) {
  const { notes, backend } = useStores();
  const note = useNote(notes, paperId);
  const showEditor =
    isWriting || (note.isLoaded && note.text.trim() === '') || note.state === 'error';
  const html = useMemo(
    () => (showEditor ? '' : renderMarkdown(note.text)),
    [showEditor, note.text],
  );

  return (
    <section className="detail-section notes" aria-labelledby="notes-heading">
      <div className="section-heading-row">
        <h3 id="notes-heading" className="section-heading">
          Notes
        </h3>
        <NoteStatus paperId={paperId} />
        {note.text.trim() !== '' && (
          <div className="segmented" role="group" aria-label="Note mode">
            <button type="button" aria-pressed={showEditor} onClick={() => onWritingChange(true)}>
              Write
            </button>
            <button
              type="button"
              aria-pressed={!showEditor}
              onClick={() => {
                void notes.flush(paperId);
                onWritingChange(false);
              }}
            >
              Preview
            </button>
          </div>
        )}
      </div>
      {showEditor ? (
        <textarea
          ref={editorRef}
          className="note-editor"
          aria-label="Notes"
          placeholder={note.isLoaded ? 'Write a note… (Markdown)' : 'Loading…'}
          disabled={!note.isLoaded}
          value={note.text}
          onChange={(event) => notes.edit(paperId, event.target.value)}
          onFocus={() => onWritingChange(true)}
          onBlur={() => void notes.flush(paperId)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              void notes.flush(paperId);
              onLeave();
            }
          }}
          spellCheck
        />
      ) : (
        <div
          className="note-preview markdown"
          aria-label="Note preview"
          role="document"
          tabIndex={0}
          title="Click to edit"
          onClick={(event) => {
            const link = (event.target as HTMLElement).closest('a');
            if (link) {
              event.preventDefault();
              const href = link.getAttribute('href');
              if (href) backend.openExternal(href);
              return;
            }
            onWritingChange(true);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              event.stopPropagation();
              onWritingChange(true);
            }
          }}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </section>
  );
}

function NoteStatus({ paperId }: { paperId: string }) {
  const { notes } = useStores();
  const note = useNote(notes, paperId);
  const now = useNow();
  if (note.state === 'error') {
    return (
      <span className="note-status error" role="alert">
        Not saved: {note.error}{' '}
        <button type="button" className="link-button" onClick={() => void notes.retry(paperId)}>
          Retry
        </button>
      </span>
    );
  }
  let text = '';
  if (note.state === 'saving') text = 'Saving…';
  else if (note.state === 'dirty') text = 'Edited';
  else if (note.updatedAt && note.savedHere) text = `Saved · ${formatTime(note.updatedAt)}`;
  else if (note.updatedAt) text = `Updated ${formatRelative(note.updatedAt, now)}`;
  else if (note.savedHere) text = 'Saved · note removed';
  return (
    <span className={`note-status ${note.state}`} role="status">
      {text}
    </span>
  );
}
