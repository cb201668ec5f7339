import BetterSqlite3 from 'better-sqlite3';
import { backupLocation, listBackupFiles } from '../../../src/main/backup/files';
import { checkBackupFile } from '../../../src/main/backup/snapshot';

/** `PRAGMA integrity_check` (the full one), opened as the app would after a crash. */
export function integrityProblems(file: string): string[] {
  const db = new BetterSqlite3(file);
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`${fk.length} foreign key violations`);
    return problems;
  } finally {
    db.close();
  }
}

export function withDb<T>(file: string, read: (db: BetterSqlite3.Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every listed backup of the library must be a sound, openable library: a half-written one never shows up. */
export async function badBackups(libraryPath: string): Promise<string[]> {
  const bad: string[] = [];
  for (const b of listBackupFiles(backupLocation(libraryPath))) {
    const check = await checkBackupFile(b.path);
    if (!check.ok) bad.push(`${b.file}: ${check.message}`);
  }
  return bad;
}
