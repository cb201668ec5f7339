import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { NEW_LIBRARY_PAGE_SIZE, openLibrary } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { migrate, pendingMigrations } from '../../src/main/db/migrate';
import { MIGRATION_NAMES } from '../../src/main/db/migrations';
import type { Database } from '../../src/main/db/schema';
import { authorsFromJson, authorsToJson } from '../../src/main/library/authors-json';
import { countSamplePapers, removeSamplePapers } from '../../src/main/library/papers-repo';
import type { Author } from '../../src/shared/domain';
import { tempDir } from '../helpers/library';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function rawDb(): { db: Kysely<Database>; sqlite: BetterSqlite3.Database; file: string } {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'library.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  cleanups.push(cleanup, () => db.destroy());
  return { db, sqlite, file };
}

describe('migration 0001-initial', () => {
  it('is the first migration and creates every table', async () => {
    expect(MIGRATION_NAMES[0]).toBe('0001-initial');
    const { db, sqlite } = rawDb();
    expect(await pendingMigrations(db)).toEqual(MIGRATION_NAMES);
    await migrate(db, '0001-initial');
    const tables = sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%' order by name",
      )
      .pluck()
      .all();
    expect(tables).toEqual([
      'daily_appearances',
      'notes',
      'paper_authors',
      'paper_tags',
      'papers',
      'settings',
      'synced_days',
      'tags',
    ]);
  });

  it('stores rows exactly and enforces its constraints', async () => {
    const { db, sqlite } = rawDb();
    await migrate(db, '0001-initial');
    const now = '2025-11-10T12:00:00.000Z';
    sqlite
      .prepare(
        `insert into papers (id, title, abstract, source, first_seen_at, updated_at, added_at)
         values ('2509.04664', 'A title', 'An abstract', 'feed', ?, ?, ?)`,
      )
      .run(now, now, now);
    sqlite.prepare("insert into paper_authors values ('2509.04664', 0, 'Ada Lovelace', 0)").run();
    sqlite.prepare("insert into daily_appearances values ('2025-11-10', '2509.04664', 3)").run();
    sqlite
      .prepare("insert into tags (name, color, created_at) values ('Pruning', '#ff0000', ?)")
      .run(now);
    sqlite.prepare("insert into paper_tags values ('2509.04664', 1, ?)").run(now);
    sqlite.prepare("insert into notes values ('2509.04664', '# Note', ?, ?)").run(now, now);

    expect(
      sqlite.prepare('select id, title, status, starred, upvotes, source from papers').all(),
    ).toEqual([
      {
        id: '2509.04664',
        title: 'A title',
        status: 'inbox',
        starred: 0,
        upvotes: 0,
        source: 'feed',
      },
    ]);
    // Tag names are unique without regard to case.
    expect(() =>
      sqlite
        .prepare("insert into tags (name, color, created_at) values ('pruning', '#00ff00', ?)")
        .run(now),
    ).toThrow(/UNIQUE/);
    // Status and source are closed sets.
    expect(() => sqlite.prepare("update papers set status = 'done'").run()).toThrow(/CHECK/);
    expect(() => sqlite.prepare("update papers set source = 'web'").run()).toThrow(/CHECK/);
    // Deleting a paper removes what hangs off it.
    sqlite.prepare("delete from papers where id = '2509.04664'").run();
    for (const table of ['paper_authors', 'daily_appearances', 'paper_tags', 'notes']) {
      expect(sqlite.prepare(`select count(*) from ${table}`).pluck().get()).toBe(0);
    }
    expect(sqlite.prepare('select count(*) from tags').pluck().get()).toBe(1);
  });
});

