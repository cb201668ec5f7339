import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../shared/api/backup';
import { AppError } from '../../shared/errors';
import {
  freeBackupName,
  listBackupFiles,
  rotateBackups,
  tempBackupPath,
  type BackupLocation,
} from './files';
import { checkBackupFile, copyLibraryFile, removeWithSidecars } from './snapshot';
import { fsyncDir } from '../db/sqlite-file';
import { makePrivateDir } from '../util/private-files';

/**
 * Bring a library file from anywhere (a backup copied off another disk, say)
 * into the backups folder as an `imported` backup, so it can be restored like
 * any other and stays there afterwards. The file is checked first and copied
 * through SQLite, so a -wal beside it is included.
 */
export async function importBackupFile(options: {
  location: BackupLocation;
  source: string;
  keep: number;
  now?: Date;
  nativeBinding?: string;
}): Promise<BackupInfo> {
  const { location, nativeBinding } = options;
  const source = path.resolve(options.source);
  const check = await checkBackupFile(source, nativeBinding);
  if (!check.ok) throw new AppError(check.code, `Cannot use ${source}: ${check.message}`);
  makePrivateDir(location.folder);
  const temp = tempBackupPath(location);
  let name: string;
  try {
    await copyLibraryFile(source, temp, nativeBinding);
    name = freeBackupName(location, options.now ?? new Date(), 'imported');
    fs.renameSync(temp, path.join(location.folder, name));
    fsyncDir(location.folder);
  } catch (error) {
    removeWithSidecars(temp);
    throw error;
  }
  rotateBackups(location, options.keep, new Set([name]));
  const info = listBackupFiles(location).find((b) => b.file === name);
  if (!info) throw new AppError('internal', `The imported backup ${name} disappeared`);
  return info;
}
