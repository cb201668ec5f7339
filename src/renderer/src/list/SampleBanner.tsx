import { useState } from 'react';
import { plural } from '../lib/format';
import { useResource } from '../state/resource';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';

const DISMISSED_KEY = 'papershelf.sampleBanner.dismissed';

/** Libraries (by path) whose banner was closed on this computer. */
function dismissedLibraries(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function rememberDismissed(libraryPath: string): void {
  try {
    const kept = dismissedLibraries().filter((p) => p !== libraryPath);
    // A short list: the newest few libraries are enough.
    localStorage.setItem(DISMISSED_KEY, JSON.stringify([libraryPath, ...kept].slice(0, 20)));
  } catch {
    // Storage unavailable: the banner stays closed for this session only.
  }
}

/**
 * A new library starts with sample papers; say so, and offer to remove them
 * (undoably). The banner can always be closed (samples someone used are kept by
 * "Remove samples", so it could otherwise stay for good); closed, it stays
 * closed for that library on this computer.
 */
export function SampleBanner({ onRemove }: { onRemove: () => Promise<unknown> | void }) {
  const { info } = useStores();
  const { data } = useResource(info);
  const [isBusy, setIsBusy] = useState(false);
  const [closedFor, setClosedFor] = useState<string[]>(dismissedLibraries);
  if (!data || data.samplePaperCount === 0 || closedFor.includes(data.path)) return null;
  return (
    <div className="banner" role="note" aria-label="Sample papers">
      <span>
        {data.samplePaperCount !== data.paperCount
          ? 'Your library includes '
          : data.samplePaperCount === 1
            ? 'This is '
            : 'These are '}
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
      <button
        type="button"
        className="icon-button small"
        aria-label="Close this note"
        title="Close this note"
        onClick={() => {
          rememberDismissed(data.path);
          setClosedFor((current) => [...current, data.path]);
        }}
      >
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}
