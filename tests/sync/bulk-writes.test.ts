import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary, type LibraryDb } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { createIngester } from '../../src/main/library/ingest-repo';
import { beginBulkWrites, truncateLog, withRelaxedCommit } from '../../src/main/sync/bulk-writes';
import { flushDescriptor, outsideAsar, startCheckpointer } from '../../src/main/sync/checkpointer';
import { addDays } from '../../src/main/sync/days';
import type { FeedPaper } from '../../src/main/library/feed-paper';
import { tempDir } from '../helpers/library';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function library(busyTimeoutMs?: number): Promise<LibraryDb> {
  const { dir, cleanup } = tempDir();
  const lib = await openLibrary({
    policy: backupOpeningPolicy,
    path: path.join(dir, 'library.sqlite'),
    busyTimeoutMs,
  });
  cleanups.push(cleanup, () => lib.close());
  return lib;
}

function paper(n: number): FeedPaper {
  return {
    id: `2501.${String(n).padStart(5, '0')}`,
    title: `Paper ${n}`,
    abstract: 'An abstract of some length. '.repeat(60),
    authors: [{ name: `Author ${n}`, hidden: false }],
    publishedAt: null,
    upvotes: n % 50,
    numComments: 0,
    aiSummary: null,
    aiKeywords: [],
    githubRepo: null,
    githubStars: null,
    projectPage: null,
    thumbnail: null,
  };
}

