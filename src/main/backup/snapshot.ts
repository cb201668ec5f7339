import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError, type ErrorCode } from '../../shared/errors';
import { checkSchema } from '../db/schema-check';
import {
  errorCode,
  errorMessage,
  isBusyError,
  openSqliteFile,
  quickCheckProblems,
  SIDECAR_SUFFIXES,
} from '../db/sqlite-file';
import { createPrivateFile } from '../util/private-files';

/**
 * Copies of a library, made with SQLite's online backup API: a consistent
 * snapshot taken page by page while the app keeps working (writes made through
 * the same connection meanwhile are carried into the copy). Each copy is then
 * turned into a self-contained rollback-journal file (no -wal beside it) and
 * checked before it counts as a backup.
 */

/** Pages per backup step (4 MB at the default page size): few steps, short pauses. */
const PAGES_PER_STEP = 1024;
/** A write transaction on the source connection blocks a step (SQLITE_LOCKED); wait and retry. */
const LOCKED_RETRIES = 100;
const LOCKED_WAIT_MS = 50;

export async function writeSnapshot(
  source: BetterSqlite3.Database,
  dest: string,
  nativeBinding?: string,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Created private first: SQLite writes into the file as it finds it.
      createPrivateFile(dest);
      await source.backup(dest, { progress: () => PAGES_PER_STEP });
      break;
    } catch (error) {
      removeWithSidecars(dest);
      if (!isBusyError(error) || attempt >= LOCKED_RETRIES) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCKED_WAIT_MS));
    }
  }
  finishCopy(dest, nativeBinding, 'light');
  // Off the main thread: an fsync of a large file can take a while on a slow disk.
  const handle = await fs.promises.open(dest, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Make a fresh copy self-contained and check it: switch it to rollback-journal
 * mode (the backup API copies the source's WAL flag), so it is one file that
 * opens anywhere, then check it. `full` runs quick_check (used where nothing
 * else is waiting: an offline restore). `light` reads the schema and page
 * count: the copy is page-exact from a library that passed quick_check when it
 * was opened, and every restore runs the full check before using a backup, so
 * the routine backup does not block the app for the length of a full check
 * (about half a second at 50,000 papers).
 */
export function finishCopy(
  file: string,
  nativeBinding: string | undefined,
  verify: 'light' | 'full',
): void {
  const copy = openSqliteFile(file, { fileMustExist: true, nativeBinding });
  try {
    copy.pragma('trusted_schema = OFF');
    copy.pragma('journal_mode = DELETE');
    const problems =
      verify === 'full'
        ? quickCheckProblems(copy)
        : copy.prepare("select count(*) from sqlite_master where name = 'papers'").pluck().get() ===
              1 && (copy.pragma('page_count', { simple: true }) as number) > 0
          ? []
          : ['the copy has no library in it'];
    if (problems.length > 0) {
      throw new AppError('internal', `The backup copy failed its check: ${problems[0]}`);
    }
  } finally {
    copy.close();
  }
  for (const suffix of SIDECAR_SUFFIXES) fs.rmSync(`${file}${suffix}`, { force: true });
}

/** Remove a (temp) database and its -wal/-shm/-journal; whatever is already gone is fine. */
export function removeWithSidecars(file: string): void {
  for (const suffix of ['', ...SIDECAR_SUFFIXES]) {
    try {
      fs.rmSync(`${file}${suffix}`, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw error;
    }
  }
}

export type BackupCheck =
  | { ok: true; pageSize: number; migrations: string[] }
  | { ok: false; code: ErrorCode; message: string };

/**
 * Is this file a sound Papershelf library this version can open? Opened read
 * only, with `trusted_schema = OFF` (nothing in a crafted schema may run while
 * it is looked at); quick_check; then its whole schema must be exactly what the
 * migrations it records build (no extra table, view, trigger or index, no
 * altered one), and a backup written by a newer version is refused, like such
 * a library is.
 */
export async function checkBackupFile(file: string, nativeBinding?: string): Promise<BackupCheck> {
  if (!fs.existsSync(file))
    return { ok: false, code: 'not_found', message: 'the file does not exist' };
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = openUntrustedFile(file, nativeBinding);
  } catch (error) {
    return { ok: false, code: 'bad_file', message: `it cannot be opened (${errorMessage(error)})` };
  }
  try {
    const problems = quickCheckProblems(sqlite);
    if (problems.length > 0) {
      return { ok: false, code: 'library_damaged', message: `it is damaged (${problems[0]})` };
    }
    const hasPapers =
      sqlite
        .prepare("select 1 from sqlite_master where type = 'table' and name = 'papers'")
        .get() !== undefined;
    if (!hasPapers)
      return { ok: false, code: 'bad_file', message: 'it is not a Papershelf library' };
    const verdict = await checkSchema(sqlite, nativeBinding);
    if (!verdict.ok && verdict.reason === 'too-new') {
      return {
        ok: false,
        code: 'library_too_new',
        message: `it was written by a newer version of Papershelf (schema ${verdict.unknown.at(-1)})`,
      };
    }
    if (!verdict.ok) return { ok: false, code: 'bad_file', message: verdict.message };
    const pageSize = sqlite.pragma('page_size', { simple: true }) as number;
    return { ok: true, pageSize, migrations: verdict.migrations };
  } catch (error) {
    const code = errorCode(error) ?? '';
    const damaged = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
    return {
      ok: false,
      code: damaged ? 'library_damaged' : 'bad_file',
      message: `${damaged ? 'it is damaged' : 'it cannot be read'} (${errorMessage(error)})`,
    };
  } finally {
    sqlite.close();
  }
}

/** A file from outside, opened to be looked at: read only, and its schema's code is never trusted. */
export function openUntrustedFile(file: string, nativeBinding?: string): BetterSqlite3.Database {
  const sqlite = openSqliteFile(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    sqlite.pragma('trusted_schema = OFF');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/**
 * Copy any library file (its -wal included, through SQLite) into `dest` as a
 * finished backup. Used to bring an outside file into the backups folder.
 */
export async function copyLibraryFile(
  source: string,
  dest: string,
  nativeBinding?: string,
): Promise<void> {
  const sqlite = openUntrustedFile(source, nativeBinding);
  try {
    await writeSnapshot(sqlite, dest, nativeBinding);
  } finally {
    sqlite.close();
  }
}
