import { useState, type Ref } from 'react';

export interface FindStatus {
  query: string;
  current: number;
  total: number;
  state: 'idle' | 'pending' | 'found' | 'wrapped' | 'not-found';
}

/** Page navigation, zoom and search for the reader. Every control has a name and a key. */
export function ReaderToolbar({
  page,
  pageCount,
  onPage,
  zoomPercent,
  isFitWidth,
  onZoom,
  find,
  onFind,
  onFindAgain,
  onCloseFind,
  findInputRef,
  pageInputRef,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
  zoomPercent: number;
  isFitWidth: boolean;
  onZoom: (how: 'in' | 'out' | 'fit-width') => void;
  find: FindStatus;
  onFind: (query: string) => void;
  onFindAgain: (previous: boolean) => void;
  onCloseFind: () => void;
  findInputRef: Ref<HTMLInputElement>;
  pageInputRef: Ref<HTMLInputElement>;
}) {
  // What the user is typing into the page box; null shows the current page.
  const [draft, setDraft] = useState<string | null>(null);

  return (
    <div className="pdf-toolbar" role="toolbar" aria-label="PDF reader">
      <div className="pdf-tool-group">
        <button
          type="button"
          className="pdf-tool"
          onClick={() => onPage(page - 1)}
          disabled={page <= 1}
          aria-label="Previous page"
          aria-keyshortcuts="k ArrowLeft"
          title="Previous page (k)"
        >
          ‹
        </button>
        <label className="pdf-page">
          <span className="visually-hidden">Page number</span>
          <input
            ref={pageInputRef}
            type="text"
            inputMode="numeric"
            aria-label="Page number"
            aria-keyshortcuts="g"
            value={draft ?? String(page)}
            size={Math.max(2, String(pageCount).length)}
            onChange={(event) => setDraft(event.target.value.replace(/\D/g, ''))}
            onFocus={(event) => event.target.select()}
            onBlur={() => setDraft(null)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                onPage(Number(draft) || page);
                setDraft(null);
              } else if (event.key === 'Escape') {
                event.preventDefault();
                event.stopPropagation();
                setDraft(null);
                event.currentTarget.blur();
              }
            }}
          />
          <span className="pdf-page-count">of {pageCount || '…'}</span>
        </label>
        <button
          type="button"
          className="pdf-tool"
          onClick={() => onPage(page + 1)}
          disabled={pageCount === 0 || page >= pageCount}
          aria-label="Next page"
          aria-keyshortcuts="j ArrowRight"
          title="Next page (j)"
        >
          ›
        </button>
      </div>

      <div className="pdf-tool-group">
        <button
          type="button"
          className="pdf-tool"
          onClick={() => onZoom('out')}
          aria-label="Zoom out"
          aria-keyshortcuts="-"
          title="Zoom out (−)"
        >
          −
        </button>
        <span className="pdf-zoom" aria-live="polite" aria-label={`Zoom ${zoomPercent}%`}>
          {zoomPercent}%
        </span>
        <button
          type="button"
          className="pdf-tool"
          onClick={() => onZoom('in')}
          aria-label="Zoom in"
          aria-keyshortcuts="+"
          title="Zoom in (+)"
        >
          +
        </button>
        <button
          type="button"
          className="pdf-tool pdf-tool-text"
          onClick={() => onZoom('fit-width')}
          aria-pressed={isFitWidth}
          aria-keyshortcuts="w"
          title="Fit the page width (w)"
        >
          Fit width
        </button>
      </div>

      <div className="pdf-tool-group pdf-find" role="search" aria-label="In this PDF">
        <input
          ref={findInputRef}
          type="search"
          aria-label="Find in PDF"
          aria-keyshortcuts="/ Control+F"
          placeholder="Find in PDF"
          value={find.query}
          onChange={(event) => onFind(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onFindAgain(event.shiftKey);
            } else if (event.key === 'Escape') {
              event.preventDefault();
              event.stopPropagation();
              onCloseFind();
            }
          }}
        />
        <button
          type="button"
          className="pdf-tool"
          onClick={() => onFindAgain(true)}
          disabled={!find.query}
          aria-label="Previous match"
          title="Previous match (Shift+Enter)"
        >
          ↑
        </button>
        <button
          type="button"
          className="pdf-tool"
          onClick={() => onFindAgain(false)}
          disabled={!find.query}
          aria-label="Next match"
          title="Next match (Enter)"
        >
          ↓
        </button>
        <span className={`pdf-find-status ${find.state}`} role="status">
          {findText(find)}
        </span>
      </div>
    </div>
  );
}

function findText(find: FindStatus): string {
  if (!find.query) return '';
  if (find.state === 'pending' && find.total === 0) return 'Searching…';
  if (find.state === 'not-found' || find.total === 0) return 'No matches';
  return `${Math.max(find.current, 1)} of ${find.total}`;
}
