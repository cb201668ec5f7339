import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { backupLocation, freeBackupName, rotateBackups, tempBackupPath } from './files';
import { removeWithSidecars, writeSnapshot } from './snapshot';
import { errorMessage, fsyncDir } from '../db/sqlite-file';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from '../util/private-files';

const DEFAULT_KEEP = 5;

/**
 * The backup taken before pending migrations change an existing library. If it
 * cannot be made, the upgrade does not run: the library stays as it was.
 */
export async function backupBeforeMigration(
  sqlite: BetterSqlite3.Database,
  libraryPath: string,
  options: { nativeBinding?: string; now?: Date } = {},
): Promise<string> {
  const location = backupLocation(libraryPath);
  const temp = tempBackupPath(location);
  try {
    makePrivateDir(location.folder);
    await writeSnapshot(sqlite, temp, options.nativeBinding);
    const name = freeBackupName(location, options.now ?? new Date(), 'pre-migration');
    const final = path.join(location.folder, name);
    fs.renameSync(temp, final);
    fsyncDir(location.folder);
    rotateBackups(location, storedKeep(sqlite), new Set([name]));
    return final;
  } catch (error) {
    removeWithSidecars(temp);
    throw new AppError(
      'internal',
      `Could not back up the library before upgrading it, so it was not upgraded: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}

/** The `backupKeep` setting, read without the settings module: the schema may be old. */
function storedKeep(sqlite: BetterSqlite3.Database): number {
  try {
    const row = sqlite
      .prepare<[], { value: string }>("select value from settings where key = 'backupKeep'")
      .get();
    const value: unknown = row ? JSON.parse(row.value) : DEFAULT_KEEP;
    return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100
      ? value
      : DEFAULT_KEEP;
  } catch {
    return DEFAULT_KEEP;
  }
}
