import { useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { errorMessage } from '../lib/errors';
import { formatRelative, formatTime } from '../lib/format';
import { renderMarkdown } from '../lib/markdown';
import { useNow } from '../lib/use-now';
import { LinkSuggestions } from '../notes/LinkSuggestions';
import { MissingPapers } from '../notes/MissingPapers';
import { useLinkCompletion } from '../notes/link-completion';
import { usePaperTitles } from '../notes/use-note-links';
import { useNote } from '../state/notes-store';
import { useStores } from '../state/stores';
import { toasts } from '../ui/toasts';

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
  onOpenPaper,
}: {
  paperId: string;
  editorRef?: Ref<HTMLTextAreaElement>;
  isWriting: boolean;
  onWritingChange: (writing: boolean) => void;
  onLeave: () => void;
  /** Open a paper a `[[link]]` names, in the details. */
  onOpenPaper?: (id: string) => void;
}) {
  const { notes, backend } = useStores();
  const note = useNote(notes, paperId);
  const showEditor =
    isWriting || (note.isLoaded && note.text.trim() === '') || note.state === 'error';
  const titles = usePaperTitles(note.text, !showEditor);
  const html = useMemo(
    () => (showEditor ? '' : renderMarkdown(note.text, { paperTitles: titles })),
    [showEditor, note.text, titles],
  );
  const [caret, setCaret] = useState<number | null>(null);
  const completion = useLinkCompletion(note.text, showEditor ? caret : null, paperId);
  // The box around the editor: the editor's own ref belongs to the caller (N focuses it).
  const boxRef = useRef<HTMLDivElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const missing = [...titles].filter(([, title]) => title === null).map(([id]) => id);
  const listId = `note-links-${paperId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const isListShown = completion.open !== null && completion.options.length > 0;

  // Where the caret goes once React has written a completed link into the editor.
  const pendingCaret = useRef<{ text: string; caret: number } | null>(null);
  // In the same commit as the new text, before the next key is handled: a frame later
  // (requestAnimationFrame) is too late when typing goes on at once, and the caret
  // jumped back into words already typed after the link.
  useLayoutEffect(() => {
    const want = pendingCaret.current;
    const area = boxRef.current?.querySelector('textarea');
    if (!want || !area || area.value !== want.text) return;
    pendingCaret.current = null;
    area.focus();
    area.setSelectionRange(want.caret, want.caret);
  });

  const insertLink = (id: string) => {
    const next = completion.complete(note.text, id);
    pendingCaret.current = next;
    notes.edit(paperId, next.text);
    setCaret(next.caret);
  };

  const addPaper = (id: string) => {
    setAdding(id);
    backend.api
      .addPaper({ idOrUrl: id })
      .then((result) => toasts.show(`Added “${result.paper.title}”`))
      .catch((reason: unknown) => toasts.error(`Could not add ${id}: ${errorMessage(reason)}`))
      .finally(() => setAdding(null));
  };

  /** A click or Enter on a link in the preview: a paper opens here, a web link outside. */
  const followLink = (link: HTMLAnchorElement) => {
    const id = link.getAttribute('data-paper-link');
    if (id) {
      // A paper the library lacks is added from its own button (a network lookup, not
      // undoable): the link takes the focus there, one more deliberate press away.
      if (link.hasAttribute('data-missing-paper')) {
        sectionRef.current
          ?.querySelector<HTMLButtonElement>(`button[data-add-paper="${CSS.escape(id)}"]`)
          ?.focus();
      } else onOpenPaper?.(id);
      return;
    }
    const href = link.getAttribute('href');
    if (href) backend.openExternal(href);
  };

  return (
    <section className="detail-section notes" aria-labelledby="notes-heading" ref={sectionRef}>
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
        <div className="note-editor-box" ref={boxRef}>
          <textarea
            ref={editorRef}
            className="note-editor"
            aria-label="Notes"
            aria-describedby={`${listId}-hint`}
            aria-autocomplete="list"
            aria-controls={isListShown ? listId : undefined}
            aria-activedescendant={isListShown ? `${listId}-${completion.active}` : undefined}
            placeholder={note.isLoaded ? 'Write a note… (Markdown)' : 'Loading…'}
            disabled={!note.isLoaded}
            value={note.text}
            onChange={(event) => {
              notes.edit(paperId, event.target.value);
              setCaret(event.target.selectionStart);
            }}
            onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
            onFocus={() => onWritingChange(true)}
            onBlur={() => {
              setCaret(null);
              void notes.flush(paperId);
            }}
            onKeyDown={(event) => {
              if (isListShown) {
                const count = completion.options.length;
                if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                  event.preventDefault();
                  const step = event.key === 'ArrowDown' ? 1 : -1;
                  completion.setActive((completion.active + step + count) % count);
                  return;
                }
                if (event.key === 'Enter' || event.key === 'Tab') {
                  event.preventDefault();
                  insertLink(completion.options[completion.active].id);
                  return;
                }
              }
              if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                if (completion.open) {
                  completion.dismiss();
                  return;
                }
                void notes.flush(paperId);
                onLeave();
              }
            }}
            spellCheck
          />
          <span id={`${listId}-hint`} className="visually-hidden">
            Type two opening brackets to link to a paper: papers like this one are offered first,
            then papers by title as you type.
          </span>
          <LinkSuggestions
            id={listId}
            open={completion.open}
            options={completion.options}
            active={completion.active}
            onPick={insertLink}
            onHover={completion.setActive}
          />
        </div>
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
              followLink(link);
              return;
            }
            onWritingChange(true);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              event.stopPropagation();
              const link = (event.target as HTMLElement).closest('a');
              if (link) followLink(link);
              else onWritingChange(true);
            }
          }}
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
      {!showEditor && missing.length > 0 && (
        <MissingPapers ids={missing} adding={adding} onAdd={addPaper} />
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
