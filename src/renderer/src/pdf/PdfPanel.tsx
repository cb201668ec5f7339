import { useEffect, useState } from 'react';
import type { StorageUsage } from '../../../shared/api/pdf';
import { formatBytes } from '../../../shared/bytes';
import { VIEW_LABELS, type View } from '../../../shared/domain';
import { errorMessage } from '../lib/errors';
import { formatCount, plural } from '../lib/format';
import { useActions } from '../state/actions';
import { useResource } from '../state/resource';
import { useStores } from '../state/stores';
import { toasts } from '../ui/toasts';
import { getPdfStore, usePdfStore } from './pdf-store';

/**
 * The sidebar's PDF corner: downloads in progress (with Stop), the space the
 * library takes on disk, and "save the PDFs of the papers in this list".
 */
export function PdfPanel({
  view,
  tag,
  day,
}: {
  view: View;
  tag: string | null;
  day: string | null;
}) {
  const { backend, settings } = useStores();
  const actions = useActions();
  const { data: settingsData } = useResource(settings);
  const store = getPdfStore(backend);
  const active = usePdfStore(store, (s) => s.activeDownloads());
  const cachedCount = usePdfStore(store, (s) => s.cachedCount());
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  // The box follows the click at once; the setting (and its event) catches up.
  const [autoPending, setAutoPending] = useState<boolean | null>(null);

  // Sizes change when a PDF is saved or removed; re-read then (and once at start).
  useEffect(() => {
    let alive = true;
    backend.api.getStorageUsage({}).then(
      (u) => alive && setUsage(u),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [backend, cachedCount]);

  const listName = tag ? `tag “${tag}”` : day ? 'this day' : VIEW_LABELS[view];
  const saveList = () => {
    actions
      .downloadPdfs({
        view: tag || day ? 'all' : view,
        tag: tag ?? undefined,
        day: day ?? undefined,
      })
      .then(({ queued, alreadyCached }) =>
        toasts.show(
          queued.length === 0
            ? `Every PDF in ${listName} is already saved`
            : `Saving ${plural(queued.length, 'PDF')} from ${listName}${alreadyCached.length ? ` (${formatCount(alreadyCached.length)} already saved)` : ''}`,
        ),
      )
      .catch((error: unknown) => toasts.error(`Could not save the PDFs: ${errorMessage(error)}`));
  };

  const running = active.find((d) => d.state === 'downloading');
  const percent = running?.totalBytes
    ? Math.floor((100 * running.receivedBytes) / running.totalBytes)
    : null;
  return (
    <section className="sidebar-footer pdf-panel" aria-label="Offline PDFs">
      {active.length > 0 && (
        <div className="pdf-panel-row" role="status">
          <span className="pdf-panel-text">
            {running
              ? `Saving PDF ${running.id}${percent !== null ? ` · ${percent}%` : ''}`
              : 'Waiting to save PDFs'}
            {active.length > 1 ? ` · ${active.length - (running ? 1 : 0)} waiting` : ''}
          </span>
          <button
            type="button"
            className="button small"
            onClick={() => void store.cancelAll().catch(() => undefined)}
          >
            Stop
          </button>
        </div>
      )}
      <div className="pdf-panel-row">
        <span
          className="pdf-panel-text"
          title={
            usage
              ? `On disk: ${formatBytes(usage.totalBytes)}\nLibrary ${formatBytes(usage.libraryBytes)} (${usage.libraryPath})\nPDFs ${formatBytes(usage.pdfBytes)} (${usage.pdfFolder})`
              : undefined
          }
        >
          {/* "Disk:" is left to screen readers and the tooltip: beside the button it cut the count off. */}
          {usage && (
            <>
              <span className="visually-hidden">On disk: </span>
              {`${formatBytes(usage.totalBytes)} · ${plural(usage.pdfCount, 'PDF')}`}
            </>
          )}
        </span>
        <button
          type="button"
          className="button small"
          onClick={saveList}
          title={`Save the PDF of every paper in ${listName} for offline reading`}
        >
          Save PDFs
        </button>
      </div>
      {settingsData && (
        <label className="pdf-panel-auto">
          <input
            type="checkbox"
            checked={autoPending ?? settingsData.autoDownloadPdfs}
            onChange={(event) => {
              const wanted = event.target.checked;
              setAutoPending(wanted);
              actions
                .updateSettings({ autoDownloadPdfs: wanted })
                .catch((error: unknown) =>
                  toasts.error(`The setting was not saved: ${errorMessage(error)}`),
                )
                .finally(() => setAutoPending(null));
            }}
          />
          Save PDFs of papers moved to To read or Reading
        </label>
      )}
    </section>
  );
}