describe('opening a library', () => {
  it('uses WAL and foreign keys', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const lib = await openLibrary({
      policy: backupOpeningPolicy,
      path: path.join(dir, 'lib.sqlite'),
    });
    cleanups.push(() => lib.close());
    expect(lib.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(lib.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(lib.isNew).toBe(true);
  });

  it('makes new libraries with 8 KiB pages and leaves an existing library its own', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const fresh = await openLibrary({
      policy: backupOpeningPolicy,
      path: path.join(dir, 'new.sqlite'),
    });
    expect(fresh.sqlite.pragma('page_size', { simple: true })).toBe(NEW_LIBRARY_PAGE_SIZE);
    await fresh.close();
    // A library made elsewhere with SQLite's default 4 KiB pages keeps them.
    const oldFile = path.join(dir, 'old.sqlite');
    const old = new BetterSqlite3(oldFile);
    old.pragma('page_size = 4096');
    // (A table made and dropped: the file has pages, and no schema that is not ours.)
    old.exec('create table t (x); drop table t');
    old.close();
    const reopened = await openLibrary({ policy: backupOpeningPolicy, path: oldFile });
    cleanups.push(() => reopened.close());
    expect(reopened.sqlite.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.sqlite.prepare('select count(*) from papers').pluck().get()).toBe(0);
  });

  it('refuses a library written by a newer version, and leaves it untouched', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'lib.sqlite');
    const first = await openLibrary({ policy: backupOpeningPolicy, path: file });
    first.sqlite
      .prepare('insert into kysely_migration (name, timestamp) values (?, ?)')
      .run('9999-from-the-future', new Date().toISOString());
    await first.close();
    await expect(openLibrary({ policy: backupOpeningPolicy, path: file })).rejects.toMatchObject({
      code: 'library_too_new',
    });
    const check = new BetterSqlite3(file, { readonly: true });
    expect(check.prepare('select count(*) from kysely_migration').pluck().get()).toBe(
      MIGRATION_NAMES.length + 1,
    );
    check.close();
  });

  it('refuses a file that is not a SQLite database with a clear error', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'lib.sqlite');
    (await import('node:fs')).writeFileSync(
      file,
      'this is not a database, it is a grocery list\n'.repeat(200),
    );
    await expect(openLibrary({ policy: backupOpeningPolicy, path: file })).rejects.toMatchObject({
      code: 'library_damaged',
    });
  });
});

describe('migration 0002-authors-inline', () => {
  it('moves every author into the paper, in order, hidden kept, byte-equal to what sync writes', async () => {
    expect(MIGRATION_NAMES[1]).toBe('0002-authors-inline');
    const { db, sqlite } = rawDb();
    await migrate(db, '0001-initial');
    const now = '2025-11-10T12:00:00.000Z';
    const insertPaper = sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at)
       values (?, 'A title', 'feed', ?, ?, ?)`,
    );
    insertPaper.run('2509.00001', now, now, now);
    insertPaper.run('2509.00002', now, now, now);
    const insertAuthor = sqlite.prepare('insert into paper_authors values (?, ?, ?, ?)');
    // Inserted out of order: position decides.
    insertAuthor.run('2509.00001', 2, 'Zoë "Quoted" Ñúñez', 0);
    insertAuthor.run('2509.00001', 0, 'Ada Lovelace', 0);
    insertAuthor.run('2509.00001', 1, 'Hidden \\ Person', 1);

    await migrate(db);

    const authors = new Map(
      sqlite
        .prepare<[], { id: string; authors: string }>('select id, authors from papers order by id')
        .all()
        .map((r) => [r.id, r.authors]),
    );
    const expected: Author[] = [
      { name: 'Ada Lovelace', hidden: false },
      { name: 'Hidden \\ Person', hidden: true },
      { name: 'Zoë "Quoted" Ñúñez', hidden: false },
    ];
    expect(authors.get('2509.00001')).toBe(authorsToJson(expected));
    expect(authorsFromJson(authors.get('2509.00001')!)).toEqual(expected);
    expect(authors.get('2509.00002')).toBe('[]');
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").pluck();
    expect(tables.all()).not.toContain('paper_authors');
    // A paper inserted without authors (as older code paths may) reads as an empty list.
    insertPaper.run('2509.00003', now, now, now);
    expect(sqlite.prepare("select authors from papers where id = '2509.00003'").pluck().get()).toBe(
      '[]',
    );
  });
});

describe('migration 0003-list-sort-indexes', () => {
  it('adds covering indexes for the featured and added sorts, drops what they replace, keeps every row', async () => {
    expect(MIGRATION_NAMES[2]).toBe('0003-list-sort-indexes');
    const { db, sqlite } = rawDb();
    await migrate(db, '0002-authors-inline');
    const now = '2025-11-10T12:00:00.000Z';
    const insertPaper = sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at, last_featured_day, upvotes, status, starred)
       values (?, ?, 'feed', ?, ?, ?, ?, ?, ?, ?)`,
    );
    insertPaper.run('2509.00001', 'b', now, now, now, '2025-11-09', 3, 'inbox', 0);
    insertPaper.run('2509.00002', 'A', now, now, now, null, 5, 'read', 1);
    const before = sqlite.prepare('select * from papers order by id').all();

    await migrate(db);

    expect(sqlite.prepare('select * from papers order by id').all()).toEqual(before);
    const indexes = sqlite
      .prepare("select name from sqlite_master where type = 'index' and name like 'papers_list_%'")
      .pluck()
      .all();
    expect(indexes.sort()).toEqual(['papers_list_added', 'papers_list_featured']);
    const all = sqlite.prepare("select name from sqlite_master where type = 'index'").pluck();
    expect(all.all()).not.toContain('papers_last_featured_day');
    expect(all.all()).not.toContain('papers_added_at');
    // The featured index serves the list's exact ORDER BY, filtered by a view, without a sort.
    const plan = sqlite
      .prepare(
        `explain query plan select id from papers where +status = 'inbox'
         order by coalesce(papers.last_featured_day, substr(papers.added_at, 1, 10)) desc,
                  papers.upvotes desc, papers.id limit 100 offset 1`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual([
      'SCAN papers USING COVERING INDEX papers_list_featured',
    ]);
  });
});

