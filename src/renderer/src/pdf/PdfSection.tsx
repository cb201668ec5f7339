import { useEffect, useState, type ReactNode } from 'react';
import type { PdfDownload } from '../../../shared/api/pdf';
import { formatBytes } from '../../../shared/bytes';
import { hasArxivPdf } from '../../../shared/pdf';
import { errorMessage } from '../lib/errors';
import { useStores } from '../state/stores';
import { toasts } from '../ui/toasts';
import { getPdfStore, usePdfStore } from './pdf-store';
import { ReadingView } from './ReadingView';
import './pdf.css';

/**
 * The paper's PDF in the detail pane: saved offline or not, a download in
 * progress, and the actions (save, read, remove). `children` is the notes
 * editor: shown here normally, and beside the PDF in reading mode.
 */
export function PdfSection({
  paperId,
  title,
  children,
  isReading: isReadingProp,
  onReadingChange,
}: {
  paperId: string;
  title: string;
  children: ReactNode;
  /** Optional control from outside (e.g. a key that opens the reader); else local state. */
  isReading?: boolean;
  onReadingChange?: (isReading: boolean) => void;
}) {
  const { backend } = useStores();
  const store = getPdfStore(backend);
  const [isReadingLocal, setIsReadingLocal] = useState(false);
  const isReading = isReadingProp ?? isReadingLocal;
  const setIsReading = (open: boolean) => {
    setIsReadingLocal(open);
    onReadingChange?.(open);
  };
  const status = usePdfStore(store, (s) => s.status(paperId));
  const download = usePdfStore(store, (s) => s.download(paperId));
  const isCached = usePdfStore(store, (s) => s.isCached(paperId));
  const isActive = download?.state === 'queued' || download?.state === 'downloading';

  useEffect(() => {
    void store.refreshStatus(paperId);
  }, [store, paperId]);

  if (!hasArxivPdf(paperId)) return <>{children}</>;

  const run = (what: Promise<unknown>, failure: string) =>
    void what.catch((error: unknown) => toasts.error(`${failure}: ${errorMessage(error)}`));

  return (
    <>
      <section className="detail-section pdf-section" aria-labelledby="pdf-heading">
        <div className="section-heading-row">
          <h3 id="pdf-heading" className="section-heading">
            PDF
          </h3>
          <span className="pdf-state" role="status">
            {describe(isCached, status?.sizeBytes ?? null, download)}
          </span>
        </div>
        {isActive && download && <Progress download={download} />}
        <div className="pdf-actions">
          <button type="button" className="button primary" onClick={() => setIsReading(true)}>
            Read PDF
          </button>
          {!isCached && !isActive && (
            <button
              type="button"
              className="button"
              onClick={() => run(store.save([paperId]), 'The PDF could not be saved')}
            >
              Save PDF for offline
            </button>
          )}
          {isActive && (
            <button
              type="button"
              className="button"
              onClick={() => run(store.cancel([paperId]), 'The download could not be stopped')}
            >
              Cancel download
            </button>
          )}
          {isCached && (
            <button
              type="button"
              className="button subtle"
              onClick={() =>
                run(
                  store.remove([paperId]).then(() => toasts.show('PDF removed from this computer')),
                  'The PDF could not be removed',
                )
              }
            >
              Remove PDF
            </button>
          )}
        </div>
      </section>
      {isReading ? (
        <>
          <p className="pdf-notes-moved">Your notes are open beside the PDF.</p>
          <ReadingView
            backend={backend}
            paperId={paperId}
            title={title}
            notes={children}
            onClose={() => setIsReading(false)}
          />
        </>
      ) : (
        children
      )}
    </>
  );
}

function describe(isCached: boolean, size: number | null, download: PdfDownload | null): string {
  if (download?.state === 'queued') return 'Waiting to download…';
  if (download?.state === 'downloading') return 'Downloading…';
  if (isCached) return `Available offline${size ? ` · ${formatBytes(size)}` : ''}`;
  if (download?.state === 'failed' && download.error) {
    return `Not saved: ${download.error.message}`;
  }
  return 'Not saved on this computer';
}

function Progress({ download }: { download: PdfDownload }) {
  const total = download.totalBytes;
  const percent = total ? Math.min(100, Math.floor((100 * download.receivedBytes) / total)) : null;
  return (
    <div className="pdf-progress">
      <progress max={100} value={percent ?? undefined} aria-label="PDF download progress" />
      <span>
        {percent !== null
          ? `${percent}% · ${formatBytes(download.receivedBytes)} of ${formatBytes(total!)}`
          : download.receivedBytes > 0
            ? formatBytes(download.receivedBytes)
            : 'Queued'}
      </span>
    </div>
  );
}
