import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { BackupLocation } from './files';
import { damagedLibraryPath, tempBackupPath } from './files';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateAtomically } from '../db/connection';
import { pendingMigrations } from '../db/migrate';
import { checkSchema } from '../db/schema-check';
import type { Database } from '../db/schema';
import { checkBackupFile, copyLibraryFile, removeWithSidecars } from './snapshot';
import {
  errorMessage,
  fsyncDir,
  fsyncFile,
  openSqliteFile,
  quickCheckProblems,
  SIDECAR_SUFFIXES,
} from '../db/sqlite-file';
import { makePrivateDir } from '../util/private-files';

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
  /** Runs once the backup has passed every check, just before the swap (the undo point). */
  beforeSwap?: () => Promise<void>;
}): Promise<void> {
  const { live, livePath, location, nativeBinding } = options;
  const livePageSize = live.pragma('page_size', { simple: true }) as number;
  const staged = tempBackupPath(location);
  try {
    await stageVerifiedCopy({
      source: options.backupPath,
      dest: staged,
      pageSize: livePageSize,
      nativeBinding,
    });
    await options.beforeSwap?.();
    const backup = openSqliteFile(staged, { readonly: true, fileMustExist: true, nativeBinding });
    try {
      // After the first step, copy everything in one step: the write lock is held
      // for as short a time as possible and never across many event-loop turns.
      await backup.backup(livePath, { progress: () => 0x7fffffff });
    } catch (error) {
      throw new AppError(
        'internal',
        `Could not restore the backup; the library was not changed (${errorMessage(error)})`,
        { cause: error },
      );
    } finally {
      backup.close();
    }
  } finally {
    removeWithSidecars(staged);
  }
}

/**
 * Everything that could fail about a backup fails here, on a private copy,
 * before the library is touched: the candidate's schema is checked (read
 * only, its code untrusted), the copy is made through SQLite, converted to the
 * live page size when it differs, brought up to this version's schema, and
 * checked again (quick_check, foreign keys, and the schema the migrations
 * build). Only a copy that passes all of it is ever swapped in.
 */
export async function stageVerifiedCopy(options: {
  source: string;
  dest: string;
  /** Convert to this page size (a WAL library cannot change its own inside a transaction). */
  pageSize?: number;
  nativeBinding?: string;
}): Promise<void> {
  const { source, dest, nativeBinding } = options;
  const check = await checkBackupFile(source, nativeBinding);
  if (!check.ok) throw new AppError(check.code, `Cannot restore: ${check.message}`);
  removeWithSidecars(dest);
  try {
    await copyLibraryFile(source, dest, nativeBinding);
  } catch (error) {
    throw new AppError(
      'internal',
      `Could not copy the backup; nothing was changed (${errorMessage(error)})`,
      { cause: error },
    );
  }
  const copy = openSqliteFile(dest, { fileMustExist: true, nativeBinding });
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: copy }) });
  try {
    copy.pragma('trusted_schema = OFF');
    // The copy is a file of our own now, but checked again: the check above
    // looked at the source, and this is what will be swapped in.
    const verdict = await checkSchema(copy, nativeBinding);
    if (!verdict.ok)
      throw new AppError('bad_file', 'Cannot restore: the copy of the backup changed');
    // Exactly our schema, so its code is ours and may run (migrations need it).
    copy.pragma('trusted_schema = ON');
    copy.pragma('foreign_keys = ON');
    if (options.pageSize !== undefined && check.pageSize !== options.pageSize) {
      copy.pragma(`page_size = ${options.pageSize}`);
      copy.exec('VACUUM');
    }
    if ((await pendingMigrations(db)).length > 0) await migrateAtomically(copy, db);
    const problems = quickCheckProblems(copy);
    const orphans = (copy.pragma('foreign_key_check') as unknown[]).length;
    if (orphans > 0) problems.push(`${orphans} row(s) refer to rows that do not exist`);
    const upgraded = await checkSchema(copy, nativeBinding);
    if (!upgraded.ok) problems.push(upgraded.reason === 'mismatch' ? upgraded.message : 'too new');
    if (problems.length > 0) {
      throw new AppError(
        'bad_file',
        `Cannot restore: the backup failed its check after the upgrade (${problems[0]}); nothing was changed`,
      );
    }
  } catch (error) {
    await db.destroy();
    removeWithSidecars(dest);
    throw error;
  }
  await db.destroy();
  fsyncFile(dest);
}

export interface OfflineRestoreResult {
  /** Where the damaged library (and its -wal/-shm) now is, or null when there was no file. */
  movedAside: string | null;
}

/**
 * Put `backupPath` in place of a library that cannot be opened. The old file is
 * kept, moved into the backups folder as `<stem>-damaged-<time>.sqlite`.
 */
export async function restoreOffline(options: {
  libraryPath: string;
  backupPath: string;
  location: BackupLocation;
  now: Date;
  nativeBinding?: string;
}): Promise<OfflineRestoreResult> {
  const { libraryPath, location, nativeBinding } = options;
  makePrivateDir(location.folder);
  // Copy, upgrade and check first: if anything fails, nothing has been moved yet.
  const staged = path.join(path.dirname(libraryPath), `.${path.basename(libraryPath)}.restoring`);
  await stageVerifiedCopy({ source: options.backupPath, dest: staged, nativeBinding });

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
