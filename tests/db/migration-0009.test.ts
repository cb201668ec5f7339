import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATION_NAMES } from '../../src/main/db/migrations';
import type { Database } from '../../src/main/db/schema';
import { tempDir } from '../helpers/library';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('migration 0009-replication', () => {
  it('adds the replication tables and keeps every paper, tag and note', async () => {
    const index = MIGRATION_NAMES.indexOf('0009-replication');
    expect(index).toBeGreaterThan(0);
    const { dir, cleanup } = tempDir();
    const sqlite = new BetterSqlite3(path.join(dir, 'library.sqlite'));
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    cleanups.push(cleanup, () => db.destroy());

    await migrate(db, MIGRATION_NAMES[index - 1]);
    const t0 = '2025-11-10T12:00:00.000Z';
    sqlite
      .prepare(
        `insert into papers (id, title, source, first_seen_at, updated_at, added_at, status, starred)
         values ('2511.00001', 'One', 'feed', ?, ?, ?, 'read', 1)`,
      )
      .run(t0, t0, t0);
    sqlite.prepare("insert into tags (name, color, created_at) values ('rl', '#fff', ?)").run(t0);
    sqlite
      .prepare("insert into paper_tags (paper_id, tag_id, added_at) values ('2511.00001', 1, ?)")
      .run(t0);
    sqlite
      .prepare(
        "insert into notes (paper_id, markdown, created_at, updated_at) values ('2511.00001', 'Hi', ?, ?)",
      )
      .run(t0, t0);
    const dump = () => ({
      papers: sqlite.prepare('select * from papers').all(),
      tags: sqlite.prepare('select * from tags').all(),
      links: sqlite.prepare('select * from paper_tags').all(),
      notes: sqlite.prepare('select * from notes').all(),
    });
    const before = dump();

    await migrate(db, '0009-replication');

    expect(dump()).toEqual(before);
    for (const table of ['replica_updates', 'replica_tag_ids', 'replica_pending', 'replica_state'])
      expect(sqlite.prepare(`select count(*) from ${table}`).pluck().get()).toBe(0);
    sqlite.prepare('insert into replica_updates (data) values (?)').run(Buffer.from([1, 2, 3]));
    expect(sqlite.prepare('select data from replica_updates').pluck().get()).toEqual(
      Buffer.from([1, 2, 3]),
    );
    sqlite.prepare("insert into replica_tag_ids (tag_id, doc_id) values (1, 'abc')").run();
    expect(() =>
      sqlite.prepare("insert into replica_tag_ids (tag_id, doc_id) values (2, 'abc')").run(),
    ).toThrow(/UNIQUE/);
    // No foreign key: a deleted tag's row stays until its deletion is recorded.
    sqlite.prepare('delete from tags where id = 1').run();
    expect(sqlite.prepare('select count(*) from replica_tag_ids').pluck().get()).toBe(1);
  });
});
