import type { DigestFormat } from '../../../shared/api';
import type { TodayInfo } from '../state/paper-list-store';
import { downloadText } from '../dialogs/download';
import { errorMessage } from '../lib/errors';
import { formatCount, plural } from '../lib/format';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { MenuButton } from '../ui/Menu';
import { toasts } from '../ui/toasts';

const DIGESTS: Array<{ format: DigestFormat; label: string }> = [
  { format: 'md', label: 'Digest as Markdown' },
  { format: 'html', label: 'Digest as a web page (HTML)' },
  { format: 'json', label: 'Digest as JSON' },
];

/**
 * Under the Today view's header: what it holds (picks, rising, the rest), the
 * one action that clears it (archive the rest, also Shift+A, undoable), and
 * the digest of the same papers as a file.
 */
export function TodayBar({
  since,
  today,
  onArchiveRest,
}: {
  since: string | null;
  today: TodayInfo | null;
  onArchiveRest: () => void;
}) {
  const { backend } = useStores();
  const sections = today?.sections;
  const restCount = today?.restIds.length ?? 0;

  const download = async (format: DigestFormat) => {
    if (!since) return;
    try {
      const digest = await backend.api.getDigest({ since, format });
      downloadText(digest.fileName, digest.content, digest.mimeType);
      toasts.show(`Saved the digest of ${plural(digest.count, 'paper')} as ${digest.fileName}`);
    } catch (error) {
      toasts.error(`Could not make the digest: ${errorMessage(error)}`);
    }
  };

  return (
    <div className="today-bar">
      <p className="today-summary">
        {since && <>Since {formatSince(since)}: </>}
        {sections ? (
          <>
            {formatCount(sections.pick)} {sections.pick === 1 ? 'pick' : 'picks'} for you ·{' '}
            {formatCount(sections.rising)} rising · {formatCount(sections.rest)} more
          </>
        ) : (
          'Loading…'
        )}
      </p>
      <span className="today-actions">
        <button
          type="button"
          className="button small"
          disabled={restCount === 0}
          aria-keyshortcuts="Shift+A"
          title="Archive the rest (Shift+A)"
          onClick={onArchiveRest}
        >
          <Icon name="archive" size={14} />
          Archive the rest
        </button>
        <MenuButton
          label="Digest"
          className="button small"
          icon={
            <>
              <Icon name="file" size={14} />
              Digest
            </>
          }
          items={DIGESTS.map(({ format, label }) => ({
            label,
            onSelect: () => void download(format),
          }))}
        />
      </span>
    </div>
  );
}

function formatSince(iso: string): string {
  const date = new Date(iso);
  return date.toLocaleString(undefined, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
}
