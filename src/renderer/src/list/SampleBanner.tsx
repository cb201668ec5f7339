import { useState } from 'react';
import { plural } from '../lib/format';
import { useResource } from '../state/resource';
import { useStores } from '../state/stores';

/** A new library starts with sample papers; say so, and offer to remove them (undoably). */
export function SampleBanner({ onRemove }: { onRemove: () => Promise<unknown> | void }) {
  const { info } = useStores();
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
          void Promise.resolve(onRemove()).finally(() => setIsBusy(false));
        }}
      >
        Remove samples
      </button>
    </div>
  );
}