describe('migration 0004-sample-source-index', () => {
  it('indexes only the sample papers, the sample queries use that index, and stale list indexes go', async () => {
    expect(MIGRATION_NAMES[3]).toBe('0004-sample-source-index');
    const { sqlite } = rawDb();
    const queries: string[] = [];
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: sqlite }),
      log: (event) => {
        if (event.level === 'query') queries.push(event.query.sql);
      },
    });
    cleanups.push(() => db.destroy());
    await migrate(db, '0003-list-sort-indexes');
    // What the first version of 0003 (9f7e5ab) left in a library, dropped too.
    sqlite.exec(`create index papers_list_upvotes on papers (upvotes desc, id, status, starred);
      create index papers_list_title on papers (title collate nocase, id, status, starred)`);
    const now = '2025-11-10T12:00:00.000Z';
    const insertPaper = sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at, status, starred)
       values (?, 'T', ?, ?, ?, ?, ?, ?)`,
    );
    insertPaper.run('2509.00001', 'sample', now, now, now, 'inbox', 0);
    insertPaper.run('2509.00002', 'sample', now, now, now, 'read', 0); // made their own: kept
    insertPaper.run('2509.00003', 'feed', now, now, now, 'inbox', 0);
    insertPaper.run('2509.00004', 'import', now, now, now, 'inbox', 0);
    const before = sqlite.prepare('select * from papers order by id').all();

    await migrate(db);

    expect(sqlite.prepare('select * from papers order by id').all()).toEqual(before);
    const indexes = sqlite.prepare("select name from sqlite_master where type = 'index'").pluck();
    expect(indexes.all()).not.toContain('papers_source');
    expect(indexes.all()).not.toContain('papers_list_upvotes');
    expect(indexes.all()).not.toContain('papers_list_title');
    expect(indexes.all()).toContain('papers_sample');
    // Only the two sample papers are in it.
    const entries = sqlite
      .prepare("select count(*) from papers indexed by papers_sample where source = 'sample'")
      .pluck()
      .get();
    expect(entries).toBe(2);
    expect(sqlite.prepare('pragma integrity_check').pluck().get()).toBe('ok');

    // The app's own queries, as Kysely sends them, are planned on the partial index.
    expect(await countSamplePapers(db)).toBe(2);
    expect(await removeSamplePapers(db)).toHaveLength(1);
    const [countSql, deleteSql] = queries.slice(-2);
    for (const text of [countSql, deleteSql]) {
      expect(text).toContain(`"source" = 'sample'`);
      const plan = sqlite
        .prepare(`explain query plan ${text}`)
        .all(...(text === deleteSql ? ['inbox', 0] : [])) as Array<{ detail: string }>;
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/INDEX papers_sample/);
    }
    expect(sqlite.prepare('select id from papers order by id').pluck().all()).toEqual([
      '2509.00002',
      '2509.00003',
      '2509.00004',
    ]);
  });
});

describe('migration 0005-synced-days-without-rowid', () => {
  it('keeps every synced day and its columns in one b-tree, and sync still records days', async () => {
    expect(MIGRATION_NAMES[4]).toBe('0005-synced-days-without-rowid');
    const { db, sqlite } = rawDb();
    await migrate(db, '0004-sample-source-index');
    const insertDay = sqlite.prepare(
      'insert into synced_days (day, fetched_at, count, skipped) values (?, ?, ?, ?)',
    );
    insertDay.run('2025-11-10', '2025-11-11T01:00:00.000Z', 50, 2);
    insertDay.run('2025-11-11', '2025-11-12T01:00:00.000Z', 0, 0);
    sqlite
      .prepare('insert into synced_days (day, fetched_at, count) values (?, ?, ?)')
      .run('2025-11-12', '2025-11-13T01:00:00.000Z', 48);
    const before = sqlite.prepare('select * from synced_days order by day').all();
    const bTrees = () =>
      sqlite
        .prepare("select name from sqlite_master where tbl_name = 'synced_days' and rootpage > 0")
        .pluck()
        .all();
    expect(bTrees()).toHaveLength(2); // the rows and the primary key's index

    await migrate(db);

    expect(sqlite.prepare('select * from synced_days order by day').all()).toEqual(before);
    expect(bTrees()).toEqual(['synced_days']);
    const table = sqlite
      .prepare("select sql from sqlite_master where name = 'synced_days'")
      .pluck()
      .get() as string;
    expect(table).toMatch(/without rowid/i);
    // Constraints are as before: a day is unique, and a missing count is refused.
    expect(() => insertDay.run('2025-11-10', 'x', 1, 0)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      sqlite
        .prepare('insert into synced_days (day, fetched_at) values (?, ?)')
        .run('2025-11-13', 'x'),
    ).toThrow(/NOT NULL/);
    expect(
      sqlite.prepare('select skipped from synced_days where day = ?').pluck().get('2025-11-12'),
    ).toBe(0);
    expect(sqlite.prepare('pragma integrity_check').pluck().get()).toBe('ok');
  });
});

describe('migration 0006-search-dirty', () => {
  it('marks a paper for the search index on every write search reads, and only those', async () => {
    expect(MIGRATION_NAMES[5]).toBe('0006-search-dirty');
    const { db, sqlite } = rawDb();
    await migrate(db, '0005-synced-days-without-rowid');
    sqlite
      .prepare(
        `insert into papers (id, title, source, first_seen_at, updated_at, added_at)
         values ('2509.00001', 'Before', 'feed', 'x', 'x', 'x')`,
      )
      .run();
    await migrate(db);
    const marked = () =>
      sqlite.prepare('select paper_id from search_dirty order by seq').pluck().all() as string[];
    const run = (text: string) => sqlite.prepare(text).run();
    expect(marked()).toEqual([]); // papers from before the migration are the first build's job

    run(`insert into papers (id, title, source, first_seen_at, updated_at, added_at)
         values ('2509.00002', 'New', 'feed', 'x', 'x', 'x')`);
    run("update papers set title = 'After' where id = '2509.00001'");
    run("update papers set status = 'read' where id = '2509.00001'");
    expect(marked()).toEqual(['2509.00002', '2509.00001', '2509.00001']);
    // Columns search does not read are not news.
    run("update papers set thumbnail = 'x', num_comments = 3 where id = '2509.00001'");
    expect(marked()).toHaveLength(3);

    run('delete from search_dirty');
    run(
      "insert into notes (paper_id, markdown, created_at, updated_at) values ('2509.00001', 'n', 'x', 'x')",
    );
    run("update notes set markdown = 'm' where paper_id = '2509.00001'");
    run("insert into tags (id, name, color, created_at) values (7, 'ml', '#000000', 'x')");
    run("insert into paper_tags (paper_id, tag_id, added_at) values ('2509.00002', 7, 'x')");
    run("update tags set name = 'ml2' where id = 7");
    run(
      "insert into daily_appearances (day, paper_id, rank) values ('2025-11-10', '2509.00001', 1)",
    );
    run("delete from paper_tags where paper_id = '2509.00002'");
    run("delete from notes where paper_id = '2509.00001'");
    run("delete from papers where id = '2509.00001'");
    expect(marked()).toEqual([
      '2509.00001', // note added
      '2509.00001', // note changed
      '2509.00002', // tagged
      '2509.00002', // its tag renamed
      '2509.00001', // featured on a day
      '2509.00002', // untagged
      '2509.00001', // note deleted
      '2509.00001', // the paper deleted (its appearance went with it)
      '2509.00001',
    ]);
    expect(sqlite.prepare('select count(*) from search_state').pluck().get()).toBe(0);

    // Sync writes the paper (marked) and then its day: the day it names is not marked twice;
    // a backfilled older day is (the day: filter reads it).
    run('delete from search_dirty');
    run(`insert into papers (id, title, source, first_seen_at, updated_at, added_at, last_featured_day)
         values ('2509.00003', 'Synced', 'feed', 'x', 'x', 'x', '2025-11-12')`);
    run(
      "insert into daily_appearances (day, paper_id, rank) values ('2025-11-12', '2509.00003', 1)",
    );
    expect(marked()).toEqual(['2509.00003']);
    run(
      "insert into daily_appearances (day, paper_id, rank) values ('2025-11-05', '2509.00003', 4)",
    );
    expect(marked()).toEqual(['2509.00003', '2509.00003']);
  });
});

describe('migration 0007-popularity-and-saved-searches', () => {
  it('adds popularity history (written on change only) and saved searches, keeping every paper', async () => {
    expect(MIGRATION_NAMES[6]).toBe('0007-popularity-and-saved-searches');
    const { db, sqlite } = rawDb();
    await migrate(db, '0006-search-dirty');
    const insert = sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at, upvotes, num_comments)
       values (?, ?, 'feed', ?, ?, ?, ?, ?)`,
    );
    const t0 = '2025-11-10T12:00:00.000Z';
    insert.run('2511.00001', 'One', t0, t0, t0, 5, 1);
    insert.run('2511.00002', 'Two', t0, t0, t0, 7, 0);
    const before = sqlite.prepare('select * from papers order by id').all();

    await migrate(db);

    expect(sqlite.prepare('select * from papers order by id').all()).toEqual(before);
    const history = () =>
      sqlite.prepare('select * from paper_popularity order by paper_id, at').all();
    expect(history()).toEqual([]);
    // A new paper writes no history; a change of anything but the counts writes none.
    insert.run('2511.00003', 'Three', t0, t0, t0, 1, 0);
    sqlite
      .prepare("update papers set title = 'One, renamed', updated_at = ? where id = '2511.00001'")
      .run('2025-11-11T00:00:00.000Z');
    sqlite.prepare("update papers set status = 'read' where id = '2511.00002'").run();
    expect(history()).toEqual([]);
    // The first change of the counts records what they were and what they became.
    const setCounts = sqlite.prepare(
      'update papers set upvotes = ?, num_comments = ?, github_stars = ?, updated_at = ? where id = ?',
    );
    setCounts.run(9, 1, null, '2025-11-12T00:00:00.000Z', '2511.00001');
    setCounts.run(9, 1, null, '2025-11-12T06:00:00.000Z', '2511.00001'); // same counts: nothing
    setCounts.run(9, 1, 40, '2025-11-13T00:00:00.000Z', '2511.00001');
    expect(history()).toEqual([
      {
        paper_id: '2511.00001',
        at: '2025-11-11T00:00:00.000Z',
        upvotes: 5,
        comments: 1,
        github_stars: null,
      },
      {
        paper_id: '2511.00001',
        at: '2025-11-12T00:00:00.000Z',
        upvotes: 9,
        comments: 1,
        github_stars: null,
      },
      {
        paper_id: '2511.00001',
        at: '2025-11-13T00:00:00.000Z',
        upvotes: 9,
        comments: 1,
        github_stars: 40,
      },
    ]);
    // Deleting a paper takes its history with it.
    sqlite.prepare("delete from papers where id = '2511.00001'").run();
    expect(history()).toEqual([]);

    const save = sqlite.prepare(
      'insert into saved_searches (name, query, view, tag, position, created_at) values (?, ?, ?, ?, ?, ?)',
    );
    save.run('Pruning', 'tag:pruning', 'all', null, 0, t0);
    expect(() => save.run('PRUNING', 'x', 'all', null, 1, t0)).toThrow(/UNIQUE/);
    expect(() => save.run('Other', 'x', 'nowhere', null, 1, t0)).toThrow(/CHECK/);
    expect(
      sqlite.prepare('select name, query, view, tag, position from saved_searches').all(),
    ).toEqual([{ name: 'Pruning', query: 'tag:pruning', view: 'all', tag: null, position: 0 }]);
    expect(sqlite.prepare('pragma integrity_check').pluck().get()).toBe('ok');
  });
});

