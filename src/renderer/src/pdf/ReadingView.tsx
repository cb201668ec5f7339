import { lazy, Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { formatBytes } from '../../../shared/bytes';
import type { Backend } from '../api/client';
import { useActions, type Actions } from '../state/actions';
import { errorMessage } from '../lib/errors';
import { base64Bytes } from './base64';
import { loadPdfBytes } from './load-bytes';
import { getPdfStore, usePdfStore } from './pdf-store';
import { ReaderErrorBoundary } from './ReaderErrorBoundary';
import { SplitView } from './SplitView';

// pdf.js (about 1.5 MB) loads with the first PDF opened, not with the app.
const PdfReader = lazy(() => import('./PdfReader'));

/** How long page changes settle before the page is remembered. */
const SAVE_PAGE_MS = 600;

/**
 * Reading mode: the PDF and the paper's notes side by side, over the whole
 * window, with a divider between them. Escape (outside a field) goes back.
 * Keys stay inside: the library's shortcuts do not act on the list behind.
 */
export function ReadingView({
  backend,
  paperId,
  title,
  notes,
  onClose,
}: {
  backend: Backend;
  paperId: string;
  title: string;
  notes: ReactNode;
  onClose: () => void;
}) {
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const root = rootRef.current!;
    const previous = document.activeElement as HTMLElement | null;
    root.querySelector<HTMLElement>('.reading-start')?.focus();
    // Focus stays in reading mode (a field that hands focus back to the list lands here instead).
    const keepFocus = (event: FocusEvent) => {
      if (event.target instanceof Node && !root.contains(event.target)) {
        (root.querySelector<HTMLElement>('.pdf-viewport') ?? root).focus();
      }
    };
    document.addEventListener('focusin', keepFocus);
    return () => {
      document.removeEventListener('focusin', keepFocus);
      previous?.focus?.();
    };
  }, []);

  return createPortal(
    <div
      ref={rootRef}
      className="reading-view"
      role="dialog"
      aria-modal="true"
      aria-label={`Reading: ${title}`}
      tabIndex={-1}
      onKeyDown={(event) => {
        // Children handle their keys first (React bubbling); what is left stays here.
        event.stopPropagation();
        const inField =
          event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
        if (event.key === 'Escape' && !inField) {
          event.preventDefault();
          onClose();
        } else if (event.key === 'n' && !inField && !event.ctrlKey && !event.metaKey) {
          const editor = rootRef.current?.querySelector<HTMLElement>(
            '.reading-notes textarea, .reading-notes [role="document"]',
          );
          if (editor) {
            event.preventDefault();
            editor.focus();
          }
        }
      }}
    >
      <header className="reading-bar">
        <button
          type="button"
          className="reading-back"
          onClick={onClose}
          aria-keyshortcuts="Escape"
          title="Back to the library (Esc)"
        >
          ← Library
        </button>
        <h2 className="reading-title" title={title}>
          {title}
        </h2>
        <span className="reading-hint" aria-hidden="true">
          <kbd>n</kbd> notes · <kbd>j</kbd>/<kbd>k</kbd> pages · <kbd>/</kbd> find · <kbd>Esc</kbd>{' '}
          back
        </span>
      </header>
      <SplitView
        storageKey="papershelf.pdf.split"
        label="Resize the PDF and the notes"
        start={
          <div className="reading-start" tabIndex={-1}>
            <ReaderLoader backend={backend} paperId={paperId} />
          </div>
        }
        end={
          <aside className="reading-notes" aria-label="Notes beside the PDF">
            {notes}
          </aside>
        }
      />
    </div>,
    document.body,
  );
}

type Loading =
  | { kind: 'status' }
  | { kind: 'downloading' }
  | { kind: 'reading'; loaded: number; total: number }
  | { kind: 'ready'; data: Uint8Array; lastPage: number | null }
  | { kind: 'error'; message: string };

/** Gets the bytes: from the saved file, or fetched for reading (not kept) when none is saved. */
function ReaderLoader({ backend, paperId }: { backend: Backend; paperId: string }) {
  const store = getPdfStore(backend);
  const download = usePdfStore(store, (s) => s.download(paperId));
  const [state, setState] = useState<Loading>({ kind: 'status' });
  const [attempt, setAttempt] = useState(0);
  const pageSaver = usePageSaver(useActions(), paperId);

  useEffect(() => {
    const abort = new AbortController();
    const run = async () => {
      let status = await store.refreshStatus(paperId);
      if (!status) throw new Error('Papershelf did not answer');
      if (!status.readable) {
        if (!status.url) throw new Error('This paper has no PDF on arXiv.');
        setState({ kind: 'downloading' });
        const finished = store.whenFinished(paperId);
        const active = store.download(paperId);
        if (!active || !['queued', 'downloading'].includes(active.state)) {
          await store.save([paperId], false);
        }
        const done = await finished;
        if (done.state !== 'done') {
          throw new Error(done.error?.message ?? `The download was ${done.state}.`);
        }
        status = (await store.refreshStatus(paperId)) ?? status;
      }
      const data = await loadPdfBytes(
        backend.api,
        paperId,
        base64Bytes,
        (loaded, total) => {
          if (!abort.signal.aborted) setState({ kind: 'reading', loaded, total });
        },
        abort.signal,
      );
      if (!abort.signal.aborted) setState({ kind: 'ready', data, lastPage: status.lastPage });
    };
    run().catch((error: unknown) => {
      if (!abort.signal.aborted) setState({ kind: 'error', message: errorMessage(error) });
    });
    return () => abort.abort();
  }, [backend, store, paperId, attempt]);

  if (state.kind === 'ready') {
    return (
      <ReaderErrorBoundary>
        <Suspense fallback={<p className="pdf-loading">Opening the reader…</p>}>
          <PdfReader
            data={state.data}
            initialPage={state.lastPage}
            onPageChange={pageSaver}
            openExternal={backend.openExternal}
          />
        </Suspense>
      </ReaderErrorBoundary>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="pdf-loading" role="alert">
        <p>{state.message}</p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    );
  }
  let text = 'Opening the PDF…';
  if (state.kind === 'downloading') {
    const total = download?.totalBytes;
    text =
      download?.state === 'downloading' && total
        ? `Downloading the PDF… ${Math.floor((100 * download.receivedBytes) / total)}% of ${formatBytes(total)}`
        : 'Waiting to download the PDF (one request every few seconds, as arXiv asks)…';
  } else if (state.kind === 'reading' && state.total > 0) {
    text = `Opening the PDF… ${Math.floor((100 * state.loaded) / state.total)}%`;
  }
  return (
    <p className="pdf-loading" role="status">
      {text}
    </p>
  );
}

/** Remembers the page a little after it stops changing, and on leaving. */
function usePageSaver(actions: Actions, paperId: string): (page: number) => void {
  const pending = useRef<{ page: number; timer: ReturnType<typeof setTimeout> } | null>(null);
  useEffect(() => {
    return () => {
      if (!pending.current) return;
      clearTimeout(pending.current.timer);
      void actions.setPdfPosition(paperId, pending.current.page).catch(() => {});
      pending.current = null;
    };
  }, [actions, paperId]);
  return (page: number) => {
    if (pending.current) clearTimeout(pending.current.timer);
    const timer = setTimeout(() => {
      pending.current = null;
      void actions.setPdfPosition(paperId, page).catch(() => {});
    }, SAVE_PAGE_MS);
    pending.current = { page, timer };
  };
}
