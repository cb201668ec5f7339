import type { BackupOutputs } from '../../shared/api/backup';
import type { Handlers, ServiceContext } from '../context/service-context';
import { readSettings } from '../library/settings-repo';
import { createBackupManager, type BackupManager } from './manager';

/** How often a running app looks whether today's backup is due. */
const DAILY_CHECK_MS = 60 * 60 * 1000;

export interface BackupHandlerOptions {
  /** Injected clock (tests of the daily schedule). */
  now?: () => Date;
  /** Receives the manager (the CLI's `restore PATH` imports through it). */
  onManager?: (manager: BackupManager) => void;
}

/**
 * Backups as service methods, plus the daily schedule: a check when the
 * library opens and every hour after, backing up at most once a day and only
 * when something changed since the last backup (any `library-changed` or
 * `settings-changed` event marks the library changed).
 */
export function backupHandlers(
  ctx: ServiceContext,
  options: BackupHandlerOptions = {},
): Handlers<keyof BackupOutputs> {
  const manager = createBackupManager({
    lib: ctx.lib,
    env: ctx.env,
    now: options.now,
    keep: async () => (await readSettings(ctx.lib.db)).backupKeep,
    onBackupsChanged: () => ctx.events.emit({ type: 'backups-changed' }),
    onRestored: async () => {
      // Everything may differ now: papers, tags, notes and settings.
      ctx.events.emit({ type: 'library-changed', scope: 'library' });
      ctx.events.emit({ type: 'settings-changed', settings: await readSettings(ctx.lib.db) });
    },
  });
  options.onManager?.(manager);

  const unsubscribe = ctx.events.subscribe((event) => {
    if (event.type === 'library-changed' || event.type === 'settings-changed') {
      manager.markChanged();
    }
  });

  const runDaily = () => {
    manager.runDailyIfDue().catch((error: unknown) => {
      // Kept for getSafetyStatus (a `backup-failed` warning); the app carries on.
      console.error('papershelf: the daily backup failed', error);
    });
  };
  // At once (closing the library waits for it, so a short CLI command gets its
  // daily backup too), then hourly while the app runs.
  runDaily();
  const timer = setInterval(runDaily, DAILY_CHECK_MS);
  timer.unref(); // never keeps a process alive
  ctx.onClose(async () => {
    clearInterval(timer);
    unsubscribe();
    await manager.close();
  });

  return {
    listBackups: async () => ({
      folder: manager.location.folder,
      keep: (await readSettings(ctx.lib.db)).backupKeep,
      backups: manager.list(),
    }),
    createBackup: () => manager.create('manual'),
    restoreBackup: ({ file }) => manager.restore(file),
    getSafetyStatus: async () => manager.status(),
  };
}
