import { z } from 'zod';
import { empty } from './common';

/**
 * Keeping the library safe: rotating backups, restore (undoable), and warnings
 * about where the library lives. Backups are whole SQLite files in a `backups/`
 * folder beside the library, named `<library>-YYYYMMDD-HHMMSS-<reason>.sqlite`
 * (UTC time), so they can be copied anywhere and opened by any SQLite tool.
 */

/**
 * Why a backup was taken. Rotation keeps the newest `backupKeep` of each reason,
 * so a burst of one kind (say, several restores) never pushes out the others.
 *  - daily:         automatic, at most once a day, only when the library changed
 *  - manual:        the user asked for one
 *  - pre-migration: automatic, before an upgrade changes the library's schema
 *  - pre-restore:   the library as it was just before a restore: restoring it undoes the restore
 *  - imported:      a backup file from elsewhere, copied in to be restored (CLI `restore PATH`)
 */
export const BACKUP_REASONS = [
  'daily',
  'manual',
  'pre-migration',
  'pre-restore',
  'imported',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/**
 * A backup's file name, as listBackups returns it. Only names are accepted, never
 * paths: a caller (a browser tab, say) cannot point a restore at an arbitrary file.
 */
export const backupFileName = z
  .string()
  .min(1, 'A backup file name is required')
  .max(255, 'A backup file name is at most 255 characters')
  // No separators, no control characters, no leading dot: a name, never a path.
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  .regex(/^(?!\.)[^/\\\u0000-\u001f\u007f:*?"<>|]+\.sqlite$/u, {
    message:
      'Not a backup file name (expected something like library-20251110-120000-daily.sqlite)',
  });

export const backupInputs = {
  /** Every backup of this library, newest first. */
  listBackups: empty,
  /** Back up the library now (reason `manual`). */
  createBackup: empty,
  /**
   * Replace the library with a backup. The current library is backed up first
   * (reason `pre-restore`); restoring that one undoes the restore. The library
   * is swapped in one transaction: a failed restore changes nothing.
   */
  restoreBackup: z.strictObject({ file: backupFileName }),
  /** Where the library and its backups are, the last backup, and warnings to show. */
  getSafetyStatus: empty,
};

export interface BackupInfo {
  /** File name inside the backups folder: what restoreBackup takes. */
  file: string;
  /** Absolute path, to show the user. */
  path: string;
  reason: BackupReason;
  /** When the backup was taken (ISO-8601 UTC, from the file name). */
  createdAt: string;
  sizeBytes: number;
}

export interface BackupList {
  /** The backups folder (absolute; it may not exist yet). */
  folder: string;
  /** How many of each reason are kept (the `backupKeep` setting). */
  keep: number;
  /** Newest first. */
  backups: BackupInfo[];
}

export interface RestoreResult {
  /** The backup now in place. */
  restored: BackupInfo;
  /** The library as it was before the restore: restoreBackup({ file: undo.file }) undoes it. */
  undo: BackupInfo;
}

export const SAFETY_WARNING_CODES = ['cloud-sync-folder', 'backup-failed'] as const;
export type SafetyWarningCode = (typeof SAFETY_WARNING_CODES)[number];

export interface SafetyWarning {
  /**
   * cloud-sync-folder: the library (and so its backups) is inside a folder a sync
   *   client (Dropbox, iCloud Drive, OneDrive, ...) copies around; such clients can
   *   copy a half-written library or make conflicted copies.
   * backup-failed: the last automatic backup failed (disk full, no permission...).
   */
  code: SafetyWarningCode;
  /** One or two sentences for the user, saying what to do. */
  message: string;
}

export interface SafetyStatus {
  libraryPath: string;
  backupFolder: string;
  /** The newest backup of any reason, or null when there is none. */
  lastBackup: BackupInfo | null;
  /** True when the library changed since its last backup. */
  changedSinceBackup: boolean;
  warnings: SafetyWarning[];
}

/** Backups were added, removed or restored: a list on screen should reload. */
export interface BackupsChangedEvent {
  type: 'backups-changed';
}

export interface BackupOutputs {
  listBackups: BackupList;
  createBackup: BackupInfo;
  restoreBackup: RestoreResult;
  getSafetyStatus: SafetyStatus;
}
