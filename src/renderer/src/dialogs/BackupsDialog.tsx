import { useEffect, useState } from 'react';
import type { BackupInfo, BackupList, BackupReason } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { formatRelative } from '../lib/format';
import { useActions } from '../state/actions';
import { useStores } from '../state/stores';
import { Dialog } from '../ui/Dialog';
import { toasts } from '../ui/toasts';
import { formatBytes } from '../../../shared/bytes';
import { FieldError } from '../ui/FieldError';

const REASON_LABELS: Partial<Record<BackupReason, string>> = {
  manual: 'Made by you',
  'pre-restore': 'Before a restore',
  'pre-migration': 'Before an upgrade',
  daily: 'Daily',
};

/** The library's backups: make one now, or put one back (which can itself be undone). */
export function BackupsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { backend } = useStores();
  const actions = useActions();
  const [list, setList] = useState<BackupList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    let isActive = true;
    backend.api.listBackups({}).then(
      (next) => isActive && setList(next),
      (reason: unknown) => isActive && setError(errorMessage(reason)),
    );
    const unsubscribe = backend.subscribe((event) => {
      if (event.type === 'backups-changed') {
        void backend.api.listBackups({}).then((next) => isActive && setList(next));
      }
    });
    return () => {
      isActive = false;
      unsubscribe();
    };
  }, [open, backend]);

  const backUpNow = () => {
    setIsBusy(true);
    // The list follows the backups-changed event this emits (subscribed above).
    actions
      .createBackup()
      .then(() => toasts.show('Backed up the library'))
      .catch((reason: unknown) => setError(errorMessage(reason)))
      .finally(() => setIsBusy(false));
  };

  const restore = (backup: BackupInfo) => {
    setIsBusy(true);
    setConfirming(null);
    actions
      .restoreBackup(backup.file)
      .then(() => {
        // Everything on screen may have changed: start afresh on the restored library.
        window.location.reload();
      })
      .catch((reason: unknown) => {
        setError(errorMessage(reason));
        setIsBusy(false);
      });
  };

  return (
    <Dialog title="Backups" open={open} onClose={onClose}>
      <div className="dialog-form">
        <p className="field-hint">
          {list
            ? `Kept in ${list.folder}. The newest ${list.keep} of each kind are kept.`
            : 'Loading…'}
        </p>
        <FieldError error={error} />
        {list && list.backups.length === 0 && <p className="dialog-text">No backups yet.</p>}
        {list && list.backups.length > 0 && (
          <ul className="backup-list" aria-label="Backups">
            {list.backups.map((backup) => (
              <li key={backup.file} className="backup">
                <span className="backup-when" title={backup.createdAt}>
                  {formatRelative(backup.createdAt)}
                </span>
                <span className="backup-why">{REASON_LABELS[backup.reason] ?? backup.reason}</span>
                <span className="backup-size">{formatBytes(backup.sizeBytes)}</span>
                {confirming?.file === backup.file ? (
                  <span className="backup-confirm">
                    Replace the library with this backup?{' '}
                    <button
                      type="button"
                      className="button small primary"
                      onClick={() => restore(backup)}
                    >
                      Restore
                    </button>{' '}
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setConfirming(null)}
                    >
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button small"
                    disabled={isBusy}
                    onClick={() => setConfirming(backup)}
                  >
                    Restore…
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="field-hint">
          Restoring first backs up the library as it is, so a restore can be undone.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button" onClick={backUpNow} disabled={isBusy}>
            Back up now
          </button>
          <button type="button" className="button primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Dialog>
  );
}
