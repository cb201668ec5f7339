import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '../../shared/api/backup';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../util/private-files';
import { isProcessAlive } from '../util/processes';

/**
 * Where backups live and what they are called. Backups sit in a `backups/`
 * folder beside the library (`library.sqlite` ->
 * `backups/library-20251110-120000-daily.sqlite`): easy to find, on the same
 * disk (so a restore is a local copy), and outside any cloud-sync folder as long
 * as the library is. Names carry the time (UTC) and the reason, so a listing
 * needs no index file that could itself be lost.
 */

export interface BackupLocation {
  libraryPath: string;
  /** `<library folder>/backups` */
  folder: string;
  /** The library's file name without its extension: every backup name starts with it. */
  stem: string;
}

export function backupLocation(libraryPath: string): BackupLocation {
  const absolute = path.resolve(libraryPath);
  const base = path.basename(absolute);
  const stem = base.replace(/\.(sqlite3?|db3?)$/i, '') || base;
  return { libraryPath: absolute, folder: path.join(path.dirname(absolute), 'backups'), stem };
}

const STAMP = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/;

/** `20251110-120000` in UTC: sortable, and the same on every machine. */
export function formatStamp(date: Date): string {
  const iso = date.toISOString(); // 2025-11-10T12:00:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

function parseStamp(stamp: string): Date | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Rejects 20251340-..., which Date.UTC would quietly roll over.
  return formatStamp(date) === stamp ? date : null;
}

export interface ParsedBackupName {
  createdAt: Date;
  reason: BackupReason;
  /** Two backups in the same second get -2, -3...: keeps the order exact. */
  sequence: number;
}

const REASON_PATTERN = BACKUP_REASONS.map((r) => r.replace(/-/g, '\\-')).join('|');
const NAME_REST = new RegExp(`^(\\d{8}-\\d{6})-(${REASON_PATTERN})(?:-(\\d{1,4}))?\\.sqlite$`);

/** Parse a file name in `location.folder`; null when it is not a backup of this library. */
export function parseBackupName(location: BackupLocation, name: string): ParsedBackupName | null {
  const prefix = `${location.stem}-`;
  if (!name.startsWith(prefix)) return null;
  const m = NAME_REST.exec(name.slice(prefix.length));
  if (!m) return null;
  const createdAt = parseStamp(m[1]);
  if (!createdAt) return null;
  return { createdAt, reason: m[2] as BackupReason, sequence: m[3] ? Number(m[3]) : 1 };
}

export function backupName(
  location: BackupLocation,
  createdAt: Date,
  reason: BackupReason,
  sequence = 1,
): string {
  const suffix = sequence > 1 ? `-${sequence}` : '';
  return `${location.stem}-${formatStamp(createdAt)}-${reason}${suffix}.sqlite`;
}

/**
 * A name not taken yet. Within one second, the sequence goes past every backup
 * already named for that second (whatever its reason), so names keep sorting in
 * the order the backups were made even after rotation deleted some.
 */
export function freeBackupName(
  location: BackupLocation,
  createdAt: Date,
  reason: BackupReason,
): string {
  const stamp = formatStamp(createdAt);
  let highest = 0;
  let names: string[] = [];
  try {
    names = fs.readdirSync(location.folder);
  } catch {
    // no folder yet: nothing taken
  }
  for (const name of names) {
    const parsed = parseBackupName(location, name);
    if (parsed && formatStamp(parsed.createdAt) === stamp)
      highest = Math.max(highest, parsed.sequence);
  }
  return backupName(location, createdAt, reason, highest + 1);
}

/** Every backup of this library in its folder, newest first. A missing folder is an empty list. */
export function listBackupFiles(location: BackupLocation): BackupInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(location.folder);
  } catch (error) {
    // No folder (or a file in its place): no backups.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  const found: Array<BackupInfo & { sequence: number }> = [];
  for (const name of names) {
    const parsed = parseBackupName(location, name);
    if (!parsed) continue;
    const full = path.join(location.folder, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue; // removed meanwhile (rotation in another process)
    }
    if (!stat.isFile()) continue;
    found.push({
      file: name,
      path: full,
      reason: parsed.reason,
      createdAt: parsed.createdAt.toISOString(),
      sizeBytes: stat.size,
      sequence: parsed.sequence,
    });
  }
  found.sort(
    (a, b) =>
      b.createdAt.localeCompare(a.createdAt) ||
      b.sequence - a.sequence ||
      a.file.localeCompare(b.file),
  );
  return found.map(({ sequence: _sequence, ...info }) => info);
}

