import { errorMessage } from '../lib/errors';
import { formatCount } from '../lib/format';
import { useStores } from '../state/stores';
import { toasts } from '../ui/toasts';
import { getPdfStore, usePdfStore } from './pdf-store';

/** With several papers selected: save or remove their PDFs in one action. */
export function BulkPdfSection({ ids }: { ids: string[] }) {
  const { backend } = useStores();
  const store = getPdfStore(backend);
  const saved = usePdfStore(store, (s) => ids.filter((id) => s.isCached(id)).length);

  const save = () =>
    store
      .save(ids)
      .catch((error: unknown) => toasts.error(`Could not save the PDFs: ${errorMessage(error)}`));
  const remove = () =>
    store
      .remove(ids)
      .then((n) => toasts.show(`Removed ${n} PDF${n === 1 ? '' : 's'} from this computer`))
      .catch((error: unknown) => toasts.error(`Could not remove the PDFs: ${errorMessage(error)}`));

  return (
    <section className="detail-section pdf-section" aria-labelledby="bulk-pdf-heading">
      <div className="section-heading-row">
        <h3 id="bulk-pdf-heading" className="section-heading">
          PDFs
        </h3>
        <span className="pdf-state" role="status">
          {formatCount(saved)} of {formatCount(ids.length)} available offline
        </span>
      </div>
      <div className="pdf-actions">
        <button
          type="button"
          className="button"
          onClick={() => void save()}
          disabled={saved === ids.length}
        >
          Save PDFs for offline
        </button>
        {saved > 0 && (
          <button type="button" className="button subtle" onClick={() => void remove()}>
            Remove saved PDFs
          </button>
        )}
      </div>
    </section>
  );
}
