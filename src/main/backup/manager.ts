import fs from 'node:fs';
import path from 'node:path';
import type {
  BackupInfo,
  BackupReason,
  RestoreResult,
  SafetyStatus,
  SafetyWarning,
} from '../../shared/api/backup';
import { AppError } from '../../shared/errors';
import { migrateAtomically, type LibraryDb } from '../db/connection';
import { pendingMigrations } from '../db/migrate';
import { cloudSyncWarning, detectCloudSyncFolder } from './cloud-folders';
import {
  acquireDailyLock,
  backupLocation,
  changedMarkerPath,
  freeBackupName,
  listBackupFiles,
  removeStaleTemps,
  rotateBackups,
  sameLocalDay,
  tempBackupPath,
  type BackupLocation,
} from './files';
import { restoreIntoLiveLibrary } from './restore';
import { checkBackupFile, removeWithSidecars, writeSnapshot } from './snapshot';
import { errorMessage, fsyncDir, isDiskFullError } from '../db/sqlite-file';
import { makePrivateDir } from '../util/private-files';

/**
 * Backups of one open library: create, list, rotate, restore, and the daily
 * schedule. Every operation runs one at a time (a restore never overlaps a
 * backup). The library is the service's live connection: nothing is closed or
 * reopened.
 */
export interface BackupManager {
  readonly location: BackupLocation;
  list(): BackupInfo[];
  /** Back up now. Rotation then keeps the newest `keep` of this reason. */
  create(reason: BackupReason): Promise<BackupInfo>;
  /** Replace the library with a listed backup (by file name), after backing up the current one. */
  restore(file: string): Promise<RestoreResult>;
  /** The daily backup, if the library changed and none was taken today. */
  runDailyIfDue(): Promise<BackupInfo | null>;
  /** Record that the library changed since its last backup. */
  markChanged(): void;
  isChanged(): boolean;
  status(): SafetyStatus;
  /** Wait for the running operation; refuse new ones. */
  close(): Promise<void>;
}

export interface BackupManagerOptions {
  lib: LibraryDb;
  /** How many backups of each reason to keep (the `backupKeep` setting). */
  keep: () => Promise<number>;
  now?: () => Date;
  /** Called after backups are added or removed, and after a restore. */
  onBackupsChanged?: () => void;
  /** Called after a restore replaced the library (emit library-changed and friends). */
  onRestored?: () => Promise<void> | void;
  env?: NodeJS.ProcessEnv;
}

