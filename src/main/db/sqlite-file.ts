import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Small helpers for SQLite files other than the live library connection:
 * backups, copies being checked, a library being restored offline.
 */

export interface SqliteFileOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /**
   * The better-sqlite3 addon built for this runtime. The desktop app loads an
   * Electron-ABI copy; every extra connection must use the same one, or loading
   * Node's build inside Electron would crash the process.
   */
  nativeBinding?: string;
}

export function openSqliteFile(
  file: string,
  options: SqliteFileOptions = {},
): BetterSqlite3.Database {
  return new BetterSqlite3(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}

/** `PRAGMA quick_check`: the problems found, empty when the file is sound. */
export function quickCheckProblems(sqlite: BetterSqlite3.Database): string[] {
  const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
}

/** The SQLite error code (`SQLITE_CORRUPT`, ...) or Node errno code of an error, if any. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Errors that mean "this is not a sound SQLite file", as opposed to "cannot get at it now". */
export function isCorruptionError(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

export function isBusyError(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export function isDiskFullError(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/** Flush a file's data to the disk, so a rename that follows cannot expose an empty file after a power cut. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Make a rename durable. Directories cannot be opened for fsync on Windows; there it is skipped. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // EISDIR / EPERM on Windows, EINVAL on some network file systems: best effort.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The files SQLite may keep beside a database. */
export const SIDECAR_SUFFIXES = ['-wal', '-shm', '-journal'] as const;
