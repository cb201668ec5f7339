import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { BackupLocation } from './files';
import { damagedLibraryPath, tempBackupPath } from './files';
import { checkBackupFile, finishCopy, removeWithSidecars } from './snapshot';
import { fsyncDir, fsyncFile, openSqliteFile, SIDECAR_SUFFIXES } from './sqlite-file';

/**
 * Two ways to put a backup in place of the library.
 *
 * Online (the service is running and holds the library open): SQLite's backup
 * API writes the backup's pages into the live file through a second connection,
 * as ONE write transaction. Readers see the old library until it commits, then
 * the new one; a crash or error part-way leaves the old library untouched. The
 * service's own connection, prepared statements and handlers stay valid, so no
 * module needs to reopen anything: they only hear `library-changed`.
 *
 * Offline (the library cannot be opened: it is damaged): the damaged file and its
 * -wal/-shm are moved aside into the backups folder (never deleted), and a copy
 * of the backup is renamed into place.
 */

export async function restoreIntoLiveLibrary(options: {
  live: BetterSqlite3.Database;
  livePath: string;
  backupPath: string;
  location: BackupLocation;
  nativeBinding?: string;
}): Promise<void> {
  const { live, livePath, location, nativeBinding } = options;
  let source = options.backupPath;
  let converted: string | null = null;
  const livePageSize = live.pragma('page_size', { simple: true }) as number;
  const check = checkBackupFile(source, nativeBinding);
  if (!check.ok) throw new AppError(check.code, `Cannot restore: ${check.message}`);
  if (check.pageSize !== livePageSize) {
    // A WAL database cannot change its page size inside a transaction, so a
    // backup with another page size (one made by another tool) is converted first.
    converted = tempBackupPath(location);
    fs.copyFileSync(source, converted);
    const copy = openSqliteFile(converted, { fileMustExist: true, nativeBinding });
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma(`page_size = ${livePageSize}`);
      copy.exec('VACUUM');
    } finally {
      copy.close();
    }
    source = converted;
  }

  const backup = openSqliteFile(source, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    // After the first step, copy everything in one step: the write lock is held
    // for as short a time as possible and never across many event-loop turns.
    await backup.backup(livePath, { progress: () => 0x7fffffff });
  } catch (error) {
    throw new AppError(
      'internal',
      `Could not restore the backup; the library was not changed (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  } finally {
    backup.close();
    if (converted) removeWithSidecars(converted);
  }
}

export interface OfflineRestoreResult {
  /** Where the damaged library (and its -wal/-shm) now is, or null when there was no file. */
  movedAside: string | null;
}

/**
 * Put `backupPath` in place of a library that cannot be opened. The old file is
 * kept, moved into the backups folder as `<stem>-damaged-<time>.sqlite`.
 */
export function restoreOffline(options: {
  libraryPath: string;
  backupPath: string;
  location: BackupLocation;
  now: Date;
  nativeBinding?: string;
}): OfflineRestoreResult {
  const { libraryPath, location, nativeBinding } = options;
  const check = checkBackupFile(options.backupPath, nativeBinding);
  if (!check.ok) throw new AppError(check.code, `Cannot restore: ${check.message}`);

  fs.mkdirSync(location.folder, { recursive: true });
  // Copy first: if the copy fails (disk full), nothing has been moved yet.
  const staged = path.join(path.dirname(libraryPath), `.${path.basename(libraryPath)}.restoring`);
  removeWithSidecars(staged);
  try {
    fs.copyFileSync(options.backupPath, staged);
    finishCopy(staged, nativeBinding, 'full');
    fsyncFile(staged);
  } catch (error) {
    removeWithSidecars(staged);
    throw new AppError(
      'internal',
      `Could not copy the backup; nothing was changed (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }

  // The -wal belongs to the damaged file: it must never be replayed onto the
  // backup, so it moves aside with it (and stays there for anyone who wants to
  // dig into it).
  const present = ['', ...SIDECAR_SUFFIXES].filter((s) => fs.existsSync(`${libraryPath}${s}`));
  let movedAside: string | null = null;
  if (present.length > 0) {
    movedAside = damagedLibraryPath(location, options.now);
    for (const suffix of present)
      fs.renameSync(`${libraryPath}${suffix}`, `${movedAside}${suffix}`);
  }
  fs.renameSync(staged, libraryPath);
  fsyncFile(libraryPath);
  fsyncDir(path.dirname(libraryPath));
  fsyncDir(location.folder);
  return { movedAside };
}
