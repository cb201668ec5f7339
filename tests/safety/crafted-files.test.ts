import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATION_NAMES } from '../../src/main/db/migrations';
import type { Database } from '../../src/main/db/schema';
import { createService } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';
import { integrityProblems } from './helpers/verify';

/**
 * Files made by an attacker, offered as backups or left as the library: the
 * right table names with a wrong schema, a trigger, a view, an extra index,
 * rows that break the foreign keys. Each is refused with one clear line, and
 * the library is exactly as it was.
 */
const { dir, cleanup } = tempDir('papershelf-crafted-');
afterAll(cleanup);

let counter = 0;
async function newLibrary(): Promise<{ library: string; id: string; backup: string }> {
  counter += 1;
  const library = path.join(dir, `lib${counter}`, 'library.sqlite');
  const service = await createService({ path: library });
  try {
    const id = (await service.api.listPapers({ limit: 1, sort: 'title' })).papers[0].id;
    await service.api.saveNote({ id, markdown: 'in the backup' });
    const backup = (await service.api.createBackup({})).path;
    await service.api.saveNote({ id, markdown: 'the current note' });
    return { library, id, backup };
  } finally {
    await service.close();
  }
}

/** A copy of a real backup, changed by `change`, placed somewhere outside the backups folder. */
function crafted(backup: string, change: (db: BetterSqlite3.Database) => void): string {
  const file = path.join(dir, `crafted-${crypto.randomBytes(4).toString('hex')}.sqlite`);
  fs.copyFileSync(backup, file);
  const db = new BetterSqlite3(file);
  change(db);
  db.close();
  return file;
}

/** The right table names and migration record, the wrong columns. */
function wrongSchemaFile(): string {
  const file = path.join(dir, `wrong-${crypto.randomBytes(4).toString('hex')}.sqlite`);
  const db = new BetterSqlite3(file);
  db.exec(`create table papers (title text);
    create table kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null);
    create table kysely_migration_lock (id varchar(255) not null primary key, is_locked integer default 0 not null);`);
  const insert = db.prepare('insert into kysely_migration values (?, ?)');
  for (const name of MIGRATION_NAMES) insert.run(name, new Date().toISOString());
  db.close();
  return file;
}

async function state(library: string, id: string): Promise<{ note?: string; backups: string[] }> {
  const service = await createService({ path: library });
  try {
    return {
      note: (await service.api.getNote({ id }))?.markdown,
      backups: (await service.api.listBackups({})).backups.map((b) => b.file),
    };
  } finally {
    await service.close();
  }
}

const TRIGGER = `create trigger wipe_notes after update of status on papers
  begin delete from notes; end`;

