import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { BackupInfo } from '../../../shared/api/backup';
import { AppError } from '../../../shared/errors';
import { cloudSyncWarning, detectCloudSyncFolder } from '../../backup/cloud-folders';
import { DamagedLibraryError, findNewestGoodBackup, humanTime } from '../../backup/damaged';
import {
  backupLocation,
  listBackupFiles,
  parseBackupName,
  type BackupLocation,
} from '../../backup/files';
import { importBackupFile } from '../../backup/import-file';
import { restoreOffline } from '../../backup/restore';
import { checkBackupFile } from '../../backup/snapshot';
import { resolveLibraryPath } from '../../db/paths';
import type { Service } from '../../service';
import { withLibrary, withService, type CliContext } from '../context';
import { formatBytes } from '../../../shared/bytes';

/** backup, backups, restore: the library's safety net from the command line. */
export function registerBackupCommands(program: Command, ctx: CliContext): void {
  withLibrary(
    program.command('backup').description('back up the library now (into backups/ beside it)'),
  ).action(async (opts: { library?: string }) => {
    await withService(ctx, opts, async (service) => {
      const backup = await service.api.createBackup({});
      ctx.print(`Backed up to ${backup.path} (${formatBytes(backup.sizeBytes)})`);
    });
  });

  withLibrary(
    program
      .command('backups')
      .description('list the backups of the library, newest first')
      .option('--json', 'print JSON'),
  ).action((opts: { json?: boolean; library?: string }) => {
    // Reads the folder only, so it works when the library itself cannot be opened.
    const libraryPath = resolveLibraryPath(opts.library, ctx.env);
    const location = backupLocation(libraryPath);
    const backups = listBackupFiles(location);
    const cloud = detectCloudSyncFolder(libraryPath, { env: ctx.env });
    if (opts.json) {
      ctx.print(
        JSON.stringify(
          {
            library: libraryPath,
            folder: location.folder,
            backups,
            warnings: cloud
              ? [{ code: 'cloud-sync-folder', message: cloudSyncWarning(cloud) }]
              : [],
          },
          null,
          2,
        ),
      );
      return;
    }
    if (backups.length === 0) {
      ctx.print(`No backups yet in ${location.folder}. Make one with: papershelf backup`);
    } else {
      ctx.print(`Backups of ${libraryPath}, newest first:`);
      for (const b of backups) {
        ctx.print(
          `  ${humanTime(b.createdAt)}  ${b.reason.padEnd(13)} ${formatBytes(b.sizeBytes).padStart(9)}  ${b.file}`,
        );
      }
      ctx.print(`Restore one with: papershelf restore FILE${libraryFlag(ctx, libraryPath)}`);
    }
    if (cloud) ctx.stderr.write(`papershelf: warning: ${cloudSyncWarning(cloud)}\n`);
  });

  withLibrary(
    program
      .command('restore')
      .description(
        'replace the library with a backup (default: the newest good one); the current library is backed up first',
      )
      .argument(
        '[file]',
        'a backup file name from `papershelf backups`, or the path of a library file',
      ),
  ).action(async (file: string | undefined, opts: { library?: string }) => {
    const libraryPath = resolveLibraryPath(opts.library, ctx.env);
    let service: Service;
    try {
      // No library at all (deleted, or a new computer): put the backup in place
      // rather than create an empty library only to overwrite it.
      if (!fs.existsSync(libraryPath)) {
        const newest = await findNewestGoodBackup(libraryPath);
        if (!newest && file === undefined) {
          throw new AppError(
            'not_found',
            `There is no library at ${libraryPath}, and no backup of it in ${backupLocation(libraryPath).folder}`,
          );
        }
        throw new DamagedLibraryError(libraryPath, 'the file is missing', newest);
      }
      service = await ctx.openService(opts);
    } catch (error) {
      if (!(error instanceof DamagedLibraryError)) throw error;
      await restoreDamaged(ctx, libraryPath, file, error);
      // Open it once, as the app will: checks it and brings an old schema up to date.
      await withService(ctx, opts, async () => undefined);
      return;
    }
    try {
      await restoreOnline(ctx, service, libraryPath, file);
    } finally {
      await service.close();
    }
  });
}

async function restoreOnline(
  ctx: CliContext,
  service: Service,
  libraryPath: string,
  file: string | undefined,
): Promise<void> {
  const location = backupLocation(libraryPath);
  const list = await service.api.listBackups({});
  let name: string;
  if (file === undefined) {
    let good: BackupInfo | undefined;
    for (const b of list.backups) {
      if ((await checkBackupFile(b.path, service.lib.nativeBinding)).ok) {
        good = b;
        break;
      }
    }
    if (!good) throw new AppError('not_found', `No good backup found in ${location.folder}`);
    name = good.file;
  } else {
    const inFolder = backupInFolder(location, file);
    name =
      inFolder ??
      (
        await importBackupFile({
          location,
          source: existingFile(file),
          keep: list.keep,
          nativeBinding: service.lib.nativeBinding,
        })
      ).file;
  }
  const { restored, undo } = await service.api.restoreBackup({ file: name });
  ctx.print(`Restored ${restored.path} (taken ${humanTime(restored.createdAt)}).`);
  ctx.print(`The library as it was is saved as ${undo.path}.`);
  ctx.print(`To undo: papershelf restore ${undo.file}${libraryFlag(ctx, libraryPath)}`);
}

async function restoreDamaged(
  ctx: CliContext,
  libraryPath: string,
  file: string | undefined,
  error: DamagedLibraryError,
): Promise<void> {
  const location = backupLocation(libraryPath);
  let backup: Pick<BackupInfo, 'path'>;
  if (file === undefined) {
    if (!error.newestGoodBackup) {
      throw new AppError('not_found', `${error.message} Nothing to restore.`);
    }
    backup = error.newestGoodBackup;
  } else {
    const inFolder = backupInFolder(location, file);
    backup = { path: inFolder ? path.join(location.folder, inFolder) : existingFile(file) };
  }
  const result = await restoreOffline({
    libraryPath,
    backupPath: backup.path,
    location,
    now: new Date(),
  });
  ctx.print(`Restored ${backup.path}.`);
  if (result.movedAside) ctx.print(`The damaged library was kept as ${result.movedAside}.`);
}

/** A backup of this library named by its file name, or by a path into its backups folder. */
function backupInFolder(location: BackupLocation, file: string): string | null {
  const asName = path.basename(file);
  const candidate = file === asName ? path.join(location.folder, file) : path.resolve(file);
  if (path.dirname(candidate) !== location.folder) return null;
  if (!parseBackupName(location, asName) || !fs.existsSync(candidate)) return null;
  return asName;
}

function existingFile(file: string): string {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) {
    throw new AppError('not_found', `No backup named ${file}, and no file at ${full}`);
  }
  return full;
}

/** `--library PATH` for messages, unless the command would find the library without it. */
function libraryFlag(ctx: CliContext, libraryPath: string): string {
  // Without --library the same environment picks the same file.
  if (libraryPath === resolveLibraryPath(undefined, ctx.env)) return '';
  return ` --library ${JSON.stringify(libraryPath)}`;
}

/**
 * For the CLI's error output: when the library is damaged and a good backup
 * exists, the exact command that restores it (the damaged file is kept aside).
 */
export function damagedLibraryHint(error: unknown, ctx: CliContext): string | null {
  if (!(error instanceof DamagedLibraryError) || !error.newestGoodBackup) return null;
  return `To restore that backup (the damaged file is kept aside), run: papershelf restore${libraryFlag(ctx, error.libraryPath)}`;
}
