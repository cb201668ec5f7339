import { useState } from 'react';
import type { SyncRun, SyncStatus } from '../../../shared/api';
import { errorMessage } from '../lib/errors';
import { formatRelative, formatShortDay, plural } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useResource, type Resource } from '../state/resource';
import { useActions } from '../state/actions';
import { useStores } from '../state/stores';
import { Icon } from '../ui/Icon';
import { toasts } from '../ui/toasts';

/**
 * The bottom of the sidebar: when the library last heard from the feed, a
 * progress bar while a sync runs (with Cancel), and a calm word when the feed
 * cannot be reached — offline is a normal state, not an error.
 *
 * Every click on Sync now shows something at once ("Starting…"), and its run
 * ends in a toast that says how it went: up to date, what arrived, or offline
 * and why. Statuses are ordered (`seq`), so a late reply never brings back a
 * run that has finished.
 */
export function SyncPanel() {
  const { sync } = useStores();
  const actions = useActions();
  const { data: status, error } = useResource(sync);
  const now = useNow();
  const [isStarting, setIsStarting] = useState(false);

  const start = () => {
    setIsStarting(true);
    actions
      .startSync()
      .then((run) => {
        setIsStarting(false);
        // The end of the run this click started is told in a toast.
        return runEnded(sync, run.id).then((ended) => toasts.show(outcome(ended)));
      })
      .catch((reason: unknown) => {
        setIsStarting(false);
        toasts.error(`Could not start a sync: ${errorMessage(reason)}`);
      });
  };
  const cancel = () => {
    actions
      .cancelSync()
      .catch((reason: unknown) =>
        toasts.error(`Could not cancel the sync: ${errorMessage(reason)}`),
      );
  };

  if (!status) {
    return (
      <section className="sidebar-footer sync" aria-label="Sync">
        {error && <p className="sync-line">Sync status unavailable: {error}</p>}
      </section>
    );
  }

  const run = status.running ? status.run : null;
  return (
    <section className="sidebar-footer sync" aria-label="Sync">
      {isStarting && !run ? (
        <div className="sync-row">
          <span className="sync-when" role="status">
            Starting sync…
          </span>
        </div>
      ) : run ? (
        <SyncProgress run={run} onCancel={cancel} />
      ) : (
        <>
          {status.offline ? (
            <p className="sync-line sync-offline" role="status">
              <Icon name="offline" size={14} />
              <span>
                <strong>Offline.</strong> The feed can’t be reached; your library works as usual.
                {status.lastError && (
                  <span className="sync-reason"> ({status.lastError.message})</span>
                )}
              </span>
            </p>
          ) : status.lastError ? (
            <p className="sync-line sync-failed" role="status">
              <Icon name="warning" size={14} />
              <span>Last sync had problems: {status.lastError.message}</span>
            </p>
          ) : null}
          <div className="sync-row">
            <span className="sync-when" title={status.lastSyncedAt ?? undefined}>
              {lastSyncedText(status, now)}
            </span>
            <button type="button" className="button small" onClick={start}>
              <Icon name="sync" size={13} />
              Sync now
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** Resolves with the run once the status says it has ended (at once, if it already has). */
function runEnded(sync: Resource<SyncStatus>, id: string): Promise<SyncRun> {
  return new Promise((resolve) => {
    const ended = () => {
      const status = sync.getSnapshot().data;
      return status && !status.running && status.run?.id === id ? status.run : null;
    };
    const now = ended();
    if (now) {
      resolve(now);
      return;
    }
    const unsubscribe = sync.subscribe(() => {
      const run = ended();
      if (!run) return;
      unsubscribe();
      resolve(run);
    });
  });
}

/** How a run ended, in one line. */
function outcome(run: SyncRun): string {
  switch (run.state) {
    case 'done':
      return run.added + run.updated === 0
        ? 'Sync finished: up to date'
        : `Sync finished: ${plural(run.added, 'new paper')}, ${run.updated} updated`;
    case 'offline':
      return `Offline: ${run.error?.message ?? 'the feed can’t be reached'}`;
    case 'failed':
      return `Sync had problems: ${run.error?.message ?? 'some days could not be fetched'}`;
    case 'cancelled':
      return 'Sync cancelled';
    case 'running':
      return 'Syncing…';
    default: {
      const never: never = run.state;
      return never;
    }
  }
}

function lastSyncedText(status: SyncStatus, now: number): string {
  if (!status.lastSyncedAt) return 'Never synced';
  return `Synced ${formatRelative(status.lastSyncedAt, now)}`;
}

function SyncProgress({ run, onCancel }: { run: SyncRun; onCancel: () => void }) {
  const finished = run.doneDays + run.failedDays;
  const total = Math.max(run.totalDays, 1);
  const step = Math.min(finished + 1, run.totalDays);
  let detail =
    run.totalDays === 0
      ? 'Checking the feed…'
      : `Day ${step} of ${run.totalDays}${run.currentDay ? ` · ${formatShortDay(run.currentDay)}` : ''}`;
  if (run.waiting) {
    const why =
      run.waiting.reason === 'rate-limit'
        ? 'the feed asked us to wait'
        : run.waiting.reason === 'slow-down'
          ? 'pacing requests'
          : 'retrying';
    detail = `Waiting ${run.waiting.seconds} s (${why})`;
  }
  return (
    <div className="sync-progress">
      <div className="sync-row">
        <span className="sync-when" role="status">
          Syncing… {detail}
        </span>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={run.totalDays}
        aria-valuenow={finished}
      >
        <div className="progress-bar" style={{ width: `${(finished / total) * 100}%` }} />
      </div>
      {run.added + run.updated > 0 && (
        <p className="sync-line">
          {run.added} new · {run.updated} updated
        </p>
      )}
    </div>
  );
}