describe('restoring a crafted file', () => {
  const cases: Array<[string, (backup: string) => string, RegExp]> = [
    [
      'a trigger',
      (b) => crafted(b, (db) => db.exec(TRIGGER)),
      /contains a trigger “wipe_notes” that Papershelf does not create/,
    ],
    [
      'a view',
      (b) => crafted(b, (db) => db.exec('create view v as select * from notes')),
      /contains a view “v”/,
    ],
    [
      'an extra index',
      (b) => crafted(b, (db) => db.exec('create index x on notes (markdown)')),
      /contains an index “x”/,
    ],
    [
      'an extra table',
      (b) => crafted(b, (db) => db.exec('create table extra (x)')),
      /contains a table “extra”/,
    ],
    [
      'a table changed in place',
      (b) => crafted(b, (db) => db.exec('alter table notes add column evil text')),
      /its table “notes” differs/,
    ],
    [
      'the right names with the wrong columns',
      () => wrongSchemaFile(),
      /table “\w+” (is missing|differs)/,
    ],
  ];

  for (const [what, make, message] of cases) {
    it(`refuses ${what} (by path, CLI) with one line and leaves the library as it was`, async () => {
      const { library, id, backup } = await newLibrary();
      const before = await state(library, id);
      const file = make(backup);
      const restore = await cli(['restore', file, '--library', library]);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toMatch(message);
      expect(restore.stderr.trim().split('\n')).toHaveLength(1);
      expect(await state(library, id)).toEqual(before);
      expect(integrityProblems(library)).toEqual([]);
    });
  }

  it('a trigger planted in a backup never runs: the notes survive the next status change', async () => {
    const { library, id, backup } = await newLibrary();
    const file = crafted(backup, (db) => db.exec(TRIGGER));
    // Put it in the backups folder under a backup's name: restore by name is checked too.
    const named = path.join(path.dirname(backup), 'library-20200101-000000-manual.sqlite');
    fs.copyFileSync(file, named);
    const service = await createService({ path: library });
    try {
      const refused = await service.dispatch('restoreBackup', { file: path.basename(named) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad_file' } });
      expect(refused.ok === false && refused.error.message).toMatch(/trigger “wipe_notes”/);
      await service.api.setStatus({ ids: [id], status: 'read' });
      expect((await service.api.getNote({ id }))?.markdown).toBe('the current note');
      const triggers = service.lib.sqlite
        .prepare("select name from sqlite_master where type = 'trigger'")
        .pluck()
        .all() as string[];
      // Only the library's own (migration 0006 marks papers for the search index).
      expect(triggers).not.toContain('wipe_notes');
      expect(triggers.every((name) => name.startsWith('search_dirty_'))).toBe(true);
      // No undo point was made for a restore that did not happen.
      const reasons = (await service.api.listBackups({})).backups.map((b) => b.reason);
      expect(reasons).not.toContain('pre-restore');
    } finally {
      await service.close();
    }
  });

  it('checks the upgraded copy before the swap: rows that break the foreign keys are refused', async () => {
    const { library, id, backup } = await newLibrary();
    const file = crafted(backup, (db) => {
      db.pragma('foreign_keys = OFF');
      db.prepare("insert into notes values ('9999.99999', 'orphan', '', '')").run();
    });
    const before = await state(library, id);
    const restore = await cli(['restore', file, '--library', library]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toMatch(
      /row\(s\) refer to rows that do not exist\); nothing was changed/,
    );
    const after = await state(library, id);
    expect(after.note).toBe(before.note);
    // Only the imported copy of the file was added; no undo point.
    expect(after.backups.filter((b) => !b.includes('-imported'))).toEqual(before.backups);
  });

  it('restores a good backup of an older version: upgraded on a copy, then swapped in', async () => {
    const { library, id } = await newLibrary();
    const old = path.join(dir, `old-${crypto.randomBytes(4).toString('hex')}.sqlite`);
    const sqlite = new BetterSqlite3(old);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, '0003-list-sort-indexes');
    sqlite
      .prepare(
        `insert into papers (id, title, source, first_seen_at, updated_at, added_at)
         values (?, 'From an old version', 'manual', '', '', '2020-01-01T00:00:00.000Z')`,
      )
      .run(id);
    sqlite.prepare("insert into notes values (?, 'old note', '', '')").run(id);
    await db.destroy();
    const restore = await cli(['restore', old, '--library', library]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect((await state(library, id)).note).toBe('old note');
    const check = new BetterSqlite3(library, { readonly: true });
    expect(check.prepare('select count(*) from kysely_migration').pluck().get()).toBe(
      MIGRATION_NAMES.length,
    );
    check.close();
  });
});

describe('a library whose schema is wrong', () => {
  it('is treated as damaged, left untouched, and a good backup restores offline', async () => {
    const { library, id, backup } = await newLibrary();
    // Someone planted a trigger in the library itself.
    const db = new BetterSqlite3(library);
    db.exec(TRIGGER);
    db.close();
    const bytes = fs.readFileSync(library);
    const list = await cli(['list', '--library', library]);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/is damaged \(its schema is wrong: .*trigger “wipe_notes”/);
    expect(list.stderr).toContain(backup);
    expect(fs.readFileSync(library).equals(bytes)).toBe(true);

    const restore = await cli(['restore', '--library', library]);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const kept = /The damaged library was kept as (\S+)\./.exec(restore.stdout)?.[1] as string;
    expect(fs.readFileSync(kept).equals(bytes)).toBe(true);
    expect((await state(library, id)).note).toBe('in the backup');
  });

  it('a library with the right names and wrong columns is damaged, not half-used', async () => {
    const { library } = await newLibrary();
    fs.copyFileSync(wrongSchemaFile(), library);
    for (const s of ['-wal', '-shm']) fs.rmSync(`${library}${s}`, { force: true });
    const list = await cli(['list', '--library', library]);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/is damaged \(its schema is wrong/);
    expect(list.stderr).not.toMatch(/no such column/);
    expect((await cli(['restore', '--library', library])).code).toBe(0);
    expect((await cli(['list', '--library', library])).code).toBe(0);
  });
});
