import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DamagedLibraryError, openWithRecovery } from '../../src/main/backup/damaged';
import { openLibrary } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { Kysely, SqliteDialect } from 'kysely';
import { backupBeforeMigration } from '../../src/main/backup/migration-backup';
import { migrate } from '../../src/main/db/migrate';
import type { Database } from '../../src/main/db/schema';
import { createService, type Service } from '../../src/main/service';
import { tempDir } from '../helpers/library';
import { integrityProblems } from './helpers/verify';
import { corruptUsedPage } from './helpers/corrupt';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function folder(): string {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  return dir;
}

/** A library as an older version left it: migrated up to `target` only. */
async function olderLibrary(file: string, target: string): Promise<void> {
  const sqlite = new BetterSqlite3(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(db, target);
  await db.destroy();
}

function appliedNames(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
  } finally {
    db.close();
  }
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A library with a note, a backup of it, closed (so everything is in the main file). */
async function libraryWithBackup(
  dir: string,
): Promise<{ file: string; backup: string; note: string; id: string }> {
  const file = path.join(dir, 'library.sqlite');
  const service = await createService({ path: file });
  const id = (await service.api.listPapers({ limit: 1 })).papers[0].id;
  await service.api.saveNote({ id, markdown: 'in the backup' });
  const backup = await service.api.createBackup({});
  await service.api.saveNote({ id, markdown: 'after the backup' });
  await service.close();
  return { file, backup: backup.path, note: 'in the backup', id };
}

async function openFails(file: string): Promise<unknown> {
  let service: Service | null = null;
  try {
    service = await createService({ path: file });
  } catch (error) {
    return error;
  } finally {
    await service?.close();
  }
  throw new Error('the library opened');
}

describe('a damaged library', () => {
  it('is refused, left untouched, and the newest good backup is named', async () => {
    const { file, backup } = await libraryWithBackup(folder());
    corruptUsedPage(file);
    const before = sha256(file);
    const error = await openFails(file);
    expect(error).toBeInstanceOf(DamagedLibraryError);
    const damaged = error as DamagedLibraryError;
    expect(damaged.code).toBe('library_damaged');
    expect(damaged.newestGoodBackup?.path).toBe(backup);
    expect(damaged.message).toContain(file);
    expect(damaged.message).toContain(backup);
    expect(damaged.message).toContain('has not changed it');
    expect(sha256(file)).toBe(before);
  });

  it('skips a damaged backup and offers the next good one', async () => {
    const dir = folder();
    const { file, backup } = await libraryWithBackup(dir);
    const service = await createService({ path: file });
    const newer = await service.api.createBackup({});
    await service.close();
    corruptUsedPage(newer.path);
    corruptUsedPage(file);
    const error = (await openFails(file)) as DamagedLibraryError;
    expect(error.newestGoodBackup?.path).toBe(backup);
  });

  it('says so when there is no backup at all', async () => {
    const dir = folder();
    const file = path.join(dir, 'library.sqlite');
    await (await createService({ path: file })).close();
    corruptUsedPage(file);
    const error = (await openFails(file)) as DamagedLibraryError;
    expect(error.newestGoodBackup).toBeNull();
    expect(error.message).toMatch(/No good backup of it was found/);
  });

  it('a file that is not a database at all is damaged too, and kept', async () => {
    const dir = folder();
    const file = path.join(dir, 'library.sqlite');
    fs.writeFileSync(file, '%PDF-1.7 this is not a library');
    const error = await openFails(file);
    expect(error).toMatchObject({ code: 'library_damaged' });
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 this is not a library');
  });

  it('is restored from the backup only when the user says so; the damaged file is kept aside', async () => {
    const dir = folder();
    const { file, backup, id } = await libraryWithBackup(dir);
    corruptUsedPage(file);
    const before = sha256(file);

    // "Quit": nothing happens.
    await expect(
      openWithRecovery({
        libraryPath: file,
        open: () => createService({ path: file }),
        ask: async () => 'quit',
      }),
    ).rejects.toBeInstanceOf(DamagedLibraryError);
    expect(sha256(file)).toBe(before);

    // "Restore": the backup is put in place, the damaged file moved into backups/.
    const asked: string[] = [];
    let movedAside: string | null = null;
    const service = await openWithRecovery({
      libraryPath: file,
      open: () => createService({ path: file }),
      ask: async (error) => {
        asked.push(error.newestGoodBackup.path);
        return 'restore';
      },
      onRestored: (result) => (movedAside = result.movedAside),
    });
    cleanups.push(() => service.close());
    expect(asked).toEqual([backup]);
    expect((await service.api.getNote({ id }))?.markdown).toBe('in the backup');
    expect(movedAside).toMatch(/backups[\\/]library-damaged-\d{8}-\d{6}\.sqlite$/);
    expect(sha256(movedAside as unknown as string)).toBe(before);
    // The damaged file is not a backup: it is never offered for a restore.
    const list = await service.api.listBackups({});
    expect(list.backups.map((b) => b.path)).not.toContain(movedAside);
  });
});

describe('opening a library', () => {
  it('refuses a library written by a newer version and leaves it alone', async () => {
    const dir = folder();
    const file = path.join(dir, 'library.sqlite');
    await (await createService({ path: file })).close();
    const db = new BetterSqlite3(file);
    db.prepare(
      "insert into kysely_migration (name, timestamp) values ('9999-from-the-future', 'x')",
    ).run();
    db.close();
    const before = sha256(file);
    const error = await openFails(file);
    expect(error).toMatchObject({ code: 'library_too_new' });
    expect((error as Error).message).toMatch(/newer version of Papershelf/);
    expect(sha256(file)).toBe(before);
  });

  it('reports a library locked by another program as busy, not damaged', async () => {
    const dir = folder();
    const file = path.join(dir, 'library.sqlite');
    await (await createService({ path: file })).close();
    const holder = new BetterSqlite3(file);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('begin exclusive; create table holding_the_lock (x); ');
    try {
      await expect(
        openLibrary({ policy: backupOpeningPolicy, path: file, busyTimeoutMs: 50 }),
      ).rejects.toMatchObject({
        code: 'conflict',
      });
    } finally {
      holder.exec('rollback');
      holder.close();
    }
  });

  it('backs up before migrating an existing library, and never migrates without that backup', async () => {
    const dir = folder();
    const file = path.join(dir, 'library.sqlite');
    await olderLibrary(file, '0004-sample-source-index');

    // A file where the backups folder should be: no backup, so no migration.
    fs.writeFileSync(path.join(dir, 'backups'), 'in the way');
    await expect(openLibrary({ policy: backupOpeningPolicy, path: file })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(/before upgrading it, so it was not upgraded/),
    });
    fs.rmSync(path.join(dir, 'backups'));
    expect(appliedNames(file)).toHaveLength(4);

    // With a backups folder: the backup is written first; the failed upgrade
    // (made to fail after the backup, by a table in the way of 0005) changes nothing.
    await expect(
      openLibrary({
        policy: backupOpeningPolicy,
        path: file,
        beforeMigrate: async (conn) => {
          await backupBeforeMigration(conn, file);
          conn.exec('create table synced_days_new (x)');
        },
      }),
    ).rejects.toMatchObject({ code: 'internal' });
    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.endsWith('.sqlite'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^library-\d{8}-\d{6}-pre-migration\.sqlite$/);
    expect(integrityProblems(path.join(dir, 'backups', backups[0]))).toEqual([]);
    expect(appliedNames(file)).toHaveLength(4);
  });

  it('runs migrations in one transaction: a crash or failure part-way leaves no half schema', async () => {
    const dir = folder();
    const file = path.join(dir, 'library.sqlite');
    // Two migrations pending (0004, 0005); the second fails on a table in its way.
    await olderLibrary(file, '0003-list-sort-indexes');
    await expect(
      openLibrary({
        policy: backupOpeningPolicy,
        path: file,
        beforeMigrate: (conn) => {
          conn.exec('create table synced_days_new (x)');
        },
      }),
    ).rejects.toMatchObject({ code: 'internal' });
    const check = new BetterSqlite3(file, { readonly: true });
    // 0004's index was rolled back with 0005's failure.
    expect(
      check
        .prepare("select count(*) from sqlite_master where name = 'papers_sample'")
        .pluck()
        .get(),
    ).toBe(0);
    check.close();
    expect(appliedNames(file)).toEqual([
      '0001-initial',
      '0002-authors-inline',
      '0003-list-sort-indexes',
    ]);
  });

  it('migrates a fresh file normally (the transaction does not get in the way)', async () => {
    const dir = folder();
    const lib = await openLibrary({
      policy: backupOpeningPolicy,
      path: path.join(dir, 'library.sqlite'),
    });
    cleanups.push(() => lib.close());
    expect(lib.isNew).toBe(true);
    await migrate(lib.db); // nothing pending: a no-op
    expect(integrityProblems(lib.path)).toEqual([]);
  });
});