/**
 * Keep the newest `keep` backups of each reason; delete older ones. Files named
 * in `protect` (a backup being restored from) are never deleted.
 * Returns the names deleted.
 */
export function rotateBackups(
  location: BackupLocation,
  keep: number,
  protect: ReadonlySet<string> = new Set(),
): string[] {
  const deleted: string[] = [];
  const seen = new Map<BackupReason, number>();
  for (const backup of listBackupFiles(location)) {
    const count = (seen.get(backup.reason) ?? 0) + 1;
    seen.set(backup.reason, count);
    if (count <= keep || protect.has(backup.file)) continue;
    try {
      fs.rmSync(backup.path, { force: true });
      deleted.push(backup.file);
    } catch (error) {
      // A backup that cannot be deleted (open elsewhere on Windows) is kept until next time.
      console.warn(`papershelf: could not delete old backup ${backup.path}`, error);
    }
  }
  return deleted;
}

/** A private temp name in the backups folder; the finished file is renamed into place. */
export function tempBackupPath(location: BackupLocation): string {
  return path.join(
    location.folder,
    `.${location.stem}-${crypto.randomBytes(6).toString('hex')}.tmp`,
  );
}

/** Leftovers of a backup cut short by a crash, older than an hour (so never one in progress). */
export function removeStaleTemps(location: BackupLocation, now: Date): void {
  let names: string[];
  try {
    names = fs.readdirSync(location.folder);
  } catch {
    return;
  }
  const prefix = `.${location.stem}-`;
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const full = path.join(location.folder, name);
    try {
      if (now.getTime() - fs.statSync(full).mtimeMs > 60 * 60 * 1000)
        fs.rmSync(full, { force: true });
    } catch {
      // gone already
    }
  }
}

/**
 * "The library changed since its last backup", kept as a small file beside the
 * backups so it survives the process: a CLI command that edits a note and exits
 * still gets its change into the next day's backup.
 */
export function changedMarkerPath(location: BackupLocation): string {
  return path.join(location.folder, `.${location.stem}.changed`);
}

/** Where a damaged library is moved by an offline restore. Never deleted by Papershelf. */
export function damagedLibraryPath(location: BackupLocation, now: Date): string {
  const base = `${location.stem}-damaged-${formatStamp(now)}`;
  for (let i = 1; ; i += 1) {
    const candidate = path.join(location.folder, `${base}${i > 1 ? `-${i}` : ''}.sqlite`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}

/** Local calendar day: "daily" means once per day as the user sees days. */
export function sameLocalDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/** Held while a process takes the daily backup (its pid and start time inside). */
export function dailyLockPath(location: BackupLocation): string {
  return path.join(location.folder, `.${location.stem}.daily.lock`);
}

/** A lock older than this belongs to a process that hung or a machine that lost power. */
const STALE_LOCK_MS = 60 * 60 * 1000;

/**
 * Take the daily-backup lock, or return null when another process (or another
 * library connection in this one) holds it: that one is making today's backup.
 * Several processes start together (the app, a CLI command, browser mode), and
 * each would otherwise see "no backup today" and make its own. The lock is a
 * file created exclusively (O_EXCL), so exactly one of them wins; one left by a
 * process that died is taken over.
 */
export function acquireDailyLock(
  location: BackupLocation,
  now: Date,
): { release: () => void } | null {
  const lock = dailyLockPath(location);
  makePrivateDir(location.folder);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(lock, `${process.pid}\n${now.toISOString()}\n`, {
        flag: 'wx',
        mode: PRIVATE_FILE_MODE,
      });
      return { release: () => fs.rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = NaN;
    let age = 0;
    try {
      holder = Number(fs.readFileSync(lock, 'utf8').split('\n')[0]);
      age = now.getTime() - fs.statSync(lock).mtimeMs;
    } catch {
      continue; // released meanwhile: try again
    }
    // Our own pid: another connection in this process holds it (it is alive).
    if (isProcessAlive(holder) && age < STALE_LOCK_MS) return null;
    fs.rmSync(lock, { force: true });
  }
  return null;
}
