import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { plural } from '../lib/format';
import { useResource } from '../state/resource';
import { useStores } from '../state/stores';
import { toasts } from '../ui/toasts';

/** A new library starts with sample papers; say so, and offer to remove them. */
export function SampleBanner() {
  const { info, backend, counts, list } = useStores();
  const { data } = useResource(info);
  const [isBusy, setIsBusy] = useState(false);
  if (!data || data.samplePaperCount === 0) return null;
  return (
    <div className="banner" role="note">
      <span>
        {data.samplePaperCount === data.paperCount ? 'These are ' : 'Your library includes '}
        {plural(data.samplePaperCount, 'sample paper')} to try things with.
      </span>
      <button
        type="button"
        className="link-button"
        disabled={isBusy}
        onClick={() => {
          setIsBusy(true);
          backend.api
            .removeSample({})
            .then(({ removed }) => {
              toasts.show(
                `Removed ${plural(removed, 'sample paper')}; the ones you used are kept.`,
              );
              info.refresh();
              counts.refresh();
              list.refresh();
            })
            .catch((error: unknown) =>
              toasts.error(`Could not remove the samples: ${errorMessage(error)}`),
            )
            .finally(() => setIsBusy(false));
        }}
      >
        Remove samples
      </button>
    </div>
  );
}
