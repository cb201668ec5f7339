import { memo, useCallback, useSyncExternalStore } from 'react';
import { STATUS_LABELS, type PaperSummary } from '../../../shared/domain';
import { useFocusRequest, type Reader } from '../keyboard/reader-shortcuts';
import { useReader } from '../state/reader-store';
import { isMulti } from '../state/selection';
import { usePaper } from '../state/use-paper';
import { BulkPanel } from './BulkPanel';
import { PaperDetail } from './PaperDetail';

/** Re-rendered only when the shown paper (or its props) change, not for every list page. */
const MemoPaperDetail = memo(PaperDetail);

/** The right pane: the paper at the cursor, the bulk panel for a selection, or a hint. */
export function DetailPane({ context }: { context: Reader }) {
  const { stores, actions, reader } = context;
  const { list } = stores;
  const {
    detail: detailRef,
    heading: headingRef,
    tagInput: tagInputRef,
    note: noteRef,
  } = reader.elements;
  const { focusList, select } = reader;
  const state = useReader(reader);
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot);
  const { selection } = state;
  const { cursor } = selection;
  const { paper, error } = usePaper(isMulti(selection) ? null : cursor);
  useFocusRequest(reader, state, paper);
  const onWritingNoteChange = useCallback(
    (writing: boolean) => reader.setWritingNote(writing ? cursor : null),
    [reader, cursor],
  );
  const selectedIds = [...selection.ids];

  return (
    <section ref={detailRef} className="detail-pane" aria-label="Paper details">
      {isMulti(selection) ? (
        <BulkPanel
          ids={selectedIds}
          summaries={selectedIds
            .map((id) => list.rowAt(list.indexOf(id)))
            .filter((p): p is PaperSummary => p !== undefined)}
          actions={actions}
          onClear={() => select(cursor, false)}
          tagInputRef={tagInputRef}
          onLeave={focusList}
        />
      ) : cursor ? (
        <MemoPaperDetail
          key={cursor}
          summary={snapshot.rows[list.indexOf(cursor)] ?? null}
          paper={paper}
          error={error}
          actions={actions}
          headingRef={headingRef}
          tagInputRef={tagInputRef}
          noteEditorRef={noteRef}
          isWritingNote={state.writingNoteFor === cursor}
          onWritingNoteChange={onWritingNoteChange}
          onLeave={focusList}
          onOpenPaper={select}
          searchText={state.search.text.trim()}
        />
      ) : (
        <NothingSelected total={snapshot.total} />
      )}
    </section>
  );
}

function NothingSelected({ total }: { total: number | null }) {
  if (!total) return <div className="detail-empty" />;
  return (
    <div className="detail-empty">
      <p className="detail-empty-title">No paper selected</p>
      <p>
        Pick one from the list, or press <kbd>j</kbd> to start. <kbd>?</kbd> shows every shortcut.
      </p>
      <p className="detail-empty-keys">
        {(['toread', 'reading', 'read', 'archived'] as const).map((status, i) => (
          <span key={status}>
            <kbd>{i + 2}</kbd> {STATUS_LABELS[status]}
          </span>
        ))}
      </p>
    </div>
  );
}