export function createBackupManager(options: BackupManagerOptions): BackupManager {
  const { lib } = options;
  const now = options.now ?? (() => new Date());
  const location = backupLocation(lib.path);
  const marker = changedMarkerPath(location);
  let changedInMemory = false;
  let lastFailure: string | null = null;
  let closed = false;
  /** While a restore announces itself, its own library-changed events are not "changes". */
  let restoring = false;
  let queue: Promise<unknown> = Promise.resolve();

  /** One operation at a time, in call order; a failure does not block the next. */
  function exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new AppError('cancelled', 'The library is closing'));
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function find(file: string): BackupInfo {
    const backup = listBackupFiles(location).find((b) => b.file === file);
    if (!backup) {
      throw new AppError('not_found', `There is no backup named “${file}” in ${location.folder}`);
    }
    return backup;
  }

  function clearChanged(): void {
    changedInMemory = false;
    try {
      fs.rmSync(marker, { force: true });
    } catch {
      // The folder is unusable; the backup that follows will say so.
    }
  }

  function markChanged(): void {
    if (changedInMemory || restoring) return;
    changedInMemory = true;
    try {
      makePrivateDir(location.folder);
      // 'wx': the first change's time is kept when another process marked it already.
      fs.writeFileSync(marker, `${now().toISOString()}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        console.warn('papershelf: could not record that the library changed', error);
      }
    }
  }

  async function createLocked(
    reason: BackupReason,
    protect: ReadonlySet<string> = new Set(),
  ): Promise<BackupInfo> {
    const keep = await options.keep();
    const temp = tempBackupPath(location);
    // Cleared before the copy starts: a change made while it runs marks the
    // library changed again, so it is never lost from the next backup.
    const wasChanged = isChanged();
    let name: string;
    try {
      makePrivateDir(location.folder);
      removeStaleTemps(location, now());
      clearChanged();
      await writeSnapshot(lib.sqlite, temp, lib.nativeBinding);
      name = freeBackupName(location, now(), reason);
      fs.renameSync(temp, path.join(location.folder, name));
      fsyncDir(location.folder);
    } catch (error) {
      try {
        removeWithSidecars(temp);
      } catch {
        // nothing was written
      }
      if (wasChanged) markChanged();
      const why = isDiskFullError(error) ? 'the disk is full' : errorMessage(error);
      lastFailure = `The last backup failed: ${why}. Your library is unchanged; free some space or check the backups folder (${location.folder}).`;
      throw new AppError('internal', `Could not back up the library: ${why}`, { cause: error });
    }
    lastFailure = null;
    // The new backup is never rotated away, even when the clock went backwards.
    rotateBackups(location, keep, new Set([...protect, name]));
    options.onBackupsChanged?.();
    return find(name);
  }

  function isChanged(): boolean {
    return changedInMemory || fs.existsSync(marker);
  }

  return {
    location,
    list: () => listBackupFiles(location),

    create: (reason) => exclusive(() => createLocked(reason)),

    restore: (file) =>
      exclusive(async () => {
        const target = find(file);
        const check = await checkBackupFile(target.path, lib.nativeBinding);
        if (!check.ok) {
          throw new AppError(
            check.code,
            `Cannot restore ${file}: ${check.message}. The library was not changed.`,
          );
        }
        const made: { undo?: BackupInfo } = {};
        try {
          await restoreIntoLiveLibrary({
            live: lib.sqlite,
            livePath: lib.path,
            backupPath: target.path,
            location,
            nativeBinding: lib.nativeBinding,
            // The backup is staged, upgraded and checked by now: only a restore
            // that will go ahead leaves an undo point behind. From the undo point
            // until the swap, this process cannot write: a save that lands in
            // between would be in neither. Such a write fails at once (the caller
            // retries); everything written before is in the undo point.
            beforeSwap: async () => {
              lib.sqlite.pragma('query_only = ON');
              // If it cannot be made, nothing is restored.
              made.undo = await createLocked('pre-restore', new Set([file]));
            },
          });
        } finally {
          lib.sqlite.pragma('query_only = OFF');
        }
        const { undo } = made;
        if (!undo) throw new AppError('internal', 'The restore finished without an undo point');
        // Defensive: the staged copy was upgraded before the swap, so nothing is pending.
        if ((await pendingMigrations(lib.db)).length > 0)
          await migrateAtomically(lib.sqlite, lib.db);
        // The library now equals a backup (and the state before it is saved too).
        clearChanged();
        restoring = true;
        try {
          await options.onRestored?.();
        } finally {
          restoring = false;
        }
        options.onBackupsChanged?.();
        return { restored: find(file), undo };
      }),

    runDailyIfDue: () =>
      exclusive(async () => {
        const takenToday = () => {
          const newest = listBackupFiles(location)[0];
          return newest !== undefined && sameLocalDay(new Date(newest.createdAt), now());
        };
        if (!isChanged() || takenToday()) return null;
        // Another process starting at the same moment is taking it: one is enough.
        let lock: { release: () => void } | null;
        try {
          lock = acquireDailyLock(location, now());
        } catch {
          // The folder is unusable: the backup below fails and says so (backup-failed).
          lock = { release: () => undefined };
        }
        if (!lock) return null;
        try {
          // It may have finished just before the lock was ours.
          if (takenToday()) return null;
          return await createLocked('daily');
        } finally {
          lock.release();
        }
      }),

    markChanged,
    isChanged,

    status() {
      const warnings: SafetyWarning[] = [];
      const cloud = detectCloudSyncFolder(lib.path, { env: options.env });
      if (cloud) warnings.push({ code: 'cloud-sync-folder', message: cloudSyncWarning(cloud) });
      if (lastFailure) warnings.push({ code: 'backup-failed', message: lastFailure });
      return {
        libraryPath: lib.path,
        backupFolder: location.folder,
        lastBackup: listBackupFiles(location)[0] ?? null,
        changedSinceBackup: isChanged(),
        warnings,
      };
    },

    async close() {
      closed = true;
      await queue;
    },
  };
}
