import type { BackupInfo } from '../../shared/api/backup';
import { AppError } from '../../shared/errors';
import { backupLocation, listBackupFiles } from './files';
import { restoreOffline, type OfflineRestoreResult } from './restore';
import { checkBackupFile } from './snapshot';

/**
 * A library that fails its integrity check is never replaced silently. Opening
 * it throws this error: it says what happened and names the newest backup that
 * passes its own check, so each door can offer it (the CLI prints the
 * `papershelf restore` command, the desktop app asks, browser mode exits).
 */
export class DamagedLibraryError extends AppError {
  readonly libraryPath: string;
  /** The newest backup that is sound and openable by this version, if any. */
  readonly newestGoodBackup: BackupInfo | null;

  constructor(
    libraryPath: string,
    detail: string,
    newestGoodBackup: BackupInfo | null,
    cause?: unknown,
  ) {
    super('library_damaged', damagedMessage(libraryPath, detail, newestGoodBackup), { cause });
    this.name = 'DamagedLibraryError';
    this.libraryPath = libraryPath;
    this.newestGoodBackup = newestGoodBackup;
  }
}

function damagedMessage(libraryPath: string, detail: string, backup: BackupInfo | null): string {
  const what = `The library at ${libraryPath} is damaged (${detail}). Papershelf has not changed it.`;
  if (!backup)
    return `${what} No good backup of it was found in ${backupLocation(libraryPath).folder}.`;
  return `${what} The newest good backup is ${backup.path}, taken ${humanTime(backup.createdAt)}.`;
}

/** `2025-11-10 12:00 UTC`: unambiguous in a message read anywhere. */
export function humanTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Newest first, the first backup that passes quick_check and has a schema we know. */
export async function findNewestGoodBackup(
  libraryPath: string,
  nativeBinding?: string,
): Promise<BackupInfo | null> {
  let backups: BackupInfo[];
  try {
    backups = listBackupFiles(backupLocation(libraryPath));
  } catch {
    return null; // an unreadable backups folder: no offer, the damage message still stands
  }
  for (const backup of backups) {
    if ((await checkBackupFile(backup.path, nativeBinding)).ok) return backup;
  }
  return null;
}

export type RecoveryChoice = 'restore' | 'quit';

/**
 * Open the library; if it is damaged and a good backup exists, ask the user
 * (a dialog on the desktop) and restore it only when they say so. The damaged
 * file is moved aside, never deleted.
 */
export async function openWithRecovery<T>(options: {
  libraryPath: string;
  open: () => Promise<T>;
  ask: (error: DamagedLibraryError & { newestGoodBackup: BackupInfo }) => Promise<RecoveryChoice>;
  nativeBinding?: string;
  now?: () => Date;
  /** Told where the damaged file went, to show the user. */
  onRestored?: (result: OfflineRestoreResult & { backup: BackupInfo }) => void;
}): Promise<T> {
  try {
    return await options.open();
  } catch (error) {
    if (!(error instanceof DamagedLibraryError) || !error.newestGoodBackup) throw error;
    const backup = error.newestGoodBackup;
    const choice = await options.ask(
      error as DamagedLibraryError & { newestGoodBackup: BackupInfo },
    );
    if (choice !== 'restore') throw error;
    const result = await restoreOffline({
      libraryPath: error.libraryPath,
      backupPath: backup.path,
      location: backupLocation(error.libraryPath),
      now: (options.now ?? (() => new Date()))(),
      nativeBinding: options.nativeBinding,
    });
    options.onRestored?.({ ...result, backup });
    return options.open();
  }
}