describe('migration 0008-note-links', () => {
  it('stores the links of the notes already there, and drops them with the note', async () => {
    expect(MIGRATION_NAMES[7]).toBe('0008-note-links');
    const { db, sqlite } = rawDb();
    await migrate(db, '0007-popularity-and-saved-searches');
    const t0 = '2025-11-10T12:00:00.000Z';
    const paper = sqlite.prepare(
      `insert into papers (id, title, source, first_seen_at, updated_at, added_at)
       values (?, ?, 'feed', ?, ?, ?)`,
    );
    paper.run('2511.00001', 'One', t0, t0, t0);
    paper.run('2511.00002', 'Two', t0, t0, t0);
    paper.run('hep-th/9901001', 'Old', t0, t0, t0);
    const note = sqlite.prepare('insert into notes values (?, ?, ?, ?)');
    note.run(
      '2511.00001',
      'See [[2511.00002|two]]. Also [[hep-th/9901001v2]] and [[9999.99999]].',
      t0,
      t0,
    );
    note.run('2511.00002', 'Code `[[2511.00001]]` is no link; [[2511.00002]] is itself.', t0, t0);
    note.run('hep-th/9901001', 'No links here.', t0, t0);
    const notesBefore = sqlite.prepare('select * from notes order by paper_id').all();

    await migrate(db);

    expect(sqlite.prepare('select * from notes order by paper_id').all()).toEqual(notesBefore);
    const links = () =>
      sqlite
        .prepare('select from_id, to_id, context from note_links order by from_id, to_id')
        .all();
    expect(links()).toEqual([
      { from_id: '2511.00001', to_id: '2511.00002', context: 'See two.' },
      {
        from_id: '2511.00001',
        to_id: '9999.99999',
        context: 'Also hep-th/9901001v2 and 9999.99999.',
      },
      {
        from_id: '2511.00001',
        to_id: 'hep-th/9901001',
        context: 'Also hep-th/9901001v2 and 9999.99999.',
      },
    ]);
    // A link's source must be a note; deleting the note (or its paper) deletes its links.
    expect(() =>
      sqlite.prepare("insert into note_links values ('hep-th/0000000', '2511.00001', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    sqlite.prepare("delete from papers where id = '2511.00001'").run();
    expect(links()).toEqual([]);
    expect(sqlite.prepare('pragma integrity_check').pluck().get()).toBe('ok');
  });
});