/** Write `days` feed days of 50 papers each, as the sync engine does in a long run. */
function writeDays(lib: LibraryDb, days: number): void {
  const ingester = createIngester(lib.sqlite);
  const now = new Date().toISOString();
  for (let d = 0; d < days; d++) {
    const papers = Array.from({ length: 50 }, (_, i) => paper(d * 50 + i));
    withRelaxedCommit(lib.sqlite, () =>
      ingester.ingestDay(
        { day: addDays('2024-01-01', d), papers, skipped: 0 },
        { source: 'feed', markSynced: true, now },
      ),
    );
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('bulk writes', () => {
  it('copy the log into the library from a worker thread while the sync writes', async () => {
    const lib = await library();
    const before = fs.statSync(lib.path).size;
    const end = beginBulkWrites(lib);
    writeDays(lib, 20); // about 4 MB of log: far below the writer's own checkpoint threshold
    // Only the worker's checkpoints grow the library file while the run goes on.
    await until(() => fs.statSync(lib.path).size > before, 'a checkpoint by the worker');
    await end();
    expect(lib.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(lib.sqlite.prepare('select count(*) from papers').pluck().get()).toBe(1000);
    expect(lib.sqlite.prepare('select count(*) from synced_days').pluck().get()).toBe(20);
    expect(lib.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Nothing else had the library open: the log was copied in full and cut back.
    expect(fs.statSync(`${lib.path}-wal`).size).toBe(0);
  });

  it('leave the log in place, quickly and losing nothing, while another connection reads from it', async () => {
    // Waiting out this busy timeout would outlast the test's own 30 s limit.
    const lib = await library(60_000);
    const end = beginBulkWrites(lib);
    writeDays(lib, 10);
    // A second connection (another process, say) in the middle of a read.
    const reader = new BetterSqlite3(lib.path, { readonly: true });
    cleanups.push(() => reader.close());
    reader.exec('begin');
    expect(reader.prepare('select count(*) from papers').pluck().get()).toBe(500);
    await end();
    expect(fs.statSync(`${lib.path}-wal`).size).toBeGreaterThan(0);
    expect(lib.sqlite.pragma('busy_timeout', { simple: true })).toBe(60_000);
    reader.exec('commit');
    expect(truncateLog(lib.sqlite)).toBe(true);
    expect(fs.statSync(`${lib.path}-wal`).size).toBe(0);
    expect(lib.sqlite.prepare('select count(*) from papers').pluck().get()).toBe(500);
    expect(lib.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('without the worker, the writer still checkpoints: a checkpointer that cannot start fails quietly', async () => {
    const lib = await library();
    const broken = startCheckpointer(lib.path, path.join(lib.path, 'no-such-addon.node'));
    await until(() => broken.failed, 'the worker to report its failure');
    await broken.stop(); // resolves although the thread is long gone
    writeDays(lib, 3);
    expect(lib.sqlite.prepare('select count(*) from papers').pluck().get()).toBe(150);
  });

  it("commit a feed day without its own fsync, then put the library's setting back", async () => {
    const lib = await library();
    const level = () => lib.sqlite.pragma('synchronous', { simple: true });
    expect(level()).toBe(2); // FULL, the library's own
    for (let round = 0; round < 2; round++) {
      // (twice: the second round runs on the statements prepared by the first)
      expect(withRelaxedCommit(lib.sqlite, level)).toBe(1); // NORMAL for the day
      expect(level()).toBe(2);
    }
    expect(() =>
      withRelaxedCommit(lib.sqlite, () => {
        throw new Error('the day failed');
      }),
    ).toThrow('the day failed');
    expect(level()).toBe(2);
    // Inside another transaction nothing changes: its commit is not the day's.
    lib.sqlite.exec('begin');
    expect(withRelaxedCommit(lib.sqlite, level)).toBe(2);
    lib.sqlite.exec('commit');
    // A connection set to EXTRA gets EXTRA back.
    lib.sqlite.pragma('synchronous = EXTRA');
    expect(withRelaxedCommit(lib.sqlite, level)).toBe(1);
    expect(level()).toBe(3);
  });

  it.runIf(process.platform === 'linux')(
    'flush the library through one descriptor per file, never closed, so no SQLite lock is dropped',
    async () => {
      const lib = await library();
      const openOnLibrary = () =>
        fs.readdirSync('/proc/self/fd').filter((fd) => {
          try {
            return fs.readlinkSync(`/proc/self/fd/${fd}`) === fs.realpathSync(lib.path);
          } catch {
            return false; // closed meanwhile (the readdir's own descriptor)
          }
        }).length;
      const bulkRun = async () => {
        const end = beginBulkWrites(lib);
        writeDays(lib, 5);
        await end();
      };
      await bulkRun();
      const fd = flushDescriptor(lib.path);
      expect(fd).toBeGreaterThanOrEqual(0);
      // The same descriptor again: one per file, not one per run.
      const afterFirst = openOnLibrary();
      await bulkRun();
      expect(openOnLibrary()).toBe(afterFirst);
      expect(flushDescriptor(lib.path)).toBe(fd);
      expect(fs.readlinkSync(`/proc/self/fd/${fd}`)).toBe(fs.realpathSync(lib.path));
      // And this process still holds its connection's shared lock on the library
      // file, which closing any descriptor of the file would have dropped (WAL
      // mode counts on it: the last connection to close removes the log).
      const { ino } = fs.statSync(lib.path);
      const ours = fs
        .readFileSync('/proc/locks', 'utf8')
        .split('\n')
        .filter((line) => line.includes(` ${process.pid} `) && line.includes(`:${ino} `));
      expect(ours.length).toBeGreaterThan(0);
      expect(lib.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');

      // A library made anew at the same path is another file: it gets a descriptor of its own.
      await lib.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${lib.path}${suffix}`, { force: true });
      const again = await openLibrary({ policy: backupOpeningPolicy, path: lib.path });
      cleanups.push(() => again.close());
      const fresh = flushDescriptor(again.path);
      expect(fresh).not.toBe(fd);
      expect(fs.fstatSync(fresh!).ino).toBe(fs.statSync(again.path).ino);
    },
  );

  it('loads better-sqlite3 from outside app.asar in the packaged app', () => {
    expect(outsideAsar('/opt/P/resources/app.asar/node_modules/better-sqlite3/lib/index.js')).toBe(
      '/opt/P/resources/app.asar.unpacked/node_modules/better-sqlite3/lib/index.js',
    );
    expect(outsideAsar('C:\\P\\resources\\app.asar\\node_modules\\x.js')).toBe(
      'C:\\P\\resources\\app.asar.unpacked\\node_modules\\x.js',
    );
    const dev = '/work/node_modules/better-sqlite3/lib/index.js';
    expect(outsideAsar(dev)).toBe(dev);
  });
});
